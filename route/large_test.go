package route_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSolveLargeByLocations solves problems given by locations above
// MaxMatrixStops (the former MaxStops), with windows, a break, coarse
// places and several days, on a tiny budget: Solve returns the fast
// construction, which the invariant checker verifies in full.
func TestSolveLargeByLocations(t *testing.T) {
	for _, end := range []routetest.End{routetest.Loop, routetest.Open} {
		t.Run(end.String(), func(t *testing.T) {
			p := routetest.Random(15, routetest.Config{Stops: route.MaxMatrixStops + 100, Days: 3, End: end,
				Windows: true, Budget: 8 * time.Hour, Break: true, Scores: true, Visit: time.Hour, Coarse: true})
			plan := solve(t, p, route.TimeLimit(time.Nanosecond))
			assert.Positive(t, plan.Visited)
			assert.Equal(t, route.DeadlineReached, plan.Status)
		})
	}
}

// TestSolveMaxStops solves problems of MaxStops stops given by locations,
// on a computed travel table, with a short TimeLimit: an ordering (an
// open path, so the engine adds its zero node) and a two-day orienteering
// problem with windows, a break, coarse places and an open day. One stop
// more is refused, naming the limit.
func TestSolveMaxStops(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 stops: seconds of construction")
	}
	for name, cfg := range map[string]routetest.Config{
		"ordering": {Stops: route.MaxStops, End: routetest.Open},
		"orienteering": {Stops: route.MaxStops, Days: 2, End: routetest.Open, Windows: true, Budget: 8 * time.Hour,
			Break: true, Scores: true, Visit: time.Hour, Coarse: true},
	} {
		t.Run(name, func(t *testing.T) {
			p := routetest.Random(20, cfg)
			plan := solve(t, p, route.TimeLimit(time.Second))
			assert.Positive(t, plan.Visited)
			assert.Equal(t, len(p.Stops), plan.Visited+len(plan.Skipped))
			p.Stops = append(p.Stops, route.Stop{Place: route.Place{ID: "one-more", Location: p.Stops[0].Location}})
			_, err := route.Solve(context.Background(), p)
			require.ErrorIs(t, err, route.ErrTooManyStops)
			assert.ErrorContains(t, err, "20001 stops, at most 20000")
		})
	}
}

// TestSolveOrderingAcrossChina orders 4,500 stops spread over China's
// extent by road: far enough apart that, in nanoseconds, the longest legs
// of the rows add up beyond what the ordering engine's sums allow, which
// refused it. The travel is computed from the locations and the engine
// takes it in whole seconds.
func TestSolveOrderingAcrossChina(t *testing.T) {
	if testing.Short() {
		t.Skip("4,500 stops: seconds of construction")
	}
	p := routetest.Random(21, routetest.Config{Stops: 4500, End: routetest.Open})
	rng := rand.New(rand.NewPCG(21, 0))
	for i := range p.Stops {
		p.Stops[i].Location = orb.Point{88 + 34*rng.Float64(), 24 + 22*rng.Float64()}
	}
	plan := solve(t, p, route.TimeLimit(time.Second))
	assert.Equal(t, len(p.Stops), plan.Visited)
	assert.Empty(t, plan.Skipped)
}
