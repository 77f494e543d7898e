package provision_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/provision"
)

// mustProvision runs Provision and fails the test on error.
func mustProvision(t *testing.T, api provision.API, cfg provision.Config) *provision.Result {
	t.Helper()
	res, err := provision.Provision(context.Background(), api, cfg)
	if err != nil {
		t.Fatalf("Provision: %v", err)
	}
	if res.UserPoolID == "" || res.ClientID == "" {
		t.Fatalf("Provision returned pool %q client %q", res.UserPoolID, res.ClientID)
	}
	return res
}

// assertFindings audits the pool and compares kinds and subjects with want;
// details are prose for people and left out.
func assertFindings(t *testing.T, api provision.API, cfg provision.Config,
	want ...provision.Finding) {
	t.Helper()
	got, err := provision.Audit(context.Background(), api, cfg)
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	key := func(fs []provision.Finding) []string {
		out := make([]string, 0, len(fs))
		for _, f := range fs {
			out = append(out, string(f.Kind)+" "+f.Subject)
		}
		slices.Sort(out)
		return out
	}
	if diff := cmp.Diff(key(want), key(got)); diff != "" {
		t.Errorf("Audit findings (-want +got):\n%s", diff)
	}
	for _, f := range got {
		if f.Detail == "" {
			t.Errorf("finding %s has no detail", f.Kind)
		}
	}
}
