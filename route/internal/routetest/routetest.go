// Package routetest holds the fixtures and the invariant checker shared by
// the tests of package route and its solvers, in the manner of gonum's
// internal/testgraphs: every plan any test produces goes through [Check].
//
// The fixtures are a random generator ([Random], this file) and a named
// table of hard cases with known answers ([Cases], cases.go). The checker
// (check.go) and the brute-force optima (brute.go) recompute everything
// from the [route.Problem] on their own — legs from the matrix or from the
// locations and mode, schedules from the visit times — and never call into
// route's solver code, so a bug there cannot hide itself.
package routetest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// End says how a fixture's days end.
type End int

const (
	Loop  End = iota // back at the start place
	Open             // at the last visit
	Fixed            // at a different place
)

func (e End) String() string {
	return [...]string{"loop", "open", "fixed"}[e]
}

// Config describes a random fixture.
type Config struct {
	Stops int
	Days  int // 0 means 1
	End   End
	// Asymmetric takes travel from a random asymmetric matrix (which need
	// not satisfy the triangle inequality) instead of from locations.
	Asymmetric bool
	// Windows gives about two thirds of the stops one or two opening
	// windows.
	Windows bool
	// Budget is each day's length; 0 leaves days without a closing time.
	Budget time.Duration
	// Break adds a break of 45 minutes within a two-hour window around
	// midday to every day.
	Break bool
	// Scores gives stops random scores 1–10 (otherwise all 1).
	Scores bool
	// Visit is the largest visit duration (visits are uniform in
	// [0, Visit] in whole minutes); 0 means no visit time.
	Visit time.Duration
	// Coarse gives about a third of the places a precision of 1–10 km
	// (and the others one of up to route.CoarsePrecision), with some stops
	// sharing a placeholder point.
	Coarse bool
}

// Day0 is the first day's opening time of every fixture: 08:00 China
// Standard Time on Monday 3 May 2027.
func Day0() time.Time {
	return time.Date(2027, 5, 3, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// Random returns a random problem for c, the same for the same seed.
// Locations lie within about 20 km of Jiang County's seat; matrix
// durations are whole seconds.
func Random(seed int64, c Config) route.Problem {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	days := max(c.Days, 1)
	nPlaces := c.Stops + 2 // stops, then the start and the fixed end
	var p route.Problem
	if c.Asymmetric {
		m := &geo.Matrix{Durations: make([][]time.Duration, nPlaces), Distances: make([][]float64, nPlaces)}
		for i := range nPlaces {
			m.Durations[i] = make([]time.Duration, nPlaces)
			m.Distances[i] = make([]float64, nPlaces)
			for j := range nPlaces {
				if i != j {
					s := 60 + rng.IntN(3600)
					m.Durations[i][j] = time.Duration(s) * time.Second
					m.Distances[i][j] = float64(s) * (8 + 4*rng.Float64())
				}
			}
		}
		p.Matrix = m
	} else {
		p.Mode = geo.CountyDrive()
	}
	place := func(i int, id string) route.Place {
		pl := route.Place{ID: id, Name: "place " + id, MatrixIndex: i}
		if !c.Asymmetric || rng.IntN(2) == 0 {
			pl.Location = orb.Point{111.3 + 0.4*rng.Float64(), 35.3 + 0.35*rng.Float64()}
		}
		if c.Coarse {
			coarsen(rng, &pl, p.Stops)
		}
		return pl
	}
	for i := range c.Stops {
		s := route.Stop{Place: place(i, fmt.Sprintf("s%02d", i)), Score: 1}
		if c.Scores {
			s.Score = 1 + rng.IntN(10)
		}
		if c.Visit > 0 {
			s.Visit = time.Duration(rng.IntN(int(c.Visit/time.Minute)+1)) * time.Minute
		}
		if c.Windows && rng.IntN(3) > 0 {
			for d := range days {
				base := Day0().AddDate(0, 0, d)
				o := base.Add(time.Duration(rng.IntN(8*60)) * time.Minute)
				w := route.Window{Open: o, Close: o.Add(s.Visit + time.Duration(30+rng.IntN(240))*time.Minute)}
				s.Windows = append(s.Windows, w)
				if rng.IntN(3) == 0 {
					o2 := w.Close.Add(time.Duration(rng.IntN(120)) * time.Minute)
					s.Windows = append(s.Windows, route.Window{Open: o2, Close: o2.Add(s.Visit + time.Duration(rng.IntN(180))*time.Minute)})
				}
			}
		}
		p.Stops = append(p.Stops, s)
	}
	start := place(c.Stops, "start")
	end := place(c.Stops+1, "end")
	for d := range days {
		day := route.Day{Start: start, Window: route.Window{Open: Day0().AddDate(0, 0, d)}}
		switch c.End {
		case Loop:
			day.End = &day.Start
		case Fixed:
			e := end
			day.End = &e
		}
		if c.Budget > 0 {
			day.Window.Close = day.Window.Open.Add(c.Budget)
		}
		if c.Break {
			noon := day.Window.Open.Add(3*time.Hour + 30*time.Minute)
			day.Break = &route.Break{Duration: 45 * time.Minute, Window: route.Window{Open: noon, Close: noon.Add(2 * time.Hour)}}
		}
		p.Days = append(p.Days, day)
	}
	return p
}

// coarsen gives pl a random precision: a third of the time 1–10 km, and
// then half of the time at the placeholder point of an earlier coarse
// stop; otherwise up to route.CoarsePrecision.
func coarsen(rng *rand.Rand, pl *route.Place, earlier []route.Stop) {
	if rng.IntN(3) > 0 {
		pl.Precision = float64(rng.IntN(int(route.CoarsePrecision) + 1))
		return
	}
	pl.Precision = float64(1000 + rng.IntN(9000))
	if rng.IntN(2) == 0 {
		for _, s := range earlier {
			if s.Coarse() {
				pl.Location = s.Location
				pl.Precision = s.Precision
				break
			}
		}
	}
}

// Leg returns the expected travel duration and distance from a to b as p
// defines them (see [LegRange]).
func Leg(p *route.Problem, a, b route.Place) (time.Duration, float64) {
	r := LegRange(p, a, b)
	return r.Duration, r.Distance
}

// Range is a leg's travel: the expected values and their bounds.
type Range struct {
	Duration, DurationMin, DurationMax time.Duration
	Distance, DistanceMin, DistanceMax float64
}

// LegRange returns the travel from a to b as p and route's package
// documentation define it: from p.Matrix by MatrixIndex, or from the
// locations and p.Mode (zero Mode: geo.CountyDrive); between distinct
// places coarser than route.CoarsePrecision widened by their precisions;
// nothing between a place and the one it is seen through (Place.Via) at
// the same location.
func LegRange(p *route.Problem, a, b route.Place) Range {
	mode := p.Mode
	if mode == (geo.Mode{}) {
		mode = geo.CountyDrive()
	}
	r1, r2 := coarse(a), coarse(b)
	if p.Matrix != nil {
		var dist float64
		if p.Matrix.Distances != nil {
			dist = p.Matrix.Distances[a.MatrixIndex][b.MatrixIndex]
		}
		dur := p.Matrix.Durations[a.MatrixIndex][b.MatrixIndex]
		r := Range{dur, dur, dur, dist, dist, dist}
		if r1+r2 > 0 && a != b { // one place is where it is, however coarse
			dt := seconds(mode, r1+r2)
			r.DurationMin, r.DurationMax = max(0, dur-dt), dur+dt
			if p.Matrix.Distances != nil {
				r.DistanceMin, r.DistanceMax = max(0, dist-(r1+r2)*mode.Circuity), dist+(r1+r2)*mode.Circuity
			}
		}
		return r
	}
	seenThrough := a.Via != "" && a.Via == b.ID || b.Via != "" && b.Via == a.ID
	if a == b || seenThrough && a.Location == b.Location {
		return Range{}
	}
	if r1+r2 == 0 {
		m, err := geo.NewMatrix([]orb.Point{a.Location, b.Location}, mode)
		if err != nil {
			panic(err) // fixtures and validated problems have valid locations
		}
		d, dur := m.Distances[0][1], m.Durations[0][1]
		return Range{dur, dur, dur, d, d, d}
	}
	// The given points' distance, but at least two thirds of the larger
	// radius (the mean distance from a disc's centre to a point uniform
	// in it), and the nearest and farthest the true places can be.
	d := geo.Distance(a.Location, b.Location)
	straight := [3]float64{math.Max(d, math.Max(r1, r2)*2/3), math.Max(0, d-r1-r2), d + r1 + r2}
	return Range{
		seconds(mode, straight[0]), seconds(mode, straight[1]), seconds(mode, straight[2]),
		straight[0] * mode.Circuity, straight[1] * mode.Circuity, straight[2] * mode.Circuity,
	}
}

// coarse is the radius a place's precision adds to its legs.
func coarse(pl route.Place) float64 {
	if pl.Coarse() {
		return pl.Precision
	}
	return 0
}

// seconds is the time mode takes over straight metres, in whole seconds.
func seconds(mode geo.Mode, straight float64) time.Duration {
	return time.Duration(math.Round(straight*mode.Circuity/(mode.Speed/3.6))) * time.Second
}

// plainOrdering reports whether every stop of p must be visited (one day,
// Travel returns the travel time of visiting p's stops in order on day d
// (legs from the start, between the stops, and to the end).
func Travel(p *route.Problem, d int, order []int) time.Duration {
	day := p.Days[d]
	prev := day.Start
	var sum time.Duration
	for _, i := range order {
		dur, _ := Leg(p, prev, p.Stops[i].Place)
		sum += dur
		prev = p.Stops[i].Place
	}
	if day.End != nil && !(len(order) == 0 && *day.End == day.Start) {
		dur, _ := Leg(p, prev, *day.End)
		sum += dur
	}
	return sum
}

// BruteForce returns the least travel time of visiting every stop of a
