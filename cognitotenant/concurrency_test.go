package cognitotenant_test

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// verifyAll verifies tok from n goroutines released together and returns
// their errors.
func verifyAll(v *cognitotenant.Verifier, tok string, n int) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			start.Wait()
			_, errs[i] = v.Verify(bg, tok)
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

func TestConcurrentUnknownKid(t *testing.T) {
	t.Parallel()
	const callers = 1000

	t.Run("rotated_kid_causes_exactly_one_fetch_shared_by_all", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, true)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		if err := v.WarmUp(bg); err != nil {
			t.Fatal(err)
		}
		if err := e.jwks.Rotate(true); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
		// The delay keeps the fetch in flight while callers pile up.
		e.jwks.Delay(200 * time.Millisecond)
		for i, err := range verifyAll(v, e.mintID(t), callers) {
			if err != nil {
				t.Fatalf("caller %d: %v", i, err)
			}
		}
		wantHits(t, e.jwks, 2)
	})

	t.Run("absent_kid_causes_exactly_one_fetch_then_fails_fast", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		rec := newRecorder()
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.Hooks = rec
		v := e.verifier(t, cfg)
		if err := v.WarmUp(bg); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
		e.jwks.Delay(200 * time.Millisecond)
		tok := withKid(t, e, "gone")
		for i, err := range verifyAll(v, tok, callers) {
			if !errors.Is(err, cognitotenant.ErrUnknownKey) {
				t.Fatalf("caller %d: %v, want ErrUnknownKey", i, err)
			}
		}
		wantHits(t, e.jwks, 2)
		_, err := v.Verify(bg, tok) // in the cooldown now: no fetch
		wantErr(t, err, cognitotenant.ErrUnknownKey)
		wantHits(t, e.jwks, 2)
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if rec.cooldowns == 0 {
			t.Fatal("no cooldown hit reported")
		}
	})
}

// withKid mints a valid ID token of e whose header names kid instead of
// the signing key's own.
func withKid(t testing.TB, e *env, kid string) string {
	t.Helper()
	u := testutil.User{TenantID: "tenant-a"}
	payload, err := json.Marshal(e.issuer.IDClaims(u))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := e.issuer.SignPayload(true, payload, map[string]any{"kid": kid})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// BenchmarkUnknownKidStampede releases 1,000 goroutines with one unknown
// kid per iteration, after the cooldown has passed, and reports the key
// set fetches each stampede caused: the figure to hold is exactly 1.
func BenchmarkUnknownKidStampede(b *testing.B) {
	e := newEnv(b, false)
	v := e.verifier(b, e.config(cognitotenant.TokenUseID))
	if err := v.WarmUp(bg); err != nil {
		b.Fatal(err)
	}
	tok := withKid(b, e, "gone")
	start := e.jwks.Hits()
	for b.Loop() {
		e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
		for _, err := range verifyAll(v, tok, 1000) {
			if !errors.Is(err, cognitotenant.ErrUnknownKey) {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(e.jwks.Hits()-start)/float64(b.N), "fetches/stampede")
}
