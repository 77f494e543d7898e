package testutil_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
)

// TestFakeCognitoAdminAPI drives the administration API through an
// unmodified SDK client, the way a provisioning script would.
func TestFakeCognitoAdminAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fc := testutil.StartFakeCognito(t, testutil.WithCognitoRegion("eu-west-1"))
	api := cip.NewFromConfig(fc.AWSConfig())

	created, err := api.CreateUserPool(ctx, &cip.CreateUserPoolInput{
		PoolName: aws.String("tenants"),
		Schema: []types.SchemaAttributeType{{Name: aws.String("tenant_id"),
			AttributeDataType: types.AttributeDataTypeString, Mutable: aws.Bool(true)}},
	})
	if err != nil {
		t.Fatalf("CreateUserPool: %v", err)
	}
	poolID := aws.ToString(created.UserPool.Id)
	if !regexp.MustCompile(`^eu-west-1_[A-Za-z0-9]{9}$`).MatchString(poolID) {
		t.Fatalf("pool id %q is not shaped <region>_<suffix>", poolID)
	}

	t.Run("describe_user_pool_lists_the_custom_attribute", func(t *testing.T) {
		out, err := api.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &poolID})
		if err != nil {
			t.Fatalf("DescribeUserPool: %v", err)
		}
		var names []string
		for _, a := range out.UserPool.SchemaAttributes {
			names = append(names, aws.ToString(a.Name))
		}
		if !slices.Contains(names, "custom:tenant_id") {
			t.Fatalf("schema %v lacks custom:tenant_id", names)
		}
		if out.UserPool.CreationDate == nil || out.UserPool.CreationDate.IsZero() {
			t.Fatal("CreationDate did not round-trip")
		}
		if got := out.UserPool.Policies.PasswordPolicy.MinimumLength; aws.ToInt32(got) != 8 {
			t.Fatalf("default minimum length = %d, want 8", aws.ToInt32(got))
		}
	})

	t.Run("unknown_pool_is_resource_not_found", func(t *testing.T) {
		_, err := api.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{
			UserPoolId: aws.String("eu-west-1_missing00")})
		wantAPIError(t, err, "ResourceNotFoundException")
	})

	client, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: &poolID, ClientName: aws.String("web"), GenerateSecret: true,
		ReadAttributes:    []string{"email", "custom:tenant_id"},
		WriteAttributes:   []string{"email"},
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{"ALLOW_USER_PASSWORD_AUTH"},
	})
	if err != nil {
		t.Fatalf("CreateUserPoolClient: %v", err)
	}
	clientID := aws.ToString(client.UserPoolClient.ClientId)

	t.Run("describe_client_returns_secret_and_permissions", func(t *testing.T) {
		out, err := api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{
			UserPoolId: &poolID, ClientId: &clientID})
		if err != nil {
			t.Fatalf("DescribeUserPoolClient: %v", err)
		}
		c := out.UserPoolClient
		if aws.ToString(c.ClientSecret) == "" ||
			aws.ToString(c.ClientSecret) != aws.ToString(client.UserPoolClient.ClientSecret) {
			t.Fatal("client secret missing or changed")
		}
		if !slices.Equal(c.WriteAttributes, []string{"email"}) {
			t.Fatalf("WriteAttributes = %v", c.WriteAttributes)
		}
	})

	t.Run("client_with_unknown_write_attribute_is_refused", func(t *testing.T) {
		_, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId: &poolID, ClientName: aws.String("bad"),
			WriteAttributes: []string{"custom:nope"}})
		wantAPIError(t, err, "InvalidParameterException")
	})

	if _, err := api.CreateGroup(ctx, &cip.CreateGroupInput{UserPoolId: &poolID,
		GroupName: aws.String("admins"), Precedence: aws.Int32(1)}); err != nil {
		t.Fatalf("CreateGroup: %v", err)
	}
	t.Run("duplicate_group_is_refused", func(t *testing.T) {
		_, err := api.CreateGroup(ctx, &cip.CreateGroupInput{UserPoolId: &poolID,
			GroupName: aws.String("admins")})
		wantAPIError(t, err, "GroupExistsException")
	})

	t.Run("users_and_groups_round_trip", func(t *testing.T) {
		testUsersAndGroups(t, api, poolID)
	})
}

func testUsersAndGroups(t *testing.T, api *cip.Client, poolID string) {
	ctx := context.Background()
	for _, name := range []string{"alice", "bob"} {
		_, err := api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
			UserPoolId: &poolID, Username: aws.String(name),
			TemporaryPassword: aws.String("Temp-Pass-1"),
			MessageAction:     types.MessageActionTypeSuppress,
			UserAttributes: []types.AttributeType{
				{Name: aws.String("email"), Value: aws.String(name + "@example.com")},
				{Name: aws.String("custom:tenant_id"), Value: aws.String("t-" + name)},
			},
		})
		if err != nil {
			t.Fatalf("AdminCreateUser(%s): %v", name, err)
		}
	}
	_, err := api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId: &poolID, Username: aws.String("alice"),
		MessageAction: types.MessageActionTypeSuppress})
	wantAPIError(t, err, "UsernameExistsException")

	got, err := api.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: &poolID,
		Username: aws.String("alice")})
	if err != nil {
		t.Fatalf("AdminGetUser: %v", err)
	}
	attrs := attributeMap(got.UserAttributes)
	if got.UserStatus != types.UserStatusTypeForceChangePassword || !got.Enabled ||
		attrs["custom:tenant_id"] != "t-alice" || attrs["sub"] == "" {
		t.Fatalf("AdminGetUser = %s enabled=%v attrs=%v", got.UserStatus, got.Enabled, attrs)
	}

	if _, err := api.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
		UserPoolId: &poolID, Username: aws.String("alice"),
		GroupName: aws.String("admins")}); err != nil {
		t.Fatalf("AdminAddUserToGroup: %v", err)
	}
	_, err = api.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
		UserPoolId: &poolID, Username: aws.String("alice"), GroupName: aws.String("nope")})
	wantAPIError(t, err, "ResourceNotFoundException")

	groups, err := api.AdminListGroupsForUser(ctx, &cip.AdminListGroupsForUserInput{
		UserPoolId: &poolID, Username: aws.String("alice")})
	if err != nil || len(groups.Groups) != 1 ||
		aws.ToString(groups.Groups[0].GroupName) != "admins" {
		t.Fatalf("AdminListGroupsForUser = %+v, %v", groups, err)
	}
	members, err := api.ListUsersInGroup(ctx, &cip.ListUsersInGroupInput{
		UserPoolId: &poolID, GroupName: aws.String("admins")})
	if err != nil || usernames(members.Users) != "alice" {
		t.Fatalf("ListUsersInGroup = %v, %v", usernames(members.Users), err)
	}

	listed, err := api.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: &poolID,
		Filter: aws.String(`email = "bob@example.com"`)})
	if err != nil || usernames(listed.Users) != "bob" {
		t.Fatalf("ListUsers(filter) = %v, %v", usernames(listed.Users), err)
	}
	all, err := api.ListUsers(ctx, &cip.ListUsersInput{UserPoolId: &poolID})
	if err != nil || usernames(all.Users) != "alice,bob" {
		t.Fatalf("ListUsers = %v, %v", usernames(all.Users), err)
	}

	if _, err := api.AdminRemoveUserFromGroup(ctx, &cip.AdminRemoveUserFromGroupInput{
		UserPoolId: &poolID, Username: aws.String("alice"),
		GroupName: aws.String("admins")}); err != nil {
		t.Fatalf("AdminRemoveUserFromGroup: %v", err)
	}
	members, err = api.ListUsersInGroup(ctx, &cip.ListUsersInGroupInput{
		UserPoolId: &poolID, GroupName: aws.String("admins")})
	if err != nil || len(members.Users) != 0 {
		t.Fatalf("ListUsersInGroup after removal = %v, %v", usernames(members.Users), err)
	}

	if _, err := api.AdminDeleteUser(ctx, &cip.AdminDeleteUserInput{UserPoolId: &poolID,
		Username: aws.String("bob")}); err != nil {
		t.Fatalf("AdminDeleteUser: %v", err)
	}
	_, err = api.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: &poolID,
		Username: aws.String("bob")})
	wantAPIError(t, err, "UserNotFoundException")
}

func TestListUsersPaginates(t *testing.T) {
	t.Parallel()
	f := newFixture(t, testutil.PoolSpec{})
	for _, n := range []string{"u1", "u2", "u3", "u4", "u5"} {
		f.seedUser(t, testutil.SeedUserSpec{Username: n})
	}
	var seen []string
	var token *string
	for range 5 {
		out, err := f.api.ListUsers(context.Background(), &cip.ListUsersInput{
			UserPoolId: &f.pool.PoolID, Limit: aws.Int32(2), PaginationToken: token})
		if err != nil {
			t.Fatalf("ListUsers: %v", err)
		}
		for _, u := range out.Users {
			seen = append(seen, aws.ToString(u.Username))
		}
		if token = out.PaginationToken; token == nil {
			break
		}
	}
	if !slices.Equal(seen, []string{"u1", "u2", "u3", "u4", "u5"}) {
		t.Fatalf("pages gave %v", seen)
	}
}

func attributeMap(attrs []types.AttributeType) map[string]string {
	m := map[string]string{}
	for _, a := range attrs {
		m[aws.ToString(a.Name)] = aws.ToString(a.Value)
	}
	return m
}

func usernames(users []types.UserType) string {
	var names []string
	for _, u := range users {
		names = append(names, aws.ToString(u.Username))
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}
