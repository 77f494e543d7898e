package cognitotenant

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"unsafe"
)

// maxTokenBytes bounds what is decoded at all; Cognito tokens are a few
// KiB even with many groups.
const maxTokenBytes = 16 << 10

// b64 refuses non-canonical encodings, so that each token has exactly one
// string form and the verified-token cache cannot be fed a twin.
var b64 = base64.RawURLEncoding.Strict()

// compactToken is a JWS in compact serialization, split and decoded.
//
// Why not jws.Parse: token verification is this package's job, and the
// budget for a cold verify is 15 % over the bare RSA operation. jwx's
// generic parse costs about as much again as the RSA verify itself. The
// compact form is three base64url segments; the header needs two fields
// and the signature is checked with crypto/rsa on a key jwx converted.
// Key sets, where JOSE's breadth lives, stay with jwx (internal/jose).
type compactToken struct {
	signingInput string
	header       tokenHeader
	payload      []byte
	signature    []byte
}

// tokenHeader is the JOSE header fields the verifier acts on.
type tokenHeader struct {
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	// Crit lists extensions the token demands be understood (RFC 7515
	// §4.1.11); this verifier understands none, so any refuses the token.
	Crit json.RawMessage `json:"crit"`
}

func errMalformed(what string) error {
	return refuse(ErrMalformed, "%s", what)
}

// parseCompact splits and decodes token. Every failure wraps ErrMalformed.
func parseCompact(token string) (*compactToken, error) {
	if len(token) > maxTokenBytes {
		return nil, errMalformed("token too long")
	}
	first := strings.IndexByte(token, '.')
	last := strings.LastIndexByte(token, '.')
	if first < 0 || first == last || strings.IndexByte(token[first+1:last], '.') >= 0 {
		return nil, errMalformed("not three dot-separated segments")
	}
	h, p, s := token[:first], token[first+1:last], token[last+1:]
	if h == "" || p == "" || s == "" {
		return nil, errMalformed("empty segment")
	}

	// One buffer for the three segments: the payload slice outlives the
	// call inside Claims, and one allocation is cheaper than three.
	hn, pn := b64.DecodedLen(len(h)), b64.DecodedLen(len(p))
	buf := make([]byte, hn+pn+b64.DecodedLen(len(s)))
	hl, err := b64.Decode(buf[:hn], unsafeBytes(h))
	if err != nil {
		return nil, errMalformed("header is not base64url")
	}
	pl, err := b64.Decode(buf[hn:hn+pn], unsafeBytes(p))
	if err != nil {
		return nil, errMalformed("payload is not base64url")
	}
	sl, err := b64.Decode(buf[hn+pn:], unsafeBytes(s))
	if err != nil {
		return nil, errMalformed("signature is not base64url")
	}

	t := &compactToken{
		signingInput: token[:last],
		payload:      buf[hn : hn+pl : hn+pl],
		signature:    buf[hn+pn : hn+pn+sl],
	}
	if err := json.Unmarshal(buf[:hl], &t.header); err != nil {
		return nil, refuse(ErrMalformed, "header: %w", jsonCause(err))
	}
	if t.header.Crit != nil {
		return nil, errMalformed("critical header extensions are not supported")
	}
	return t, nil
}

// verifySignature checks an RS256 (RSASSA-PKCS1-v1_5 with SHA-256)
// signature over the signing input.
func (t *compactToken) verifySignature(pub *rsa.PublicKey) error {
	if len(t.signature) != pub.Size() {
		return refuse(ErrSignature, "signature length does not match the key")
	}
	digest := sha256.Sum256(unsafeBytes(t.signingInput))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], t.signature); err != nil {
		if errors.Is(err, rsa.ErrVerification) {
			return ErrSignature
		}
		return refuse(ErrSignature, "%w", err)
	}
	return nil
}

// unsafeBytes views s as bytes without copying. Only for reading by
// functions that neither modify nor retain their argument (hashing and
// base64 decoding): a token is a few KiB and the copy would be the cold
// path's largest allocation and the warm path's only one.
func unsafeBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
