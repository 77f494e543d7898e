package rbac

import "testing"

type namedFunc struct {
	name string
	f    func()
}

// hotPath lists the decisions a request makes, allowed and denied, which
// must not allocate.
func hotPath(p *Policy) []namedFunc {
	admin := &Principal{Subject: exampleSub, TenantID: tenantA,
		Groups: []string{autoGroup, GroupViewer, GroupAdmin}, Scopes: []string{"notes/read"}}
	viewer := user(GroupViewer)
	platform := user(GroupPlatformAdmin)
	var sink Decision
	return []namedFunc{
		{"Decide/granted", func() { sink = p.Decide(admin, PermDelete) }},
		{"Decide/denied", func() { sink = p.Decide(viewer, PermDelete) }},
		{"DecideIn/mismatch", func() { sink = p.DecideIn(admin, PermRead, tenantB) }},
		{"DecideIn/platform", func() { sink = p.DecideIn(platform, PermRead, tenantB) }},
		{"DecideAnyRole/granted", func() { sink = p.DecideAnyRole(admin, RoleEditor, RoleAdmin) }},
		{"DecideAllRoles/denied", func() {
			sink = p.DecideAllRoles(viewer, RoleViewer, RoleAdmin)
		}},
		{"DecideAllScopes", func() { sink = p.DecideAllScopes(admin, "notes/read") }},
		{"CanGrant/denied", func() { sink = p.CanGrant(viewer, RoleAdmin) }},
		{"HighestRole", func() { sink.Role, _ = p.HighestRole(admin) }},
	}
}

// TestDecisions_do_not_allocate counts allocations (not time) on the hot
// path. Any-of denials are left out: they join the alternatives for
// Missing.
func TestDecisions_do_not_allocate(t *testing.T) {
	for _, p := range []*Policy{Default(), strictDefault()} {
		for _, h := range hotPath(p) {
			if n := testing.AllocsPerRun(200, h.f); n != 0 {
				t.Errorf("%s allocates %v times per call; want 0", h.name, n)
			}
		}
	}
}

func BenchmarkDecide(b *testing.B) {
	p := Default()
	for _, h := range hotPath(p) {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h.f()
			}
		})
	}
}

func BenchmarkDecide_parallel(b *testing.B) {
	p := Default()
	pr := user(autoGroup, GroupEditor)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if !p.Decide(pr, PermUpdate).Allowed {
				b.Fatal("editor update denied")
			}
		}
	})
}
