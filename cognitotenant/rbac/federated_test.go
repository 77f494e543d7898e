package rbac

import "testing"

func TestIsFederatedGroup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		group, pool string
		want        bool
	}{
		{autoGroup, "", true},
		{"us-gov-west-1_Ab12Cd34E_MyOIDC", "", true},
		{"ap-southeast-2_XYZ_SAML_Provider", "", true},
		{"ADMIN", "", false},
		{"us-east-1_EXAMPLE", "", false}, // a pool id with no provider
		{"us-east_EXAMPLE_Google", "", false},
		{"us-east-1__Google", "", false},
		{"us-east-1_EXA-MPLE_Google", "", false},
		{"Team_Alpha_Leads", "", false},
		{autoGroup, examplePool, true},
		{autoGroup, "us-east-1_OTHER", false},
		{examplePool + "_", examplePool, false},
		{"us-east-1_EXAMPLEX_Google", examplePool, false},
	}
	for _, tt := range tests {
		t.Run(tt.group+"@"+tt.pool, func(t *testing.T) {
			t.Parallel()
			if got := isFederatedGroup(tt.group, tt.pool); got != tt.want {
				t.Fatalf("isFederatedGroup(%q, %q) = %v; want %v",
					tt.group, tt.pool, got, tt.want)
			}
		})
	}
}
