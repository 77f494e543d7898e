package middleware

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
)

// TokenVerifier verifies a raw token and returns its claims. The
// *cognitotenant.Verifier satisfies it. Verify must be safe for
// concurrent use and return a non-nil *Claims with a tenant or an error.
// The middleware reads only the Reason of a *cognitotenant.VerifyError in
// that error: ReasonKeysUnavailable answers 503 and ReasonExpired
// token_expired. Any other error, a bare sentinel included, answers 401
// invalid_token.
type TokenVerifier interface {
	Verify(ctx context.Context, token string) (*cognitotenant.Claims, error)
}

// Authenticator is the framework-free core shared by the net/http
// middleware and the gin and echo adapters: every rule about tokens,
// status codes and headers lives here once. It is immutable after [New]
// and safe for concurrent use.
type Authenticator struct {
	verifier      TokenVerifier
	cfg           config
	policy        *rbac.Policy
	bareChallenge string
	retryAfter    string
}

// New returns an Authenticator that verifies tokens with v. It returns
// an error wrapping [ErrConfig] when v is nil or an option is invalid.
func New(v TokenVerifier, opts ...Option) (*Authenticator, error) {
	if v == nil {
		return nil, fmt.Errorf("%w: nil verifier", ErrConfig)
	}
	cfg := config{
		realm:        DefaultRealm,
		maxLen:       DefaultMaxTokenLength,
		retryAfter:   DefaultRetryAfter,
		errorHandler: WriteProblem,
	}
	for _, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("%w: nil option", ErrConfig)
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.policy == nil {
		cfg.policy = rbac.Default()
	}
	secs := (cfg.retryAfter + 999_999_999) / 1_000_000_000
	return &Authenticator{
		verifier:      v,
		cfg:           cfg,
		policy:        cfg.policy,
		bareChallenge: `Bearer realm="` + cfg.realm + `"`,
		retryAfter:    strconv.FormatInt(int64(secs), 10),
	}, nil
}

// Authenticate applies the skipper, extracts and verifies the token of
// r, and returns r with the claims on its context (read them with
// cognitotenant.FromContext). It returns r unchanged when the request is
// skipped or, in credentials-optional mode, carries no credentials. On
// refusal it returns a nil request and the Refusal, which the caller
// passes to [Authenticator.Refuse] without running its handler.
func (a *Authenticator) Authenticate(r *http.Request) (*http.Request, *Refusal) {
	if a.cfg.skipper != nil && a.cfg.skipper(r) {
		return r, nil
	}
	tok, ref := a.extract(r)
	if ref != nil {
		return nil, ref
	}
	if tok == "" {
		if a.cfg.optional {
			return r, nil
		}
		return nil, refuse(401, CodeMissingToken, ReasonNoToken)
	}
	claims, err := a.verifier.Verify(r.Context(), tok)
	if err != nil {
		return nil, verifyRefusal(err)
	}
	if claims == nil || claims.TenantID == "" {
		// A verifier that breaks its contract must not open the door.
		ref := refuse(401, CodeInvalidToken, ReasonVerifierContract)
		if claims != nil {
			ref.Reason, ref.Issuer = string(cognitotenant.ReasonTenantMissing), claims.Issuer
		}
		return nil, ref
	}
	return r.WithContext(cognitotenant.NewContext(r.Context(), claims)), nil
}

// verifyRefusal maps a verifier error to a refusal: 503 when keys were
// unavailable, 401 for everything else, so an unknown error fails closed.
// It reads the verifier's Reason, not errors.Is: a VerifyError's cause
// may be a custom check's own error, and a sentinel wrapped there must
// not turn a refused token into a 503 or an expiry.
func verifyRefusal(err error) *Refusal {
	reason := cognitotenant.ReasonOf(err)
	ref := refuse(401, CodeInvalidToken, string(reason))
	ref.Err = err
	var ve *cognitotenant.VerifyError
	if errors.As(err, &ve) {
		ref.Issuer, ref.KeyID = ve.Issuer, ve.KeyID
	}
	switch reason {
	case cognitotenant.ReasonKeysUnavailable:
		ref.Status, ref.Code = 503, CodeUnavailable
	case cognitotenant.ReasonExpired:
		ref.Code = CodeTokenExpired
	case "":
		ref.Reason = ReasonVerifierError
	}
	return ref
}

// Refuse logs ref, sets the WWW-Authenticate, Retry-After and
// Cache-Control headers RFC 6750 asks for, and calls the error handler
// to write the status and body. Adapters call it for every refusal and
// then stop the chain.
func (a *Authenticator) Refuse(w http.ResponseWriter, r *http.Request, ref *Refusal) {
	a.log(r, ref)
	h := w.Header()
	if c := a.challenge(ref); c != "" {
		h.Set("WWW-Authenticate", c)
	}
	if ref.Status == http.StatusServiceUnavailable {
		h.Set("Retry-After", a.retryAfter)
	}
	// A refusal depends on the credentials; no cache may reuse it.
	h.Set("Cache-Control", "no-store")
	a.cfg.errorHandler(w, r, ref)
}

// log writes one line per refusal: Debug for routine refusals, Warn for
// a path naming another tenant, which is a security event.
func (a *Authenticator) log(r *http.Request, ref *Refusal) {
	l := a.cfg.logger
	if l == nil {
		return
	}
	level := slog.LevelDebug
	if ref.Reason == ReasonTenantMismatch {
		level = slog.LevelWarn
	}
	ctx := r.Context()
	if !l.Enabled(ctx, level) {
		return
	}
	l.LogAttrs(ctx, level, "cognitotenant: request refused",
		slog.Int("status", ref.Status),
		slog.String("code", ref.Code),
		slog.String("reason", ref.Reason),
		slog.String("issuer", ref.Issuer),
		slog.String("kid", ref.KeyID),
		slog.String("tenant", ref.Tenant),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
	)
}
