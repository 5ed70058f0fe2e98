package tsp

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func BenchmarkExact(b *testing.B) {
	for _, n := range []int{10, 12, 13, 14, 15, 16, 17, 18} {
		in := euclidean(n, 1)
		opt := Options{ExactLimit: n - 1} // n-1 nodes to order
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(context.Background(), in, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolve runs the heuristic for 100 ms per solve and reports the
// cost relative to a 2-second reference run as "gap-%".
func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{100, 500, 1000} {
		for _, asym := range []bool{false, true} {
			in := euclidean(n, 2)
			if asym {
				in = asymmetric(n, 2)
			}
			b.Run(fmt.Sprintf("n=%d/asym=%v", n, asym), func(b *testing.B) {
				b.ReportAllocs()
				var cost int64
				for b.Loop() {
					ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
					res, err := Solve(ctx, in, Options{})
					cancel()
					if err != nil {
						b.Fatal(err)
					}
					cost = res.Cost
				}
				b.ReportMetric(float64(cost), "cost")
			})
		}
	}
}

// BenchmarkCancelLatency measures how long Solve takes to return after its
// context is cancelled mid-search on a 1000-node instance.
func BenchmarkCancelLatency(b *testing.B) {
	for _, asym := range []bool{false, true} {
		in := euclidean(1000, 3)
		if asym {
			in = asymmetric(1000, 3)
		}
		b.Run(fmt.Sprintf("n=1000/asym=%v", asym), func(b *testing.B) {
			b.ReportAllocs()
			var worst time.Duration
			for b.Loop() {
				ctx, cancel := context.WithCancel(context.Background())
				var at time.Time
				go func() {
					time.Sleep(30 * time.Millisecond)
					at = time.Now()
					cancel()
				}()
				if _, err := Solve(ctx, in, Options{MaxStall: -1}); err != nil {
					b.Fatal(err)
				}
				worst = max(worst, time.Since(at))
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
		})
	}
}
