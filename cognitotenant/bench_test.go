package cognitotenant_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jwt"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// The figures to compare within one run (ratios, not absolute times):
//
//	BenchmarkBareRSA      the floor: SHA-256 and a PKCS#1 v1.5 verify
//	BenchmarkVerifyCold   a token not seen before, at most 1.15x the floor
//	BenchmarkVerifyWarm   the same token again: under 2 µs, at most 5 allocs
//	BenchmarkJWXParse     jwx's jwt.Parse on the same token and keys
//	BenchmarkColdRatio    floor and cold verify interleaved: cold/bare
//	BenchmarkUnknownKidStampede (concurrency_test.go): fetches per 1,000
//	                      concurrent callers with one unknown kid, exactly 1
//
// go test -run='^$' -bench='BareRSA|ColdRatio|VerifyCold|VerifyWarm|JWXParse' \
//	-benchmem -benchtime=2s -count=5 ./cognitotenant/

// benchFixture is realistic ID tokens of one pool and its static key set.
// Tokens differ (jti, sub), so with a small token cache each is cold.
type benchFixture struct {
	env    *env
	tokens []string
	jwks   []byte
}

const benchTokens = 32

func newBenchFixture(b *testing.B) *benchFixture {
	b.Helper()
	e := newEnv(b, false)
	f := &benchFixture{env: e, jwks: e.issuer.JWKS()}
	for range benchTokens {
		f.tokens = append(f.tokens, e.mintID(b))
	}
	return f
}

func (f *benchFixture) verifier(b *testing.B, cacheSize int) *cognitotenant.Verifier {
	b.Helper()
	p := f.env.pool(cognitotenant.TokenUseID)
	p.JWKSURL, p.StaticJWKS = "", f.jwks
	return f.env.verifier(b, cognitotenant.Config{
		Pools:          []cognitotenant.Pool{p},
		Clock:          f.env.clock.Now,
		TokenCacheSize: cacheSize,
	})
}

// bareVerifiers returns, for each token, the floor operation: SHA-256 of
// the signing input and an RSA PKCS#1 v1.5 verify with a parsed key.
func (f *benchFixture) bareVerifiers(b *testing.B) []func() {
	b.Helper()
	set, err := jwk.Parse(f.jwks)
	if err != nil {
		b.Fatal(err)
	}
	key, _ := set.LookupKeyID(f.env.issuer.IDKeyID())
	var pub rsa.PublicKey
	if err := key.Raw(&pub); err != nil {
		b.Fatal(err)
	}
	var out []func()
	for _, tok := range f.tokens {
		dot := strings.LastIndexByte(tok, '.')
		input := []byte(tok[:dot])
		sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, func() {
			sum := sha256.Sum256(input)
			if err := rsa.VerifyPKCS1v15(&pub, crypto.SHA256, sum[:], sig); err != nil {
				b.Fatal(err)
			}
		})
	}
	return out
}

func BenchmarkBareRSA(b *testing.B) {
	bare := newBenchFixture(b).bareVerifiers(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		bare[i%benchTokens]()
		i++
	}
}

// BenchmarkColdRatio alternates the floor and a cold verify in one loop
// and reports the ratio of their median times, which stays meaningful on a
// machine shared with other work, where separate benchmarks drift apart
// and a mean is dragged by preemption spikes.
func BenchmarkColdRatio(b *testing.B) {
	b.Run("cache=1", func(b *testing.B) { benchColdRatio(b, 1) })
	b.Run("cache=0", func(b *testing.B) { benchColdRatio(b, 0) })
}

func benchColdRatio(b *testing.B, cacheSize int) {
	f := newBenchFixture(b)
	bare := f.bareVerifiers(b)
	v := f.verifier(b, cacheSize)
	var bares, colds []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		bare[i%benchTokens]()
		t1 := time.Now()
		if _, err := v.Verify(bg, f.tokens[i%benchTokens]); err != nil {
			b.Fatal(err)
		}
		bares, colds = append(bares, t1.Sub(t0)), append(colds, time.Since(t1))
		i++
	}
	mb, mc := median(bares), median(colds)
	b.ReportMetric(float64(mc)/float64(mb), "cold/bare")
	b.ReportMetric(float64(mb.Nanoseconds()), "bare-median-ns")
	b.ReportMetric(float64(mc.Nanoseconds()), "cold-median-ns")
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// BenchmarkVerifyCold verifies tokens never seen before: the token cache
// is on, as in production, but holds one entry while the tokens cycle.
func BenchmarkVerifyCold(b *testing.B) {
	f := newBenchFixture(b)
	v := f.verifier(b, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := v.Verify(bg, f.tokens[i%benchTokens]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkVerifyWarm(b *testing.B) {
	f := newBenchFixture(b)
	v := f.verifier(b, cognitotenant.DefaultTokenCacheSize)
	if _, err := v.Verify(bg, f.tokens[0]); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(bg, f.tokens[0]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJWXParse(b *testing.B) {
	f := newBenchFixture(b)
	set, err := jwk.Parse(f.jwks)
	if err != nil {
		b.Fatal(err)
	}
	clock := jwt.ClockFunc(f.env.clock.Now)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, err := jwt.ParseString(f.tokens[i%benchTokens], jwt.WithKeySet(set),
			jwt.WithClock(clock),
			jwt.WithIssuer(f.env.issuer.IssuerURL()))
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}
