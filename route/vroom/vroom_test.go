package vroom_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/chuanzhu/chuanzhu/route/vroom"
	"github.com/chuanzhu/chuanzhu/route/vroom/vroomtest"
	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tiny problems written for these tests; they also seed FuzzDecode.
var tiny = map[string]string{
	"tsp": `{"vehicles": [{"id": 7, "start_index": 0, "end_index": 0}],
  "jobs": [{"id": 1, "location_index": 1, "service": 60}, {"id": 2, "location_index": 2}, {"id": 3, "location_index": 3}],
  "matrices": {"car": {"durations": [[0, 10, 20, 30], [10, 0, 15, 25], [20, 15, 0, 12], [30, 25, 12, 0]]}}}`,
	"open-path": `{"vehicles": [{"id": 0, "start_index": 3}],
  "jobs": [{"id": 10, "location_index": 0}, {"id": 11, "location_index": 1}, {"id": 12, "location_index": 2}],
  "matrix": [[0, 5, 9, 4], [6, 0, 3, 8], [9, 2, 0, 7], [4, 8, 7, 0]]}`,
	"toptw": `{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "time_window": [0, 200],
    "breaks": [{"id": 99, "service": 20, "time_windows": [[60, 90]], "description": "lunch"}]}],
  "jobs": [
    {"id": 1, "location_index": 1, "service": 30, "priority": 10, "time_windows": [[20, 40], [100, 120]], "description": "temple"},
    {"id": 2, "location_index": 2, "service": 30, "priority": 50, "time_windows": [[0, 60]]},
    {"id": 3, "location_index": 3, "service": 50, "priority": 30},
    {"id": 4, "location_index": 4, "service": 10, "priority": 100, "time_windows": [[500, 600]]}],
  "matrices": {"car": {"durations": [[0, 10, 20, 30, 5], [10, 0, 15, 25, 5], [20, 15, 0, 12, 5], [30, 25, 12, 0, 5], [5, 5, 5, 5, 0]],
    "distances": [[0, 100, 200, 300, 50], [100, 0, 150, 250, 50], [200, 150, 0, 120, 50], [300, 250, 120, 0, 50], [50, 50, 50, 50, 0]]}}}`,
	"two-vehicles": `{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "time_window": [0, 60]}, {"id": 2, "start_index": 0, "time_window": [0, 60]}],
  "jobs": [{"id": 1, "location_index": 1, "priority": 1}, {"id": 2, "location_index": 2, "priority": 2}, {"id": 3, "location_index": 3, "priority": 3}],
  "matrices": {"car": {"durations": [[0, 20, 20, 20], [20, 0, 50, 50], [20, 50, 0, 50], [20, 50, 50, 0]]}}}`,
	"coordinates": `{"vehicles": [{"id": 0, "start": [111.576, 35.491], "end": [111.576, 35.491], "description": "seat"}],
  "jobs": [{"id": 1, "location": [111.646, 35.505], "service": 1800}, {"id": 2, "location": [111.52, 35.56], "service": 2700},
    {"id": 3, "location": [111.61, 35.43], "service": 2700}]}`,
}

func decode(t *testing.T, s string) *vroom.Problem {
	t.Helper()
	p, err := vroom.Decode(strings.NewReader(s))
	require.NoError(t, err)
	return p
}

func TestDecode(t *testing.T) {
	p := decode(t, tiny["toptw"])
	require.Len(t, p.Stops, 4)
	require.Len(t, p.Days, 1)
	e := vroom.Epoch()
	s := p.Stops[0]
	assert.Equal(t, "1", s.ID)
	assert.Equal(t, "temple", s.Name)
	assert.Equal(t, 1, s.MatrixIndex)
	assert.Equal(t, 30*time.Second, s.Visit)
	assert.Equal(t, 10, s.Score)
	// Service start windows [20, 40] and [100, 120] with a 30 s service
	// become visit windows [20, 70] and [100, 150].
	assert.Equal(t, []route.Window{{Open: e.Add(20 * time.Second), Close: e.Add(70 * time.Second)}, {Open: e.Add(100 * time.Second), Close: e.Add(150 * time.Second)}}, s.Windows)
	assert.Empty(t, p.Stops[2].Windows)
	d := p.Days[0]
	assert.Equal(t, route.Window{Open: e, Close: e.Add(200 * time.Second)}, d.Window)
	require.NotNil(t, d.End)
	assert.Equal(t, d.Start, *d.End)
	assert.Equal(t, &route.Break{Duration: 20 * time.Second, Window: route.Window{Open: e.Add(60 * time.Second), Close: e.Add(110 * time.Second)}}, d.Break)
	assert.Equal(t, 120.0, p.Matrix.Distances[2][3])
	require.NoError(t, p.Validate())

	p = decode(t, tiny["open-path"])
	assert.Nil(t, p.Days[0].End)
	assert.Equal(t, 3, p.Days[0].Start.MatrixIndex)
	assert.Equal(t, 9*time.Second, p.Matrix.Durations[0][2])
	assert.True(t, p.Days[0].Window.Close.IsZero(), "no time_window: no limit")

	p = decode(t, tiny["coordinates"])
	assert.Nil(t, p.Matrix)
	assert.Equal(t, orb.Point{111.646, 35.505}, p.Stops[0].Location)
	assert.Equal(t, geo.Mode{}, p.Mode, "Mode is left to the caller")

	// Windows closer than the service are cut so they stay disjoint.
	p = decode(t, `{"vehicles": [{"id": 0, "start_index": 0}], "jobs": [{"id": 1, "location_index": 0, "service": 30, "time_windows": [[0, 10], [25, 40]]}],
		"matrix": [[0]]}`)
	assert.Equal(t, []route.Window{{Open: e, Close: e.Add(25*time.Second - 1)}, {Open: e.Add(25 * time.Second), Close: e.Add(70 * time.Second)}}, p.Stops[0].Windows)

	// Harmless keys VROOM ignores when empty or neutral.
	decode(t, `{"shipments": [], "vehicles": [{"id": 0, "start": [1, 2], "skills": [], "capacity": [], "speed_factor": 1.0, "costs": {}, "profile": "car"}],
		"jobs": [{"id": 1, "location": [1, 2.1], "skills": [], "delivery": [], "pickup": [], "amount": [], "setup": 0}]}`)
	decode(t, `{"vehicles": [{"id": 0, "start": [1, 2], "skills": [ ], "speed_factor": 1e0, "costs": { },
		"breaks": [{"id": 1, "max_load": []}]}], "jobs": [{"id": 1, "location": [1, 2.1], "setup_per_type": {}, "service_per_type": {}}]}`)

	// A long leg is the problem's own cost, not an error of the input.
	p = decode(t, `{"vehicles": [{"id": 0, "start_index": 0}], "jobs": [{"id": 1, "location_index": 1}], "matrix": [[0, 705600], [705600, 0]]}`)
	assert.Equal(t, 196*time.Hour, p.Matrix.Durations[0][1])
}

// failAfter is a reader that fails the test when read.
type failAfter struct{ t *testing.T }

func (f failAfter) Read([]byte) (int, error) {
	f.t.Error("read past the point where the problem is refused")
	return 0, io.EOF
}

// An over-large problem is refused as soon as its size is known, before
// the rest of the input is read.
func TestDecodeRefusesEarly(t *testing.T) {
	many := func(n int, item string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+", ", n), ", ")
	}
	tests := []struct {
		name, prefix, msg string
	}{
		{"too many jobs", `{"jobs": ` + many(route.MaxStops+1, `{"id": 1}`) + `], "matrix": [[0`,
			fmt.Sprintf("jobs: %d jobs, at most %d", route.MaxStops+1, route.MaxStops)},
		{"too many vehicles", `{"vehicles": ` + many(route.MaxDays+2, `{"id": 1}`) + `], "jobs": [`,
			fmt.Sprintf("vehicles: %d vehicles, at most %d", route.MaxDays+2, route.MaxDays)},
		{"matrix too large", `{"matrix": [` + many(vroom.MaxMatrixSize+1, "7") + `], [7`,
			fmt.Sprintf("matrix[0]: %d entries: a matrix has at most %d rows and columns", vroom.MaxMatrixSize+1, vroom.MaxMatrixSize)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := vroom.Decode(io.MultiReader(strings.NewReader(tc.prefix), failAfter{t}))
			require.ErrorIs(t, err, vroom.ErrInvalid)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestDecodeInput(t *testing.T) {
	_, err := vroom.Decode(io.MultiReader(strings.NewReader(`{"jobs": [`), errReader{}))
	require.Error(t, err)
	assert.NotErrorIs(t, err, vroom.ErrInvalid)
	assert.Equal(t, "vroom: reading the problem: disk on fire", err.Error())
}

func TestDecodeErrors(t *testing.T) {
	veh := `"vehicles": [{"id": 0, "start_index": 0}]`
	mat := `"matrix": [[0, 1], [1, 0]]`
	job := `"jobs": [{"id": 1, "location_index": 1}]`
	tests := []struct {
		name, in    string
		unsupported bool
		msg         string
	}{
		{"not JSON", `{"jobs": [`, false, "problem:"},
		{"not an object", `[1, 2]`, false, "problem: not a JSON object"},
		{"empty input", ``, false, "problem: not a JSON object"},
		{"unknown top-level field", `{` + veh + `, ` + job + `, ` + mat + `, "options": {}}`, false, `problem: unknown field "options"`},
		{"shipments", `{` + veh + `, ` + job + `, ` + mat + `, "shipments": [{"amount": [1]}]}`, true, "problem.shipments: shipments (pickup and delivery pairs) are not supported"},
		{"no vehicles", `{` + job + `, ` + mat + `}`, false, "problem: no vehicles"},
		{"empty vehicles", `{"vehicles": [], ` + job + `, ` + mat + `}`, false, "vehicles: empty"},
		{"no jobs", `{` + veh + `, ` + mat + `}`, false, "problem: no jobs"},
		{"jobs not an array", `{` + veh + `, "jobs": {}, ` + mat + `}`, false, "jobs: not a JSON array"},
		{"job skills", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "skills": [2]}], ` + mat + `}`, true, "jobs[0] (id 1).skills: skills are not supported"},
		{"job delivery", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "delivery": [2]}], ` + mat + `}`, true, "jobs[0] (id 1).delivery: amounts (delivery) are not supported"},
		{"job setup", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "setup": 5}], ` + mat + `}`, true, "jobs[0] (id 1).setup: setup times are not supported"},
		{"job unknown field", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "colour": "red"}], ` + mat + `}`, false, `jobs[0] (id 1): unknown field "colour"`},
		{"job without id", `{` + veh + `, "jobs": [{"location_index": 1}], ` + mat + `}`, false, "jobs[0]: no id"},
		{"negative id", `{` + veh + `, "jobs": [{"id": -1, "location_index": 1}], ` + mat + `}`, false, "jobs[0].id: -1 is not a non-negative integer"},
		{"duplicate job ids", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1}, {"id": 1, "location_index": 0}], ` + mat + `}`, false, "jobs[1]: id 1 already used by jobs[0]"},
		{"fractional service", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "service": 1.5}], ` + mat + `}`, false, "jobs[0] (id 1).service: 1.5 is not a non-negative integer"},
		{"priority above 100", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "priority": 101}], ` + mat + `}`, false, "jobs[0] (id 1).priority: 101 is above 100"},
		{"window reversed", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "time_windows": [[50, 10]]}], ` + mat + `}`, false, "jobs[0] (id 1).time_windows[0]: ends (10) before it starts (50)"},
		{"windows overlapping", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "time_windows": [[0, 50], [40, 60]]}], ` + mat + `}`, false, "time_windows[1]: unsorted or overlapping"},
		{"windows unsorted", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "time_windows": [[100, 150], [0, 50]]}], ` + mat + `}`, false, "time_windows[1]: unsorted or overlapping"},
		{"windows empty", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "time_windows": []}], ` + mat + `}`, false, "time_windows: empty"},
		{"window of three", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "time_windows": [[1, 2, 3]]}], ` + mat + `}`, false, "want [start, end], got 3 numbers"},
		{"index outside matrix", `{` + veh + `, "jobs": [{"id": 1, "location_index": 2}], ` + mat + `}`, false, "jobs[0] (id 1).location_index: 2 is outside the 2×2 matrix"},
		{"location without index", `{` + veh + `, "jobs": [{"id": 1, "location": [1, 2]}], ` + mat + `}`, false, "location without location_index"},
		{"index without matrix", `{"vehicles": [{"id": 0, "start": [1, 2]}], "jobs": [{"id": 1, "location_index": 1}]}`, false, "location_index: no matrices to index"},
		{"no location", `{"vehicles": [{"id": 0, "start": [1, 2]}], "jobs": [{"id": 1}]}`, false, "jobs[0] (id 1): no location"},
		{"NaN-like coordinates", `{"vehicles": [{"id": 0, "start": [1, 2]}], "jobs": [{"id": 1, "location": ["a", 2]}]}`, false, `location: "a" is not a number`},
		{"latitude out of range", `{"vehicles": [{"id": 0, "start": [1, 2]}], "jobs": [{"id": 1, "location": [1, 200]}]}`, false, "(1, 200) is not a valid longitude and latitude"},
		{"vehicle without start", `{"vehicles": [{"id": 0, "end_index": 0}], ` + job + `, ` + mat + `}`, true, "vehicles[0] (id 0): no start"},
		{"vehicle capacity", `{"vehicles": [{"id": 0, "start_index": 0, "capacity": [4]}], ` + job + `, ` + mat + `}`, true, "vehicles[0] (id 0).capacity: capacities are not supported"},
		{"vehicle max_tasks", `{"vehicles": [{"id": 0, "start_index": 0, "max_tasks": 3}], ` + job + `, ` + mat + `}`, true, "max_tasks is not supported"},
		{"vehicle speed factor", `{"vehicles": [{"id": 0, "start_index": 0, "speed_factor": 1.5}], ` + job + `, ` + mat + `}`, true, "speed factors are not supported"},
		{"duplicate vehicle ids", `{"vehicles": [{"id": 0, "start_index": 0}, {"id": 0, "start_index": 1}], ` + job + `, ` + mat + `}`, false, "vehicles[1]: id 0 already used by vehicles[0]"},
		{"vehicle window reversed", `{"vehicles": [{"id": 0, "start_index": 0, "time_window": [10, 5]}], ` + job + `, ` + mat + `}`, false, "time_window: ends (5) before it starts (10)"},
		{"two breaks", `{"vehicles": [{"id": 0, "start_index": 0, "breaks": [{"id": 1}, {"id": 2}]}], ` + job + `, ` + mat + `}`, true, "2 breaks; at most one per vehicle is supported"},
		{"break with two windows", `{"vehicles": [{"id": 0, "start_index": 0, "breaks": [{"id": 1, "time_windows": [[0, 5], [10, 20]]}]}], ` + job + `, ` + mat + `}`, true, "2 windows; at most one per break"},
		{"break max_load", `{"vehicles": [{"id": 0, "start_index": 0, "breaks": [{"id": 1, "max_load": [3]}]}], ` + job + `, ` + mat + `}`, true, "breaks[0].max_load"},
		{"other profile", `{"vehicles": [{"id": 0, "start_index": 0, "profile": "bike"}], ` + job + `, ` + mat + `}`, true, `vehicles[0] (id 0).profile: "bike" has no matrix`},
		{"default profile without matrix", `{` + veh + `, ` + job + `, "matrices": {"bike": {"durations": [[0, 1], [1, 0]]}}}`, true, `vehicles[0] (id 0).profile: "car" has no matrix (the matrices are for "bike")`},
		{"duplicate key", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "service": 0, "service": 5}], ` + mat + `}`, false, `jobs[0]: key "service" appears twice`},
		{"duplicate escaped key", `{` + veh + `, ` + job + `, ` + mat + `, "m\u0061trix": [[0]]}`, false, `problem: key "matrix" appears twice`},
		{"two profiles", `{` + veh + `, ` + job + `, "matrices": {"car": {"durations": [[0]]}, "bike": {"durations": [[0]]}}}`, true, "matrices: 2 profiles"},
		{"custom costs", `{` + veh + `, ` + job + `, "matrices": {"car": {"durations": [[0, 1], [1, 0]], "costs": [[0, 1], [1, 0]]}}}`, true, "matrices.car.costs: custom costs are not supported"},
		{"matrix and matrices", `{` + veh + `, ` + job + `, ` + mat + `, "matrices": {"car": {"durations": [[0]]}}}`, false, "both matrices and the legacy matrix"},
		{"matrix wrong size", `{` + veh + `, ` + job + `, "matrix": [[0, 1], [1]]}`, false, "matrix[1]: 1 entries, want 2"},
		{"matrix negative", `{` + veh + `, ` + job + `, "matrix": [[0, -1], [1, 0]]}`, false, "matrix[0][1]: -1 is not a non-negative integer"},
		{"matrix null", `{` + veh + `, ` + job + `, "matrix": [[0, null], [1, 0]]}`, false, "matrix[0][1]: null (unreachable)"},
		{"matrix empty", `{` + veh + `, ` + job + `, "matrix": []}`, false, "matrix: empty"},
		{"distances wrong size", `{` + veh + `, ` + job + `, "matrices": {"car": {"durations": [[0, 1], [1, 0]], "distances": [[0]]}}}`, false, "matrices.car.distances: 1 rows, durations has 2"},
		{"durations missing", `{` + veh + `, ` + job + `, "matrices": {"car": {"distances": [[0, 1], [1, 0]]}}}`, false, "matrices.car: no durations"},
		{"matrix with more rows than columns", `{` + veh + `, ` + job + `, "matrix": [[0], [1]]}`, false, "matrix: more than 1 rows of 1 entries: want a square matrix"},
		{"matrix with fewer rows than columns", `{` + veh + `, ` + job + `, "matrix": [[0, 1]]}`, false, "matrix: 1 rows of 2 entries: want a square matrix"},
		{"matrix entry a string", `{` + veh + `, ` + job + `, "matrix": [[0, "1"], [1, 0]]}`, false, `matrix[0][1]: "1" is not a non-negative integer`},
		{"matrix entry too long for a duration", `{` + veh + `, ` + job + `, "matrix": [[0, 8589934593], [1, 0]]}`, false, "matrix[0][1]: 8589934593 is above 8589934592"},
		{"matrix row not an array", `{` + veh + `, ` + job + `, "matrix": [[0, 1], 5]}`, false, "matrix[1]: not a JSON array"},
		{"matrices null", `{` + veh + `, ` + job + `, "matrices": null}`, false, "matrices: not a JSON object"},
		{"profile null", `{` + veh + `, ` + job + `, "matrices": {"car": null}}`, false, "matrices.car: not a JSON object"},
		{"jobs null", `{` + veh + `, "jobs": null, ` + mat + `}`, false, "jobs: not a JSON array"},
		{"job null", `{` + veh + `, "jobs": [null], ` + mat + `}`, false, "jobs[0]: not a JSON object"},
		{"description null", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "description": null}], ` + mat + `}`, false, "jobs[0] (id 1).description: not a string"},
		{"service null", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "service": null}], ` + mat + `}`, false, "jobs[0] (id 1).service: null is not a non-negative integer"},
		{"service with exponent", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "service": 1e2}], ` + mat + `}`, false, "jobs[0] (id 1).service: 1e2 is not a non-negative integer"},
		{"id too large", `{` + veh + `, "jobs": [{"id": 18446744073709551616, "location_index": 1}], ` + mat + `}`, false, "jobs[0].id: 18446744073709551616 is too large"},
		{"window bound null", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "time_windows": [[1, null]]}], ` + mat + `}`, false, "jobs[0] (id 1).time_windows[0][1]: null is not a non-negative integer"},
		{"member name in another case", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "Service": 3}], ` + mat + `}`, false, `jobs[0] (id 1): unknown field "Service"`},
		{"break null", `{"vehicles": [{"id": 0, "start_index": 0, "breaks": [null]}], ` + job + `, ` + mat + `}`, false, "vehicles[0] (id 0).breaks[0]: not a JSON object"},
		{"break unknown field", `{"vehicles": [{"id": 0, "start_index": 0, "breaks": [{"id": 1, "colour": 2}]}], ` + job + `, ` + mat + `}`, false, `vehicles[0] (id 0).breaks[0]: unknown field "colour"`},
		{"profile not a string", `{"vehicles": [{"id": 0, "start_index": 0, "profile": null}], ` + job + `, ` + mat + `}`, false, "vehicles[0] (id 0).profile: not a string"},
		{"trailing data", `{` + veh + `, ` + job + `, ` + mat + `} x`, false, "problem: invalid character 'x' after top-level value"},
		{"lone surrogate", `{` + veh + `, "jobs": [{"id": 1, "location_index": 1, "description": "a\ud800b"}], ` + mat + `}`, false, "problem: invalid surrogate pair"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := vroom.Decode(strings.NewReader(tc.in))
			require.Error(t, err)
			if tc.unsupported {
				assert.ErrorIs(t, err, vroom.ErrUnsupported)
			} else {
				assert.ErrorIs(t, err, vroom.ErrInvalid)
			}
			assert.Contains(t, err.Error(), tc.msg)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

// solveJSON decodes, solves and encodes; it returns the problem, the plan
// and the solution JSON.
func solveJSON(t *testing.T, in string, opts ...route.Option) (*vroom.Problem, *route.Plan, []byte) {
	t.Helper()
	p := decode(t, in)
	plan, err := route.Solve(context.Background(), p.Problem, opts...)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p.Problem, plan))
	var b bytes.Buffer
	require.NoError(t, vroom.Encode(&b, p, plan))
	return p, plan, b.Bytes()
}

func geoTravel(mode geo.Mode) vroomtest.Travel {
	return func(a, b [2]float64) int64 {
		m, err := geo.NewMatrix([]orb.Point{a, b}, mode)
		if err != nil {
			panic(err)
		}
		return int64(m.Durations[0][1] / time.Second)
	}
}

func TestRoundTrip(t *testing.T) {
	for name, in := range tiny {
		t.Run(name, func(t *testing.T) {
			_, plan, out := solveJSON(t, in)
			res, err := vroomtest.Check([]byte(in), out, geoTravel(geo.CountyDrive()))
			require.NoError(t, err, "%s", out)
			assert.Equal(t, int64(plan.Score), res.Priority)
			assert.Equal(t, plan.Visited, res.Assigned)
			assert.Equal(t, int64(plan.Travel/time.Second), res.Cost)
		})
	}
}

func TestEncodeShape(t *testing.T) {
	_, _, out := solveJSON(t, tiny["tsp"])
	var sol vroom.Solution
	require.NoError(t, json.Unmarshal(out, &sol))
	// The optimal tour 0-1-2-3-0 (or its reverse) costs 10+15+12+30 = 67.
	assert.Equal(t, int64(67), sol.Summary.Cost)
	assert.Equal(t, 1, sol.Summary.Routes)
	require.Len(t, sol.Routes, 1)
	r := sol.Routes[0]
	assert.Equal(t, uint64(7), r.Vehicle)
	require.Len(t, r.Steps, 5)
	assert.Equal(t, "start", r.Steps[0].Type)
	assert.Equal(t, "end", r.Steps[4].Type)
	assert.Equal(t, int64(67), r.Steps[4].Duration)
	assert.Equal(t, int64(127), r.Steps[4].Arrival, "67 s travel + 60 s service")
	require.NotNil(t, r.Steps[0].LocationIndex)
	assert.Nil(t, r.Steps[0].Location, "no coordinates in the input")
	assert.Nil(t, r.Steps[0].ID)
	assert.Contains(t, string(out), `"unassigned": []`)

	// An open route ends at its last job.
	_, _, out = solveJSON(t, tiny["open-path"])
	require.NoError(t, json.Unmarshal(out, &sol))
	steps := sol.Routes[0].Steps
	last := steps[len(steps)-1]
	assert.Equal(t, "end", last.Type)
	assert.Equal(t, *steps[len(steps)-2].LocationIndex, *last.LocationIndex)
	assert.Equal(t, int64(12), sol.Summary.Cost, "from 3: 3->0->1->2 = 4+5+3")

	// Breaks, waiting, distances and priorities.
	_, plan, out := solveJSON(t, tiny["toptw"])
	require.NoError(t, json.Unmarshal(out, &sol))
	assert.Contains(t, string(out), `"type": "break"`)
	assert.Contains(t, string(out), `"description": "lunch"`)
	require.NotNil(t, sol.Summary.Distance)
	assert.Equal(t, int64(plan.Score), sol.Summary.Priority)
	require.Len(t, sol.Unassigned, len(plan.Skipped))
	for _, u := range sol.Unassigned {
		assert.Equal(t, "job", u.Type)
		assert.NotNil(t, u.LocationIndex)
	}
	assert.Contains(t, string(out), `"id": 4`, "job 4 opens after the vehicle's window: unassigned")

	// Two vehicles share the jobs: each can serve one (60 s window).
	_, plan, out = solveJSON(t, tiny["two-vehicles"])
	require.NoError(t, json.Unmarshal(out, &sol))
	assert.Equal(t, 2, sol.Summary.Routes)
	assert.Equal(t, int64(5), sol.Summary.Priority, "jobs 3 and 2")
	assert.Equal(t, 5, plan.Score)
}

// instance is a row of ../shared/bench/vroom/instances.tsv.
type instance struct {
	set, name, file string
	best            float64
}

func benchInstances(t testing.TB) (string, []instance) {
	dir := filepath.Join("..", "..", "..", "shared", "bench", "vroom")
	f, err := os.Open(filepath.Join(dir, "instances.tsv"))
	if err != nil {
		t.Skipf("benchmark instances not available: %v", err)
	}
	defer f.Close()
	var out []instance
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || cols[0] == "set" {
			continue
		}
		best, err := strconv.ParseFloat(cols[3], 64)
		if err != nil {
			continue
		}
		out = append(out, instance{set: cols[0], name: cols[1], file: cols[4], best: best})
	}
	return dir, out
}

// A few benchmark instances (see ../shared/bench/vroom/CONVERSION.md)
// solved through the codec: every answer must be feasible under VROOM's
// semantics; the scores are logged against the best known.
func TestBenchInstances(t *testing.T) {
	dir, all := benchInstances(t)
	want := map[string]bool{"c101": true, "r102": true, "pr01": true, "set1/tsiligirides_problem_1_budget_05": true,
		"set64_diamond/chao_set_64_1_15": true, "gen1/eil51-gen1-50": true}
	n := 0
	for _, in := range all {
		if !want[in.name] {
			continue
		}
		n++
		t.Run(in.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, in.file))
			require.NoError(t, err)
			_, plan, out := solveJSON(t, string(raw), route.TimeLimit(300*time.Millisecond))
			res, err := vroomtest.Check(raw, out, nil)
			require.NoError(t, err)
			assert.Equal(t, int64(plan.Score), res.Priority)
			assert.LessOrEqual(t, float64(res.Priority), in.best+100, "beyond the best known (OPLib adds the depot's score)")
			t.Logf("%s %s: score %d, best known %g", in.set, in.name, res.Priority, in.best)
		})
	}
	if n == 0 {
		t.Skip("none of the chosen instances is listed")
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range tiny {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := vroom.Decode(bytes.NewReader(data))
		if err != nil {
			assert.NotContains(t, err.Error(), "\n")
			return
		}
		if p.Validate() != nil {
			return
		}
		plan, err := route.Solve(context.Background(), p.Problem, route.TimeLimit(50*time.Millisecond))
		if err != nil {
			return
		}
		require.NoError(t, routetest.Check(&p.Problem, plan))
		var b bytes.Buffer
		require.NoError(t, vroom.Encode(&b, p, plan))
		_, err = vroomtest.Check(data, b.Bytes(), geoTravel(geo.CountyDrive()))
		require.NoError(t, err)
	})
}
