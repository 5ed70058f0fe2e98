package tsp

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
	m    int     // nodes of the working graph
	m0   int     // nodes of the base matrix
	base []int64 // m0*m0 row-major
	asym bool
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
	if g.asym {
		return g.dAsym(a, b)
	}
	return g.base[int(a)*g.m0+int(b)]
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
	return g.base[int(b)*g.m0+int(a)] // travel b -> a
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

// isSymmetric reports whether the matrix c on n nodes is symmetric.
func isSymmetric(c []int64, n int) bool {
	for i := range n {
		for j := i + 1; j < n; j++ {
			if c[i*n+j] != c[j*n+i] {
				return false
			}
		}
	}
	return true
}

// newGraph reduces in to a closed symmetric tour problem.
func newGraph(in Instance) *graph {
	n := in.N
	g := &graph{m0: n, base: in.Cost, dummy: -1}
	open := in.End < 0
	if open {
		g.m0 = n + 1
		g.dummy = int32(n)
		g.base = make([]int64, g.m0*g.m0)
		for i := range n {
			copy(g.base[i*g.m0:i*g.m0+n], in.Cost[i*n:(i+1)*n])
		}
	}
	g.asym = !isSymmetric(in.Cost, n)
	g.m = g.m0
	if g.asym {
		g.m = 2 * g.m0
		var total int64
		for i := range n {
			var max int64
			for j, c := range in.Cost[i*n : (i+1)*n] {
				if j != i && c > max {
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
