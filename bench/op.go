package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/internal/tsplib"
	"github.com/chuanzhu/chuanzhu/route"
)

// opScale turns the real Euclidean lengths of the KU Leuven OP files into
// integers: distances are rounded up and the budget down, so every route
// the engine accepts is feasible in real arithmetic (checked afterwards).
const opScale = 1e6

var errOP = errors.New("op: bad file")

// opModel is an orienteering instance in integer form: node indices, travel
// times in an instance-specific unit, visit windows holding the whole visit.
type opModel struct {
	n         int
	travel    []int64 // n*n
	service   []int64 // nil = all 0
	score     []int64
	windows   [][][2]int64 // per node; nil = always open
	customers []int
	routes    []opRoute
}

// opRoute is one route: leave start at or after open, be at end (or done,
// for end = -1) by close.
type opRoute struct {
	start, end  int
	open, close int64
}

// benchEpoch is the clock origin of the route.Problems built here: engine
// times t become benchEpoch + t nanoseconds.
var benchEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// problem converts m to a route.Problem whose durations are m's integers
// read as nanoseconds, and returns the node of each stop.
func (m *opModel) problem() (route.Problem, []int) {
	mx := &geo.Matrix{Durations: make([][]time.Duration, m.n)}
	for i := range m.n {
		mx.Durations[i] = make([]time.Duration, m.n)
		for j := range m.n {
			if i != j {
				mx.Durations[i][j] = time.Duration(m.travel[i*m.n+j])
			}
		}
	}
	at := func(t int64) time.Time { return benchEpoch.Add(time.Duration(t)) }
	place := func(i int) route.Place { return route.Place{ID: strconv.Itoa(i), MatrixIndex: i} }
	p := route.Problem{Matrix: mx}
	nodes := make([]int, 0, len(m.customers))
	for _, c := range m.customers {
		st := route.Stop{Place: place(c), Score: int(m.score[c])}
		if m.service != nil {
			st.Visit = time.Duration(m.service[c])
		}
		if m.windows != nil {
			for _, w := range m.windows[c] {
				st.Windows = append(st.Windows, route.Window{Open: at(w[0]), Close: at(w[1])})
			}
		}
		p.Stops = append(p.Stops, st)
		nodes = append(nodes, c)
	}
	for _, r := range m.routes {
		d := route.Day{Start: place(r.start), Window: route.Window{Open: at(r.open), Close: at(r.close)}}
		if r.end >= 0 {
			e := place(r.end)
			d.End = &e
		}
		p.Days = append(p.Days, d)
	}
	return p, nodes
}

// travelMatrix returns the n×n travel times, row-major, travel(i, j)
// off the diagonal and 0 on it.
func travelMatrix(n int, travel func(i, j int) int64) []int64 {
	m := make([]int64, n*n)
	for i := range n {
		for j := range n {
			if i != j {
				m[i*n+j] = travel(i, j)
			}
		}
	}
	return m
}

// kulOP is an orienteering instance in the KU Leuven text format
// (Tsiligirides, Chao): node 0 = start, node 1 = end, then customers.
type kulOP struct {
	tmax  float64
	x, y  []float64
	score []int64
}

// parseKULOP reads "Tmax P", then "x y score" lines.
func parseKULOP(r io.Reader) (*kulOP, error) {
	sc := bufio.NewScanner(r)
	in := &kulOP{}
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if in.tmax == 0 && len(in.x) == 0 {
			if len(f) < 1 {
				return nil, fmt.Errorf("%w: line %d: want Tmax P", errOP, line)
			}
			v, err := strconv.ParseFloat(f[0], 64)
			if err != nil || v <= 0 || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: line %d: Tmax %q", errOP, line, f[0])
			}
			if len(f) > 1 && f[1] != "1" {
				return nil, fmt.Errorf("%w: line %d: %s paths, only 1 supported", errOP, line, f[1])
			}
			in.tmax = v
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("%w: line %d: want x y score", errOP, line)
		}
		var v [3]float64
		for k := range 3 {
			x, err := strconv.ParseFloat(f[k], 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%w: line %d: field %d %q is not a number", errOP, line, k+1, f[k])
			}
			v[k] = x
		}
		if v[2] < 0 || v[2] != math.Trunc(v[2]) {
			return nil, fmt.Errorf("%w: line %d: score %q is not a non-negative integer", errOP, line, f[2])
		}
		in.x = append(in.x, v[0])
		in.y = append(in.y, v[1])
		in.score = append(in.score, int64(v[2]))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if in.tmax == 0 || len(in.x) < 2 {
		return nil, fmt.Errorf("%w: need Tmax and at least start and end", errOP)
	}
	return in, nil
}

func (in *kulOP) dist(i, j int) float64 {
	return math.Hypot(in.x[i]-in.x[j], in.y[i]-in.y[j])
}

// instance is the integer engine instance: distances ×opScale rounded up,
// budget ×opScale rounded down.
func (in *kulOP) model() *opModel {
	n := len(in.x)
	ti := &opModel{n: n, score: slices.Clone(in.score)}
	ti.travel = travelMatrix(n, func(i, j int) int64 { return int64(math.Ceil(in.dist(i, j) * opScale)) })
	for c := 2; c < n; c++ {
		ti.customers = append(ti.customers, c)
	}
	ti.routes = []opRoute{{start: 0, end: 1, open: 0, close: int64(math.Floor(in.tmax * opScale))}}
	return ti
}

// check recomputes the route's real length and score.
func (in *kulOP) check(route []int) (int64, error) {
	seen := make([]bool, len(in.x))
	var score int64
	length := 0.0
	prev := 0
	for _, v := range route {
		if v < 2 || v >= len(in.x) || seen[v] {
			return 0, fmt.Errorf("route visits node %d twice or out of range", v)
		}
		seen[v] = true
		score += in.score[v]
		length += in.dist(prev, v)
		prev = v
	}
	length += in.dist(prev, 1)
	if length > in.tmax+1e-9 {
		return 0, fmt.Errorf("route length %.9f exceeds Tmax %g", length, in.tmax)
	}
	return score, nil
}

// oplibInstance is an OPLib instance: a TSPLIB graph, node scores and a cost
// limit; node 0 (file node 1) is the depot of a closed tour.
type oplibInstance struct {
	g     *tsplib.Instance
	limit int64
	score []int64
}

// parseOPLib reads an OPLib .oplib file. The graph part is TSPLIB95 and is
// read by tsplib.Parse; this adds COST_LIMIT and NODE_SCORE_SECTION.
func parseOPLib(r io.Reader) (*oplibInstance, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	out := &oplibInstance{limit: -1}
	var tsp bytes.Buffer
	var scores [][2]int64
	inScores := false
	for i, text := range strings.Split(string(raw), "\n") {
		t := strings.TrimSpace(text)
		key, val, hasColon := strings.Cut(t, ":")
		ukey := strings.ToUpper(strings.TrimSpace(key))
		switch {
		case hasColon && ukey == "TYPE":
			if v := strings.ToUpper(strings.TrimSpace(val)); v != "OP" {
				return nil, fmt.Errorf("%w: line %d: TYPE %q is not OP", errOP, i+1, v)
			}
			tsp.WriteString("TYPE : TSP\n")
			continue
		case hasColon && ukey == "COST_LIMIT":
			v, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("%w: line %d: COST_LIMIT %q", errOP, i+1, strings.TrimSpace(val))
			}
			out.limit = v
			continue
		case strings.HasSuffix(strings.ToUpper(strings.TrimRight(t, " :")), "_SECTION"):
			inScores = strings.HasPrefix(strings.ToUpper(t), "NODE_SCORE_SECTION")
			if inScores {
				continue
			}
		case strings.ToUpper(t) == "EOF":
			inScores = false
		case inScores:
			f := strings.Fields(t)
			if len(f) == 0 {
				continue
			}
			if len(f) != 2 {
				return nil, fmt.Errorf("%w: line %d: want node score", errOP, i+1)
			}
			id, err1 := strconv.ParseInt(f[0], 10, 64)
			sc, err2 := strconv.ParseInt(f[1], 10, 64)
			if err1 != nil || err2 != nil || sc < 0 {
				return nil, fmt.Errorf("%w: line %d: bad node score %q", errOP, i+1, t)
			}
			scores = append(scores, [2]int64{id, sc})
			continue
		}
		tsp.WriteString(text)
		tsp.WriteByte('\n')
	}
	g, err := tsplib.Parse(&tsp)
	if err != nil {
		return nil, err
	}
	if out.limit < 0 {
		return nil, fmt.Errorf("%w: no COST_LIMIT", errOP)
	}
	out.g = g
	out.score = make([]int64, g.Dimension)
	for _, s := range scores {
		if s[0] < 1 || s[0] > int64(g.Dimension) {
			return nil, fmt.Errorf("%w: score for node %d out of range", errOP, s[0])
		}
		out.score[s[0]-1] = s[1]
	}
	return out, nil
}

func (in *oplibInstance) model() *opModel {
	n := in.g.Dimension
	ti := &opModel{n: n, travel: in.g.Matrix(), score: slices.Clone(in.score)}
	for c := 1; c < n; c++ {
		ti.customers = append(ti.customers, c)
	}
	ti.routes = []opRoute{{start: 0, end: 0, open: 0, close: in.limit}}
	return ti
}

// check recomputes the tour cost and the score, the depot's own score
// included (OPLib's convention).
func (in *oplibInstance) check(route []int) (int64, error) {
	n := in.g.Dimension
	seen := make([]bool, n)
	score := in.score[0]
	var cost int64
	prev := 0
	for _, v := range route {
		if v < 1 || v >= n || seen[v] {
			return 0, fmt.Errorf("route visits node %d twice or out of range", v)
		}
		seen[v] = true
		score += in.score[v]
		cost += in.g.Dist(prev, v)
		prev = v
	}
	if prev != 0 {
		cost += in.g.Dist(prev, 0)
	}
	if cost > in.limit {
		return 0, fmt.Errorf("tour cost %d exceeds COST_LIMIT %d", cost, in.limit)
	}
	return score, nil
}

// suspectBest lists the best.tsv keys whose source says SUSPECT: they are
// left out of the gap statistics.
func suspectBest(data string) map[string]bool {
	out := map[string]bool{}
	raw, err := os.ReadFile(filepath.Join(data, "best.tsv"))
	if err != nil {
		return out
	}
	for _, l := range strings.Split(string(raw), "\n") {
		c := strings.Split(l, "\t")
		if len(c) >= 6 && strings.Contains(c[5], "SUSPECT") {
			out[c[0]+"/"+c[1]] = true
		}
	}
	return out
}

// setDir returns the folder of the benchmark sets kind ("op", "toptw")
// under -data; ok is false, and a note says the sets are skipped, when
// it is absent.
func setDir(cfg *config, kind string) (dir string, ok bool) {
	dir = filepath.Join(cfg.data, kind)
	if _, err := os.Stat(dir); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %s not found; skipping %s\n", dir, kind)
		return dir, false
	}
	return dir, true
}

// opJob is one instance to solve.
type opJob struct {
	set, name string
	n         int
	model     *opModel
	check     func([]int) (int64, error)
}

// runOP solves the Tsiligirides and Chao OP sets and OPLib (n within the
// -min/-max filters) as one-route orienteering problems.
func runOP(cfg *config, emit func(row)) error {
	base, ok := setDir(cfg, "op")
	if !ok {
		return nil
	}
	var jobs []opJob
	for _, set := range []struct{ name, dir string }{
		{"op_tsiligirides", "tsiligirides"},
		{"op_chao", "chao"},
	} {
		err := parseFiles(cfg, filepath.Join(base, set.dir, "*", "*.txt"), true, parseKULOP, func(name string, in *kulOP) {
			if n := len(in.x); cfg.sizeOK(n) {
				jobs = append(jobs, opJob{set.name, name, n, in.model(), in.check})
			}
		})
		if err != nil {
			return err
		}
	}
	err := parseFiles(cfg, filepath.Join(base, "oplib", "gen*", "*.oplib"), true, parseOPLib, func(name string, in *oplibInstance) {
		if n := in.g.Dimension; cfg.sizeOK(n) {
			jobs = append(jobs, opJob{"op_oplib", name, n, in.model(), in.check})
		}
	})
	if err != nil {
		return err
	}
	suspect := suspectBest(cfg.data)
	for _, j := range jobs {
		r, err := solveOPJob(cfg, j, 1, j.name)
		if err != nil {
			return fmt.Errorf("%s %s: %w", j.set, j.name, err)
		}
		if suspect[j.set+"/"+j.name] {
			r.note = fmt.Sprintf("best_known %s marked SUSPECT in best.tsv; left out of the gap", num(r.best))
			r.best = math.NaN()
		}
		emit(r)
	}
	return nil
}

// solveOPJob solves one job through route.Solve with the given number of
// routes (copies of the job's first route) and checks the plan in the
// instance's own terms.
func solveOPJob(cfg *config, j opJob, routes int, instance string) (row, error) {
	m := *j.model
	m.routes = slices.Repeat(m.routes[:1], routes)
	p, nodes := m.problem()
	plan, secs, err := cfg.solve(p)
	if err != nil {
		return row{}, err
	}
	var score int64
	seen := map[int]bool{}
	for d, day := range plan.Days {
		seq := make([]int, len(day.Visits))
		for i, v := range day.Visits {
			seq[i] = nodes[v.Index]
			if seen[seq[i]] {
				return row{}, fmt.Errorf("node %d visited twice", seq[i])
			}
			seen[seq[i]] = true
		}
		s, err := j.check(seq)
		if err != nil {
			return row{}, fmt.Errorf("day %d infeasible: %w", d, err)
		}
		score += s
	}
	// check counts the depot's own score (OPLib) once per route.
	score -= int64(routes-1) * depotScore(j)
	if want := int64(plan.Score) + depotScore(j); score != want {
		return row{}, fmt.Errorf("plan score %d + depot, recomputed %d", plan.Score, score)
	}
	r := row{set: j.set, instance: instance, n: j.n, best: math.NaN(), ours: float64(score), maximize: true, seconds: secs}
	if b, ok := cfg.best[j.set+"/"+instance]; ok {
		r.best = b.value
	}
	return r, nil
}

// depotScore is the score a job's check adds for the depot itself.
func depotScore(j opJob) int64 {
	s, err := j.check(nil)
	if err != nil {
		return 0
	}
	return s
}
