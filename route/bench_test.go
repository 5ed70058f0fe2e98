package route_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
)

// BenchmarkSolve measures whole Solve calls, matrix building and plan
// building included, on plain ordering problems and on one-day and
// three-day orienteering problems with windows and a break, each run to
// the solver's own stopping rule.
func BenchmarkSolve(b *testing.B) {
	shapes := []struct {
		name string
		c    routetest.Config
	}{
		{"plain", routetest.Config{End: routetest.Loop}},
		{"toptw", routetest.Config{End: routetest.Loop, Windows: true, Budget: 9 * time.Hour, Break: true, Scores: true, Visit: time.Hour}},
		{"toptw-3days", routetest.Config{Days: 3, End: routetest.Open, Windows: true, Budget: 9 * time.Hour, Break: true, Scores: true, Visit: time.Hour}},
	}
	for _, sh := range shapes {
		for _, n := range []int{10, 50, 200} {
			if sh.c.Days > 1 && n > 50 {
				continue // tens of seconds to converge
			}
			c := sh.c
			c.Stops = n
			p := routetest.Random(1, c)
			b.Run(fmt.Sprintf("%s/n=%d", sh.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := route.Solve(context.Background(), p); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSolveConstruction measures the least a Solve call costs: with a
// budget of one nanosecond it returns the fast construction, which runs
// whole whatever the budget, so this is the overhead above any TimeLimit
// (matrix from locations, construction, scheduling the plan).
func BenchmarkSolveConstruction(b *testing.B) {
	shapes := []struct {
		name string
		c    routetest.Config
	}{
		{"plain", routetest.Config{End: routetest.Loop}},
		{"toptw", routetest.Config{End: routetest.Loop, Windows: true, Budget: 9 * time.Hour, Break: true, Scores: true, Visit: 20 * time.Minute}},
		{"toptw-3days", routetest.Config{Days: 3, End: routetest.Open, Windows: true, Budget: 9 * time.Hour, Break: true, Scores: true, Visit: 20 * time.Minute}},
	}
	for _, sh := range shapes {
		for _, n := range []int{100, 800} {
			c := sh.c
			c.Stops = n
			p := routetest.Random(1, c)
			b.Run(fmt.Sprintf("%s/n=%d", sh.name, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := route.Solve(context.Background(), p, route.TimeLimit(time.Nanosecond)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
