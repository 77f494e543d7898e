package rbac

import (
	"os"
	"strings"
	"testing"
)

// TestDocs_default_matrix keeps the table in docs/rbac.md equal to the
// default policy, so the documentation cannot drift from the code.
func TestDocs_default_matrix(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../docs/rbac.md")
	if err != nil {
		t.Fatalf("reading the rbac documentation: %v", err)
	}
	doc := string(raw)
	_, after, ok := strings.Cut(doc, "<!-- matrix:default -->\n")
	table, _, closed := strings.Cut(after, "<!-- /matrix -->")
	if !ok || !closed {
		t.Fatal("docs/rbac.md lacks the matrix:default markers")
	}
	if want := Default().Matrix().Markdown(); table != want {
		t.Fatalf("docs/rbac.md shows\n%s\nbut the default policy is\n%s", table, want)
	}
}
