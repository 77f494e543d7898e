package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// warmUpGap is the least time between two warm-ups started by readiness
// probes, so a probe loop cannot turn into a stream of key set fetches.
const warmUpGap = 10 * time.Second

var errNoKeys = errors.New("no key set fetched yet")

// keyHealth tracks the verifier's key set fetches through its hooks and
// answers the readiness probe's "can tokens be verified" question without
// fetching on every probe. It is safe for concurrent use.
type keyHealth struct {
	cognitotenant.NoHooks
	maxStale time.Duration

	mu        sync.Mutex
	lastOK    time.Time
	lastErr   error
	lastWarm  time.Time
	verifier  *cognitotenant.Verifier
	warmingUp bool
}

// KeySetRefreshed records the outcome of a fetch.
func (k *keyHealth) KeySetRefreshed(ev cognitotenant.RefreshEvent) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if ev.Err == nil && ev.Keys > 0 {
		k.lastOK, k.lastErr = time.Now(), nil
		return
	}
	k.lastErr = ev.Err
}

// ready reports nil while the verifier holds keys young enough to use.
// Before the first good fetch it warms the verifier up, at most once per
// warmUpGap, and reports that attempt's result.
func (k *keyHealth) ready(ctx context.Context) error {
	k.mu.Lock()
	if !k.lastOK.IsZero() && time.Since(k.lastOK) < k.maxStale {
		k.mu.Unlock()
		return nil
	}
	if k.warmingUp || time.Since(k.lastWarm) < warmUpGap {
		err := k.lastErr
		k.mu.Unlock()
		if err == nil {
			err = errNoKeys
		}
		return err
	}
	k.warmingUp, k.lastWarm = true, time.Now()
	k.mu.Unlock()

	err := k.verifier.WarmUp(ctx)

	k.mu.Lock()
	defer k.mu.Unlock()
	k.warmingUp = false
	// The hook may report the same fetch after WarmUp returns; a nil
	// error already means the keys are in.
	if err == nil && k.lastOK.IsZero() {
		k.lastOK = time.Now()
	}
	return err
}
