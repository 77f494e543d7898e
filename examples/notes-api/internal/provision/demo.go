package provision

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// ensureDemoUser makes the demo user exist, confirmed with its documented
// password, in its tenant and group. A confirmed user keeps the password it
// has, so a re-run never undoes a password change.
func (p *provisioner) ensureDemoUser(ctx context.Context) error {
	d := p.cfg.Demo
	user, err := p.api.AdminGetUser(ctx, &cip.AdminGetUserInput{
		UserPoolId: aws.String(p.res.UserPoolID),
		Username:   aws.String(d.Email),
	})
	var missing *types.UserNotFoundException
	var username string
	switch {
	case errors.As(err, &missing):
		if username, err = p.createDemoUser(ctx); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("provision: get demo user: %w", err)
	default:
		username = aws.ToString(user.Username)
		if err := p.repairDemoUser(ctx, user); err != nil {
			return err
		}
	}
	return p.ensureMembership(ctx, username)
}

// createDemoUser returns the user name Cognito stored, which differs from
// the email when the pool signs users in by email alias.
func (p *provisioner) createDemoUser(ctx context.Context) (string, error) {
	d := p.cfg.Demo
	out, err := p.api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId: aws.String(p.res.UserPoolID),
		Username:   aws.String(d.Email),
		// No invitation: the password is set permanently right after.
		MessageAction: types.MessageActionTypeSuppress,
		UserAttributes: []types.AttributeType{
			{Name: aws.String("email"), Value: aws.String(d.Email)},
			{Name: aws.String("email_verified"), Value: aws.String("true")},
			{Name: aws.String(p.cfg.tenantClaim()), Value: aws.String(d.Tenant)},
		},
	})
	if err != nil {
		return "", fmt.Errorf("provision: create demo user: %w", err)
	}
	if err := p.setDemoPassword(ctx); err != nil {
		return "", err
	}
	p.changed("created user %s in tenant %s", d.Email, d.Tenant)
	return aws.ToString(out.User.Username), nil
}

// repairDemoUser puts an existing demo user back in its tenant and confirms
// it if it still waits for a first password.
func (p *provisioner) repairDemoUser(ctx context.Context, u *cip.AdminGetUserOutput) error {
	d := p.cfg.Demo
	if tenant := attrValue(u.UserAttributes, p.cfg.tenantClaim()); tenant != d.Tenant {
		_, err := p.api.AdminUpdateUserAttributes(ctx, &cip.AdminUpdateUserAttributesInput{
			UserPoolId: aws.String(p.res.UserPoolID),
			Username:   aws.String(d.Email),
			UserAttributes: []types.AttributeType{
				{Name: aws.String(p.cfg.tenantClaim()), Value: aws.String(d.Tenant)},
			},
		})
		if err != nil {
			return fmt.Errorf("provision: move demo user to tenant %s: %w", d.Tenant, err)
		}
		p.changed("moved user %s to tenant %s", d.Email, d.Tenant)
	}

	switch u.UserStatus {
	case types.UserStatusTypeForceChangePassword, types.UserStatusTypeResetRequired:
		if err := p.setDemoPassword(ctx); err != nil {
			return err
		}
		p.changed("confirmed user %s", d.Email)
	default:
		p.found("user", d.Email)
	}
	return nil
}

// setDemoPassword confirms the user: a permanent password skips the
// NEW_PASSWORD_REQUIRED challenge a temporary one would cause.
func (p *provisioner) setDemoPassword(ctx context.Context) error {
	_, err := p.api.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: aws.String(p.res.UserPoolID),
		Username:   aws.String(p.cfg.Demo.Email),
		Password:   aws.String(p.cfg.Demo.Password),
		Permanent:  true,
	})
	if err != nil {
		// The SDK's message names the policy rule, never the password.
		return fmt.Errorf("provision: set demo user password: %w", err)
	}
	return nil
}

// ensureMembership adds the demo user to its group unless it is in it. It
// names the user by the stored user name: cognito-local matches group
// members by that name only, not by an email alias.
func (p *provisioner) ensureMembership(ctx context.Context, username string) error {
	d := p.cfg.Demo
	if username == "" {
		username = d.Email
	}
	out, err := p.api.AdminListGroupsForUser(ctx, &cip.AdminListGroupsForUserInput{
		UserPoolId: aws.String(p.res.UserPoolID),
		Username:   aws.String(username),
		Limit:      aws.Int32(60),
	})
	if err != nil {
		return fmt.Errorf("provision: list demo user groups: %w", err)
	}
	for _, g := range out.Groups {
		if aws.ToString(g.GroupName) == d.Group {
			return nil
		}
	}

	_, err = p.api.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
		UserPoolId: aws.String(p.res.UserPoolID),
		Username:   aws.String(username),
		GroupName:  aws.String(d.Group),
	})
	if err != nil {
		return fmt.Errorf("provision: add demo user to %s: %w", d.Group, err)
	}
	p.changed("added user %s to group %s", d.Email, d.Group)
	return nil
}

func attrValue(attrs []types.AttributeType, name string) string {
	for _, a := range attrs {
		if aws.ToString(a.Name) == name {
			return aws.ToString(a.Value)
		}
	}
	return ""
}
