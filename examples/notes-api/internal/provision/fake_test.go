package provision_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// newFake starts testutil's fake Cognito and returns an SDK client for it.
func newFake(t *testing.T) (*testutil.FakeCognito, *cip.Client) {
	t.Helper()
	fc := testutil.StartFakeCognito(t)
	api, err := provision.NewClient(context.Background(), fc.Region(), fc.URL())
	if err != nil {
		t.Fatal(err)
	}
	return fc, api
}

func TestProvision_FakeCognito(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fc, api := newFake(t)
	res := mustProvision(t, api, provision.Config{})

	t.Run("demo_user_signs_in_with_tenant_and_group", func(t *testing.T) {
		claims := payload(t, aws.ToString(signIn(t, api, res.ClientID).IdToken))
		groups, _ := claims["cognito:groups"].([]any)
		if claims["custom:tenant_id"] != provision.DefaultDemoTenant ||
			!slices.Contains(groups, any("ADMIN")) {
			t.Errorf("ID token tenant %v, groups %v", claims["custom:tenant_id"], groups)
		}
		if claims["iss"] != provision.EmulatorIssuer(fc.URL(), res.UserPoolID) {
			t.Errorf("iss %v, want %s", claims["iss"], fc.IssuerURL(res.UserPoolID))
		}
	})

	t.Run("rerun_changes_nothing_and_audit_passes", func(t *testing.T) {
		again := mustProvision(t, api, provision.Config{})
		if len(again.Changes) != 0 || again.ClientID != res.ClientID {
			t.Errorf("re-run changes %q, client %s (was %s)",
				again.Changes, again.ClientID, res.ClientID)
		}
		assertFindings(t, api, provision.Config{ClientID: res.ClientID})
	})

	t.Run("provisioned_client_refuses_a_tenant_switch", func(t *testing.T) {
		auth := signIn(t, api, res.ClientID)
		if err := switchTenant(ctx, api, auth); err == nil {
			t.Fatal("the provisioned client let the user rewrite custom:tenant_id")
		}
	})

	t.Run("writable_client_allows_the_switch_and_fails_the_audit", func(t *testing.T) {
		rogue, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId:        aws.String(res.UserPoolID),
			ClientName:        aws.String("rogue"),
			ExplicitAuthFlows: []types.ExplicitAuthFlowsType{"ALLOW_USER_PASSWORD_AUTH"},
			WriteAttributes:   []string{"custom:tenant_id"},
		})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(rogue.UserPoolClient.ClientId)
		assertFindings(t, api, provision.Config{ClientID: res.ClientID},
			provision.Finding{Kind: provision.ClientWritesTenant,
				Subject: "app client rogue (" + id + ")"})
		// What the finding warns of: through this client the switch works.
		if err := switchTenant(ctx, api, signIn(t, api, id)); err != nil {
			t.Errorf("switch through the writable client failed: %v", err)
		}
	})
}

func TestProvision_FakeCognito_RepairsTheServiceClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, api := newFake(t)
	res := mustProvision(t, api, provision.Config{})
	_, err := api.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId:        aws.String(res.UserPoolID),
		ClientId:          aws.String(res.ClientID),
		ClientName:        aws.String(provision.DefaultClientName),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{"ALLOW_USER_PASSWORD_AUTH"},
		ReadAttributes:    []string{"email", "custom:tenant_id"},
		WriteAttributes:   []string{"email", "custom:tenant_id"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := switchTenant(ctx, api, signIn(t, api, res.ClientID)); err != nil {
		t.Fatalf("made writable, the client still refuses the switch: %v", err)
	}
	mustProvision(t, api, provision.Config{}) // puts the demo user back, too

	assertFindings(t, api, provision.Config{ClientID: res.ClientID})
	if err := switchTenant(ctx, api, signIn(t, api, res.ClientID)); err == nil {
		t.Error("after the repair the client still lets a user switch tenants")
	}
}

func TestAudit_FakeCognito_MissingGroup(t *testing.T) {
	t.Parallel()
	_, api := newFake(t)
	res := mustProvision(t, api, provision.Config{PoolName: "partial",
		Groups: []string{"ADMIN", "EDITOR"}})

	tests := []struct {
		name   string
		groups []string
		want   []provision.Finding
	}{
		{"pool_without_viewer_fails", nil,
			[]provision.Finding{{Kind: provision.GroupMissing, Subject: "VIEWER"}}},
		{"same_pool_passes_for_its_own_groups", []string{"ADMIN", "EDITOR"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertFindings(t, api, provision.Config{PoolID: res.UserPoolID,
				ClientID: res.ClientID, Groups: tt.groups}, tt.want...)
		})
	}
}

// switchTenant is the attack the read-only client stops: a user rewriting
// their own tenant with their access token.
func switchTenant(ctx context.Context, api *cip.Client,
	auth *types.AuthenticationResultType) error {
	_, err := api.UpdateUserAttributes(ctx, &cip.UpdateUserAttributesInput{
		AccessToken: auth.AccessToken,
		UserAttributes: []types.AttributeType{{
			Name: aws.String("custom:tenant_id"), Value: aws.String("tenant-other"),
		}},
	})
	return err
}
