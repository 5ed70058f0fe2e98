package cost

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

// road is a leg's cost in whole seconds at 10 m/s.
func road(metres float64) int64 { return int64(math.Round(metres / 10)) }

// fixture returns n random points around Jiang County, two of them at one
// location, with every fifth point coarse: its legs cost an hour more.
func fixture(n int) Locations {
	rng := rand.New(rand.NewPCG(1, 2))
	l := Locations{Road: road, Coarse: make([]bool, n), Bound: math.MaxInt64}
	for i := range n {
		l.Points = append(l.Points, orb.Point{111.4 + 0.3*rng.Float64(), 35.4 + 0.2*rng.Float64()})
		l.Coarse[i] = i%5 == 0
	}
	l.Points[n-1] = l.Points[n-2]
	l.Leg = func(_, _ int, metres float64) int64 { return road(metres) + 3600 }
	return l
}

// dense is the table of l filled entry by entry.
func dense(l Locations) []int64 {
	n := len(l.Points)
	c := make([]int64, n*n)
	for i := range n {
		for j := range n {
			switch {
			case i == j:
			case l.Coarse[i] || l.Coarse[j]:
				c[i*n+j] = l.Leg(i, j, geo.Distance(l.Points[i], l.Points[j]))
			default:
				c[i*n+j] = road(geo.Distance(l.Points[i], l.Points[j]))
			}
		}
	}
	return c
}

func TestTablesAgree(t *testing.T) {
	const n = 40
	l := fixture(n)
	c := dense(l)
	tables := map[string]Table{"dense": Dense(n, c), "computed": FromLocations(l)}
	for name, tab := range tables {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, n, tab.N())
			assert.True(t, tab.Symmetric())
			z := tab.WithZeroNode()
			assert.Equal(t, n+1, z.Stride())
			rows := NewRows(&z, 3)
			for i := range n {
				for j := range n {
					require.Equal(t, c[i*n+j], tab.At(i, j), "%d -> %d", i, j)
					require.Equal(t, c[i*n+j], z.At(i, j), "%d -> %d with the zero node", i, j)
				}
				assert.Zero(t, z.At(i, n))
				assert.Zero(t, z.At(n, i))
				// rows in an order that makes the cache of 3 evict
				for _, k := range []int{i, (i + 7) % n, i, (i + 3) % n, (i + 11) % n, i} {
					assert.Equal(t, c[k*n:k*n+n], rows.Row(k)[:n], "row %d", k)
					assert.Zero(t, rows.Row(k)[n])
				}
			}
		})
	}
	comp, full := tables["computed"], tables["dense"]
	assert.Nil(t, comp.Dense())
	assert.Len(t, full.Dense(), n*n)
}

func TestSymmetricAndBound(t *testing.T) {
	c := []int64{0, 3, 5, 0}
	tab := Dense(2, c)
	assert.False(t, tab.Symmetric())
	assert.Equal(t, int64(5), tab.Bound())
	tab = Dense(2, []int64{0, 4, 4, 0})
	assert.True(t, tab.Symmetric())
	comp := FromLocations(Locations{Points: []orb.Point{{111, 35}, {112, 35}}, Road: road, Bound: 99})
	assert.Equal(t, int64(99), comp.Bound())
}

// TestNearest checks the k-d tree's neighbour lists against a brute-force
// ranking by distance, over a subset of the nodes.
func TestNearest(t *testing.T) {
	const n, k = 60, 7
	l := fixture(n)
	comp := FromLocations(l)
	var among []int
	for i := range n {
		if i%3 != 1 {
			among = append(among, i)
		}
	}
	near := comp.Nearest(among, k)
	require.Len(t, near, len(among))
	for a, i := range among {
		others := slices.DeleteFunc(slices.Clone(among), func(j int) bool { return j == i })
		slices.SortStableFunc(others, func(x, y int) int {
			dx, dy := geo.Distance(l.Points[i], l.Points[x]), geo.Distance(l.Points[i], l.Points[y])
			switch {
			case dx < dy:
				return -1
			case dx > dy:
				return 1
			}
			return 0
		})
		want := make([]int32, k)
		for b := range want {
			want[b] = int32(others[b])
		}
		assert.Equal(t, want, near[a], "node %d", i)
	}
	full := Dense(n, dense(l))
	assert.Nil(t, full.Nearest(among, k), "dense tables scan their rows")
	assert.Nil(t, comp.Nearest([]int{3}, k), "one node has no neighbours")
}

// TestFloor checks that Floor bounds every leg into and out of a node
// from below and equals the shortest where that leg is precise, and that
// Least bounds every leg from below, by at most a second between
// precise places a few kilometres apart.
func TestFloor(t *testing.T) {
	const n = 50
	l := fixture(n)
	comp := FromLocations(l)
	for i := range n {
		f := comp.Floor(i)
		least := int64(math.MaxInt64)
		for j := range n {
			if j != i {
				assert.LessOrEqual(t, f, comp.At(i, j), "%d -> %d", i, j)
				assert.LessOrEqual(t, f, comp.At(j, i), "%d -> %d", j, i)
				least = min(least, comp.At(i, j))
			}
		}
		if !l.Coarse[i] {
			assert.LessOrEqual(t, least-f, int64(3600), "node %d", i)
		}
	}
	for i := range n {
		for j := range n {
			require.LessOrEqual(t, comp.Least(i, j), comp.At(i, j), "%d -> %d", i, j)
			if !l.Coarse[i] && !l.Coarse[j] {
				require.GreaterOrEqual(t, comp.Least(i, j), comp.At(i, j)-1, "%d -> %d: a chord of a few km is the arc", i, j)
			}
		}
	}
	assert.Zero(t, comp.Floor(n-1), "a node sharing its location")
	full := Dense(n, dense(l))
	assert.Zero(t, full.Floor(3))
}

// TestSub checks a part of a computed table, copied and computed.
func TestSub(t *testing.T) {
	const n = 3000
	l := fixture(n)
	comp := FromLocations(l)
	for _, k := range []int{5, maxSubDense + 1} {
		nodes := rand.New(rand.NewPCG(5, uint64(k))).Perm(n)[:k]
		sub := comp.Sub(nodes)
		require.Equal(t, k, sub.N())
		assert.Equal(t, k <= maxSubDense, sub.Dense() != nil)
		for a := 0; a < k; a += 1 + k/50 {
			for b := 0; b < k; b += 1 + k/40 {
				require.Equal(t, comp.At(nodes[a], nodes[b]), sub.At(a, b), "%d -> %d", a, b)
			}
		}
	}
}

// TestInUnits checks that a computed table in units holds every cost
// divided exactly by the unit, coarse legs and the zero node included,
// with its bound rounded up; that a computed part of it keeps the unit;
// and that a dense table stays as it is.
func TestInUnits(t *testing.T) {
	const n, unit = maxSubDense + 10, 1000
	l := fixture(n)
	road, leg := l.Road, l.Leg
	l.Road = func(m float64) int64 { return road(m) * unit }
	l.Leg = func(i, j int, m float64) int64 { return leg(i, j, m) * unit }
	l.Bound, l.Unit = 5*unit+1, unit
	ns := FromLocations(l).WithZeroNode()
	secs := ns.InUnits()
	assert.Equal(t, int64(6), secs.Bound())
	all := make([]int, n)
	for i := range all {
		all[i] = n - 1 - i // reversed: node a of the part is node n-1-a
	}
	part := ns.Sub(all)
	require.Nil(t, part.Dense(), "a part above maxSubDense nodes is computed")
	partSecs := part.InUnits()
	for i := 0; i <= n; i += 37 {
		for j := 0; j <= n; j += 41 {
			require.Zero(t, ns.At(i, j)%unit, "%d -> %d", i, j)
			require.Equal(t, ns.At(i, j)/unit, secs.At(i, j), "%d -> %d", i, j)
			if i < n && j < n {
				require.Equal(t, secs.At(n-1-i, n-1-j), partSecs.At(i, j), "part %d -> %d", i, j)
			}
		}
	}
	d := Dense(4, make([]int64, 16))
	assert.Equal(t, d, d.InUnits())
}
