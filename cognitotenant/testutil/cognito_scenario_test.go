//go:build integration

package testutil_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
)

// scenarioPool is what the scenario provisions through the API.
type scenarioPool struct {
	e                emulator
	poolID, clientID string
}

func (p scenarioPool) issuer() string { return p.e.base + "/" + p.poolID }

func runScenario(t *testing.T, e emulator) {
	ctx := context.Background()
	p := provision(t, e)
	if !strings.HasPrefix(p.poolID, e.poolPrefix) {
		t.Errorf("pool id %q, want prefix %q", p.poolID, e.poolPrefix)
	}

	first := firstSignIn(t, p, "carol")
	idToken, accessToken := aws.ToString(first.IdToken), aws.ToString(first.AccessToken)
	t.Run("first_tokens_verify_with_tenant_and_no_groups", func(t *testing.T) {
		id := p.verify(t, cognitotenant.TokenUseID, idToken)
		access := p.verify(t, cognitotenant.TokenUseAccess, accessToken)
		if id.TenantID != "acme" || id.Username != "carol" || id.ClientID != p.clientID {
			t.Errorf("ID claims: tenant %q user %q client %q", id.TenantID, id.Username,
				id.ClientID)
		}
		if access.Username != "carol" || access.ClientID != p.clientID {
			t.Errorf("access claims: user %q client %q", access.Username, access.ClientID)
		}
		if _, ok := access.Claim("custom:tenant_id"); ok {
			t.Error("access token carries custom:tenant_id")
		}
		if len(id.Groups) != 0 {
			t.Errorf("groups %v for a user in no group", id.Groups)
		}
		if _, ok := id.Claim("cognito:groups"); ok {
			t.Error("cognito:groups present, want absent for a user in no group")
		}
	})
	t.Run("token_headers_and_revocation_claims", func(t *testing.T) {
		checkHeaders(t, e, idToken, accessToken)
		_, hasOrigin := payloadOf(t, idToken)["origin_jti"]
		if hasOrigin != e.revocationClaims {
			t.Errorf("origin_jti present = %v, want %v", hasOrigin, e.revocationClaims)
		}
	})
	t.Run("unreadable_custom_attribute_in_id_token", func(t *testing.T) {
		_, hasPlan := payloadOf(t, idToken)["custom:plan"]
		if hasPlan == e.enforcesRead {
			t.Errorf("custom:plan in ID token = %v, want %v", hasPlan, !e.enforcesRead)
		}
	})
	t.Run("refresh_token_from_the_challenge", func(t *testing.T) {
		_, err := refreshErr(p, first.RefreshToken)
		if e.challengeRefresh && err != nil {
			t.Fatalf("REFRESH_TOKEN_AUTH: %v", err)
		}
		if !e.challengeRefresh {
			wantAPIError(t, err, "NotAuthorizedException")
		}
	})

	t.Run("group_membership_shows_in_both_tokens", func(t *testing.T) {
		joinGroup(t, p, "carol", "editors")
		res := passwordSignIn(t, p, "carol", scenarioPassword)
		for use, tok := range map[cognitotenant.TokenUse]*string{
			cognitotenant.TokenUseID: res.IdToken, cognitotenant.TokenUseAccess: res.AccessToken} {
			if c := p.verify(t, use, aws.ToString(tok)); !slices.Equal(c.Groups,
				[]string{"editors"}) {
				t.Errorf("%s token groups = %v", use, c.Groups)
			}
		}
	})
	t.Run("bad_sign_ins_are_refused", func(t *testing.T) {
		_, err := signInErr(p, "carol", "Wrong-Pass-1")
		wantAPIError(t, err, e.wrongPassword)
		_, err = signInErr(p, "nobody", scenarioPassword)
		wantAPIError(t, err, e.unknownUser)
	})
	t.Run("get_user_reads_own_attributes", func(t *testing.T) {
		out, err := e.api.GetUser(ctx, &cip.GetUserInput{AccessToken: first.AccessToken})
		if err != nil || aws.ToString(out.Username) != "carol" {
			t.Fatalf("GetUser = %+v, %v", out, err)
		}
	})
	t.Run("tenant_switch_through_update_user_attributes", func(t *testing.T) {
		tenantSwitch(t, p, passwordSignIn(t, p, "carol", scenarioPassword))
	})
	t.Run("token_of_another_pool_is_refused_by_issuer", func(t *testing.T) {
		other := provision(t, e)
		tok := aws.ToString(firstSignIn(t, other, "dave").IdToken)
		_, err := p.verifier(t, cognitotenant.TokenUseID).Verify(ctx, tok)
		if !errors.Is(err, cognitotenant.ErrIssuer) {
			t.Fatalf("verify other pool's token: %v, want ErrIssuer", err)
		}
	})
	t.Run("discovery_document", func(t *testing.T) {
		doc := getJSON(t, p.issuer()+"/.well-known/openid-configuration")
		if (doc["issuer"] == p.issuer()) != e.discoveryIssuer {
			t.Errorf("discovery issuer %v, token issuer %s, want equal = %v",
				doc["issuer"], p.issuer(), e.discoveryIssuer)
		}
	})
	t.Run("sign_out_and_revocation", func(t *testing.T) {
		signOutAndRevoke(t, p)
	})
}

const scenarioPassword = "Scenario-Pass-1"

// provision creates a pool with custom:tenant_id and custom:plan, a public
// client that reads email and the tenant (not the plan) but writes only
// email, and a group.
func provision(t *testing.T, e emulator) scenarioPool {
	t.Helper()
	ctx := context.Background()
	pool, err := e.api.CreateUserPool(ctx, &cip.CreateUserPoolInput{
		PoolName: aws.String("crosscheck"), UsernameAttributes: []types.UsernameAttributeType{},
		Schema: []types.SchemaAttributeType{
			{Name: aws.String("tenant_id"), AttributeDataType: types.AttributeDataTypeString,
				Mutable: aws.Bool(true)},
			{Name: aws.String("plan"), AttributeDataType: types.AttributeDataTypeString,
				Mutable: aws.Bool(true)},
		},
	})
	if err != nil {
		t.Fatalf("CreateUserPool: %v", err)
	}
	poolID := aws.ToString(pool.UserPool.Id)
	client, err := e.api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: &poolID, ClientName: aws.String("web"),
		ReadAttributes:  []string{"email", "email_verified", "custom:tenant_id"},
		WriteAttributes: []string{"email"},
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{"ALLOW_USER_PASSWORD_AUTH",
			"ALLOW_REFRESH_TOKEN_AUTH"},
	})
	if err != nil {
		t.Fatalf("CreateUserPoolClient: %v", err)
	}
	if _, err := e.api.CreateGroup(ctx, &cip.CreateGroupInput{UserPoolId: &poolID,
		GroupName: aws.String("editors")}); err != nil {
		t.Fatalf("CreateGroup: %v", err)
	}
	return scenarioPool{e: e, poolID: poolID,
		clientID: aws.ToString(client.UserPoolClient.ClientId)}
}

// firstSignIn creates a user with a temporary password and completes
// NEW_PASSWORD_REQUIRED.
func firstSignIn(t *testing.T, p scenarioPool, name string) *types.AuthenticationResultType {
	t.Helper()
	ctx := context.Background()
	_, err := p.e.api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId: &p.poolID, Username: aws.String(name),
		TemporaryPassword: aws.String("Temporary-Pass-1"),
		MessageAction:     types.MessageActionTypeSuppress,
		UserAttributes: attrs("email", name+"@example.com", "custom:tenant_id", "acme",
			"custom:plan", "gold"),
	})
	if err != nil {
		t.Fatalf("AdminCreateUser: %v", err)
	}
	out, err := signInErr(p, name, "Temporary-Pass-1")
	if err != nil || out.ChallengeName != types.ChallengeNameTypeNewPasswordRequired {
		t.Fatalf("InitiateAuth with temporary password = %+v, %v", out, err)
	}
	res, err := p.e.api.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
		ClientId: &p.clientID, Session: out.Session,
		ChallengeName: types.ChallengeNameTypeNewPasswordRequired,
		ChallengeResponses: map[string]string{"USERNAME": name,
			"NEW_PASSWORD": scenarioPassword},
	})
	if err != nil || res.AuthenticationResult == nil {
		t.Fatalf("RespondToAuthChallenge = %+v, %v", res, err)
	}
	return res.AuthenticationResult
}

func signInErr(p scenarioPool, user, password string) (*cip.InitiateAuthOutput, error) {
	return p.e.api.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserPasswordAuth, ClientId: &p.clientID,
		AuthParameters: map[string]string{"USERNAME": user, "PASSWORD": password}})
}

func passwordSignIn(t *testing.T, p scenarioPool,
	user, pw string) *types.AuthenticationResultType {
	t.Helper()
	out, err := signInErr(p, user, pw)
	if err != nil || out.AuthenticationResult == nil {
		t.Fatalf("InitiateAuth(%s) = %+v, %v", user, out, err)
	}
	return out.AuthenticationResult
}

func refreshErr(p scenarioPool, token *string) (*cip.InitiateAuthOutput, error) {
	return p.e.api.InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeRefreshTokenAuth, ClientId: &p.clientID,
		AuthParameters: map[string]string{"REFRESH_TOKEN": aws.ToString(token)}})
}

func joinGroup(t *testing.T, p scenarioPool, user, group string) {
	t.Helper()
	if _, err := p.e.api.AdminAddUserToGroup(context.Background(),
		&cip.AdminAddUserToGroupInput{UserPoolId: &p.poolID, Username: aws.String(user),
			GroupName: aws.String(group)}); err != nil {
		t.Fatalf("AdminAddUserToGroup: %v", err)
	}
}

// verifier returns the library's verifier for this pool, with the
// emulator's issuer and key set URL given explicitly, never discovered.
func (p scenarioPool) verifier(t *testing.T, use cognitotenant.TokenUse) *cognitotenant.Verifier {
	t.Helper()
	v, err := cognitotenant.New(cognitotenant.Config{Pools: []cognitotenant.Pool{{
		UserPoolID: p.poolID, ClientIDs: []string{p.clientID}, TokenUse: use,
		Issuer: p.issuer(), JWKSURL: p.issuer() + "/.well-known/jwks.json",
	}}, TenantOptional: use == cognitotenant.TokenUseAccess}) // tenant is in ID tokens only
	if err != nil {
		t.Fatalf("cognitotenant.New: %v", err)
	}
	t.Cleanup(func() { _ = v.Close() })
	return v
}

func (p scenarioPool) verify(t *testing.T, use cognitotenant.TokenUse,
	tok string) *cognitotenant.Claims {
	t.Helper()
	c, err := p.verifier(t, use).Verify(context.Background(), tok)
	if err != nil {
		t.Fatalf("verify %s token: %v", use, err)
	}
	return c
}

func checkHeaders(t *testing.T, e emulator, idToken, accessToken string) {
	t.Helper()
	idHdr, accessHdr := headerOf(t, idToken), headerOf(t, accessToken)
	if e.sharedKid != "" {
		if idHdr["kid"] != e.sharedKid || accessHdr["kid"] != e.sharedKid {
			t.Errorf("kids %v and %v, want the shared %s", idHdr["kid"], accessHdr["kid"],
				e.sharedKid)
		}
	} else if idHdr["kid"] == accessHdr["kid"] {
		t.Errorf("ID and access tokens share kid %v", idHdr["kid"])
	}
	if _, hasTyp := idHdr["typ"]; hasTyp != e.typHeader {
		t.Errorf("typ in header = %v, want %v", hasTyp, e.typHeader)
	}
}

func headerOf(t *testing.T, tok string) map[string]any {
	return decodeSegment(t, tok, 0)
}

func payloadOf(t *testing.T, tok string) map[string]any {
	return decodeSegment(t, tok, 1)
}

func decodeSegment(t *testing.T, tok string, i int) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		t.Fatalf("decode segment: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("segment JSON: %v", err)
	}
	return m
}

func getJSON(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return m
}
