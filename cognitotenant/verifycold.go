package cognitotenant

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// TODO(perf): on the shared 2-core machine a cold verify measures about
// 1.10 to 1.14 times the bare RSA verify against a budget of 1.15, a
// margin that machine load can still eat. What is left beyond RSA is
// go-json (its map-based key lookup, since the payload struct has more
// than its 16-field bitmap path, which would also match keys ignoring
// case; and its private copy of the payload), the payload's base64, and
// 8 allocations over the floor's 9, most of them what Claims keep or
// go-json's own.

// verifyCold is the full verification of a token not in the cache. Order
// matters: header, then the issuer allow-list (before any network call, so
// a token cannot make the verifier fetch from anywhere unconfigured), then
// key and signature, and only then the claim rules, so that no claim of an
// unsigned token decides anything but which key to try.
//
// sig and digest come from splitSignature: the encoded signature and the
// SHA-256 of everything before it.
func (v *Verifier) verifyCold(ctx context.Context, token, sig string, digest *tokenKey,
	now time.Time) (*Claims, cacheEntry, error) {
	var scratch sigScratch
	t, signature, err := parseCompact(token, len(token)-len(sig)-1, &v.headers, &scratch,
		v.cache != nil)
	if err != nil {
		return nil, cacheEntry{}, err
	}
	if t.header.Alg != "RS256" {
		return nil, cacheEntry{}, refuse(ErrAlgorithm, "header alg is not RS256")
	}
	kid := t.header.Kid
	if kid == "" {
		return nil, cacheEntry{}, refuse(ErrUnknownKey, "header has no kid")
	}
	p, tenant, err := v.decoder.decode(t.payload)
	defer v.decoder.release(p)
	if err != nil {
		return nil, cacheEntry{}, newRefusal(err, "", kid)
	}
	iss, ok := v.issuers[p.Iss]
	if !ok {
		return nil, cacheEntry{}, newRefusal(ErrIssuer, "", kid)
	}

	key, err := iss.keys.lookup(ctx, kid)
	if err != nil {
		return nil, cacheEntry{}, newRefusal(err, p.Iss, kid)
	}
	if err := verifySignature(key.pub, digest, signature); err != nil {
		return nil, cacheEntry{}, newRefusal(err, p.Iss, kid)
	}

	c, err := v.rules.check(p, tenant, iss.pool, now)
	if err != nil {
		return nil, cacheEntry{}, newRefusal(err, p.Iss, kid)
	}
	c.raw.payload = t.payload
	v.headers.add(t.headerSegment, t.header)
	return c, cacheEntry{sig: t.sigCopy, claims: c, expires: v.rules.cacheUntil(p),
		keys: iss.keys, key: key}, nil
}

// cacheUntil is when a cached verification stops holding: at exp (plus
// leeway), or earlier when MaxAge would refuse the token first.
func (r *claimRules) cacheUntil(p *payloadClaims) time.Time {
	until := p.Exp.time().Add(r.leeway)
	if r.maxAge > 0 {
		if old := p.Iat.time().Add(r.maxAge + r.leeway); old.Before(until) {
			until = old
		}
	}
	return until
}

// WarmUp fetches the key set of every issuer now and waits, so that the
// first requests do not pay for it; calling it again refreshes them. The
// error joins the failures of each issuer. Whether to refuse to start on
// an error is the caller's choice: a verifier that failed to warm up keeps
// retrying on demand, after a cooldown, as if WarmUp had not been called.
// After Close it fetches nothing and returns an error wrapping ErrClosed.
func (v *Verifier) WarmUp(ctx context.Context) error {
	if v.env.isClosed() {
		return fmt.Errorf("cognitotenant: warm up: %w", ErrClosed)
	}
	var errs []error
	for iss, st := range v.issuers {
		if st.keys.static {
			continue
		}
		if err := st.keys.refresh(ctx); err != nil {
			errs = append(errs, refuse(ErrKeysUnavailable, "%s: %w", iss, err))
		}
	}
	return errors.Join(errs...)
}

// Close stops the background key refreshes, cancels any fetch in flight
// and waits for them all to end, so that no hook is called after it
// returns. Verify keeps working afterwards with the keys already fetched,
// but fetches no more; WarmUp returns ErrClosed. Close is idempotent and
// always returns nil.
func (v *Verifier) Close() error {
	v.once.Do(func() {
		v.env.mu.Lock()
		v.env.closed = true
		v.env.mu.Unlock()
		v.stop()
		v.env.loops.Wait()
	})
	return nil
}
