package vroom

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/goccy/go-json"
)

// Solution is a VROOM-shaped solution (VROOM's API.md, "Output"). All
// times and durations are whole seconds; arrivals are seconds after
// [Epoch].
type Solution struct {
	Code       int          `json:"code"`
	Summary    Summary      `json:"summary"`
	Unassigned []Unassigned `json:"unassigned"`
	Routes     []Route      `json:"routes"`
}

// Summary totals the routes.
type Summary struct {
	Cost        int64 `json:"cost"`         // total travel duration
	Routes      int   `json:"routes"`       // routes with at least one job
	Unassigned  int   `json:"unassigned"`   // jobs left out
	Setup       int64 `json:"setup"`        // always 0: setup times are not supported
	Service     int64 `json:"service"`      // total service time
	Duration    int64 `json:"duration"`     // total travel time
	WaitingTime int64 `json:"waiting_time"` // total waiting time
	Priority    int64 `json:"priority"`     // total priority of the assigned jobs
	// Distance is the total distance in metres, present when the input
	// had a distance matrix.
	Distance   *int64     `json:"distance,omitempty"`
	Violations []struct{} `json:"violations"` // always empty
}

// Route is one vehicle's route.
type Route struct {
	Vehicle     uint64     `json:"vehicle"`
	Description string     `json:"description,omitempty"`
	Cost        int64      `json:"cost"`
	Setup       int64      `json:"setup"`
	Service     int64      `json:"service"`
	Duration    int64      `json:"duration"` // travel time
	WaitingTime int64      `json:"waiting_time"`
	Priority    int64      `json:"priority"`
	Distance    *int64     `json:"distance,omitempty"`
	Steps       []Step     `json:"steps"`
	Violations  []struct{} `json:"violations"`
}

// Step is one step of a route.
type Step struct {
	Type          string      `json:"type"` // start, job, break or end
	ID            *uint64     `json:"id,omitempty"`
	Description   string      `json:"description,omitempty"`
	Location      *[2]float64 `json:"location,omitempty"`
	LocationIndex *int        `json:"location_index,omitempty"`
	Setup         int64       `json:"setup"`
	Service       int64       `json:"service"`
	WaitingTime   int64       `json:"waiting_time"`
	Arrival       int64       `json:"arrival"`  // arrival time at the step
	Duration      int64       `json:"duration"` // travel time accumulated on arrival
	Distance      *int64      `json:"distance,omitempty"`
	Violations    []struct{}  `json:"violations"`
}

// Unassigned is a job left out.
type Unassigned struct {
	ID            uint64      `json:"id"`
	Type          string      `json:"type"` // "job"
	Description   string      `json:"description,omitempty"`
	Location      *[2]float64 `json:"location,omitempty"`
	LocationIndex *int        `json:"location_index,omitempty"`
}

// NewSolution describes plan, a plan for p.Problem, in VROOM's terms.
//
// As in VROOM, routes without jobs are left out, every route has a start
// and an end step (the end of an open route is its last job), a break
// step has no location (it is taken where the vehicle is), cost is the
// travel duration, and a step's duration is the travel time accumulated
// on arrival there. The start's arrival is the route's departure, which
// Solve delays so as not to wait at the first job.
func NewSolution(p *Problem, plan *route.Plan) (*Solution, error) {
	if len(plan.Days) != len(p.vehicles) {
		return nil, fmt.Errorf("vroom: plan has %d days for %d vehicles", len(plan.Days), len(p.vehicles))
	}
	sol := &Solution{Unassigned: []Unassigned{}, Routes: []Route{}, Summary: Summary{Violations: []struct{}{}}}
	var distance float64
	for r := range plan.Days {
		dp := &plan.Days[r]
		if len(dp.Visits) == 0 {
			continue
		}
		rb := routeBuilder{p: p, v: &p.vehicles[r], dp: dp}
		rt := rb.build()
		sol.Routes = append(sol.Routes, rt)
		sol.Summary.add(&rt)
		distance += rb.distance
	}
	if p.distances {
		sol.Summary.Distance = metres(distance)
	}
	for _, sk := range plan.Skipped {
		j := p.jobs[sk.Index]
		u := Unassigned{ID: j.id, Type: "job", Description: j.desc}
		u.Location, u.LocationIndex = p.where(j.loc)
		sol.Unassigned = append(sol.Unassigned, u)
	}
	sol.Summary.Unassigned = len(sol.Unassigned)
	return sol, nil
}

// add counts rt, a route with jobs, in the summary.
func (s *Summary) add(rt *Route) {
	s.Routes++
	s.Cost += rt.Cost
	s.Duration += rt.Duration
	s.Service += rt.Service
	s.WaitingTime += rt.WaitingTime
	s.Priority += rt.Priority
}

// routeBuilder writes the route of vehicle v from its day plan dp,
// accumulating the travel time and distance up to each step.
type routeBuilder struct {
	p        *Problem
	v        *vehicle
	dp       *route.DayPlan
	rt       Route
	travel   time.Duration
	distance float64 // metres
}

func (b *routeBuilder) build() Route {
	v, dp := b.v, b.dp
	b.rt = Route{Vehicle: v.id, Description: v.desc, Violations: []struct{}{}}
	b.rt.Steps = append(b.rt.Steps, b.step("start", v.start, dp.Depart))
	if dp.Break != nil && dp.Break.After < 0 {
		b.addBreak()
	}
	for k, vis := range dp.Visits {
		b.addJob(k, &vis)
		if dp.Break != nil && dp.Break.After == k {
			b.addBreak()
		}
	}
	end := v.end
	if end == nil {
		end = &b.p.jobs[dp.Visits[len(dp.Visits)-1].Index].loc
	} else {
		b.travelLeg(len(dp.Legs) - 1)
	}
	b.rt.Steps = append(b.rt.Steps, b.step("end", end, dp.Return))
	b.rt.Duration = secs(b.travel)
	b.rt.Cost = b.rt.Duration
	if b.p.distances {
		b.rt.Distance = metres(b.distance)
	}
	return b.rt
}

func (b *routeBuilder) travelLeg(k int) {
	b.travel += b.dp.Legs[k].Duration
	b.distance += b.dp.Legs[k].Distance
}

// step is a step at loc (none for a break) reached at arrival.
func (b *routeBuilder) step(typ string, loc *location, arrival time.Time) Step {
	s := Step{Type: typ, Arrival: secs(arrival.Sub(Epoch())), Duration: secs(b.travel), Violations: []struct{}{}}
	if loc != nil {
		s.Location, s.LocationIndex = b.p.where(*loc)
	}
	if b.p.distances {
		s.Distance = metres(b.distance)
	}
	return s
}

// addJob adds the k-th visit of the day, reached by the k-th leg.
func (b *routeBuilder) addJob(k int, vis *route.Visit) {
	b.travelLeg(k)
	j := b.p.jobs[vis.Index]
	s := b.step("job", &j.loc, vis.Arrival)
	id := j.id
	s.ID, s.Description = &id, j.desc
	s.WaitingTime, s.Service = secs(vis.Wait), secs(vis.Stop.Visit)
	b.add(s)
	b.rt.Priority += int64(vis.Stop.Score)
}

func (b *routeBuilder) addBreak() {
	br := b.dp.Break
	s := b.step("break", nil, br.Start.Add(-br.Wait))
	id := b.v.breakID
	s.ID, s.Description = &id, b.v.breakDesc
	s.WaitingTime, s.Service = secs(br.Wait), secs(br.End.Sub(br.Start))
	b.add(s)
}

// add appends s, a job or break step, and counts its service and waiting.
func (b *routeBuilder) add(s Step) {
	b.rt.Steps = append(b.rt.Steps, s)
	b.rt.Service += s.Service
	b.rt.WaitingTime += s.WaitingTime
}

// metres rounds a distance to whole metres.
func metres(d float64) *int64 {
	m := int64(math.Round(d))
	return &m
}

// where returns the location and index fields of a step.
func (p *Problem) where(l location) (*[2]float64, *int) {
	var pt *[2]float64
	var idx *int
	if l.hasPoint {
		pt = &[2]float64{l.point[0], l.point[1]}
	}
	if p.indexed {
		i := l.index
		idx = &i
	}
	return pt, idx
}

// secs converts d to whole seconds, rounding to the nearest.
func secs(d time.Duration) int64 {
	return int64(d.Round(time.Second) / time.Second)
}

// Encode writes plan, a plan for p.Problem, as VROOM solution JSON (see
// [NewSolution]), indented, with a final newline.
func Encode(w io.Writer, p *Problem, plan *route.Plan) error {
	sol, err := NewSolution(p, plan)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(sol, "", "  ")
	if err != nil {
		return fmt.Errorf("vroom: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
