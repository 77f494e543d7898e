package cognitotenant

import (
	"crypto/sha256"
	"sync"
	"time"
)

// tokenKey is the SHA-256 of a token's signing input (header and payload),
// the digest RS256 signs. An entry also holds the token's encoded
// signature and matches only when it is identical, so together they key
// the whole token, while the cold path hashes the token once, for the
// signature check and the cache alike. With canonical base64 (see
// decodeSegment) each token has one string form, so a hit means this
// exact token verified before. The cache never holds a usable token.
type tokenKey [sha256.Size]byte

// splitSignature returns a token's signing input digest and its encoded
// signature, or ok false when it is not three dot-separated segments.
func splitSignature(token string) (key tokenKey, sig string, ok bool) {
	dot := signatureDot(token)
	if dot < 0 {
		return key, "", false
	}
	return sha256.Sum256(unsafeBytes(token[:dot])), token[dot+1:], true
}

// cacheEntry is a verified token's claims and what keeps them valid.
type cacheEntry struct {
	sig     string // encoded signature, owned copy
	claims  *Claims
	expires time.Time // exp plus leeway, or earlier under MaxAge
	keys    *keySet
	key     *verifyKey
}

// tokenCache is a bounded map from token hash to verified claims, split
// into shards so that concurrent verifies rarely share a lock. Full shards
// evict by sampling: an expired entry if one is found among a few, else
// the one of those closest to expiry. Cheaper than an LRU list and, since
// tokens live at most a day, as good a guess of what is needed next.
type tokenCache struct {
	shards   []cacheShard
	perShard int
}

type cacheShard struct {
	mu sync.RWMutex
	m  map[tokenKey]cacheEntry
}

const (
	maxCacheShards = 16
	evictSample    = 8
)

func newTokenCache(size int) *tokenCache {
	if size <= 0 {
		return nil
	}
	n := min(maxCacheShards, size)
	c := &tokenCache{shards: make([]cacheShard, n), perShard: (size + n - 1) / n}
	for i := range c.shards {
		c.shards[i].m = make(map[tokenKey]cacheEntry)
	}
	return c
}

func (c *tokenCache) shard(k *tokenKey) *cacheShard {
	return &c.shards[int(k[0])%len(c.shards)]
}

// get returns the entry for k if present, of signature sig and unexpired
// at now.
func (c *tokenCache) get(k *tokenKey, sig string, now time.Time) (cacheEntry, bool) {
	s := c.shard(k)
	s.mu.RLock()
	e, ok := s.m[*k]
	s.mu.RUnlock()
	if ok && e.sig != sig {
		return cacheEntry{}, false
	}
	if ok && !now.Before(e.expires) {
		c.remove(k)
		return cacheEntry{}, false
	}
	return e, ok
}

func (c *tokenCache) put(k *tokenKey, e cacheEntry, now time.Time) {
	s := c.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[*k]; !ok && len(s.m) >= c.perShard {
		s.evictLocked(now)
	}
	s.m[*k] = e
}

func (c *tokenCache) remove(k *tokenKey) {
	s := c.shard(k)
	s.mu.Lock()
	delete(s.m, *k)
	s.mu.Unlock()
}

func (s *cacheShard) evictLocked(now time.Time) {
	var victim tokenKey
	var soonest time.Time
	found, expired, n := false, 0, 0
	for k, e := range s.m {
		switch {
		case !now.Before(e.expires):
			delete(s.m, k)
			expired++
		case !found || e.expires.Before(soonest):
			victim, soonest, found = k, e.expires, true
		}
		if n++; n >= evictSample {
			break
		}
	}
	if expired == 0 && found {
		delete(s.m, victim)
	}
}

// len counts entries, for tests.
func (c *tokenCache) len() int {
	n := 0
	for i := range c.shards {
		c.shards[i].mu.RLock()
		n += len(c.shards[i].m)
		c.shards[i].mu.RUnlock()
	}
	return n
}
