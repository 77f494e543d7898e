package app

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"

	"github.com/google/uuid"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant/rbac"
	"github.com/cognitotenant/cognitotenant-go/cognitotenant/testutil"
	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

// The demo account the embedded mode seeds on every start.
const (
	DemoEmail    = "admin@example.com"
	DemoPassword = "P@ssword123"
	DemoTenant   = "tenant-123"
	DemoGroup    = rbac.GroupAdmin
)

// demoSub is the demo user's sub on every start. The fake Cognito keeps its
// users in memory while the notes live on disk: with a random sub each
// restart, the demo user's old notes would name an author that no longer
// exists. A name-based UUID keeps created_by stable across restarts.
var demoSub = uuid.NewSHA1(uuid.NameSpaceURL,
	[]byte("https://notes-api.example/demo-user/"+DemoEmail)).String()

// Demo describes the seeded demo account.
type Demo struct {
	Email, Password, Tenant, Group, Sub string
}

// startFake starts the in-process fake Cognito on a free loopback port,
// creates a pool with the three groups, seeds the demo user and points
// c.Cognito at it. The caller closes the fake.
func startFake(c *config.Config, log *slog.Logger) (*testutil.FakeCognito, *Demo, error) {
	fake, err := testutil.NewFakeCognito(
		testutil.WithCognitoLogger(log.With("component", "fake-cognito")))
	if err != nil {
		return nil, nil, err
	}
	url, err := fake.Start("127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("start fake cognito: %w", err)
	}
	pool, err := fake.SeedPool(testutil.PoolSpec{
		Name:       "notes-api-dev",
		ClientName: "notes-api",
		Groups:     []string{rbac.GroupAdmin, rbac.GroupEditor, rbac.GroupViewer},
	})
	if err == nil {
		_, err = fake.SeedUser(pool.PoolID, testutil.SeedUserSpec{
			Username: DemoEmail, Password: DemoPassword, Email: DemoEmail,
			TenantID: DemoTenant, Groups: []string{DemoGroup}, Sub: demoSub,
		})
	}
	if err != nil {
		fake.Close()
		return nil, nil, fmt.Errorf("seed fake cognito: %w", err)
	}
	c.Cognito.Region = pool.Region
	c.Cognito.UserPoolID = pool.PoolID
	c.Cognito.ClientID = pool.ClientID
	c.Cognito.ClientSecret = pool.ClientSecret
	c.Cognito.Endpoint = url
	c.Cognito.Issuer = fake.IssuerURL(pool.PoolID)
	c.Cognito.JWKSURL = fake.JWKSURL(pool.PoolID)
	return fake, &Demo{DemoEmail, DemoPassword, DemoTenant, DemoGroup, demoSub}, nil
}

// newInternalToken returns 256 random bits, URL-safe, for the embedded
// mode's internal API when none is configured.
func newInternalToken() (string, error) {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		return "", fmt.Errorf("generate internal token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
