package cognitotenant_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwk"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// TestVerifyHeaderAndSignature covers the JOSE layer: shape, header,
// algorithm, key id and signature, each broken with a valid twin.
func TestVerifyHeaderAndSignature(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	claims, err := json.Marshal(e.issuer.IDClaims(userA()))
	if err != nil {
		t.Fatal(err)
	}
	idKid := e.issuer.IDKeyID()
	hdr := func(fields string) []byte { return []byte(`{` + fields + `}`) }
	sign := func(alg string, header []byte) string {
		tok, err := e.issuer.SignHeader(true, alg, header, claims)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	valid := sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256"`))
	parts := strings.Split(valid, ".")
	enc := base64.RawURLEncoding.EncodeToString

	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"cognito_header_is_accepted", valid, nil},
		{"emulator_typ_header_is_accepted",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256","typ":"JWT"`)), nil},
		{"alg_none_without_signature_is_refused",
			enc(hdr(`"kid":"`+idKid+`","alg":"none"`)) + "." + parts[1] + ".",
			cognitotenant.ErrMalformed},
		{"alg_none_with_signature_is_refused",
			enc(hdr(`"kid":"`+idKid+`","alg":"none"`)) + "." + parts[1] + "." + parts[2],
			cognitotenant.ErrAlgorithm},
		{"alg_hs256_is_refused",
			enc(hdr(`"kid":"`+idKid+`","alg":"HS256"`)) + "." + parts[1] + "." + parts[2],
			cognitotenant.ErrAlgorithm},
		{"genuine_rs384_signature_is_refused",
			sign("RS384", hdr(`"kid":"`+idKid+`","alg":"RS384"`)), cognitotenant.ErrAlgorithm},
		{"ps256_signature_under_rs256_header_is_refused",
			sign("PS256", hdr(`"kid":"`+idKid+`","alg":"RS256"`)), cognitotenant.ErrSignature},
		{"lower_case_alg_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"rs256"`)), cognitotenant.ErrAlgorithm},
		{"missing_kid_is_refused", sign("RS256", hdr(`"alg":"RS256"`)),
			cognitotenant.ErrUnknownKey},
		{"kid_of_the_other_key_is_refused",
			sign("RS256", hdr(`"kid":"`+e.issuer.AccessKeyID()+`","alg":"RS256"`)),
			cognitotenant.ErrSignature},
		{"crit_header_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256","crit":["exp"]`)),
			cognitotenant.ErrMalformed},
		{"upper_case_alg_key_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","ALG":"RS256"`)), cognitotenant.ErrMalformed},
		{"capitalised_kid_key_is_refused",
			sign("RS256", hdr(`"Kid":"`+idKid+`","alg":"RS256"`)), cognitotenant.ErrMalformed},
		{"alg_in_two_cases_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256","ALG":"RS256"`)),
			cognitotenant.ErrMalformed},
		{"upper_case_alg_key_beside_an_alg_value_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","ALG":"RS256","typ":"alg"`)),
			cognitotenant.ErrMalformed},
		{"alg_key_inside_another_key_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","ALG":"RS256","x\"alg":0`)),
			cognitotenant.ErrMalformed},
		{"duplicate_alg_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"HS256","alg":"RS256"`)),
			cognitotenant.ErrMalformed},
		{"duplicate_identical_alg_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256","alg":"RS256"`)),
			cognitotenant.ErrMalformed},
		{"duplicate_kid_is_refused",
			sign("RS256", hdr(`"kid":"other","kid":"`+idKid+`","alg":"RS256"`)),
			cognitotenant.ErrMalformed},
		{"upper_case_crit_key_is_refused",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256","CRIT":["exp"]`)),
			cognitotenant.ErrMalformed},
		{"spaced_header_keys_are_accepted",
			sign("RS256", hdr(` "kid" : "`+idKid+`" , "alg"`+"\t:\n"+`"RS256" `)), nil},
		{"jku_header_is_ignored",
			sign("RS256", hdr(`"kid":"`+idKid+`","alg":"RS256","jku":"http://127.0.0.1:1/k"`)),
			nil},
		{"tampered_payload_is_refused",
			parts[0] + "." + enc(bytes.Replace(claims, []byte("tenant-a"),
				[]byte("tenant-b"), 1)) + "." + parts[2], cognitotenant.ErrSignature},
		{"truncated_signature_is_refused", parts[0] + "." + parts[1] + "." + parts[2][:40],
			cognitotenant.ErrSignature},
		{"non_canonical_base64_signature_is_refused",
			parts[0] + "." + parts[1] + "." + flipTrailingBits(parts[2]),
			cognitotenant.ErrMalformed},
		{"padded_base64_is_refused", parts[0] + "." + parts[1] + "=." + parts[2],
			cognitotenant.ErrMalformed},
		{"empty_token_is_refused", "", cognitotenant.ErrMalformed},
		{"two_segments_are_refused", parts[0] + "." + parts[1], cognitotenant.ErrMalformed},
		{"four_segments_are_refused", valid + "." + parts[2], cognitotenant.ErrMalformed},
		{"header_not_json_is_refused", sign("RS256", []byte("kid")), cognitotenant.ErrMalformed},
		{"payload_not_json_is_refused",
			mustSign(t, e, hdr(`"kid":"`+idKid+`","alg":"RS256"`), []byte("not json")),
			cognitotenant.ErrMalformed},
		{"payload_json_array_is_refused",
			mustSign(t, e, hdr(`"kid":"`+idKid+`","alg":"RS256"`), []byte("[1,2]")),
			cognitotenant.ErrMalformed},
		{"oversized_token_is_refused", valid + strings.Repeat("A", 17<<10),
			cognitotenant.ErrMalformed},
	}
	v := e.verifier(t, e.config(cognitotenant.TokenUseID))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := v.Verify(bg, tt.token)
			wantErr(t, err, tt.want)
		})
	}
}

func mustSign(t *testing.T, e *env, header, payload []byte) string {
	t.Helper()
	tok, err := e.issuer.SignHeader(true, "RS256", header, payload)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// flipTrailingBits changes the unused low bits of the last base64url
// character: the same bytes decode under lenient decoding.
func flipTrailingBits(s string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, s[len(s)-1])
	return s[:len(s)-1] + string(alphabet[last^1])
}

// TestVerifyKeySetContents covers keys a set holds but must not use.
func TestVerifyKeySetContents(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	set, err := jwk.Parse(e.issuer.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	idKey, _ := set.LookupKeyID(e.issuer.IDKeyID())
	accessKey, _ := set.LookupKeyID(e.issuer.AccessKeyID())
	withField := func(k jwk.Key, name string, value any) jwk.Key {
		c, err := k.Clone()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Set(name, value); err != nil {
			t.Fatal(err)
		}
		return c
	}
	ecKey := `{"kty":"EC","crv":"P-256","kid":"` + e.issuer.IDKeyID() + `",` +
		`"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",` +
		`"y":"x_FEzRu9m36HLN_tue659LXpXgTBd7t0edwNCv0mv6k"}`

	tests := []struct {
		name string
		keys []any
		want error
	}{
		{"published_rsa_key_is_used", []any{idKey, accessKey}, nil},
		{"key_with_alg_rs384_is_refused_as_algorithm",
			[]any{withField(idKey, "alg", "RS384"), accessKey}, cognitotenant.ErrAlgorithm},
		{"key_for_encryption_is_skipped", []any{withField(idKey, "use", "enc"), accessKey},
			cognitotenant.ErrUnknownKey},
		{"ec_key_under_the_kid_is_refused_as_algorithm",
			[]any{json.RawMessage(ecKey), accessKey}, cognitotenant.ErrAlgorithm},
		{"unparseable_key_does_not_poison_the_set",
			[]any{json.RawMessage(`{"kty":"RSA","kid":"junk","n":"!!"}`), idKey}, nil},
		{"duplicate_kid_is_refused", []any{idKey, accessKey, withField(accessKey, "kid",
			e.issuer.IDKeyID())}, cognitotenant.ErrUnknownKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := json.Marshal(map[string]any{"keys": tt.keys})
			if err != nil {
				t.Fatal(err)
			}
			p := e.pool(cognitotenant.TokenUseID)
			p.JWKSURL, p.StaticJWKS = "", doc
			v, err := cognitotenant.New(cognitotenant.Config{
				Pools: []cognitotenant.Pool{p}, Clock: e.clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			_, err = v.Verify(bg, e.mintID(t))
			wantErr(t, err, tt.want)
		})
	}
}

// TestVerifyRefusesLineBreaks covers the line breaks base64's decoder
// skips even in strict mode: each would give a token a second string form
// that the verified-token cache would not recognise as the same token.
func TestVerifyRefusesLineBreaks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	valid := e.mintID(t)
	parts := strings.Split(valid, ".")
	insert := func(seg int, brk string) string {
		p := append([]string(nil), parts...)
		p[seg] = p[seg][:5] + brk + p[seg][5:]
		return strings.Join(p, ".")
	}
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"token_without_line_breaks_is_accepted", valid, nil},
		{"newline_in_header_is_refused", insert(0, "\n"), cognitotenant.ErrMalformed},
		{"newline_in_payload_is_refused", insert(1, "\n"), cognitotenant.ErrMalformed},
		{"newline_in_signature_is_refused", insert(2, "\n"), cognitotenant.ErrMalformed},
		{"crlf_in_header_is_refused", insert(0, "\r\n"), cognitotenant.ErrMalformed},
		{"crlf_in_payload_is_refused", insert(1, "\r\n"), cognitotenant.ErrMalformed},
		{"crlf_in_signature_is_refused", insert(2, "\r\n"), cognitotenant.ErrMalformed},
		{"trailing_newline_is_refused", valid + "\n", cognitotenant.ErrMalformed},
	}
	for _, size := range []int{0, 100} {
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.TokenCacheSize = size
		v := e.verifier(t, cfg)
		// The valid token first, so that its header and (with the cache)
		// its verification are known when the twins arrive.
		_, err := v.Verify(bg, valid)
		wantErr(t, err, nil)
		for _, tt := range tests {
			t.Run(fmt.Sprintf("cache_%d/%s", size, tt.name), func(t *testing.T) {
				_, err := v.Verify(bg, tt.token)
				wantErr(t, err, tt.want)
			})
		}
	}
}
