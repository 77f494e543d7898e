package cognitotenant_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// recorder is Hooks that keeps what it saw, for tests.
type recorder struct {
	cognitotenant.NoHooks
	mu        sync.Mutex
	refreshes []cognitotenant.RefreshEvent
	cooldowns int
	unknown   int
	outcomes  map[cognitotenant.Reason]int
	refreshed chan cognitotenant.RefreshEvent
}

func newRecorder() *recorder {
	return &recorder{outcomes: map[cognitotenant.Reason]int{},
		refreshed: make(chan cognitotenant.RefreshEvent, 100)}
}

func (r *recorder) KeySetRefreshed(ev cognitotenant.RefreshEvent) {
	r.mu.Lock()
	r.refreshes = append(r.refreshes, ev)
	r.mu.Unlock()
	r.refreshed <- ev
}

func (r *recorder) UnknownKey(string, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.unknown++
}

func (r *recorder) CooldownHit(string, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cooldowns++
}

func (r *recorder) Outcome(_ string, reason cognitotenant.Reason) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes[reason]++
}

// waitRefresh waits for the next finished fetch reported to r.
func (r *recorder) waitRefresh(t *testing.T) cognitotenant.RefreshEvent {
	t.Helper()
	select {
	case ev := <-r.refreshed:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no key set refresh happened")
		return cognitotenant.RefreshEvent{}
	}
}

func wantHits(t *testing.T, s *testutil.JWKSServer, want int) {
	t.Helper()
	if got := s.Hits(); got != want {
		t.Fatalf("key set fetched %d times, want %d", got, want)
	}
}

func TestKeySetIssuerAllowList(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	v := e.verifier(t, e.config(cognitotenant.TokenUseID))

	t.Run("unknown_issuer_is_refused_without_a_fetch", func(t *testing.T) {
		tok := e.mintID(t, testutil.With("iss", e.jwks.URL()+"/evil_pool"))
		_, err := v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrIssuer)
		wantHits(t, e.jwks, 0)
	})
	t.Run("configured_issuer_fetches_its_key_set_once", func(t *testing.T) {
		for range 3 {
			_, err := v.Verify(bg, e.mintID(t))
			wantErr(t, err, nil)
		}
		wantHits(t, e.jwks, 1)
	})
}

func TestKeySetRotation(t *testing.T) {
	t.Parallel()

	t.Run("new_key_is_fetched_once_with_no_cache_and_old_key_keeps_verifying",
		func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, true)
			v := e.verifier(t, e.config(cognitotenant.TokenUseID))
			old := e.mintID(t)
			_, err := v.Verify(bg, old)
			wantErr(t, err, nil)

			if err := e.jwks.Rotate(true); err != nil {
				t.Fatal(err)
			}
			fresh := e.mintID(t)
			_, err = v.Verify(bg, fresh) // within the cooldown of the first fetch
			wantErr(t, err, cognitotenant.ErrUnknownKey)
			e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
			_, err = v.Verify(bg, fresh)
			wantErr(t, err, nil)
			_, err = v.Verify(bg, old)
			wantErr(t, err, nil)
			wantHits(t, e.jwks, 2)
			if e.jwks.NoCacheHits() != 2 {
				t.Fatalf("forced fetches without no-cache: %d of 2", e.jwks.NoCacheHits())
			}
		})

	t.Run("removed_key_stops_verifying_after_refresh_even_when_cached",
		func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, true)
			v := e.verifier(t, e.config(cognitotenant.TokenUseID))
			old := e.mintID(t)
			_, err := v.Verify(bg, old)
			wantErr(t, err, nil)

			if err := e.jwks.Rotate(false); err != nil {
				t.Fatal(err)
			}
			_, err = v.Verify(bg, old) // still in the set the verifier holds
			wantErr(t, err, nil)
			if err := v.WarmUp(bg); err != nil {
				t.Fatal(err)
			}
			_, err = v.Verify(bg, old)
			wantErr(t, err, cognitotenant.ErrUnknownKey)
		})

	t.Run("set_older_than_refresh_interval_is_refetched_in_the_background",
		func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, true)
			rec := newRecorder()
			cfg := e.config(cognitotenant.TokenUseID)
			cfg.Hooks = rec
			v := e.verifier(t, cfg)
			old := e.mintID(t, testutil.With("exp", e.clock.Now().Add(3*time.Hour).Unix()))
			_, err := v.Verify(bg, old)
			wantErr(t, err, nil)
			rec.waitRefresh(t)

			if err := e.jwks.Rotate(false); err != nil {
				t.Fatal(err)
			}
			e.clock.Advance(cognitotenant.DefaultRefreshInterval + time.Minute)
			_, err = v.Verify(bg, old) // served from the old set, triggers refresh
			wantErr(t, err, nil)
			if ev := rec.waitRefresh(t); ev.Err != nil || ev.Forced {
				t.Fatalf("background refresh: %+v", ev)
			}
			_, err = v.Verify(bg, old)
			wantErr(t, err, cognitotenant.ErrUnknownKey)
		})
}

func TestKeySetScheduledRefresh(t *testing.T) {
	t.Parallel()
	// Real time: the background loop sleeps on timers, at least a second.
	e := newEnv(t, true, testutil.WithClock(time.Now))
	rec := newRecorder()
	cfg := e.config(cognitotenant.TokenUseID)
	cfg.Clock, cfg.Hooks, cfg.RefreshInterval = nil, rec, 100*time.Millisecond
	cfg.RefreshCooldown, cfg.TokenCacheSize = 10*time.Millisecond, 0
	v := e.verifier(t, cfg)
	old := e.mintID(t)
	if err := v.WarmUp(bg); err != nil {
		t.Fatal(err)
	}
	rec.waitRefresh(t)
	if err := e.jwks.Rotate(false); err != nil {
		t.Fatal(err)
	}
	// Key generation can outlast a refresh period on a busy machine, so a
	// refresh may still bring the old set: wait for one that drops it.
	for i := 0; ; i++ {
		if ev := rec.waitRefresh(t); ev.Err != nil || ev.Forced {
			t.Fatalf("scheduled refresh: %+v", ev)
		}
		_, err := v.Verify(bg, old)
		if errors.Is(err, cognitotenant.ErrUnknownKey) {
			break
		}
		wantErr(t, err, nil)
		if i == 5 {
			t.Fatal("old key still verifies after five scheduled refreshes")
		}
	}
	_, err := v.Verify(bg, e.mintID(t))
	wantErr(t, err, nil)
}

func TestKeySetOutage(t *testing.T) {
	t.Parallel()

	t.Run("known_keys_keep_verifying_while_fetches_fail", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		rec := newRecorder()
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.Hooks, cfg.TokenCacheSize = rec, 0
		v := e.verifier(t, cfg)
		long := testutil.With("exp", e.clock.Now().Add(5*time.Hour).Unix())
		tok := e.mintID(t, long)
		_, err := v.Verify(bg, tok)
		wantErr(t, err, nil)
		rec.waitRefresh(t)

		e.jwks.Fail(http.StatusInternalServerError)
		e.clock.Advance(2 * cognitotenant.DefaultRefreshInterval)
		for range 50 {
			_, err := v.Verify(bg, tok)
			wantErr(t, err, nil)
		}
		if ev := rec.waitRefresh(t); ev.Err == nil {
			t.Fatal("refresh against a failing server succeeded")
		}
		// One fetch when the set went stale; the backoff holds back the rest.
		wantHits(t, e.jwks, 2)
	})

	t.Run("unknown_kid_during_outage_is_keys_unavailable", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, true)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		_, err := v.Verify(bg, e.mintID(t))
		wantErr(t, err, nil)

		e.jwks.Fail(http.StatusBadGateway)
		if err := e.jwks.Rotate(true); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
		_, err = v.Verify(bg, e.mintID(t))
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)
		_, err = v.Verify(bg, e.mintID(t)) // in backoff: no fetch, same answer
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)
		wantHits(t, e.jwks, 2)

		e.jwks.Fail(0)
		e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
		_, err = v.Verify(bg, e.mintID(t))
		wantErr(t, err, nil)
	})

	t.Run("keys_older_than_max_staleness_stop_verifying", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.MaxStaleness, cfg.TokenCacheSize = 3*time.Hour, 0
		v := e.verifier(t, cfg)
		tok := e.mintID(t, testutil.With("exp", e.clock.Now().Add(9*time.Hour).Unix()))
		_, err := v.Verify(bg, tok)
		wantErr(t, err, nil)

		e.jwks.Fail(http.StatusServiceUnavailable)
		e.clock.Advance(2 * time.Hour)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, nil)
		e.clock.Advance(2 * time.Hour)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)

		e.jwks.Fail(0)
		e.clock.Advance(cognitotenant.DefaultMaxBackoff)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, nil)
	})
}

func TestKeySetFirstFetch(t *testing.T) {
	t.Parallel()

	t.Run("failure_is_retried_after_cooldown_not_remembered", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		tok := e.mintID(t)

		e.jwks.Fail(http.StatusServiceUnavailable)
		if err := v.WarmUp(bg); !errors.Is(err, cognitotenant.ErrKeysUnavailable) {
			t.Fatalf("WarmUp: %v, want ErrKeysUnavailable", err)
		}
		_, err := v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)
		wantHits(t, e.jwks, 1) // the verify fell in the cooldown

		e.jwks.Fail(0)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)
		wantHits(t, e.jwks, 1)

		e.clock.Advance(cognitotenant.DefaultRefreshCooldown)
		_, err = v.Verify(bg, tok)
		wantErr(t, err, nil)
		wantHits(t, e.jwks, 2)
	})

	t.Run("backoff_grows_after_each_failure", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		tok := e.mintID(t)
		e.jwks.Fail(http.StatusInternalServerError)
		cd := cognitotenant.DefaultRefreshCooldown

		steps := []struct {
			advance time.Duration
			hits    int
		}{{0, 1}, {cd, 2}, {cd, 2}, {cd, 3}, {2 * cd, 3}, {2 * cd, 4}}
		for i, s := range steps {
			e.clock.Advance(s.advance)
			_, err := v.Verify(bg, tok)
			wantErr(t, err, cognitotenant.ErrKeysUnavailable)
			if e.jwks.Hits() != s.hits {
				t.Fatalf("step %d: %d fetches, want %d", i, e.jwks.Hits(), s.hits)
			}
		}
	})

	t.Run("warm_up_success_serves_first_token_without_fetch", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		if err := v.WarmUp(bg); err != nil {
			t.Fatal(err)
		}
		_, err := v.Verify(bg, e.mintID(t))
		wantErr(t, err, nil)
		wantHits(t, e.jwks, 1)
	})
}

func TestKeySetFetchHygiene(t *testing.T) {
	t.Parallel()
	huge := bytes.Repeat([]byte(" "), cognitotenant.MaxKeySetBytes)
	tests := []struct {
		name   string
		status int
		body   func(jwks []byte) []byte
		want   error
	}{
		{name: "good_set_is_accepted"},
		{name: "error_status_is_keys_unavailable", status: http.StatusForbidden,
			want: cognitotenant.ErrKeysUnavailable},
		{name: "garbage_body_is_keys_unavailable",
			body: func([]byte) []byte { return []byte("<html>oops</html>") },
			want: cognitotenant.ErrKeysUnavailable},
		{name: "set_just_under_the_cap_is_accepted",
			body: func(j []byte) []byte {
				pad := bytes.Repeat([]byte(" "), cognitotenant.MaxKeySetBytes-len(j))
				return append(pad, j...)
			}},
		{name: "set_over_one_mebibyte_is_keys_unavailable",
			body: func(j []byte) []byte { return append(bytes.Clone(huge), j...) },
			want: cognitotenant.ErrKeysUnavailable},
		{name: "set_without_usable_keys_is_keys_unavailable",
			body: func([]byte) []byte {
				return []byte(`{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"x"}]}`)
			},
			want: cognitotenant.ErrKeysUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, false)
			v := e.verifier(t, e.config(cognitotenant.TokenUseID))
			e.jwks.Fail(tt.status)
			if tt.body != nil {
				e.jwks.ServeBody(tt.body(e.issuer.JWKS()))
			}
			_, err := v.Verify(bg, e.mintID(t))
			wantErr(t, err, tt.want)
		})
	}

	t.Run("slow_fetch_honours_the_callers_context", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		v := e.verifier(t, e.config(cognitotenant.TokenUseID))
		e.jwks.Delay(time.Minute)
		ctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
		defer cancel()
		_, err := v.Verify(ctx, e.mintID(t))
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error %v does not carry the context's deadline", err)
		}
	})

	t.Run("fetch_timeout_bounds_a_stalled_server", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, false)
		cfg := e.config(cognitotenant.TokenUseID)
		cfg.FetchTimeout = 50 * time.Millisecond
		v := e.verifier(t, cfg)
		e.jwks.Delay(time.Minute)
		_, err := v.Verify(bg, e.mintID(t))
		wantErr(t, err, cognitotenant.ErrKeysUnavailable)
	})
}
