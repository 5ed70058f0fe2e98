package tsp

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kinds of route the tests cover, as (name, End for a given N).
var routeKinds = []struct {
	name string
	end  func(n int) int
}{
	{"closed", func(int) int { return 0 }},
	{"open", func(int) int { return -1 }},
	{"fixed", func(n int) int { return n - 1 }},
}

// bruteForce returns the optimal cost by enumerating all orders.
func bruteForce(in Instance) int64 {
	var free []int
	fixedEnd := in.End >= 0 && in.End != in.Start
	for v := range in.N {
		if v != in.Start && !(fixedEnd && v == in.End) {
			free = append(free, v)
		}
	}
	best := int64(math.MaxInt64)
	var rec func(k int)
	order := make([]int, 0, in.N)
	rec = func(k int) {
		if k == len(free) {
			o := append([]int{in.Start}, free...)
			if fixedEnd {
				o = append(o, in.End)
			}
			best = min(best, PathCost(in, o))
			return
		}
		for i := k; i < len(free); i++ {
			free[k], free[i] = free[i], free[k]
			rec(k + 1)
			free[k], free[i] = free[i], free[k]
		}
	}
	_ = order
	rec(0)
	return best
}

// checkResult asserts the invariants every result must satisfy.
func checkResult(t *testing.T, in Instance, res Result) {
	t.Helper()
	require.Len(t, res.Order, in.N)
	seen := make([]bool, in.N)
	for _, v := range res.Order {
		require.True(t, v >= 0 && v < in.N, "node %d out of range", v)
		require.False(t, seen[v], "node %d repeated", v)
		seen[v] = true
	}
	assert.Equal(t, in.Start, res.Order[0], "Order[0] must be Start")
	if in.End >= 0 && in.End != in.Start {
		assert.Equal(t, in.End, res.Order[in.N-1], "last node must be End")
	}
	assert.Equal(t, PathCost(in, res.Order), res.Cost, "reported cost must be the true cost")
}

func TestExactMatchesBruteForce(t *testing.T) {
	for _, kind := range routeKinds {
		for _, asym := range []bool{false, true} {
			for n := 1; n <= 8; n++ {
				for seed := range uint64(3) {
					in := euclidean(n, seed+uint64(n)*10)
					if asym {
						in = asymmetric(n, seed+uint64(n)*10)
					}
					in.Start = int(seed) % n
					in.End = kind.end(n)
					if in.End == 0 {
						in.End = in.Start
					}
					if in.End >= 0 && in.End != in.Start && n > 1 && in.End == in.Start {
						continue
					}
					name := fmt.Sprintf("%s/asym=%v/n=%d/seed=%d", kind.name, asym, n, seed)
					t.Run(name, func(t *testing.T) {
						if n == 1 && in.End > 0 {
							in.End = 0
						}
						res, err := Solve(context.Background(), in, Options{})
						require.NoError(t, err)
						checkResult(t, in, res)
						assert.True(t, res.Optimal)
						assert.Equal(t, bruteForce(in), res.Cost)
					})
				}
			}
		}
	}
}

// TestHeuristicFindsOptimum forces the local search on instances small
// enough for Held–Karp and checks it reaches the proven optimum.
func TestHeuristicFindsOptimum(t *testing.T) {
	for _, kind := range routeKinds {
		for _, asym := range []bool{false, true} {
			for _, n := range []int{10, 12} {
				for seed := range uint64(2) {
					in := euclidean(n, seed*7+uint64(n))
					if asym {
						in = asymmetric(n, seed*7+uint64(n))
					}
					in.Start = int(seed) % n
					in.End = kind.end(n)
					if in.End == 0 {
						in.End = in.Start
					}
					if in.End == in.Start && kind.name == "fixed" {
						in.End = (in.Start + 1) % n
					}
					t.Run(fmt.Sprintf("%s/asym=%v/n=%d/seed=%d", kind.name, asym, n, seed), func(t *testing.T) {
						exact, err := Solve(context.Background(), in, Options{})
						require.NoError(t, err)
						require.True(t, exact.Optimal)
						heur, err := Solve(context.Background(), in, Options{ExactLimit: -1, Seed: int64(seed), MaxStall: 500})
						require.NoError(t, err)
						checkResult(t, in, heur)
						assert.False(t, heur.Optimal)
						assert.False(t, heur.Canceled)
						assert.Equal(t, exact.Cost, heur.Cost, "heuristic missed the optimum")
					})
				}
			}
		}
	}
}

func TestHeuristicValidAndBetterThanConstruction(t *testing.T) {
	for _, kind := range routeKinds {
		for _, asym := range []bool{false, true} {
			for _, n := range []int{20, 60, 120} {
				in := euclidean(n, uint64(n))
				if asym {
					in = asymmetric(n, uint64(n))
				}
				in.Start = n / 3
				in.End = kind.end(n)
				if in.End == 0 {
					in.End = in.Start
				}
				t.Run(fmt.Sprintf("%s/asym=%v/n=%d", kind.name, asym, n), func(t *testing.T) {
					res, err := Solve(context.Background(), in, Options{Seed: 3, MaxStall: 50})
					require.NoError(t, err)
					checkResult(t, in, res)
					assert.Greater(t, res.Iterations, 1)
					start := constructionCost(t, in)
					assert.LessOrEqual(t, res.Cost, start)
				})
			}
		}
	}
}

// constructionCost is the cost of the greedy start tour as a route.
func constructionCost(t *testing.T, in Instance) int64 {
	g := newGraph(in)
	nb, cnt, k := candidates(g, 10, alphaCandidates)
	order := g.extract(in, newTour(greedy(g, nb, cnt, k)))
	return PathCost(in, order)
}

func TestDeterministic(t *testing.T) {
	for _, asym := range []bool{false, true} {
		in := euclidean(80, 5)
		if asym {
			in = asymmetric(80, 5)
		}
		in.End = -1
		opt := Options{Seed: 42, MaxStall: 100}
		a, err := Solve(context.Background(), in, opt)
		require.NoError(t, err)
		b, err := Solve(context.Background(), in, opt)
		require.NoError(t, err)
		assert.Equal(t, a, b)
	}
}

func TestCancel(t *testing.T) {
	for _, asym := range []bool{false, true} {
		in := euclidean(1000, 9)
		if asym {
			in = asymmetric(1000, 9)
		}
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			time.Sleep(50 * time.Millisecond)
			cancel()
		}()
		res, err := Solve(ctx, in, Options{MaxStall: -1})
		require.NoError(t, err)
		checkResult(t, in, res)
		assert.True(t, res.Canceled)
	}
	t.Run("already canceled", func(t *testing.T) {
		in := euclidean(300, 1)
		in.End = 7
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res, err := Solve(ctx, in, Options{})
		require.NoError(t, err)
		checkResult(t, in, res)
		assert.True(t, res.Canceled)
		// the construction and its first descent run whatever the deadline
		assert.Less(t, res.Cost, constructionCost(t, in))
	})
}

func TestBadInput(t *testing.T) {
	ok := euclidean(5, 1)
	neg := euclidean(5, 1)
	neg.Cost[7] = -1
	huge := euclidean(5, 1)
	for i := range huge.Cost {
		huge.Cost[i] = math.MaxInt64 / 4
	}
	tests := []struct {
		name string
		in   Instance
		opt  Options
		want string
	}{
		{"no nodes", Instance{}, Options{}, "N = 0"},
		{"negative N", Instance{N: -2}, Options{}, "N = -2"},
		{"short matrix", Instance{N: 3, Cost: make([]int64, 8)}, Options{}, "len(Cost) = 8"},
		{"start out of range", Instance{N: 5, Cost: ok.Cost, Start: 5}, Options{}, "Start = 5"},
		{"negative start", Instance{N: 5, Cost: ok.Cost, Start: -1}, Options{}, "Start = -1"},
		{"end out of range", Instance{N: 5, Cost: ok.Cost, End: 9}, Options{}, "End = 9"},
		{"end below -1", Instance{N: 5, Cost: ok.Cost, End: -2}, Options{}, "End = -2"},
		{"negative cost", neg, Options{}, "Cost[1][2] = -1"},
		{"overflowing costs", huge, Options{}, "too large"},
		{"exact limit", ok, Options{ExactLimit: MaxExactLimit + 1}, "ExactLimit"},
		{"neighbours", ok, Options{Neighbours: -1}, "Neighbours"},
		{"kick window", ok, Options{KickWindow: -1}, "KickWindow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Solve(context.Background(), tc.in, tc.opt)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInstance))
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestTrivialSizes(t *testing.T) {
	one := Instance{N: 1, Cost: []int64{0}}
	res, err := Solve(context.Background(), one, Options{})
	require.NoError(t, err)
	assert.Equal(t, []int{0}, res.Order)
	one.End = -1
	res, err = Solve(context.Background(), one, Options{ExactLimit: -1})
	require.NoError(t, err)
	assert.Equal(t, []int{0}, res.Order)

	two := Instance{N: 2, Cost: []int64{0, 3, 5, 0}, Start: 1, End: 0}
	res, err = Solve(context.Background(), two, Options{ExactLimit: -1})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0}, res.Order)
	assert.Equal(t, int64(5), res.Cost)

	// Heuristic on the smallest sizes it takes, all route kinds.
	for _, n := range []int{4, 5, 6, 9} {
		for _, kind := range routeKinds {
			for _, asym := range []bool{false, true} {
				in := euclidean(n, uint64(n))
				if asym {
					in = asymmetric(n, uint64(n))
				}
				in.End = kind.end(n)
				res, err := Solve(context.Background(), in, Options{ExactLimit: -1, MaxStall: 300})
				require.NoError(t, err)
				checkResult(t, in, res)
				assert.Equal(t, bruteForce(in), res.Cost, "n=%d %s asym=%v", n, kind.name, asym)
			}
		}
	}
	_ = slices.Equal[[]int]
}

// TestTourHash checks that the tour's edge hash follows every flip and
// undo, and names the tour, not its place or direction in the array.
func TestTourHash(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{5, 6, 17, 100} {
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		tr := newTour(order)
		tr.logOn = true
		start := tr.hash
		for range 200 {
			a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
			tr.flip(a, b)
			require.Equal(t, newTour(append([]int32(nil), tr.order...)).hash, tr.hash, "n=%d after flip(%d, %d)", n, a, b)
		}
		tr.undoTo(0)
		assert.Equal(t, start, tr.hash, "n=%d: undone", n)

		// the same cycle rotated and reversed
		other := make([]int32, n)
		for i := range other {
			other[i] = int32((n + 3 - i) % n)
		}
		assert.Equal(t, start, newTour(other).hash, "n=%d: rotated and reversed", n)
		other[1], other[2] = other[2], other[1]
		assert.NotEqual(t, start, newTour(other).hash, "n=%d: another cycle", n)
	}
}

// TestFlip checks flip and undo against a plain reversal of a copy of the
// tour on random paths, including ones that wrap round the array's end
// and ones longer than half the tour (flip then reverses the other side):
// after each flip the tour is the same cycle as the reference and its
// position index matches its order; undo restores the first order.
func TestFlip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{3, 4, 7, 64, 301} {
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		tr := newTour(order)
		tr.logOn = true
		for range 300 {
			a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
			// reference: reverse the forward path a..b of a copy
			ref := slices.Clone(tr.order)
			pa, pb := slices.Index(ref, a), slices.Index(ref, b)
			l := (pb-pa+n)%n + 1
			for k := range l / 2 {
				i, j := (pa+k)%n, (pa+l-1-k+n)%n
				ref[i], ref[j] = ref[j], ref[i]
			}
			tr.flip(a, b)
			for i, v := range tr.order {
				require.Equal(t, int32(i), tr.pos[v], "n=%d: position of %d", n, v)
			}
			require.True(t, sameCycle(ref, tr.order), "n=%d after flip(%d, %d)", n, a, b)
		}
		tr.undoTo(0)
		for i, v := range tr.order {
			assert.Equal(t, int32(i), v, "n=%d: undone", n)
		}
	}
}

// sameCycle reports whether two orders are the same undirected cycle.
func sameCycle(x, y []int32) bool {
	n := len(x)
	adj := make(map[[2]int32]bool, n)
	for i := range n {
		a, b := x[i], x[(i+1)%n]
		adj[[2]int32{min(a, b), max(a, b)}] = true
	}
	for i := range n {
		a, b := y[i], y[(i+1)%n]
		if !adj[[2]int32{min(a, b), max(a, b)}] {
			return false
		}
	}
	return true
}
