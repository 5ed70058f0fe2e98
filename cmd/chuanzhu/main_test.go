package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route/vroom/vroomtest"
	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCLI runs the command line in-process.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const tsp = `{"vehicles": [{"id": 0, "start_index": 0, "end_index": 0}],
 "jobs": [{"id": 1, "location_index": 1}, {"id": 2, "location_index": 2}, {"id": 3, "location_index": 3}, {"id": 4, "location_index": 4}],
 "matrices": {"car": {"durations": [[0, 2, 9, 10, 7], [1, 0, 6, 4, 3], [15, 7, 0, 8, 3], [6, 3, 12, 0, 11], [9, 7, 5, 6, 0]]}}}`

func TestSolveRoundTrip(t *testing.T) {
	code, out, errs := runCLI(t, tsp, "solve")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	res, err := vroomtest.Check([]byte(tsp), []byte(out), nil)
	require.NoError(t, err)
	assert.Equal(t, 4, res.Assigned)

	// Rescoring the returned order reproduces the reported cost, which is
	// the optimum of this asymmetric instance (checked by hand over the
	// 24 orders: 0-1-3-4-2-0 is 2+4+11+5+15 = 37, 0-2-4-3-1-0 is 9+3+6+3+1 = 22).
	var sol struct {
		Summary struct{ Cost int64 } `json:"summary"`
		Routes  []struct {
			Steps []struct {
				LocationIndex int `json:"location_index"`
			} `json:"steps"`
		} `json:"routes"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &sol))
	var m struct {
		Matrices struct {
			Car struct{ Durations [][]int64 } `json:"car"`
		} `json:"matrices"`
	}
	require.NoError(t, json.Unmarshal([]byte(tsp), &m))
	var cost int64
	steps := sol.Routes[0].Steps
	for k := 1; k < len(steps); k++ {
		cost += m.Matrices.Car.Durations[steps[k-1].LocationIndex][steps[k].LocationIndex]
	}
	assert.Equal(t, sol.Summary.Cost, cost)
	assert.Equal(t, int64(22), cost)

	// From a file, with flags, the same answer.
	f := filepath.Join(t.TempDir(), "p.json")
	require.NoError(t, os.WriteFile(f, []byte(tsp), 0o644))
	code, out2, errs := runCLI(t, "", "solve", "-time", "2s", "-seed", "1", f)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, out, out2)
}

func TestSolveCoordinatesAndMode(t *testing.T) {
	in := `{"vehicles": [{"id": 0, "start": [111.576, 35.491], "end": [111.576, 35.491]}],
 "jobs": [{"id": 1, "location": [111.646, 35.505], "service": 1800}, {"id": 2, "location": [111.52, 35.56]}, {"id": 3, "location": [111.61, 35.43]}]}`
	costs := map[string]int64{}
	for _, mode := range []string{"drive", "walk"} {
		code, out, errs := runCLI(t, in, "solve", "-mode", mode)
		require.Equal(t, 0, code, errs)
		m, err := geo.ParseMode(mode)
		require.NoError(t, err)
		res, err := vroomtest.Check([]byte(in), []byte(out), func(a, b [2]float64) int64 {
			gm, err := geo.NewMatrix([]orb.Point{a, b}, m)
			require.NoError(t, err)
			return int64(gm.Durations[0][1] / time.Second)
		})
		require.NoError(t, err)
		costs[mode] = res.Cost
	}
	assert.Greater(t, costs["walk"], 5*costs["drive"])
}

func TestBadInputExitsTwo(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		msg         string
	}{
		{"no command", "", nil, "usage: chuanzhu"},
		{"unknown command", "", []string{"fly"}, `chuanzhu: unknown command "fly"`},
		{"bad JSON", `{"jobs": [`, []string{"solve"}, "chuanzhu solve: vroom: invalid problem: problem:"},
		{"unsupported field", `{"vehicles": [{"id": 0, "start_index": 0}], "jobs": [{"id": 1, "location_index": 0, "skills": [1]}], "matrix": [[0]]}`,
			[]string{"solve"}, "jobs[0] (id 1).skills: skills are not supported"},
		{"no jobs", `{"vehicles": [{"id": 0, "start_index": 0}], "jobs": [], "matrix": [[0]]}`, []string{"solve"}, "route: no stops"},
		{"negative matrix entry", `{"vehicles": [{"id": 0, "start_index": 0}], "jobs": [{"id": 1, "location_index": 1}], "matrix": [[0, -3], [1, 0]]}`,
			[]string{"solve"}, "matrix[0][1]: -3 is not a non-negative integer"},
		{"leg beyond MaxLeg", `{"vehicles": [{"id": 0, "start_index": 0}], "jobs": [{"id": 1, "location_index": 1}], "matrix": [[0, 999999999], [1, 0]]}`,
			[]string{"solve"}, "is longer than MaxLeg (20000h0m0s)"},
		{"vehicle window too short for its break", `{"vehicles": [{"id": 0, "start_index": 0, "time_window": [0, 10], "breaks": [{"id": 1, "service": 60}]}],
			"jobs": [{"id": 1, "location_index": 1}], "matrix": [[0, 1], [1, 0]]}`, []string{"solve"}, "break is longer than the day"},
		{"bad flag", tsp, []string{"solve", "-speed", "3"}, "flag provided but not defined: -speed"},
		{"bad mode", tsp, []string{"solve", "-mode", "fly"}, `unknown mode "fly"`},
		{"bad time", tsp, []string{"solve", "-time", "-1s"}, "-time -1s: want a positive duration, or 0"},
		{"two files", tsp, []string{"solve", "a.json", "b.json"}, "want at most one problem file"},
		{"missing file", "", []string{"solve", filepath.Join(os.TempDir(), "no-such-chuanzhu-problem.json")}, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tc.stdin, tc.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, tc.msg)
			if len(tc.args) > 0 && tc.args[0] == "solve" && !strings.HasPrefix(tc.name, "bad flag") {
				assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, _, errs := runCLI(t, "", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "solve")
	code, _, errs = runCLI(t, "", "solve", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "-seed")
}

// Benchmark instances from ../shared/bench/vroom (see its CONVERSION.md),
// solved through the command: every answer must be feasible under VROOM's
// semantics, and its score is logged against the best known.
func TestSolveBenchInstances(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "bench", "vroom")
	f, err := os.Open(filepath.Join(dir, "instances.tsv"))
	if err != nil {
		t.Skipf("benchmark instances not available: %v", err)
	}
	defer f.Close()
	want := map[string]bool{"c102": true, "rc101": true, "pr02": true, "set2/tsiligirides_problem_2_budget_15": true, "gen2/st70-gen2-50": true}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || !want[cols[1]] {
			continue
		}
		name, file := cols[1], cols[4]
		best, _ := strconv.ParseFloat(cols[3], 64)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, file))
			require.NoError(t, err)
			code, out, errs := runCLI(t, "", "solve", "-time", "300ms", filepath.Join(dir, file))
			require.Equal(t, 0, code, errs)
			res, err := vroomtest.Check(raw, []byte(out), nil)
			require.NoError(t, err)
			t.Logf("%s: score %d, best known %g", name, res.Priority, best)
		})
	}
}
