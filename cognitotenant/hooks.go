package cognitotenant

import "time"

// Hooks observes a [Verifier], typically to feed metrics. Methods are
// called synchronously on the verifying or refreshing goroutine, so they
// must be fast and safe for concurrent use. Embed [NoHooks] to implement
// only some of them.
type Hooks interface {
	// KeySetRefreshed reports a finished key set fetch: err is nil on
	// success, when keys is the number of usable keys.
	KeySetRefreshed(ev RefreshEvent)
	// UnknownKey reports a kid absent from the cached key set of issuer,
	// before any refresh it causes.
	UnknownKey(issuer, kid string)
	// CooldownHit reports a key set refresh that was wanted but not made
	// because issuer's key set is in its cooldown or backoff period.
	CooldownHit(issuer, kid string)
	// Outcome reports every Verify result: reason is "" for an accepted
	// token. issuer is "" when the token named none that is configured.
	Outcome(issuer string, reason Reason)
}

// RefreshEvent describes one key set fetch.
type RefreshEvent struct {
	Issuer string
	URL    string
	// Forced is true when an unknown kid or a missing key set caused the
	// fetch, false for a scheduled refresh.
	Forced bool
	// Keys is the number of usable keys fetched; 0 on failure.
	Keys int
	// Duration is how long the fetch took.
	Duration time.Duration
	// Err is nil on success.
	Err error
}

// NoHooks implements [Hooks] with methods that do nothing.
type NoHooks struct{}

// KeySetRefreshed does nothing.
func (NoHooks) KeySetRefreshed(RefreshEvent) {}

// UnknownKey does nothing.
func (NoHooks) UnknownKey(string, string) {}

// CooldownHit does nothing.
func (NoHooks) CooldownHit(string, string) {}

// Outcome does nothing.
func (NoHooks) Outcome(string, Reason) {}
