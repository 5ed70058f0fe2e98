package routetest_test

import (
	"context"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clone returns a deep copy of the parts of plan the mutations touch.
func clone(plan *route.Plan) *route.Plan {
	c := *plan
	c.Skipped = append([]route.Skip(nil), plan.Skipped...)
	c.Days = append([]route.DayPlan(nil), plan.Days...)
	for i := range c.Days {
		d := &c.Days[i]
		d.Visits = append([]route.Visit(nil), d.Visits...)
		d.Legs = append([]route.Leg(nil), d.Legs...)
		if d.Break != nil {
			b := *d.Break
			d.Break = &b
		}
	}
	return &c
}

// The checker catches every kind of broken plan it promises to.
func TestCheckCatches(t *testing.T) {
	p := routetest.Random(11, routetest.Config{Stops: 30, Days: 2, End: routetest.Loop, Windows: true, Break: true,
		Budget: 10 * time.Hour, Scores: true, Visit: time.Hour})
	plan, err := route.Solve(context.Background(), p)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p, plan))
	require.NotEmpty(t, plan.Days[0].Visits)
	require.NotNil(t, plan.Days[0].Break)
	require.NotEmpty(t, plan.Skipped)
	tests := []struct {
		name string
		edit func(p *route.Plan)
		msg  string
	}{
		{"arrival", func(p *route.Plan) { p.Days[0].Visits[0].Arrival = p.Days[0].Visits[0].Arrival.Add(time.Minute) }, "arrives"},
		{"wait", func(p *route.Plan) { p.Days[0].Visits[0].Wait += time.Minute }, "wait"},
		{"departure", func(p *route.Plan) { p.Days[0].Visits[0].Departure = p.Days[0].Visits[0].Departure.Add(-time.Minute) }, "departure"},
		{"leg duration", func(p *route.Plan) { p.Days[0].Legs[0].Duration += time.Second }, "the problem says"},
		{"leg place", func(p *route.Plan) { p.Days[0].Legs[0].From = p.Days[0].Legs[0].To }, "leg 0"},
		{"legs", func(p *route.Plan) { p.Days[0].Legs = p.Days[0].Legs[1:] }, "legs for"},
		{"day score", func(p *route.Plan) { p.Days[0].Score++ }, "day 0 totals"},
		{"plan travel", func(p *route.Plan) { p.Travel++ }, "plan totals"},
		{"return", func(p *route.Plan) { p.Days[0].Return = p.Days[0].Return.Add(time.Minute) }, "returns"},
		{"depart early", func(p *route.Plan) { p.Days[0].Depart = p.Days[0].Depart.Add(-24 * time.Hour) }, "before the day opens"},
		{"break length", func(p *route.Plan) { p.Days[0].Break.End = p.Days[0].Break.End.Add(time.Minute) }, "break lasts"},
		{"break place", func(p *route.Plan) { p.Days[0].Break.Place = route.Place{ID: "elsewhere"} }, "break at elsewhere"},
		{"no break", func(p *route.Plan) { p.Days[0].Break = nil }, "break false"},
		{"skip missing", func(p *route.Plan) { p.Skipped = p.Skipped[1:] }, "neither visited nor skipped"},
		{"skip twice", func(p *route.Plan) { p.Skipped = append(p.Skipped, p.Skipped[0]) }, "skipped twice"},
		{"skip detail", func(p *route.Plan) { p.Skipped[0].Detail = "" }, "no detail"},
		{"visited twice", func(p *route.Plan) {
			d := &p.Days[1]
			d.Visits = append(d.Visits, p.Days[0].Visits[0])
		}, "visited again"},
		{"day count", func(p *route.Plan) { p.Days = p.Days[:1] }, "1 day plans for 2 days"},
		{"nil", nil, "nil plan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var bad *route.Plan
			if tc.edit != nil {
				bad = clone(plan)
				tc.edit(bad)
			}
			err := routetest.Check(&p, bad)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.NoError(t, routetest.Check(&p, plan), "the original is untouched")
		})
	}
}

// The checker catches broken ranges, overruns and day openings.
func TestCheckCatchesRanges(t *testing.T) {
	var p route.Problem
	var plan *route.Plan
	for seed := int64(0); plan == nil || plan.Overrun == 0; seed++ {
		require.Less(t, seed, int64(20), "some coarse fixture overruns")
		p = routetest.Random(seed, routetest.Config{Stops: 20, Days: 2, End: routetest.Loop, Windows: true,
			Budget: 8 * time.Hour, Break: true, Scores: true, Visit: time.Hour, Coarse: true})
		var err error
		plan, err = route.Solve(context.Background(), p)
		require.NoError(t, err)
	}
	require.NoError(t, routetest.Check(&p, plan))
	d := 0
	if plan.Days[0].Overrun == 0 {
		d = 1
	}
	coarse := -1
	for k, l := range plan.Days[d].Legs {
		if l.DurationMax > l.Duration {
			coarse = k
		}
	}
	require.GreaterOrEqual(t, coarse, 0)
	tests := []struct {
		name string
		edit func(p *route.Plan)
		msg  string
	}{
		{"max", func(p *route.Plan) { p.Days[d].Legs[coarse].DurationMax -= time.Second }, "the problem says"},
		{"min distance", func(p *route.Plan) { p.Days[d].Legs[coarse].DistanceMin += 1 }, "the problem says"},
		{"collapsed range", func(p *route.Plan) {
			l := &p.Days[d].Legs[coarse]
			l.DurationMin, l.DurationMax = l.Duration, l.Duration
		}, "the problem says"},
		{"day overrun", func(p *route.Plan) { p.Days[d].Overrun -= time.Second }, "overrun"},
		{"no overrun", func(p *route.Plan) { p.Days[d].Overrun = 0 }, "overrun 0s"},
		{"plan overrun", func(p *route.Plan) { p.Overrun = 0 }, "plan overrun"},
		{"open", func(p *route.Plan) { p.Days[d].Open = p.Days[d].Depart.Add(time.Minute) }, "Open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := clone(plan)
			tc.edit(bad)
			err := routetest.Check(&p, bad)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

// A coarse place that is both a stop and the day's start is 0 apart from
// itself: its leg is the matrix's diagonal value, exact, as route's
// package documentation says of equal places.
func TestCheckEqualCoarsePlaces(t *testing.T) {
	here := route.Place{ID: "h", MatrixIndex: 0, Precision: 2000}
	open := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	p := route.Problem{
		Stops:  []route.Stop{{Place: here, Visit: time.Hour, Score: 1}, {Place: route.Place{ID: "b", MatrixIndex: 1}, Visit: time.Hour, Score: 1}},
		Days:   []route.Day{{Start: here, End: &here, Window: route.Window{Open: open}}},
		Matrix: &geo.Matrix{Durations: [][]time.Duration{{5 * time.Minute, 10 * time.Minute}, {10 * time.Minute, 0}}},
	}
	plan, err := route.Schedule(p, [][]int{{0, 1}})
	require.NoError(t, err)
	require.Equal(t, 5*time.Minute, plan.Days[0].Legs[0].DurationMax)
	require.NoError(t, routetest.Check(&p, plan))
}
