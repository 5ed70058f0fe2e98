package main

import (
	"fmt"
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

// runTSPLIB solves every TSPLIB instance in cfg.data/tsp that passes the
// filters as a closed tour from node 0 (linhp318 as the Hamiltonian path
// through its fixed edge's ends, the variant its optimum is for).
func runTSPLIB(cfg *config, emit func(row)) error {
	dir := filepath.Join(cfg.data, "tsp")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.tsp")); len(files) == 0 {
		fmt.Fprintf(os.Stderr, "bench: no .tsp files in %s; skipping tsplib\n", dir)
		return nil
	}
	type job struct {
		name string
		in   *tsplib.Instance
	}
	var jobs []job
	err := parseFiles(cfg, filepath.Join(dir, "*.tsp"), false, tsplib.Parse, func(name string, in *tsplib.Instance) {
		if cfg.sizeOK(in.Dimension) {
			jobs = append(jobs, job{name, in})
		}
	})
	if err != nil {
		return err
	}
	slices.SortFunc(jobs, func(a, b job) int {
		if a.in.Dimension != b.in.Dimension {
			return a.in.Dimension - b.in.Dimension
		}
		return strings.Compare(a.name, b.name)
	})
	for _, j := range jobs {
		r, err := solveTSPLIB(cfg, j.name, j.in)
		if err != nil {
			return fmt.Errorf("%s: %w", j.name, err)
		}
		emit(r)
	}
	return nil
}

// solveTSPLIB solves one instance through the public route API: node 0 is
// the day's start (and end, for a closed tour), nodes 1..n-1 are stops,
// and the TSPLIB integer distances are the travel durations in
// nanoseconds, so the plan's total travel time is the tour length.
func solveTSPLIB(cfg *config, name string, in *tsplib.Instance) (row, error) {
	n := in.Dimension
	r := row{set: "tsplib", instance: name, n: n, best: math.NaN(), ours: math.NaN()}
	if b, ok := cfg.best["tsplib/"+name]; ok {
		r.best, r.maximize = b.value, b.maximize
	}
	if n-1 > route.MaxMatrixStops {
		r.note = fmt.Sprintf("skipped: %d stops exceed route.MaxMatrixStops", n-1)
		return r, nil
	}
	c := in.Matrix()
	m := &geo.Matrix{Durations: make([][]time.Duration, n)}
	for i := range n {
		m.Durations[i] = make([]time.Duration, n)
		for j := range n {
			m.Durations[i][j] = time.Duration(c[i*n+j])
		}
	}
	start, end := 0, 0
	if len(in.FixedEdges) == 1 {
		start, end = in.FixedEdges[0][0], in.FixedEdges[0][1]
		r.note = fmt.Sprintf("path %d-%d (fixed edge)", start+1, end+1)
	} else if len(in.FixedEdges) > 1 {
		return r, fmt.Errorf("%d fixed edges: only one supported", len(in.FixedEdges))
	}
	place := func(i int) route.Place { return route.Place{ID: strconv.Itoa(i + 1), MatrixIndex: i} }
	day := route.Day{Start: place(start)}
	if end == start {
		day.End = &day.Start
	} else {
		e := place(end)
		day.End = &e
	}
	p := route.Problem{Days: []route.Day{day}, Matrix: m}
	for i := range n {
		if i != start && i != end {
			p.Stops = append(p.Stops, route.Stop{Place: place(i)})
		}
	}
	plan, secs, err := cfg.solve(p)
	r.seconds = secs
	if err != nil {
		return r, err
	}
	if plan.Visited != len(p.Stops) {
		return r, fmt.Errorf("plan visits %d of %d stops", plan.Visited, len(p.Stops))
	}
	r.ours = float64(plan.Travel)
	return r, nil
}
