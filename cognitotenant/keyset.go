package cognitotenant

import (
	"context"
	"crypto/rsa"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cognitotenant/cognitotenant-go/internal/jose"
)

// keyEnv is what every key set of a Verifier shares.
type keyEnv struct {
	base       context.Context // cancelled by Close
	client     *http.Client
	now        func() time.Time
	log        *slog.Logger
	hooks      Hooks
	interval   time.Duration
	cooldown   time.Duration
	maxBackoff time.Duration
	maxStale   time.Duration
	timeout    time.Duration

	// mu orders starting a goroutine (refresh loop or fetch) against
	// Close, so that none is added to loops once Close waits on it.
	mu     sync.Mutex
	closed bool
	loops  sync.WaitGroup
}

// spawn runs f on a new goroutine that Close waits for, unless the
// verifier is closed: then it returns false and f does not run.
func (env *keyEnv) spawn(f func()) bool {
	env.mu.Lock()
	defer env.mu.Unlock()
	if env.closed {
		return false
	}
	env.loops.Add(1)
	go func() {
		defer env.loops.Done()
		f()
	}()
	return true
}

// verifyKey is one usable key. A refresh that finds the same kid with the
// same modulus keeps the old *verifyKey, so the token cache can tell by
// pointer whether its entry's key is still in the set.
type verifyKey struct {
	kid string
	pub *rsa.PublicKey
}

// keySnapshot is an immutable key set as fetched at one time. Readers load
// it through an atomic pointer: the verify path takes no lock.
type keySnapshot struct {
	keys      map[string]*verifyKey
	skipped   map[string]jose.SkipReason
	fetchedAt time.Time
}

// fetchCall is one in-flight fetch that concurrent callers share.
type fetchCall struct {
	done chan struct{}
	err  error
}

// keySet caches the keys of one issuer. Every issuer has its own, so a key
// of one pool can never verify a token of another.
type keySet struct {
	issuer string
	url    string
	static bool
	env    *keyEnv
	snap   atomic.Pointer[keySnapshot]

	mu       sync.Mutex
	flight   *fetchCall
	failures int
	lastErr  error
	loopOnce sync.Once

	// holdUntil (Unix ns) is the end of the cooldown or backoff, and busy
	// is set while a fetch runs. Both are written under mu and read
	// without it by kick, so the verify path takes no lock to learn that
	// there is nothing to start.
	holdUntil atomic.Int64
	busy      atomic.Bool
}

func newStaticKeySet(issuer string, data []byte, env *keyEnv) (*keySet, error) {
	set, err := jose.ParseSet(data)
	if err != nil {
		return nil, configErr("static key set for %s: %v", issuer, err)
	}
	ks := &keySet{issuer: issuer, static: true, env: env}
	ks.snap.Store(newSnapshot(set, nil, time.Time{}))
	return ks, nil
}

func newSnapshot(set *jose.Set, old *keySnapshot, at time.Time) *keySnapshot {
	s := &keySnapshot{
		keys:      make(map[string]*verifyKey, len(set.Keys)),
		skipped:   set.Skipped,
		fetchedAt: at,
	}
	for _, k := range set.Keys {
		if old != nil {
			if prev := old.keys[k.ID]; prev != nil && prev.pub.Equal(k.Public) {
				s.keys[k.ID] = prev
				continue
			}
		}
		s.keys[k.ID] = &verifyKey{kid: k.ID, pub: k.Public}
	}
	return s
}

// usable reports whether s may verify tokens at now: it exists and its
// last good fetch is within the maximum staleness.
func (ks *keySet) usable(s *keySnapshot, now time.Time) bool {
	return s != nil && (ks.static || now.Sub(s.fetchedAt) <= ks.env.maxStale)
}

func (ks *keySet) due(s *keySnapshot, now time.Time) bool {
	return !ks.static && now.Sub(s.fetchedAt) >= ks.env.interval
}

// current returns the key for kid if the cached set has it and is usable,
// without fetching; a set due for refresh gets one in the background. The
// token cache calls it to confirm an entry's key is still published.
func (ks *keySet) current(kid string, now time.Time) *verifyKey {
	s := ks.snap.Load()
	if !ks.usable(s, now) {
		return nil
	}
	if ks.due(s, now) {
		ks.kick(now)
	}
	return s.keys[kid]
}

// lookup returns the key for kid, fetching the set when it is missing,
// stale or lacks kid. Only one fetch runs at a time per issuer and callers
// share it; outside a fetch, the cooldown or backoff makes a miss fail at
// once. Errors wrap ErrUnknownKey, ErrAlgorithm or ErrKeysUnavailable.
func (ks *keySet) lookup(ctx context.Context, kid string) (*verifyKey, error) {
	now := ks.env.now()
	s := ks.snap.Load()
	if ks.usable(s, now) {
		if k := s.keys[kid]; k != nil {
			if ks.due(s, now) {
				ks.kick(now)
			}
			return k, nil
		}
		if r, ok := s.skipped[kid]; ok {
			return nil, skipError(r)
		}
		ks.env.hooks.UnknownKey(ks.issuer, kid)
	}
	if ks.static {
		return nil, ErrUnknownKey
	}

	call := ks.begin(now, true)
	if call == nil {
		ks.env.hooks.CooldownHit(ks.issuer, kid)
		ks.debug("key set refresh in cooldown", kid)
		return nil, ks.missError(s, now)
	}
	select {
	case <-call.done:
	case <-ctx.Done():
		return nil, refuse(ErrKeysUnavailable, "%w", ctx.Err())
	}

	now = ks.env.now()
	s = ks.snap.Load()
	if ks.usable(s, now) {
		if k := s.keys[kid]; k != nil {
			return k, nil
		}
		if r, ok := s.skipped[kid]; ok {
			return nil, skipError(r)
		}
	}
	if call.err != nil {
		return nil, refuse(ErrKeysUnavailable, "%w", call.err)
	}
	return nil, ks.missError(s, now)
}

// TODO(keyset): remember recently refused kids beyond the cooldown (a
// small negative cache), so that a client replaying one unknown kid costs
// no fetch at all rather than one per cooldown period.

// missError classifies a kid the cache cannot supply. After a good fetch
// it is unknown (401); when the set could not be had, or the last fetch
// failed so the set may lack a new key, nobody can tell (503).
func (ks *keySet) missError(s *keySnapshot, now time.Time) error {
	ks.mu.Lock()
	last := ks.lastErr
	ks.mu.Unlock()
	if !ks.usable(s, now) || last != nil {
		if last == nil {
			last = errors.New("key set not fetched yet")
		}
		return refuse(ErrKeysUnavailable, "%w", last)
	}
	return ErrUnknownKey
}

func skipError(r jose.SkipReason) error {
	if r == jose.SkipAlgorithm {
		return refuse(ErrAlgorithm, "key is not an RS256 key")
	}
	return refuse(ErrUnknownKey, "key in set is unusable")
}

// kick starts a background refresh of a set that is due, unless a fetch
// is running or the cooldown or backoff holds. While a set stays due
// through an outage every verify kicks, so the common "nothing to do"
// answer comes from two atomic loads.
func (ks *keySet) kick(now time.Time) {
	if ks.busy.Load() || now.UnixNano() < ks.holdUntil.Load() {
		return
	}
	ks.begin(now, false)
}

// begin joins the in-flight fetch or starts one, unless the cooldown or
// backoff forbids a new fetch: then it returns nil at once. It never makes
// the caller wait.
func (ks *keySet) begin(now time.Time, forced bool) *fetchCall {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if ks.flight != nil {
		return ks.flight
	}
	if now.UnixNano() < ks.holdUntil.Load() || ks.env.base.Err() != nil {
		return nil
	}
	return ks.startLocked(forced)
}

// startLocked starts a fetch, or returns nil once the verifier is closed.
func (ks *keySet) startLocked(forced bool) *fetchCall {
	call := &fetchCall{done: make(chan struct{})}
	if !ks.env.spawn(func() { ks.run(call, forced) }) {
		return nil
	}
	ks.flight = call
	ks.busy.Store(true)
	return call
}

// refresh fetches now, ignoring the cooldown, and waits; WarmUp uses it.
// It returns ErrClosed, fetching nothing, once the verifier is closed.
func (ks *keySet) refresh(ctx context.Context) error {
	ks.mu.Lock()
	call := ks.flight
	if call == nil {
		call = ks.startLocked(false)
	}
	ks.mu.Unlock()
	if call == nil {
		return ErrClosed
	}
	select {
	case <-call.done:
		return call.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// run performs one fetch. Its context is the verifier's, not a caller's:
// callers share the fetch, so one caller giving up must not fail it for
// the rest.
func (ks *keySet) run(call *fetchCall, forced bool) {
	ctx, cancel := context.WithTimeout(ks.env.base, ks.env.timeout)
	defer cancel()
	start := time.Now()
	set, err := fetchKeySet(ctx, ks.env.client, ks.url, forced)
	elapsed := time.Since(start)
	now := ks.env.now()

	ks.mu.Lock()
	if err == nil {
		// Replace the set only after a successful, parsed fetch; a
		// failure leaves the last good keys in place.
		ks.snap.Store(newSnapshot(set, ks.snap.Load(), now))
		ks.failures, ks.lastErr = 0, nil
		ks.holdUntil.Store(now.Add(ks.env.cooldown).UnixNano())
	} else {
		ks.failures++
		ks.lastErr = err
		ks.holdUntil.Store(now.Add(ks.backoffLocked()).UnixNano())
	}
	ks.flight = nil
	ks.busy.Store(false)
	call.err = err
	ks.mu.Unlock()
	close(call.done)
	// The schedule starts from the first fetch's outcome, so that its first
	// sleep is a refresh interval or a backoff, never a guess.
	ks.loopOnce.Do(ks.startLoop)

	ev := RefreshEvent{Issuer: ks.issuer, URL: ks.url, Forced: forced,
		Duration: elapsed, Err: err}
	if err == nil {
		ev.Keys = len(set.Keys)
		ks.env.log.Debug("cognitotenant: key set fetched", "issuer", ks.issuer,
			"keys", ev.Keys, "skipped", len(set.Skipped), "forced", forced)
	} else {
		ks.env.log.Warn("cognitotenant: key set fetch failed", "issuer", ks.issuer,
			"url", ks.url, "error", err, "failures", ks.failuresNow())
	}
	ks.env.hooks.KeySetRefreshed(ev)
}

// backoffLocked doubles the wait after each consecutive failure, from the
// cooldown up to maxBackoff, so an outage costs one outbound request per
// period instead of one per token.
func (ks *keySet) backoffLocked() time.Duration {
	d := ks.env.cooldown
	for i := 1; i < ks.failures && d < ks.env.maxBackoff; i++ {
		d *= 2
	}
	return min(d, ks.env.maxBackoff)
}

func (ks *keySet) failuresNow() int {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	return ks.failures
}

func (ks *keySet) debug(msg, kid string) {
	ks.env.log.Debug("cognitotenant: "+msg, "issuer", ks.issuer, "kid", kid)
}

func (env *keyEnv) isClosed() bool {
	env.mu.Lock()
	defer env.mu.Unlock()
	return env.closed
}
