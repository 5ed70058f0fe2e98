package route

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route/internal/cost"
	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
)

// maxDensePlaces is the largest number of places (stops and the days'
// distinct starts and ends) of a problem by locations whose travel times
// are held in a dense table: 8·n² bytes, at most 256 MiB (200 MB at
// 5,000 places). Above it they are computed from the locations when the
// engines read them, in O(n) memory; a dense table is read faster.
const maxDensePlaces = 5792

// buildTravel sets the travel table: from the matrix, or from the places'
// locations and the mode with expected values for coarse places. With a
// Matrix, or up to denseUpTo places, the table is dense, 8·n² bytes
// for n places; above, it is computed on demand (see
// [model.computeTravel]). Distances are not tabled but computed when a
// plan reports them (see distance).
func (m *model) buildTravel(denseUpTo int) error {
	if m.p.Matrix == nil && (m.n > denseUpTo || m.tooWideForDense()) {
		return m.computeTravel()
	}
	n := m.n
	travel := make([]int64, n*n)
	m.travel = cost.Dense(n, travel)
	if mx := m.p.Matrix; mx != nil {
		for i := range n {
			row := mx.Durations[m.places[i].MatrixIndex]
			for j := range n {
				if i != j {
					travel[i*n+j] = int64(row[m.places[j].MatrixIndex])
				}
			}
		}
		return nil
	}
	mode := m.mode()
	pts := geo.NewPoints(m.locations())
	forEachRow(n, func(i int) {
		for j := i + 1; j < n; j++ {
			d := int64(roadTime(mode, pts.Distance(i, j)))
			travel[i*n+j], travel[j*n+i] = d, d
		}
	})
	for k, d := range travel {
		if d > int64(MaxDuration) {
			return m.unreachable(k/n, k%n, time.Duration(d), false)
		}
	}
	return m.coarsen()
}

// tooWideForDense reports whether the places lie so far apart that a
// dense table, in nanoseconds, could pass the ordering engine's bound on
// the sum of every row's longest leg (tsp.MaxTotalCost, 2^60 ns: about
// 36 years, reached by orderings across a country). A computed table
// hands the engine its legs in whole seconds instead (cost.Table.InUnits).
func (m *model) tooWideForDense() bool {
	return int64(roadTime(m.mode(), spread(m.locations()))) > tsp.MaxTotalCost/int64(m.n)
}

// locations returns the places' locations, per node.
func (m *model) locations() []orb.Point {
	locs := make([]orb.Point, m.n)
	for i, pl := range m.places {
		locs[i] = pl.Location
	}
	return locs
}

// computeTravel sets a travel table computed from the locations when
// read: the same values as the dense table (legTime), in O(n) memory.
// It proves in O(n) time that no leg is longer than MaxDuration when the
// places lie close enough together (for a mode of 45 km/h and circuity
// 1.3, within about 2,900 km of their first one); otherwise it checks
// every pair, in O(n²) time, to name the first such leg.
func (m *model) computeTravel() error {
	mode := m.mode()
	locs := m.locations()
	coarse := make([]bool, m.n)
	widest := 0.0
	for i, pl := range m.places {
		coarse[i] = pl.Coarse()
		widest = max(widest, coarseRadius(pl))
	}
	if widest == 0 {
		coarse = nil
	}
	bound := roadTime(mode, max(spread(locs), 2*widest/3))
	m.travel = cost.FromLocations(cost.Locations{
		Points: locs,
		Road:   func(d float64) int64 { return int64(roadTime(mode, d)) },
		Coarse: coarse,
		Leg:    func(i, j int, d float64) int64 { return int64(legTime(m.places[i], m.places[j], d, mode)) },
		Bound:  int64(bound),
		Unit:   int64(time.Second), // roadTime gives whole seconds
	})
	if bound <= MaxDuration {
		return nil
	}
	pts := geo.NewPoints(locs)
	if i, j, ok := firstPair(m.n, func(i, j int) bool { return roadTime(mode, pts.Distance(i, j)) > MaxDuration }); ok {
		return m.unreachable(i, j, roadTime(mode, pts.Distance(i, j)), false)
	}
	if i, j, ok := firstPair(m.n, func(i, j int) bool { return time.Duration(m.travel.At(i, j)) > MaxDuration }); ok {
		return m.unreachable(i, j, time.Duration(m.travel.At(i, j)), true)
	}
	return nil
}

// spread returns an upper bound of the great-circle distance between any
// two of locs, in metres: twice the largest distance from a centre (the
// first point, or the middle of their longitudes and latitudes, whichever
// gives less), with a margin for rounding.
func spread(locs []orb.Point) float64 {
	if len(locs) == 0 {
		return 0
	}
	b := orb.MultiPoint(locs).Bound()
	best := math.Inf(1)
	for _, c := range []orb.Point{locs[0], b.Center()} {
		far := 0.0
		for _, p := range locs {
			far = max(far, geo.Distance(c, p))
		}
		best = min(best, 2*far)
	}
	return best*(1+1e-9) + 1
}

// firstPair returns the first pair i < j, in the order of i then j, for
// which long(i, j) holds, checking the rows in parallel.
func firstPair(n int, long func(i, j int) bool) (int, int, bool) {
	first := make([]int32, n)
	forEachRow(n, func(i int) {
		first[i] = -1
		for j := i + 1; j < n; j++ {
			if long(i, j) {
				first[i] = int32(j)
				return
			}
		}
	})
	for i, j := range first {
		if j >= 0 {
			return i, int(j), true
		}
	}
	return 0, 0, false
}

// unreachable is the error for the leg from node i to j taking d, longer
// than MaxDuration: by its straight distance, or expected between coarse
// places.
func (m *model) unreachable(i, j int, d time.Duration, expected bool) error {
	mode := m.mode()
	msg := fmt.Sprintf("leg %s -> %s: %s expected by %s is longer than %s: unreachable",
		m.name(i), m.name(j), d, mode.Name, MaxDuration)
	if !expected {
		long := "too long" // for time.Duration
		if full, err := mode.Duration(geo.Distance(m.places[i].Location, m.places[j].Location)); err == nil {
			long = full.String()
		}
		msg = fmt.Sprintf("leg %s -> %s: %s by %s is longer than %s: unreachable",
			m.name(i), m.name(j), long, mode.Name, MaxDuration)
	}
	return &matrixError{msg: msg, errs: []error{ErrUnreachable}}
}

// forEachRow calls f(i) for i in [0, n) on GOMAXPROCS goroutines, handing
// rows out in blocks, and returns when all calls have returned.
func forEachRow(n int, f func(i int)) {
	const block = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), n/block)) {
		wg.Go(func() {
			for {
				lo := int(next.Add(block)) - block
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+block, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

// shortest returns the shortest travel times from src to every node, or
// with reverse from every node to src, by dense Dijkstra: O(n²) time,
// O(n) memory. It stops once the nearest unsettled node is farther than
// any day that starts (reverse: ends) at src lasts; the others keep
// times longer than that, which no day can hold either. A leg is read
// only when its cheap lower bound (cost.Table.Least) could improve on
// the time already found.
func (m *model) shortest(src int, reverse bool) []int64 {
	n := m.n
	const inf = int64(1) << 62
	limit := int64(0)
	for _, d := range m.days {
		if d.start == src && !reverse || d.end == src && reverse {
			limit = max(limit, d.close-d.open)
		}
	}
	dist := make([]int64, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i] = inf
	}
	dist[src] = 0
	for range n {
		u := -1
		for v := range n {
			if !done[v] && (u < 0 || dist[v] < dist[u]) {
				u = v
			}
		}
		if dist[u] > limit {
			break
		}
		done[u] = true
		for v := range n {
			a, b := u, v
			if reverse {
				a, b = v, u
			}
			if done[v] || m.travel.Least(a, b) >= dist[v]-dist[u] {
				continue
			}
			if w := m.travel.At(a, b); dist[u]+w < dist[v] {
				dist[v] = dist[u] + w
			}
		}
	}
	return dist
}
