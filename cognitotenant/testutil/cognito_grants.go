package testutil

import "time"

// grantStore remembers what the fake issued, so that API calls made with
// a token can be refused once it is revoked, signed out or expired. It
// is guarded by FakeCognito.mu.
type grantStore struct {
	access   map[string]*grant // by access token
	refresh  map[string]*grant // by refresh token
	sessions map[string]*grant // NEW_PASSWORD_REQUIRED sessions
	issued   int
}

// grant is one issued token. family is the origin_jti shared by a
// refresh token and the access tokens issued from it.
type grant struct {
	poolID, clientID, username string
	family                     string
	authTime, exp              time.Time
	revoked                    bool
}

func newGrantStore() grantStore {
	return grantStore{access: map[string]*grant{}, refresh: map[string]*grant{},
		sessions: map[string]*grant{}}
}

// pruneEvery bounds memory in long runs, such as the example app's
// embedded pool, without a background goroutine.
const pruneEvery = 256

func (s *grantStore) add(m map[string]*grant, token string, g *grant, now time.Time) {
	m[token] = g
	s.issued++
	if s.issued%pruneEvery == 0 {
		for _, mm := range []map[string]*grant{s.access, s.refresh, s.sessions} {
			for k, v := range mm {
				if now.After(v.exp) {
					delete(mm, k)
				}
			}
		}
	}
}

// revokeUser revokes everything issued to a user: GlobalSignOut.
func (s *grantStore) revokeUser(poolID, username string) {
	for _, m := range []map[string]*grant{s.access, s.refresh, s.sessions} {
		for _, g := range m {
			if g.poolID == poolID && g.username == username {
				g.revoked = true
			}
		}
	}
}

// revokeFamily revokes a refresh token and the access tokens it issued:
// RevokeToken.
func (s *grantStore) revokeFamily(family string) {
	for _, m := range []map[string]*grant{s.access, s.refresh} {
		for _, g := range m {
			if g.family == family {
				g.revoked = true
			}
		}
	}
}
