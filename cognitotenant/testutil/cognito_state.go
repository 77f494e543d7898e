package testutil

import (
	"crypto/rand"
	"maps"
	"slices"
	"time"
)

// User statuses as Cognito reports them.
const (
	statusConfirmed   = "CONFIRMED"
	statusForceChange = "FORCE_CHANGE_PASSWORD"
)

// fakePool is one user pool. Its fields are guarded by FakeCognito.mu;
// keys is safe for concurrent use on its own.
type fakePool struct {
	id, name          string
	created, modified time.Time
	policy            PasswordPolicy
	custom            map[string]customAttr // by full name, "custom:x"
	keys              *Issuer
	clients           map[string]*fakeClient
	groups            map[string]*fakeGroup
	users             map[string]*fakeUser // by username
}

type customAttr struct {
	name     string // without the custom: prefix, as in the pool schema
	dataType string
	mutable  bool
}

type fakeClient struct {
	id, name, secret  string
	read, write       []string // nil: Cognito's defaults (see canRead)
	flows             []string
	validity          tokenValidity
	preventExistence  string
	revocation        bool
	created, modified time.Time
}

type fakeGroup struct {
	name, description, roleARN string
	precedence                 *int32
	created, modified          time.Time
}

type fakeUser struct {
	username, sub     string
	password          string
	status            string
	enabled           bool
	attrs             map[string]string // includes sub
	groups            map[string]bool
	created, modified time.Time
	passwordSetAt     time.Time
}

// pool returns the pool or ResourceNotFoundException. Callers hold fc.mu.
func (fc *FakeCognito) pool(id string) (*fakePool, error) {
	p, ok := fc.pools[id]
	if !ok {
		return nil, poolNotFound(id)
	}
	return p, nil
}

// client returns a client of the pool. Callers hold fc.mu.
func (p *fakePool) client(id string) (*fakeClient, error) {
	c, ok := p.clients[id]
	if !ok {
		return nil, clientNotFound(id)
	}
	return c, nil
}

// user returns a user of the pool or UserNotFoundException.
func (p *fakePool) user(name string) (*fakeUser, error) {
	u, ok := p.users[name]
	if !ok {
		return nil, userNotFound()
	}
	return u, nil
}

// group returns a group of the pool or ResourceNotFoundException.
func (p *fakePool) group(name string) (*fakeGroup, error) {
	g, ok := p.groups[name]
	if !ok {
		return nil, resourceNotFound("Group not found.")
	}
	return g, nil
}

// clientOf finds the pool that owns an app client, as InitiateAuth must:
// it names only the client. Callers hold fc.mu.
func (fc *FakeCognito) clientOf(id string) (*fakePool, *fakeClient, error) {
	for _, p := range fc.pools {
		if c, ok := p.clients[id]; ok {
			return p, c, nil
		}
	}
	return nil, nil, resourceNotFound("User pool client " + id + " does not exist.")
}

// groupNames returns the user's groups in a stable order.
func (u *fakeUser) groupNames() []string {
	return slices.Sorted(maps.Keys(u.groups))
}

// randomID returns n characters from alphabet, as Cognito's ids look.
func randomID(n int, alphabet string) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("testutil: random: " + err.Error())
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

const (
	lowerDigits  = "abcdefghijklmnopqrstuvwxyz0123456789"
	mixedDigits  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	poolIDSuffix = 9
)
