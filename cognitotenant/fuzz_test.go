package cognitotenant_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwk"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// FuzzVerify checks that no input makes Verify panic, and that whatever
// it accepts carries a genuine RS256 signature by a key of the set, judged
// independently of the verifier with crypto/rsa.
func FuzzVerify(f *testing.F) {
	e := newEnv(f, false)
	jwks := e.issuer.JWKS()
	p := e.pool(cognitotenant.TokenUseBoth)
	p.JWKSURL, p.StaticJWKS = "", jwks
	v := e.verifier(f, cognitotenant.Config{Pools: []cognitotenant.Pool{p},
		Clock: e.clock.Now, TokenCacheSize: 64, TenantOptional: true})
	keys := publicKeys(f, jwks)

	f.Add(e.mintID(f))
	f.Add(e.mintAccess(f))
	f.Add(e.mintID(f, testutil.With("aud", []any{"x", 1})))
	f.Add(e.mintID(f, testutil.With(testutil.TenantClaim, map[string]any{"a": nil})))
	f.Add(e.mintID(f, testutil.With("exp", 1e308)))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("..")
	f.Add("a.b.c")

	f.Fuzz(func(t *testing.T, token string) {
		c, err := v.Verify(bg, token)
		if err != nil {
			if cognitotenant.ReasonOf(err) == "" {
				t.Fatalf("error without a reason: %v", err)
			}
			return
		}
		if c == nil || !signedBy(token, keys) {
			t.Fatalf("accepted a token not signed by the key set: %q", token)
		}
	})
}

func publicKeys(tb testing.TB, jwks []byte) []*rsa.PublicKey {
	tb.Helper()
	set, err := jwk.Parse(jwks)
	if err != nil {
		tb.Fatal(err)
	}
	var out []*rsa.PublicKey
	for i := range set.Len() {
		k, _ := set.Key(i)
		var pub rsa.PublicKey
		if err := k.Raw(&pub); err != nil {
			tb.Fatal(err)
		}
		out = append(out, &pub)
	}
	return out
}

func signedBy(token string, keys []*rsa.PublicKey) bool {
	dot := strings.LastIndexByte(token, '.')
	if dot < 0 {
		return false
	}
	sig, err := base64.RawURLEncoding.Strict().DecodeString(token[dot+1:])
	if err != nil {
		return false
	}
	sum := sha256.Sum256([]byte(token[:dot]))
	for _, k := range keys {
		if rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], sig) == nil {
			return true
		}
	}
	return false
}
