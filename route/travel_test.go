package route_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
)

// TestSolveComputedTravel runs the engines on a computed travel table
// (neighbour lists from a k-d tree, rows computed and cached, the
// virtual end of open days and paths as a zero node) on random problems
// of every shape: plans that pass the checker, orderings within 5% of
// those on the dense table. TestSolveHardCases runs the hard cases on it.
func TestSolveComputedTravel(t *testing.T) {
	for _, end := range []routetest.End{routetest.Loop, routetest.Open, routetest.Fixed} {
		for _, cfg := range []routetest.Config{
			{Stops: 120, End: end},
			{Stops: 120, End: end, Coarse: true},
			{Stops: 300, Days: 3, End: end, Windows: true, Budget: 6 * time.Hour, Break: true, Scores: true, Visit: time.Hour, Coarse: true},
		} {
			p := routetest.Random(7, cfg)
			t.Run(end.String(), func(t *testing.T) {
				opts := []route.Option{route.Seed(3), route.TimeLimit(300 * time.Millisecond)}
				dense, err := route.Solve(context.Background(), p, opts...)
				require.NoError(t, err)
				plan, err := route.Solve(context.Background(), p, append(opts, route.ComputedTravel)...)
				require.NoError(t, err)
				require.NoError(t, routetest.Check(&p, plan))
				assert.Equal(t, len(p.Stops), plan.Visited+len(plan.Skipped))
				if cfg.Budget == 0 { // an ordering: within 5% of the dense table's tour
					assert.InDelta(t, float64(dense.Travel), float64(plan.Travel), 0.05*float64(dense.Travel))
				}
			})
		}
	}
}
