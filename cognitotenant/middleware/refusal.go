package middleware

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// The stable codes a refusal carries in its problem body. Clients may
// branch on them; they never change meaning between releases.
const (
	// CodeMissingToken: no credentials were sent (401, bare challenge).
	CodeMissingToken = "missing_token"
	// CodeUnsupportedScheme: an Authorization scheme other than Bearer
	// (401, bare challenge, as RFC 6750 §3.1 asks for unknown methods).
	CodeUnsupportedScheme = "unsupported_scheme"
	// CodeInvalidRequest: the credentials were malformed as a request:
	// two Authorization headers, an empty token (400, invalid_request).
	CodeInvalidRequest = "invalid_request"
	// CodeInvalidToken: the token was refused (401, invalid_token).
	CodeInvalidToken = "invalid_token"
	// CodeTokenExpired: the token expired (401, invalid_token). It is the
	// one reason told apart, because a client answers it by refreshing.
	CodeTokenExpired = "token_expired"
	// CodeInsufficientScope: the caller lacks a role, permission or scope
	// (403, insufficient_scope).
	CodeInsufficientScope = "insufficient_scope"
	// CodeNotFound: the path names another tenant (404, no challenge).
	CodeNotFound = "not_found"
	// CodeUnavailable: signing keys could not be had (503, Retry-After).
	CodeUnavailable = "temporarily_unavailable"
)

// Reasons this package gives for refusals it decides itself, in
// [Refusal].Reason and log lines, never in response bodies. Refusals
// decided by the verifier carry its cognitotenant.Reason, and those
// decided by the policy its rbac.Reason.
const (
	// ReasonNoToken: the request carried no credentials.
	ReasonNoToken = "no_token"
	// ReasonDuplicateHeader: the request carried two Authorization headers.
	ReasonDuplicateHeader = "duplicate_authorization"
	// ReasonScheme: the Authorization scheme was not Bearer.
	ReasonScheme = "unsupported_scheme"
	// ReasonEmptyToken: the Authorization header held no token.
	ReasonEmptyToken = "empty_token"
	// ReasonTokenTooLong: the token exceeded the length cap.
	ReasonTokenTooLong = "token_too_long"
	// ReasonExtractor: a cookie or custom extractor reported an error.
	ReasonExtractor = "extractor_failed"
	// ReasonVerifierContract: the verifier returned no error but no
	// claims, or claims without a tenant.
	ReasonVerifierContract = "verifier_contract"
	// ReasonVerifierError: the verifier returned an error that is not a
	// *cognitotenant.VerifyError.
	ReasonVerifierError = "verifier_error"
	// ReasonTenantMismatch: a path parameter named another tenant.
	ReasonTenantMismatch = "tenant_mismatch"
)

// Refusal describes why a request was turned away. The middleware builds
// it, sets the response headers RFC 6750 asks for (WWW-Authenticate,
// Retry-After) and hands it to the [ErrorHandler], which writes the
// status and body. Only Status and Code are meant for clients; the other
// fields are for logs and must not be echoed.
type Refusal struct {
	// Status is the HTTP status: 400, 401, 403, 404 or 503.
	Status int
	// Code is the stable body code, one of the Code constants.
	Code string
	// Reason is the finer cause for logs: a [cognitotenant.Reason], an
	// rbac reason code, or one of the Reason constants of this package.
	Reason string
	// Issuer and KeyID name the token's issuer and kid when known.
	Issuer string
	KeyID  string
	// Tenant is the verified tenant, set on authorization refusals.
	Tenant string
	// Scope lists the scopes a 403 required, for the challenge.
	Scope []string
	// Err is the underlying error, if any. Never send it to a client.
	Err error
}

// Error implements error, so a Refusal can travel as one. The message
// holds the code and reason, never the token or the cause's text.
func (r *Refusal) Error() string {
	return "cognitotenant/middleware: request refused: " + r.Code + " (" + r.Reason + ")"
}

// Unwrap returns the underlying error.
func (r *Refusal) Unwrap() error { return r.Err }

// ErrorHandler writes the status and body of a refusal. When it runs the
// WWW-Authenticate, Retry-After and Cache-Control headers are already
// set; it must write the status in r.Status so clients see the same
// answer from every adapter. It must not call the wrapped handler.
type ErrorHandler func(w http.ResponseWriter, req *http.Request, r *Refusal)

// problem is an RFC 9457 problem details body with one extension member.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
}

// details are fixed sentences per code, so no internal text reaches a
// client.
var details = map[string]string{
	CodeMissingToken:      "A bearer token is required.",
	CodeUnsupportedScheme: "Only the Bearer authorization scheme is accepted.",
	CodeInvalidRequest:    "The request carries malformed credentials.",
	CodeInvalidToken:      "The bearer token is not valid.",
	CodeTokenExpired:      "The bearer token has expired.",
	CodeInsufficientScope: "The token does not grant access to this resource.",
	CodeNotFound:          "The resource was not found.",
	CodeUnavailable:       "Tokens cannot be verified right now; retry later.",
}

// WriteProblem is the default [ErrorHandler]: it writes r.Status and an
// application/problem+json body (RFC 9457) with type, title, status, a
// fixed detail sentence and the code. Custom handlers may call it for
// the cases they do not change.
func WriteProblem(w http.ResponseWriter, _ *http.Request, r *Refusal) {
	body, err := json.Marshal(problem{
		Type:   "about:blank",
		Title:  http.StatusText(r.Status),
		Status: r.Status,
		Detail: details[r.Code],
		Code:   r.Code,
	})
	if err != nil {
		// A struct of strings and an int always marshals; fall back to
		// the status alone rather than panic in a request path.
		w.WriteHeader(r.Status)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(r.Status)
	_, _ = w.Write(body)
}

// challenge returns the WWW-Authenticate value for r, or "" when its
// status carries none (404, 503).
func (a *Authenticator) challenge(r *Refusal) string {
	var attr string
	switch r.Code {
	case CodeMissingToken, CodeUnsupportedScheme:
		// RFC 6750 §3.1: no error code when no bearer credentials came.
		return a.bareChallenge
	case CodeInvalidRequest:
		attr = `error="invalid_request"`
	case CodeInvalidToken, CodeTokenExpired:
		attr = `error="invalid_token"`
	case CodeInsufficientScope:
		attr = `error="insufficient_scope"`
		if len(r.Scope) > 0 {
			attr += `, scope="` + strings.Join(r.Scope, " ") + `"`
		}
	default:
		return ""
	}
	return a.bareChallenge + ", " + attr
}
