package tsp

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoClusters returns a closed-tour instance of two 4×4 grids of unit
// spacing, 100 apart: nodes 0..15 form one, 16..31 the other.
func twoClusters() Instance {
	var xs, ys []float64
	for c := range 2 {
		for i := range 16 {
			xs = append(xs, float64(c*100+i%4))
			ys = append(ys, float64(i/4))
		}
	}
	n := len(xs)
	cost := make([]int64, n*n)
	for i := range n {
		for j := range n {
			cost[i*n+j] = int64(math.Round(10 * math.Hypot(xs[i]-xs[j], ys[i]-ys[j])))
		}
	}
	return Instance{N: n, Cost: cost}
}

func TestSpanningTree(t *testing.T) {
	for _, in := range []Instance{twoClusters(), euclidean(60, 4)} {
		g := newGraph(in)
		dad, order := spanningTree(g, in.N)
		require.Len(t, order, in.N)
		seen := make([]bool, in.N)
		var weight int64
		for _, v := range order {
			if dad[v] >= 0 {
				assert.True(t, seen[dad[v]], "parent of %d joins first", v)
				weight += g.d(v, dad[v])
			}
			seen[v] = true
		}
		assert.Equal(t, int32(-1), dad[order[0]])
		assert.Equal(t, kruskal(in), weight)
	}
}

// kruskal is the weight of a minimum spanning tree by Kruskal's algorithm.
func kruskal(in Instance) int64 {
	var edges []edge
	for a := range int32(in.N) {
		for b := a + 1; b < int32(in.N); b++ {
			edges = append(edges, edge{in.Cost[int(a)*in.N+int(b)], a, b})
		}
	}
	slices.SortFunc(edges, func(x, y edge) int { return int(x.c - y.c) })
	f := newFragments(in.N)
	var w int64
	for _, e := range edges {
		if ra, rb := f.find(e.a), f.find(e.b); ra != rb {
			f.parent[ra] = rb
			w += e.c
		}
	}
	return w
}

func TestCandidatesCrossClusters(t *testing.T) {
	in := twoClusters()
	crosses := func(nb, cnt []int32, stride int) bool {
		for a := range in.N {
			for _, b := range nb[a*stride : a*stride+int(cnt[a])] {
				if (a < 16) != (b < 16) {
					return true
				}
			}
		}
		return false
	}
	tests := []struct {
		name  string
		ka    int
		cross bool
	}{
		{"cost-nearest only", 0, false},
		{"with alpha-nearest", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph(in)
			nb, cnt, stride := candidates(g, 8, tt.ka)
			assert.Equal(t, tt.cross, crosses(nb, cnt, stride))
			near, nearCnt := neighbours(g, 8)
			for a := range int32(in.N) {
				list := nb[int(a)*stride : int(a)*stride+int(cnt[a])]
				assert.True(t, slices.IsSortedFunc(list, func(x, y int32) int {
					return int(g.d(a, x) - g.d(a, y))
				}), "list of %d sorted by cost", a)
				for _, b := range near[int(a)*8 : int(a)*8+int(nearCnt[a])] {
					assert.Contains(t, list, b)
				}
			}
		})
	}
}

func TestAlphaNearestOpenPath(t *testing.T) {
	in := twoClusters()
	in.End = -1
	g := newGraph(in)
	nb, cnt, stride := candidates(g, 6, 3)
	require.Equal(t, in.N+1, g.m)
	// every city but Start (forced to the dummy) keeps the dummy (cost 0)
	// first, the dummy's list comes from cost alone, and no list has more
	// than 6+3 entries
	for a := range in.N + 1 {
		list := nb[a*stride : a*stride+int(cnt[a])]
		assert.LessOrEqual(t, len(list), 9)
		if a != in.Start && a != in.N {
			assert.Equal(t, g.dummy, list[0])
		}
	}
	assert.Equal(t, 6, int(cnt[in.N]))
}
