package top

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/chuanzhu/chuanzhu/route/internal/cost"
)

// MaxValue bounds every time, duration and travel value of an [Instance]
// (in absolute value), so that sums along a route cannot overflow int64.
const MaxValue = int64(1) << 56

// Window is a time window: a whole visit [start, start+service] (or a whole
// break) must lie inside [Open, Close]. Both ends are in the caller's time unit.
type Window struct{ Open, Close int64 }

// Break is a rest taken once per route, as a wait at the current location
// between two consecutive nodes of the route (or right after leaving Start,
// or after the last visit).
type Break struct {
	Duration int64    // length of the break, >= 0
	Windows  []Window // the break [s, s+Duration] must lie inside one of them; empty = any time
}

// Route describes one vehicle, guide or day: where it starts and ends and when.
type Route struct {
	Start       int    // node the route leaves from
	End         int    // node it must end at; -1 = open (ends at its last visited node)
	Open, Close int64  // leave Start at or after Open; arrive at End (or finish the last visit, and the break, if open) by Close
	Break       *Break // optional; when set, every route schedules it exactly once
}

// Instance is a team orienteering problem with time windows on integer data.
// All times are int64 in one unit chosen by the caller and bounded by
// [MaxValue]. Solve does not modify the instance.
type Instance struct {
	N         int         // number of nodes (customers and depots)
	Travel    []int64     // N*N row-major travel times; asymmetric allowed; triangle inequality not assumed; >= 0
	Table     *cost.Table // if not nil, the travel times instead of Travel (then nil): a dense or computed table of N nodes, entries in [0, MaxValue]
	Service   []int64     // per node visit duration (>= 0); nil = all 0; ignored for a route's Start and End
	Score     []int64     // per node prize (>= 0); nil = all 0
	Windows   [][]Window  // per node; sorted, disjoint; nil/empty = always open; ignored for a route's Start and End
	Required  []bool      // per node: must be visited in some route; nil = none
	Customers []int       // the nodes that may be visited (the others are depots/places); no duplicates
	Routes    []Route     // one per day/vehicle/guide, each used at most once
}

// Options tune [Solve]. The zero value is a good default.
type Options struct {
	// Seed makes the randomised search reproducible: the same instance, seed
	// and options give the same result when the search is not cut short by ctx.
	Seed int64
	// MaxNoImprove stops the search after this many consecutive perturbations
	// that did not improve the best solution. 0 means the default rule:
	// 50 + min(n, 500) + 2000/n of them for n = len(Customers), twice as
	// many when some customer has windows, but at least as many as it
	// took to find the best solution, and not before a floor of
	// perturbations in all (see the package documentation, "Stopping");
	// for n > 500, at most min(2000, 7,500,000/n) perturbations in all.
	// Whether ctx has a deadline does not matter. The search also stops as
	// soon as its plan is proven optimal (see [Result].Optimal).
	MaxNoImprove int
	// MaxIterations caps the number of perturbations. 0 means no cap.
	MaxIterations int
}

// Result is the best plan found.
type Result struct {
	Routes     [][]int   // per route, the visited customers in order (depots not included)
	Starts     [][]int64 // per route, the service start time of each visit (earliest feasible schedule)
	BreakAfter []int     // per route: index in Routes[r] after which the break is taken (-1 = before the first visit, or when there is no break)
	BreakStart []int64   // per route: start of the break (0 when the route has no break)
	Score      int64     // total score of the visited customers
	Travel     int64     // total travel time, including the leg to End
	Iterations int       // perturbations performed
	Canceled   bool      // search stopped by ctx (deadline or cancellation) before converging
	// Optimal reports a proof that no plan is better: every customer that
	// fits into a route on its own is visited, in one route whose
	// feasibility depends on travel alone (no windows on its visits, no
	// break), in the order Held–Karp proves shortest (at most
	// tsp.DefaultExactLimit visits).
	Optimal bool
}

// ErrRequired is returned (wrapped in a [*RequiredError]) when some required
// customers cannot all be visited.
var ErrRequired = errors.New("top: required nodes cannot all be visited")

// ErrInvalid is wrapped by every error about malformed instance data.
var ErrInvalid = errors.New("top: invalid instance")

// RequiredError names the required nodes that the search could not place.
type RequiredError struct {
	Nodes []int // node indices, ascending
}

// Error implements error.
func (e *RequiredError) Error() string {
	return fmt.Sprintf("%v: nodes %v", ErrRequired, e.Nodes)
}

// Unwrap returns [ErrRequired].
func (e *RequiredError) Unwrap() error { return ErrRequired }

// Solve searches for the plan that maximises the total score, then the number
// of visited customers, then minimises the total travel time.
//
// The deadline comes from ctx: on cancellation Solve returns the best plan
// found so far with Canceled set; it returns at least the greedy
// construction (insertion by score²/shift, then 2-opt and Or-opt on each
// route), which runs whole whatever the deadline. Otherwise it stops by
// the rule of Options.MaxNoImprove, or when its plan is proven optimal.
//
// If some required customers cannot be placed, the error is a
// [*RequiredError] (wrapping [ErrRequired]) and the returned Result is the
// best plan found, which leaves those nodes out. Malformed data gives an error
// wrapping [ErrInvalid] and a zero Result; so does a route that cannot be
// driven even without visits (Start to End does not fit between Open and
// Close, or its break cannot be placed).
func Solve(ctx context.Context, in Instance, opt Options) (Result, error) {
	if err := in.validate(); err != nil {
		return Result{}, err
	}
	s := newSolver(&in, opt)
	for r, rt := range s.rts {
		if !s.feasibleEmpty(rt) {
			return Result{}, fmt.Errorf("%w: route %d: the empty route (start %d, end %d) does not fit its window or break", ErrInvalid, r, in.Routes[r].Start, in.Routes[r].End)
		}
	}
	// Required customers that fit no route even alone cannot be placed at all.
	var lost []int
	for _, c := range s.cust {
		if !s.req[c] {
			continue
		}
		ok := false
		for _, rt := range s.rts {
			if ok2, _ := s.canInsert(rt, 0, c); ok2 {
				ok = true
				break
			}
		}
		if !ok {
			lost = append(lost, c)
		}
	}
	if len(lost) > 0 {
		res := s.result()
		return res, &RequiredError{Nodes: lost}
	}
	s.run(ctx)
	res := s.result()
	if miss := s.missingRequired(); len(miss) > 0 {
		return res, &RequiredError{Nodes: miss}
	}
	return res, nil
}

func (in *Instance) validate() error {
	n := in.N
	if n <= 0 {
		return fmt.Errorf("%w: N = %d, want > 0", ErrInvalid, n)
	}
	if err := in.validateTravel(); err != nil {
		return err
	}
	if in.Service != nil && len(in.Service) != n {
		return fmt.Errorf("%w: len(Service) = %d, want N = %d", ErrInvalid, len(in.Service), n)
	}
	for i, v := range in.Service {
		if v < 0 || v > MaxValue {
			return fmt.Errorf("%w: node %d: service %d out of [0, MaxValue]", ErrInvalid, i, v)
		}
	}
	if in.Score != nil && len(in.Score) != n {
		return fmt.Errorf("%w: len(Score) = %d, want N = %d", ErrInvalid, len(in.Score), n)
	}
	for i, v := range in.Score {
		if v < 0 || v > MaxValue {
			return fmt.Errorf("%w: node %d: score %d out of [0, MaxValue]", ErrInvalid, i, v)
		}
	}
	if in.Windows != nil && len(in.Windows) != n {
		return fmt.Errorf("%w: len(Windows) = %d, want N = %d", ErrInvalid, len(in.Windows), n)
	}
	for i, ws := range in.Windows {
		if err := checkWindows(ws); err != nil {
			return fmt.Errorf("%w: node %d: %w", ErrInvalid, i, err)
		}
	}
	if in.Required != nil && len(in.Required) != n {
		return fmt.Errorf("%w: len(Required) = %d, want N = %d", ErrInvalid, len(in.Required), n)
	}
	isCust := make([]bool, n)
	for k, c := range in.Customers {
		if c < 0 || c >= n {
			return fmt.Errorf("%w: Customers[%d] = %d out of range [0, %d)", ErrInvalid, k, c, n)
		}
		if isCust[c] {
			return fmt.Errorf("%w: Customers[%d] = %d listed twice", ErrInvalid, k, c)
		}
		isCust[c] = true
	}
	for i, r := range in.Required {
		if r && !isCust[i] {
			return fmt.Errorf("%w: node %d is required but not a customer", ErrInvalid, i)
		}
	}
	if len(in.Routes) == 0 {
		return fmt.Errorf("%w: no routes", ErrInvalid)
	}
	for k, r := range in.Routes {
		if r.Start < 0 || r.Start >= n {
			return fmt.Errorf("%w: route %d: start %d out of range [0, %d)", ErrInvalid, k, r.Start, n)
		}
		if r.End < -1 || r.End >= n {
			return fmt.Errorf("%w: route %d: end %d out of range [-1, %d)", ErrInvalid, k, r.End, n)
		}
		if r.Open < -MaxValue || r.Close > MaxValue || r.Open > r.Close {
			return fmt.Errorf("%w: route %d: window [%d, %d] is empty or out of range", ErrInvalid, k, r.Open, r.Close)
		}
		if b := r.Break; b != nil {
			if b.Duration < 0 || b.Duration > MaxValue {
				return fmt.Errorf("%w: route %d: break duration %d out of [0, MaxValue]", ErrInvalid, k, b.Duration)
			}
			if err := checkWindows(b.Windows); err != nil {
				return fmt.Errorf("%w: route %d: break: %w", ErrInvalid, k, err)
			}
		}
	}
	return nil
}

// validateTravel checks Travel, or Table: its size, and a computed
// table's bound (its entries are not read: that would take O(N²) time).
func (in *Instance) validateTravel() error {
	n := in.N
	if t := in.Table; t != nil {
		switch {
		case in.Travel != nil:
			return fmt.Errorf("%w: both Travel and Table are set", ErrInvalid)
		case t.N() != n:
			return fmt.Errorf("%w: Table has %d nodes, want N = %d", ErrInvalid, t.N(), n)
		case t.Dense() == nil && t.Bound() > MaxValue:
			return fmt.Errorf("%w: Table's bound %d is above MaxValue", ErrInvalid, t.Bound())
		case t.Dense() == nil:
			return nil
		}
		return checkTravel(t.Dense(), n)
	}
	if len(in.Travel) != n*n {
		return fmt.Errorf("%w: len(Travel) = %d, want N*N = %d", ErrInvalid, len(in.Travel), n*n)
	}
	return checkTravel(in.Travel, n)
}

// checkTravel checks that every entry of an n×n table is in [0, MaxValue].
func checkTravel(travel []int64, n int) error {
	for k, t := range travel {
		if t < 0 || t > MaxValue {
			return fmt.Errorf("%w: Travel[%d→%d] = %d out of [0, MaxValue]", ErrInvalid, k/n, k%n, t)
		}
	}
	return nil
}

func checkWindows(ws []Window) error {
	for j, w := range ws {
		if w.Open < -MaxValue || w.Close > MaxValue {
			return fmt.Errorf("window %d [%d, %d] out of range", j, w.Open, w.Close)
		}
		if w.Open > w.Close {
			return fmt.Errorf("window %d closes (%d) before it opens (%d)", j, w.Close, w.Open)
		}
		if j > 0 && w.Open <= ws[j-1].Close {
			return fmt.Errorf("window %d [%d, %d] overlaps or precedes window %d [%d, %d]", j, w.Open, w.Close, j-1, ws[j-1].Open, ws[j-1].Close)
		}
	}
	return nil
}

// newSolver copies the instance into the solver's internal layout: node N is
// a virtual end node reached from everywhere at no cost (for open routes).
// Without open routes the solver reads in.Travel (or a dense Table) in
// place, so that a large instance's one dense table is not held twice; a
// computed Table is never copied.
func newSolver(in *Instance, opt Options) *solver {
	n := in.N
	n1 := n + 1
	s := &solver{
		n:     n,
		n1:    n1,
		svc:   make([]int64, n1),
		score: make([]int64, n1),
		win:   make([][]Window, n1),
		req:   make([]bool, n1),
		cust:  slices.Clone(in.Customers),
		where: make([]int32, n1),
		pos:   make([]int32, n1),
		rng:   rand.New(rand.NewPCG(uint64(opt.Seed), 0x9e3779b97f4a7c15)),
		opt:   opt,
	}
	if in.Table != nil {
		s.tab = *in.Table
	} else {
		s.tab = cost.Dense(n, in.Travel)
	}
	if slices.ContainsFunc(in.Routes, func(r Route) bool { return r.End < 0 }) {
		// Open routes end at the virtual node N, 0 away from every node.
		s.tab = s.tab.WithZeroNode()
	}
	s.tt, s.stride = s.tab.Dense(), s.tab.Stride()
	s.rows = cost.NewRows(&s.tab, rowCache)
	isCust := make([]bool, n1)
	for _, c := range s.cust {
		isCust[c] = true
		if in.Service != nil {
			s.svc[c] = in.Service[c]
		}
		if in.Windows != nil && len(in.Windows[c]) > 0 {
			s.win[c] = in.Windows[c]
		}
		if in.Required != nil {
			s.req[c] = in.Required[c]
		}
	}
	if in.Score != nil {
		for _, c := range s.cust {
			s.score[c] = in.Score[c]
		}
	}
	for i := range s.where {
		s.where[i] = -1
	}
	for _, c := range s.cust {
		if s.req[c] {
			s.nreq++
		}
	}
	s.rts = make([]*rstate, len(in.Routes))
	for k, r := range in.Routes {
		end := r.End
		if end < 0 {
			end = n
		}
		rt := &rstate{open: r.Open, close: r.Close, nodes: []int{r.Start, end}, idx: int32(k)}
		if r.Break != nil {
			rt.hasBrk = true
			rt.bdur = r.Break.Duration
			rt.bwin = r.Break.Windows
		}
		s.rts[k] = rt
		s.update(rt)
	}
	s.buildNeighbours()
	s.needs()
	return s
}
