package route_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// orders returns the visiting order of every day of plan.
func orders(plan *route.Plan) [][]int {
	out := make([][]int, len(plan.Days))
	for d, dp := range plan.Days {
		out[d] = []int{}
		for _, v := range dp.Visits {
			out[d] = append(out[d], v.Index)
		}
	}
	return out
}

// schedule runs Schedule and the invariant checker.
func schedule(t *testing.T, p route.Problem, o [][]int) *route.Plan {
	t.Helper()
	plan, err := route.Schedule(p, o)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p, plan))
	return plan
}

// Scheduling the orders Solve chose gives back Solve's plan: one
// scheduler, the same rules for windows, breaks, waits and departures.
func TestScheduleReproducesSolve(t *testing.T) {
	shapes := map[string]routetest.Config{
		"plain":        {Stops: 9, End: routetest.Loop, Visit: time.Hour},
		"open asym":    {Stops: 12, End: routetest.Open, Asymmetric: true, Visit: 30 * time.Minute},
		"windows":      {Stops: 15, End: routetest.Fixed, Windows: true, Budget: 9 * time.Hour, Scores: true, Visit: time.Hour},
		"break":        {Stops: 15, End: routetest.Loop, Windows: true, Break: true, Budget: 10 * time.Hour, Visit: time.Hour},
		"3 days break": {Stops: 30, Days: 3, End: routetest.Open, Windows: true, Break: true, Budget: 9 * time.Hour, Scores: true, Visit: 90 * time.Minute},
		"2 days asym":  {Stops: 25, Days: 2, End: routetest.Loop, Asymmetric: true, Windows: true, Budget: 8 * time.Hour, Visit: time.Hour},
	}
	for name, c := range shapes {
		for seed := range int64(3) {
			t.Run(fmt.Sprintf("%s/seed=%d", name, seed), func(t *testing.T) {
				p := routetest.Random(seed, c)
				want := solve(t, p)
				got := schedule(t, p, orders(want))
				assert.Equal(t, want.Days, got.Days)
				assert.Equal(t, routetest.ValueOf(want), routetest.ValueOf(got))
				assert.Equal(t, want.Wait, got.Wait)
				assert.Equal(t, want.Mode, got.Mode)
				require.Len(t, got.Skipped, len(want.Skipped))
				for i := range want.Skipped {
					assert.Equal(t, want.Skipped[i].Index, got.Skipped[i].Index)
					assert.Equal(t, want.Skipped[i].Reason, got.Skipped[i].Reason)
				}
				assert.Equal(t, route.Converged, got.Status)
			})
		}
	}
}

// Any order of a problem without windows, close or break is feasible, and
// its plan passes the checker; stops in no order are skipped for budget.
func TestScheduleAnyOrder(t *testing.T) {
	for _, end := range []routetest.End{routetest.Loop, routetest.Open, routetest.Fixed} {
		for _, asym := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/asym=%v", end, asym), func(t *testing.T) {
				p := routetest.Random(3, routetest.Config{Stops: 10, Days: 2, End: end, Asymmetric: asym, Visit: time.Hour})
				r := rand.New(rand.NewPCG(1, 2))
				perm := r.Perm(10)
				plan := schedule(t, p, [][]int{perm[:4], perm[4:8]})
				assert.Equal(t, 8, plan.Visited)
				assert.Equal(t, routetest.Travel(&p, 0, perm[:4])+routetest.Travel(&p, 1, perm[4:8]), plan.Travel)
				require.Len(t, plan.Skipped, 2)
				for _, s := range plan.Skipped {
					assert.Equal(t, route.ReasonBudget, s.Reason)
					assert.Contains(t, []int{perm[8], perm[9]}, s.Index)
				}
				empty := schedule(t, p, [][]int{nil, {}})
				assert.Zero(t, empty.Visited)
				assert.Len(t, empty.Skipped, 10)
			})
		}
	}
}

// A day with a late window waits as little as Solve's plans do: it
// leaves late rather than waiting at the stop.
func TestScheduleLeavesLate(t *testing.T) {
	p := small()
	p.Stops[0].Windows = []route.Window{{Open: t0.Add(3 * time.Hour), Close: t0.Add(6 * time.Hour)}}
	plan := schedule(t, p, [][]int{{0, 1, 2}})
	dp := plan.Days[0]
	assert.Zero(t, dp.Wait)
	assert.True(t, dp.Visits[0].Start.Equal(t0.Add(3*time.Hour)))
	assert.True(t, dp.Depart.Equal(t0.Add(3*time.Hour-dp.Legs[0].Duration)))
}

func TestScheduleErrors(t *testing.T) {
	lunch := func(p *route.Problem) {
		p.Days[0].Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: t0.Add(time.Hour), Close: t0.Add(2 * time.Hour)}}
	}
	tests := []struct {
		name   string
		edit   func(p *route.Problem)
		orders [][]int
		target error
		msg    string
	}{
		{"too few orders", nil, nil, route.ErrBadOrder, "route: bad visiting order: 0 orders for 1 days"},
		{"out of range", nil, [][]int{{0, 3}}, route.ErrBadOrder, "route: day 0: order: position 1: stop index 3 is outside [0, 3)"},
		{"negative", nil, [][]int{{-1}}, route.ErrBadOrder, "position 0: stop index -1 is outside"},
		{"twice", nil, [][]int{{0, 1, 0}}, route.ErrBadOrder, "route: day 0: order: position 2: stop 0 (a) is already visited on day 0"},
		{"closed", func(p *route.Problem) { p.Stops[1].Closed = true }, [][]int{{1}}, route.ErrInfeasible,
			"route: day 0: order: position 0: stop 1 (b) cannot be visited: closed for the whole trip (closed)"},
		{"required left out", func(p *route.Problem) { p.Stops[2].Required = true }, [][]int{{0}}, route.ErrBadOrder,
			"route: stop 2 (c): required: a required stop in no day's order"},
		{"window missed", func(p *route.Problem) {
			p.Stops[1].Windows = []route.Window{{Open: t0, Close: t0.Add(90 * time.Minute)}}
		}, [][]int{{0, 1}}, route.ErrInfeasible, "route: day 0: order: position 1: stop 1 (b): arriving at 2027-05-04 09:"},
		{"day too short", func(p *route.Problem) { p.Days[0].Window.Close = t0.Add(2 * time.Hour) }, [][]int{{0, 1, 2}}, route.ErrInfeasible,
			"route: day 0: order: the day ends at 2027-05-04 11:"},
		{"no room for the break", func(p *route.Problem) {
			lunch(p)
			p.Stops[0].Windows = []route.Window{{Open: t0.Add(30 * time.Minute), Close: t0.Add(150 * time.Minute)}}
			p.Stops[0].Visit = 2 * time.Hour
		}, [][]int{{0}}, route.ErrInfeasible, "no place in the order leaves room for the 1h0m0s break"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := small()
			if tc.edit != nil {
				tc.edit(&p)
			}
			plan, err := route.Schedule(p, tc.orders)
			assert.Nil(t, plan)
			require.ErrorIs(t, err, tc.target)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
	// Every problem is listed, each naming its day or stop.
	p := small()
	p.Days = append(p.Days, p.Days[0])
	p.Stops[2].Required = true
	_, err := route.Schedule(p, [][]int{{0, 7}, {0}})
	var ve *route.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Errs, 3)
	var de *route.DayError
	require.ErrorAs(t, ve.Errs[1], &de)
	assert.Equal(t, 1, de.Index)
	var se *route.StopError
	require.ErrorAs(t, ve.Errs[2], &se)
	assert.Equal(t, 2, se.Index)
	// A bad problem gets Validate's error.
	p = small()
	p.Stops[0].Score = -1
	_, err = route.Schedule(p, [][]int{{0}})
	assert.ErrorIs(t, err, route.ErrBadScore)
}

// Schedule plans a given order: here the sites in the order a guide
// prefers, with lunch wherever it ends the day earliest.
func ExampleSchedule() {
	cst := time.FixedZone("CST", 8*3600)
	open := time.Date(2027, 5, 4, 8, 30, 0, 0, cst)
	seat := route.Place{ID: "seat", Location: orb.Point{111.576, 35.491}}
	stop := func(id string, lon, lat float64, visit time.Duration) route.Stop {
		return route.Stop{Place: route.Place{ID: id, Location: orb.Point{lon, lat}}, Visit: visit, Score: 1}
	}
	p := route.Problem{
		Stops: []route.Stop{
			stop("a-tomb", 111.646, 35.505, 30*time.Minute),
			stop("b-ruins", 111.520, 35.560, 45*time.Minute),
			stop("c-temple", 111.610, 35.430, 45*time.Minute),
		},
		Days: []route.Day{{Start: seat, End: &seat, Window: route.Window{Open: open, Close: open.Add(8 * time.Hour)},
			Break: &route.Break{Duration: time.Hour, Window: route.Window{Open: open.Add(3 * time.Hour), Close: open.Add(5 * time.Hour)}}}},
	}
	plan, err := route.Schedule(p, [][]int{{1, 0, 2}})
	if err != nil {
		fmt.Println(err)
		return
	}
	dp := plan.Days[0]
	for i, v := range dp.Visits {
		fmt.Printf("%s–%s %s\n", v.Start.Format("15:04"), v.Departure.Format("15:04"), v.Stop.ID)
		if dp.Break.After == i {
			fmt.Printf("%s–%s lunch\n", dp.Break.Start.Format("15:04"), dp.Break.End.Format("15:04"))
		}
	}
	fmt.Printf("back %s, %.1f km\n", dp.Return.Format("15:04"), dp.Distance/1000)

	_, err = route.Schedule(p, [][]int{{1, 0, 1}})
	fmt.Println(err)
	// Output:
	// 08:52–09:37 b-ruins
	// 09:59–10:29 a-tomb
	// 10:45–11:30 c-temple
	// 11:30–12:30 lunch
	// back 12:42, 50.1 km
	// route: day 0: order: position 2: stop 1 (b-ruins) is already visited on day 0
}
