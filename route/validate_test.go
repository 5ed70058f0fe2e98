package route_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2027, 5, 4, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))

// small returns a valid three-stop problem around Jiang County.
func small() route.Problem {
	seat := route.Place{ID: "seat", Location: orb.Point{111.576, 35.491}}
	return route.Problem{
		Stops: []route.Stop{
			{Place: route.Place{ID: "a", Location: orb.Point{111.60, 35.50}}, Visit: time.Hour, Score: 5},
			{Place: route.Place{ID: "b", Location: orb.Point{111.65, 35.45}}, Visit: 30 * time.Minute, Score: 3},
			{Place: route.Place{ID: "c", Location: orb.Point{111.50, 35.55}}, Visit: 45 * time.Minute, Score: 4},
		},
		Days: []route.Day{{Start: seat, End: &seat, Window: route.Window{Open: t0, Close: t0.Add(8 * time.Hour)}}},
		Mode: geo.CountyDrive(),
	}
}

// withMatrix returns small() with a 4×4 matrix: stops 0–2, seat 3.
func withMatrix() route.Problem {
	p := small()
	p.Matrix = &geo.Matrix{Durations: [][]time.Duration{
		{0, 600 * time.Second, 900 * time.Second, 300 * time.Second},
		{600 * time.Second, 0, 1200 * time.Second, 400 * time.Second},
		{900 * time.Second, 1200 * time.Second, 0, 500 * time.Second},
		{300 * time.Second, 400 * time.Second, 500 * time.Second, 0},
	}}
	for i := range p.Stops {
		p.Stops[i].MatrixIndex = i
	}
	seat := p.Days[0].Start
	seat.MatrixIndex = 3
	p.Days[0].Start = seat
	p.Days[0].End = &seat
	return p
}

func TestValidate(t *testing.T) {
	require.NoError(t, (&route.Problem{Stops: small().Stops, Days: small().Days}).Validate(), "zero Mode means CountyDrive")
	m := withMatrix()
	require.NoError(t, m.Validate())

	tests := []struct {
		name   string
		base   func() route.Problem
		edit   func(p *route.Problem)
		target error
		msg    string
	}{
		{"no stops", small, func(p *route.Problem) { p.Stops = nil }, route.ErrNoStops, "route: no stops"},
		{"no days", small, func(p *route.Problem) { p.Days = nil }, route.ErrNoDays, "route: no days"},
		{"too many stops", small, func(p *route.Problem) {
			p.Stops = make([]route.Stop, route.MaxStops+1)
		}, route.ErrTooManyStops, "20001 stops, at most 20000"},
		{"too many stops with a matrix", withMatrix, func(p *route.Problem) {
			p.Stops = make([]route.Stop, route.MaxMatrixStops+1)
		}, route.ErrTooManyStops, "2501 stops, at most 2500 with a matrix"},
		{"too many days", small, func(p *route.Problem) {
			for len(p.Days) <= route.MaxDays {
				p.Days = append(p.Days, p.Days[0])
			}
		}, route.ErrTooManyDays, "32 days, at most 31"},
		{"duplicate IDs", small, func(p *route.Problem) { p.Stops[2].ID = "a" }, route.ErrDuplicateID, "stop 2 (a): id: same ID as stop 0"},
		{"empty ID", small, func(p *route.Problem) { p.Stops[1].ID = "" }, route.ErrBadPlace, "stop 1: id: empty ID"},
		{"NaN coordinates", small, func(p *route.Problem) { p.Stops[1].Location[1] = math.NaN() }, route.ErrBadPlace, "stop 1 (b): place: location (111.65, NaN)"},
		{"infinite coordinates", small, func(p *route.Problem) { p.Stops[0].Location[0] = math.Inf(1) }, route.ErrBadPlace, "stop 0 (a): place"},
		{"latitude out of range", small, func(p *route.Problem) { p.Stops[0].Location = orb.Point{111, 95} }, route.ErrBadPlace, "not a valid longitude and latitude"},
		{"negative precision", small, func(p *route.Problem) { p.Stops[1].Precision = -1 }, route.ErrBadPlace, "stop 1 (b): place: precision -1 m is outside [0, 1e+06]"},
		{"NaN precision", small, func(p *route.Problem) { p.Days[0].Start.Precision = math.NaN() }, route.ErrBadPlace, "day 0: start: precision NaN m"},
		{"precision too large", small, func(p *route.Problem) { p.Stops[0].Precision = 2e6 }, route.ErrBadPlace, "stop 0 (a): place: precision 2e+06 m"},
		{"bad mode with a matrix", withMatrix, func(p *route.Problem) { p.Mode.Speed = 0 }, nil, "route: mode: geo: mode \"drive\": speed 0 km/h"},
		{"bad start place", small, func(p *route.Problem) { p.Days[0].Start.Location = orb.Point{200, 0} }, route.ErrBadPlace, "day 0: start: location (200, 0)"},
		{"negative visit", small, func(p *route.Problem) { p.Stops[0].Visit = -time.Minute }, route.ErrBadDuration, "stop 0 (a): visit: -1m0s is negative"},
		{"visit too long", small, func(p *route.Problem) { p.Stops[0].Visit = 8 * 24 * time.Hour }, route.ErrBadDuration, "longer than 168h0m0s"},
		{"negative score", small, func(p *route.Problem) { p.Stops[2].Score = -1 }, route.ErrBadScore, "stop 2 (c): score: -1 is outside [0, 1000000]"},
		{"window reversed", small, func(p *route.Problem) {
			p.Stops[2].Windows = []route.Window{{Open: t0, Close: t0.Add(time.Hour)}, {Open: t0.Add(3 * time.Hour), Close: t0.Add(2 * time.Hour)}}
		}, route.ErrBadWindow, "stop 2 (c): window 1: closes before it opens"},
		{"windows overlapping", small, func(p *route.Problem) {
			p.Stops[0].Windows = []route.Window{{Open: t0, Close: t0.Add(2 * time.Hour)}, {Open: t0.Add(time.Hour), Close: t0.Add(3 * time.Hour)}}
		}, route.ErrBadWindow, "stop 0 (a): window 1: overlaps window 0"},
		{"windows unsorted", small, func(p *route.Problem) {
			p.Stops[0].Windows = []route.Window{{Open: t0.Add(4 * time.Hour), Close: t0.Add(5 * time.Hour)}, {Open: t0, Close: t0.Add(time.Hour)}}
		}, route.ErrBadWindow, "window 1: opens before window 0: windows must be sorted"},
		{"negative day window", small, func(p *route.Problem) { p.Days[0].Window.Close = t0.Add(-time.Hour) }, route.ErrBadWindow, "day 0: window: closes before it opens (-1h0m0s)"},
		{"negative break", small, func(p *route.Problem) { p.Days[0].Break = &route.Break{Duration: -time.Minute} }, route.ErrBadDuration, "day 0: break: -1m0s is negative"},
		{"break window too short", small, func(p *route.Problem) {
			p.Days[0].Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: t0.Add(3 * time.Hour), Close: t0.Add(3*time.Hour + 30*time.Minute)}}
		}, route.ErrBadWindow, "day 0: break window: 30m0s is shorter than the 1h0m0s break"},
		{"break window after the day", small, func(p *route.Problem) {
			p.Days[0].Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: t0.Add(9 * time.Hour), Close: t0.Add(11 * time.Hour)}}
		}, route.ErrBadWindow, "opens after the day ends"},
		{"break longer than day", small, func(p *route.Problem) {
			p.Days[0].Window.Close = t0.Add(time.Hour)
			p.Days[0].Break = &route.Break{Duration: 2 * time.Hour}
		}, route.ErrBadDuration, "the 2h0m0s break is longer than the day"},
		{"bad mode", small, func(p *route.Problem) { p.Mode = geo.Mode{Name: "teleport", Speed: -1, Circuity: 1} }, nil, "route: mode: geo: mode \"teleport\": speed -1 km/h"},
		{"matrix row too short", withMatrix, func(p *route.Problem) { p.Matrix.Durations[2] = p.Matrix.Durations[2][:3] }, route.ErrBadMatrix, "route: matrix durations row 2: has 3 entries, want 4"},
		{"matrix negative entry", withMatrix, func(p *route.Problem) { p.Matrix.Durations[1][2] = -time.Second }, route.ErrBadMatrix, "durations[1][2]: -1s is negative"},
		{"matrix without durations", withMatrix, func(p *route.Problem) {
			p.Matrix = &geo.Matrix{Distances: [][]float64{{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}}}
		}, route.ErrBadMatrix, "route: matrix has no durations"},
		{"matrix empty", withMatrix, func(p *route.Problem) { p.Matrix = &geo.Matrix{} }, route.ErrBadMatrix, "empty matrix"},
		{"matrix NaN distance", withMatrix, func(p *route.Problem) {
			p.Matrix.Distances = [][]float64{{0, 1, 1, 1}, {1, 0, math.NaN(), 1}, {1, 1, 0, 1}, {1, 1, 1, 0}}
		}, route.ErrBadMatrix, "distances[1][2]: NaN is not a finite non-negative distance"},
		{"matrix index out of range", withMatrix, func(p *route.Problem) { p.Stops[1].MatrixIndex = 4 }, route.ErrBadPlace, "stop 1 (b): place: matrix index 4 is outside the 4×4 matrix"},
		{"matrix index negative", withMatrix, func(p *route.Problem) { p.Stops[1].MatrixIndex = -1 }, route.ErrBadPlace, "matrix index -1"},
		{"leg beyond MaxLeg", withMatrix, func(p *route.Problem) { p.Matrix.Durations[3][2] = route.MaxLeg + time.Second }, route.ErrBadMatrix, "route: matrix durations[3][2]: 20000h0m1s is longer than MaxLeg (20000h0m0s)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.base()
			tc.edit(&p)
			err := p.Validate()
			require.Error(t, err)
			if tc.target != nil {
				assert.ErrorIs(t, err, tc.target)
			}
			assert.Contains(t, err.Error(), tc.msg)
			var ve *route.ValidationError
			require.ErrorAs(t, err, &ve)
			// Solve reports the same error and no plan.
			plan, serr := route.Solve(context.Background(), p)
			assert.Nil(t, plan)
			assert.Equal(t, err.Error(), serr.Error())
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	p := small()
	p.Stops[0].Visit = -time.Minute
	p.Stops[2].Score = -5
	p.Stops[1].Windows = []route.Window{{Open: t0.Add(time.Hour), Close: t0}}
	err := p.Validate()
	var ve *route.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Errs, 3)
	assert.Equal(t, "route: 3 problems: stop 0 (a): visit: -1m0s is negative; stop 1 (b): window 0: closes before it opens; "+
		"stop 2 (c): score: -5 is outside [0, 1000000]", err.Error())
	var se *route.StopError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 0, se.Index)
	assert.Equal(t, "visit", se.Field)
	assert.ErrorIs(t, err, route.ErrBadScore)
	assert.ErrorIs(t, err, route.ErrBadWindow)

	var de *route.DayError
	p = small()
	p.Days[0].Window.Close = t0.Add(-time.Minute)
	require.ErrorAs(t, p.Validate(), &de)
	assert.Equal(t, "window", de.Field)
}

// Every problem is kept, however many; the message spells out ten.
func TestValidateKeepsEveryProblem(t *testing.T) {
	p := small()
	for i := range 40 {
		p.Stops = append(p.Stops, route.Stop{Place: route.Place{ID: fmt.Sprintf("s%d", i), Location: orb.Point{111.6, 35.5}}, Score: -1})
	}
	err := p.Validate()
	var ve *route.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Errs, 40)
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, "route: 40 problems: stop 3 (s0): score: -1 is outside"), msg)
	assert.Equal(t, 9, strings.Count(msg, "; "))
	assert.True(t, strings.HasSuffix(msg, "stop 12 (s9): score: -1 is outside [0, 1000000] (and 30 more)"), msg)
	ve.Source = "trip.json"
	assert.True(t, strings.HasPrefix(ve.Error(), "route: trip.json: 40 problems: "))
}

func TestLongMatrixLegs(t *testing.T) {
	// Matrix entries are costs in the problem's own unit: a leg of eight
	// days is long, not unreachable.
	p := withMatrix()
	p.Matrix.Durations[3][2] = 8 * 24 * time.Hour
	plan, err := route.Solve(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, len(p.Stops), plan.Visited)

	// Row maxima that add up beyond MaxLegSum are refused, naming the row.
	n := 16
	p = small()
	p.Stops = p.Stops[:1]
	p.Matrix = &geo.Matrix{Durations: make([][]time.Duration, n)}
	for i := range n {
		p.Matrix.Durations[i] = make([]time.Duration, n)
		for j := range n {
			if i != j {
				p.Matrix.Durations[i][j] = route.MaxLeg
			}
		}
	}
	for i := 1; i < n-1; i++ {
		p.Stops = append(p.Stops, route.Stop{Place: route.Place{ID: fmt.Sprint("s", i), MatrixIndex: i}})
	}
	p.Stops[0].MatrixIndex = n - 1
	p.Days[0].Start = route.Place{ID: "home", MatrixIndex: 0}
	err = p.Validate()
	require.ErrorIs(t, err, route.ErrBadMatrix)
	assert.Contains(t, err.Error(), "the longest legs out of rows 0 to 15 add up to more than MaxLegSum (300000h0m0s)")
}

func TestUnreachableByMode(t *testing.T) {
	// Walking to the antipodes takes months: the leg is unreachable.
	p := small()
	p.Mode = geo.Walking()
	p.Stops[1].Location = orb.Point{-68.4, -35.5}
	_, err := route.Solve(context.Background(), p)
	require.ErrorIs(t, err, route.ErrUnreachable)
	assert.Contains(t, err.Error(), "-> stop 1 (b): 5782h8m39s by walk is longer than 168h0m0s: unreachable")
}

func TestSolveOptionErrors(t *testing.T) {
	_, err := route.Solve(context.Background(), small(), route.ExactLimit(21))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ExactLimit 21")
}

func TestErrorsAreDistinct(t *testing.T) {
	all := []error{route.ErrNoStops, route.ErrNoDays, route.ErrTooManyStops, route.ErrTooManyDays, route.ErrDuplicateID,
		route.ErrBadPlace, route.ErrBadDuration, route.ErrBadScore, route.ErrBadWindow, route.ErrBadMatrix,
		route.ErrUnreachable, route.ErrBadOrder, route.ErrInfeasible}
	for i, a := range all {
		assert.Regexp(t, "^route: ", a.Error())
		for _, b := range all[i+1:] {
			assert.False(t, errors.Is(a, b), "%v is %v", a, b)
		}
	}
}

// A stop whose windows are all shorter than its visit is left out as
// closed, and the detail says the visit's length as a reader would.
func TestSkipDetailSaysMinutes(t *testing.T) {
	p := small()
	p.Stops[0].Visit = 90 * time.Minute
	p.Stops[0].Windows = []route.Window{{Open: t0.Add(time.Hour), Close: t0.Add(2 * time.Hour)}}
	plan, err := route.Solve(context.Background(), p)
	require.NoError(t, err)
	require.NotEmpty(t, plan.Skipped)
	assert.Equal(t, "a", plan.Skipped[0].ID)
	assert.Equal(t, route.ReasonClosed, plan.Skipped[0].Reason)
	assert.Contains(t, plan.Skipped[0].Detail, "the 90-minute visit")
	assert.NotContains(t, plan.Skipped[0].Detail, "1h30m0s")
}
