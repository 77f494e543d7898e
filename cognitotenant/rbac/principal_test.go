package rbac

import (
	"slices"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

func TestPrincipalFromClaims(t *testing.T) {
	t.Parallel()
	t.Run("nil_claims_give_no_principal", func(t *testing.T) {
		t.Parallel()
		pr := PrincipalFromClaims(nil)
		if pr != nil {
			t.Fatalf("PrincipalFromClaims(nil) = %+v; want nil", pr)
		}
		if d := Default().Decide(pr, PermRead); d.Reason != ReasonNoPrincipal {
			t.Fatalf("decision %v; want no_principal", d)
		}
	})
	t.Run("verified_claims_decide_directly", func(t *testing.T) {
		t.Parallel()
		c := &cognitotenant.Claims{
			Subject: exampleSub, TenantID: tenantA, UserPoolID: examplePool,
			Groups: []string{GroupEditor, autoGroup}, Scopes: []string{"notes/write"},
		}
		pr := PrincipalFromClaims(c)
		if pr.Subject != exampleSub || pr.TenantID != tenantA ||
			pr.UserPoolID != examplePool || !slices.Equal(pr.Groups, c.Groups) ||
			!slices.Equal(pr.Scopes, c.Scopes) {
			t.Fatalf("PrincipalFromClaims = %+v", pr)
		}
		p := strictDefault()
		if d := p.Decide(pr, PermUpdate); !d.Allowed || d.Subject != exampleSub {
			t.Fatalf("editor update: %v; want granted", d)
		}
		if d := p.DecideAllScopes(pr, "notes/write"); !d.Allowed {
			t.Fatalf("scope check: %v; want granted", d)
		}
	})
}
