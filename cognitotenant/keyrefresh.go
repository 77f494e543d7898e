package cognitotenant

import (
	"math/rand/v2"
	"time"
)

// startLoop runs the scheduled refresh of a key set until the verifier
// closes. It starts after the first fetch, so a verifier that never sees a
// token of this issuer makes no background requests.
func (ks *keySet) startLoop() {
	ks.env.spawn(func() {
		for {
			t := time.NewTimer(ks.untilDue())
			select {
			case <-ks.env.base.Done():
				t.Stop()
				return
			case <-t.C:
			}
			if call := ks.begin(ks.env.now(), false); call != nil {
				select {
				case <-call.done:
				case <-ks.env.base.Done():
					return
				}
			}
		}
	})
}

// untilDue is how long the loop sleeps: to the jittered end of the refresh
// interval after a good fetch, or to the end of the backoff after a failed
// one. Jitter spreads the refreshes of many instances started together.
func (ks *keySet) untilDue() time.Duration {
	now := ks.env.now()
	ks.mu.Lock()
	failed := ks.lastErr != nil
	ks.mu.Unlock()

	var d time.Duration
	if s := ks.snap.Load(); failed || s == nil {
		d = time.Duration(ks.holdUntil.Load() - now.UnixNano())
	} else {
		jitter := 0.9 + 0.2*rand.Float64()
		d = s.fetchedAt.Add(time.Duration(float64(ks.env.interval) * jitter)).Sub(now)
	}
	// A floor keeps a clock that jumps or stands still from spinning the
	// loop.
	return max(d, time.Second)
}
