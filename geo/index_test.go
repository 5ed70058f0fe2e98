package geo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bruteRank returns the indices of pts with their distances from p, in
// ascending Distance, equal distances by index.
func bruteRank(pts []orb.Point, p orb.Point) ([]int, []float64) {
	ids := make([]int, len(pts))
	ds := make([]float64, len(pts))
	for i, q := range pts {
		ids[i], ds[i] = i, Distance(p, q)
	}
	slices.SortFunc(ids, func(a, b int) int {
		if c := cmp.Compare(ds[a], ds[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	sorted := make([]float64, len(ids))
	for i, id := range ids {
		sorted[i] = ds[id]
	}
	return ids, sorted
}

// bruteNearest is the first k of a ranking from bruteRank.
func bruteNearest(ids []int, k int) []int {
	if k <= 0 || len(ids) == 0 {
		return nil
	}
	return ids[:min(k, len(ids))]
}

// bruteWithin is the part of a ranking from bruteRank at most r away.
func bruteWithin(ids []int, ds []float64, r float64) []int {
	n := 0
	for n < len(ds) && ds[n] <= r {
		n++
	}
	if n == 0 {
		return nil
	}
	return ids[:n]
}

func bruteInBound(pts []orb.Point, b orb.Bound) []int {
	var ids []int
	for i, p := range pts {
		if p[1] < b.Min[1] || p[1] > b.Max[1] {
			continue
		}
		lonIn := p[0] >= b.Min[0] && p[0] <= b.Max[0]
		if b.Min[0] > b.Max[0] {
			lonIn = p[0] >= b.Min[0] || p[0] <= b.Max[0]
		}
		if lonIn {
			ids = append(ids, i)
		}
	}
	return ids
}

// wrapLon brings a longitude into [-180, 180].
func wrapLon(lon float64) float64 {
	for lon > 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return lon
}

// indexDatasets returns named point sets that stress the index: spread,
// clustered at the poles, straddling the antimeridian, duplicated, tiny.
func indexDatasets(rng *rand.Rand, n int) map[string][]orb.Point {
	sets := map[string][]orb.Point{}
	sets["global"] = randomPoints(rng, n)

	var north, south []orb.Point
	for range n {
		north = append(north, orb.Point{rng.Float64()*360 - 180, 90 - rng.Float64()*0.1})
		south = append(south, orb.Point{rng.Float64()*360 - 180, -90 + rng.ExpFloat64()*0.01})
	}
	// The pole itself under several longitudes: one place, distance 0.
	north = append(north, orb.Point{0, 90}, orb.Point{123, 90}, orb.Point{-180, 90})
	south = append(south, orb.Point{0, -90}, orb.Point{180, -90})
	sets["north pole"], sets["south pole"] = north, south

	var anti []orb.Point
	for range n {
		anti = append(anti, orb.Point{wrapLon(180 + (rng.Float64()-0.5)*1.0), (rng.Float64() - 0.5) * 2})
	}
	anti = append(anti, orb.Point{180, 0}, orb.Point{-180, 0}, orb.Point{180, 0.5}, orb.Point{-179.9999999, 0})
	sets["antimeridian"] = anti

	var dup []orb.Point
	base := randomPoints(rng, 25)
	for i := range n {
		dup = append(dup, base[i%len(base)])
	}
	sets["duplicates"] = dup

	var tiny []orb.Point // within about a metre
	for range n {
		tiny = append(tiny, orb.Point{111.57067 + rng.Float64()*1e-5, 35.49072 + rng.Float64()*1e-5})
	}
	sets["one metre"] = tiny

	var mixed []orb.Point
	for _, name := range []string{"global", "north pole", "south pole", "antimeridian", "duplicates", "one metre"} {
		mixed = append(mixed, sets[name][:n/6]...)
	}
	sets["mixed"] = mixed
	return sets
}

// indexQueries returns query points for pts: random ones, the data points
// themselves and their antipodes, nudged copies, the poles and the
// antimeridian.
func indexQueries(rng *rand.Rand, pts []orb.Point) []orb.Point {
	qs := randomPoints(rng, 8)
	qs = append(qs, orb.Point{0, 90}, orb.Point{77, 90}, orb.Point{0, -90}, orb.Point{180, 0}, orb.Point{-180, 0},
		orb.Point{180, 89.95}, orb.Point{-180, -89.99}, orb.Point{111.57067, 35.49072})
	for range 8 {
		p := pts[rng.IntN(len(pts))]
		qs = append(qs, p, orb.Point{wrapLon(p[0] + 180), -p[1]})
		qs = append(qs, orb.Point{wrapLon(p[0] + (rng.Float64()-0.5)*1e-6), math.Max(-90, math.Min(90, p[1]+(rng.Float64()-0.5)*1e-6))})
	}
	return qs
}

func TestIndexMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for name, pts := range indexDatasets(rng, 1200) {
		t.Run(name, func(t *testing.T) {
			idx, err := NewIndex(pts)
			require.NoError(t, err)
			require.Equal(t, len(pts), idx.Len())
			n := len(pts)
			for qi, q := range indexQueries(rng, pts) {
				ids, ds := bruteRank(pts, q)
				for _, k := range []int{-1, 0, 1, 2, 10, 77, n - 1, n, n + 5} {
					require.Equal(t, bruteNearest(ids, k), idx.Nearest(q, k), "query %d %v, k=%d", qi, q, k)
				}
				radii := []float64{0, 1e-9, 1e-3, 0.5, 30, 1e4, 1e6, 1e7, math.Pi * EarthRadius, 1e9, math.Inf(1)}
				// Exact distances to data points: the boundary is included.
				for _, j := range []int{0, 1, 9, n / 2, n - 1} {
					radii = append(radii, ds[j], math.Nextafter(ds[j], 0), math.Nextafter(ds[j], math.Inf(1)))
				}
				for _, r := range radii {
					require.Equal(t, bruteWithin(ids, ds, r), idx.Within(q, r), "query %d %v, r=%v", qi, q, r)
				}
			}
			for bi, b := range indexBounds(rng, pts) {
				require.Equal(t, bruteInBound(pts, b), idx.InBound(b), "bound %d %v", bi, b)
			}
		})
	}
}

// indexBounds returns bounds for pts: random boxes, boxes around data
// points, ones that cross the antimeridian or reach a pole, the world,
// single points, out-of-range and empty ones.
func indexBounds(rng *rand.Rand, pts []orb.Point) []orb.Bound {
	bs := []orb.Bound{
		{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}},
		{Min: orb.Point{170, -10}, Max: orb.Point{-170, 10}},
		{Min: orb.Point{179.9, -1}, Max: orb.Point{-179.9, 1}},
		{Min: orb.Point{180, -90}, Max: orb.Point{-180, 90}},
		{Min: orb.Point{-180, 89.95}, Max: orb.Point{180, 90}},
		{Min: orb.Point{-10, 89.95}, Max: orb.Point{10, 90}},
		{Min: orb.Point{-180, -90}, Max: orb.Point{180, -89.99}},
		{Min: orb.Point{0, 90}, Max: orb.Point{0, 90}},
		{Min: orb.Point{180, 0}, Max: orb.Point{180, 0}},
		{Min: orb.Point{-500, -100}, Max: orb.Point{500, 100}},
		{Min: orb.Point{200, -90}, Max: orb.Point{100, 90}},
		{Min: orb.Point{170, -90}, Max: orb.Point{-200, 90}},
		{Min: orb.Point{111, 36}, Max: orb.Point{112, 35}},
		{Min: orb.Point{math.Inf(-1), math.Inf(-1)}, Max: orb.Point{math.Inf(1), math.Inf(1)}},
		{Min: orb.Point{math.Inf(1), -1}, Max: orb.Point{math.Inf(-1), 1}},
	}
	for range 12 {
		lon0, lon1 := rng.Float64()*360-180, rng.Float64()*360-180
		lat0, lat1 := rng.Float64()*180-90, rng.Float64()*180-90
		bs = append(bs, orb.Bound{Min: orb.Point{lon0, min(lat0, lat1)}, Max: orb.Point{lon1, max(lat0, lat1)}})
	}
	for range 12 {
		p := pts[rng.IntN(len(pts))]
		w, h := rng.ExpFloat64()*0.01, rng.ExpFloat64()*0.01
		bs = append(bs,
			orb.Bound{Min: orb.Point{p[0] - w, p[1] - h}, Max: orb.Point{p[0] + w, p[1] + h}},
			orb.Bound{Min: p, Max: p},
			orb.Bound{Min: orb.Point{wrapLon(p[0] - w), p[1] - h}, Max: orb.Point{wrapLon(p[0] + w), p[1] + h}})
	}
	return bs
}

func TestIndexLarge(t *testing.T) {
	// Large enough for the parallel build; fewer queries.
	n := 70_000
	if testing.Short() {
		n = 5_000
	}
	rng := rand.New(rand.NewPCG(7, 8))
	pts := randomPoints(rng, n)
	idx, err := NewIndex(pts)
	require.NoError(t, err)
	for qi, q := range indexQueries(rng, pts)[:12] {
		ids, ds := bruteRank(pts, q)
		require.Equal(t, bruteNearest(ids, 10), idx.Nearest(q, 10), "query %d %v", qi, q)
		require.Equal(t, bruteWithin(ids, ds, 50_000), idx.Within(q, 50_000), "query %d %v", qi, q)
	}
	for bi, b := range indexBounds(rng, pts) {
		require.Equal(t, bruteInBound(pts, b), idx.InBound(b), "bound %d %v", bi, b)
	}
}

func TestIndexDoesNotKeepInput(t *testing.T) {
	pts := []orb.Point{{0, 0}, {10, 10}}
	idx, err := NewIndex(pts)
	require.NoError(t, err)
	pts[0] = orb.Point{10, 10.1}
	assert.Equal(t, []int{0, 1}, idx.Nearest(orb.Point{0, 0}, 2))
}

func TestNewIndexErrors(t *testing.T) {
	tests := []struct {
		name   string
		points []orb.Point
		want   string
	}{
		{"NaN", []orb.Point{{0, 0}, {math.NaN(), 0}}, "point 1 (NaN, 0)"},
		{"Inf", []orb.Point{{math.Inf(1), 0}}, "point 0 (+Inf, 0)"},
		{"latitude", []orb.Point{{0, 0}, {0, 0}, {0, -90.5}}, "point 2 (0, -90.5)"},
		{"longitude", []orb.Point{{180.1, 0}}, "point 0 (180.1, 0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx, err := NewIndex(tt.points)
			require.Error(t, err)
			assert.Nil(t, idx)
			assert.ErrorIs(t, err, ErrInvalidPoint)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestIndexBadQueries(t *testing.T) {
	idx, err := NewIndex([]orb.Point{{111.57, 35.49}, {111.37, 35.62}})
	require.NoError(t, err)
	nan, inf := math.NaN(), math.Inf(1)
	for _, q := range []orb.Point{{nan, 0}, {0, nan}, {inf, 0}, {0, -inf}, {181, 0}, {0, 90.0001}} {
		t.Run(fmt.Sprint(q), func(t *testing.T) {
			assert.Nil(t, idx.Nearest(q, 1))
			assert.Nil(t, idx.Within(q, 1e7))
		})
	}
	p := orb.Point{111.57, 35.49}
	assert.Nil(t, idx.Nearest(p, 0))
	assert.Nil(t, idx.Nearest(p, -3))
	assert.Nil(t, idx.Within(p, -1))
	assert.Nil(t, idx.Within(p, nan))
	assert.Nil(t, idx.Within(p, -inf))
	assert.Nil(t, idx.Within(orb.Point{0, 0}, 1000), "nothing that close")
	assert.Nil(t, idx.InBound(orb.Bound{Min: orb.Point{nan, 0}, Max: orb.Point{180, 90}}))
	assert.Nil(t, idx.InBound(orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{180, nan}}))
	assert.Nil(t, idx.InBound(orb.Bound{Min: orb.Point{100, 40}, Max: orb.Point{120, 30}}), "min latitude above max")
}

func TestIndexEmpty(t *testing.T) {
	for name, idx := range map[string]*Index{"nil slice": mustIndex(t, nil), "empty slice": mustIndex(t, []orb.Point{}), "nil index": nil} {
		t.Run(name, func(t *testing.T) {
			assert.Zero(t, idx.Len())
			assert.Nil(t, idx.Nearest(orb.Point{0, 0}, 5))
			assert.Nil(t, idx.Within(orb.Point{0, 0}, math.Inf(1)))
			assert.Nil(t, idx.InBound(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}))
		})
	}
}

func mustIndex(t *testing.T, pts []orb.Point) *Index {
	t.Helper()
	idx, err := NewIndex(pts)
	require.NoError(t, err)
	return idx
}

func TestIndexConcurrentQueries(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	pts := randomPoints(rng, 3000)
	idx := mustIndex(t, pts)
	qs := randomPoints(rng, 16)
	want := make([][]int, len(qs))
	for i, q := range qs {
		want[i] = idx.Nearest(q, 5)
	}
	var wg sync.WaitGroup
	got := make([][]int, len(qs))
	for i, q := range qs {
		wg.Go(func() {
			got[i] = idx.Nearest(q, 5)
			idx.Within(q, 1e5)
			idx.InBound(orb.Bound{Min: q, Max: orb.Point{q[0] + 1, q[1]}})
		})
	}
	wg.Wait()
	assert.Equal(t, want, got)
}

func TestBuildOrdersNodes(t *testing.T) {
	// Every inner node splits its range: no greater coordinate before it,
	// no smaller after it.
	rng := rand.New(rand.NewPCG(11, 12))
	pts := append(randomPoints(rng, 2000), indexDatasets(rng, 300)["duplicates"]...)
	idx := mustIndex(t, pts)
	var check func(lo, hi int)
	check = func(lo, hi int) {
		if hi-lo <= leafSize {
			return
		}
		mid := lo + (hi-lo)/2
		n := idx.nodes[mid]
		for i := lo; i < mid; i++ {
			require.LessOrEqual(t, idx.nodes[i].v[n.axis], n.v[n.axis])
		}
		for i := mid + 1; i < hi; i++ {
			require.GreaterOrEqual(t, idx.nodes[i].v[n.axis], n.v[n.axis])
		}
		check(lo, mid)
		check(mid+1, hi)
	}
	check(0, len(idx.nodes))
	seen := make([]bool, len(pts))
	for _, n := range idx.nodes {
		require.False(t, seen[n.id])
		seen[n.id] = true
		require.Equal(t, unitVector(pts[n.id]), n.v)
		require.Equal(t, pts[n.id], n.p)
	}
}

func TestBoundBoxHoldsInsidePoints(t *testing.T) {
	// boundBox must hold the unit vector of every point InBound accepts;
	// the tree prunes with it.
	rng := rand.New(rand.NewPCG(13, 14))
	pts := randomPoints(rng, 20_000)
	for _, lon := range []float64{-180, -90, 0, 90, 180} {
		for _, lat := range []float64{-90, -45, 0, 45, 90} {
			pts = append(pts, orb.Point{lon, lat})
		}
	}
	bounds := indexBounds(rng, pts)
	for range 200 { // bounds ending exactly on the axes, wrapping or not
		axes := []float64{-180, -90, 0, 90, 180}
		lon0, lon1 := axes[rng.IntN(5)]+rng.Float64()-0.5, axes[rng.IntN(5)]+rng.Float64()-0.5
		lat0 := rng.Float64()*180 - 90
		bounds = append(bounds, orb.Bound{Min: orb.Point{lon0, lat0}, Max: orb.Point{lon1, lat0 + rng.Float64()*(90-lat0)}})
	}
	for bi, b := range bounds {
		box := boundBox(b)
		for _, i := range bruteInBound(pts, b) {
			v := unitVector(pts[i])
			for a := range 3 {
				require.True(t, box[0][a] <= v[a] && v[a] <= box[1][a],
					"bound %d %v: point %v axis %d: %v outside [%v, %v]", bi, b, pts[i], a, v[a], box[0][a], box[1][a])
			}
		}
	}
}

func TestIndexZeroValue(t *testing.T) {
	var idx Index
	assert.Zero(t, idx.Len())
	assert.Nil(t, idx.Nearest(orb.Point{0, 0}, 1))
	assert.Nil(t, idx.Within(orb.Point{0, 0}, 1))
	assert.Nil(t, idx.InBound(orb.Bound{Max: orb.Point{1, 1}}))
}
