package tsp

import "slices"

// neighbours returns, for every node, up to k other nodes in order of
// increasing cost (ties by index), skipping forced partners and inf edges.
// The result is one flat slice: node a's list is nb[a*k : a*k+cnt[a]].
// A computed table's lists come from nearNeighbours.
func neighbours(g *graph, k int) (nb []int32, cnt []int32) {
	if g.base == nil {
		return nearNeighbours(g, k)
	}
	m := g.m
	if k > m-1 {
		k = m - 1
	}
	nb = make([]int32, m*k)
	cnt = make([]int32, m)
	cost := make([]int64, k)
	for a := range int32(m) {
		list := nb[int(a)*k : int(a)*k+k]
		c := 0
		for b := range int32(m) {
			if b == a || g.fixed(a, b) {
				continue
			}
			d := g.d(a, b)
			if g.asym && d >= g.inf {
				continue
			}
			if c == k && d >= cost[k-1] {
				continue
			}
			i := c
			if c < k {
				c++
			} else {
				i = k - 1
			}
			for i > 0 && cost[i-1] > d {
				cost[i], list[i] = cost[i-1], list[i-1]
				i--
			}
			cost[i], list[i] = d, b
		}
		cnt[a] = int32(c)
	}
	return nb, cnt
}

// greedy builds a tour by the greedy-edge heuristic on the candidate edges
// (cheapest first, keeping degrees <= 2 and no premature cycle), starting
// from the forced edges, then chains the fragments by nearest endpoint.
func greedy(g *graph, nb, cnt []int32, k int) []int32 {
	f := newFragments(g.m)
	for a := range int32(g.m) {
		for _, b := range g.fix[a] {
			if b > a {
				f.link(a, b)
			}
		}
	}
	for _, e := range candidateEdges(g, nb, cnt, k) {
		if f.deg[e.a] < 2 && f.deg[e.b] < 2 && f.find(e.a) != f.find(e.b) {
			f.link(e.a, e.b)
		}
	}
	return f.chain(g)
}

// edge is a candidate edge {a, b} of cost c.
type edge struct {
	c    int64
	a, b int32
}

// candidateEdges lists every neighbour-list edge once, cheapest first
// (ties by end points).
func candidateEdges(g *graph, nb, cnt []int32, k int) []edge {
	edges := make([]edge, 0, g.m*k/2+1)
	for a := range int32(g.m) {
		for _, b := range nb[int(a)*k : int(a)*k+int(cnt[a])] {
			// keep each pair once: from the smaller end, or from the end
			// whose list holds it when the other's does not
			if a < b || !slices.Contains(nb[int(b)*k:int(b)*k+int(cnt[b])], a) {
				edges = append(edges, edge{g.d(a, b), a, b})
			}
		}
	}
	slices.SortFunc(edges, func(x, y edge) int {
		switch {
		case x.c != y.c:
			if x.c < y.c {
				return -1
			}
			return 1
		case x.a != y.a:
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	return edges
}

// fragments is a set of disjoint paths over m nodes: each node's (up to
// two) path neighbours, and a union–find of the paths.
type fragments struct {
	adj    [][2]int32
	deg    []int8
	parent []int32
}

func newFragments(m int) *fragments {
	f := &fragments{adj: make([][2]int32, m), deg: make([]int8, m), parent: make([]int32, m)}
	for i := range f.adj {
		f.adj[i] = [2]int32{-1, -1}
		f.parent[i] = int32(i)
	}
	return f
}

func (f *fragments) find(x int32) int32 {
	for f.parent[x] != x {
		f.parent[x] = f.parent[f.parent[x]]
		x = f.parent[x]
	}
	return x
}

// link joins a and b, which end different paths.
func (f *fragments) link(a, b int32) {
	f.adj[a][f.deg[a]] = b
	f.adj[b][f.deg[b]] = a
	f.deg[a]++
	f.deg[b]++
	f.parent[f.find(a)] = f.find(b)
}

// chain orders the fragments into a tour: from the current fragment's far
// end it goes to the nearest free endpoint of another fragment.
func (f *fragments) chain(g *graph) []int32 {
	m := g.m
	done := make([]bool, m)
	order := make([]int32, 0, m)
	walk := func(from int32) int32 { // appends the fragment, returns its far end
		prev, v := int32(-1), from
		for {
			order = append(order, v)
			done[v] = true
			nx := int32(-1)
			for _, w := range f.adj[v][:f.deg[v]] {
				if w != prev && !done[w] {
					nx = w
					break
				}
			}
			if nx < 0 {
				return v
			}
			prev, v = v, nx
		}
	}
	var ends []int32
	for v := range int32(m) {
		if f.deg[v] < 2 {
			ends = append(ends, v)
		}
	}
	start := int32(0)
	if len(ends) > 0 {
		start = ends[0]
		if g.asym && start >= int32(g.m0) {
			// enter a fragment at its "in" end so travel reads in->out
			start = otherEnd(f.adj, f.deg, start)
		}
	}
	last := walk(start)
	for len(order) < m {
		best, bestC := int32(-1), int64(0)
		for _, e := range ends {
			if done[e] {
				continue
			}
			c := g.d(last, e)
			if g.asym && c >= g.inf {
				continue
			}
			if best < 0 || c < bestC {
				best, bestC = e, c
			}
		}
		last = walk(best)
	}
	return order
}

// otherEnd returns the far end of the path fragment with end v.
func otherEnd(adj [][2]int32, deg []int8, v int32) int32 {
	prev := int32(-1)
	for {
		nx := int32(-1)
		for _, w := range adj[v][:deg[v]] {
			if w != prev {
				nx = w
				break
			}
		}
		if nx < 0 {
			return v
		}
		prev, v = v, nx
	}
}
