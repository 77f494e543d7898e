package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	sqlStart      = regexp.MustCompile(`^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s`)
	tablesTouched = regexp.MustCompile(`(?i)\b(?:FROM|INTO|UPDATE|JOIN)\s+([a-z_]+)`)
	insertColumns = regexp.MustCompile(`(?is)^\s*INSERT\s+INTO\s+[a-z_]+\s*\(([^)]*)\)`)
	wherePred     = regexp.MustCompile(`(?is)\bWHERE\b.*\btenant_id = (\?|\$\d+)`)
)

// tenantSQLProblem says what is wrong with query, or "" when every tenant
// table it touches is bound to a tenant: an INSERT names tenant_id among its
// columns, any other statement filters on tenant_id in its WHERE clause.
func tenantSQLProblem(query string) string {
	touched := false
	for _, m := range tablesTouched.FindAllStringSubmatch(query, -1) {
		touched = touched || slices.Contains(tenantTables, strings.ToLower(m[1]))
	}
	if !touched {
		return ""
	}
	if cols := insertColumns.FindStringSubmatch(query); cols != nil {
		if !regexp.MustCompile(`\btenant_id\b`).MatchString(cols[1]) {
			return "insert into a tenant table without tenant_id"
		}
		return ""
	}
	if !wherePred.MatchString(query) {
		return "statement on a tenant table without a tenant_id predicate"
	}
	return ""
}

// packageSQL parses the package's non-test Go files and returns every SQL
// string, recognised by its leading upper-case keyword: constants by name,
// and SQL literals outside constant declarations, which the lint cannot
// vouch for and reports as problems of their own.
func packageSQL(t *testing.T) (consts map[string]string, loose []string) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts = map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		inConst := map[*ast.BasicLit]bool{}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					inConst[lit] = true
					if s, _ := strconv.Unquote(lit.Value); sqlStart.MatchString(s) {
						consts[vs.Names[i].Name] = s
					}
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if ok && lit.Kind == token.STRING && !inConst[lit] {
				if s, _ := strconv.Unquote(lit.Value); sqlStart.MatchString(s) {
					loose = append(loose, fset.Position(lit.Pos()).String())
				}
			}
			return true
		})
	}
	return consts, loose
}

func TestSQLTenantPredicates(t *testing.T) {
	t.Parallel()
	consts, loose := packageSQL(t)
	if len(consts) < 10 {
		t.Fatalf("found only %d SQL constants; the parser is not seeing the store", len(consts))
	}
	for _, pos := range loose {
		t.Errorf("%s: SQL literal outside a const block escapes this lint", pos)
	}
	for name, q := range consts {
		if p := tenantSQLProblem(q); p != "" {
			t.Errorf("%s: %s", name, p)
		}
	}
}

// TestTenantSQLProblem is the lint's own positive and negative twins.
func TestTenantSQLProblem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, query string
		bad         bool
	}{
		{"select_without_predicate_is_flagged", "SELECT id FROM notes ORDER BY id", true},
		{"select_with_predicate_passes", "SELECT id FROM notes WHERE tenant_id = ?", false},
		{"predicate_outside_where_is_flagged",
			"SELECT tenant_id = ? FROM notes WHERE id = ?", true},
		{"update_without_predicate_is_flagged", "UPDATE notes SET content = ? WHERE id = ?", true},
		{"delete_with_numbered_predicate_passes",
			"DELETE FROM note_tags WHERE tenant_id = $1 AND note_id = $2", false},
		{"insert_without_tenant_column_is_flagged",
			"INSERT INTO audit_log (id, action) VALUES (?, ?)", true},
		{"insert_with_tenant_column_passes",
			"INSERT INTO audit_log (tenant_id, id) VALUES (?, ?)", false},
		{"registry_is_not_a_tenant_table", "SELECT name FROM tenants WHERE id = ?", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tenantSQLProblem(tc.query) != ""; got != tc.bad {
				t.Errorf("flagged = %v, want %v", got, tc.bad)
			}
		})
	}
}

// TestTenantTablesMatchMigrations keeps tenantTables, which the lint and the
// PostgreSQL self-check rely on, equal to the tables the migrations create
// with a tenant_id column.
func TestTenantTablesMatchMigrations(t *testing.T) {
	t.Parallel()
	create := regexp.MustCompile(`(?s)CREATE TABLE ([a-z_]+) \((.*?)\n\)[^;]*;`)
	for _, dir := range []string{"migrations/sqlite", "migrations/postgres"} {
		var found []string
		err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(filepath.Join(dir, p))
			for _, m := range create.FindAllStringSubmatch(string(b), -1) {
				if regexp.MustCompile(`\btenant_id\b`).MatchString(m[2]) {
					found = append(found, m[1])
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(slices.Sorted(slices.Values(found)),
			slices.Sorted(slices.Values(tenantTables))) {
			t.Errorf("%s: tables with tenant_id %v, tenantTables %v", dir, found, tenantTables)
		}
	}
}

// TestNoConnectionScopedTenantSetting fails if any source file sets the
// tenant in a way that outlives the transaction: set_config with false, or
// SET / SET LOCAL, which also cannot take bind parameters.
func TestNoConnectionScopedTenantSetting(t *testing.T) {
	t.Parallel()
	setConfig := regexp.MustCompile(`set_config\(\s*'app\.tenant_id'\s*,([^)]*)\)`)
	plainSet := regexp.MustCompile(`(?i)\bSET\s+(LOCAL\s+|SESSION\s+)?app\.tenant_id\b`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range setConfig.FindAllStringSubmatch(string(b), -1) {
			calls++
			if strings.ReplaceAll(m[1], " ", "") != "$1,true" {
				t.Errorf("%s: %s is not transaction-local with a bound value", name, m[0])
			}
		}
		if loc := plainSet.FindIndex(b); loc != nil {
			t.Errorf("%s: %q sets the tenant with SET", name, b[loc[0]:loc[1]])
		}
	}
	if calls != 1 {
		t.Errorf("found %d set_config calls, want exactly the one in pgSetTenant", calls)
	}
}
