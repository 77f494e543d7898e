package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/cognitotenant/cognitotenant-go/bench"
)

// Target figures the verifier is held to.
const (
	maxColdRatio   = 1.15
	minWarmSpeedup = 20.0
)

// ours names this library's peers; the others are compared against them.
const (
	ourCold    = "cognitotenant-cold"
	ourNoCache = "cognitotenant-nocache"
	ourWarm    = "cognitotenant-warm"
)

// renderBench writes the verification tables, one per kind of token, and
// the targets computed from them.
func renderBench(res results, peers map[bench.Kind][]bench.Peer,
	skipped []bench.Skipped) string {
	var b strings.Builder
	for _, k := range bench.Kinds {
		fmt.Fprintf(&b, "\n### %s tokens\n\n", titleKind(k))
		b.WriteString("| verifier | time/op | B/op | allocs/op | ÷ floor | " +
			"÷ floor, interleaved | checks it cannot make |\n")
		b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n")
		floor, _ := res.get("Verify", row(k, "floor"), "sec/op")
		writeRow(&b, res, k, "floor (crypto/rsa)", "floor", floor, "")
		for _, p := range peers[k] {
			writeRow(&b, res, k, p.Name, p.Name, floor, cannot(p))
		}
		for _, s := range skipped {
			if s.Kind == k {
				fmt.Fprintf(&b, "| %s | – | – | – | – | – | cannot verify them: %s |\n",
					s.Name, s.Why)
			}
		}
	}
	b.WriteString("\n### Targets\n\n")
	b.WriteString("| target | kind | measured | met |\n| --- | --- | --- | --- |\n")
	for _, k := range bench.Kinds {
		writeTargets(&b, res, k, peers[k])
	}
	return b.String()
}

func writeRow(b *strings.Builder, res results, k bench.Kind, label, name string,
	floor stat, limits string) {
	t, ok := res.get("Verify", row(k, name), "sec/op")
	if !ok {
		fmt.Fprintf(b, "| %s | not measured | | | | | %s |\n", label, limits)
		return
	}
	bytes, _ := res.get("Verify", row(k, name), "B/op")
	allocs, _ := res.get("Verify", row(k, name), "allocs/op")
	inter := "1"
	if name != "floor" {
		inter = "–"
		if x, ok := res.get("Ratio", row(k, name), "x-floor"); ok {
			inter = ratio(x.median)
		}
	}
	fmt.Fprintf(b, "| %s | %s %s | %.0f | %.0f | %s | %s | %s |\n", label,
		duration(t.median), ciText(t.ci), bytes.median, allocs.median,
		ratio(t.median/floor.median), inter, limits)
}

// writeTargets states each target for kind k with the figure that
// decides it. All come from the interleaved benchmark, which holds on a
// busy machine: the warm speed-up divides the fastest other peer's ratio
// to the floor by the warm verify's.
func writeTargets(b *strings.Builder, res results, k bench.Kind, peers []bench.Peer) {
	cold, okCold := res.get("Ratio", row(k, ourCold), "x-floor")
	if okCold {
		fmt.Fprintf(b, "| cold verify ≤ %.2f × floor | %s | %.3f | %s |\n",
			maxColdRatio, k, cold.median, yesNo(cold.median <= maxColdRatio))
	}
	fastest, fastestName := math.Inf(1), ""
	for _, p := range peers {
		if strings.HasPrefix(p.Name, "cognitotenant") {
			continue
		}
		if x, ok := res.get("Ratio", row(k, p.Name), "x-floor"); ok &&
			x.median < fastest {
			fastest, fastestName = x.median, p.Name
		}
	}
	if okCold && fastestName != "" {
		fmt.Fprintf(b, "| cold verify fastest of the peers | %s | %.3f vs %s %.3f | %s |\n",
			k, cold.median, fastestName, fastest,
			yesNo(cold.median < fastest))
	}
	warm, okWarm := res.get("Ratio", row(k, ourWarm), "x-floor")
	if okWarm && fastestName != "" {
		speedup := fastest / warm.median
		fmt.Fprintf(b, "| warm verify ≥ %.0f × faster than any peer | %s | "+
			"%.0f × (%s vs %s %s, in floors) | %s |\n", minWarmSpeedup, k, speedup,
			ratio(warm.median), fastestName, ratio(fastest),
			yesNo(speedup >= minWarmSpeedup))
	}
}

func cannot(p bench.Peer) string {
	var out []string
	for _, c := range bench.Checks {
		if why, ok := p.Cannot[c]; ok {
			out = append(out, string(c)+": "+why)
		}
	}
	return strings.Join(out, "; ")
}

// ciText shows benchstat's confidence interval as it prints it in text.
func ciText(ci string) string {
	if ci == "" || ci == "∞" || strings.HasPrefix(ci, "±") {
		return ci
	}
	return "±" + ci
}

func row(k bench.Kind, name string) string { return string(k) + " " + name }

func titleKind(k bench.Kind) string {
	if k == bench.KindID {
		return "ID"
	}
	return "Access"
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func ratio(x float64) string {
	if x < 0.1 {
		return fmt.Sprintf("%.3f", x)
	}
	return fmt.Sprintf("%.2f", x)
}

// duration prints seconds as ns or µs with about three significant digits.
func duration(sec float64) string {
	us := sec * 1e6
	switch {
	case us < 1:
		return fmt.Sprintf("%.0f ns", us*1000)
	case us < 10:
		return fmt.Sprintf("%.2f µs", us)
	case us < 100:
		return fmt.Sprintf("%.1f µs", us)
	}
	return fmt.Sprintf("%.0f µs", us)
}
