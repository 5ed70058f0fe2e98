package vroomtest_test

import (
	"strings"
	"testing"

	"github.com/chuanzhu/chuanzhu/route/vroom/vroomtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const problem = `{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "time_window": [0, 200],
    "breaks": [{"id": 9, "service": 20, "time_windows": [[40, 90]]}]}],
  "jobs": [{"id": 1, "location_index": 1, "service": 30, "priority": 10, "time_windows": [[20, 40]]},
    {"id": 2, "location_index": 2, "service": 10, "priority": 5}],
  "matrix": [[0, 10, 20], [10, 0, 15], [20, 15, 0]]}`

// A solution worked out by hand: 0 -> 1 (arrive 10, wait 10, serve 20-50),
// break 50-70, 1 -> 2 (arrive 85, serve to 95), 2 -> 0 (arrive 115).
const solution = `{"code": 0,
  "summary": {"cost": 45, "routes": 1, "unassigned": 0, "service": 60, "duration": 45, "waiting_time": 10, "priority": 15},
  "unassigned": [],
  "routes": [{"vehicle": 1, "cost": 45, "service": 60, "duration": 45, "waiting_time": 10, "priority": 15, "steps": [
    {"type": "start", "location_index": 0, "arrival": 0, "duration": 0},
    {"type": "job", "id": 1, "location_index": 1, "arrival": 10, "waiting_time": 10, "service": 30, "duration": 10},
    {"type": "break", "id": 9, "arrival": 50, "service": 20, "duration": 10},
    {"type": "job", "id": 2, "location_index": 2, "arrival": 85, "service": 10, "duration": 25},
    {"type": "end", "location_index": 0, "arrival": 115, "duration": 45}]}]}`

func TestCheck(t *testing.T) {
	res, err := vroomtest.Check([]byte(problem), []byte(solution), nil)
	require.NoError(t, err)
	assert.Equal(t, vroomtest.Result{Priority: 15, Assigned: 2, Cost: 45}, res)

	tests := []struct {
		name, from, to, msg string
	}{
		{"arrival", `"arrival": 85`, `"arrival": 86`, "route 0 step 3 (job 2): arrival 86, recomputed 85"},
		{"outside window", `"waiting_time": 10, "service": 30`, `"waiting_time": 0, "service": 30`, "service starts at 10, outside its windows"},
		{"break outside", `"time_windows": [[40, 90]]`, `"time_windows": [[60, 90]]`, "route 0 step 2 (break): starts at 50, outside"},
		{"unknown job", `"type": "job", "id": 2`, `"type": "job", "id": 7`, "route 0 step 3: unknown job 7"},
		{"step duration", `"arrival": 115, "duration": 45`, `"arrival": 115, "duration": 44`, "route 0 step 4: duration 44, recomputed travel 45"},
		{"route totals", `"vehicle": 1, "cost": 45`, `"vehicle": 1, "cost": 40`, "route 0: reports cost 40"},
		{"summary", `"priority": 15},`, `"priority": 14},`, "summary"},
		{"vehicle window", `"time_window": [0, 200]`, `"time_window": [0, 100]`, "route 0: ends at 115, after the vehicle window closes at 100"},
		{"missing job", `"unassigned": 0`, `"unassigned": 1`, "summary"},
		{"unknown vehicle", `"vehicle": 1`, `"vehicle": 3`, "route 0: unknown vehicle 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, s := problem, solution
			if strings.Contains(p, tc.from) {
				p = strings.Replace(p, tc.from, tc.to, 1)
			} else {
				require.Contains(t, s, tc.from)
				s = strings.Replace(s, tc.from, tc.to, 1)
			}
			_, err := vroomtest.Check([]byte(p), []byte(s), nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}
