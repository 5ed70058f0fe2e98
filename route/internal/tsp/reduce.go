package tsp

import (
	"cmp"
	"slices"

	"github.com/chuanzhu/chuanzhu/route/internal/cost"
)

// graph is the symmetric closed-tour problem the local search works on.
//
// Every instance is reduced to a closed tour on a base matrix of m0 nodes:
// an open path gets a dummy node m0-1 = N joined to every node at cost 0;
// a fixed-end path and the dummy's link to Start become forced edges. An
// asymmetric base matrix is turned into a symmetric one on 2·m0 nodes by
// the Jonker & Volgenant (1983) transformation: node i < m0 is the "in"
// copy of city i and i+m0 its "out" copy, the pair is joined by a forced
// edge, travelling i -> j is the edge (i+m0, j) and two copies of the same
// kind are never adjacent (cost inf).
type graph struct {
	m    int        // nodes of the working graph
	m0   int        // nodes of the base matrix
	tab  cost.Table // the base matrix, with the open path's dummy as its zero node
	base []int64    // tab.Dense(): m0*m0 row-major, nil when tab is computed
	asym bool
	slow bool // asym, or base nil: d calls dSlow
	inf  int64
	// fixed edges: each node has at most two forced partners (-1 = none).
	fix [][2]int32
	// start is the base node the route starts at; pred the base node
	// forced to precede it (End, or the open path's dummy), -1 if none.
	start, pred int32
	// dummy is the open path's dummy node m0-1, or -1.
	dummy int32
}

// d is the symmetric working cost of edge {a, b}.
func (g *graph) d(a, b int32) int64 {
	if g.slow {
		return g.dSlow(a, b)
	}
	return g.base[int(a)*g.m0+int(b)]
}

// dSlow is d on an asymmetric instance or a computed table.
func (g *graph) dSlow(a, b int32) int64 {
	if g.asym {
		return g.dAsym(a, b)
	}
	return g.tab.At(int(a), int(b))
}

func (g *graph) dAsym(a, b int32) int64 {
	m0 := int32(g.m0)
	if a >= m0 {
		a, b = b, a
	}
	// now a is an "in" copy unless both are "out"
	if a >= m0 || b < m0 {
		return g.inf
	}
	b -= m0
	if a == b {
		return 0
	}
	return g.tab.At(int(b), int(a)) // travel b -> a
}

func (g *graph) fixed(a, b int32) bool {
	f := g.fix[a]
	return f[0] == b || f[1] == b
}

func (g *graph) addFixed(a, b int32) {
	for _, p := range [2][2]int32{{a, b}, {b, a}} {
		f := &g.fix[p[0]]
		if f[0] < 0 {
			f[0] = p[1]
		} else {
			f[1] = p[1]
		}
	}
}

// newGraph reduces in to a closed symmetric tour problem.
func newGraph(in Instance) *graph {
	n := in.N
	g := &graph{m0: n, tab: in.table(), dummy: -1}
	open := in.End < 0
	if open {
		g.m0 = n + 1
		g.dummy = int32(n)
		g.tab = g.tab.WithZeroNode()
	}
	g.base = g.tab.Dense()
	g.asym = !g.tab.Symmetric()
	g.slow = g.asym || g.base == nil
	g.m = g.m0
	if g.asym {
		g.m = 2 * g.m0
		var total int64
		for i := range n {
			var max int64
			for j := range n {
				if c := g.tab.At(i, j); j != i && c > max {
					max = c
				}
			}
			total += max
		}
		g.inf = total + 1 // more than any tour
	}
	g.fix = make([][2]int32, g.m)
	for i := range g.fix {
		g.fix[i] = [2]int32{-1, -1}
	}
	m0 := int32(g.m0)
	if g.asym {
		for i := range m0 {
			g.addFixed(i, i+m0)
		}
	}
	s := int32(in.Start)
	var from int32 = -1 // forced travel from -> Start
	switch {
	case open:
		from = int32(n) // the dummy
	case in.End != in.Start:
		from = int32(in.End)
	}
	g.start, g.pred = s, from
	if from >= 0 {
		if g.asym {
			g.addFixed(from+m0, s)
		} else {
			g.addFixed(from, s)
		}
	}
	return g
}

// extract turns a working tour back into a route of the instance.
func (g *graph) extract(in Instance, t *tour) []int {
	n := in.N
	s := int32(in.Start)
	m0 := int32(g.m0)
	// Walk direction: away from the forced predecessor of Start, i.e. so
	// that the city sequence reads in travel direction.
	forward := true
	switch {
	case g.asym:
		forward = t.next(s) == s+m0
	case in.End != in.Start:
		pred := int32(in.End)
		if in.End < 0 {
			pred = int32(n)
		}
		forward = t.prev(s) == pred
	}
	order := make([]int, 0, n)
	v := s
	for range g.m {
		if v < m0 && int(v) < n {
			order = append(order, int(v))
		}
		if forward {
			v = t.next(v)
		} else {
			v = t.prev(v)
		}
	}
	return order
}

// nearNeighbours is neighbours on a computed table: for every node up to
// k other nodes in order of increasing cost (ties by index), skipping
// forced partners, chosen among its k+2 nearest by location and the open
// path's dummy (0 away from every node, so first in every list). It takes
// O(m log m + m·k) time rather than neighbours' O(m²).
func nearNeighbours(g *graph, k int) (nb []int32, cnt []int32) {
	m := g.m
	k = min(k, m-1)
	cities := make([]int, g.tab.N())
	for i := range cities {
		cities[i] = i
	}
	near := g.tab.Nearest(cities, k+2)
	nb = make([]int32, m*k)
	cnt = make([]int32, m)
	var list []int32
	for a := range int32(m) {
		var cand []int32
		if a == g.dummy {
			cand = make([]int32, 0, k+2)
			for b := int32(0); b < int32(m) && len(cand) < k+2; b++ {
				cand = append(cand, b)
			}
		} else {
			cand = near[a]
			if g.dummy >= 0 {
				cand = append([]int32{g.dummy}, cand...)
			}
		}
		list = list[:0]
		for _, b := range cand {
			if b != a && !g.fixed(a, b) {
				list = append(list, b)
			}
		}
		slices.SortStableFunc(list, func(x, y int32) int {
			return cmp.Or(cmp.Compare(g.d(a, x), g.d(a, y)), cmp.Compare(x, y))
		})
		cnt[a] = int32(copy(nb[int(a)*k:int(a)*k+k], list))
	}
	return nb, cnt
}
