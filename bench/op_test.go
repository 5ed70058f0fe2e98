package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataDir holds the public benchmark instances.
const dataDir = "../../shared/bench"

func TestParseKULOP(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		wantErr bool
		n       int
		tmax    float64
	}{
		{"minimal", "5\t1\n0 0 0\n1 0 0\n0.5 0.5 10\n", false, 3, 5},
		{"crlf and blank lines", "7 1\r\n\r\n0 0 0\r\n1 1 0\r\n", false, 2, 7},
		{"two paths", "5 2\n0 0 0\n1 0 0\n", true, 0, 0},
		{"no end", "5 1\n0 0 0\n", true, 0, 0},
		{"bad tmax", "x 1\n0 0 0\n1 0 0\n", true, 0, 0},
		{"negative score", "5 1\n0 0 0\n1 0 0\n2 2 -3\n", true, 0, 0},
		{"fractional score", "5 1\n0 0 0\n1 0 0\n2 2 1.5\n", true, 0, 0},
		{"short line", "5 1\n0 0 0\n1 0\n", true, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, err := parseKULOP(strings.NewReader(tc.text))
			if tc.wantErr {
				require.ErrorIs(t, err, errOP)
				return
			}
			require.NoError(t, err)
			assert.Len(t, in.x, tc.n)
			assert.Equal(t, tc.tmax, in.tmax)
		})
	}
}

// The integer model rounds distances up and the budget down, so a route the
// model accepts is feasible in real arithmetic.
func TestKULOPModelIsConservative(t *testing.T) {
	in, err := parseKULOP(strings.NewReader("2.0 1\n0 0 0\n0 0 0\n0.6 0.8 5\n"))
	require.NoError(t, err)
	m := in.model()
	// 0 -> 2 -> 1 has real length exactly 2 = Tmax: allowed in reals.
	assert.Equal(t, int64(1_000_000), m.travel[0*3+2])
	assert.Equal(t, int64(2_000_000), m.routes[0].close)
	score, err := in.check([]int{2})
	require.NoError(t, err)
	assert.Equal(t, int64(5), score)
	_, err = in.check([]int{2, 2})
	assert.Error(t, err)
}

func TestParseKULOPFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(dataDir, "op", "tsiligirides", "*", "*.txt"))
	more, _ := filepath.Glob(filepath.Join(dataDir, "op", "chao", "*", "*.txt"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("benchmark data not found under " + dataDir)
	}
	// Point counts and start/end from ../shared/bench/README.md section 2a.
	want := map[string]struct {
		n          int
		sx, sy, ex float64
	}{
		"set1":          {32, 10.5, 14.4, 11.2},
		"set2":          {21, 4.6, 7.1, 5.0},
		"set3":          {33, 19.1, 24.3, 18.2},
		"set64_diamond": {64, 0, -7, 0},
		"set66_square":  {66, -0.5, 0, 0.5},
	}
	for _, f := range files {
		fh, err := os.Open(f)
		require.NoError(t, err)
		in, err := parseKULOP(fh)
		fh.Close()
		require.NoError(t, err, f)
		w := want[filepath.Base(filepath.Dir(f))]
		assert.Len(t, in.x, w.n, f)
		assert.Equal(t, [3]float64{w.sx, w.sy, w.ex}, [3]float64{in.x[0], in.y[0], in.x[1]}, f)
		assert.Zero(t, in.score[0]+in.score[1], f)
	}
}

const tinyOPLib = `NAME : tiny
TYPE : OP
DIMENSION : 3
COST_LIMIT : 20
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 6 8
NODE_SCORE_SECTION
1 7
2 5
3 9
DEPOT_SECTION
1
-1
EOF
`

func TestParseOPLib(t *testing.T) {
	in, err := parseOPLib(strings.NewReader(tinyOPLib))
	require.NoError(t, err)
	assert.Equal(t, int64(20), in.limit)
	assert.Equal(t, []int64{7, 5, 9}, in.score)
	score, err := in.check([]int{1, 2})
	require.NoError(t, err)
	assert.Equal(t, int64(21), score, "the depot's own score counts")
	_, err = in.check([]int{2, 1, 2})
	assert.Error(t, err)

	cases := []struct{ name, text string }{
		{"not OP", strings.Replace(tinyOPLib, "TYPE : OP", "TYPE : TSP", 1)},
		{"no limit", strings.Replace(tinyOPLib, "COST_LIMIT : 20\n", "", 1)},
		{"bad limit", strings.Replace(tinyOPLib, "COST_LIMIT : 20", "COST_LIMIT : -1", 1)},
		{"score node out of range", strings.Replace(tinyOPLib, "3 9\n", "4 9\n", 1)},
		{"score missing", strings.Replace(tinyOPLib, "3 9\n", "3\n", 1)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseOPLib(strings.NewReader(tc.text))
			assert.Error(t, err)
		})
	}
}

// Every EA4OP solution route, recomputed with our parser and TSPLIB metric,
// has the cost and score its .sol file states (depot score included), except
// where best.tsv marks the listed score SUSPECT.
func TestOPLibSolutionsReproduce(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(dataDir, "op", "oplib", "gen*", "*.oplib"))
	if len(files) == 0 {
		t.Skip("benchmark data not found under " + dataDir)
	}
	suspect := suspectBest(dataDir)
	checked := 0
	for _, f := range files {
		gen := filepath.Base(filepath.Dir(f))
		name := strings.TrimSuffix(filepath.Base(f), ".oplib")
		sol := filepath.Join(dataDir, "op", "oplib", "ea4op_solutions", gen, name+".sol")
		route, score, cost, ok := readSol(t, sol)
		if !ok {
			continue
		}
		fh, err := os.Open(f)
		require.NoError(t, err)
		in, err := parseOPLib(fh)
		fh.Close()
		require.NoError(t, err, f)
		require.Equal(t, 0, route[0], "%s: route starts at the depot", sol)
		var c int64
		for i := 1; i < len(route); i++ {
			c += in.g.Dist(route[i-1], route[i])
		}
		c += in.g.Dist(route[len(route)-1], 0)
		assert.Equal(t, cost, c, "%s: ROUTE_COST", name)
		got, err := in.check(route[1:])
		require.NoError(t, err, name)
		if !suspect["op_oplib/"+gen+"/"+name] {
			assert.Equal(t, score, got, "%s: ROUTE_SCORE", name)
		}
		checked++
	}
	assert.Equal(t, 180, checked)
}

// readSol reads an EA4OP .sol file: 0-based route, score and cost.
func readSol(t *testing.T, path string) (route []int, score, cost int64, ok bool) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, false
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	inSeq := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if k, v, found := strings.Cut(line, ":"); found && !inSeq {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			switch strings.TrimSpace(k) {
			case "ROUTE_SCORE":
				score = n
			case "ROUTE_COST":
				cost = n
			}
			continue
		}
		if line == "NODE_SEQUENCE_SECTION" {
			inSeq = true
			continue
		}
		if inSeq {
			n, err := strconv.Atoi(line)
			if err != nil || n < 1 {
				break
			}
			route = append(route, n-1)
		}
	}
	require.NoError(t, sc.Err())
	return route, score, cost, len(route) > 0
}

func FuzzParseKULOP(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		in, err := parseKULOP(strings.NewReader(s))
		if err != nil {
			return
		}
		m := in.model()
		if len(m.travel) != m.n*m.n || len(m.customers) != m.n-2 {
			t.Fatalf("bad model from %q", s)
		}
	})
}

func FuzzParseOPLib(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		in, err := parseOPLib(strings.NewReader(s))
		if err != nil {
			return
		}
		if len(in.score) != in.g.Dimension {
			t.Fatalf("%d scores for %d nodes", len(in.score), in.g.Dimension)
		}
	})
}
