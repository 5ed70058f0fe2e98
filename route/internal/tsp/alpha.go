package tsp

import "slices"

// Alpha-nearness candidates (Helsgaun, "An effective implementation of the
// Lin–Kernighan traveling salesman heuristic", 2000, section 4.1): the
// alpha value of an edge {i, j} is how much a minimum spanning tree grows
// when it is forced to contain the edge, c(i, j) minus the largest cost on
// the tree path from i to j. On clustered inputs (fl1400: grids of drill
// holes far apart) the k cheapest neighbours of a node all lie in its own
// cluster, so no candidate edge leaves it and Lin–Kernighan cannot choose
// how clusters are joined; the edges with small alpha include those joins.

// spanningTree computes a minimum spanning tree of the nodes [0, n) of g
// by Prim's algorithm on the dense matrix, O(n²). It returns each node's
// parent (-1 for the root, node 0) and the nodes in the order they joined
// the tree, every node after its parent.
func spanningTree(g *graph, n int) (dad []int32, order []int32) {
	dad = make([]int32, n)
	key := make([]int64, n)
	in := make([]bool, n)
	order = make([]int32, 0, n)
	for i := range dad {
		dad[i] = -1
	}
	v := int32(0)
	for {
		in[v] = true
		order = append(order, v)
		next := int32(-1)
		for u := range int32(n) {
			if in[u] {
				continue
			}
			if d := g.d(v, u); dad[u] < 0 || d < key[u] {
				key[u], dad[u] = d, v
			}
			if next < 0 || key[u] < key[next] {
				next = u
			}
		}
		if next < 0 {
			return dad, order
		}
		v = next
	}
}

// alphaNearest returns, for every node i in [0, n), up to k other nodes
// of [0, n) with the smallest alpha value (ties by cost, then index),
// skipping i's forced partners. The lists are flat: i's list is
// nb[i*k : i*k+cnt[i]]. It takes O(n²) time and O(n·k) memory.
func alphaNearest(g *graph, n, k int) (nb []int32, cnt []int32) {
	k = min(k, n-1)
	dad, order := spanningTree(g, n)
	beta := make([]int64, n)
	mark := make([]int32, n)
	for i := range mark {
		mark[i] = -1
	}
	nb = make([]int32, n*k)
	cnt = make([]int32, n)
	alpha := make([]int64, k)
	cost := make([]int64, k)
	for i := range int32(n) {
		// beta[j] is the largest cost on the tree path i..j: first along
		// the path from i up to the root, then down the tree in join order.
		beta[i], mark[i] = 0, i
		for u := i; dad[u] >= 0; u = dad[u] {
			beta[dad[u]] = max(beta[u], g.d(u, dad[u]))
			mark[dad[u]] = i
		}
		list := nb[int(i)*k : int(i)*k+k]
		c := 0
		for _, j := range order {
			if mark[j] != i {
				beta[j] = max(beta[dad[j]], g.d(j, dad[j]))
			}
			if j == i || g.fixed(i, j) {
				continue
			}
			d := g.d(i, j)
			a := d - beta[j]
			if c == k && (a > alpha[k-1] || a == alpha[k-1] && d >= cost[k-1]) {
				continue
			}
			p := c
			if c < k {
				c++
			} else {
				p = k - 1
			}
			for p > 0 && (alpha[p-1] > a || alpha[p-1] == a && cost[p-1] > d) {
				alpha[p], cost[p], list[p] = alpha[p-1], cost[p-1], list[p-1]
				p--
			}
			alpha[p], cost[p], list[p] = a, d, j
		}
		cnt[i] = int32(c)
	}
	return nb, cnt
}

// candidates returns the candidate lists of the local search: the k
// cheapest neighbours of every node and, on symmetric instances, its ka
// alpha-nearest ones (over the cities, leaving out an open path's dummy),
// merged and sorted by cost (ties by index) as the moves expect; not on a
// computed table, too large for the dense spanning tree. Node a's
// list is nb[a*stride : a*stride+cnt[a]].
func candidates(g *graph, k, ka int) (nb, cnt []int32, stride int) {
	nb, cnt = neighbours(g, k)
	stride = min(k, g.m-1)
	n := g.m
	if g.dummy >= 0 {
		n--
	}
	if g.asym || g.base == nil || ka <= 0 || n < 3 { // no O(n²) spanning tree on a computed table
		return nb, cnt, stride
	}
	anb, acnt := alphaNearest(g, n, ka)
	ka = min(ka, n-1)
	wide := stride + ka
	out := make([]int32, g.m*wide)
	outCnt := make([]int32, g.m)
	for a := range g.m {
		list := out[a*wide : a*wide : (a+1)*wide]
		list = append(list, nb[a*stride:a*stride+int(cnt[a])]...)
		if a < n {
			for _, b := range anb[a*ka : a*ka+int(acnt[a])] {
				if !slices.Contains(list, b) {
					list = append(list, b)
				}
			}
		}
		slices.SortFunc(list, func(x, y int32) int {
			dx, dy := g.d(int32(a), x), g.d(int32(a), y)
			switch {
			case dx < dy:
				return -1
			case dx > dy:
				return 1
			}
			return int(x - y)
		})
		outCnt[a] = int32(len(list))
	}
	return out, outCnt, wide
}
