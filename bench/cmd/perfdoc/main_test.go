package main

import (
	"strings"
	"testing"

	"github.com/cognitotenant/cognitotenant-go/bench"
)

const sampleCSV = `.name: Verify
,raw.txt,
,sec/op,CI
id floor,0.00005,±1%
id cognitotenant-cold,0.000055,2%
id cognitotenant-warm,0.000001,±3%
id jwx,0.0001,±1%
geomean,0.00002,

,raw.txt,
,B/op,CI
id floor,1376,±0%
id cognitotenant-cold,4104,±0%
id cognitotenant-warm,0,±0%
id jwx,26690,±0%

,raw.txt,
,allocs/op,CI
id floor,9,±0%
id cognitotenant-cold,22,±0%
id cognitotenant-warm,0,±0%
id jwx,358,±0%

.name: Ratio
,raw.txt,
,x-floor,CI
id cognitotenant-cold,1.2,±1%
id cognitotenant-warm,0.02,±1%
id jwx,2.1,±1%
`

func TestParseBenchstat(t *testing.T) {
	res, err := parseBenchstat(strings.NewReader(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		bench, row, unit string
		want             float64
	}{
		{"Verify", "id floor", "sec/op", 0.00005},
		{"Verify", "id jwx", "allocs/op", 358},
		{"Verify", "id cognitotenant-cold", "B/op", 4104},
		{"Ratio", "id jwx", "x-floor", 2.1},
	}
	for _, tt := range tests {
		t.Run(tt.bench+"/"+tt.row+"/"+tt.unit+"_is_read", func(t *testing.T) {
			got, ok := res.get(tt.bench, tt.row, tt.unit)
			if !ok || got.median != tt.want {
				t.Fatalf("got %v, %v; want %v", got.median, ok, tt.want)
			}
		})
	}
	t.Run("geomean_row_is_not_a_result", func(t *testing.T) {
		if _, ok := res.get("Verify", "geomean", "sec/op"); ok {
			t.Fatal("geomean read as a row")
		}
	})
}

func TestParseBenchstatRefusesInputWithoutVerify(t *testing.T) {
	if _, err := parseBenchstat(strings.NewReader(".name: Ratio\n")); err == nil {
		t.Fatal("accepted input without BenchmarkVerify")
	}
}

func TestRenderBenchJudgesTargets(t *testing.T) {
	res, err := parseBenchstat(strings.NewReader(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	peers := map[bench.Kind][]bench.Peer{bench.KindID: {
		{Name: ourCold}, {Name: ourWarm, Warm: true},
		{Name: "jwx", Cannot: map[bench.Check]string{bench.CheckTenant: "why"}},
	}}
	out := renderBench(res, peers, nil)
	for _, want := range []string{
		"| cold verify ≤ 1.15 × floor | id | 1.200 | **no** |",
		"| cold verify fastest of the peers | id | 1.200 vs jwx 2.100 | yes |",
		"| warm verify ≥ 20 × faster than any peer | id | 105 × (0.020 vs jwx 2.10, " +
			"in floors) | yes |",
		"| cognitotenant-cold | 55.0 µs ±2% | 4104 | 22 | 1.10 | 1.20 |  |",
		"| jwx | 100 µs ±1% | 26690 | 358 | 2.00 | 2.10 | tenant claim: why |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSplice(t *testing.T) {
	doc := []byte("head\n<!-- load:begin -->\nold\n<!-- load:end -->\ntail\n")
	tests := []struct {
		name, section, body, want string
		fails                     bool
	}{
		{"body_replaces_the_section", "load", "\nnew\n",
			"head\n<!-- load:begin -->\nnew\n<!-- load:end -->\ntail\n", false},
		{"missing_newline_is_added", "load", "\nnew",
			"head\n<!-- load:begin -->\nnew\n<!-- load:end -->\ntail\n", false},
		{"unknown_section_is_an_error", "bench", "x", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splice(doc, tt.section, tt.body)
			if tt.fails {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
