package cognitotenant_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// closeHooks counts finished fetches and those reported after Close
// returned, which a Close that waits for its fetches never lets happen.
type closeHooks struct {
	cognitotenant.NoHooks
	closed  atomic.Bool
	fetches atomic.Int32
	late    atomic.Int32
}

func (h *closeHooks) KeySetRefreshed(cognitotenant.RefreshEvent) {
	h.fetches.Add(1)
	if h.closed.Load() {
		h.late.Add(1)
	}
}

// waitHits waits until the key set server has seen n requests.
func waitHits(t *testing.T, e *env, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for e.jwks.Hits() < n {
		if time.Now().After(deadline) {
			t.Fatalf("key set server saw %d requests, want %d", e.jwks.Hits(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestVerifierClose(t *testing.T) {
	t.Parallel()

	t.Run("close_waits_for_in_flight_fetch", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		hooks := &closeHooks{}
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.Hooks = hooks
		v := e.verifier(t, cfg)
		tok := e.mintID(t)
		e.jwks.Delay(time.Minute)

		done := make(chan error, 1)
		go func() {
			_, err := v.Verify(bg, tok)
			done <- err
		}()
		waitHits(t, e, 1)
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		hooks.closed.Store(true)
		if n := hooks.fetches.Load(); n != 1 {
			t.Fatalf("%d fetches reported when Close returned, want 1", n)
		}
		wantErr(t, <-done, cognitotenant.ErrKeysUnavailable)
		if n := hooks.late.Load(); n != 0 {
			t.Fatalf("%d fetches reported after Close returned", n)
		}
	})

	t.Run("warm_up_after_close_fails_without_fetching", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		hooks := &closeHooks{}
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.Hooks = hooks
		v := e.verifier(t, cfg)
		if err := v.WarmUp(bg); err != nil {
			t.Fatalf("WarmUp before Close: %v", err)
		}
		wantHits(t, e.jwks, 1)
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		hooks.closed.Store(true)
		if err := v.WarmUp(bg); !errors.Is(err, cognitotenant.ErrClosed) {
			t.Fatalf("WarmUp after Close: %v, want ErrClosed", err)
		}
		wantHits(t, e.jwks, 1)
		if n := hooks.late.Load(); n != 0 {
			t.Fatalf("%d fetches reported after Close returned", n)
		}
		// The keys fetched before Close keep verifying.
		_, err := v.Verify(bg, e.mintID(t))
		wantErr(t, err, nil)
	})
}
