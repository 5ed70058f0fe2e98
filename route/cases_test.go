package route_test

import (
	"context"
	"testing"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Solve gets every hard case right: the known optimum, the known reasons
// for what it leaves out, a plan that passes the checker, and the same
// plan again when its orders are scheduled; with a dense travel table,
// and without a Matrix also with travel computed from the locations (as
// for large problems).
func TestSolveHardCases(t *testing.T) {
	for _, c := range routetest.Cases() {
		for name, opts := range map[string][]route.Option{"dense": nil, "computed": {route.ComputedTravel}} {
			if name == "computed" && c.Problem.Matrix != nil {
				continue
			}
			t.Run(c.Name+"/"+name, func(t *testing.T) { hardCase(t, c, opts) })
		}
	}
}

func hardCase(t *testing.T, c routetest.Case, opts []route.Option) {
	plan, err := route.Solve(context.Background(), c.Problem, opts...)
	if c.Err != nil {
		assert.Nil(t, plan)
		assert.ErrorIs(t, err, c.Err)
		return
	}
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&c.Problem, plan))
	assert.Equal(t, c.Want, routetest.ValueOf(plan))
	for _, s := range plan.Skipped {
		if want, ok := c.Skipped[s.ID]; ok {
			assert.Equal(t, want, s.Reason, s.ID)
		}
	}
	again := schedule(t, c.Problem, orders(plan))
	assert.Equal(t, plan.Days, again.Days)
}
