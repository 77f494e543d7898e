package conformance

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// compactJSON compares raw JSON by content, not by indentation.
var compactJSON = cmp.Transformer("compact", func(m json.RawMessage) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, m); err != nil {
		return "invalid JSON: " + err.Error()
	}
	return buf.String()
})

// sharedCorpus is generated once for the unit tests: minting it costs
// four RSA key generations.
var sharedCorpus = sync.OnceValues(func() (*Corpus, error) { return Generate(time.Now()) })

func TestGenerate(t *testing.T) {
	t.Parallel()
	c, err := sharedCorpus()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("holds_at_least_sixty_uniquely_named_cases", func(t *testing.T) {
		if len(c.Cases) < minCases {
			t.Errorf("corpus has %d cases, want at least %d", len(c.Cases), minCases)
		}
		seen := map[string]bool{}
		for _, k := range c.Cases {
			if seen[k.Name] {
				t.Errorf("case %s appears twice", k.Name)
			}
			seen[k.Name] = true
		}
	})

	t.Run("every_case_names_a_config_of_a_known_pool", func(t *testing.T) {
		for _, k := range c.Cases {
			cfg, ok := c.Configs[k.Config]
			if !ok {
				t.Errorf("case %s names unknown config %q", k.Name, k.Config)
				continue
			}
			if _, ok := c.Pool(cfg.UserPoolID); !ok {
				t.Errorf("config %s names unknown pool %q", k.Config, cfg.UserPoolID)
			}
		}
	})

	t.Run("each_config_has_accepted_and_refused_cases", func(t *testing.T) {
		accepted, refused := map[string]int{}, map[string]int{}
		for _, k := range c.Cases {
			if k.AWSAccepts() && k.Reason == "" {
				accepted[k.Config]++
			} else {
				refused[k.Config]++
			}
		}
		for name := range c.Configs {
			if accepted[name] == 0 || refused[name] == 0 {
				t.Errorf("config %s: %d accepted, %d refused; want both",
					name, accepted[name], refused[name])
			}
		}
	})

	t.Run("written_corpus_reads_back_unchanged", func(t *testing.T) {
		path, err := c.Write(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(path) != FileName {
			t.Errorf("written to %s, want a file named %s", path, FileName)
		}
		back, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(c, back, compactJSON); d != "" {
			t.Errorf("corpus changed in a round trip (-written +read):\n%s", d)
		}
	})
}

func TestIntendedDifferences(t *testing.T) {
	t.Parallel()
	c, err := sharedCorpus()
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, d := range IntendedDifferences() {
		if listed[d.Case] {
			t.Errorf("%s listed twice", d.Case)
		}
		listed[d.Case] = true
		if d.Why == "" {
			t.Errorf("%s listed without a reason", d.Case)
		}
	}

	t.Run("every_listed_case_is_in_the_corpus", func(t *testing.T) {
		names := map[string]bool{}
		for _, k := range c.Cases {
			names[k.Name] = true
		}
		for name := range listed {
			if !names[name] {
				t.Errorf("difference %s names no corpus case", name)
			}
		}
	})

	t.Run("listed_exactly_when_the_expected_verdicts_differ", func(t *testing.T) {
		for _, k := range c.Cases {
			differ := k.AWSAccepts() != (k.Reason == "")
			switch {
			case differ && !listed[k.Name]:
				t.Errorf("%s: verdicts are expected to differ but it is not listed", k.Name)
			case !differ && listed[k.Name]:
				t.Errorf("%s: listed as a difference but both verdicts agree", k.Name)
			}
		}
	})
}

func TestDocsNameEveryDifference(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "conformance.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range IntendedDifferences() {
		if !bytes.Contains(doc, []byte("`"+d.Case+"`")) {
			t.Errorf("docs/conformance.md does not name %s", d.Case)
		}
	}
}
