package rbac

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestDecision_Err_and_HTTPStatus(t *testing.T) {
	t.Parallel()
	p := Default()
	tests := []struct {
		name     string
		d        Decision
		status   int
		sentinel error // besides ErrDenied; nil for allowed decisions
	}{
		{"no_principal_is_401", p.Decide(nil, PermRead),
			http.StatusUnauthorized, ErrUnauthenticated},
		{"no_tenant_is_401", p.Decide(userIn("", GroupAdmin), PermRead),
			http.StatusUnauthorized, ErrUnauthenticated},
		{"other_tenant_is_404", p.DecideIn(user(GroupAdmin), PermRead, tenantB),
			http.StatusNotFound, ErrTenantMismatch},
		{"missing_permission_is_403", p.Decide(user(GroupViewer), PermDelete),
			http.StatusForbidden, ErrDenied},
		{"unknown_permission_is_403", p.Decide(user(GroupAdmin), "x"),
			http.StatusForbidden, ErrDenied},
		{"granted_is_200", p.Decide(user(GroupViewer), PermRead), http.StatusOK, nil},
		{"granted_across_tenants_is_200",
			p.DecideIn(user(GroupPlatformAdmin), PermRead, tenantB), http.StatusOK, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.d.HTTPStatus(); got != tt.status {
				t.Errorf("HTTPStatus = %d; want %d", got, tt.status)
			}
			err := tt.d.Err()
			if tt.sentinel == nil {
				if err != nil {
					t.Fatalf("Err = %v; want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrDenied) || !errors.Is(err, tt.sentinel) {
				t.Fatalf("Err = %v; want it to match ErrDenied and %v", err, tt.sentinel)
			}
			var de *DeniedError
			if !errors.As(err, &de) || de.Decision.Reason != tt.d.Reason {
				t.Errorf("Err does not carry the decision: %v", err)
			}
			for _, other := range []error{ErrUnauthenticated, ErrTenantMismatch} {
				if other != tt.sentinel && errors.Is(err, other) {
					t.Errorf("Err = %v also matches %v", err, other)
				}
			}
		})
	}
}

func TestDecision_never_names_a_tenant_to_clients(t *testing.T) {
	t.Parallel()
	d := Default().DecideIn(user(GroupAdmin), PermRead, tenantB)
	msg := d.Err().Error()
	if strings.Contains(msg, tenantB) || strings.Contains(msg, tenantA) || d.Missing != "" {
		t.Fatalf("denial %q (missing %q) reveals a tenant or a requirement", msg, d.Missing)
	}
	twin := Default().Decide(user(GroupViewer), PermDelete)
	if got := twin.Err().Error(); !strings.Contains(got, "delete") {
		t.Fatalf("denial in own tenant %q does not say what is missing", got)
	}
}

func TestDecision_IgnoredGroups(t *testing.T) {
	t.Parallel()
	p := Default()
	tests := []struct {
		name string
		d    Decision
		want []string
	}{
		{"unmapped_groups_in_token_order",
			p.Decide(user("Staff", GroupViewer, autoGroup), PermRead),
			[]string{"Staff", autoGroup}},
		{"reported_on_denials_too", p.Decide(user(autoGroup), PermRead),
			[]string{autoGroup}},
		{"none_when_all_are_mapped",
			p.Decide(user(GroupViewer, GroupPlatformAdmin), PermRead), nil},
		{"none_without_principal", p.Decide(nil, PermRead), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.d.IgnoredGroups(); !slices.Equal(got, tt.want) {
				t.Fatalf("IgnoredGroups = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestDecision_Path_is_a_copy(t *testing.T) {
	t.Parallel()
	p := Default()
	d := p.Decide(user(GroupAdmin), PermRead)
	d.Path()[0] = "tampered"
	if again := p.Decide(user(GroupAdmin), PermRead); again.Path()[0] != RoleAdmin {
		t.Fatalf("changing a returned Path changed the policy: %v", again.Path())
	}
	if denied := p.Decide(user(GroupViewer), PermDelete); denied.Path() != nil {
		t.Fatalf("denied decision has Path %v; want nil", denied.Path())
	}
}

func TestDecision_String(t *testing.T) {
	t.Parallel()
	p := Default()
	tests := []struct {
		name string
		d    Decision
		want string
	}{
		{"granted", p.Decide(user(GroupAdmin, autoGroup), PermRead),
			"allow granted permission=read role=admin group=ADMIN " +
				"path=admin>editor>viewer tenant=tenant-a ignored=" + autoGroup},
		{"denied", p.Decide(user(GroupViewer), PermDelete),
			"deny permission_not_granted permission=delete missing=delete " +
				"tenant=tenant-a"},
		{"cross_tenant", p.DecideIn(user(GroupPlatformAdmin), PermRead, tenantB),
			"allow granted_platform permission=read role=platform_admin " +
				"group=PLATFORM_ADMIN path=platform_admin tenant=tenant-b " +
				"from_tenant=tenant-a cross_tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.d.String(); got != tt.want {
				t.Fatalf("String =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestDecision_LogValue(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	d := Default().DecideIn(user(GroupPlatformAdmin, autoGroup), PermRead, tenantB)
	log.Info("authz", "decision", d)

	for _, want := range []string{
		`"allowed":true`, `"reason":"granted_platform"`, `"role":"platform_admin"`,
		`"tenant":"tenant-b"`, `"principal_tenant":"tenant-a"`, `"cross_tenant":true`,
		`"ignored_groups":["` + autoGroup + `"]`, `"subject":"sub-1"`,
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log line %s lacks %s", buf.String(), want)
		}
	}
	buf.Reset()
	log.Info("authz", "decision", Default().Decide(user(GroupViewer), PermRead))
	if strings.Contains(buf.String(), "cross_tenant") {
		t.Errorf("same-tenant log line %s mentions cross_tenant", buf.String())
	}
}

func TestDecision_names_the_permission_even_when_denied_early(t *testing.T) {
	t.Parallel()
	p := Default()
	for _, d := range []Decision{
		p.Decide(nil, PermDelete),
		p.Decide(userIn("", GroupAdmin), PermDelete),
		p.Decide(user(GroupAdmin), PermDelete),
	} {
		if d.Permission != PermDelete {
			t.Errorf("decision %v does not name the permission asked", d)
		}
	}
}
