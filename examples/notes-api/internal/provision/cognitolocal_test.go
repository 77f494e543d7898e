//go:build integration

package provision_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/cognitolocal"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// TestCognitoLocal provisions cognito-local and audits it. cognito-local
// stores app-client write permissions but never enforces them, so the
// tenant-switch attack succeeds there whatever the client says: the audit,
// not the emulator, is what proves the permissions.
func TestCognitoLocal(t *testing.T) {
	ctx := context.Background()
	endpoint := cognitolocal.Start(t)
	api, err := provision.NewClient(ctx, "us-east-1", endpoint)
	if err != nil {
		t.Fatal(err)
	}

	res := mustProvision(t, api, provision.Config{})
	t.Run("provisioned_pool_passes_the_audit", func(t *testing.T) {
		assertFindings(t, api, provision.Config{ClientID: res.ClientID})
	})

	t.Run("demo_user_signs_in_with_tenant_and_group_in_id_token", func(t *testing.T) {
		auth := signIn(t, api, res.ClientID)
		claims := payload(t, aws.ToString(auth.IdToken))
		if got := claims["custom:tenant_id"]; got != provision.DefaultDemoTenant {
			t.Errorf("custom:tenant_id = %v, want %s", got, provision.DefaultDemoTenant)
		}
		if got, _ := claims["cognito:groups"].([]any); !slices.Contains(got, any("ADMIN")) {
			t.Errorf("cognito:groups = %v, want ADMIN among them", got)
		}
		want := provision.EmulatorIssuer(endpoint, res.UserPoolID)
		if got := claims["iss"]; got != want {
			t.Errorf("iss = %v, want the emulator issuer %s", got, want)
		}
	})

	t.Run("rerun_changes_nothing", func(t *testing.T) {
		again := mustProvision(t, api, provision.Config{})
		if len(again.Changes) != 0 {
			t.Errorf("second run changed %q", again.Changes)
		}
		if again.UserPoolID != res.UserPoolID || again.ClientID != res.ClientID {
			t.Errorf("second run found pool %s client %s, want %s %s",
				again.UserPoolID, again.ClientID, res.UserPoolID, res.ClientID)
		}
	})

	t.Run("emulator_lets_a_user_write_the_tenant_despite_the_client", func(t *testing.T) {
		// On AWS the read-only client makes this call fail; cognito-local
		// accepts it. Should it ever enforce, this test fails: tighten it.
		auth := signIn(t, api, res.ClientID)
		_, err := api.UpdateUserAttributes(ctx, &cip.UpdateUserAttributesInput{
			AccessToken: auth.AccessToken,
			UserAttributes: []types.AttributeType{{
				Name: aws.String("custom:tenant_id"), Value: aws.String("tenant-evil"),
			}},
		})
		if err != nil {
			t.Fatalf("cognito-local now refuses the write (%v): assert AWS's behaviour", err)
		}
		again := mustProvision(t, api, provision.Config{})
		if !slices.ContainsFunc(again.Changes, func(c string) bool {
			return strings.HasPrefix(c, "moved user")
		}) {
			t.Errorf("re-run did not move the demo user back: %q", again.Changes)
		}
	})

	t.Run("client_that_writes_the_tenant_fails_the_audit", func(t *testing.T) {
		rogue, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId:      aws.String(res.UserPoolID),
			ClientName:      aws.String("rogue"),
			WriteAttributes: []string{"email", "custom:tenant_id"},
		})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(rogue.UserPoolClient.ClientId)
		t.Cleanup(func() {
			_, _ = api.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{
				UserPoolId: aws.String(res.UserPoolID), ClientId: aws.String(id),
			})
		})
		assertFindings(t, api, provision.Config{ClientID: res.ClientID},
			provision.Finding{Kind: provision.ClientWritesTenant,
				Subject: "app client rogue (" + id + ")"})
	})

	t.Run("service_client_made_writable_fails_the_audit_until_a_rerun", func(t *testing.T) {
		_, err := api.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
			UserPoolId:        aws.String(res.UserPoolID),
			ClientId:          aws.String(res.ClientID),
			ClientName:        aws.String(provision.DefaultClientName),
			ExplicitAuthFlows: []types.ExplicitAuthFlowsType{"ALLOW_REFRESH_TOKEN_AUTH"},
			ReadAttributes:    []string{"email"},
			WriteAttributes:   []string{"email", "custom:tenant_id"},
		})
		if err != nil {
			t.Fatal(err)
		}
		subject := "app client " + provision.DefaultClientName + " (" + res.ClientID + ")"
		assertFindings(t, api, provision.Config{ClientID: res.ClientID},
			provision.Finding{Kind: provision.ClientWritesTenant, Subject: subject},
			provision.Finding{Kind: provision.ClientCannotReadTenant, Subject: subject})

		again := mustProvision(t, api, provision.Config{})
		if len(again.Changes) != 1 || !strings.HasPrefix(again.Changes[0], "repaired") {
			t.Errorf("re-run changes %q, want one repair of the client", again.Changes)
		}
		assertFindings(t, api, provision.Config{ClientID: res.ClientID})
		signIn(t, api, res.ClientID) // the password flow is back too
	})

	t.Run("missing_group_fails_the_audit_until_a_rerun", func(t *testing.T) {
		_, err := api.DeleteGroup(ctx, &cip.DeleteGroupInput{
			UserPoolId: aws.String(res.UserPoolID), GroupName: aws.String("VIEWER"),
		})
		if err != nil {
			t.Fatal(err)
		}
		assertFindings(t, api, provision.Config{PoolID: res.UserPoolID},
			provision.Finding{Kind: provision.GroupMissing, Subject: "VIEWER"})

		mustProvision(t, api, provision.Config{})
		assertFindings(t, api, provision.Config{PoolID: res.UserPoolID})
	})

	t.Run("pools_sharing_a_name_are_refused_until_one_is_named_by_id", func(t *testing.T) {
		var ids []string
		for range 2 {
			out, err := api.CreateUserPool(ctx, &cip.CreateUserPoolInput{
				PoolName: aws.String("twin")})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, aws.ToString(out.UserPool.Id))
		}
		_, err := provision.Provision(ctx, api, provision.Config{PoolName: "twin"})
		if !errors.Is(err, provision.ErrAmbiguous) {
			t.Fatalf("Provision by a shared name: %v, want ErrAmbiguous", err)
		}
		named := mustProvision(t, api, provision.Config{PoolID: ids[1], SkipDemo: true})
		if named.UserPoolID != ids[1] || !slices.Contains(named.Changes,
			"added attribute custom:tenant_id") {
			t.Errorf("Provision by id: pool %s, changes %q", named.UserPoolID, named.Changes)
		}
	})

	t.Run("missing_pool_is_not_found", func(t *testing.T) {
		for name, cfg := range map[string]provision.Config{
			"by_id":   {PoolID: "local_Missing0"},
			"by_name": {PoolName: "no-such-pool"},
		} {
			if _, err := provision.Audit(ctx, api, cfg); !errors.Is(err,
				provision.ErrPoolNotFound) {
				t.Errorf("%s: Audit error %v, want ErrPoolNotFound", name, err)
			}
		}
		if _, err := provision.Provision(ctx, api, provision.Config{
			PoolID: "local_Missing0"}); !errors.Is(err, provision.ErrPoolNotFound) {
			t.Errorf("Provision of a missing id: %v, want ErrPoolNotFound", err)
		}
	})
}
