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
	Jobs []struct {
		ID            uint64      `json:"id"`
		Location      *[2]float64 `json:"location"`
		LocationIndex *int        `json:"location_index"`
		Service       int64       `json:"service"`
		Priority      int64       `json:"priority"`
		TimeWindows   [][2]int64  `json:"time_windows"`
	} `json:"jobs"`
	Vehicles []struct {
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
	} `json:"vehicles"`
	Matrix   [][]int64 `json:"matrix"`
	Matrices map[string]struct {
		Durations [][]int64 `json:"durations"`
	} `json:"matrices"`
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
	Routes []struct {
		Vehicle     uint64 `json:"vehicle"`
		Cost        int64  `json:"cost"`
		Service     int64  `json:"service"`
		Duration    int64  `json:"duration"`
		WaitingTime int64  `json:"waiting_time"`
		Priority    int64  `json:"priority"`
		Steps       []step `json:"steps"`
	} `json:"routes"`
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
	p      *problem
	matrix [][]int64
	travel Travel
	errs   []error
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
	p := c.p
	var res Result
	if s.Code != 0 {
		c.fail("code %d", s.Code)
	}
	jobs := map[uint64]int{}
	for i, j := range p.Jobs {
		jobs[j.ID] = i
	}
	vehicles := map[uint64]int{}
	for i, v := range p.Vehicles {
		vehicles[v.ID] = i
	}
	done := map[uint64]bool{}
	var sumCost, sumService, sumWait, sumPrio int64
	for r, rt := range s.Routes {
		vi, ok := vehicles[rt.Vehicle]
		if !ok {
			c.fail("route %d: unknown vehicle %d", r, rt.Vehicle)
			continue
		}
		v := p.Vehicles[vi]
		if n := len(rt.Steps); n < 3 || rt.Steps[0].Type != "start" || rt.Steps[n-1].Type != "end" {
			c.fail("route %d: steps do not run from start through jobs to end", r)
			continue
		}
		cur := at(v.Start, v.StartIndex)
		t := rt.Steps[0].Arrival
		if v.TimeWindow != nil && t < v.TimeWindow[0] {
			c.fail("route %d: starts at %d, before the vehicle window opens at %d", r, t, v.TimeWindow[0])
		}
		var cost, service, wait, prio int64
		breaks := 0
		for k, st := range rt.Steps[1:] {
			k++
			switch st.Type {
			case "job":
				if st.ID == nil {
					c.fail("route %d step %d: job without id", r, k)
					continue
				}
				ji, ok := jobs[*st.ID]
				if !ok {
					c.fail("route %d step %d: unknown job %d", r, k, *st.ID)
					continue
				}
				if done[*st.ID] {
					c.fail("route %d step %d: job %d served twice", r, k, *st.ID)
				}
				done[*st.ID] = true
				j := p.Jobs[ji]
				next := at(j.Location, j.LocationIndex)
				d := c.leg(cur, next)
				cost += d
				t += d
				if st.Arrival != t {
					c.fail("route %d step %d (job %d): arrival %d, recomputed %d", r, k, j.ID, st.Arrival, t)
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
				t = begin + j.Service
				service += j.Service
				wait += st.WaitingTime
				prio += j.Priority
				res.Assigned++
				cur = next
			case "break":
				breaks++
				if len(v.Breaks) == 0 || st.ID == nil || *st.ID != v.Breaks[0].ID {
					c.fail("route %d step %d: unexpected break", r, k)
					continue
				}
				b := v.Breaks[0]
				if st.Arrival != t {
					c.fail("route %d step %d (break): arrival %d, recomputed %d", r, k, st.Arrival, t)
				}
				begin := st.Arrival + st.WaitingTime
				if len(b.TimeWindows) > 0 && !inside(b.TimeWindows, begin) {
					c.fail("route %d step %d (break): starts at %d, outside %v", r, k, begin, b.TimeWindows)
				}
				t = begin + b.Service
				service += b.Service
				wait += st.WaitingTime
			case "end":
				if k != len(rt.Steps)-1 {
					c.fail("route %d: end step %d before the last", r, k)
				}
				if v.End != nil || v.EndIndex != nil {
					d := c.leg(cur, at(v.End, v.EndIndex))
					cost += d
					t += d
				}
				if st.Arrival != t {
					c.fail("route %d: end arrival %d, recomputed %d", r, st.Arrival, t)
				}
				if v.TimeWindow != nil && t > v.TimeWindow[1] {
					c.fail("route %d: ends at %d, after the vehicle window closes at %d", r, t, v.TimeWindow[1])
				}
			default:
				c.fail("route %d step %d: type %q", r, k, st.Type)
			}
			if st.Duration != cost {
				c.fail("route %d step %d: duration %d, recomputed travel %d", r, k, st.Duration, cost)
			}
		}
		if breaks != len(v.Breaks) {
			c.fail("route %d: %d breaks, the vehicle has %d", r, breaks, len(v.Breaks))
		}
		if rt.Cost != cost || rt.Duration != cost || rt.Service != service || rt.WaitingTime != wait || rt.Priority != prio {
			c.fail("route %d: reports cost %d, duration %d, service %d, waiting %d, priority %d; recomputed %d, %d, %d, %d, %d",
				r, rt.Cost, rt.Duration, rt.Service, rt.WaitingTime, rt.Priority, cost, cost, service, wait, prio)
		}
		sumCost += cost
		sumService += service
		sumWait += wait
		sumPrio += prio
	}
	un := map[uint64]bool{}
	for _, u := range s.Unassigned {
		if done[u.ID] || un[u.ID] {
			c.fail("job %d unassigned and assigned, or unassigned twice", u.ID)
		}
		if _, ok := jobs[u.ID]; !ok {
			c.fail("unknown unassigned job %d", u.ID)
		}
		un[u.ID] = true
	}
	if len(done)+len(un) != len(p.Jobs) {
		c.fail("%d assigned + %d unassigned jobs, the problem has %d", len(done), len(un), len(p.Jobs))
	}
	sm := s.Summary
	if sm.Cost != sumCost || sm.Duration != sumCost || sm.Service != sumService || sm.WaitingTime != sumWait || sm.Priority != sumPrio ||
		sm.Routes != len(s.Routes) || sm.Unassigned != len(s.Unassigned) {
		c.fail("summary %+v disagrees with the routes (cost %d, service %d, waiting %d, priority %d, routes %d, unassigned %d)",
			sm, sumCost, sumService, sumWait, sumPrio, len(s.Routes), len(s.Unassigned))
	}
	res.Priority, res.Cost = sumPrio, sumCost
	return res
}

func inside(tws [][2]int64, t int64) bool {
	for _, w := range tws {
		if w[0] <= t && t <= w[1] {
			return true
		}
	}
	return false
}
