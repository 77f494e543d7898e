package cognitotenant

import (
	"errors"
	"fmt"
)

// Sentinel errors returned, wrapped in a *VerifyError, by [Verifier.Verify].
// Callers branch on them with errors.Is. Every sentinel except
// ErrKeysUnavailable describes a token that must be refused with 401;
// ErrKeysUnavailable means the verifier could not decide and a 503 fits.
var (
	// ErrMalformed reports a token that is not a compact JWS with a JSON
	// header and payload, or whose claims have the wrong JSON types.
	ErrMalformed = errors.New("cognitotenant: malformed token")
	// ErrAlgorithm reports a header alg other than RS256, or a key whose
	// own alg disagrees with it.
	ErrAlgorithm = errors.New("cognitotenant: signing algorithm not allowed")
	// ErrUnknownKey reports a missing kid or a kid absent from the key set
	// even after a refresh.
	ErrUnknownKey = errors.New("cognitotenant: unknown signing key")
	// ErrSignature reports a signature that does not verify.
	ErrSignature = errors.New("cognitotenant: invalid signature")
	// ErrIssuer reports an iss that is not a configured user pool.
	ErrIssuer = errors.New("cognitotenant: issuer not allowed")
	// ErrTokenUse reports a token_use other than the configured one.
	ErrTokenUse = errors.New("cognitotenant: token use not allowed")
	// ErrClient reports an aud (ID token) or client_id (access token)
	// outside the allowed app clients.
	ErrClient = errors.New("cognitotenant: app client not allowed")
	// ErrExpired reports a token past its exp, or one without exp.
	ErrExpired = errors.New("cognitotenant: token expired")
	// ErrNotYetValid reports an nbf or iat in the future beyond the leeway.
	ErrNotYetValid = errors.New("cognitotenant: token not yet valid")
	// ErrTooOld reports a token issued longer ago than the configured
	// maximum age.
	ErrTooOld = errors.New("cognitotenant: token too old")
	// ErrTenantMissing reports a tenant claim that is absent, empty, not a
	// string, too long, or refused by the tenant validator.
	ErrTenantMissing = errors.New("cognitotenant: tenant claim missing or invalid")
	// ErrCustomCheck reports a token refused by the caller's own check.
	ErrCustomCheck = errors.New("cognitotenant: token refused by custom check")
	// ErrKeysUnavailable reports that no usable key set could be had for
	// the token's issuer: the token was neither accepted nor refused.
	ErrKeysUnavailable = errors.New("cognitotenant: signing keys unavailable")
)

// Reason is a stable, machine-readable code for why a token was refused.
// Reasons are safe to log and to return to clients.
type Reason string

// The reasons a [VerifyError] carries, one for each sentinel error.
const (
	ReasonMalformed       Reason = "malformed"
	ReasonAlgorithm       Reason = "algorithm"
	ReasonUnknownKey      Reason = "unknown_key"
	ReasonSignature       Reason = "signature"
	ReasonIssuer          Reason = "issuer"
	ReasonTokenUse        Reason = "token_use"
	ReasonClient          Reason = "client"
	ReasonExpired         Reason = "expired"
	ReasonNotYetValid     Reason = "not_yet_valid"
	ReasonTooOld          Reason = "too_old"
	ReasonTenantMissing   Reason = "tenant_missing"
	ReasonCustomCheck     Reason = "custom_check"
	ReasonKeysUnavailable Reason = "keys_unavailable"
)

// reasonErrors maps each reason to its sentinel.
var reasonErrors = map[Reason]error{
	ReasonMalformed:       ErrMalformed,
	ReasonAlgorithm:       ErrAlgorithm,
	ReasonUnknownKey:      ErrUnknownKey,
	ReasonSignature:       ErrSignature,
	ReasonIssuer:          ErrIssuer,
	ReasonTokenUse:        ErrTokenUse,
	ReasonClient:          ErrClient,
	ReasonExpired:         ErrExpired,
	ReasonNotYetValid:     ErrNotYetValid,
	ReasonTooOld:          ErrTooOld,
	ReasonTenantMissing:   ErrTenantMissing,
	ReasonCustomCheck:     ErrCustomCheck,
	ReasonKeysUnavailable: ErrKeysUnavailable,
}

// VerifyError is the one error type [Verifier.Verify] returns. It carries a
// stable Reason, the issuer and key id when known, and the underlying cause.
// errors.Is matches it against the sentinel of its Reason and against
// anything in its cause chain. Its message never contains the token.
type VerifyError struct {
	Reason Reason
	// Issuer is the token's iss when it was readable, for logs.
	Issuer string
	// KeyID is the token's kid when it was readable, for logs.
	KeyID string
	// Err is the cause, if any; it may be nil.
	Err error
}

// NewVerifyError returns a *VerifyError for reason with an optional cause.
func NewVerifyError(reason Reason, cause error) *VerifyError {
	return &VerifyError{Reason: reason, Err: cause}
}

// Error implements error.
func (e *VerifyError) Error() string {
	msg := "cognitotenant: token refused: " + string(e.Reason)
	if e.Reason == ReasonKeysUnavailable {
		msg = "cognitotenant: signing keys unavailable"
	}
	if e.Err != nil {
		msg = fmt.Sprintf("%s: %v", msg, e.Err)
	}
	return msg
}

// Unwrap returns the cause.
func (e *VerifyError) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel of e's Reason.
func (e *VerifyError) Is(target error) bool {
	s, ok := reasonErrors[e.Reason]
	return ok && s == target
}

// ReasonOf returns the Reason of the first *VerifyError in err's chain, or
// "" when there is none.
func ReasonOf(err error) Reason {
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve.Reason
	}
	return ""
}

// refusal is a refusal's specific cause. Its message is the detail alone,
// so a *VerifyError does not repeat its sentinel's text, while errors.Is
// still finds the sentinel and any wrapped cause.
type refusal struct {
	sentinel error
	detail   error
}

func (r *refusal) Error() string   { return r.detail.Error() }
func (r *refusal) Unwrap() []error { return []error{r.sentinel, r.detail} }

// refuse returns an error matching sentinel, described by format and args
// as for fmt.Errorf (%w wraps a cause).
func refuse(sentinel error, format string, args ...any) error {
	return &refusal{sentinel: sentinel, detail: fmt.Errorf(format, args...)}
}

// newRefusal turns an internal error into the *VerifyError Verify
// returns: the reason of the sentinel it was refused with, the detail as
// cause. A refusal's own sentinel decides, so a cause that happens to wrap
// another sentinel (a custom check returning ErrExpired, say) cannot
// change the reason.
func newRefusal(err error, issuer, kid string) *VerifyError {
	ve := &VerifyError{Reason: ReasonMalformed, Issuer: issuer, KeyID: kid, Err: err}
	sentinel := err
	var r *refusal
	if errors.As(err, &r) {
		sentinel, ve.Err = r.sentinel, r.detail
	}
	for reason, s := range reasonErrors {
		if s == sentinel {
			ve.Reason = reason
			if err == s {
				ve.Err = nil
			}
			return ve
		}
	}
	for reason, s := range reasonErrors {
		if errors.Is(err, s) {
			ve.Reason = reason
			break
		}
	}
	return ve
}

// ErrClosed reports a call that needs a key set fetch made after
// [Verifier.Close]: WarmUp returns it, wrapped, without fetching.
var ErrClosed = errors.New("cognitotenant: verifier closed")
