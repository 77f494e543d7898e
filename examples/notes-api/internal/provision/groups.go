package provision

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// ensureGroups creates each configured group the pool lacks. Precedence is
// left unset: it only picks an IAM role, and RBAC must never depend on it.
func (p *provisioner) ensureGroups(ctx context.Context) error {
	have, err := listGroups(ctx, p.api, p.res.UserPoolID)
	if err != nil {
		return err
	}
	for _, g := range p.cfg.Groups {
		if have[g] {
			p.found("group", g)
			continue
		}
		_, err := p.api.CreateGroup(ctx, &cip.CreateGroupInput{
			UserPoolId:  aws.String(p.res.UserPoolID),
			GroupName:   aws.String(g),
			Description: aws.String("notes-api role " + g),
		})
		if err != nil {
			return fmt.Errorf("provision: create group %s: %w", g, err)
		}
		p.changed("created group %s", g)
	}
	return nil
}

// listGroups returns the names of the pool's groups as a set.
func listGroups(ctx context.Context, api API, poolID string) (map[string]bool, error) {
	names := make(map[string]bool)
	pages := cip.NewListGroupsPaginator(api, &cip.ListGroupsInput{
		UserPoolId: aws.String(poolID),
		Limit:      aws.Int32(60),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("provision: list groups of %s: %w", poolID, err)
		}
		for _, g := range page.Groups {
			names[aws.ToString(g.GroupName)] = true
		}
	}
	return names, nil
}
