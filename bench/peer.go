package bench

import (
	"context"
	"errors"
	"fmt"
)

// Check is one rule a Cognito token verifier must apply.
type Check string

// The checks cognitotenant makes and each peer is asked to make.
const (
	CheckSignature   Check = "signature"
	CheckIssuer      Check = "issuer"
	CheckClient      Check = "client"
	CheckTokenUse    Check = "token_use"
	CheckExpiry      Check = "expiry"
	CheckExpRequired Check = "exp required"
	CheckTenant      Check = "tenant claim"
)

// Checks lists the checks in the order tables show them.
var Checks = []Check{CheckSignature, CheckIssuer, CheckClient, CheckTokenUse,
	CheckExpiry, CheckExpRequired, CheckTenant}

// AppliesTo reports whether c is asked of verifiers of kind k. Cognito
// puts the tenant attribute in ID tokens only, unless a pre-token trigger
// copies it, so access-token verifiers do not require it.
func (c Check) AppliesTo(k Kind) bool { return c != CheckTenant || k == KindID }

// Peer is one verifier set up for one kind of token.
type Peer struct {
	// Name identifies the peer in benchmark names and tables.
	Name string
	// Warm peers are measured presenting one token again and again,
	// the others a different token each time.
	Warm bool
	// Verify returns nil only for a token that passed every check.
	Verify func(ctx context.Context, token string) error
	// Cannot names the checks the peer's API cannot make, and why.
	Cannot map[Check]string
}

// Skipped is a peer that cannot verify a kind of token at all.
type Skipped struct {
	Name string
	Kind Kind
	Why  string
}

// errCheck is what a peer's own claim checks return; its text names the
// claim only, never a value.
var errCheck = errors.New("bench: claim check failed")

func claimErr(claim string) error { return fmt.Errorf("%w: %s", errCheck, claim) }

// Peers builds every peer for kind k over f's key set. Call the returned
// function to release what they hold, such as background refreshes.
func Peers(f *Fixture, k Kind) ([]Peer, []Skipped, func(), error) {
	var (
		peers   []Peer
		skipped []Skipped
		closers []func()
	)
	done := func() {
		for _, c := range closers {
			c()
		}
	}
	ours, closeOurs, err := cognitotenantPeers(f, k)
	if err != nil {
		return nil, nil, nil, err
	}
	peers, closers = append(peers, ours...), append(closers, closeOurs)
	for _, build := range []func(*Fixture, Kind) (*Peer, *Skipped, error){
		jwxPeer, golangJWTPeer, oidcPeer, auth0Peer,
	} {
		p, s, err := build(f, k)
		if err != nil {
			done()
			return nil, nil, nil, err
		}
		if p != nil {
			peers = append(peers, *p)
		}
		if s != nil {
			skipped = append(skipped, *s)
		}
	}
	return peers, skipped, done, nil
}
