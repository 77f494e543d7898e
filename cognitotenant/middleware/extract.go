package middleware

import (
	"errors"
	"net/http"
	"strings"
)

// errDuplicateCookie is the extractor error for a repeated token cookie.
var errDuplicateCookie = errors.New("token cookie sent more than once")

// extract finds the request's token. It returns "" and nil when the
// request carries no credentials at all.
func (a *Authenticator) extract(r *http.Request) (string, *Refusal) {
	// Indexing the map, not Header.Get, so a repeated header is seen.
	if vals := r.Header["Authorization"]; len(vals) > 0 {
		if len(vals) > 1 {
			return "", refuse(400, CodeInvalidRequest, ReasonDuplicateHeader)
		}
		return a.fromAuthorization(vals[0])
	}
	for _, e := range a.cfg.extractors {
		tok, err := e(r)
		if err != nil {
			ref := refuse(400, CodeInvalidRequest, ReasonExtractor)
			ref.Err = err
			return "", ref
		}
		if tok != "" {
			return tok, a.checkToken(tok)
		}
	}
	return "", nil
}

// fromAuthorization parses one Authorization value as RFC 7235
// credentials: a scheme, one or more spaces, a token68.
func (a *Authenticator) fromAuthorization(v string) (string, *Refusal) {
	scheme, rest, _ := strings.Cut(v, " ")
	if scheme == "" && rest == "" {
		return "", refuse(400, CodeInvalidRequest, ReasonEmptyToken)
	}
	// RFC 7235 §2.1: the scheme is case-insensitive.
	if !strings.EqualFold(scheme, "Bearer") {
		return "", refuse(401, CodeUnsupportedScheme, ReasonScheme)
	}
	tok := strings.Trim(rest, " \t")
	if tok == "" {
		return "", refuse(400, CodeInvalidRequest, ReasonEmptyToken)
	}
	return tok, a.checkToken(tok)
}

// checkToken applies the length cap before the verifier decodes
// anything. The character set is left to the verifier's base64url
// decoder, which refuses anything else: scanning it here as well would
// double the per-request cost, and its token cache only ever holds
// tokens that decoded and verified.
func (a *Authenticator) checkToken(tok string) *Refusal {
	if len(tok) > a.cfg.maxLen {
		return refuse(401, CodeInvalidToken, ReasonTokenTooLong)
	}
	return nil
}

// cookieExtractor reads the token from the named cookie and refuses a
// request that carries the cookie twice.
func cookieExtractor(name string) Extractor {
	return func(r *http.Request) (string, error) {
		cs := r.CookiesNamed(name)
		switch len(cs) {
		case 0:
			return "", nil
		case 1:
			return cs[0].Value, nil
		default:
			return "", errDuplicateCookie
		}
	}
}

// refuse builds a Refusal with a status, a body code and a log reason.
func refuse(status int, code, reason string) *Refusal {
	return &Refusal{Status: status, Code: code, Reason: reason}
}
