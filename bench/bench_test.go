package bench

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkVerify measures each peer on each kind of token, next to the
// floor, in one run:
//
//	go test -run '^$' -bench . -benchmem -count 6 .
//
// run.sh runs it and turns the result into docs/performance.md.
func BenchmarkVerify(b *testing.B) {
	f := sharedFixture(b)
	for _, k := range Kinds {
		fl := newFloor(b, f, k)
		peers, _ := peersFor(b, f, k)
		prefix := "token=" + string(k) + "/peer="
		b.Run(prefix+"floor", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := fl.Verify(i); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		for _, p := range peers {
			b.Run(prefix+p.Name, func(b *testing.B) {
				ctx, tokens := context.Background(), f.Tokens(k)
				verifyOnce(b, p, tokens[0])
				b.ReportAllocs()
				i := 1
				for b.Loop() {
					if err := p.Verify(ctx, pick(p, tokens, i)); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}

// BenchmarkRatio alternates the floor and a peer in one loop and reports
// the ratio of their median times as x-floor. Both see the same machine
// at the same moment, so the ratio holds on a machine busy with other
// work, where separate benchmarks drift apart and means are dragged by
// preemption.
func BenchmarkRatio(b *testing.B) {
	f := sharedFixture(b)
	for _, k := range Kinds {
		fl := newFloor(b, f, k)
		peers, _ := peersFor(b, f, k)
		for _, p := range peers {
			b.Run("token="+string(k)+"/peer="+p.Name, func(b *testing.B) {
				ctx, tokens := context.Background(), f.Tokens(k)
				verifyOnce(b, p, tokens[0])
				var floors, peer []time.Duration
				i := 1
				for b.Loop() {
					t0 := time.Now()
					if err := fl.Verify(i); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					if err := p.Verify(ctx, pick(p, tokens, i)); err != nil {
						b.Fatal(err)
					}
					floors, peer = append(floors, t1.Sub(t0)), append(peer, time.Since(t1))
					i++
				}
				mf, mp := median(floors), median(peer)
				b.ReportMetric(float64(mp)/float64(mf), "x-floor")
				b.ReportMetric(float64(mf.Nanoseconds()), "floor-median-ns")
				b.ReportMetric(float64(mp.Nanoseconds()), "peer-median-ns")
			})
		}
	}
}

func newFloor(b *testing.B, f *Fixture, k Kind) *Floor {
	b.Helper()
	fl, err := NewFloor(f, k)
	if err != nil {
		b.Fatal(err)
	}
	return fl
}

// verifyOnce primes what a peer fetches or caches on first use, so the
// loop measures steady state.
func verifyOnce(b *testing.B, p Peer, token string) {
	b.Helper()
	if err := p.Verify(context.Background(), token); err != nil {
		b.Fatal(err)
	}
}

// pick returns the token a peer verifies on iteration i: always the
// first for a warm peer, else a different one each time.
func pick(p Peer, tokens []string, i int) string {
	if p.Warm {
		return tokens[0]
	}
	return tokens[i%len(tokens)]
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}
