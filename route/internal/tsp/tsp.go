package tsp

import (
	"context"
	"errors"
	"fmt"

	"github.com/chuanzhu/chuanzhu/route/internal/cost"
)

// DefaultExactLimit is the number of nodes to order up to which [Solve]
// uses the exact Held–Karp solver when [Options].ExactLimit is zero.
// At 15 nodes the dynamic programme holds 2^15·15 states (about 4 MB) and
// takes a few milliseconds.
const DefaultExactLimit = 15

// MaxExactLimit is the largest accepted [Options].ExactLimit. At 20 nodes
// Held–Karp needs about 170 MB and around a second.
const MaxExactLimit = 20

// MaxTotalCost bounds the sum of the largest cost of every row so that no
// sum of costs inside the solver can overflow int64.
const MaxTotalCost = int64(1) << 60

// ErrInstance is returned, wrapped, for an invalid [Instance] or [Options].
var ErrInstance = errors.New("tsp: invalid instance")

// Instance is a sequencing problem on N nodes with an integer cost matrix.
type Instance struct {
	// N is the number of nodes; every node is visited exactly once.
	N int
	// Cost holds N*N entries in row-major order: Cost[i*N+j] is the cost of
	// travelling from i to j, in any unit chosen by the caller. Entries must
	// be >= 0; the diagonal is ignored. The matrix may be asymmetric.
	// Solve does not modify it. It is nil when Table is set.
	Cost []int64
	// Table, if not nil, holds the costs instead of Cost: a dense table,
	// or one computed from locations for large instances, whose local
	// search then takes its candidate neighbours from a k-d tree.
	Table *cost.Table
	// Start is the first node of the route (0 <= Start < N).
	Start int
	// End is the last node: End == Start asks for a closed tour, End == -1
	// for an open path that may end anywhere, any other node for a path
	// fixed from Start to End.
	End int
}

// Options tunes [Solve]. The zero value is a good default.
type Options struct {
	// Seed makes the randomised search reproducible: the same instance,
	// options and seed give the same result (when the search is not cut short
	// by the context).
	Seed int64
	// ExactLimit is the largest number of nodes to order (N-1 for closed tours
	// and open paths, N-2 for fixed-end paths) for which the exact Held–Karp
	// solver runs. 0 means DefaultExactLimit; a negative value disables the
	// exact solver except for trivial sizes (at most 3 nodes to order); values
	// above MaxExactLimit are an error.
	ExactLimit int
	// Neighbours is the number of candidate neighbours per node considered by
	// the local search; 0 means 10.
	Neighbours int
	// MaxStall stops the search after this many consecutive perturbations
	// (kicks) that did not improve the best tour. 0 means: no limit when the
	// context has a deadline (the search runs until it), otherwise
	// max(1000, 10·N). A negative value means no limit; a context without a
	// deadline must then be cancelled by the caller.
	MaxStall int
	// MaxKicks, if positive, stops the search after this many kicks in
	// total, a budget independent of machine speed.
	MaxKicks int
	// KickWindow is the span of tour positions a local kick's four edges
	// are drawn from; 0 means DefaultKickWindow.
	KickWindow int

	// onBest, set only by the package's benchmarks, is called with every
	// new best working cost the kick chain finds.
	onBest func(best int64)
}

// Result is the outcome of [Solve].
type Result struct {
	// Order lists all N nodes exactly once; Order[0] == Start, and for a
	// fixed-end path Order[N-1] == End. A closed tour does not repeat Start
	// at the end.
	Order []int
	// Cost is the true cost of Order recomputed from the instance's matrix;
	// for a closed tour it includes the edge back to Start.
	Cost int64
	// Optimal reports whether Order is proven optimal (exact solver).
	Optimal bool
	// Iterations counts local-search rounds: one for the first descent plus
	// one per perturbation (kick). It is 0 for exact solves.
	Iterations int
	// Canceled reports whether the context ended the search (deadline or
	// cancellation) before it met its stopping rule.
	Canceled bool
}

// Solve orders the nodes of in so that the total cost is small, exactly by
// Held–Karp dynamic programming when few nodes are to be ordered (see
// [Options].ExactLimit), otherwise by chained Lin–Kernighan local search
// with Or-opt moves and double-bridge kicks. The search stops at the
// context's deadline or cancellation (returning the best order found so
// far, with Canceled set) or by the [Options].MaxStall rule.
//
// Solve returns an error wrapping [ErrInstance] for invalid input; it never
// panics on bad data.
func Solve(ctx context.Context, in Instance, opt Options) (Result, error) {
	if err := validate(in, opt); err != nil {
		return Result{}, err
	}
	n := in.N
	if n == 1 {
		return Result{Order: []int{in.Start}, Optimal: true}, nil
	}
	limit := opt.ExactLimit
	if limit == 0 {
		limit = DefaultExactLimit
	}
	toOrder := n - 1
	if in.End >= 0 && in.End != in.Start {
		toOrder = n - 2
	}
	if toOrder <= limit || toOrder <= 3 {
		order := heldKarp(in.dense())
		return Result{Order: order, Cost: PathCost(in, order), Optimal: true}, nil
	}
	return solveHeuristic(ctx, in, opt)
}

// PathCost returns the cost of order on in: the sum of its consecutive
// legs, plus the leg back to order[0] when in is a closed tour
// (in.End == in.Start). It does not check that order is a permutation.
func PathCost(in Instance, order []int) int64 {
	c := in.table()
	var sum int64
	for i := 1; i < len(order); i++ {
		sum += c.At(order[i-1], order[i])
	}
	if in.End == in.Start && len(order) > 1 {
		sum += c.At(order[len(order)-1], order[0])
	}
	return sum
}

// table returns the costs as a table: Table, or Cost.
func (in Instance) table() cost.Table {
	if in.Table != nil {
		return *in.Table
	}
	return cost.Dense(in.N, in.Cost)
}

// dense returns in with its costs in Cost, copied out of a computed
// Table: for the exact solver, on few nodes.
func (in Instance) dense() Instance {
	if in.Cost != nil {
		return in
	}
	c := in.table()
	in.Cost = make([]int64, in.N*in.N)
	for i := range in.N {
		for j := range in.N {
			in.Cost[i*in.N+j] = c.At(i, j)
		}
	}
	return in
}

func validate(in Instance, opt Options) error {
	n := in.N
	if n < 1 {
		return fmt.Errorf("%w: N = %d, need at least 1 node", ErrInstance, n)
	}
	if in.Start < 0 || in.Start >= n {
		return fmt.Errorf("%w: Start = %d out of range [0, %d)", ErrInstance, in.Start, n)
	}
	if in.End < -1 || in.End >= n {
		return fmt.Errorf("%w: End = %d out of range [-1, %d)", ErrInstance, in.End, n)
	}
	if opt.ExactLimit > MaxExactLimit {
		return fmt.Errorf("%w: ExactLimit = %d exceeds MaxExactLimit = %d", ErrInstance, opt.ExactLimit, MaxExactLimit)
	}
	if opt.KickWindow < 0 {
		return fmt.Errorf("%w: KickWindow = %d is negative", ErrInstance, opt.KickWindow)
	}
	if opt.Neighbours < 0 {
		return fmt.Errorf("%w: Neighbours = %d is negative", ErrInstance, opt.Neighbours)
	}
	return validateCost(in)
}

// validateCost checks the size of the cost table, its entries (those of
// a computed Table are bounded by its Bound instead: reading them would
// take O(N²) time) and that the sum of the rows' largest costs stays
// below 2^60.
func validateCost(in Instance) error {
	n := in.N
	c := in.Cost
	if t := in.Table; t != nil {
		switch {
		case c != nil:
			return fmt.Errorf("%w: both Cost and Table are set", ErrInstance)
		case t.N() != n:
			return fmt.Errorf("%w: Table has %d nodes, want N = %d", ErrInstance, t.N(), n)
		case t.Dense() == nil && (t.Bound() < 0 || t.Bound() > MaxTotalCost/int64(n)):
			return fmt.Errorf("%w: costs too large (Table's bound %d times %d nodes beyond 2^60)", ErrInstance, t.Bound(), n)
		case t.Dense() == nil:
			return nil
		}
		c = t.Dense()
	}
	if len(c) != n*n {
		return fmt.Errorf("%w: len(Cost) = %d, want N*N = %d", ErrInstance, len(c), n*n)
	}
	var total int64
	for i := range n {
		row := c[i*n : (i+1)*n]
		var max int64
		for j, c := range row {
			if i == j {
				continue
			}
			if c < 0 {
				return fmt.Errorf("%w: Cost[%d][%d] = %d is negative", ErrInstance, i, j, c)
			}
			if c > max {
				max = c
			}
		}
		if max > MaxTotalCost-total {
			return fmt.Errorf("%w: costs too large (row maxima sum beyond 2^60 at row %d)", ErrInstance, i)
		}
		total += max
	}
	return nil
}
