package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// requestInfo collects what the one log line of a request reports. The
// logging middleware puts it on the context; handlers deeper in the chain
// fill in the identity once a token is verified.
type requestInfo struct {
	tenant  string
	subject string
}

type requestInfoKey struct{}

// noteIdentity records the verified caller for the request's log line.
func noteIdentity(ctx context.Context, c *cognitotenant.Claims) {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok && c != nil {
		ri.tenant, ri.subject = c.TenantID, c.Subject
	}
}

// noteTarget records the tenant a platform caller acts on, and who that
// caller is, for the request's log line.
func noteTarget(ctx context.Context, tenant, actor string) {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		ri.tenant, ri.subject = tenant, actor
	}
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests writes one structured line per request, after it ends: the
// route pattern rather than the raw path (a path may carry ids), status,
// size, duration, and the verified tenant and subject. Never a header, a
// body or a token. It also turns a handler panic into a 500.
func logRequests(log *slog.Logger, listener string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID()
		w.Header().Set("X-Request-Id", id)
		ri := &requestInfo{}
		rec := &statusRecorder{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, ri))

		defer func() {
			level := slog.LevelInfo
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.LogAttrs(r.Context(), slog.LevelError, "handler panic",
					slog.String("request_id", id), slog.Any("panic", p))
				if rec.status == 0 {
					writeProblem(rec, http.StatusInternalServerError, codeInternal,
						"The request failed.")
				}
			}
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			if rec.status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(r.Context(), level, "request",
				slog.String("listener", listener),
				slog.String("request_id", id),
				slog.String("method", r.Method),
				slog.String("route", routeOf(r)),
				slog.Int("status", rec.status),
				slog.Int("bytes", rec.bytes),
				slog.Float64("duration_ms",
					float64(time.Since(start).Microseconds())/1000),
				slog.String("tenant", ri.tenant),
				slog.String("sub", ri.subject),
			)
		}()
		next.ServeHTTP(rec, r)
	})
}

// routeOf returns the matched pattern, which ServeMux stores on the
// request, or a fixed marker for unmatched paths so that scanners do not
// fill the logs with their probes.
func routeOf(r *http.Request) string {
	if r.Pattern != "" {
		return r.Pattern
	}
	return "(unmatched)"
}

func requestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
