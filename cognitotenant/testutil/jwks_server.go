package testutil

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// JWKSPath is where a JWKSServer serves the key set, as Cognito does
// under the issuer URL.
const JWKSPath = "/.well-known/jwks.json"

// JWKSServer serves an Issuer's key set over HTTP on loopback, counts the
// requests it gets, and can be told to fail, stall or serve garbage, for
// testing how a verifier's key cache behaves. It is safe for concurrent
// use. Close it when done.
type JWKSServer struct {
	srv    *httptest.Server
	issuer *Issuer

	hits        atomic.Int64
	noCacheHits atomic.Int64

	mu     sync.Mutex
	status int           // non-zero: answer with this status
	delay  time.Duration // wait before answering
	body   []byte        // non-nil: serve this instead of the key set
}

// NewJWKSServer starts a server publishing iss's key set at JWKSPath
// under any prefix, as cognito-local serves /<poolId>/.well-known/jwks.json;
// any other path answers 404. The set is read on every request, so a Rotate of
// iss shows up at once.
func NewJWKSServer(iss *Issuer) *JWKSServer {
	s := &JWKSServer{issuer: iss}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the server's base URL, usable as an emulator issuer.
func (s *JWKSServer) URL() string { return s.srv.URL }

// JWKSURL returns the URL of the key set.
func (s *JWKSServer) JWKSURL() string { return s.srv.URL + JWKSPath }

// Hits returns how many key set requests the server has received,
// including those it failed on purpose.
func (s *JWKSServer) Hits() int { return int(s.hits.Load()) }

// NoCacheHits returns how many of those carried Cache-Control: no-cache.
func (s *JWKSServer) NoCacheHits() int { return int(s.noCacheHits.Load()) }

// Fail makes every later request answer status (such as 500 or 403);
// status 0 restores normal service.
func (s *JWKSServer) Fail(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = status
}

// Delay makes every later request wait d before answering, or until the
// client gives up; 0 removes the delay.
func (s *JWKSServer) Delay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// ServeBody makes every later request get body, with status 200, in place
// of the key set: invalid JSON, an oversized document, a set of unusable
// keys. nil restores the key set.
func (s *JWKSServer) ServeBody(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body = body
}

// Rotate rotates the issuer's keys (see Issuer.Rotate); the server
// publishes the new set from the next request.
func (s *JWKSServer) Rotate(keepOld bool) error { return s.issuer.Rotate(keepOld) }

// Client returns an HTTP client for the server.
func (s *JWKSServer) Client() *http.Client { return s.srv.Client() }

// Close shuts the server down, waiting for requests in progress.
func (s *JWKSServer) Close() { s.srv.Close() }

func (s *JWKSServer) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, JWKSPath) {
		http.NotFound(w, r)
		return
	}
	s.hits.Add(1)
	if r.Header.Get("Cache-Control") == "no-cache" {
		s.noCacheHits.Add(1)
	}
	s.mu.Lock()
	status, delay, body := s.status, s.delay, s.body
	s.mu.Unlock()

	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
	}
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if body == nil {
		body = s.issuer.JWKS()
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}
