package vroom_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/vroom"
)

// Decode a VROOM problem with a custom matrix, solve it with package route
// and describe the plan in VROOM's terms ([Encode] writes it as JSON).
// Job 13 does not fit in the hour; the vehicle leaves at 500 s so as not
// to wait for job 12's window.
func ExampleDecode() {
	in := `{
	  "vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "time_window": [0, 3600]}],
	  "jobs": [
	    {"id": 11, "location_index": 1, "service": 600, "priority": 40},
	    {"id": 12, "location_index": 2, "service": 600, "priority": 60, "time_windows": [[1800, 2400]]},
	    {"id": 13, "location_index": 3, "service": 900, "priority": 10}
	  ],
	  "matrices": {"car": {"durations": [
	    [0, 300, 600, 900], [300, 0, 400, 700], [600, 400, 0, 500], [900, 700, 500, 0]]}}
	}`
	p, err := vroom.Decode(strings.NewReader(in))
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := route.Solve(context.Background(), p.Problem)
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := vroom.NewSolution(p, plan)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range sol.Routes[0].Steps {
		id := ""
		if s.ID != nil {
			id = fmt.Sprint(*s.ID)
		}
		fmt.Printf("%-5s %2s arrival %4d waiting %3d travel %4d\n", s.Type, id, s.Arrival, s.WaitingTime, s.Duration)
	}
	fmt.Printf("priority %d, cost %d, unassigned %d\n", sol.Summary.Priority, sol.Summary.Cost, sol.Summary.Unassigned)
	// Output:
	// start    arrival  500 waiting   0 travel    0
	// job   11 arrival  800 waiting   0 travel  300
	// job   12 arrival 1800 waiting   0 travel  700
	// end      arrival 3000 waiting   0 travel 1300
	// priority 100, cost 1300, unassigned 1
}
