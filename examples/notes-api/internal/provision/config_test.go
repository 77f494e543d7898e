package provision_test

import (
	"context"
	"errors"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// TestConfig_InvalidIsRefusedBeforeAnyCall passes a nil API: a config
// error must come before Provision or Audit touches Cognito.
func TestConfig_InvalidIsRefusedBeforeAnyCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  provision.Config
	}{
		{"demo_group_outside_the_groups", provision.Config{
			Demo: &provision.DemoUser{Email: "a@b.c", Password: "P@ssword123",
				Group: "OWNER", Tenant: "t"}}},
		{"demo_without_tenant", provision.Config{
			Demo: &provision.DemoUser{Email: "a@b.c", Password: "P@ssword123",
				Group: "ADMIN"}}},
		{"demo_without_password", provision.Config{
			Demo: &provision.DemoUser{Email: "a@b.c", Group: "ADMIN", Tenant: "t"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := provision.Provision(context.Background(), nil, tt.cfg)
			if !errors.Is(err, provision.ErrInvalidConfig) {
				t.Errorf("Provision error %v, want ErrInvalidConfig", err)
			}
		})
	}
}
