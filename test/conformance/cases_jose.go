package conformance

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	ct "github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jws"
)

// keyAndAlgorithmCases break the header: the key it names and the
// algorithm it claims. Signatures are genuine wherever the case allows,
// so the header is the only thing wrong.
func (b *builder) keyAndAlgorithmCases() {
	kid := b.home.IDKeyID()
	body := b.payload(true)
	alg := refused(AWSAlgorithm, ct.ReasonAlgorithm)

	b.add(ConfigID, "kid_unknown", "kid names no key of the pool",
		refused(AWSUnknownKid, ct.ReasonUnknownKey))(b.home.SignPayload(true, body,
		map[string]any{"kid": "no-such-key"}))
	b.add(ConfigID, "kid_missing", "header has no kid",
		refused(AWSNoKid, ct.ReasonUnknownKey))(b.forge("RS256",
		map[string]any{"alg": "RS256"}, body))
	b.add(ConfigID, "kid_empty", "kid is the empty string",
		refused(AWSUnknownKid, ct.ReasonUnknownKey))(b.forge("RS256",
		map[string]any{"alg": "RS256", "kid": ""}, body))
	b.add(ConfigID, "kid_number", "kid is a number",
		refused(AWSParse, ct.ReasonMalformed))(b.forge("RS256",
		map[string]any{"alg": "RS256", "kid": 7}, body))
	b.add(ConfigID, "kid_of_neighbour_pool", "signed by another pool's key, home iss",
		refused(AWSUnknownKid, ct.ReasonUnknownKey))(b.neighbour.MintID(b.user,
		with("iss", b.home.IssuerURL())))
	b.add(ConfigID, "home_kid_neighbour_key", "home kid, signed by another pool's key",
		refused(AWSSignature, ct.ReasonSignature))(b.neighbour.SignPayload(true, body,
		map[string]any{"kid": kid}))

	b.add(ConfigID, "alg_none_unsigned", `alg "none" and no signature`,
		refused(AWSParse, ct.ReasonMalformed))(b.unsigned(kid, body))
	b.add(ConfigID, "alg_none_signed", `alg "none" over a genuine RS256 signature`,
		alg)(b.forge("RS256", map[string]any{"alg": "none", "kid": kid}, body))
	b.add(ConfigID, "alg_hs256_public_key",
		"HS256 keyed with the pool's public key in PEM", alg)(b.hmacWithPublicKey(kid, body))
	b.add(ConfigID, "alg_rs384", "genuine RS384 signature by the pool key",
		alg)(b.forge("RS384", map[string]any{"alg": "RS384", "kid": kid}, body))
	b.add(ConfigID, "alg_ps256", "genuine PS256 signature by the pool key",
		alg)(b.forge("PS256", map[string]any{"alg": "PS256", "kid": kid}, body))
	b.add(ConfigID, "alg_es256_header", "header says ES256 over an RS256 signature",
		alg)(b.forge("RS256", map[string]any{"alg": "ES256", "kid": kid}, body))
	b.add(ConfigID, "alg_missing", "header has no alg",
		alg)(b.forge("RS256", map[string]any{"kid": kid}, body))
	b.add(ConfigID, "alg_lowercase", `alg is "rs256"`,
		alg)(b.forge("RS256", map[string]any{"alg": "rs256", "kid": kid}, body))
	b.add(ConfigID, "header_crit_unknown", "crit names an extension no one knows",
		oursOnly(ct.ReasonMalformed))(b.forge("RS256", map[string]any{"alg": "RS256", "kid": kid,
		"crit": []string{"x-tenant"}, "x-tenant": "acme"}, body))
}

// encodingCases break the compact serialization: segments, base64url,
// JSON, and signatures that do not match what they sign.
func (b *builder) encodingCases() {
	malformed := refused(AWSParse, ct.ReasonMalformed)
	badSig := refused(AWSSignature, ct.ReasonSignature)
	tok, err := b.home.MintID(b.user)
	b.keep(err)
	other, err := b.home.MintID(b.user, with("custom:tenant_id", "globex"))
	b.keep(err)
	if b.err != nil {
		return
	}
	h, p, sig := split(tok)
	_, otherPayload, otherSig := split(other)
	body := b.payload(true)
	kid := b.home.IDKeyID()

	b.add(ConfigID, "signature_altered", "one signature character changed",
		badSig)(h+"."+p+"."+alter(sig), nil)
	b.add(ConfigID, "signature_truncated", "signature cut short by eight bytes",
		badSig)(h+"."+p+"."+truncate(sig, 8), nil)
	b.add(ConfigID, "signature_of_other_token", "signature of another token of the pool",
		badSig)(h+"."+p+"."+otherSig, nil)
	b.add(ConfigID, "payload_tampered", "tenant changed after signing",
		badSig)(h+"."+otherPayload+"."+sig, nil)
	b.add(ConfigID, "signature_empty", "signature segment empty",
		malformed)(h+"."+p+".", nil)
	b.add(ConfigID, "signature_padded", "signature with base64 padding",
		oursOnly(ct.ReasonMalformed))(h+"."+p+"."+sig+"==", nil)

	b.add(ConfigID, "segments_two", "header and payload only", malformed)(h+"."+p, nil)
	b.add(ConfigID, "segments_four", "a fourth segment appended",
		malformed)(tok+"."+sig, nil)
	b.add(ConfigID, "empty", "the empty string", malformed)("", nil)
	b.add(ConfigID, "surrounding_space", "token with a space either side",
		malformed)(" "+tok+" ", nil)
	b.add(ConfigID, "bearer_prefix", `"Bearer " left in front of the token`,
		malformed)("Bearer "+tok, nil)
	b.add(ConfigID, "payload_not_base64url", "a '+' inside the payload segment",
		malformed)(h+"."+p[:10]+"+"+p[10:]+"."+sig, nil)

	b.add(ConfigID, "payload_not_json", "signed payload that is not JSON",
		malformed)(b.home.SignPayload(true, []byte("ada was here"), nil))
	b.add(ConfigID, "payload_json_list", "signed payload that is a JSON list",
		malformed)(b.home.SignPayload(true, []byte(`["id"]`), nil))
	b.add(ConfigID, "payload_truncated_json", "signed payload missing its last brace",
		malformed)(b.home.SignPayload(true, body[:len(body)-1], nil))
	dup := append([]byte(`{"token_use":"access",`), body[1:]...)
	b.add(ConfigID, "payload_duplicate_token_use",
		`token_use twice: "access", then "id"`, accepted())(b.home.SignPayload(true, dup, nil))
	b.add(ConfigID, "header_not_json", "signed header that is not JSON",
		malformed)(b.home.SignHeader(true, "RS256", []byte(`{alg:RS256,kid:`+kid+`}`), body))
	b.add(ConfigID, "header_json_list", "signed header that is a JSON list",
		malformed)(b.home.SignHeader(true, "RS256", []byte(`["RS256"]`), body))
}

// keep records the first error met outside add.
func (b *builder) keep(err error) {
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("conformance: %w", err)
	}
}

// forge signs body under alg with the home ID key and header as given.
func (b *builder) forge(alg string, header map[string]any, body []byte) (string, error) {
	h, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	return b.home.SignHeader(true, alg, h, body)
}

// unsigned returns body as an alg "none" token naming kid.
func (b *builder) unsigned(kid string, body []byte) (string, error) {
	hdr := jws.NewHeaders()
	if err := hdr.Set(jws.KeyIDKey, kid); err != nil {
		return "", err
	}
	out, err := jws.Sign(body, jws.WithInsecureNoSignature(jws.WithProtectedHeaders(hdr)))
	return string(out), err
}

// hmacWithPublicKey signs body with HS256 keyed by the PEM form of the
// public key kid, the classic confusion a verifier that takes alg from the
// header falls for.
func (b *builder) hmacWithPublicKey(kid string, body []byte) (string, error) {
	set, err := jwk.Parse(b.home.JWKS())
	if err != nil {
		return "", err
	}
	key, ok := set.LookupKeyID(kid)
	if !ok {
		return "", fmt.Errorf("key %q not in the pool's key set", kid)
	}
	pem, err := jwk.EncodePEM(key)
	if err != nil {
		return "", err
	}
	hdr := jws.NewHeaders()
	if err := hdr.Set(jws.KeyIDKey, kid); err != nil {
		return "", err
	}
	out, err := jws.Sign(body, jws.WithKey(jwa.HS256, pem, jws.WithProtectedHeaders(hdr)))
	return string(out), err
}

// split returns the three segments of a compact token.
func split(tok string) (header, payload, sig string) {
	parts := strings.SplitN(tok, ".", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return parts[0], parts[1], parts[2]
}

// truncate drops n bytes from the end of a base64url segment and encodes
// it again, canonically, so that only the signature's length is wrong.
func truncate(seg string, n int) string {
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil || len(raw) < n {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(raw[:len(raw)-n])
}

// alter changes the middle character of a base64url segment. The middle
// one, since the last may only carry padding bits that decoders ignore.
func alter(seg string) string {
	i := len(seg) / 2
	c := byte('A')
	if seg[i] == 'A' {
		c = 'B'
	}
	return seg[:i] + string(c) + seg[i+1:]
}
