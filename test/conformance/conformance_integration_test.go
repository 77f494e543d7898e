//go:build integration

package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/cognitotenant/cognitotenant-go/cognitotenant"
	"github.com/cognitotenant/cognitotenant-go/internal/testenv"
)

// awsVerdict is one line of test/tools/conformance/verify.mjs's output.
type awsVerdict struct {
	Name    string `json:"name"`
	Verdict string `json:"verdict"`
	Error   string `json:"error"`
	Message string `json:"message"`
}

// TestConformanceWithAWSJWTVerify runs aws-jwt-verify and cognitotenant
// over the same corpus and compares their verdicts case by case. Each
// case must draw the verdicts it was built for, and the two verifiers
// may disagree only on the cases listed in IntendedDifferences.
func TestConformanceWithAWSJWTVerify(t *testing.T) {
	node, script := nodeTools(t)
	corpus, err := Generate(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	path, err := corpus.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}

	t.Logf("aws-jwt-verify %s", awsVersion(t, script))
	aws := runAWSJWTVerify(t, node, script, path)
	ours := runCognitoTenant(t, corpus)
	listed := map[string]string{}
	for _, d := range IntendedDifferences() {
		listed[d.Case] = d.Why
	}

	agreements, differences := 0, 0
	for _, c := range corpus.Cases {
		a, ok := aws[c.Name]
		if !ok {
			t.Errorf("%s: aws-jwt-verify gave no verdict", c.Name)
			continue
		}
		reason := ours[c.Name]
		awsAccepts, oursAccepts := a.Verdict == "accept", reason == ""
		if awsAccepts == oursAccepts {
			agreements++
		} else {
			differences++
		}
		t.Logf("%-40s aws %-8s %-34s ours %s", c.Name, a.Verdict, a.Error,
			verdictOf(reason))
		checkCase(t, c, a, reason, listed)
	}
	t.Logf("cases %d, agreements %d, intended differences %d",
		len(corpus.Cases), agreements, differences)
}

// checkCase fails the test when a verdict is not the one the case was
// built for, or when the two verifiers disagree other than as listed.
func checkCase(t *testing.T, c Case, a awsVerdict, reason cognitotenant.Reason,
	listed map[string]string) {
	t.Helper()
	if a.Error != c.AWSError || (a.Verdict == "accept") != c.AWSAccepts() {
		t.Errorf("%s (%s): aws-jwt-verify %s %s %q; the case expects %q",
			c.Name, c.About, a.Verdict, a.Error, a.Message, c.AWSError)
	}
	if string(reason) != c.Reason {
		t.Errorf("%s (%s): cognitotenant %s; the case expects %q",
			c.Name, c.About, verdictOf(reason), c.Reason)
	}
	differ := (a.Verdict == "accept") != (reason == "")
	why, isListed := listed[c.Name]
	switch {
	case differ && !isListed:
		t.Errorf("%s: aws-jwt-verify %s, cognitotenant %s, and this difference "+
			"is not listed in IntendedDifferences", c.Name, a.Verdict, verdictOf(reason))
	case !differ && isListed:
		t.Errorf("%s: listed as an intended difference (%s) but both verifiers %s",
			c.Name, why, a.Verdict)
	}
}

func verdictOf(r cognitotenant.Reason) string {
	if r == "" {
		return "accept"
	}
	return "reject " + string(r)
}

// nodeTools finds node and the verify script next to an installed
// aws-jwt-verify: under TEST_TOOLS_DIR, or in this repository's
// test/tools when that is unset.
func nodeTools(t *testing.T) (node, script string) {
	t.Helper()
	dir := os.Getenv("TEST_TOOLS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "tools")
	}
	node, err := exec.LookPath("node")
	pkg := filepath.Join(dir, "node_modules", "aws-jwt-verify", "package.json")
	if _, statErr := os.Stat(pkg); err != nil || statErr != nil {
		testenv.Missing(t, "node tools in test/tools", "cd test/tools && npm ci")
	}
	script, err = filepath.Abs(filepath.Join(dir, "conformance", "verify.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	return node, script
}

// awsVersion reads the version of the aws-jwt-verify the script imports.
func awsVersion(t *testing.T, script string) string {
	t.Helper()
	tools := filepath.Dir(filepath.Dir(script))
	b, err := os.ReadFile(filepath.Join(tools, "node_modules", "aws-jwt-verify",
		"package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	return pkg.Version
}

func runAWSJWTVerify(t *testing.T, node, script, corpus string) map[string]awsVerdict {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, node, script, corpus)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", filepath.Base(script), err, stderr.String())
	}

	verdicts := map[string]awsVerdict{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var v awsVerdict
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("verdict line %q: %v", sc.Text(), err)
		}
		if v.Verdict != "accept" && v.Verdict != "reject" {
			t.Fatalf("%s: verdict %q is neither accept nor reject", v.Name, v.Verdict)
		}
		verdicts[v.Name] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return verdicts
}

// runCognitoTenant verifies every case with a Verifier per configuration,
// each fetching its pool's key set from a local server, as a service
// fetches Cognito's, and reading the real clock, as aws-jwt-verify does.
func runCognitoTenant(t *testing.T, corpus *Corpus) map[string]cognitotenant.Reason {
	t.Helper()
	mux := http.NewServeMux()
	for _, p := range corpus.Pools {
		mux.HandleFunc("GET /"+p.UserPoolID+"/jwks.json",
			func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(p.JWKS)
			})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	cold := newVerifiers(t, corpus, srv, 0)
	cached := newVerifiers(t, corpus, srv, cognitotenant.DefaultTokenCacheSize)
	reasons := map[string]cognitotenant.Reason{}
	for _, c := range corpus.Cases {
		_, err := cold[c.Config].Verify(t.Context(), c.Token)
		reasons[c.Name] = cognitotenant.ReasonOf(err)
		if err != nil && reasons[c.Name] == "" {
			t.Errorf("%s: error without a reason: %v", c.Name, err)
		}

		// The verified-token cache must not change a verdict: the second
		// call of a cached verifier answers from it.
		for range 2 {
			_, err := cached[c.Config].Verify(t.Context(), c.Token)
			if got := cognitotenant.ReasonOf(err); got != reasons[c.Name] {
				t.Errorf("%s: with the token cache %s, without %s", c.Name,
					verdictOf(got), verdictOf(reasons[c.Name]))
			}
		}
	}
	return reasons
}

// newVerifiers returns a Verifier for each configuration of the corpus.
func newVerifiers(t *testing.T, corpus *Corpus, srv *httptest.Server,
	cacheSize int) map[string]*cognitotenant.Verifier {
	t.Helper()
	verifiers := map[string]*cognitotenant.Verifier{}
	for name, cfg := range corpus.Configs {
		v, err := cognitotenant.New(cognitotenant.Config{
			Pools: []cognitotenant.Pool{{
				UserPoolID: cfg.UserPoolID,
				ClientIDs:  cfg.ClientIDs,
				TokenUse:   cognitotenant.TokenUse(cfg.TokenUse),
				JWKSURL:    srv.URL + "/" + cfg.UserPoolID + "/jwks.json",
			}},
			TenantOptional: !cfg.TenantRequired,
			TokenCacheSize: cacheSize,
			HTTPClient:     srv.Client(),
		})
		if err != nil {
			t.Fatalf("config %s: %v", name, err)
		}
		t.Cleanup(func() { _ = v.Close() })
		verifiers[name] = v
	}
	return verifiers
}
