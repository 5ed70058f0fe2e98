package top_test

import (
	"context"
	"fmt"

	"github.com/chuanzhu/chuanzhu/route/internal/top"
)

// One day from a hotel (node 0) with three sites; site 3 opens only in the
// afternoon and is worth the most.
func ExampleSolve() {
	travel := []int64{
		0, 20, 30, 40,
		20, 0, 15, 30,
		30, 15, 0, 20,
		40, 30, 20, 0,
	}
	in := top.Instance{
		N:         4,
		Travel:    travel,
		Service:   []int64{0, 60, 45, 90},
		Score:     []int64{0, 5, 3, 8},
		Windows:   [][]top.Window{nil, {{Open: 0, Close: 600}}, nil, {{Open: 300, Close: 480}}},
		Customers: []int{1, 2, 3},
		Routes: []top.Route{{
			Start: 0, End: 0, Open: 0, Close: 480,
			Break: &top.Break{Duration: 60, Windows: []top.Window{{Open: 150, Close: 270}}},
		}},
	}
	res, err := top.Solve(context.Background(), in, top.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("visits:", res.Routes[0], "starts:", res.Starts[0])
	fmt.Println("break after visit index", res.BreakAfter[0], "at", res.BreakStart[0])
	fmt.Println("score:", res.Score, "travel:", res.Travel)
	// Output:
	// visits: [1 2 3] starts: [20 225 300]
	// break after visit index 0 at 150
	// score: 16 travel: 95
}
