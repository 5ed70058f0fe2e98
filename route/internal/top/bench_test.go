package top

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkSolve measures a fixed number of perturbations on clustered
// instances with windows, a lunch closure and a break per route.
func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{50, 100, 200} {
		in := randomClustered(rand.New(rand.NewPCG(uint64(n), 1)), n, 2)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(context.Background(), in, Options{Seed: 1, MaxIterations: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolveOrienteering measures plain orienteering (no windows, one
// route with a length budget): the overfill and re-sequencing path.
func BenchmarkSolveOrienteering(b *testing.B) {
	for _, n := range []int{100, 300} {
		in := randomClustered(rand.New(rand.NewPCG(uint64(n), 2)), n, 1)
		in.Windows, in.Service = nil, nil
		in.Routes[0].Break = nil
		in.Routes[0].Close = 2000
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(context.Background(), in, Options{Seed: 1, MaxIterations: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolveWindowsOneRoute measures a fixed number of perturbations
// of one route without a break whose customers have windows, as in
// Solomon's and Cordeau's one-route sets: the insertion and Or-opt checks
// against the windows.
func BenchmarkSolveWindowsOneRoute(b *testing.B) {
	for _, n := range []int{100, 240} {
		in := randomClustered(rand.New(rand.NewPCG(uint64(n), 3)), n, 1)
		in.Routes[0].Break = nil
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(context.Background(), in, Options{Seed: 1, MaxIterations: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
