package provision

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// FindingKind names what is wrong with a pool.
type FindingKind string

// The findings Audit reports.
const (
	// TenantAttrMissing: the pool has no tenant attribute, so no token can
	// carry a tenant and the service refuses every user.
	TenantAttrMissing FindingKind = "tenant-attribute-missing"
	// ClientWritesTenant: an app client may write the tenant attribute, so
	// any user signed in through it can move into another tenant with
	// UpdateUserAttributes and a token refresh.
	ClientWritesTenant FindingKind = "client-writes-tenant"
	// ClientCannotReadTenant: the service's app client cannot read the
	// tenant attribute, so its ID tokens come without a tenant.
	ClientCannotReadTenant FindingKind = "client-cannot-read-tenant"
	// ClientMissing: the service's app client does not exist.
	ClientMissing FindingKind = "client-missing"
	// GroupMissing: a role group does not exist, so nobody can hold it.
	GroupMissing FindingKind = "group-missing"
)

// Finding is one problem Audit found.
type Finding struct {
	Kind    FindingKind
	Subject string // the client, group or attribute concerned
	Detail  string
}

// String renders the finding as one line that names its subject.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Kind, f.Subject, f.Detail)
}

// Audit inspects the pool cfg names and reports every finding: a missing
// tenant attribute, each app client of the pool that can write it, the
// service's client missing or unable to read it, and each missing group. It
// changes nothing, so concurrent audits are safe. An empty result means the
// pool passed; an error means the audit could not finish, and its findings
// so far are not returned.
func Audit(ctx context.Context, api API, cfg Config) ([]Finding, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	poolID := cfg.PoolID
	if poolID == "" {
		if poolID, err = findPool(ctx, api, cfg.PoolName); err != nil {
			return nil, err
		}
	}

	pool, err := describePool(ctx, api, poolID)
	if err != nil {
		return nil, err
	}
	var out []Finding
	claim := cfg.tenantClaim()
	if _, ok := schemaAttr(pool, claim); !ok {
		out = append(out, Finding{TenantAttrMissing, claim,
			"the pool has no such attribute; tokens cannot carry a tenant"})
	}

	clientFindings, err := auditClients(ctx, api, poolID, cfg)
	if err != nil {
		return nil, err
	}
	out = append(out, clientFindings...)

	groups, err := listGroups(ctx, api, poolID)
	if err != nil {
		return nil, err
	}
	for _, g := range cfg.Groups {
		if !groups[g] {
			out = append(out, Finding{GroupMissing, g, "the pool has no such group"})
		}
	}
	return out, nil
}

// auditClients checks every app client's write permissions, since any
// client of the pool can sign a user in, and the service's own client's
// read permissions.
func auditClients(ctx context.Context, api API, poolID string, cfg Config) (
	[]Finding, error) {
	list, err := listClients(ctx, api, poolID)
	if err != nil {
		return nil, err
	}
	claim := cfg.tenantClaim()
	var out []Finding
	ours := false
	for _, d := range list {
		id, name := aws.ToString(d.ClientId), aws.ToString(d.ClientName)
		c, err := describeClient(ctx, api, poolID, id)
		if err != nil {
			return nil, err
		}
		subject := fmt.Sprintf("app client %s (%s)", name, id)
		if slices.Contains(c.WriteAttributes, claim) {
			out = append(out, Finding{ClientWritesTenant, subject,
				"can write " + claim + "; its users can move themselves " +
					"into any tenant"})
		}

		if !isServiceClient(cfg, id, name) {
			continue
		}
		ours = true
		if !slices.Contains(c.ReadAttributes, claim) {
			out = append(out, Finding{ClientCannotReadTenant, subject,
				"cannot read " + claim + "; its ID tokens carry no tenant"})
		}
	}

	if !ours {
		subject := "app client " + cfg.ClientName
		if cfg.ClientID != "" {
			subject = "app client " + cfg.ClientID
		}
		out = append(out, Finding{ClientMissing, subject, "the pool has no such client"})
	}
	return out, nil
}

// isServiceClient tells whether a client is the one the service signs in
// through: by id when configured, else by name.
func isServiceClient(cfg Config, id, name string) bool {
	if cfg.ClientID != "" {
		return id == cfg.ClientID
	}
	return name == cfg.ClientName
}
