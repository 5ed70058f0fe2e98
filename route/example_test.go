package route_test

import (
	"context"
	"fmt"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// Order five sites for a loop from the county seat by car, then plan a
// shorter day that leaves out what does not fit.
func ExampleSolve() {
	cst := time.FixedZone("CST", 8*3600)
	start := time.Date(2027, 5, 4, 8, 30, 0, 0, cst)
	seat := route.Place{ID: "seat", Name: "县城", Location: orb.Point{111.576, 35.491}}
	stop := func(id string, lon, lat float64, visit time.Duration, score int) route.Stop {
		return route.Stop{Place: route.Place{ID: id, Location: orb.Point{lon, lat}}, Visit: visit, Score: score}
	}
	p := route.Problem{
		Stops: []route.Stop{
			stop("a-tomb", 111.646, 35.505, 30*time.Minute, 70),
			stop("b-ruins", 111.520, 35.560, 45*time.Minute, 70),
			stop("c-temple", 111.610, 35.430, 45*time.Minute, 60),
			stop("d-stage", 111.700, 35.470, 20*time.Minute, 60),
			stop("e-museum", 111.580, 35.495, 90*time.Minute, 25),
		},
		Days: []route.Day{{Start: seat, End: &seat, Window: route.Window{Open: start}}},
		Mode: geo.CountyDrive(),
	}
	plan, err := route.Solve(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	show := func(plan *route.Plan) {
		for _, v := range plan.Days[0].Visits {
			fmt.Printf("%s %s\n", v.Start.Format("15:04"), v.Stop.ID)
		}
		fmt.Printf("back %s, %s driving, %.1f km, score %d, %s\n", plan.Days[0].Return.Format("15:04"),
			plan.Travel.Round(time.Minute), plan.Distance/1000, plan.Score, plan.Status)
		for _, s := range plan.Skipped {
			fmt.Printf("skipped %s: %s\n", s.ID, s.Reason)
		}
	}
	show(plan)

	p.Days[0].Window.Close = start.Add(4 * time.Hour)
	if plan, err = route.Solve(context.Background(), p); err != nil {
		fmt.Println(err)
		return
	}
	show(plan)
	// Output:
	// 08:31 e-museum
	// 10:16 b-ruins
	// 11:24 a-tomb
	// 12:04 d-stage
	// 12:41 c-temple
	// back 13:38, 1h19m0s driving, 59.2 km, score 285, optimal
	// 08:42 c-temple
	// 09:44 d-stage
	// 10:14 a-tomb
	// 11:07 b-ruins
	// back 12:08, 1h18m0s driving, 58.7 km, score 260, converged
	// skipped e-museum: budget
}

// A leg to a tomb known only to within 9.5 km: the schedule plans with
// the expected time, and the range says how long it may really take.
func ExampleLegBetween() {
	hotel := route.Place{ID: "hotel", Location: orb.Point{111.576, 35.491}}
	tomb := route.Place{ID: "tomb", Location: orb.Point{111.691, 35.528}, Precision: 9500}
	l := route.LegBetween(hotel, tomb, geo.CountyDrive())
	fmt.Printf("about %s (%s–%s), %.1f km (%.1f–%.1f km)\n", l.Duration, l.DurationMin, l.DurationMax,
		l.Distance/1000, l.DistanceMin/1000, l.DistanceMax/1000)
	temple := route.Place{ID: "temple", Location: orb.Point{111.649, 35.493}, Precision: 150}
	l = route.LegBetween(hotel, temple, geo.CountyDrive())
	fmt.Printf("%s (%s–%s)\n", l.Duration, l.DurationMin, l.DurationMax)
	// Output:
	// about 19m24s (2m56s–35m52s), 14.6 km (2.2–26.9 km)
	// 11m28s (11m28s–11m28s)
}
