package route_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tenMPS is a mode of 10 m/s along the straight line: a leg of x metres
// takes x/10 seconds, so ranges can be worked out by hand.
var tenMPS = geo.Mode{Name: "test", Speed: 36, Circuity: 1}

// The leg rule: precise ends (to CoarsePrecision) give today's exact leg;
// coarse ends give max(d, ⅔·max(r1, r2)), max(0, d − r1 − r2) and
// d + r1 + r2 straight metres, d ≈ 9054 m being the points' distance.
func TestLegBetween(t *testing.T) {
	here := orb.Point{111.576, 35.491}
	there := orb.Point{111.676, 35.491}
	d := geo.Distance(here, there)
	place := func(id string, loc orb.Point, precision float64) route.Place {
		return route.Place{ID: id, Location: loc, Precision: precision}
	}
	secs := func(metres float64) time.Duration { return time.Duration(math.Round(metres/10)) * time.Second }
	tests := []struct {
		name          string
		from, to      route.Place
		exp, min, max float64 // straight-line metres
	}{
		{"precise to precise", place("a", here, 0), place("b", there, 0), d, d, d},
		{"500 m counts as exact", place("a", here, 500), place("b", there, 500), d, d, d},
		// d > ⅔·4000 = 2667: the points' distance is the expected leg.
		{"coarse to precise", place("a", here, 4000), place("b", there, 100),
			d, d - 4000, d + 4000},
		{"both coarse, far apart", place("a", here, 3000), place("b", there, 4000),
			d, d - 7000, d + 7000},
		// d = 0: the floor ⅔·max(3000, 4000) = 2666.7 m.
		{"two sites at one placeholder point", place("a", here, 3000), place("b", here, 4000),
			8000.0 / 3, 0, 7000},
		// d > ⅔·6000 = 4000.
		{"discs overlapping", place("a", here, 6000), place("b", there, 5000),
			d, 0, d + 11000},
		// d < ⅔·15000 = 10000: the floor, though the points are apart.
		{"a near place known to 15 km", place("a", here, 0), place("b", there, 15000),
			10000, 0, d + 15000},
		{"the same place", place("a", here, 9000), place("a", here, 9000), 0, 0, 0},
		{"a site seen inside its museum", route.Place{ID: "site", Location: here, Precision: 1000, Via: "museum"},
			place("museum", here, 1000), 0, 0, 0},
		{"from the museum to a site seen inside it", place("museum", here, 1000),
			route.Place{ID: "site", Location: here, Precision: 1000, Via: "museum"}, 0, 0, 0},
		// Via does not make places at different points 0 apart, nor a third place.
		{"visited via a museum elsewhere", route.Place{ID: "site", Location: here, Precision: 3000, Via: "museum"},
			place("museum", there, 1000), d, d - 4000, d + 4000},
		{"via another place", route.Place{ID: "site", Location: here, Precision: 3000, Via: "museum"},
			place("other", here, 3000), 2000, 0, 6000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := route.LegBetween(tc.from, tc.to, tenMPS)
			assert.InDelta(t, tc.exp, l.Distance, 1e-6)
			assert.InDelta(t, tc.min, l.DistanceMin, 1e-6)
			assert.InDelta(t, tc.max, l.DistanceMax, 1e-6)
			assert.Equal(t, secs(tc.exp), l.Duration)
			assert.Equal(t, secs(tc.min), l.DurationMin)
			assert.Equal(t, secs(tc.max), l.DurationMax)
			assert.LessOrEqual(t, l.DurationMin, l.Duration)
			assert.LessOrEqual(t, l.Duration, l.DurationMax)
			if tc.exp > 0 {
				assert.Positive(t, l.Duration, "distinct places are never 0 minutes apart")
			}
		})
	}
	// Precise legs are exactly those of the travel matrix.
	m, err := geo.NewMatrix([]orb.Point{here, there}, geo.CountyDrive())
	require.NoError(t, err)
	l := route.LegBetween(place("a", here, 500), place("b", there, 0), geo.CountyDrive())
	assert.Equal(t, m.Durations[0][1], l.Duration)
	assert.Equal(t, m.Distances[0][1], l.Distance)
}

// oneCoarseStop is a loop from an exact start to a stop at the same point
// known to 6 km, by tenMPS: the points are 0 apart, so the expected leg
// is the floor ⅔·6000 = 4000 m (400 s), the pessimistic one 0 + 6000 =
// 6000 m (600 s).
func oneCoarseStop() route.Problem {
	start := route.Place{ID: "hotel", Location: orb.Point{111.576, 35.491}}
	return route.Problem{
		Stops: []route.Stop{{Place: route.Place{ID: "tomb", Location: start.Location, Precision: 6000},
			Visit: time.Hour, Score: 1, Required: true}},
		Days: []route.Day{{Start: start, End: &start, Window: route.Window{Open: t0}}},
		Mode: tenMPS,
	}
}

// A day that fits at the expected times but not at the pessimistic ones
// says by how much it may overrun.
func TestScheduleOverrun(t *testing.T) {
	p := oneCoarseStop()
	p.Days[0].Window.Close = t0.Add(2*400*time.Second + time.Hour)
	plan := schedule(t, p, [][]int{{0}})
	dp := plan.Days[0]
	require.Len(t, dp.Legs, 2)
	assert.Equal(t, 400*time.Second, dp.Legs[0].Duration)
	assert.Equal(t, time.Duration(0), dp.Legs[0].DurationMin)
	assert.Equal(t, 600*time.Second, dp.Legs[0].DurationMax)
	assert.Equal(t, p.Days[0].Window.Close, dp.Return, "fits exactly at the expected times")
	// Two legs each 600 − 400 = 200 s longer at worst: 400 s late.
	assert.Equal(t, 2*(600-400)*time.Second, dp.Overrun)
	assert.Equal(t, dp.Overrun, plan.Overrun)

	p.Days[0].Window.Close = p.Days[0].Window.Close.Add(time.Hour)
	plan = schedule(t, p, [][]int{{0}})
	assert.Zero(t, plan.Days[0].Overrun, "an hour to spare covers the pessimistic legs")

	p.Days[0].Window.Close = time.Time{}
	plan = schedule(t, p, [][]int{{0}})
	assert.Zero(t, plan.Days[0].Overrun, "a day without a close cannot overrun")
}

// A stop that opens late: the day leaves late enough to avoid waiting at
// the expected time, but early enough to be there at opening even at the
// pessimistic time; a precise stop keeps today's rule.
func TestScheduleKeepsBuffer(t *testing.T) {
	p := oneCoarseStop()
	opens := t0.Add(2 * time.Hour)
	p.Stops[0].Windows = []route.Window{{Open: opens, Close: opens.Add(3 * time.Hour)}}
	plan := schedule(t, p, [][]int{{0}})
	dp := plan.Days[0]
	assert.Equal(t, t0, dp.Open)
	assert.Equal(t, opens.Add(-600*time.Second), dp.Depart, "leaves at the pessimistic time before opening")
	// Leaves 600 s before opening, arrives after the expected 400 s: waits 200 s.
	assert.Equal(t, (600-400)*time.Second, dp.Visits[0].Wait)
	assert.Equal(t, opens, dp.Visits[0].Start)

	p.Stops[0].Precision = 0
	p.Stops[0].Location = orb.Point{111.576, 35.491 + 4000/geo.EarthRadius*180/math.Pi}
	plan = schedule(t, p, [][]int{{0}})
	dp = plan.Days[0]
	assert.Equal(t, 400*time.Second, dp.Legs[0].DurationMax)
	assert.Equal(t, opens.Add(-400*time.Second), dp.Depart, "a precise stop: no wait at all")
	assert.Zero(t, dp.Visits[0].Wait)
}

// With a Matrix the matrix values stand and coarse ends widen the range
// by the mode's time over the two precisions.
func TestMatrixRanges(t *testing.T) {
	p := oneCoarseStop()
	p.Matrix = &geo.Matrix{
		Durations: [][]time.Duration{{0, 600 * time.Second}, {600 * time.Second, 0}},
		Distances: [][]float64{{0, 6000}, {6000, 0}},
	}
	p.Days[0].Start.MatrixIndex = 1
	p.Days[0].End = &p.Days[0].Start
	p.Stops[0].Precision = 3000
	plan := schedule(t, p, [][]int{{0}})
	l := plan.Days[0].Legs[0]
	assert.Equal(t, route.Leg{From: p.Days[0].Start, To: p.Stops[0].Place,
		Distance: 6000, DistanceMin: 3000, DistanceMax: 9000,
		Duration: 600 * time.Second, DurationMin: 300 * time.Second, DurationMax: 900 * time.Second}, l)

	p.Stops[0].Precision = 500
	plan = schedule(t, p, [][]int{{0}})
	l = plan.Days[0].Legs[0]
	assert.Equal(t, l.Duration, l.DurationMax)
	assert.Equal(t, l.Duration, l.DurationMin)
}

// Random coarse problems overrun some of their days, and every plan of
// them passes the checker (which recomputes ranges and overruns).
func TestCoarsePlansOverrun(t *testing.T) {
	overran := 0
	for seed := range int64(6) {
		p := routetest.Random(seed, routetest.Config{Stops: 20, Days: 2, End: routetest.Loop, Windows: true,
			Budget: 8 * time.Hour, Break: true, Scores: true, Visit: time.Hour, Coarse: true})
		plan, err := route.Solve(context.Background(), p)
		require.NoError(t, err)
		require.NoError(t, routetest.Check(&p, plan))
		if plan.Overrun > 0 {
			overran++
		}
	}
	assert.Positive(t, overran, "some plan runs late at its pessimistic times")
}

// Precise problems have point ranges and never overrun.
func TestPrecisePlansHaveNoRanges(t *testing.T) {
	p := routetest.Random(3, routetest.Config{Stops: 20, Days: 2, End: routetest.Loop, Windows: true,
		Budget: 8 * time.Hour, Break: true, Scores: true, Visit: time.Hour})
	plan, err := route.Solve(context.Background(), p)
	require.NoError(t, err)
	assert.Zero(t, plan.Overrun)
	for _, dp := range plan.Days {
		for _, l := range dp.Legs {
			assert.Equal(t, [3]time.Duration{l.Duration, l.Duration, l.Duration}, [3]time.Duration{l.DurationMin, l.Duration, l.DurationMax})
			assert.Equal(t, [3]float64{l.Distance, l.Distance, l.Distance}, [3]float64{l.DistanceMin, l.Distance, l.DistanceMax})
		}
	}
}

// A site seen inside its museum at the museum's point is 0 apart from it
// in the plan, and the plan passes the independent checker, which allows
// that one exception to "two coarse places are never 0 apart".
func TestSolveSeenInsideMuseum(t *testing.T) {
	here := orb.Point{111.546763, 35.734375}
	site := route.Place{ID: "site", Location: here, Precision: 1000, Via: "museum"}
	museum := route.Place{ID: "museum", Location: here, Precision: 1000}
	start := route.Place{ID: "station", Location: orb.Point{111.372, 35.619}}
	p := route.Problem{
		Stops: []route.Stop{{Place: site, Visit: 30 * time.Minute, Score: 1}, {Place: museum, Visit: 90 * time.Minute, Score: 1}},
		Days:  []route.Day{{Start: start, End: &start}},
	}
	plan, err := route.Solve(context.Background(), p)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p, plan))
	require.Len(t, plan.Days[0].Legs, 3)
	mid := plan.Days[0].Legs[1]
	host, ok := mid.Host()
	require.True(t, ok)
	assert.Equal(t, "museum", host.ID)
	assert.Zero(t, mid.Duration)
	assert.Zero(t, mid.DurationMax)
	assert.Zero(t, mid.Distance)
	_, ok = plan.Days[0].Legs[0].Host()
	assert.False(t, ok, "the leg from the station travels")
}
