package server

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Stable problem codes of the service's own refusals. The middleware's
// codes (missing_token, invalid_token, insufficient_scope, ...) complete the
// set; clients branch on code, never on detail.
const (
	codeInvalidJSON        = "invalid_json"
	codeUnknownField       = "unknown_field"
	codeBodyTooLarge       = "body_too_large"
	codeInvalidRequest     = "invalid_request"
	codeInvalidCredentials = "invalid_credentials"
	codeUserNotConfirmed   = "user_not_confirmed"
	codePasswordReset      = "password_reset_required"
	codeInvalidPassword    = "invalid_password"
	codeUnsupportedChall   = "unsupported_challenge"
	codeUserExists         = "user_exists"
	codeRateLimited        = "rate_limited"
	codeProvider           = "identity_provider_error"
	codeNotFound           = "not_found"
	codeMethodNotAllowed   = "method_not_allowed"
	codeConflict           = "version_conflict"
	codeTenantMismatch     = "tenant_mismatch"
	codeTenantSuspended    = "tenant_suspended"
	codeRoleTooHigh        = "role_above_own"
	codeInternal           = "internal_error"
	codeUnauthorized       = "unauthorized"
)

// problem is an RFC 9457 problem details body, shaped like the
// middleware's so clients see one error format.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
}

// writeProblem answers with an application/problem+json body. detail must
// be a fixed sentence or client-supplied text only: never an internal
// error, another tenant's id or a secret.
func writeProblem(w http.ResponseWriter, status int, code, detail string) {
	body, err := json.Marshal(problem{
		Type:   "about:blank",
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
		Code:   code,
	})
	if err != nil {
		w.WriteHeader(status)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeJSON answers with a JSON body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		writeProblem(w, http.StatusInternalServerError, codeInternal,
			"The response could not be encoded.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
