package cognitotenant

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"
)

func TestTokenCacheBounds(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	key := func(i int) tokenKey { return sha256.Sum256(fmt.Appendf(nil, "token-%d", i)) }
	entry := func(ttl time.Duration) cacheEntry {
		return cacheEntry{sig: "s", claims: &Claims{}, expires: now.Add(ttl)}
	}

	t.Run("size_is_never_exceeded", func(t *testing.T) {
		t.Parallel()
		for _, size := range []int{1, 5, 16, 100} {
			c := newTokenCache(size)
			for i := range 10 * size {
				k := key(i)
				c.put(&k, entry(time.Hour), now)
			}
			limit := c.perShard * len(c.shards)
			if n := c.len(); n > limit || n == 0 || limit > size+len(c.shards) {
				t.Fatalf("size %d: %d entries, limit %d", size, n, limit)
			}
		}
	})

	t.Run("zero_size_disables_the_cache", func(t *testing.T) {
		t.Parallel()
		if newTokenCache(0) != nil {
			t.Fatal("cache of size 0 exists")
		}
	})

	t.Run("expired_entries_go_first", func(t *testing.T) {
		t.Parallel()
		c := newTokenCache(1)
		stale, fresh := key(1), key(2)
		c.put(&stale, entry(time.Minute), now)
		later := now.Add(2 * time.Minute)
		c.put(&fresh, entry(time.Hour), later)
		if _, ok := c.get(&fresh, "s", later); !ok {
			t.Fatal("fresh entry missing")
		}
		if _, ok := c.get(&stale, "s", now); ok {
			t.Fatal("stale entry survived eviction")
		}
	})

	t.Run("entry_matches_only_its_signature", func(t *testing.T) {
		t.Parallel()
		c := newTokenCache(4)
		k := key(3)
		c.put(&k, entry(time.Hour), now)
		if _, ok := c.get(&k, "s", now); !ok {
			t.Fatal("entry with its own signature missed")
		}
		if _, ok := c.get(&k, "other", now); ok {
			t.Fatal("entry matched another signature")
		}
	})
}
