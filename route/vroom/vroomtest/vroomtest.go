// Package vroomtest checks a VROOM solution against its problem with
// VROOM's own semantics — service starts inside a job's time window, the
// route inside its vehicle's window, breaks inside theirs, arrivals and
// costs recomputed from the matrix — as package httptest serves net/http's
// tests. It reads the raw JSON of both on its own and shares no code with
// package vroom's decoder, so it also catches mapping mistakes; it works
// as well on solutions written by VROOM itself.
//
// It covers the subset package vroom supports (jobs, vehicles with
// windows and at most one break, one custom matrix or coordinates).
package vroomtest

import (
	"errors"
	"fmt"

	"github.com/goccy/go-json"
)

type problem struct {
	Jobs     []job     `json:"jobs"`
	Vehicles []vehicle `json:"vehicles"`
	Matrix   [][]int64 `json:"matrix"`
	Matrices map[string]struct {
		Durations [][]int64 `json:"durations"`
	} `json:"matrices"`
}

type job struct {
	ID            uint64      `json:"id"`
	Location      *[2]float64 `json:"location"`
	LocationIndex *int        `json:"location_index"`
	Service       int64       `json:"service"`
	Priority      int64       `json:"priority"`
	TimeWindows   [][2]int64  `json:"time_windows"`
}

type vehicle struct {
	ID         uint64      `json:"id"`
	Start      *[2]float64 `json:"start"`
	StartIndex *int        `json:"start_index"`
	End        *[2]float64 `json:"end"`
	EndIndex   *int        `json:"end_index"`
	TimeWindow *[2]int64   `json:"time_window"`
	Breaks     []struct {
		ID          uint64     `json:"id"`
		TimeWindows [][2]int64 `json:"time_windows"`
		Service     int64      `json:"service"`
	} `json:"breaks"`
}

type step struct {
	Type          string      `json:"type"`
	ID            *uint64     `json:"id"`
	Location      *[2]float64 `json:"location"`
	LocationIndex *int        `json:"location_index"`
	Service       int64       `json:"service"`
	WaitingTime   int64       `json:"waiting_time"`
	Arrival       int64       `json:"arrival"`
	Duration      int64       `json:"duration"`
}

type solution struct {
	Code    int `json:"code"`
	Summary struct {
		Cost        int64 `json:"cost"`
		Routes      int   `json:"routes"`
		Unassigned  int   `json:"unassigned"`
		Service     int64 `json:"service"`
		Duration    int64 `json:"duration"`
		WaitingTime int64 `json:"waiting_time"`
		Priority    int64 `json:"priority"`
	} `json:"summary"`
	Unassigned []struct {
		ID   uint64 `json:"id"`
		Type string `json:"type"`
	} `json:"unassigned"`
	Routes []vroute `json:"routes"`
}

type vroute struct {
	Vehicle     uint64 `json:"vehicle"`
	Cost        int64  `json:"cost"`
	Service     int64  `json:"service"`
	Duration    int64  `json:"duration"`
	WaitingTime int64  `json:"waiting_time"`
	Priority    int64  `json:"priority"`
	Steps       []step `json:"steps"`
}

// Travel returns the travel time in seconds between two coordinates; it
// is needed only for problems without matrices.
type Travel func(from, to [2]float64) int64

// Result is what a checked solution achieves, recomputed from the
// problem.
type Result struct {
	Priority int64 // sum of the priorities of the assigned jobs
	Assigned int   // number of assigned jobs
	Cost     int64 // sum of the travel durations
}

// Check verifies that solutionJSON is a feasible solution of problemJSON
// under VROOM's semantics and that every number it reports is the
// recomputed one; it returns what the solution achieves and every
// violation found.
func Check(problemJSON, solutionJSON []byte, travel Travel) (Result, error) {
	var p problem
	if err := json.Unmarshal(problemJSON, &p); err != nil {
		return Result{}, fmt.Errorf("problem: %w", err)
	}
	var s solution
	if err := json.Unmarshal(solutionJSON, &s); err != nil {
		return Result{}, fmt.Errorf("solution: %w", err)
	}
	c := checker{p: &p, travel: travel}
	if p.Matrix != nil {
		c.matrix = p.Matrix
	}
	for _, m := range p.Matrices {
		c.matrix = m.Durations
	}
	res := c.check(&s)
	return res, errors.Join(c.errs...)
}

type checker struct {
	p        *problem
	matrix   [][]int64
	travel   Travel
	errs     []error
	jobs     map[uint64]int // index of each job id in p.Jobs
	vehicles map[uint64]int
	done     map[uint64]bool // assigned jobs
	assigned int
}

// totals are the sums a route or the summary reports.
type totals struct {
	cost, service, wait, priority int64
}

func (t *totals) add(u totals) {
	t.cost += u.cost
	t.service += u.service
	t.wait += u.wait
	t.priority += u.priority
}

func (c *checker) fail(format string, args ...any) {
	if len(c.errs) < 30 {
		c.errs = append(c.errs, fmt.Errorf(format, args...))
	}
}

// place is a location: a matrix index or coordinates.
type place struct {
	index int
	point [2]float64
}

func (c *checker) leg(a, b place) int64 {
	if c.matrix != nil {
		return c.matrix[a.index][b.index]
	}
	if a.point == b.point {
		return 0
	}
	return c.travel(a.point, b.point)
}

func at(pt *[2]float64, idx *int) place {
	var pl place
	if pt != nil {
		pl.point = *pt
	}
	if idx != nil {
		pl.index = *idx
	}
	return pl
}

func (c *checker) check(s *solution) Result {
	if s.Code != 0 {
		c.fail("code %d", s.Code)
	}
	c.jobs, c.vehicles, c.done = map[uint64]int{}, map[uint64]int{}, map[uint64]bool{}
	for i, j := range c.p.Jobs {
		c.jobs[j.ID] = i
	}
	for i, v := range c.p.Vehicles {
		c.vehicles[v.ID] = i
	}
	var sum totals
	for r := range s.Routes {
		sum.add(c.route(r, &s.Routes[r]))
	}
	c.unassigned(s)
	c.summary(s, sum)
	return Result{Priority: sum.priority, Assigned: c.assigned, Cost: sum.cost}
}

// walk follows one route's steps, recomputing its times and totals.
type walk struct {
	c      *checker
	r      int // the route's index
	v      *vehicle
	cur    place
	t      int64 // the time reached
	sum    totals
	breaks int
}

// route checks route r and returns its recomputed totals.
func (c *checker) route(r int, rt *vroute) totals {
	vi, ok := c.vehicles[rt.Vehicle]
	if !ok {
		c.fail("route %d: unknown vehicle %d", r, rt.Vehicle)
		return totals{}
	}
	v := &c.p.Vehicles[vi]
	if n := len(rt.Steps); n < 3 || rt.Steps[0].Type != "start" || rt.Steps[n-1].Type != "end" {
		c.fail("route %d: steps do not run from start through jobs to end", r)
		return totals{}
	}
	w := walk{c: c, r: r, v: v, cur: at(v.Start, v.StartIndex), t: rt.Steps[0].Arrival}
	if v.TimeWindow != nil && w.t < v.TimeWindow[0] {
		c.fail("route %d: starts at %d, before the vehicle window opens at %d", r, w.t, v.TimeWindow[0])
	}
	for k := 1; k < len(rt.Steps); k++ {
		w.step(k, &rt.Steps[k], k == len(rt.Steps)-1)
	}
	if w.breaks != len(v.Breaks) {
		c.fail("route %d: %d breaks, the vehicle has %d", r, w.breaks, len(v.Breaks))
	}
	got := totals{cost: rt.Cost, service: rt.Service, wait: rt.WaitingTime, priority: rt.Priority}
	if got != w.sum || rt.Duration != w.sum.cost {
		c.fail("route %d: reports cost %d, duration %d, service %d, waiting %d, priority %d; recomputed %d, %d, %d, %d, %d",
			r, rt.Cost, rt.Duration, rt.Service, rt.WaitingTime, rt.Priority, w.sum.cost, w.sum.cost, w.sum.service, w.sum.wait, w.sum.priority)
	}
	return w.sum
}

// step checks step k, the last of the route if last.
func (w *walk) step(k int, st *step, last bool) {
	ok := true
	switch st.Type {
	case "job":
		ok = w.job(k, st)
	case "break":
		ok = w.brk(k, st)
	case "end":
		w.end(k, st, last)
	default:
		w.c.fail("route %d step %d: type %q", w.r, k, st.Type)
	}
	if ok && st.Duration != w.sum.cost {
		w.c.fail("route %d step %d: duration %d, recomputed travel %d", w.r, k, st.Duration, w.sum.cost)
	}
}

// arrive travels to next.
func (w *walk) arrive(next place) {
	d := w.c.leg(w.cur, next)
	w.sum.cost += d
	w.t += d
	w.cur = next
}

// job checks job step k; ok is false when the step names no known job.
func (w *walk) job(k int, st *step) (ok bool) {
	c, r := w.c, w.r
	if st.ID == nil {
		c.fail("route %d step %d: job without id", r, k)
		return false
	}
	ji, ok := c.jobs[*st.ID]
	if !ok {
		c.fail("route %d step %d: unknown job %d", r, k, *st.ID)
		return false
	}
	if c.done[*st.ID] {
		c.fail("route %d step %d: job %d served twice", r, k, *st.ID)
	}
	c.done[*st.ID] = true
	j := &c.p.Jobs[ji]
	w.arrive(at(j.Location, j.LocationIndex))
	if st.Arrival != w.t {
		c.fail("route %d step %d (job %d): arrival %d, recomputed %d", r, k, j.ID, st.Arrival, w.t)
	}
	begin := st.Arrival + st.WaitingTime
	if st.WaitingTime < 0 {
		c.fail("route %d step %d (job %d): negative waiting time", r, k, j.ID)
	}
	if len(j.TimeWindows) > 0 && !inside(j.TimeWindows, begin) {
		c.fail("route %d step %d (job %d): service starts at %d, outside its windows %v", r, k, j.ID, begin, j.TimeWindows)
	}
	if st.Service != j.Service {
		c.fail("route %d step %d (job %d): service %d, want %d", r, k, j.ID, st.Service, j.Service)
	}
	w.t = begin + j.Service
	w.sum.add(totals{service: j.Service, wait: st.WaitingTime, priority: j.Priority})
	c.assigned++
	return true
}

// brk checks break step k; ok is false when the vehicle has no such
// break.
func (w *walk) brk(k int, st *step) (ok bool) {
	c, r := w.c, w.r
	w.breaks++
	if len(w.v.Breaks) == 0 || st.ID == nil || *st.ID != w.v.Breaks[0].ID {
		c.fail("route %d step %d: unexpected break", r, k)
		return false
	}
	b := w.v.Breaks[0]
	if st.Arrival != w.t {
		c.fail("route %d step %d (break): arrival %d, recomputed %d", r, k, st.Arrival, w.t)
	}
	begin := st.Arrival + st.WaitingTime
	if len(b.TimeWindows) > 0 && !inside(b.TimeWindows, begin) {
		c.fail("route %d step %d (break): starts at %d, outside %v", r, k, begin, b.TimeWindows)
	}
	w.t = begin + b.Service
	w.sum.add(totals{service: b.Service, wait: st.WaitingTime})
	return true
}

func (w *walk) end(k int, st *step, last bool) {
	c, r, v := w.c, w.r, w.v
	if !last {
		c.fail("route %d: end step %d before the last", r, k)
	}
	if v.End != nil || v.EndIndex != nil {
		w.arrive(at(v.End, v.EndIndex))
	}
	if st.Arrival != w.t {
		c.fail("route %d: end arrival %d, recomputed %d", r, st.Arrival, w.t)
	}
	if v.TimeWindow != nil && w.t > v.TimeWindow[1] {
		c.fail("route %d: ends at %d, after the vehicle window closes at %d", r, w.t, v.TimeWindow[1])
	}
}

// unassigned checks that every job is assigned or unassigned, once.
func (c *checker) unassigned(s *solution) {
	un := map[uint64]bool{}
	for _, u := range s.Unassigned {
		if c.done[u.ID] || un[u.ID] {
			c.fail("job %d unassigned and assigned, or unassigned twice", u.ID)
		}
		if _, ok := c.jobs[u.ID]; !ok {
			c.fail("unknown unassigned job %d", u.ID)
		}
		un[u.ID] = true
	}
	if len(c.done)+len(un) != len(c.p.Jobs) {
		c.fail("%d assigned + %d unassigned jobs, the problem has %d", len(c.done), len(un), len(c.p.Jobs))
	}
}

// summary checks the summary against sum, the routes' recomputed totals.
func (c *checker) summary(s *solution, sum totals) {
	sm := s.Summary
	got := totals{cost: sm.Cost, service: sm.Service, wait: sm.WaitingTime, priority: sm.Priority}
	if got != sum || sm.Duration != sum.cost || sm.Routes != len(s.Routes) || sm.Unassigned != len(s.Unassigned) {
		c.fail("summary %+v disagrees with the routes (cost %d, service %d, waiting %d, priority %d, routes %d, unassigned %d)",
			sm, sum.cost, sum.service, sum.wait, sum.priority, len(s.Routes), len(s.Unassigned))
	}
}

func inside(tws [][2]int64, t int64) bool {
	for _, w := range tws {
		if w[0] <= t && t <= w[1] {
			return true
		}
	}
	return false
}
