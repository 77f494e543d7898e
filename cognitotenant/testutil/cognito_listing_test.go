package testutil_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

func TestListingOperations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, testutil.PoolSpec{Groups: []string{"b", "a"}})

	t.Run("list_user_pools_pages_through_every_pool", func(t *testing.T) {
		if _, err := f.fc.SeedPool(testutil.PoolSpec{}); err != nil {
			t.Fatalf("SeedPool: %v", err)
		}
		var ids []string
		pages := cip.NewListUserPoolsPaginator(f.api,
			&cip.ListUserPoolsInput{MaxResults: aws.Int32(1)})
		for pages.HasMorePages() {
			out, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatalf("ListUserPools: %v", err)
			}
			for _, p := range out.UserPools {
				ids = append(ids, aws.ToString(p.Id))
			}
		}
		if len(ids) != 2 || !slices.Contains(ids, f.pool.PoolID) {
			t.Fatalf("pools %v, want two including %s", ids, f.pool.PoolID)
		}
	})
	t.Run("list_user_pool_clients_names_the_client", func(t *testing.T) {
		out, err := f.api.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{
			UserPoolId: &f.pool.PoolID})
		if err != nil || len(out.UserPoolClients) != 1 ||
			aws.ToString(out.UserPoolClients[0].ClientId) != f.pool.ClientID {
			t.Fatalf("ListUserPoolClients = %+v, %v", out, err)
		}
	})
	t.Run("list_groups_is_sorted", func(t *testing.T) {
		out, err := f.api.ListGroups(ctx, &cip.ListGroupsInput{UserPoolId: &f.pool.PoolID})
		if err != nil || len(out.Groups) != 2 || aws.ToString(out.Groups[0].GroupName) != "a" {
			t.Fatalf("ListGroups = %+v, %v", out, err)
		}
	})
}

func TestAddCustomAttributes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, testutil.PoolSpec{})
	add := func(name string) error {
		_, err := f.api.AddCustomAttributes(ctx, &cip.AddCustomAttributesInput{
			UserPoolId: &f.pool.PoolID, CustomAttributes: []types.SchemaAttributeType{{
				Name: aws.String(name), AttributeDataType: types.AttributeDataTypeString}}})
		return err
	}
	if err := add("plan"); err != nil {
		t.Fatalf("AddCustomAttributes: %v", err)
	}
	t.Run("new_attribute_can_be_set_by_an_admin", func(t *testing.T) {
		f.seedUser(t, testutil.SeedUserSpec{Username: "pat",
			Attributes: map[string]string{"custom:plan": "gold"}})
	})
	t.Run("existing_attribute_is_refused", func(t *testing.T) {
		wantAPIError(t, add("tenant_id"), "InvalidParameterException")
	})
	t.Run("name_with_punctuation_is_refused", func(t *testing.T) {
		wantAPIError(t, add("a-b"), "InvalidParameterException")
	})
}

func TestUpdateUserPoolClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, testutil.PoolSpec{GenerateSecret: true})
	out, err := f.api.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId: &f.pool.PoolID, ClientId: &f.pool.ClientID,
		WriteAttributes: []string{"custom:tenant_id"}})
	if err != nil {
		t.Fatalf("UpdateUserPoolClient: %v", err)
	}
	c := out.UserPoolClient
	if aws.ToString(c.ClientSecret) != f.pool.ClientSecret ||
		!slices.Equal(c.WriteAttributes, []string{"custom:tenant_id"}) {
		t.Fatalf("updated client = secret kept %v, write %v",
			aws.ToString(c.ClientSecret) == f.pool.ClientSecret, c.WriteAttributes)
	}
	if c.ReadAttributes != nil || c.ExplicitAuthFlows[0] != "ALLOW_USER_SRP_AUTH" {
		t.Fatalf("omitted settings must return to defaults: read %v, flows %v",
			c.ReadAttributes, c.ExplicitAuthFlows)
	}
	_, err = f.api.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId: &f.pool.PoolID, ClientId: aws.String("nosuchclient")})
	wantAPIError(t, err, "ResourceNotFoundException")
}
