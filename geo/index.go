package geo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// Index answers nearest-neighbour, radius and bound queries over a fixed
// set of points with true great-circle distances ([Distance]). Results are
// exactly those of a brute-force scan with Distance, including near the
// poles and across the antimeridian, where a planar index on raw
// longitude and latitude goes wrong.
//
// Points are held as 3-D unit vectors in a k-d tree (implicit, in one
// array). The straight-line (chord) distance between unit vectors grows
// with the great-circle distance, so the tree prunes with chords and only
// the survivors are ranked by Distance. An Index is immutable once built
// and safe for concurrent use by any number of goroutines. The zero Index,
// like a nil *Index, is empty.
type Index struct {
	nodes []kdNode // the tree: nodes[lo:hi] is split at (lo+hi)/2
}

// kdNode is one point of the tree. It carries the caller's point as well
// as its unit vector, so that a query reads one place in memory per point.
type kdNode struct {
	v    [3]float64 // unit vector
	p    orb.Point  // the caller's point
	id   int32      // its index in the caller's slice
	axis uint8      // split axis of an inner node
}

// leafSize is the largest range of nodes kept unsplit and scanned whole.
const leafSize = 8

// Slack in the pruning tests, so that rounding never prunes a point that
// brute force with Distance would return. angleSlack (radians, about
// 0.6 m) exceeds the haversine formula's worst rounding error, about
// 4e-8 rad for nearly antipodal points; chordSlack exceeds the rounding
// error of a chord between unit vectors (about 1e-15).
const (
	angleSlack = 1e-7
	chordSlack = 1e-12
)

// NewIndex builds an index over points in O(N log N) time and O(N) memory.
// points is copied, not kept; the indices that queries return refer to
// it. Duplicate points are allowed and each is returned. An empty or nil
// slice gives an empty index whose queries return nil.
//
// It returns an error wrapping [ErrInvalidPoint] that names the first
// point with a NaN or infinite coordinate, a longitude outside
// [-180, 180] or a latitude outside [-90, 90], and an error for more than
// 2³¹−1 points.
func NewIndex(points []orb.Point) (*Index, error) {
	if len(points) > math.MaxInt32 {
		return nil, fmt.Errorf("geo: %d points are more than an index holds (%d)", len(points), math.MaxInt32)
	}
	for i, p := range points {
		if !Valid(p) {
			return nil, invalidPoint(i, p)
		}
	}
	idx := &Index{nodes: make([]kdNode, len(points))}
	for i, p := range points {
		idx.nodes[i] = kdNode{v: unitVector(p), p: p, id: int32(i)}
	}
	build(idx.nodes, 0)
	return idx, nil
}

// unitVector returns p on the unit sphere: x towards (0°, 0°), y towards
// (90°E, 0°), z towards the north pole.
func unitVector(p orb.Point) [3]float64 {
	sinLat, cosLat := math.Sincos(rad(p[1]))
	sinLon, cosLon := math.Sincos(rad(p[0]))
	return [3]float64{cosLat * cosLon, cosLat * sinLon, sinLat}
}

// parallelBuild is the smallest subtree built in its own goroutine.
const parallelBuild = 1 << 15

// build arranges nodes as an implicit k-d tree: the middle node splits the
// rest on the axis where they spread most, smaller-or-equal before it and
// greater-or-equal after it, recursively.
func build(nodes []kdNode, depth int) {
	for len(nodes) > leafSize {
		var lo, hi [3]float64
		lo, hi = nodes[0].v, nodes[0].v
		for i := range nodes {
			for a := range 3 {
				lo[a] = min(lo[a], nodes[i].v[a])
				hi[a] = max(hi[a], nodes[i].v[a])
			}
		}
		axis := 0
		for a := 1; a < 3; a++ {
			if hi[a]-lo[a] > hi[axis]-lo[axis] {
				axis = a
			}
		}
		mid := len(nodes) / 2
		selectNth(nodes, mid, axis)
		nodes[mid].axis = uint8(axis)
		left, right := nodes[:mid], nodes[mid+1:]
		if len(left) >= parallelBuild && depth < 4 {
			buildBoth(left, right, depth+1)
			return
		}
		build(left, depth+1)
		nodes = right
		depth++
	}
}

// buildBoth builds two subtrees at once. It is apart from build so that
// build's own variables are not captured by a closure and stay on the
// stack.
func buildBoth(left, right []kdNode, depth int) {
	var wg sync.WaitGroup
	wg.Go(func() { build(left, depth) })
	build(right, depth)
	wg.Wait()
}

// selectNth reorders nodes so that nodes[k] holds the value that sorting
// by the axis coordinate would put there, with no greater value before it
// and no smaller after it (Hoare's selection with a median-of-three pivot).
func selectNth(nodes []kdNode, k, axis int) {
	lo, hi := 0, len(nodes)-1
	for lo < hi {
		m := lo + (hi-lo)/2
		a, b, c := nodes[lo].v[axis], nodes[m].v[axis], nodes[hi].v[axis]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for nodes[i].v[axis] < pivot {
				i++
			}
			for nodes[j].v[axis] > pivot {
				j--
			}
			if i <= j {
				nodes[i], nodes[j] = nodes[j], nodes[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// Len returns the number of points in the index; 0 for a nil *Index.
func (idx *Index) Len() int {
	if idx == nil {
		return 0
	}
	return len(idx.nodes)
}

// hit is a candidate result: a point and its distance from the query.
type hit struct {
	d  float64 // metres, by Distance
	id int32
}

// cmpHit orders hits by distance, then by index.
func cmpHit(a, b hit) int {
	if c := cmp.Compare(a.d, b.d); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// chordBound returns the squared chord length, with slack, beyond which a
// point is farther than metres from the query by Distance.
func chordBound(metres float64) float64 {
	theta := metres/EarthRadius + angleSlack
	if !(theta < math.Pi) {
		return math.Inf(1)
	}
	c := 2*math.Sin(theta/2) + chordSlack
	return c * c
}

func chord2(a, b [3]float64) float64 {
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return dx*dx + dy*dy + dz*dz
}

// all returns every point with its distance from p, sorted.
func (idx *Index) all(p orb.Point) []int {
	hits := make([]hit, len(idx.nodes))
	for i := range idx.nodes {
		n := &idx.nodes[i]
		hits[i] = hit{Distance(p, n.p), n.id}
	}
	return sortedIDs(hits)
}

// sortedIDs sorts hits by distance, then index, and returns their
// indices; nil when there are none.
func sortedIDs(hits []hit) []int {
	if len(hits) == 0 {
		return nil
	}
	slices.SortFunc(hits, cmpHit)
	ids := make([]int, len(hits))
	for i, h := range hits {
		ids[i] = int(h.id)
	}
	return ids
}

// Nearest returns the indices of the k points nearest to p, in ascending
// [Distance] from p, equal distances in ascending index: exactly the first
// k of a brute-force ranking. It returns all points, ranked, when k
// exceeds [Index.Len], and nil when k <= 0, the index is empty or nil, or
// p is not [Valid] (NaN, infinite or out-of-range coordinates).
//
// It visits O(log N + k) nodes for well-spread points; the result is a new
// slice. Safe for concurrent use.
func (idx *Index) Nearest(p orb.Point, k int) []int {
	if idx.Len() == 0 || k <= 0 || !Valid(p) {
		return nil
	}
	if k >= len(idx.nodes) {
		return idx.all(p)
	}
	s := nearest{idx: idx, p: p, q: unitVector(p), k: k, bound: math.Inf(1), heap: make([]hit, 0, k)}
	s.search(0, len(idx.nodes))
	return sortedIDs(s.heap)
}

// nearest is the state of one k-nearest search: a max-heap of the best k
// hits so far (worst on top) and the chord bound of the worst.
type nearest struct {
	idx   *Index
	p     orb.Point
	q     [3]float64
	k     int
	heap  []hit
	bound float64 // squared chord; +Inf until the heap is full
}

func (s *nearest) search(lo, hi int) {
	nodes := s.idx.nodes
	if hi-lo <= leafSize {
		for i := lo; i < hi; i++ {
			s.consider(&nodes[i])
		}
		return
	}
	mid := lo + (hi-lo)/2
	n := &nodes[mid]
	s.consider(n)
	diff := s.q[n.axis] - n.v[n.axis]
	if diff < 0 {
		s.search(lo, mid)
		if diff*diff <= s.bound {
			s.search(mid+1, hi)
		}
	} else {
		s.search(mid+1, hi)
		if diff*diff <= s.bound {
			s.search(lo, mid)
		}
	}
}

func (s *nearest) consider(n *kdNode) {
	if chord2(s.q, n.v) > s.bound {
		return
	}
	h := hit{Distance(s.p, n.p), n.id}
	if len(s.heap) < s.k {
		s.push(h)
	} else if cmpHit(h, s.heap[0]) < 0 {
		s.heap[0] = h
		s.down(0)
	} else {
		return
	}
	if len(s.heap) == s.k {
		s.bound = chordBound(s.heap[0].d)
	}
}

func (s *nearest) push(h hit) {
	s.heap = append(s.heap, h)
	for i := len(s.heap) - 1; i > 0; {
		parent := (i - 1) / 2
		if cmpHit(s.heap[parent], s.heap[i]) >= 0 {
			break
		}
		s.heap[parent], s.heap[i] = s.heap[i], s.heap[parent]
		i = parent
	}
}

func (s *nearest) down(i int) {
	h := s.heap
	for {
		worst := i
		if l := 2*i + 1; l < len(h) && cmpHit(h[l], h[worst]) > 0 {
			worst = l
		}
		if r := 2*i + 2; r < len(h) && cmpHit(h[r], h[worst]) > 0 {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}

// Within returns the indices of the points at most metres from p by
// [Distance] (the boundary included), in ascending distance, equal
// distances in ascending index: exactly a brute-force scan. metres = 0
// returns the points equal to p; metres >= π × [EarthRadius] or +Inf
// returns every point. It returns nil when no point is that close, the
// index is empty or nil, metres is negative or NaN, or p is not [Valid].
//
// Time is O(log N + m) for m results from well-spread points; the result
// is a new slice. Safe for concurrent use.
func (idx *Index) Within(p orb.Point, metres float64) []int {
	if idx.Len() == 0 || !(metres >= 0) || !Valid(p) {
		return nil
	}
	if metres >= math.Pi*EarthRadius {
		return idx.all(p)
	}
	q, bound := unitVector(p), chordBound(metres)
	var hits []hit
	idx.walk(func(n *kdNode) {
		if chord2(q, n.v) > bound {
			return
		}
		if d := Distance(p, n.p); d <= metres {
			hits = append(hits, hit{d, n.id})
		}
	}, func(n *kdNode) (below, above bool) {
		diff := q[n.axis] - n.v[n.axis]
		return diff <= 0 || diff*diff <= bound, diff >= 0 || diff*diff <= bound
	})
	return sortedIDs(hits)
}

// InBound returns the indices, ascending, of the points inside b: latitude
// in [b.Min[1], b.Max[1]] and longitude in [b.Min[0], b.Max[0]], bounds
// included, coordinates compared as given (so infinite bounds are
// open-ended and out-of-range ones harmless).
//
// A bound with b.Min[0] > b.Max[0] crosses the antimeridian: it holds the
// longitudes from b.Min[0] east to 180 and from -180 east to b.Max[0]
// (orb.Bound itself has no such convention, so build it by hand, e.g.
// orb.Bound{Min: orb.Point{170, -10}, Max: orb.Point{-170, 10}}). A
// point at longitude -180 and one at 180 are the same place, but each is
// inside only a bound that includes its own longitude.
//
// It returns nil when no point is inside, the index is empty or nil, a
// bound coordinate is NaN, or b.Min[1] > b.Max[1]. Safe for concurrent
// use.
func (idx *Index) InBound(b orb.Bound) []int {
	if idx.Len() == 0 || math.IsNaN(b.Min[0]) || math.IsNaN(b.Min[1]) || math.IsNaN(b.Max[0]) ||
		math.IsNaN(b.Max[1]) || b.Min[1] > b.Max[1] {
		return nil
	}
	wraps := b.Min[0] > b.Max[0]
	inside := func(p orb.Point) bool {
		if p[1] < b.Min[1] || p[1] > b.Max[1] {
			return false
		}
		if wraps {
			return p[0] >= b.Min[0] || p[0] <= b.Max[0]
		}
		return p[0] >= b.Min[0] && p[0] <= b.Max[0]
	}
	box := boundBox(b)
	var ids []int
	idx.walk(func(n *kdNode) {
		if inside(n.p) {
			ids = append(ids, int(n.id))
		}
	}, func(n *kdNode) (below, above bool) {
		split := n.v[n.axis]
		return box[0][n.axis] <= split, box[1][n.axis] >= split
	})
	slices.Sort(ids)
	return ids
}

// walk passes consider every node of the tree that a search may need: at
// each split it descends below and above the splitting node only as sides
// says.
func (idx *Index) walk(consider func(*kdNode), sides func(*kdNode) (below, above bool)) {
	var search func(lo, hi int)
	search = func(lo, hi int) {
		if hi-lo <= leafSize {
			for i := lo; i < hi; i++ {
				consider(&idx.nodes[i])
			}
			return
		}
		mid := lo + (hi-lo)/2
		n := &idx.nodes[mid]
		consider(n)
		below, above := sides(n)
		if below {
			search(lo, mid)
		}
		if above {
			search(mid+1, hi)
		}
	}
	search(0, len(idx.nodes))
}

// boundBox returns a 3-D box, {min, max}, around the unit vectors of all
// points inside the lon/lat bound b (read as InBound reads it), widened by
// a rounding margin.
func boundBox(b orb.Bound) [2][3]float64 {
	lat0, lat1 := rad(max(b.Min[1], -90)), rad(min(b.Max[1], 90))
	// The longitudes inside, as one interval [lon0, lon1] of degrees read
	// modulo 360; points have longitudes in [-180, 180] only.
	lon0, lon1 := max(b.Min[0], -180), min(b.Max[0], 180)
	if b.Min[0] > b.Max[0] {
		lon0, lon1 = min(b.Min[0], 180), max(b.Max[0], -180)+360
	}
	// cos(lat) >= 0 over the band; its extremes lie at the ends or at 0°.
	cosLo, cosHi := min(math.Cos(lat0), math.Cos(lat1)), max(math.Cos(lat0), math.Cos(lat1))
	if lat0 <= 0 && lat1 >= 0 {
		cosHi = 1
	}
	// cos and sin of the longitude over [lon0, lon1], in degrees.
	var cosLon, sinLon [2]float64
	if lon1-lon0 >= 360 || math.IsInf(lon0, 0) || math.IsInf(lon1, 0) {
		cosLon, sinLon = [2]float64{-1, 1}, [2]float64{-1, 1}
	} else {
		c0, c1 := math.Cos(rad(lon0)), math.Cos(rad(lon1))
		s0, s1 := math.Sin(rad(lon0)), math.Sin(rad(lon1))
		cosLon = [2]float64{min(c0, c1), max(c0, c1)}
		sinLon = [2]float64{min(s0, s1), max(s0, s1)}
		if containsAngle(lon0, lon1, 0) {
			cosLon[1] = 1
		}
		if containsAngle(lon0, lon1, 180) {
			cosLon[0] = -1
		}
		if containsAngle(lon0, lon1, 90) {
			sinLon[1] = 1
		}
		if containsAngle(lon0, lon1, -90) {
			sinLon[0] = -1
		}
	}
	// x = cos(lat)·cos(lon) and y = cos(lat)·sin(lon), with cos(lat) >= 0.
	scale := func(r [2]float64) [2]float64 {
		lo, hi := cosHi*r[0], cosHi*r[1]
		if r[0] >= 0 {
			lo = cosLo * r[0]
		}
		if r[1] < 0 {
			hi = cosLo * r[1]
		}
		return [2]float64{lo, hi}
	}
	x, y := scale(cosLon), scale(sinLon)
	const margin = 1e-12
	return [2][3]float64{
		{x[0] - margin, y[0] - margin, math.Sin(lat0) - margin},
		{x[1] + margin, y[1] + margin, math.Sin(lat1) + margin},
	}
}

// containsAngle reports whether some t + 360·k lies in [lo, hi] (degrees).
func containsAngle(lo, hi, t float64) bool {
	return math.Ceil((lo-t)/360) <= math.Floor((hi-t)/360)
}
