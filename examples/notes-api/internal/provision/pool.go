package provision

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// ensurePool returns the id of the configured pool, creating it when it is
// looked up by name and absent.
func (p *provisioner) ensurePool(ctx context.Context) (string, error) {
	if p.cfg.PoolID != "" {
		if _, err := describePool(ctx, p.api, p.cfg.PoolID); err != nil {
			return "", err
		}
		p.found("pool", p.cfg.PoolID)
		return p.cfg.PoolID, nil
	}

	id, err := findPool(ctx, p.api, p.cfg.PoolName)
	if err == nil {
		p.found("pool", p.cfg.PoolName)
		return id, nil
	}
	if !errors.Is(err, ErrPoolNotFound) {
		return "", err
	}

	out, err := p.api.CreateUserPool(ctx, p.newPoolInput())
	if err != nil {
		return "", fmt.Errorf("provision: create pool %q: %w", p.cfg.PoolName, err)
	}
	id = aws.ToString(out.UserPool.Id)
	p.changed("created pool %s (%s)", p.cfg.PoolName, id)
	return id, nil
}

// newPoolInput describes a pool where only administrators create users, so
// nobody signs up without a tenant, and user names ignore case, so
// Admin@Example.com cannot become a second account beside admin@example.com.
func (p *provisioner) newPoolInput() *cip.CreateUserPoolInput {
	return &cip.CreateUserPoolInput{
		PoolName: aws.String(p.cfg.PoolName),
		Schema:   []types.SchemaAttributeType{p.tenantSchema()},
		AdminCreateUserConfig: &types.AdminCreateUserConfigType{
			AllowAdminCreateUserOnly: true,
		},
		UsernameConfiguration: &types.UsernameConfigurationType{
			CaseSensitive: aws.Bool(false),
		},
		// A deleted pool takes every user and tenant assignment with it.
		DeletionProtection: types.DeletionProtectionTypeActive,
	}
}

// tenantSchema is the custom attribute's definition, which Cognito never
// lets anyone change once the attribute exists.
func (p *provisioner) tenantSchema() types.SchemaAttributeType {
	return types.SchemaAttributeType{
		Name:              aws.String(p.cfg.TenantAttr),
		AttributeDataType: types.AttributeDataTypeString,
		Mutable:           aws.Bool(!p.cfg.ImmutableTenant),
		StringAttributeConstraints: &types.StringAttributeConstraintsType{
			MinLength: aws.String("1"),
			MaxLength: aws.String(defaultTenantMaxSize),
		},
	}
}

// ensureTenantAttr adds the tenant attribute to a pool that lacks it, as a
// pool created by hand before this command might.
func (p *provisioner) ensureTenantAttr(ctx context.Context) error {
	pool, err := describePool(ctx, p.api, p.res.UserPoolID)
	if err != nil {
		return err
	}
	if attr, ok := schemaAttr(pool, p.cfg.tenantClaim()); ok {
		if attr.AttributeDataType != "" &&
			attr.AttributeDataType != types.AttributeDataTypeString {
			return fmt.Errorf("%w: %s is of type %s, not String",
				ErrInvalidConfig, p.cfg.tenantClaim(), attr.AttributeDataType)
		}
		p.found("attribute", p.cfg.tenantClaim())
		return nil
	}

	_, err = p.api.AddCustomAttributes(ctx, &cip.AddCustomAttributesInput{
		UserPoolId:       aws.String(p.res.UserPoolID),
		CustomAttributes: []types.SchemaAttributeType{p.tenantSchema()},
	})
	if err != nil {
		return fmt.Errorf("provision: add attribute %s: %w", p.cfg.tenantClaim(), err)
	}
	p.changed("added attribute %s", p.cfg.tenantClaim())
	return nil
}

// findPool returns the id of the one pool called name.
func findPool(ctx context.Context, api API, name string) (string, error) {
	var ids []string
	pages := cip.NewListUserPoolsPaginator(api,
		&cip.ListUserPoolsInput{MaxResults: aws.Int32(60)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return "", fmt.Errorf("provision: list pools: %w", err)
		}
		for _, up := range page.UserPools {
			if aws.ToString(up.Name) == name {
				ids = append(ids, aws.ToString(up.Id))
			}
		}
	}

	switch len(ids) {
	case 0:
		return "", fmt.Errorf("%w: no pool is called %q", ErrPoolNotFound, name)
	case 1:
		return ids[0], nil
	default:
		return "", fmt.Errorf("%w: pools %v are all called %q; pass the pool id",
			ErrAmbiguous, ids, name)
	}
}

// describePool returns the pool with the given id, or ErrPoolNotFound.
func describePool(ctx context.Context, api API, id string) (*types.UserPoolType, error) {
	out, err := api.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{
		UserPoolId: aws.String(id),
	})
	var missing *types.ResourceNotFoundException
	if errors.As(err, &missing) {
		return nil, fmt.Errorf("%w: %s: %w", ErrPoolNotFound, id, err)
	}
	if err != nil {
		return nil, fmt.Errorf("provision: describe pool %s: %w", id, err)
	}
	return out.UserPool, nil
}

// schemaAttr finds an attribute of the pool by its full name.
func schemaAttr(pool *types.UserPoolType, name string) (types.SchemaAttributeType, bool) {
	for _, a := range pool.SchemaAttributes {
		if aws.ToString(a.Name) == name {
			return a, true
		}
	}
	return types.SchemaAttributeType{}, false
}
