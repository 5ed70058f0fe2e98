package route_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func solve(t *testing.T, p route.Problem, opts ...route.Option) *route.Plan {
	t.Helper()
	plan, err := route.Solve(context.Background(), p, opts...)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p, plan))
	return plan
}

func order(dp route.DayPlan) []string {
	var ids []string
	for _, v := range dp.Visits {
		ids = append(ids, v.Stop.ID)
	}
	return ids
}

// The exact solver gives the brute-force optimum on random small problems:
// symmetric (from locations) and asymmetric (matrix), closed, open and
// fixed-end.
func TestSolveExactMatchesBruteForce(t *testing.T) {
	for _, asym := range []bool{false, true} {
		for _, end := range []routetest.End{routetest.Loop, routetest.Open, routetest.Fixed} {
			for n := 1; n <= 8; n++ {
				for seed := range int64(3) {
					name := fmt.Sprintf("asym=%v/%s/n=%d/seed=%d", asym, end, n, seed)
					t.Run(name, func(t *testing.T) {
						p := routetest.Random(seed*100+int64(n), routetest.Config{Stops: n, End: end, Asymmetric: asym, Visit: time.Hour})
						plan := solve(t, p)
						assert.Equal(t, route.Optimal, plan.Status)
						assert.Equal(t, n, plan.Visited)
						assert.Empty(t, plan.Skipped)
						assert.Equal(t, routetest.BruteForce(&p), plan.Travel)
					})
				}
			}
		}
	}
}

// Beyond the exact limit the local search still visits every stop, and
// with the exact solver turned off small problems still reach the optimum.
func TestSolvePlainOrderingHeuristic(t *testing.T) {
	for _, asym := range []bool{false, true} {
		for _, end := range []routetest.End{routetest.Loop, routetest.Open, routetest.Fixed} {
			t.Run(fmt.Sprintf("asym=%v/%s", asym, end), func(t *testing.T) {
				p := routetest.Random(7, routetest.Config{Stops: 60, End: end, Asymmetric: asym, Visit: 30 * time.Minute})
				plan := solve(t, p)
				assert.Equal(t, route.Converged, plan.Status)
				assert.Equal(t, 60, plan.Visited)

				small := routetest.Random(8, routetest.Config{Stops: 8, End: end, Asymmetric: asym})
				plan = solve(t, small, route.ExactLimit(-1))
				assert.NotEqual(t, route.Optimal, plan.Status)
				assert.Equal(t, routetest.BruteForce(&small), plan.Travel)
			})
		}
	}
}

func TestSolveDeterministic(t *testing.T) {
	cases := map[string]routetest.Config{
		"plain":   {Stops: 30, End: routetest.Loop},
		"asym":    {Stops: 30, End: routetest.Fixed, Asymmetric: true},
		"toptw":   {Stops: 25, End: routetest.Loop, Windows: true, Budget: 9 * time.Hour, Break: true, Scores: true, Visit: time.Hour},
		"3 days":  {Stops: 25, Days: 3, End: routetest.Open, Budget: 8 * time.Hour, Scores: true, Visit: 90 * time.Minute},
		"windows": {Stops: 20, Days: 2, End: routetest.Loop, Asymmetric: true, Windows: true, Budget: 10 * time.Hour, Visit: time.Hour},
		"coarse":  {Stops: 20, Days: 2, End: routetest.Loop, Windows: true, Budget: 10 * time.Hour, Break: true, Visit: time.Hour, Coarse: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := routetest.Random(42, c)
			a := solve(t, p, route.Seed(3))
			b := solve(t, p, route.Seed(3))
			a.Stats, b.Stats = route.Stats{}, route.Stats{}
			assert.Equal(t, a, b)
		})
	}
}

func TestSolveCancellation(t *testing.T) {
	p := routetest.Random(5, routetest.Config{Stops: 300, Days: 2, End: routetest.Loop, Windows: true, Budget: 10 * time.Hour, Scores: true, Visit: time.Hour})

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	plan, err := route.Solve(ctx, p)
	require.NoError(t, err, "a canceled search still returns its best plan")
	require.NoError(t, routetest.Check(&p, plan))
	assert.Equal(t, route.Canceled, plan.Status)

	plan, err = route.Solve(context.Background(), p, route.TimeLimit(time.Millisecond))
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&p, plan))
	assert.Equal(t, route.DeadlineReached, plan.Status)

	plain := routetest.Random(5, routetest.Config{Stops: 300, End: routetest.Open})
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	plan, err = route.Solve(ctx, plain)
	require.NoError(t, err)
	require.NoError(t, routetest.Check(&plain, plan))
	assert.Equal(t, route.DeadlineReached, plan.Status)
	assert.Equal(t, 300, plan.Visited)
}

// Random orienteering problems of every shape give valid plans, and tiny
// one-day ones reach the optimum found by enumeration.
func TestSolveOrienteering(t *testing.T) {
	shapes := []routetest.Config{
		{End: routetest.Loop, Budget: 4 * time.Hour, Scores: true, Visit: time.Hour},
		{End: routetest.Open, Budget: 5 * time.Hour, Windows: true, Scores: true, Visit: time.Hour},
		{End: routetest.Fixed, Budget: 6 * time.Hour, Windows: true, Break: true, Visit: 90 * time.Minute},
		{End: routetest.Loop, Asymmetric: true, Budget: 3 * time.Hour, Scores: true, Visit: 30 * time.Minute},
		{End: routetest.Open, Asymmetric: true, Windows: true, Break: true, Budget: 9 * time.Hour, Scores: true, Visit: 2 * time.Hour},
		{End: routetest.Loop, Windows: true, Scores: true, Visit: time.Hour}, // windows, no budget
		{End: routetest.Fixed, Break: true, Scores: true},                    // break only
		{End: routetest.Loop, Budget: 4 * time.Hour, Windows: true, Scores: true, Visit: time.Hour, Coarse: true},
		{End: routetest.Open, Asymmetric: true, Budget: 5 * time.Hour, Scores: true, Visit: time.Hour, Coarse: true},
	}
	for k, c := range shapes {
		for n := 1; n <= 7; n++ {
			for seed := range int64(2) {
				c := c
				c.Stops = n
				t.Run(fmt.Sprintf("shape=%d/n=%d/seed=%d", k, n, seed), func(t *testing.T) {
					p := routetest.Random(seed*1000+int64(k*10+n), c)
					plan := solve(t, p)
					best := routetest.BestOneDay(&p)
					assert.Equal(t, best, routetest.ValueOf(plan), "plan %v", order(plan.Days[0]))
				})
			}
		}
	}
	// Larger ones under a time limit (the race detector slows the search
	// tenfold): every plan found must still be valid.
	for k, c := range shapes {
		c.Stops = 80
		c.Days = 3
		t.Run(fmt.Sprintf("shape=%d/n=80/days=3", k), func(t *testing.T) {
			p := routetest.Random(int64(k), c)
			plan := solve(t, p, route.TimeLimit(250*time.Millisecond))
			assert.Positive(t, plan.Visited)
		})
	}
}

// An orienteering problem whose day can hold every stop is proven optimal
// once the plan visits them all: the exact order of the visits is the
// optimum, and the search stops there.
func TestSolveOrienteeringCertificate(t *testing.T) {
	for _, end := range []routetest.End{routetest.Loop, routetest.Open, routetest.Fixed} {
		for n := 2; n <= 9; n += 7 {
			t.Run(fmt.Sprintf("%s/n=%d", end, n), func(t *testing.T) {
				p := routetest.Random(int64(n), routetest.Config{Stops: n, End: end, Budget: 72 * time.Hour, Scores: true, Visit: 10 * time.Minute})
				plan := solve(t, p)
				assert.Equal(t, route.Optimal, plan.Status)
				assert.Equal(t, n, plan.Visited)
				assert.Equal(t, routetest.BruteForce(&p), plan.Travel)
			})
		}
	}
	// With a window on a visit the order is not certified: the search runs
	// to its stall budget.
	p := routetest.Random(3, routetest.Config{Stops: 6, End: routetest.Loop, Budget: 72 * time.Hour, Windows: true, Scores: true, Visit: 10 * time.Minute})
	plan := solve(t, p)
	assert.Equal(t, route.Converged, plan.Status)
}

func TestSolveSkipReasons(t *testing.T) {
	p := small()
	p.Stops = append(p.Stops,
		route.Stop{Place: route.Place{ID: "closed", Location: orb.Point{111.58, 35.49}}, Closed: true, Score: 100},
		route.Stop{Place: route.Place{ID: "monday-only", Location: orb.Point{111.58, 35.48}}, Score: 100, Visit: time.Hour,
			Windows: []route.Window{{Open: t0.AddDate(0, 0, -1), Close: t0.AddDate(0, 0, -1).Add(8 * time.Hour)}}},
		route.Stop{Place: route.Place{ID: "short-window", Location: orb.Point{111.58, 35.47}}, Score: 100, Visit: time.Hour,
			Windows: []route.Window{{Open: t0.Add(time.Hour), Close: t0.Add(90 * time.Minute)}}},
		route.Stop{Place: route.Place{ID: "beijing", Location: orb.Point{116.40, 39.90}}, Score: 100, Visit: time.Hour},
	)
	p.Days[0].Window.Close = t0.Add(3 * time.Hour)
	plan := solve(t, p)
	reasons := map[string]route.Reason{}
	for _, s := range plan.Skipped {
		reasons[s.ID] = s.Reason
	}
	assert.Equal(t, route.ReasonClosed, reasons["closed"])
	assert.Equal(t, route.ReasonClosed, reasons["monday-only"])
	assert.Equal(t, route.ReasonClosed, reasons["short-window"])
	assert.Equal(t, route.ReasonUnreachable, reasons["beijing"])
	// 3 hours hold a and c (1h45m of visits) but not all three of a, b, c
	// with travel; b scores least.
	assert.Equal(t, route.ReasonBudget, reasons["b"])
	assert.Len(t, plan.Skipped, 5)
	assert.Equal(t, 9, plan.Score)
}

func TestSolveRequired(t *testing.T) {
	t.Run("visited although it scores nothing", func(t *testing.T) {
		p := small()
		p.Days[0].Window.Close = t0.Add(3 * time.Hour)
		p.Stops[1].Required = true
		p.Stops[1].Score = 0
		plan := solve(t, p)
		assert.Contains(t, order(plan.Days[0]), "b")
	})
	tests := []struct {
		name   string
		edit   func(p *route.Problem)
		reason route.Reason
		msg    string
	}{
		{"closed", func(p *route.Problem) { p.Stops[0].Closed = true; p.Stops[0].Required = true }, route.ReasonClosed,
			"route: no feasible plan: required stop 0 (a): closed for the whole trip"},
		{"never reachable", func(p *route.Problem) {
			p.Stops[2].Location = orb.Point{116.40, 39.90}
			p.Stops[2].Required = true
		}, route.ReasonUnreachable, "required stop 2 (c): cannot be reached"},
		{"not together", func(p *route.Problem) {
			// Each fits alone in 2 hours, not both.
			p.Days[0].Window.Close = t0.Add(2 * time.Hour)
			p.Stops[0].Required = true
			p.Stops[2].Required = true
		}, route.ReasonBudget, "does not fit into any day together with the other required stops"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := small()
			tc.edit(&p)
			plan, err := route.Solve(context.Background(), p)
			assert.Nil(t, plan)
			require.ErrorIs(t, err, route.ErrInfeasible)
			var ie *route.InfeasibleError
			require.ErrorAs(t, err, &ie)
			require.NotEmpty(t, ie.Stops)
			assert.Equal(t, tc.reason, ie.Stops[0].Reason)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestSolveDayTooShortForItsJourney(t *testing.T) {
	p := small()
	far := route.Place{ID: "yuncheng", Location: orb.Point{111.0, 35.0}}
	p.Days[0].End = &far
	p.Days[0].Window.Close = t0.Add(20 * time.Minute)
	_, err := route.Solve(context.Background(), p)
	require.ErrorIs(t, err, route.ErrInfeasible)
	var de *route.DayError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 0, de.Index)
}

func TestSolveBreakAndTimeZone(t *testing.T) {
	p := small()
	p.Days[0].Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: t0.Add(3 * time.Hour), Close: t0.Add(5 * time.Hour)}}
	plan := solve(t, p)
	dp := plan.Days[0]
	require.NotNil(t, dp.Break)
	assert.Equal(t, time.Hour, dp.Break.End.Sub(dp.Break.Start))
	assert.Equal(t, t0.Location(), dp.Depart.Location())
	assert.Equal(t, t0.Location(), dp.Break.Start.Location())
	assert.Equal(t, 3, plan.Visited)

	// The same day given in UTC is planned the same, reported in UTC.
	q := small()
	q.Days[0].Break = &route.Break{Duration: time.Hour, Window: route.Window{Open: t0.Add(3 * time.Hour).UTC(), Close: t0.Add(5 * time.Hour).UTC()}}
	q.Days[0].Window = route.Window{Open: t0.UTC(), Close: t0.Add(8 * time.Hour).UTC()}
	qplan := solve(t, q)
	assert.Equal(t, time.UTC, qplan.Days[0].Depart.Location())
	assert.True(t, qplan.Days[0].Depart.Equal(dp.Depart))
	assert.Equal(t, order(dp), order(qplan.Days[0]))
}

func TestSolveLeavesLateRatherThanWaits(t *testing.T) {
	p := small()
	p.Stops = p.Stops[:1]
	p.Stops[0].Windows = []route.Window{{Open: t0.Add(2 * time.Hour), Close: t0.Add(6 * time.Hour)}}
	plan := solve(t, p)
	dp := plan.Days[0]
	assert.Equal(t, time.Duration(0), dp.Wait)
	assert.True(t, dp.Visits[0].Start.Equal(t0.Add(2*time.Hour)))
	assert.True(t, dp.Depart.Equal(t0.Add(2*time.Hour-dp.Legs[0].Duration)))
}

func TestSolveMatrixProblem(t *testing.T) {
	p := withMatrix()
	p.Days[0].Window.Close = time.Time{}
	plan := solve(t, p)
	assert.Equal(t, route.Optimal, plan.Status)
	// From the seat: b, a, c (400+600+900+500 s) or c, a, b, the
	// reverse; every other order takes 2600 or 2800 s.
	assert.Equal(t, 2400*time.Second, plan.Travel)
	assert.Zero(t, plan.Distance, "a matrix without distances gives zero distances")
	assert.Equal(t, "seat", plan.Days[0].Legs[0].From.ID)
}

func TestReasonAndStatusText(t *testing.T) {
	for _, r := range []route.Reason{route.ReasonBudget, route.ReasonClosed, route.ReasonUnreachable} {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var back route.Reason
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back)
	}
	for _, s := range []route.Status{route.Converged, route.Optimal, route.DeadlineReached, route.Canceled} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back route.Status
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	assert.Equal(t, "Reason(9)", route.Reason(9).String())
	_, err := route.Status(-1).MarshalText()
	assert.Error(t, err)
	var r route.Reason
	assert.Error(t, r.UnmarshalText([]byte("bored")))
}
