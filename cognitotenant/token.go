package cognitotenant

import (
	"crypto"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// maxTokenBytes bounds what is decoded at all; Cognito tokens are a few
// KiB even with many groups.
const maxTokenBytes = 16 << 10

// b64 refuses non-canonical trailing bits and padding. It still skips '\r'
// and '\n' anywhere in its input, so decodeSegment checks the length too:
// each token then has exactly one string form and the verified-token
// cache cannot be fed a twin.
var b64 = base64.RawURLEncoding.Strict()

// decodeSegment decodes seg into dst, which has room for
// b64.DecodedLen(len(seg)), and returns the decoded length. It fails when
// seg is not canonical base64url. The decoder drops line breaks silently,
// so output shorter than seg's length implies means seg held some.
func decodeSegment(dst []byte, seg string) (int, bool) {
	n, err := b64.Decode(dst, unsafeBytes(seg))
	return n, err == nil && b64.EncodedLen(n) == len(seg)
}

// compactToken is a JWS in compact serialization, split and decoded.
//
// Why not jws.Parse: token verification is this package's job, and the
// budget for a cold verify is 15 % over the bare RSA operation. jwx's
// generic parse costs about as much again as the RSA verify itself. The
// compact form is three base64url segments; the header needs two fields
// and the signature is checked with crypto/rsa on a key jwx converted.
// Key sets, where JOSE's breadth lives, stay with jwx (internal/jose).
type compactToken struct {
	headerSegment string
	header        tokenHeader
	payload       []byte
	// sigCopy is an owned copy of the encoded signature, for the token
	// cache, when parseCompact was asked for one.
	sigCopy string
}

// sigScratch holds a decoded signature on the caller's stack: it is
// needed only for the RSA verify, and room for 4096-bit keys covers
// Cognito's 2048. A longer signature falls back to the heap.
type sigScratch [512]byte

// tokenHeader is the JOSE header fields the verifier acts on.
type tokenHeader struct {
	Alg string
	Kid string
}

// headerFields is what a header decodes into. Each field counts the keys
// that filled it, so that decodeHeader can insist on one exact key each.
type headerFields struct {
	Alg memberValue `json:"alg"`
	Kid memberValue `json:"kid"`
	// Crit lists extensions the token demands be understood (RFC 7515
	// §4.1.11); this verifier understands none, so any refuses the token.
	Crit memberValue `json:"crit"`
}

var (
	quotedAlg = []byte(`"alg"`)
	quotedKid = []byte(`"kid"`)
)

// decodeHeader decodes a header's JSON. Only headers not seen before get
// here, so its extra scans of a hundred bytes stay off the common path.
func decodeHeader(raw []byte) (tokenHeader, error) {
	var f headerFields
	if err := decodeJSON(raw, &f); err != nil {
		return tokenHeader{}, refuse(ErrMalformed, "header: %w", err)
	}
	if f.Crit.set {
		return tokenHeader{}, errMalformed("critical header extensions are not supported")
	}
	for _, m := range []struct {
		v      *memberValue
		quoted []byte
	}{{&f.Alg, quotedAlg}, {&f.Kid, quotedKid}} {
		if !m.v.set {
			continue
		}
		if !exactKey(m.v, raw, m.quoted) {
			return tokenHeader{}, refuse(ErrMalformed,
				"header %s key is repeated or not spelled exactly", m.quoted)
		}
		if !m.v.isString {
			return tokenHeader{}, refuse(ErrMalformed, "header %s is not a string", m.quoted)
		}
	}
	return tokenHeader{Alg: f.Alg.value, Kid: f.Kid.value}, nil
}

func errMalformed(what string) error {
	return refuse(ErrMalformed, "%s", what)
}

// parseCompact splits and decodes token, whose signature follows the dot
// at last (see signatureDot), taking the header from known when it has
// verified before. It returns the decoded signature apart, in scratch
// when it fits: as a field of the token, escape analysis would move
// scratch to the heap with the payload. keepSig asks for sigCopy. Every
// failure wraps ErrMalformed.
func parseCompact(token string, last int, known *headerCache, scratch *sigScratch,
	keepSig bool) (t compactToken, sig []byte, err error) {
	first := strings.IndexByte(token, '.')
	h, p, s := token[:first], token[first+1:last], token[last+1:]
	if h == "" || p == "" || s == "" {
		return compactToken{}, nil, errMalformed("empty segment")
	}
	t.headerSegment = h

	// One buffer for the payload and the cache's copy of the signature:
	// both outlive the call (in Claims and in the cache entry), and one
	// allocation is cheaper than two. Neither part is written again.
	pn, kn := b64.DecodedLen(len(p)), 0
	if keepSig {
		kn = len(s)
	}
	buf := make([]byte, pn+kn)
	pl, ok := decodeSegment(buf[:pn], p)
	if !ok {
		return compactToken{}, nil, errMalformed("payload is not base64url")
	}
	t.payload = buf[:pl:pl]
	sb := scratch[:]
	if sn := b64.DecodedLen(len(s)); sn > len(sb) {
		sb = make([]byte, sn)
	}
	sl, ok := decodeSegment(sb, s)
	if !ok {
		return compactToken{}, nil, errMalformed("signature is not base64url")
	}
	sig = sb[:sl:sl]
	if keepSig {
		copy(buf[pn:], s)
		t.sigCopy = unsafe.String(&buf[pn], kn)
	}

	if hdr, ok := known.get(h); ok {
		t.header = hdr
		return t, sig, nil
	}
	raw := make([]byte, b64.DecodedLen(len(h)))
	hl, ok := decodeSegment(raw, h)
	if !ok {
		return compactToken{}, nil, errMalformed("header is not base64url")
	}
	hdr, err := decodeHeader(raw[:hl])
	if err != nil {
		return compactToken{}, nil, err
	}
	t.header = hdr
	return t, sig, nil
}

// signatureDot returns the index of the dot before the signature of a
// compact JWS, or -1 unless token has exactly three segments and is not
// oversized. Forward searches only: strings.IndexByte is vectorised and
// LastIndexByte is not, which made it a third of a cached verify.
func signatureDot(token string) int {
	if len(token) > maxTokenBytes {
		return -1
	}
	first := strings.IndexByte(token, '.')
	if first < 0 {
		return -1
	}
	second := strings.IndexByte(token[first+1:], '.')
	if second < 0 {
		return -1
	}
	dot := first + 1 + second
	if strings.IndexByte(token[dot+1:], '.') >= 0 {
		return -1
	}
	return dot
}

// verifySignature checks an RS256 (RSASSA-PKCS1-v1_5 with SHA-256)
// signature over the signing input.
// digest is the SHA-256 of the signing input, computed once by the caller.
func verifySignature(pub *rsa.PublicKey, digest *tokenKey, sig []byte) error {
	if len(sig) != pub.Size() {
		return refuse(ErrSignature, "signature length does not match the key")
	}
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
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

// headerCache maps the encoded header of tokens that verified to its
// decoded form. A pool signs with a couple of keys, each giving one header,
// so on the cold path the header costs a map lookup instead of a decode.
// Only verified headers enter, and at most maxKnownHeaders: tokens cannot
// grow it. Readers load an immutable map; writers copy it.
type headerCache struct {
	mu sync.Mutex
	m  atomic.Pointer[map[string]tokenHeader]
}

const maxKnownHeaders = 64

func (c *headerCache) get(seg string) (tokenHeader, bool) {
	m := c.m.Load()
	if m == nil {
		return tokenHeader{}, false
	}
	h, ok := (*m)[seg]
	return h, ok
}

func (c *headerCache) add(seg string, h tokenHeader) {
	if _, ok := c.get(seg); ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.m.Load()
	if old != nil && len(*old) >= maxKnownHeaders {
		return
	}
	m := make(map[string]tokenHeader, 4)
	if old != nil {
		maps.Copy(m, *old)
	}
	// Clone: the segment is a slice of a token that would stay in memory.
	m[strings.Clone(seg)] = h
	c.m.Store(&m)
}
