//go:build loadtest

package server_test

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// loadReport renders the load test's figures as Markdown tables.
func loadReport(workers int, phaseLen time.Duration, rounds int, noAuth, withAuth *phase,
	perRound []float64, mem []memSample) string {
	var b strings.Builder
	fmt.Fprintf(&b, "GET %s, %d users in %d tenants (ID tokens, %d notes a tenant, "+
		"SQLite), %d concurrent clients on loopback, %d rounds of %s a server, "+
		"taking turns in alternating order.\n\n", loadPath, loadTenants*loadUsersPerTenant, loadTenants,
		loadNotesPerTenant, workers, rounds, phaseLen)
	b.WriteString("| route | requests | throughput | p50 | p99 |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: |\n")
	for _, r := range []struct {
		name string
		p    *phase
	}{{"authentication off (test build)", noAuth}, {"authenticated", withAuth}} {
		fmt.Fprintf(&b, "| %s | %d | %.0f req/s | %s | %s |\n", r.name, r.p.requests,
			r.p.throughput(), ms(r.p.latency.quantile(0.50)),
			ms(r.p.latency.quantile(0.99)))
	}
	// The median of the rounds decides: a burst of other work on the
	// machine skews one round, and the sum of all rounds with it.
	ratio := withAuth.throughput() / noAuth.throughput()
	var rs []string
	for _, r := range perRound {
		rs = append(rs, fmt.Sprintf("%.2f", r))
	}
	sorted := slices.Sorted(slices.Values(perRound))
	median := sorted[len(sorted)/2]
	fmt.Fprintf(&b, "\nAuthenticated throughput is **%.2f** of unauthenticated, the "+
		"median of the rounds' ratios (over all rounds together %.2f; each round: %s); "+
		"target ≥ 0.90: %s.\n", median, ratio, strings.Join(rs, ", "),
		met(median >= 0.90))

	if len(mem) < 2 {
		return b.String()
	}
	first, last := mem[0], mem[len(mem)-1]
	fmt.Fprintf(&b, "\nMemory over %s of constant load on the authenticated server "+
		"(one process holds server and clients; heap in use after a collection):\n\n",
		last.at.Round(time.Second))
	b.WriteString("| time | RSS | heap in use | goroutines |\n| ---: | ---: | ---: | ---: |\n")
	for _, s := range mem {
		fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", s.at.Round(time.Second),
			mib(uint64(s.rss)), mib(s.heap), s.routines)
	}
	grew := float64(last.heap) > 1.1*float64(first.heap) ||
		float64(last.rss) > 1.1*float64(first.rss)
	fmt.Fprintf(&b, "\nRSS %s at start, %s at end; heap %s at start, %s at end. "+
		"Target, no growth (under 10 %%): %s.\n", mib(uint64(first.rss)),
		mib(uint64(last.rss)), mib(first.heap), mib(last.heap), met(!grew))
	return b.String()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", d.Seconds()*1000) }

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}
