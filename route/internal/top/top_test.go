package top

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSolveTinyMatchesBruteForce(t *testing.T) {
	cases := []struct {
		name      string
		nc, m     int
		withBreak bool
		plain     bool
		count     int
	}{
		{"one route n=6", 6, 1, false, false, 25},
		{"one route n=8", 8, 1, false, false, 15},
		{"two routes n=7", 7, 2, false, false, 15},
		{"one route with break n=7", 7, 1, true, false, 15},
		{"two routes with break n=6", 6, 2, true, false, 10},
		{"orienteering n=8", 8, 1, false, true, 10},
		{"team orienteering n=7", 7, 2, false, true, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.nc*100+tc.m), 7))
			for k := range tc.count {
				in := randomInstance(rng, tc.nc, tc.m, tc.withBreak)
				if tc.plain {
					in = plainInstance(in)
				}
				want, ok := bruteForce(&in)
				require.True(t, ok, "instance %d: no required nodes, empty plan always exists", k)
				res, err := Solve(context.Background(), in, Options{Seed: int64(k)})
				require.NoError(t, err)
				require.NoError(t, checkResult(&in, res, true), "instance %d", k)
				got := valueOf(&in, res)
				assert.Equal(t, want, got, "instance %d: %+v", k, res.Routes)
			}
		})
	}
}

func TestSolveRequired(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	solved := 0
	for k := range 40 {
		in := randomInstance(rng, 7, 1+k%2, k%3 == 0)
		if k%4 == 1 {
			in = plainInstance(in)
		}
		in.Required = make([]bool, in.N)
		for _, c := range in.Customers {
			if rng.IntN(3) == 0 {
				in.Required[c] = true
			}
		}
		want, feasible := bruteForce(&in)
		res, err := Solve(context.Background(), in, Options{Seed: 1})
		if errors.Is(err, ErrInvalid) {
			// a route that cannot even be driven empty (its break does not
			// fit, or Start→End is longer than the window): documented as
			// invalid input
			emptyFails := false
			for _, r := range in.Routes {
				if _, ok := feasibleSeq(&in, r, nil); !ok {
					emptyFails = true
				}
			}
			require.True(t, emptyFails, "instance %d: %v", k, err)
			continue
		}
		if !feasible {
			var re *RequiredError
			require.ErrorIs(t, err, ErrRequired, "instance %d", k)
			require.ErrorAs(t, err, &re)
			assert.NotEmpty(t, re.Nodes)
			for _, v := range re.Nodes {
				assert.True(t, in.Required[v], "instance %d: node %d named but not required", k, v)
			}
			require.NoError(t, checkResult(&in, res, false), "instance %d", k)
			continue
		}
		solved++
		require.NoError(t, err, "instance %d", k)
		require.NoError(t, checkResult(&in, res, true), "instance %d", k)
		assert.Equal(t, want, valueOf(&in, res), "instance %d", k)
	}
	assert.Greater(t, solved, 5, "too few feasible instances to mean anything")
}

// plainInstance drops windows and service times and shortens the routes: a
// plain (team) orienteering problem.
func plainInstance(in Instance) Instance {
	in.Windows, in.Service = nil, nil
	for i := range in.Routes {
		in.Routes[i].Close = in.Routes[i].Open + (in.Routes[i].Close-in.Routes[i].Open)/2
	}
	return in
}

func TestSolveRequiredUnreachable(t *testing.T) {
	// node 2 opens only after the route must be back.
	in := Instance{
		N:         4,
		Travel:    []int64{0, 5, 5, 5, 5, 0, 5, 5, 5, 5, 0, 5, 5, 5, 5, 0},
		Score:     []int64{0, 0, 3, 4},
		Windows:   [][]Window{nil, nil, {{100, 120}}, nil},
		Required:  []bool{false, false, true, false},
		Customers: []int{2, 3},
		Routes:    []Route{{Start: 0, End: 1, Open: 0, Close: 50}},
	}
	res, err := Solve(context.Background(), in, Options{})
	var re *RequiredError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, []int{2}, re.Nodes)
	assert.ErrorIs(t, err, ErrRequired)
	require.NoError(t, checkResult(&in, res, false))
}

func TestSolveDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	in := randomClustered(rng, 60, 3)
	opt := Options{Seed: 5, MaxIterations: 60}
	var runs [2]Result
	for i := range runs {
		res, err := Solve(context.Background(), in, opt)
		require.NoError(t, err)
		runs[i] = res
	}
	assert.Equal(t, runs[0], runs[1])
	require.NoError(t, checkResult(&in, runs[0], true))
}

func TestSolveCanceled(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	in := randomClustered(rng, 300, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	res, err := Solve(ctx, in, Options{MaxNoImprove: 1 << 30})
	require.NoError(t, err)
	assert.True(t, res.Canceled)
	require.NoError(t, checkResult(&in, res, true))

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	res, err = Solve(ctx, in, Options{})
	require.NoError(t, err)
	assert.True(t, res.Canceled)
	require.NoError(t, checkResult(&in, res, true))
}

func TestSolveInvalid(t *testing.T) {
	good := func() Instance {
		return Instance{
			N:         3,
			Travel:    make([]int64, 9),
			Customers: []int{1, 2},
			Routes:    []Route{{Start: 0, End: 0, Open: 0, Close: 10}},
		}
	}
	cases := []struct {
		name string
		edit func(*Instance)
	}{
		{"no nodes", func(in *Instance) { in.N = 0 }},
		{"short travel", func(in *Instance) { in.Travel = in.Travel[:8] }},
		{"negative travel", func(in *Instance) { in.Travel[1] = -1 }},
		{"negative service", func(in *Instance) { in.Service = []int64{0, -1, 0} }},
		{"negative score", func(in *Instance) { in.Score = []int64{0, 0, -2} }},
		{"window reversed", func(in *Instance) { in.Windows = [][]Window{nil, {{5, 4}}, nil} }},
		{"windows overlap", func(in *Instance) { in.Windows = [][]Window{nil, {{0, 5}, {5, 9}}, nil} }},
		{"windows unsorted", func(in *Instance) { in.Windows = [][]Window{nil, {{6, 9}, {0, 5}}, nil} }},
		{"customer out of range", func(in *Instance) { in.Customers = []int{1, 3} }},
		{"customer twice", func(in *Instance) { in.Customers = []int{1, 1} }},
		{"required non-customer", func(in *Instance) { in.Required = []bool{true, false, false} }},
		{"no routes", func(in *Instance) { in.Routes = nil }},
		{"bad start", func(in *Instance) { in.Routes[0].Start = 3 }},
		{"bad end", func(in *Instance) { in.Routes[0].End = -2 }},
		{"route window reversed", func(in *Instance) { in.Routes[0].Close = -1 }},
		{"break negative", func(in *Instance) { in.Routes[0].Break = &Break{Duration: -1} }},
		{"break window reversed", func(in *Instance) { in.Routes[0].Break = &Break{Duration: 1, Windows: []Window{{3, 2}}} }},
		{"break does not fit", func(in *Instance) { in.Routes[0].Break = &Break{Duration: 20} }},
		{"route too short", func(in *Instance) { in.Travel[0*3+0] = 11 }},
		{"huge value", func(in *Instance) { in.Travel[2] = MaxValue + 1 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(&in)
			_, err := Solve(context.Background(), in, Options{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalid), "%v", err)
		})
	}
	_, err := Solve(context.Background(), good(), Options{})
	require.NoError(t, err)
}

// randomClustered builds a larger instance with clustered customers, windows
// (some with a lunch closure), a break per route and mixed ends.
func randomClustered(rng *rand.Rand, nc, m int) Instance {
	n := nc + 1
	xs := make([]float64, n)
	ys := make([]float64, n)
	xs[0], ys[0] = 50, 50
	centers := [][2]float64{{20, 20}, {80, 30}, {40, 85}, {75, 75}}
	for i := 1; i < n; i++ {
		c := centers[rng.IntN(len(centers))]
		xs[i] = c[0] + rng.NormFloat64()*8
		ys[i] = c[1] + rng.NormFloat64()*8
	}
	in := Instance{N: n, Travel: make([]int64, n*n), Service: make([]int64, n), Score: make([]int64, n), Windows: make([][]Window, n)}
	for i := range n {
		for j := range n {
			dx, dy := xs[i]-xs[j], ys[i]-ys[j]
			in.Travel[i*n+j] = int64(10 * sqrt(dx*dx+dy*dy))
		}
	}
	for c := 1; c < n; c++ {
		in.Customers = append(in.Customers, c)
		in.Service[c] = 50 + rng.Int64N(150)
		in.Score[c] = 1 + rng.Int64N(50)
		switch rng.IntN(4) {
		case 0:
		case 1:
			in.Windows[c] = []Window{{0, 2400}, {2800, 6000}}
		default:
			o := rng.Int64N(4000)
			in.Windows[c] = []Window{{o, o + 800 + rng.Int64N(2000)}}
		}
	}
	for k := range m {
		r := Route{Start: 0, End: 0, Open: 0, Close: 6000, Break: &Break{Duration: 300, Windows: []Window{{2200, 3400}}}}
		if k%2 == 1 {
			r.End = -1
		}
		in.Routes = append(in.Routes, r)
	}
	return in
}

func sqrt(x float64) float64 {
	if x <= 0 {
		return 0
	}
	z := x
	for range 60 {
		z = (z + x/z) / 2
	}
	return z
}
