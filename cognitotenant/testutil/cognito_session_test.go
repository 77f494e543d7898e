package testutil_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// TestTenantSwitchAttack shows the attack of a client that may write
// custom:tenant_id, and the default client refusing it.
func TestTenantSwitchAttack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		write   []string
		refused bool
	}{
		{"default_client_refuses_tenant_write", nil, true},
		{"client_granted_tenant_write_lets_user_switch_tenant",
			[]string{"given_name", "custom:tenant_id"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			f := newFixture(t, testutil.PoolSpec{WriteAttributes: tt.write})
			f.seedUser(t, testutil.SeedUserSpec{Username: "mal", TenantID: "mine"})
			res := f.mustSignIn(t, "mal").AuthenticationResult

			_, err := f.api.UpdateUserAttributes(ctx, &cip.UpdateUserAttributesInput{
				AccessToken:    res.AccessToken,
				UserAttributes: attrs("custom:tenant_id", "victim")})
			if tt.refused {
				wantAPIError(t, err, "NotAuthorizedException")
			} else if err != nil {
				t.Fatalf("UpdateUserAttributes: %v", err)
			}

			refreshed := f.refresh(t, aws.ToString(res.RefreshToken), "mal")
			_, id := verified(t, f.fc.JWKSURL(f.pool.PoolID),
				aws.ToString(refreshed.AuthenticationResult.IdToken))
			want := "victim"
			if tt.refused {
				want = "mine"
			}
			if id["custom:tenant_id"] != want {
				t.Fatalf("tenant after refresh = %v, want %s", id["custom:tenant_id"], want)
			}
		})
	}
}

func TestUpdateUserAttributes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{})
	f.seedUser(t, testutil.SeedUserSpec{Username: "ula", Email: "ula@example.com"})
	token := f.mustSignIn(t, "ula").AuthenticationResult.AccessToken
	tests := []struct {
		name, attr, want string
	}{
		{"standard_attribute_is_writable_by_default", "given_name", ""},
		{"custom_attribute_is_not_writable_by_default", "custom:tenant_id",
			"NotAuthorizedException"},
		{"verified_flag_is_not_writable", "email_verified", "NotAuthorizedException"},
		{"attribute_outside_schema_is_invalid", "custom:nope", "InvalidParameterException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.api.UpdateUserAttributes(context.Background(),
				&cip.UpdateUserAttributesInput{AccessToken: token,
					UserAttributes: attrs(tt.attr, "x")})
			if tt.want != "" {
				wantAPIError(t, err, tt.want)
				return
			}
			if err != nil {
				t.Fatalf("UpdateUserAttributes: %v", err)
			}
			got, err := f.api.GetUser(context.Background(), &cip.GetUserInput{AccessToken: token})
			if err != nil || attributeMap(got.UserAttributes)[tt.attr] != "x" {
				t.Fatalf("GetUser after update = %+v, %v", got, err)
			}
		})
	}
}

func TestRefreshKeepsAuthTimeAndFamily(t *testing.T) {
	t.Parallel()
	clock := newManualClock()
	f := newFixture(t, testutil.PoolSpec{GenerateSecret: true},
		testutil.WithCognitoClock(clock.Now))
	f.seedUser(t, testutil.SeedUserSpec{Username: "ray"})
	first := f.mustSignIn(t, "ray").AuthenticationResult
	clock.Advance(10 * time.Minute)

	next := f.refresh(t, aws.ToString(first.RefreshToken), "ray").AuthenticationResult
	if next.RefreshToken != nil {
		t.Error("REFRESH_TOKEN_AUTH must not return a new refresh token")
	}
	jwks := f.fc.JWKSURL(f.pool.PoolID)
	_, before := verified(t, jwks, aws.ToString(first.AccessToken))
	_, after := verified(t, jwks, aws.ToString(next.AccessToken))
	if after["auth_time"] != before["auth_time"] || after["iat"] == before["iat"] {
		t.Errorf("auth_time %v->%v, iat %v->%v: auth_time must stay, iat move",
			before["auth_time"], after["auth_time"], before["iat"], after["iat"])
	}
	if after["origin_jti"] != before["origin_jti"] {
		t.Error("refreshed tokens must keep the refresh token's origin_jti")
	}
}

func TestRevocation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		revoke func(f fixture, res *types.AuthenticationResultType) error
	}{
		{"revoke_token_ends_refresh_and_access", func(f fixture,
			res *types.AuthenticationResultType) error {
			_, err := f.api.RevokeToken(ctx, &cip.RevokeTokenInput{Token: res.RefreshToken,
				ClientId: aws.String(f.pool.ClientID)})
			return err
		}},
		{"global_sign_out_ends_refresh_and_access", func(f fixture,
			res *types.AuthenticationResultType) error {
			_, err := f.api.GlobalSignOut(ctx, &cip.GlobalSignOutInput{
				AccessToken: res.AccessToken})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, testutil.PoolSpec{})
			f.seedUser(t, testutil.SeedUserSpec{Username: "rex"})
			res := f.mustSignIn(t, "rex").AuthenticationResult
			if _, err := f.api.GetUser(ctx, &cip.GetUserInput{
				AccessToken: res.AccessToken}); err != nil {
				t.Fatalf("GetUser before revocation: %v", err)
			}
			if err := tt.revoke(f, res); err != nil {
				t.Fatalf("revoke: %v", err)
			}
			_, err := f.api.GetUser(ctx, &cip.GetUserInput{AccessToken: res.AccessToken})
			wantAPIError(t, err, "NotAuthorizedException")
			_, err = f.refreshErr(aws.ToString(res.RefreshToken), "rex")
			wantAPIError(t, err, "NotAuthorizedException")
		})
	}
}

func TestAccessTokenExpiresWithTheClock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := newManualClock()
	f := newFixture(t, testutil.PoolSpec{AccessTokenLifetime: 5 * time.Minute},
		testutil.WithCognitoClock(clock.Now))
	f.seedUser(t, testutil.SeedUserSpec{Username: "exp"})
	token := f.mustSignIn(t, "exp").AuthenticationResult.AccessToken

	clock.Advance(4 * time.Minute)
	if _, err := f.api.GetUser(ctx, &cip.GetUserInput{AccessToken: token}); err != nil {
		t.Fatalf("GetUser within the lifetime: %v", err)
	}
	clock.Advance(2 * time.Minute)
	_, err := f.api.GetUser(ctx, &cip.GetUserInput{AccessToken: token})
	wantAPIError(t, err, "NotAuthorizedException")
}

func (f fixture) refreshErr(token, user string) (*cip.InitiateAuthOutput, error) {
	params := map[string]string{"REFRESH_TOKEN": token}
	if h := f.pool.SecretHash(user); h != "" {
		params["SECRET_HASH"] = h
	}
	return f.api.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeRefreshTokenAuth, AuthParameters: params,
		ClientId: aws.String(f.pool.ClientID)})
}

func (f fixture) refresh(t *testing.T, token, user string) *cip.InitiateAuthOutput {
	t.Helper()
	out, err := f.refreshErr(token, user)
	if err != nil || out.AuthenticationResult == nil {
		t.Fatalf("REFRESH_TOKEN_AUTH = %+v, %v", out, err)
	}
	return out
}

func attrs(kv ...string) []types.AttributeType {
	var out []types.AttributeType
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.AttributeType{Name: aws.String(kv[i]),
			Value: aws.String(kv[i+1])})
	}
	return out
}
