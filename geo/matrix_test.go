package geo

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomPoints returns n points spread uniformly over the sphere.
func randomPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64()*360 - 180, deg(math.Asin(rng.Float64()*2 - 1))}
	}
	return pts
}

func TestNewMatrix(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	jiang := []orb.Point{{111.57067, 35.49072}, {111.372056, 35.621161}, {111.6, 35.4}, {111.57067, 35.49072}}
	tests := []struct {
		name   string
		points []orb.Point
		mode   Mode
	}{
		{"one point", []orb.Point{{111.57, 35.49}}, CountyDrive()},
		{"Jiang County with a duplicate", jiang, Walking()},
		{"global", randomPoints(rng, 60), TouristBus()},
		{"poles and antimeridian", []orb.Point{{0, 90}, {180, -90}, {-180, 0}, {179.9, 10}, {-179.9, -10}}, MountainDrive()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMatrix(tt.points, tt.mode)
			require.NoError(t, err)
			require.NoError(t, m.Validate())
			n := len(tt.points)
			require.Equal(t, n, m.Len())
			for i := range n {
				assert.Zero(t, m.Distances[i][i], "diagonal")
				assert.Zero(t, m.Durations[i][i], "diagonal")
				for j := range n {
					assert.Equal(t, m.Distances[i][j], m.Distances[j][i], "symmetric [%d][%d]", i, j)
					assert.Equal(t, m.Durations[i][j], m.Durations[j][i], "symmetric [%d][%d]", i, j)
					if i == j {
						continue
					}
					// Distance is exactly symmetric, so either order gives the entry.
					want := Distance(tt.points[i], tt.points[j]) * tt.mode.Circuity
					assert.Equal(t, want, m.Distances[i][j], "[%d][%d]", i, j)
					dur, err := tt.mode.Duration(Distance(tt.points[i], tt.points[j]))
					require.NoError(t, err)
					assert.Equal(t, dur, m.Durations[i][j], "[%d][%d]", i, j)
				}
			}
		})
	}
}

func TestNewMatrixDurationUnits(t *testing.T) {
	// One degree of latitude at 4.5 km/h with circuity 1.3.
	pts := []orb.Point{{111, 35}, {111, 36}}
	m, err := NewMatrix(pts, Walking())
	require.NoError(t, err)
	d := EarthRadius * math.Pi / 180 * 1.3
	assert.InDelta(t, d, m.Distances[0][1], 1e-6)
	assert.Equal(t, time.Duration(math.Round(d/1.25))*time.Second, m.Durations[0][1])
}

func TestNewMatrixErrors(t *testing.T) {
	ok := []orb.Point{{111.57, 35.49}, {111.37, 35.62}}
	tests := []struct {
		name     string
		points   []orb.Point
		mode     Mode
		is       error
		contains string
	}{
		{"nil points", nil, Walking(), ErrEmptyMatrix, ""},
		{"no points", []orb.Point{}, Walking(), ErrEmptyMatrix, ""},
		{"NaN", []orb.Point{ok[0], {math.NaN(), 35}}, Walking(), ErrInvalidPoint, "point 1 (NaN, 35)"},
		{"Inf", []orb.Point{{111, math.Inf(-1)}, ok[0]}, Walking(), ErrInvalidPoint, "point 0"},
		{"latitude 91", []orb.Point{ok[0], ok[1], {0, 91}}, Walking(), ErrInvalidPoint, "point 2"},
		{"longitude -181", []orb.Point{{-181, 0}}, Walking(), ErrInvalidPoint, "point 0"},
		{"zero mode", ok, Mode{}, nil, "speed 0 km/h"},
		{"circuity below 1", ok, Mode{Name: "x", Speed: 5, Circuity: 0.9}, nil, "circuity 0.9"},
		{"NaN speed", ok, Mode{Name: "x", Speed: math.NaN(), Circuity: 1}, nil, "speed NaN"},
		{"speed too low for time.Duration", ok, Mode{Name: "snail", Speed: 1e-6, Circuity: 1}, nil, "overflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMatrix(tt.points, tt.mode)
			require.Error(t, err)
			assert.Nil(t, m)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
			assert.Contains(t, err.Error(), tt.contains)
		})
	}
}

func TestNewMatrixParallelEqualsSingle(t *testing.T) {
	pts := randomPoints(rand.New(rand.NewPCG(3, 4)), 301)
	single, err := newMatrix(pts, CountyDrive(), 1)
	require.NoError(t, err)
	for _, workers := range []int{-1, 0, 2, 7, 400} {
		par, err := newMatrix(pts, CountyDrive(), workers)
		require.NoError(t, err)
		require.Equal(t, single, par, "workers=%d", workers)
	}
}

func TestMatrixValidate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name     string
		m        *Matrix
		is       error
		table    string
		row, col int
	}{
		{name: "nil", m: nil, is: ErrEmptyMatrix},
		{name: "no tables", m: &Matrix{}, is: ErrEmptyMatrix},
		{name: "no places", m: &Matrix{Durations: [][]time.Duration{}}, is: ErrEmptyMatrix},
		{name: "distances ragged", m: &Matrix{Distances: [][]float64{{0, 1}, {1}}}, table: "distances", row: 1, col: -1},
		{name: "distances not square", m: &Matrix{Distances: [][]float64{{0, 1, 2}, {1, 0, 3}}}, table: "distances", row: 0, col: -1},
		{name: "negative distance", m: &Matrix{Distances: [][]float64{{0, -1}, {1, 0}}}, table: "distances", row: 0, col: 1},
		{name: "NaN distance", m: &Matrix{Distances: [][]float64{{0, 1}, {nan, 0}}}, table: "distances", row: 1, col: 0},
		{name: "infinite distance", m: &Matrix{Distances: [][]float64{{math.Inf(1)}}}, table: "distances", row: 0, col: 0},
		{name: "durations ragged", m: &Matrix{Durations: [][]time.Duration{{0}, {1, 0}}}, table: "durations", row: 0, col: -1},
		{name: "negative duration", m: &Matrix{Durations: [][]time.Duration{{0, 1}, {-time.Second, 0}}}, table: "durations", row: 1, col: 0},
		{name: "tables of different sizes", m: &Matrix{Distances: [][]float64{{0}}, Durations: [][]time.Duration{{0, 1}, {1, 0}}},
			table: "distances", row: -1, col: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Validate()
			require.Error(t, err)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
				return
			}
			var me *MatrixError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, tt.table, me.Table)
			assert.Equal(t, tt.row, me.Row, "row")
			assert.Equal(t, tt.col, me.Col, "column")
		})
	}

	t.Run("valid asymmetric with non-zero diagonal", func(t *testing.T) {
		m := &Matrix{Distances: [][]float64{{5, 1}, {2, 0}}, Durations: [][]time.Duration{{0, time.Minute}, {2 * time.Minute, 0}}}
		assert.NoError(t, m.Validate())
		assert.Equal(t, 2, m.Len())
	})
	t.Run("distances only", func(t *testing.T) {
		m := &Matrix{Distances: [][]float64{{0}}}
		assert.NoError(t, m.Validate())
		assert.Equal(t, 1, m.Len())
	})
}

func TestMatrixErrorMessages(t *testing.T) {
	tests := []struct {
		err  *MatrixError
		want string
	}{
		{&MatrixError{Table: "durations", Row: 1, Col: 2, Reason: "null: no route", Err: ErrUnreachable}, "geo: matrix durations[1][2]: null: no route"},
		{&MatrixError{Table: "distances", Row: 3, Col: -1, Reason: "has 2 entries, want 4"}, "geo: matrix distances row 3: has 2 entries, want 4"},
		{&MatrixError{Table: "distances", Row: -1, Col: -1, Reason: "has 1 rows, durations has 2"}, "geo: matrix distances: has 1 rows, durations has 2"},
	}
	for _, tt := range tests {
		assert.EqualError(t, tt.err, tt.want)
	}
	assert.ErrorIs(t, tests[0].err, ErrUnreachable)
	assert.NoError(t, tests[1].err.Unwrap())
}
