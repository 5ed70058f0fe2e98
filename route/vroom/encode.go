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
	var totalDist float64
	for r, dp := range plan.Days {
		if len(dp.Visits) == 0 {
			continue
		}
		v := p.vehicles[r]
		rt := Route{Vehicle: v.id, Description: v.desc, Violations: []struct{}{}}
		var travel time.Duration
		var dist float64
		step := func(typ string, loc *location, arrival time.Time) Step {
			s := Step{Type: typ, Arrival: secs(arrival.Sub(Epoch())), Duration: secs(travel), Violations: []struct{}{}}
			if loc != nil {
				s.Location, s.LocationIndex = p.where(*loc)
			}
			if p.distances {
				d := int64(math.Round(dist))
				s.Distance = &d
			}
			return s
		}
		rt.Steps = append(rt.Steps, step("start", v.start, dp.Depart))
		addBreak := func() {
			b := dp.Break
			s := step("break", nil, b.Start.Add(-b.Wait))
			id := v.breakID
			s.ID, s.Description = &id, v.breakDesc
			s.WaitingTime, s.Service = secs(b.Wait), secs(b.End.Sub(b.Start))
			rt.Steps = append(rt.Steps, s)
			rt.Service += s.Service
			rt.WaitingTime += s.WaitingTime
		}
		if dp.Break != nil && dp.Break.After < 0 {
			addBreak()
		}
		for k, vis := range dp.Visits {
			travel += dp.Legs[k].Duration
			dist += dp.Legs[k].Distance
			j := p.jobs[vis.Index]
			s := step("job", &j.loc, vis.Arrival)
			id := j.id
			s.ID, s.Description = &id, j.desc
			s.WaitingTime, s.Service = secs(vis.Wait), secs(vis.Stop.Visit)
			rt.Steps = append(rt.Steps, s)
			rt.Service += s.Service
			rt.WaitingTime += s.WaitingTime
			rt.Priority += int64(vis.Stop.Score)
			if dp.Break != nil && dp.Break.After == k {
				addBreak()
			}
		}
		end := v.end
		if end == nil {
			end = &p.jobs[dp.Visits[len(dp.Visits)-1].Index].loc
		} else {
			travel += dp.Legs[len(dp.Legs)-1].Duration
			dist += dp.Legs[len(dp.Legs)-1].Distance
		}
		rt.Steps = append(rt.Steps, step("end", end, dp.Return))
		rt.Duration = secs(travel)
		rt.Cost = rt.Duration
		if p.distances {
			d := int64(math.Round(dist))
			rt.Distance = &d
			totalDist += dist
		}
		sol.Routes = append(sol.Routes, rt)
		s := &sol.Summary
		s.Routes++
		s.Cost += rt.Cost
		s.Duration += rt.Duration
		s.Service += rt.Service
		s.WaitingTime += rt.WaitingTime
		s.Priority += rt.Priority
	}
	if p.distances {
		d := int64(math.Round(totalDist))
		sol.Summary.Distance = &d
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
