package testutil_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// TestTokenShapes checks the claims against the Cognito token tables:
// which claims each kind carries and which it must not.
func TestTokenShapes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{Groups: []string{"editors"},
		CustomAttributes: []string{"tenant_id", "plan"}, IDTokenLifetime: 10 * time.Minute})
	member := f.seedUser(t, testutil.SeedUserSpec{Username: "mia", Email: "mia@example.com",
		TenantID: "acme", Groups: []string{"editors"},
		Attributes: map[string]string{"custom:plan": "gold"}})
	f.seedUser(t, testutil.SeedUserSpec{Username: "solo", TenantID: "acme"})

	res := f.mustSignIn(t, "mia").AuthenticationResult
	jwks := f.fc.JWKSURL(f.pool.PoolID)
	idKid, id := verified(t, jwks, aws.ToString(res.IdToken))
	accessKid, access := verified(t, jwks, aws.ToString(res.AccessToken))
	iss := f.fc.IssuerURL(f.pool.PoolID)

	t.Run("id_token_carries_audience_identity_and_attributes", func(t *testing.T) {
		want := map[string]any{
			"iss": iss, "aud": f.pool.ClientID, "token_use": "id", "sub": member.Sub,
			"cognito:username": "mia", "email": "mia@example.com", "email_verified": true,
			"custom:tenant_id": "acme", "custom:plan": "gold",
		}
		for k, v := range want {
			if id[k] != v {
				t.Errorf("ID token %s = %v, want %v", k, id[k], v)
			}
		}
		if g := id["cognito:groups"]; !slices.Equal(toStrings(g), []string{"editors"}) {
			t.Errorf("cognito:groups = %v", g)
		}
		if id["exp"].(float64)-id["iat"].(float64) != 600 {
			t.Errorf("ID token lifetime = %v s, want the client's 600",
				id["exp"].(float64)-id["iat"].(float64))
		}
	})
	t.Run("access_token_carries_client_scope_and_username_only", func(t *testing.T) {
		want := map[string]any{"iss": iss, "client_id": f.pool.ClientID,
			"token_use": "access", "username": "mia", "sub": member.Sub,
			"scope": "aws.cognito.signin.user.admin"}
		for k, v := range want {
			if access[k] != v {
				t.Errorf("access token %s = %v, want %v", k, access[k], v)
			}
		}
		for _, absent := range []string{"aud", "custom:tenant_id", "email", "cognito:username"} {
			if _, ok := access[absent]; ok {
				t.Errorf("access token has %s", absent)
			}
		}
		if access["origin_jti"] != id["origin_jti"] || access["jti"] == id["jti"] {
			t.Error("tokens of one sign-in must share origin_jti and differ in jti")
		}
	})
	t.Run("id_and_access_tokens_use_distinct_keys", func(t *testing.T) {
		if idKid == "" || idKid == accessKid {
			t.Fatalf("kids %q and %q must differ", idKid, accessKid)
		}
	})
	t.Run("refresh_token_is_opaque", func(t *testing.T) {
		rt := aws.ToString(res.RefreshToken)
		if rt == "" || isJWS(rt) {
			t.Fatalf("refresh token %.20q... must be present and not a JWS", rt)
		}
	})
	t.Run("user_in_no_group_has_no_groups_claim", func(t *testing.T) {
		res := f.mustSignIn(t, "solo").AuthenticationResult
		for _, tok := range []*string{res.IdToken, res.AccessToken} {
			if _, c := verified(t, jwks, aws.ToString(tok)); c["cognito:groups"] != nil {
				t.Fatalf("cognito:groups = %v, want absent", c["cognito:groups"])
			}
		}
	})
}

func TestTokenReadAttributes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{ReadAttributes: []string{"email"}})
	f.seedUser(t, testutil.SeedUserSpec{Username: "rae", Email: "rae@example.com",
		TenantID: "acme"})
	res := f.mustSignIn(t, "rae").AuthenticationResult
	_, id := verified(t, f.fc.JWKSURL(f.pool.PoolID), aws.ToString(res.IdToken))
	if id["email"] != "rae@example.com" {
		t.Errorf("readable email missing: %v", id["email"])
	}
	if _, ok := id["custom:tenant_id"]; ok {
		t.Error("custom:tenant_id is in the ID token although the client may not read it")
	}
}

func TestGroupRolesInIDToken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, testutil.PoolSpec{})
	for i, g := range []string{"low", "high"} {
		_, err := f.api.CreateGroup(ctx, groupInput(f.pool.PoolID, g, int32(i),
			"arn:aws:iam::123456789012:role/"+g))
		if err != nil {
			t.Fatalf("CreateGroup: %v", err)
		}
	}
	f.seedUser(t, testutil.SeedUserSpec{Username: "ro", Groups: []string{"low", "high"}})
	res := f.mustSignIn(t, "ro").AuthenticationResult
	_, id := verified(t, f.fc.JWKSURL(f.pool.PoolID), aws.ToString(res.IdToken))
	if got := id["cognito:preferred_role"]; got != "arn:aws:iam::123456789012:role/low" {
		t.Fatalf("preferred role = %v, want the precedence-0 group's", got)
	}
	if len(toStrings(id["cognito:roles"])) != 2 {
		t.Fatalf("cognito:roles = %v", id["cognito:roles"])
	}
}

func TestWellKnownDocuments(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{})
	resp, err := http.Get(f.fc.IssuerURL(f.pool.PoolID) + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatalf("get openid-configuration: %v", err)
	}
	defer resp.Body.Close()
	var doc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if doc["issuer"] != f.fc.IssuerURL(f.pool.PoolID) ||
		doc["jwks_uri"] != f.fc.JWKSURL(f.pool.PoolID) {
		t.Fatalf("openid-configuration = %v", doc)
	}
	missing, err := http.Get(f.fc.URL() + "/us-east-1_nothere00/.well-known/jwks.json")
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	missing.Body.Close()
	if missing.StatusCode != http.StatusNotFound {
		t.Fatalf("JWKS of an unknown pool answered %d, want 404", missing.StatusCode)
	}
}

func TestRotateKeys(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{})
	f.seedUser(t, testutil.SeedUserSpec{Username: "kit"})
	jwks := f.fc.JWKSURL(f.pool.PoolID)
	before := aws.ToString(f.mustSignIn(t, "kit").AuthenticationResult.IdToken)
	oldKid, _ := verified(t, jwks, before)

	if err := f.fc.RotateKeys(f.pool.PoolID); err != nil {
		t.Fatalf("RotateKeys: %v", err)
	}
	after := aws.ToString(f.mustSignIn(t, "kit").AuthenticationResult.IdToken)
	if newKid, _ := verified(t, jwks, after); newKid == oldKid {
		t.Fatal("tokens after a rotation must carry a new kid")
	}
	verified(t, jwks, before) // the old key is still published

	if err := f.fc.ReplaceKeys(f.pool.PoolID); err != nil {
		t.Fatalf("ReplaceKeys: %v", err)
	}
	if keyPublished(t, jwks, oldKid) {
		t.Fatal("ReplaceKeys must drop the old keys from the JWKS")
	}
}

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}
