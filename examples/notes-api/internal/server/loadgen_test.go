//go:build loadtest

package server_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// histogram counts latencies in buckets 2 % wide, so a run of any length
// keeps the same memory and quantiles are within 2 %.
type histogram struct {
	counts [histBuckets]uint64
	total  uint64
}

const (
	histBase    = 1.02
	histBuckets = 1200 // 1.02^1200 µs is far beyond any timeout
)

func (h *histogram) add(d time.Duration) {
	us := float64(d) / float64(time.Microsecond)
	i := 0
	if us > 1 {
		i = min(int(math.Log(us)/math.Log(histBase)), histBuckets-1)
	}
	h.counts[i]++
	h.total++
}

func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
}

// quantile returns the middle of the bucket holding quantile q.
func (h *histogram) quantile(q float64) time.Duration {
	if h.total == 0 {
		return 0
	}
	want := uint64(math.Ceil(q * float64(h.total)))
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= want {
			us := math.Pow(histBase, float64(i)+0.5)
			return time.Duration(us * float64(time.Microsecond))
		}
	}
	return 0
}

// phase is what one stretch of load against one server measured.
type phase struct {
	requests uint64
	failures uint64
	elapsed  time.Duration
	latency  histogram
}

func (p *phase) add(o *phase) {
	p.requests += o.requests
	p.failures += o.failures
	p.elapsed += o.elapsed
	p.latency.merge(&o.latency)
}

func (p *phase) throughput() float64 { return float64(p.requests) / p.elapsed.Seconds() }

// loadGen sends GET requests from a fixed number of workers, each as
// soon as its previous one is answered: a closed loop, so the load stays
// constant and bounded by the worker count.
type loadGen struct {
	client  *http.Client
	workers int
	path    string
	tokens  []string
	// firstFailure keeps the status of the first refused request.
	firstFailure atomic.Value
}

func newLoadGen(workers int, path string, tokens []string) *loadGen {
	tr := &http.Transport{MaxIdleConns: workers, MaxIdleConnsPerHost: workers,
		IdleConnTimeout: time.Minute}
	return &loadGen{client: &http.Client{Transport: tr, Timeout: 10 * time.Second},
		workers: workers, path: path, tokens: tokens}
}

// run loads base for d and returns what it measured. Worker w presents
// tokens w, w+workers, ... in turn, so every user is seen.
func (g *loadGen) run(ctx context.Context, base string, d time.Duration) *phase {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	results := make([]phase, g.workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range g.workers {
		wg.Go(func() { g.work(ctx, base, w, &results[w]) })
	}
	wg.Wait()
	total := &phase{}
	for i := range results {
		total.add(&results[i])
	}
	total.elapsed = time.Since(start)
	return total
}

func (g *loadGen) work(ctx context.Context, base string, w int, p *phase) {
	url := base + g.path
	for i := w; ctx.Err() == nil; i += g.workers {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url,
			nil)
		if err != nil {
			panic(err) // a constant URL that does not parse is a bug here
		}
		req.Header.Set("Authorization", "Bearer "+g.tokens[i%len(g.tokens)])
		t0 := time.Now()
		res, err := g.client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		p.latency.add(time.Since(t0))
		p.requests++
		switch {
		case err != nil:
			p.failures++
			g.firstFailure.CompareAndSwap(nil, err.Error())
		case res.StatusCode != http.StatusOK:
			p.failures++
			g.firstFailure.CompareAndSwap(nil, fmt.Sprintf("status %d", res.StatusCode))
		}
	}
}
