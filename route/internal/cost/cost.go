// Package cost holds the travel costs between the nodes of a routing
// problem for the engines of route: either a dense row-major table, or
// costs computed on demand from the nodes' locations, so that a large
// problem given by coordinates needs memory linear in its nodes rather
// than quadratic.
//
// A [Table] is read through [Table.At], which the compiler inlines: on a
// dense table it is one bounds-checked load, as reading the slice
// directly; on a computed one it calls the haversine distance and the
// caller's road-time function. Engines that scan whole rows or need
// neighbour lists use [Table.Dense] to keep their dense code and
// [Table.Nearest] and [Table.Floor] on computed tables.
//
// # Concurrency
//
// A Table is immutable once built, apart from the lazily built spatial
// index of a computed table, which is guarded: any number of goroutines
// may read it at once. A [Rows] cache is for one goroutine.
package cost

import (
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Table is the cost of travelling between N nodes, with optionally one
// extra node N (see [Table.WithZeroNode]) whose legs to and from every
// node cost 0. The zero Table has no nodes.
type Table struct {
	n      int     // real nodes
	stride int     // nodes including the zero node: n or n+1
	dense  []int64 // stride*stride row-major, nil for a computed table
	*located
}

// located is what a computed table computes its costs from.
type located struct {
	pts    geo.Points
	locs   []orb.Point
	vec    [][3]float64 // unit vectors, for Least
	road   func(metres float64) int64
	coarse []bool
	leg    func(i, j int, metres float64) int64
	bound  int64
	unit   int64

	once sync.Once
	idx  *geo.Index
}

// Dense returns the table of n nodes whose cost from i to j is
// c[i*n+j]. It keeps c, which the caller must not modify afterwards.
func Dense(n int, c []int64) Table {
	return Table{n: n, stride: n, dense: c}
}

// Locations describes a table computed from the nodes' locations.
type Locations struct {
	// Points are the nodes' locations, valid [lon, lat] in degrees.
	Points []orb.Point
	// Road is the cost of a leg of the given great-circle length in
	// metres ([geo.Distance]); it must not decrease as the length grows
	// and must be 0 for 0 metres.
	Road func(metres float64) int64
	// Coarse marks the nodes whose legs Leg computes instead of Road; nil
	// when there are none.
	Coarse []bool
	// Leg is the cost from i to j, metres apart by [geo.Distance], when
	// one of them is Coarse: at least Road(metres), or 0 for nodes at one
	// location.
	Leg func(i, j int, metres float64) int64
	// Bound is at least every cost of the table.
	Bound int64
	// Unit, when above 1, divides every cost Road and Leg return (whole
	// seconds in nanoseconds, say), so that [Table.InUnits] is exact.
	Unit int64
}

// FromLocations returns the table computed from l: At(i, j) is
// l.Road(geo.Distance(l.Points[i], l.Points[j])), or l.Leg(i, j, …) where
// one end is coarse, and 0 for i == j. It keeps l's slices, which the
// caller must not modify afterwards. It holds O(n) memory; the k-d tree
// of [Table.Nearest] is built on first use.
func FromLocations(l Locations) Table {
	n := len(l.Points)
	vec := make([][3]float64, n)
	for i, p := range l.Points {
		sinLat, cosLat := math.Sincos(p[1] * math.Pi / 180)
		sinLon, cosLon := math.Sincos(p[0] * math.Pi / 180)
		vec[i] = [3]float64{cosLat * cosLon, cosLat * sinLon, sinLat}
	}
	return Table{n: n, stride: n, located: &located{
		pts: geo.NewPoints(l.Points), locs: l.Points, vec: vec, road: l.Road,
		coarse: l.Coarse, leg: l.Leg, bound: l.Bound, unit: l.Unit,
	}}
}

// InUnits returns the computed table with every cost divided by its
// Locations.Unit: the same comparisons of sums of costs, exactly, with
// numbers Unit times smaller, so that a solver whose sums must stay far
// from overflow can take places as far apart as the Earth allows. The
// locations and their derived data are shared. A dense table, or one
// without a Unit, is returned as it is.
func (t Table) InUnits() Table {
	if t.dense != nil || t.unit <= 1 {
		return t
	}
	l, u := t.located, t.unit
	t.located = &located{
		pts: l.pts, locs: l.locs, vec: l.vec, coarse: l.coarse,
		road:  func(metres float64) int64 { return l.road(metres) / u },
		leg:   func(i, j int, metres float64) int64 { return l.leg(i, j, metres) / u },
		bound: (l.bound + u - 1) / u, unit: 1,
	}
	return t
}

// chordShort is the factor that keeps Least's chord below the
// great-circle distance despite rounding.
const chordShort = 1 - 1e-9

// Least returns a lower bound of At(i, j), several times cheaper to
// compute on a computed table: Road of the chord between the points (a
// straight line through the Earth, never longer than the great circle).
// On a dense table it is At(i, j).
func (t *Table) Least(i, j int) int64 {
	if t.dense != nil {
		return t.dense[i*t.stride+j]
	}
	if i >= t.n || j >= t.n {
		return 0
	}
	a, b := &t.vec[i], &t.vec[j]
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return t.road(geo.EarthRadius * math.Sqrt(dx*dx+dy*dy+dz*dz) * chordShort)
}

// N returns the number of nodes, without the zero node.
func (t *Table) N() int { return t.n }

// Stride returns the length of a row: N, or N+1 with the zero node.
func (t *Table) Stride() int { return t.stride }

// Dense returns the row-major table, stride·stride entries with
// stride = N (N+1 with the zero node), or nil for a computed table.
func (t *Table) Dense() []int64 { return t.dense }

// At returns the cost from node i to node j, for i and j in [0, N], N
// only with the zero node.
func (t *Table) At(i, j int) int64 {
	if t.dense != nil {
		return t.dense[i*t.stride+j]
	}
	return t.computed(i, j)
}

func (t *Table) computed(i, j int) int64 {
	switch {
	case i == j || i >= t.n || j >= t.n:
		return 0
	case t.coarse != nil && (t.coarse[i] || t.coarse[j]):
		return t.leg(i, j, t.pts.Distance(i, j))
	}
	return t.road(t.pts.Distance(i, j))
}

// WithZeroNode returns the table with node N added, 0 away from and to
// every node: the virtual end of an open route or path. A dense table is
// copied into (N+1)² entries; a computed one is shared.
func (t Table) WithZeroNode() Table {
	if t.stride > t.n {
		return t
	}
	t.stride = t.n + 1
	if t.dense != nil {
		d := make([]int64, t.stride*t.stride)
		for i := range t.n {
			copy(d[i*t.stride:i*t.stride+t.n], t.dense[i*t.n:(i+1)*t.n])
		}
		t.dense = d
	}
	return t
}

// Symmetric reports whether At(i, j) == At(j, i) for all nodes: at once
// for a computed table, which is, by a scan of O(N²) for a dense one.
func (t *Table) Symmetric() bool {
	if t.dense == nil {
		return true
	}
	for i := range t.n {
		for j := i + 1; j < t.n; j++ {
			if t.dense[i*t.stride+j] != t.dense[j*t.stride+i] {
				return false
			}
		}
	}
	return true
}

// Bound returns an upper bound of every cost: for a dense table its
// largest entry (an O(N²) scan), for a computed one Locations.Bound.
func (t *Table) Bound() int64 {
	if t.dense == nil {
		return t.bound
	}
	var b int64
	for _, c := range t.dense {
		b = max(b, c)
	}
	return b
}

// maxSubDense is the most nodes of a part of a computed table (see
// [Table.Sub]) that is copied into a dense table: 32 MiB.
const maxSubDense = 2048

// Sub returns the table of nodes, a list of distinct real nodes of a
// computed table: node a of the result is nodes[a]. Up to maxSubDense
// nodes it is dense (its costs copied, O(k²) for k nodes), beyond
// computed in turn, in O(k) memory. It must not be called on a dense
// table, whose callers copy what they need.
func (t *Table) Sub(nodes []int) Table {
	k := len(nodes)
	if k <= maxSubDense {
		c := make([]int64, k*k)
		for a, i := range nodes {
			for b, j := range nodes {
				c[a*k+b] = t.computed(i, j)
			}
		}
		return Dense(k, c)
	}
	l := Locations{Points: make([]orb.Point, k), Road: t.road, Bound: t.bound, Unit: t.unit}
	if t.coarse != nil {
		l.Coarse = make([]bool, k)
		l.Leg = func(a, b int, metres float64) int64 { return t.leg(nodes[a], nodes[b], metres) }
	}
	for a, i := range nodes {
		l.Points[a] = t.locs[i]
		if l.Coarse != nil {
			l.Coarse[a] = t.coarse[i]
		}
	}
	return FromLocations(l)
}

// index returns the k-d tree over the nodes' locations.
func (l *located) index() *geo.Index {
	l.once.Do(func() {
		l.idx, _ = geo.NewIndex(l.locs) // the locations were validated by the caller
	})
	return l.idx
}

// Nearest returns, for each node among, up to k other nodes of among
// nearest to it by great-circle distance (ties by position in among), in
// ascending distance: the candidate neighbours of a computed table,
// found with a k-d tree in O(n log n + n·k) for n = len(among). among
// must hold real nodes, each at most once. It returns nil for a dense
// table, whose engines scan its rows instead.
func (t *Table) Nearest(among []int, k int) [][]int32 {
	if t.dense == nil && len(among) > 1 {
		return t.nearest(among, min(k, len(among)-1))
	}
	return nil
}

func (t *Table) nearest(among []int, k int) [][]int32 {
	pts := make([]orb.Point, len(among))
	for a, i := range among {
		pts[a] = t.locs[i]
	}
	idx, _ := geo.NewIndex(pts)
	out := make([][]int32, len(among))
	flat := make([]int32, 0, len(among)*k)
	for a := range among {
		// one more than k: a itself is among the nearest, unless more
		// than k other nodes share its location
		near := idx.Nearest(pts[a], k+1)
		lo := len(flat)
		for _, b := range near {
			if b != a && len(flat)-lo < k {
				flat = append(flat, int32(among[b]))
			}
		}
		out[a] = flat[lo:len(flat):len(flat)]
	}
	return out
}

// Floor returns a lower bound of every cost into or out of node i from
// another real node of a computed table: Road of the distance to the
// nearest other node, exact where that leg has no coarse end. On a dense
// table it returns 0; its engines scan the rows for the exact least leg.
func (t *Table) Floor(i int) int64 {
	if t.dense != nil {
		return 0
	}
	for _, j := range t.index().Nearest(t.locs[i], 2) {
		if j != i {
			return t.road(geo.Distance(t.locs[i], t.locs[j]))
		}
	}
	return 0
}

// Rows hands out whole rows of a table: slices of a dense one, and for a
// computed one rows computed on first use and kept in a cache of a fixed
// number of rows, the least recently used replaced first. A search that
// reads the rows of the few nodes on its routes many times then computes
// each once. Rows is for one goroutine.
type Rows struct {
	t     *Table
	slot  map[int]int // node -> cache slot
	rows  [][]int64
	nodes []int   // per slot: its node
	used  []int64 // per slot: when last used
	clock int64
}

// NewRows returns a row cache of t holding up to size rows of a computed
// table (N+1 entries each): size·8·(N+1) bytes at most.
func NewRows(t *Table, size int) *Rows {
	r := &Rows{t: t}
	if t.dense == nil {
		size = max(size, 1)
		r.slot = make(map[int]int, size)
		r.rows = make([][]int64, 0, size)
	}
	return r
}

// Row returns node i's row: Row(i)[j] = At(i, j) for j in [0, stride).
// The slice of a computed table is valid until Row is next called for
// size other nodes; the caller must not modify it.
func (r *Rows) Row(i int) []int64 {
	t := r.t
	if t.dense != nil {
		return t.dense[i*t.stride : (i+1)*t.stride]
	}
	r.clock++
	if s, ok := r.slot[i]; ok {
		r.used[s] = r.clock
		return r.rows[s]
	}
	var s int
	if len(r.rows) < cap(r.rows) {
		s = len(r.rows)
		r.rows = append(r.rows, make([]int64, t.stride))
		r.nodes = append(r.nodes, i)
		r.used = append(r.used, 0)
	} else {
		s = slices.Index(r.used, slices.Min(r.used))
		delete(r.slot, r.nodes[s])
		r.nodes[s] = i
	}
	r.slot[i], r.used[s] = s, r.clock
	row := r.rows[s]
	for j := range row {
		row[j] = t.computed(i, j)
	}
	return row
}
