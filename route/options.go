package route

import "time"

// Option configures [Solve].
type Option func(*options)

type options struct {
	timeLimit  time.Duration
	seed       int64
	exactLimit int
	// denseUpTo is the most places of a problem by locations whose
	// travel is held in a dense table: 0 means maxDensePlaces, a negative
	// value none. Only tests set it, to run the computed table on small
	// problems.
	denseUpTo int
}

// TimeLimit gives the whole [Solve] call a budget of d, counted from its
// start: it searches until d has passed (or the plan is proven optimal),
// then returns the best plan found, with Status DeadlineReached. The fast
// construction runs whole whatever d is (see the package documentation
// for what that costs), so a very small d returns that plan, a little
// later than d. The context's deadline still applies if it comes first.
// Without TimeLimit (or with d <= 0) the search stops by its own stopping
// rule.
func TimeLimit(d time.Duration) Option {
	return func(o *options) { o.timeLimit = d }
}

// Seed sets the seed of the randomised search (default 1). The same
// problem, options and seed give the same plan unless a time limit or
// deadline cuts the search short.
func Seed(n int64) Option {
	return func(o *options) { o.seed = n }
}

// ExactLimit sets the largest number of stops for which a plain ordering
// problem (one day, no windows, no break, no time limit on the day, no
// closed stops) is solved exactly by dynamic programming; 0 keeps the
// default of 15 and the largest allowed is 20 (memory grows as 2^n·n).
// A negative value turns the exact solver off except for tiny problems.
func ExactLimit(n int) Option {
	return func(o *options) { o.exactLimit = n }
}
