package testutil

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// FakeCognito is an in-process Cognito user-pool service. It speaks the
// AWS JSON 1.1 protocol of the cognito-idp API, so an unmodified
// aws-sdk-go-v2 cognitoidentityprovider client works against it through a
// custom BaseEndpoint, and it issues RS256 tokens shaped like Cognito's,
// signed with two keys per pool, whose key sets it serves at
// /<poolId>/.well-known/jwks.json.
//
// It is an http.Handler: serve it with StartFakeCognito in a test, with
// Start on a fixed address, or mount it in a server of your own. All
// state lives in the value, so fakes never share users or keys. A
// FakeCognito is safe for concurrent use.
//
// It does not check SigV4 signatures: any credentials are accepted.
type FakeCognito struct {
	region  string
	account string
	now     func() time.Time
	keyBits int
	log     *slog.Logger

	mu      sync.Mutex
	baseURL string
	// fixedBase is set by WithCognitoBaseURL, which Start keeps.
	fixedBase bool
	pools     map[string]*fakePool
	grants    grantStore
	server    *http.Server
	closeFn   func()
}

// FakeCognitoOption configures a FakeCognito.
type FakeCognitoOption func(*FakeCognito)

// WithCognitoRegion sets the region that prefixes pool ids and names
// the ARNs; the default is DefaultRegion.
func WithCognitoRegion(region string) FakeCognitoOption {
	return func(fc *FakeCognito) { fc.region = region }
}

// WithCognitoClock sets the clock that stamps tokens and decides expiry of
// tokens, sessions and temporary passwords. Tests move it forward to
// expire tokens without sleeping.
func WithCognitoClock(now func() time.Time) FakeCognitoOption {
	return func(fc *FakeCognito) { fc.now = now }
}

// WithCognitoKeyBits sets the RSA modulus size of pool signing keys; the
// default is 2048, as Cognito.
func WithCognitoKeyBits(bits int) FakeCognitoOption {
	return func(fc *FakeCognito) { fc.keyBits = bits }
}

// WithCognitoBaseURL sets the URL the fake is reached at, which makes
// token issuers <base>/<poolId>. Start and StartFakeCognito set it
// themselves; a fake mounted elsewhere without it takes the base from
// each request's Host, as cognito-local does.
func WithCognitoBaseURL(base string) FakeCognitoOption {
	return func(fc *FakeCognito) { fc.baseURL, fc.fixedBase = base, base != "" }
}

// WithCognitoLogger sets the logger that records each operation at
// Debug level: its name and error type, never a token or password.
func WithCognitoLogger(l *slog.Logger) FakeCognitoOption {
	return func(fc *FakeCognito) { fc.log = l }
}

// ErrInvalidOption is wrapped by the error NewFakeCognito returns for an
// empty region, a nil clock or logger, or keys under 1024 bits.
var ErrInvalidOption = errors.New("testutil: invalid fake cognito option")

// NewFakeCognito returns an empty fake with no pools. It returns an
// error, wrapping ErrInvalidOption, only for an invalid option.
func NewFakeCognito(opts ...FakeCognitoOption) (*FakeCognito, error) {
	fc := &FakeCognito{
		region:  DefaultRegion,
		account: "123456789012",
		now:     time.Now,
		keyBits: 2048,
		log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		pools:   map[string]*fakePool{},
		grants:  newGrantStore(),
	}
	for _, o := range opts {
		o(fc)
	}
	if fc.region == "" || fc.now == nil || fc.log == nil || fc.keyBits < 1024 {
		return nil, fmt.Errorf("%w: region, clock, logger and a key size of "+
			"at least 1024 bits are required", ErrInvalidOption)
	}
	return fc, nil
}

// Region returns the region of the fake's pools.
func (fc *FakeCognito) Region() string { return fc.region }

// URL returns the endpoint to give the SDK as BaseEndpoint, without a
// trailing slash; empty for a fake that was neither started nor given
// WithCognitoBaseURL.
func (fc *FakeCognito) URL() string {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return fc.baseURL
}

// IssuerURL returns the iss of the pool's tokens: <URL>/<poolID>, the
// form cognito-local uses. Verifiers need it as an explicit issuer.
func (fc *FakeCognito) IssuerURL(poolID string) string {
	return fc.URL() + "/" + poolID
}

// JWKSURL returns where the pool's public keys are served.
func (fc *FakeCognito) JWKSURL(poolID string) string {
	return fc.IssuerURL(poolID) + "/.well-known/jwks.json"
}

// issuerBase returns the base URL of issuers for a request.
func (fc *FakeCognito) issuerBase(r *http.Request) string {
	if base := fc.URL(); base != "" {
		return base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
