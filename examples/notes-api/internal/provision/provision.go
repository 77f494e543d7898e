// Package provision creates, or finds and repairs, the Cognito user pool the
// notes service needs, and audits an existing pool for the settings that
// keep tenants apart.
//
// Every step looks its resource up by name before creating it, so running
// Provision twice leaves one pool, one app client, one set of groups and one
// demo user. It talks to Cognito only through the API interface, which
// *cognitoidentityprovider.Client satisfies, so the same code provisions
// AWS, cognito-local or the in-process fake from cognitotenant/testutil.
package provision

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
)

// Defaults Provision and Audit use for the zero fields of Config.
const (
	DefaultPoolName      = "notes-api"
	DefaultClientName    = "notes-api-web"
	DefaultTenantAttr    = "tenant_id"
	DefaultDemoEmail     = "admin@example.com"
	DefaultDemoPassword  = "P@ssword123"
	DefaultDemoGroup     = "ADMIN"
	DefaultDemoTenant    = "tenant-123"
	defaultTenantMaxSize = "64"
)

// DefaultGroups are the roles of the notes service, highest first.
func DefaultGroups() []string { return []string{"ADMIN", "EDITOR", "VIEWER"} }

// Errors callers branch on. Cognito's own errors come back wrapped, so
// errors.As finds the SDK's types too.
var (
	// ErrPoolNotFound means no pool has the configured name or id.
	ErrPoolNotFound = errors.New("provision: user pool not found")
	// ErrAmbiguous means two pools or two app clients share the name that
	// Provision finds them by; Cognito allows it, and picking one would
	// risk configuring the wrong one.
	ErrAmbiguous = errors.New("provision: name matches more than one resource")
	// ErrInvalidConfig means Config cannot describe a usable pool.
	ErrInvalidConfig = errors.New("provision: invalid config")
)

// Config describes the pool to provision or audit. The zero value means the
// notes service's defaults.
type Config struct {
	// PoolName finds the pool when PoolID is empty (DefaultPoolName).
	PoolName string
	// PoolID names an existing pool directly; Provision then never creates
	// one, and a missing pool is ErrPoolNotFound.
	PoolID string
	// ClientName finds the app client (DefaultClientName).
	ClientName string
	// ClientID names the service's app client for Audit directly, as the
	// service's COGNITO_CLIENT_ID does; Provision ignores it.
	ClientID string
	// ClientSecret makes a newly created client confidential: Cognito then
	// expects SECRET_HASH on sign-in calls. An existing client keeps its kind.
	ClientSecret bool
	// TenantAttr is the custom attribute's name without "custom:"
	// (DefaultTenantAttr).
	TenantAttr string
	// ImmutableTenant creates the attribute immutable: set only at user
	// creation, so not even an administrator can move a user later.
	ImmutableTenant bool
	// Groups must all exist (DefaultGroups).
	Groups []string
	// Demo is the user Provision creates or repairs; nil means DefaultDemo.
	// Set SkipDemo to create none.
	Demo     *DemoUser
	SkipDemo bool
	// Logger receives one Info line per resource created or repaired and a
	// Debug line per resource found as it should be; nil discards.
	Logger *slog.Logger
}

// DemoUser is a confirmed user with a permanent password, one group and a
// tenant.
type DemoUser struct {
	Email    string
	Password string
	Group    string
	Tenant   string
}

// DefaultDemo returns the demo user the notes service's README signs in as.
func DefaultDemo() DemoUser {
	return DemoUser{
		Email:    DefaultDemoEmail,
		Password: DefaultDemoPassword,
		Group:    DefaultDemoGroup,
		Tenant:   DefaultDemoTenant,
	}
}

// withDefaults returns c with every zero field set and the demo user
// checked against the groups.
func (c Config) withDefaults() (Config, error) {
	if c.PoolName == "" {
		c.PoolName = DefaultPoolName
	}
	if c.ClientName == "" {
		c.ClientName = DefaultClientName
	}
	if c.TenantAttr == "" {
		c.TenantAttr = DefaultTenantAttr
	}
	if len(c.Groups) == 0 {
		c.Groups = DefaultGroups()
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.SkipDemo {
		c.Demo = nil
		return c, nil
	}
	if c.Demo == nil {
		d := DefaultDemo()
		c.Demo = &d
	}
	d := c.Demo
	if d.Email == "" || d.Password == "" || d.Tenant == "" {
		return c, fmt.Errorf("%w: demo user needs email, password and tenant",
			ErrInvalidConfig)
	}
	if !slices.Contains(c.Groups, d.Group) {
		return c, fmt.Errorf("%w: demo group %q is not among the groups",
			ErrInvalidConfig, d.Group)
	}
	return c, nil
}

// tenantClaim is the attribute's name as tokens and client settings spell it.
func (c Config) tenantClaim() string { return "custom:" + c.TenantAttr }

// Result says what Provision found or made. Its fields are what the notes
// service needs in its environment; Env renders them.
type Result struct {
	Region       string
	UserPoolID   string
	ClientID     string
	ClientSecret string // empty for a public client
	// Endpoint and Issuer are set when the pool lives in an emulator.
	Endpoint string
	Issuer   string
	// Changes lists, in order, every resource created or repaired, such as
	// "created group VIEWER"; empty when the pool was already as wanted.
	Changes []string
}

// Provision makes the pool described by cfg exist: the pool with its tenant
// attribute, an app client that signs in with USER_PASSWORD_AUTH, refreshes,
// reads the tenant attribute and cannot write it, the groups, and the demo
// user. It finds each resource by name first and repairs an app client
// whose flows or attribute permissions drifted. It stops at the first
// failing call; a re-run resumes where it stopped. Region and Endpoint of
// the result are left to the caller, who knows where api points.
//
// Runs against different pools may overlap; two concurrent runs for the
// same pool name may both create it, after which both fail ErrAmbiguous.
func Provision(ctx context.Context, api API, cfg Config) (*Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	p := &provisioner{api: api, cfg: cfg, res: &Result{}}

	poolID, err := p.ensurePool(ctx)
	if err != nil {
		return nil, err
	}
	p.res.UserPoolID = poolID

	if err := p.ensureTenantAttr(ctx); err != nil {
		return nil, err
	}
	if err := p.ensureClient(ctx); err != nil {
		return nil, err
	}
	if err := p.ensureGroups(ctx); err != nil {
		return nil, err
	}
	if cfg.Demo != nil {
		if err := p.ensureDemoUser(ctx); err != nil {
			return nil, err
		}
	}
	return p.res, nil
}

// provisioner carries one Provision run's state.
type provisioner struct {
	api API
	cfg Config
	res *Result
}

// changed records and logs a creation or repair.
func (p *provisioner) changed(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	p.res.Changes = append(p.res.Changes, msg)
	p.cfg.Logger.Info("provision: " + msg)
}

// found logs a resource that needed nothing.
func (p *provisioner) found(kind, name string) {
	p.cfg.Logger.Debug("provision: found", "kind", kind, "name", name)
}
