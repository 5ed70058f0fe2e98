package tsp

import (
	"math"
	"math/rand/v2"
)

// euclidean returns a symmetric instance of n random points in a square,
// costs rounded Euclidean distances.
func euclidean(n int, seed uint64) Instance {
	r := rand.New(rand.NewPCG(seed, 1))
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i], ys[i] = r.Float64()*1000, r.Float64()*1000
	}
	c := make([]int64, n*n)
	for i := range n {
		for j := range n {
			c[i*n+j] = int64(math.Round(math.Hypot(xs[i]-xs[j], ys[i]-ys[j])))
		}
	}
	return Instance{N: n, Cost: c}
}

// asymmetric returns an instance whose costs are Euclidean distances plus a
// random per-direction surcharge (like one-way streets), so that reversing
// a segment changes its cost.
func asymmetric(n int, seed uint64) Instance {
	in := euclidean(n, seed)
	r := rand.New(rand.NewPCG(seed, 2))
	for i := range n {
		for j := range n {
			if i != j {
				in.Cost[i*n+j] += int64(r.IntN(300))
			}
		}
	}
	return in
}
