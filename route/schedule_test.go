package route_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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
		"coarse":       {Stops: 15, Days: 2, End: routetest.Loop, Windows: true, Break: true, Budget: 9 * time.Hour, Scores: true, Visit: time.Hour, Coarse: true},
		"coarse asym":  {Stops: 12, End: routetest.Open, Asymmetric: true, Windows: true, Budget: 8 * time.Hour, Visit: time.Hour, Coarse: true},
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

// A day that visits nothing takes no lunch break: it leaves at its
// opening and, ending where it starts, returns then; the days that visit
// something keep theirs. Solve and Schedule agree, for a loop, a day
// ending elsewhere and an open day.
func TestEmptyDayTakesNoBreak(t *testing.T) {
	hotel := route.Place{ID: "hotel", Location: orb.Point{111.58, 35.50}}
	for name, end := range map[string]func(p *route.Problem) *route.Place{
		"loop":      func(p *route.Problem) *route.Place { return &p.Days[0].Start },
		"elsewhere": func(*route.Problem) *route.Place { return &hotel },
		"open":      func(*route.Problem) *route.Place { return nil },
	} {
		t.Run(name, func(t *testing.T) {
			p := small()
			p.Stops = p.Stops[:1]
			day := p.Days[0]
			day.End = end(&p)
			day.Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: t0.Add(3 * time.Hour), Close: t0.Add(5 * time.Hour)}}
			next := day
			next.Window = route.Window{Open: t0.Add(24 * time.Hour), Close: t0.Add(32 * time.Hour)}
			next.Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: next.Window.Open.Add(3 * time.Hour), Close: next.Window.Open.Add(5 * time.Hour)}}
			p.Days = []route.Day{day, next}
			solved, err := route.Solve(context.Background(), p, route.Seed(1))
			require.NoError(t, err)
			require.NoError(t, routetest.Check(&p, solved))
			require.Equal(t, [][]int{{0}, {}}, orders(solved))
			for _, plan := range []*route.Plan{solved, schedule(t, p, [][]int{{0}, {}})} {
				require.NotNil(t, plan.Days[0].Break, "the day that visits keeps its break")
				idle := plan.Days[1]
				assert.Nil(t, idle.Break)
				assert.Zero(t, idle.Wait)
				assert.True(t, idle.Depart.Equal(next.Window.Open), "leaves at the opening, not at the break window: %s", idle.Depart)
				want := idle.Depart.Add(idle.Travel)
				assert.True(t, idle.Return.Equal(want), "returns %s, want %s", idle.Return, want)
				if name == "loop" || name == "open" {
					assert.Empty(t, idle.Legs)
					assert.True(t, idle.Return.Equal(idle.Depart))
				}
			}
		})
	}
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

// randomRanks ranks the stops of p from a few values, one in five unknown.
func randomRanks(seed uint64, p *route.Problem) []route.Rank {
	r := rand.New(rand.NewPCG(seed, 9))
	ranks := make([]route.Rank, len(p.Stops))
	for i := range ranks {
		ranks[i] = route.Rank{Value: -800 + 100*r.IntN(10), Known: r.IntN(5) > 0}
	}
	return ranks
}

// Story-ordered plans are plans of the problem like any other: they pass
// the invariant checker, keep the visits, stay within the bound and are
// no less chronological than the shortest order.
func TestStoryOrder(t *testing.T) {
	shapes := map[string]routetest.Config{
		"loop":              {Stops: 8, End: routetest.Loop, Visit: time.Hour},
		"open":              {Stops: 10, End: routetest.Open, Visit: 30 * time.Minute},
		"fixed asym":        {Stops: 9, End: routetest.Fixed, Asymmetric: true, Visit: 30 * time.Minute},
		"windows break":     {Stops: 12, End: routetest.Loop, Windows: true, Break: true, Budget: 10 * time.Hour, Visit: time.Hour},
		"budget":            {Stops: 14, End: routetest.Loop, Budget: 6 * time.Hour, Visit: 30 * time.Minute},
		"search (15 stops)": {Stops: 15, End: routetest.Loop, Visit: 10 * time.Minute},
	}
	for name, c := range shapes {
		for seed := range uint64(3) {
			p := routetest.Random(int64(seed), c)
			short := solve(t, p)
			ranks := randomRanks(seed, &p)
			for _, x := range []float64{0, 0.2, 1} {
				t.Run(fmt.Sprintf("%s/seed=%d/x=%v", name, seed, x), func(t *testing.T) {
					plan, st, err := route.StoryOrder(p, orders(short)[0], ranks, x)
					require.NoError(t, err)
					require.NoError(t, routetest.Check(&p, plan))
					got, want := orders(plan)[0], orders(short)[0]
					assert.ElementsMatch(t, want, got, "the same visits")
					assert.LessOrEqual(t, st.Inversions, st.ShortestInversions)
					assert.LessOrEqual(t, st.Inversions, st.Pairs)
					assert.Equal(t, inversions(ranks, got), st.Inversions)
					assert.Equal(t, inversions(ranks, want), st.ShortestInversions)
					assert.LessOrEqual(t, st.Extra, x+1e-6)
					assert.InDelta(t, math.Min(short.Distance, plan.Distance), st.Shortest, 1e-9)
					assert.Equal(t, st.Exact, plan.Status == route.Optimal)
					if len(want) > route.StoryExactLimit {
						assert.False(t, st.Exact)
					}
				})
			}
		}
	}
}

// inversions counts the pairs of order of known ranks visited higher
// rank first.
func inversions(ranks []route.Rank, order []int) int {
	k := 0
	for a, i := range order {
		for _, j := range order[a+1:] {
			if ranks[i].Known && ranks[j].Known && ranks[i].Value > ranks[j].Value {
				k++
			}
		}
	}
	return k
}

// With a generous bound and nothing else binding, the story is told in
// rank order.
func TestStoryOrderGenerous(t *testing.T) {
	p := routetest.Random(4, routetest.Config{Stops: 9, End: routetest.Loop, Visit: time.Hour})
	ranks := make([]route.Rank, len(p.Stops))
	for i := range ranks {
		ranks[i] = route.Rank{Value: (i * 7) % 9, Known: true}
	}
	short := solve(t, p)
	plan, st, err := route.StoryOrder(p, orders(short)[0], ranks, 1000)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p, plan))
	assert.Zero(t, st.Inversions)
	assert.Equal(t, 36, st.Pairs)
	got := orders(plan)[0]
	assert.True(t, slices.IsSortedFunc(got, func(a, b int) int { return ranks[a].Value - ranks[b].Value }), "%v", got)
}

func TestStoryOrderErrors(t *testing.T) {
	p := small()
	ranks := make([]route.Rank, 3)
	two := small()
	two.Days = append(two.Days, two.Days[0])
	for _, tc := range []struct {
		name  string
		p     route.Problem
		order []int
		ranks []route.Rank
		x     float64
		msg   string
	}{
		{"two days", two, []int{0}, ranks, 0.2, "2 days and 3 ranks for 3 stops"},
		{"ranks", p, []int{0}, ranks[:2], 0.2, "1 days and 2 ranks for 3 stops"},
		{"negative", p, []int{0}, ranks, -0.1, "maxExtra -0.1 is not a ratio"},
		{"NaN", p, []int{0}, ranks, math.NaN(), "maxExtra NaN"},
		{"bad order", p, []int{0, 0}, ranks, 0.2, "stop 0 (a) is already visited"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, st, err := route.StoryOrder(tc.p, tc.order, tc.ranks, tc.x)
			assert.Nil(t, plan)
			assert.Nil(t, st)
			assert.ErrorContains(t, err, tc.msg)
		})
	}
}

// Order a day's sites so their history unfolds oldest first, at most 30%
// longer than the shortest loop.
func ExampleStoryOrder() {
	cst := time.FixedZone("CST", 8*3600)
	open := time.Date(2027, 5, 4, 8, 30, 0, 0, cst)
	seat := route.Place{ID: "seat", Location: orb.Point{111.576, 35.491}}
	stop := func(id string, lon, lat float64) route.Stop {
		return route.Stop{Place: route.Place{ID: id, Location: orb.Point{lon, lat}}, Visit: 30 * time.Minute, Score: 1}
	}
	p := route.Problem{
		Stops: []route.Stop{
			stop("ming-temple", 111.646, 35.505),
			stop("jin-ruins", 111.520, 35.560),
			stop("han-tomb", 111.610, 35.430),
			stop("tang-pagoda", 111.700, 35.470),
		},
		Days: []route.Day{{Start: seat, End: &seat, Window: route.Window{Open: open}}},
	}
	years := []route.Rank{{Value: 1368, Known: true}, {Value: -770, Known: true}, {Value: -206, Known: true}, {Value: 618, Known: true}}
	shortest, err := route.Solve(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	var order []int
	for _, v := range shortest.Days[0].Visits {
		order = append(order, v.Index)
	}
	plan, story, err := route.StoryOrder(p, order, years, 0.3)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range plan.Days[0].Visits {
		fmt.Println(v.Stop.ID)
	}
	fmt.Printf("%.0f%% longer, %d of %d pairs out of time order (shortest order: %d), %s\n",
		story.Extra*100, story.Inversions, story.Pairs, story.ShortestInversions, plan.Status)
	// Output:
	// jin-ruins
	// han-tomb
	// tang-pagoda
	// ming-temple
	// 6% longer, 0 of 6 pairs out of time order (shortest order: 3), optimal
}
