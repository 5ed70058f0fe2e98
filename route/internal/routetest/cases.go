package routetest

import (
	"fmt"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// Case is a named hard problem with its known answer, in the manner of
// gonum's testgraphs: the corners a solver or a scheduler gets wrong.
type Case struct {
	// Name says what makes the case hard.
	Name string
	// Problem is the case; it has one day, so [BestOneDay] checks Want.
	Problem route.Problem
	// Want is the optimal objective, worked out by hand and confirmed by
	// BestOneDay; the zero Value when Err is set.
	Want Value
	// Skipped gives the reason of stops a plan must leave out, by ID.
	Skipped map[string]route.Reason
	// Err, if not nil, is the sentinel Solve must return instead of a plan.
	Err error
}

// at returns hh:mm on the day of Day0.
func at(hh, mm int) time.Time {
	d := Day0()
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, d.Location())
}

// window returns the window from h1:m1 to h2:m2 on the day of Day0.
func window(h1, m1, h2, m2 int) route.Window {
	return route.Window{Open: at(h1, m1), Close: at(h2, m2)}
}

// minutes returns a matrix of durations given in minutes and distances of
// a kilometre a minute.
func minutes(rows ...[]int) *geo.Matrix {
	m := &geo.Matrix{Durations: make([][]time.Duration, len(rows)), Distances: make([][]float64, len(rows))}
	for i, r := range rows {
		m.Durations[i] = make([]time.Duration, len(r))
		m.Distances[i] = make([]float64, len(r))
		for j, x := range r {
			m.Durations[i][j] = time.Duration(x) * time.Minute
			m.Distances[i][j] = 1000 * float64(x)
		}
	}
	return m
}

// onMatrix returns a one-day loop problem over m: stops 0..len(stops)-1
// at the matrix indices of their order, the start at the next index, the
// day open from 08:00 until close (zero: no close).
func onMatrix(m *geo.Matrix, close time.Time, stops ...route.Stop) route.Problem {
	for i := range stops {
		stops[i].ID = fmt.Sprintf("s%d", i)
		stops[i].MatrixIndex = i
	}
	start := route.Place{ID: "start", MatrixIndex: len(stops)}
	day := route.Day{Start: start, End: &start, Window: route.Window{Open: at(8, 0), Close: close}}
	return route.Problem{Stops: stops, Days: []route.Day{day}, Matrix: m}
}

// triangle is the matrix of two stops and a start: 10 minutes from the
// start to stop 0, 20 to stop 1, 5 between the stops, both ways.
func triangle() *geo.Matrix {
	return minutes([]int{0, 5, 10}, []int{5, 0, 20}, []int{10, 20, 0})
}

// line is the matrix of n stops on a line out from the start, ten minutes
// apart: stop i is 10(i+1) minutes from the start (index n).
func line(n int) *geo.Matrix {
	rows := make([][]int, n+1)
	for i := range rows {
		rows[i] = make([]int, n+1)
		for j := range rows[i] {
			a, b := (i+1)%(n+1), (j+1)%(n+1) // the start at position 0
			rows[i][j] = 10 * max(a-b, b-a)
		}
	}
	return minutes(rows...)
}

// Cases returns the named hard cases, freshly built (callers may modify
// them).
func Cases() []Case {
	return append(windowCases(), placeCases()...)
}

// windowCases are the cases about windows, breaks and the day's bounds.
func windowCases() []Case {
	withBreak := onMatrix(minutes([]int{0, 10}, []int{10, 0}), at(11, 0),
		route.Stop{Visit: 30 * time.Minute, Score: 1, Windows: []route.Window{window(9, 10, 10, 0)}})
	withBreak.Days[0].Break = &route.Break{Duration: time.Hour, Window: window(8, 0, 9, 0)}
	late := onMatrix(triangle(), at(17, 0),
		route.Stop{Visit: 30 * time.Minute, Score: 9, Windows: []route.Window{window(18, 0, 19, 0)}},
		route.Stop{Visit: 30 * time.Minute, Score: 1})
	var onLine []route.Stop
	for _, w := range []route.Window{window(9, 40, 10, 0), window(9, 20, 9, 40), window(9, 0, 9, 20), window(8, 40, 9, 0)} {
		onLine = append(onLine, route.Stop{Visit: 10 * time.Minute, Score: 1, Windows: []route.Window{w}})
	}
	chain := onMatrix(line(4), time.Time{}, onLine...)
	lunchLast := onMatrix(triangle(), at(12, 0), route.Stop{Visit: time.Hour, Score: 1}, route.Stop{Visit: time.Hour, Score: 1})
	lunchLast.Days[0].End = nil
	lunchLast.Days[0].Break = &route.Break{Duration: time.Hour, Window: window(11, 0, 12, 0)}
	return []Case{{
		// Stops on a line out from the start whose windows open in the
		// reverse order: the farthest first, then back towards the start.
		Name:    "windows against the geography",
		Problem: chain,
		Want:    Value{Score: 4, Visited: 4, Travel: 80 * time.Minute},
	}, {
		// The break window is the day's last hour: an open day ends with
		// it, after waiting for it.
		Name:    "open day ending with its break",
		Problem: lunchLast,
		Want:    Value{Score: 2, Visited: 2, Travel: 15 * time.Minute},
	}, {
		Name: "visit longer than its only window",
		Problem: onMatrix(triangle(), time.Time{},
			route.Stop{Visit: 2 * time.Hour, Score: 9, Windows: []route.Window{window(9, 0, 10, 0)}},
			route.Stop{Visit: time.Hour, Score: 1}),
		Want:    Value{Score: 1, Visited: 1, Travel: 40 * time.Minute},
		Skipped: map[string]route.Reason{"s0": route.ReasonClosed},
	}, {
		// Both windows hold their hour-long visit, but not one after
		// the other: the better-scoring one wins.
		Name: "two windows closer than a visit",
		Problem: onMatrix(triangle(), time.Time{},
			route.Stop{Visit: time.Hour, Score: 2, Windows: []route.Window{window(9, 0, 10, 0)}},
			route.Stop{Visit: time.Hour, Score: 3, Windows: []route.Window{window(9, 30, 10, 30)}}),
		Want:    Value{Score: 3, Visited: 1, Travel: 40 * time.Minute},
		Skipped: map[string]route.Reason{"s0": route.ReasonBudget},
	}, {
		// The break window ends when the stop's opens: lunch before
		// leaving, then the visit.
		Name:    "break at the start",
		Problem: withBreak,
		Want:    Value{Score: 1, Visited: 1, Travel: 20 * time.Minute},
	}, {
		// Two zero-length visits at the same instant in different places:
		// only one can be made.
		Name: "zero-duration visits at one instant",
		Problem: onMatrix(triangle(), time.Time{},
			route.Stop{Score: 1, Windows: []route.Window{window(10, 0, 10, 0)}},
			route.Stop{Score: 1, Windows: []route.Window{window(10, 0, 10, 0)}}),
		Want: Value{Score: 1, Visited: 1, Travel: 20 * time.Minute},
	}, {
		Name:    "only window opens after the day closes",
		Problem: late,
		Want:    Value{Score: 1, Visited: 1, Travel: 40 * time.Minute},
		Skipped: map[string]route.Reason{"s0": route.ReasonClosed},
	}, {
		Name: "required stop that is closed",
		Problem: onMatrix(triangle(), time.Time{},
			route.Stop{Score: 1, Visit: time.Hour, Closed: true, Required: true},
			route.Stop{Score: 1, Visit: time.Hour}),
		Err: route.ErrInfeasible,
	}}
}

// placeCases are the cases about places and travel.
func placeCases() []Case {
	seat := route.Place{ID: "seat", Location: orb.Point{111.576, 35.491}}
	same := route.Problem{Days: []route.Day{{Start: seat, End: &seat, Window: route.Window{Open: at(8, 0), Close: at(9, 0)}}}}
	for i := range 5 {
		same.Stops = append(same.Stops, route.Stop{Place: route.Place{ID: fmt.Sprintf("s%d", i), Location: seat.Location},
			Visit: 20 * time.Minute, Score: i + 1})
	}
	coarse := route.Problem{Days: same.Days}
	for _, st := range same.Stops {
		st.Precision = 5000
		coarse.Stops = append(coarse.Stops, st)
	}
	open := onMatrix(minutes([]int{0, 120}, []int{120, 0}), at(9, 0), route.Stop{Score: 1, Visit: 10 * time.Minute})
	open.Days[0].End = nil
	return []Case{{
		// Travel is free and the hour holds three 20-minute visits: the
		// three best.
		Name:    "all stops at one point",
		Problem: same,
		Want:    Value{Score: 12, Visited: 3},
	}, {
		// The same stops known only to 5 km around that point: every leg
		// (seat to stop, stop to stop) is the floor ⅔·5000 = 3333.3 m
		// straight, ×1.3 = 4333.3 m by road, at 12.5 m/s 346.7 → 347 s.
		// Two visits take 3·347 + 2·1200 = 3441 s, three 4·347 + 3·1200
		// = 4988 s: the hour holds the two best stops (5 + 4).
		Name:    "coarse stops at one placeholder point",
		Problem: coarse,
		Want:    Value{Score: 9, Visited: 2, Travel: 3 * 347 * time.Second},
	}, {
		// The one stop is two hours away in a one-hour day: the open day
		// stays at its start, without legs.
		Name:    "open day with no visits",
		Problem: open,
		Want:    Value{},
		Skipped: map[string]route.Reason{"s0": route.ReasonUnreachable},
	}, {
		// One-way legs: start→0→2→1→start costs 10+5+5+10, while the
		// direct 0→1 costs 60 and every other order at least 90.
		Name: "asymmetric matrix without the triangle inequality",
		Problem: onMatrix(minutes(
			[]int{0, 60, 5, 50},
			[]int{5, 0, 40, 10},
			[]int{40, 5, 0, 30},
			[]int{10, 50, 30, 0},
		), time.Time{}, route.Stop{Score: 1}, route.Stop{Score: 1}, route.Stop{Score: 1}),
		Want: Value{Score: 3, Visited: 3, Travel: 30 * time.Minute},
	}}
}
