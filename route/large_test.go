package route_test

import (
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/stretchr/testify/assert"
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
