package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// maxScannedUsers bounds how many pool users ListUsers reads.
//
// TODO(notes-api): Cognito's ListUsers filter cannot match custom
// attributes, so listing one tenant's users pages through the whole pool.
// Past a few thousand users keep a tenant membership table, or a group per
// tenant, instead.
const maxScannedUsers = 5000

// NewUser is a user to create in a tenant.
type NewUser struct {
	Email string
	// Group is the Cognito group that carries the user's role.
	Group string
	// Password is optional. When set, no invitation is sent; with
	// Permanent it is the user's password, otherwise a temporary one they
	// must replace at first sign-in. When empty, Cognito generates a
	// temporary password and emails the invitation.
	Password  string
	Permanent bool
}

// User is a pool user as the service shows it.
type User struct {
	Username  string
	Subject   string
	Email     string
	Groups    []string
	Status    string
	Enabled   bool
	CreatedAt time.Time
}

// CreateUser creates a user in tenant and adds them to their group. The
// tenant comes from the caller, never from the request body, and is written
// with administrator rights: app clients cannot write it. If a step after
// creation fails, the user is deleted again, so no user is left without a
// role. Errors wrap the package's sentinels (ErrUserExists,
// ErrInvalidPassword, ErrInvalidInput, ...).
func (c *Client) CreateUser(ctx context.Context, tenant string, u NewUser) (User, error) {
	if tenant == "" || u.Email == "" || u.Group == "" {
		return User{}, fmt.Errorf("create user: %w: tenant, email and group are required",
			ErrInvalidInput)
	}
	in := &cip.AdminCreateUserInput{
		UserPoolId: aws.String(c.opts.UserPoolID),
		Username:   aws.String(u.Email),
		UserAttributes: []types.AttributeType{
			{Name: aws.String("email"), Value: aws.String(u.Email)},
			{Name: aws.String("email_verified"), Value: aws.String("true")},
			{Name: aws.String(c.opts.TenantAttribute), Value: aws.String(tenant)},
		},
		DesiredDeliveryMediums: []types.DeliveryMediumType{types.DeliveryMediumTypeEmail},
	}
	if u.Password != "" {
		in.TemporaryPassword = aws.String(u.Password)
		in.MessageAction = types.MessageActionTypeSuppress
	}
	out, err := c.api.AdminCreateUser(ctx, in)
	if err != nil {
		return User{}, classify("create user", err)
	}
	user := fromUserType(out.User)
	if user.Username == "" {
		user.Username = u.Email
	}

	if err := c.finishUser(ctx, user.Username, u); err != nil {
		_, derr := c.api.AdminDeleteUser(ctx, &cip.AdminDeleteUserInput{
			UserPoolId: aws.String(c.opts.UserPoolID),
			Username:   aws.String(user.Username),
		})
		if derr != nil {
			err = errors.Join(err, classify("undo create user", derr))
		}
		return User{}, err
	}
	if u.Permanent {
		user.Status = string(types.UserStatusTypeConfirmed)
	}
	user.Groups = []string{u.Group}
	return user, nil
}

func (c *Client) finishUser(ctx context.Context, username string, u NewUser) error {
	if u.Permanent && u.Password != "" {
		_, err := c.api.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
			UserPoolId: aws.String(c.opts.UserPoolID),
			Username:   aws.String(username),
			Password:   aws.String(u.Password),
			Permanent:  true,
		})
		if err != nil {
			return classify("set password", err)
		}
	}
	_, err := c.api.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
		UserPoolId: aws.String(c.opts.UserPoolID),
		Username:   aws.String(username),
		GroupName:  aws.String(u.Group),
	})
	if err != nil {
		return classify("add to group", err)
	}
	return nil
}

// ListUsers returns the users of tenant with their groups, in the pool's
// order. It never returns a user of another tenant: the tenant attribute
// of each user is compared here, since Cognito cannot filter on it.
func (c *Client) ListUsers(ctx context.Context, tenant string) ([]User, error) {
	if tenant == "" {
		return nil, fmt.Errorf("list users: %w: tenant is required", ErrInvalidInput)
	}
	var users []User
	var next *string
	for scanned := 0; scanned < maxScannedUsers; {
		out, err := c.api.ListUsers(ctx, &cip.ListUsersInput{
			UserPoolId:      aws.String(c.opts.UserPoolID),
			Limit:           aws.Int32(60),
			PaginationToken: next,
		})
		if err != nil {
			return nil, classify("list users", err)
		}
		scanned += len(out.Users)
		for _, ut := range out.Users {
			if attr(ut.Attributes, c.opts.TenantAttribute) == tenant {
				users = append(users, fromUserType(&ut))
			}
		}
		next = out.PaginationToken
		if aws.ToString(next) == "" || len(out.Users) == 0 {
			break
		}
	}
	for i := range users {
		groups, err := c.groups(ctx, users[i].Username)
		if err != nil {
			return nil, err
		}
		users[i].Groups = groups
	}
	return users, nil
}

func (c *Client) groups(ctx context.Context, username string) ([]string, error) {
	out, err := c.api.AdminListGroupsForUser(ctx, &cip.AdminListGroupsForUserInput{
		UserPoolId: aws.String(c.opts.UserPoolID),
		Username:   aws.String(username),
		Limit:      aws.Int32(60),
	})
	if err != nil {
		return nil, classify("list groups", err)
	}
	groups := make([]string, 0, len(out.Groups))
	for _, g := range out.Groups {
		groups = append(groups, aws.ToString(g.GroupName))
	}
	return groups, nil
}

func fromUserType(ut *types.UserType) User {
	if ut == nil {
		return User{}
	}
	return User{
		Username:  aws.ToString(ut.Username),
		Subject:   attr(ut.Attributes, "sub"),
		Email:     attr(ut.Attributes, "email"),
		Status:    string(ut.UserStatus),
		Enabled:   ut.Enabled,
		CreatedAt: aws.ToTime(ut.UserCreateDate),
	}
}

func attr(attrs []types.AttributeType, name string) string {
	for _, a := range attrs {
		if aws.ToString(a.Name) == name {
			return aws.ToString(a.Value)
		}
	}
	return ""
}
