package solve_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/vroom"
)

// The sample problem decodes, solves within its vehicle's window with the
// lunch break inside the break's window, and its solution encodes: the
// day is too short for all six sites, so some are left out for lack of
// time.
func TestSampleProblem(t *testing.T) {
	f, err := os.Open("problem.json")
	require.NoError(t, err)
	defer f.Close()
	p, err := vroom.Decode(f)
	require.NoError(t, err)
	require.Len(t, p.Problem.Stops, 6)
	require.Len(t, p.Problem.Days, 1)

	plan, err := route.Solve(context.Background(), p.Problem, route.Seed(1))
	require.NoError(t, err)
	day := plan.Days[0]
	epoch := vroom.Epoch()
	assert.False(t, day.Depart.Before(epoch))
	assert.False(t, day.Return.After(epoch.Add(5*time.Hour)), "back within the five-hour window")
	require.NotNil(t, day.Break, "the lunch break is scheduled")
	assert.Equal(t, time.Hour, day.Break.End.Sub(day.Break.Start))
	assert.False(t, day.Break.Start.Before(epoch.Add(9000*time.Second)))
	assert.False(t, day.Break.End.After(epoch.Add(14400*time.Second)))

	require.NotEmpty(t, plan.Skipped, "five hours do not hold all six sites")
	for _, sk := range plan.Skipped {
		assert.Equal(t, route.ReasonBudget, sk.Reason, "%s could be visited alone", sk.ID)
	}
	assert.Equal(t, 6, len(day.Visits)+len(plan.Skipped))

	sol, err := vroom.NewSolution(p, plan)
	require.NoError(t, err)
	assert.Equal(t, len(plan.Skipped), sol.Summary.Unassigned)
	var b bytes.Buffer
	require.NoError(t, vroom.Encode(&b, p, plan))
	var out struct {
		Summary struct {
			Unassigned int `json:"unassigned"`
			Priority   int `json:"priority"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &out))
	assert.Equal(t, len(plan.Skipped), out.Summary.Unassigned)
	assert.Equal(t, plan.Score, out.Summary.Priority)
}
