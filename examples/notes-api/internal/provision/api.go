package provision

import (
	"context"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// API is the part of the Cognito user-pool API that Provision and Audit
// call. *cognitoidentityprovider.Client implements it; tests may wrap one
// to inject failures.
type API interface {
	ListUserPools(context.Context, *cip.ListUserPoolsInput,
		...func(*cip.Options)) (*cip.ListUserPoolsOutput, error)
	CreateUserPool(context.Context, *cip.CreateUserPoolInput,
		...func(*cip.Options)) (*cip.CreateUserPoolOutput, error)
	DescribeUserPool(context.Context, *cip.DescribeUserPoolInput,
		...func(*cip.Options)) (*cip.DescribeUserPoolOutput, error)
	AddCustomAttributes(context.Context, *cip.AddCustomAttributesInput,
		...func(*cip.Options)) (*cip.AddCustomAttributesOutput, error)

	ListUserPoolClients(context.Context, *cip.ListUserPoolClientsInput,
		...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error)
	CreateUserPoolClient(context.Context, *cip.CreateUserPoolClientInput,
		...func(*cip.Options)) (*cip.CreateUserPoolClientOutput, error)
	DescribeUserPoolClient(context.Context, *cip.DescribeUserPoolClientInput,
		...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error)
	UpdateUserPoolClient(context.Context, *cip.UpdateUserPoolClientInput,
		...func(*cip.Options)) (*cip.UpdateUserPoolClientOutput, error)

	ListGroups(context.Context, *cip.ListGroupsInput,
		...func(*cip.Options)) (*cip.ListGroupsOutput, error)
	CreateGroup(context.Context, *cip.CreateGroupInput,
		...func(*cip.Options)) (*cip.CreateGroupOutput, error)

	AdminGetUser(context.Context, *cip.AdminGetUserInput,
		...func(*cip.Options)) (*cip.AdminGetUserOutput, error)
	AdminCreateUser(context.Context, *cip.AdminCreateUserInput,
		...func(*cip.Options)) (*cip.AdminCreateUserOutput, error)
	AdminUpdateUserAttributes(context.Context, *cip.AdminUpdateUserAttributesInput,
		...func(*cip.Options)) (*cip.AdminUpdateUserAttributesOutput, error)
	AdminSetUserPassword(context.Context, *cip.AdminSetUserPasswordInput,
		...func(*cip.Options)) (*cip.AdminSetUserPasswordOutput, error)
	AdminListGroupsForUser(context.Context, *cip.AdminListGroupsForUserInput,
		...func(*cip.Options)) (*cip.AdminListGroupsForUserOutput, error)
	AdminAddUserToGroup(context.Context, *cip.AdminAddUserToGroupInput,
		...func(*cip.Options)) (*cip.AdminAddUserToGroupOutput, error)
}

// Compile-time proof that the SDK client is an API.
var _ API = (*cip.Client)(nil)
