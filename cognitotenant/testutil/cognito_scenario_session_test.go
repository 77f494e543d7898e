//go:build integration

package testutil_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// tenantSwitch tries the attack: a user rewrites custom:tenant_id, which
// the client may read but not write, then refreshes. Cognito refuses the
// write; an emulator that does not enforce write permissions lets the
// refreshed ID token carry the new tenant.
func tenantSwitch(t *testing.T, p scenarioPool, res *types.AuthenticationResultType) {
	_, err := p.e.api.UpdateUserAttributes(context.Background(),
		&cip.UpdateUserAttributesInput{AccessToken: res.AccessToken,
			UserAttributes: attrs("custom:tenant_id", "victim")})
	if p.e.enforcesWrite {
		wantAPIError(t, err, "NotAuthorizedException")
	} else if err != nil {
		t.Fatalf("UpdateUserAttributes: %v, want the unenforced write to pass", err)
	}
	out, err := refreshErr(p, res.RefreshToken)
	if err != nil || out.AuthenticationResult == nil {
		t.Fatalf("REFRESH_TOKEN_AUTH = %+v, %v", out, err)
	}
	c := p.verify(t, cognitotenant.TokenUseID, aws.ToString(out.AuthenticationResult.IdToken))
	want := "victim"
	if p.e.enforcesWrite {
		want = "acme"
	}
	if c.TenantID != want {
		t.Fatalf("tenant after refresh = %q, want %q", c.TenantID, want)
	}
}

// signOutAndRevoke revokes a fresh refresh token, then signs out
// globally, checking what each emulator ends.
func signOutAndRevoke(t *testing.T, p scenarioPool) {
	ctx := context.Background()
	res := passwordSignIn(t, p, "carol", scenarioPassword)
	if _, err := p.e.api.RevokeToken(ctx, &cip.RevokeTokenInput{Token: res.RefreshToken,
		ClientId: &p.clientID}); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	_, err := refreshErr(p, res.RefreshToken)
	wantAPIError(t, err, "NotAuthorizedException")
	_, err = p.e.api.GetUser(ctx, &cip.GetUserInput{AccessToken: res.AccessToken})
	if p.e.revokeEndsAccess {
		wantAPIError(t, err, "NotAuthorizedException")
	} else if err != nil {
		t.Fatalf("GetUser after RevokeToken: %v, want the access token still accepted", err)
	}

	res = passwordSignIn(t, p, "carol", scenarioPassword)
	_, err = p.e.api.GlobalSignOut(ctx, &cip.GlobalSignOutInput{AccessToken: res.AccessToken})
	if !p.e.globalSignOut {
		wantAPIError(t, err, "Unsupported")
		return
	}
	if err != nil {
		t.Fatalf("GlobalSignOut: %v", err)
	}
	_, err = refreshErr(p, res.RefreshToken)
	wantAPIError(t, err, "NotAuthorizedException")
}
