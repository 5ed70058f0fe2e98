package tsp

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomStory returns a story of n nodes scattered over a 30 km square
// (lengths in millimetres), start and end as kind says ("loop", "open",
// "fixed"), and ranks drawn from 12 values with about one node in six
// unranked; budget > 0 lets only orders of at most budget times the
// identity order's length fit.
func randomStory(r *rand.Rand, n int, kind string, budget float64) *Story {
	xs, ys := make([]float64, n+2), make([]float64, n+2)
	for i := range n + 2 {
		xs[i], ys[i] = 30e6*r.Float64(), 30e6*r.Float64()
	}
	if kind == "loop" {
		xs[n+1], ys[n+1] = xs[n], ys[n]
	}
	s := &Story{N: n, Length: make([]int64, (n+2)*(n+2)), Rank: make([]int, n), Ranked: make([]bool, n)}
	for i := range n + 2 {
		for j := range n + 2 {
			if kind != "open" || j != n+1 {
				s.Length[i*(n+2)+j] = int64(math.Round(math.Hypot(xs[i]-xs[j], ys[i]-ys[j])))
			}
		}
	}
	for i := range n {
		s.Rank[i], s.Ranked[i] = -1000+100*r.IntN(12), r.IntN(6) > 0
	}
	if budget > 0 {
		id := make([]int, n)
		for i := range id {
			id[i] = i
		}
		limit := int64(budget * float64(s.Cost(id)))
		s.Fits = func(order []int) bool { return s.Cost(order) <= limit }
	}
	return s
}

// permutations calls f with every order of 0..n-1.
func permutations(n int, f func([]int)) {
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(perm)
			return
		}
		for i := k; i < n; i++ {
			perm[k], perm[i] = perm[i], perm[k]
			rec(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	rec(0)
}

// bruteStory enumerates every order and returns the fewest inversions
// among those within the bound that fit, and the shortest length of
// those; inv is -1 when none fits.
func bruteStory(s *Story, maxExtra float64) (inv int, length int64) {
	shortest := int64(-1)
	permutations(s.N, func(p []int) {
		if l := s.Cost(p); shortest < 0 || l < shortest {
			shortest = l
		}
	})
	limit := StoryBound(shortest, maxExtra)
	inv, length = -1, -1
	permutations(s.N, func(p []int) {
		l := s.Cost(p)
		if l > limit || !s.fits(p) {
			return
		}
		if k := s.Inversions(p); inv < 0 || k < inv || (k == inv && l < length) {
			inv, length = k, l
		}
	})
	return inv, length
}

func TestStoryExactMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 90 {
		n := 1 + trial%7
		kind := []string{"loop", "open", "fixed"}[trial%3]
		budget := 0.0
		if trial%4 == 1 {
			budget = 1.05
		}
		s := randomStory(r, n, kind, budget)
		for _, x := range []float64{0, 0.1, 0.3, 2} {
			name := fmt.Sprintf("trial %d n=%d %s budget=%v x=%v", trial, n, kind, budget, x)
			order, shortest := s.Exact(x)
			require.Len(t, order, n, name)
			wantInv, wantLen := bruteStory(s, x)
			if wantInv < 0 {
				continue // nothing within the bound fits the budget
			}
			assert.Equal(t, wantInv, s.Inversions(order), name)
			assert.Equal(t, wantLen, s.Cost(order), name)
			assert.LessOrEqual(t, s.Cost(order), StoryBound(shortest, x), name)
			assert.True(t, s.fits(order), name)
		}
	}
}

func TestStoryExactEmpty(t *testing.T) {
	s := &Story{Length: []int64{0, 7, 7, 0}}
	order, shortest := s.Exact(0.2)
	assert.Empty(t, order)
	assert.Equal(t, int64(7), shortest)
	assert.Zero(t, s.Pairs())
}

func TestStorySearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for trial := range 20 {
		s := randomStory(r, 6+trial%3, "loop", 0)
		exactOrder, shortest := s.Exact(0)
		for _, x := range []float64{0, 0.2, 1} {
			limit := StoryBound(shortest, x)
			got := s.Search(exactOrder, limit)
			assert.LessOrEqual(t, s.Cost(got), limit)
			assert.LessOrEqual(t, s.Inversions(got), s.Inversions(exactOrder))
			best, _ := s.Exact(x)
			assert.GreaterOrEqual(t, s.Inversions(got), s.Inversions(best), "the search cannot beat the exact order")
		}
	}
}

func BenchmarkStoryExact(b *testing.B) {
	for _, n := range []int{6, 8, 10, 12} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := randomStory(rand.New(rand.NewPCG(1, uint64(n))), n, "loop", 0)
			b.ReportAllocs()
			for b.Loop() {
				s.Exact(0.2)
			}
		})
	}
}
