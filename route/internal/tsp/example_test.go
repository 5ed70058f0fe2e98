package tsp_test

import (
	"context"
	"fmt"

	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
)

func ExampleSolve() {
	// Four places on a line at 0, 1, 2 and 3 km; costs in metres. An open
	// path from place 2 that may end anywhere.
	xs := []int64{0, 1000, 2000, 3000}
	n := len(xs)
	cost := make([]int64, n*n)
	for i := range n {
		for j := range n {
			cost[i*n+j] = max(xs[i]-xs[j], xs[j]-xs[i])
		}
	}
	res, err := tsp.Solve(context.Background(), tsp.Instance{N: n, Cost: cost, Start: 2, End: -1}, tsp.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Order, res.Cost, res.Optimal)
	// Output: [2 3 1 0] 4000 true
}
