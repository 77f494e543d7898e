package bench

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// fixture is shared by the tests and benchmarks of this package: RSA key
// generation is slow, and every peer must see the same tokens.
var fixture = sync.OnceValues(func() (*Fixture, error) { return NewFixture(64) })

func sharedFixture(tb testing.TB) *Fixture {
	tb.Helper()
	f, err := fixture()
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func peersFor(tb testing.TB, f *Fixture, k Kind) ([]Peer, []Skipped) {
	tb.Helper()
	peers, skipped, done, err := Peers(f, k)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(done)
	return peers, skipped
}

// probe is a token broken in one way that a verifier of kind must refuse.
type probe struct {
	name  string
	check Check
	token func(tb testing.TB, f *Fixture, k Kind) string
}

func mint(mutate ...testutil.ClaimsMutator) func(testing.TB, *Fixture, Kind) string {
	return func(tb testing.TB, f *Fixture, k Kind) string {
		tb.Helper()
		tok, err := f.Mint(k, mutate...)
		if err != nil {
			tb.Fatal(err)
		}
		return tok
	}
}

func otherKind(k Kind) string {
	if k == KindID {
		return string(KindAccess)
	}
	return string(KindID)
}

var probes = []probe{
	{"tampered_signature_is_refused", CheckSignature,
		func(tb testing.TB, f *Fixture, k Kind) string {
			tok := []byte(mint()(tb, f, k))
			i := len(tok) - 20
			tok[i] = map[bool]byte{true: 'B', false: 'A'}[tok[i] == 'A']
			return string(tok)
		}},
	{"foreign_issuer_is_refused", CheckIssuer, mint(testutil.With("iss",
		"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool"))},
	{"foreign_client_is_refused", CheckClient, func(tb testing.TB, f *Fixture,
		k Kind) string {
		claim := "aud"
		if k == KindAccess {
			claim = "client_id"
		}
		return mint(testutil.With(claim, "someotherclient0123456789"))(tb, f, k)
	}},
	{"other_token_use_is_refused", CheckTokenUse, func(tb testing.TB, f *Fixture,
		k Kind) string {
		return mint(testutil.With("token_use", otherKind(k)))(tb, f, k)
	}},
	{"expired_token_is_refused", CheckExpiry, func(tb testing.TB, f *Fixture,
		k Kind) string {
		now := time.Now()
		return mint(testutil.With("iat", now.Add(-2*time.Hour).Unix()),
			testutil.With("auth_time", now.Add(-2*time.Hour).Unix()),
			testutil.With("exp", now.Add(-time.Hour).Unix()))(tb, f, k)
	}},
	{"token_without_exp_is_refused", CheckExpRequired, mint(testutil.Without("exp"))},
	{"token_without_tenant_is_refused", CheckTenant,
		mint(testutil.Without(testutil.TenantClaim))},
	{"empty_tenant_is_refused", CheckTenant, mint(testutil.With(testutil.TenantClaim, ""))},
}

// TestPeersDecideAlike holds every peer to the checks it claims: it must
// accept every valid token of its kind and refuse each broken one, except
// where it declares it cannot make the check, and there it must indeed
// accept, so that the tables state the difference truthfully.
func TestPeersDecideAlike(t *testing.T) {
	f := sharedFixture(t)
	ctx := context.Background()
	for _, k := range Kinds {
		peers, _ := peersFor(t, f, k)
		for _, p := range peers {
			t.Run(string(k)+"/"+p.Name+"/valid_tokens_are_accepted", func(t *testing.T) {
				for _, tok := range f.Tokens(k)[:8] {
					if err := p.Verify(ctx, tok); err != nil {
						t.Fatalf("valid token refused: %v", err)
					}
				}
			})
			for _, pr := range probes {
				if !pr.check.AppliesTo(k) {
					continue
				}
				t.Run(string(k)+"/"+p.Name+"/"+pr.name, func(t *testing.T) {
					err := p.Verify(ctx, pr.token(t, f, k))
					why, cannot := p.Cannot[pr.check]
					switch {
					case cannot && err != nil:
						t.Fatalf("declared unable (%s) but refused: %v", why, err)
					case !cannot && err == nil:
						t.Fatal("accepted")
					}
				})
			}
		}
	}
}

// TestSkippedPeersRefuseValidTokens confirms that a peer left out of a
// kind's table is left out because it refuses that kind's valid tokens.
func TestSkippedPeersRefuseValidTokens(t *testing.T) {
	f := sharedFixture(t)
	_, skipped := peersFor(t, f, KindAccess)
	if len(skipped) == 0 {
		t.Fatal("no peer is skipped for access tokens; update the tables")
	}
	idPeers, _ := peersFor(t, f, KindID)
	for _, s := range skipped {
		t.Run(s.Name+"/refuses_access_tokens", func(t *testing.T) {
			for _, p := range idPeers {
				if p.Name != s.Name {
					continue
				}
				tok := f.Tokens(KindAccess)[0]
				if err := p.Verify(context.Background(), tok); err == nil {
					t.Fatal("access token accepted")
				}
				return
			}
			t.Fatal("no ID-token peer of that name")
		})
	}
}

// TestFloorChecksEveryToken guards the floor against measuring a failing
// verify, which returns early.
func TestFloorChecksEveryToken(t *testing.T) {
	f := sharedFixture(t)
	for _, k := range Kinds {
		fl, err := NewFloor(f, k)
		if err != nil {
			t.Fatal(err)
		}
		for i := range f.Tokens(k) {
			if err := fl.Verify(i); err != nil {
				t.Fatalf("%s token %d: %v", k, i, err)
			}
		}
		fl.sigs[0][0] ^= 1
		if fl.Verify(0) == nil {
			t.Fatalf("%s: floor accepted a broken signature", k)
		}
	}
}
