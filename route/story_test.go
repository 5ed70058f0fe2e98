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
