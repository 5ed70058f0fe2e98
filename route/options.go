package route

import "time"

// Option configures [Solve].
type Option func(*options)

type options struct {
	timeLimit  time.Duration
	seed       int64
	exactLimit int
}

// TimeLimit bounds the search to d (d <= 0 means no limit beyond the
// context's deadline). The earlier of d and the context's deadline wins;
// either way Solve returns the best plan found by then, with Status
// DeadlineReached.
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
