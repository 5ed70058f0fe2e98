package route

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/chuanzhu/chuanzhu/route/internal/top"
	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
)

// Solve plans p: it chooses which stops to visit on which day and in what
// order, and schedules every visit, leg and break.
//
// A plain ordering problem — one day, no stop windows, no break, no closing
// time for the day and no closed stops — visits every stop and minimises
// the travel time; it is solved exactly when it has at most 15 stops (see
// [ExactLimit]) and by chained Lin–Kernighan local search otherwise. Every
// other problem is a team orienteering problem with time windows, solved
// by iterated local search; its objective is described in the package
// documentation.
//
// Solve validates p first and returns the [Problem.Validate] error for bad
// data. When the required stops cannot all be visited it returns an
// [*InfeasibleError] naming them and no plan.
//
// Without [TimeLimit] the search stops by its own stopping rule (see the
// package documentation) or when the context ends, whichever comes first;
// a deadline on the context does not change the rule. With TimeLimit it
// spends the whole budget (unless the plan is proven optimal sooner). When
// the context or the budget ends the search, Solve still returns the best
// plan found so far, with Status DeadlineReached or Canceled, and a nil
// error; that plan is at least the fast construction, which runs whole
// whatever the budget.
func Solve(ctx context.Context, p Problem, opts ...Option) (*Plan, error) {
	began := time.Now()
	o := options{seed: 1}
	for _, opt := range opts {
		opt(&o)
	}
	if o.exactLimit > tsp.MaxExactLimit {
		return nil, fmt.Errorf("route: ExactLimit %d is above the maximum of %d", o.exactLimit, tsp.MaxExactLimit)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if o.timeLimit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, began.Add(o.timeLimit))
		defer cancel()
	}
	m, err := newModel(&p, o.denseUpTo)
	if err != nil {
		return nil, err
	}
	var plan *Plan
	if m.plainOrdering() {
		plan, err = m.solveTSP(ctx, o)
	} else {
		plan, err = m.solveTOP(ctx, o)
	}
	if err != nil {
		return nil, err
	}
	plan.Stats.Runtime = time.Since(began)
	return plan, nil
}

// leftForBetter explains ReasonBudget in plans that Solve chose.
const leftForBetter = "left out for stops that score more or fit better"

// plainOrdering reports whether every stop is visited and only the order
// matters: one day without closing time or break, no windows, no closed
// stops.
func (m *model) plainOrdering() bool {
	d := m.p.Days[0]
	if len(m.p.Days) != 1 || d.Break != nil || !d.Window.Close.IsZero() {
		return false
	}
	for i := range m.p.Stops {
		if m.p.Stops[i].Closed || len(m.p.Stops[i].Windows) > 0 {
			return false
		}
	}
	return true
}

// endStatus maps how the context ended to a Status.
func endStatus(ctx context.Context) Status {
	if errors.Is(ctx.Err(), context.Canceled) {
		return Canceled
	}
	return DeadlineReached
}

func (m *model) solveTSP(ctx context.Context, o options) (*Plan, error) {
	d := m.days[0]
	tab := m.travel.InUnits() // whole seconds on a computed table: any spread fits the engine's sums
	in := tsp.Instance{N: m.n, Table: &tab, Start: d.start, End: d.end}
	if in.End < 0 {
		in.End = -1
	}
	topt := tsp.Options{Seed: o.seed, ExactLimit: o.exactLimit}
	if o.timeLimit > 0 {
		topt.MaxStall = -1 // spend the budget
	} else if _, ok := ctx.Deadline(); ok {
		topt.MaxStall = max(1000, 10*m.n) // the engine's own rule, which it drops under a deadline
	}
	res, err := tsp.Solve(ctx, in, topt)
	if err != nil {
		return nil, fmt.Errorf("route: internal error: %w", err)
	}
	order := make([]int, 0, m.stops)
	for _, v := range res.Order {
		if v < m.stops {
			order = append(order, v)
		}
	}
	if len(order) != m.stops {
		return nil, fmt.Errorf("route: internal error: the ordering visits %d of %d stops", len(order), m.stops)
	}
	plan := &Plan{Stats: Stats{Iterations: res.Iterations}}
	dp, ok := m.schedule(0, order, -1)
	if !ok {
		return nil, fmt.Errorf("route: internal error: the ordering is infeasible")
	}
	plan.Days = []DayPlan{*dp}
	switch {
	case res.Canceled:
		plan.Status = endStatus(ctx)
	case res.Optimal:
		plan.Status = Optimal
	default:
		plan.Status = Converged
	}
	m.finish(plan, leftForBetter)
	return plan, nil
}

func (m *model) solveTOP(ctx context.Context, o options) (*Plan, error) {
	in := top.Instance{
		N:        m.n,
		Table:    &m.travel,
		Service:  m.visit,
		Score:    make([]int64, m.n),
		Windows:  make([][]top.Window, m.n),
		Required: make([]bool, m.n),
	}
	var infeasible []Skip
	for i := range m.p.Stops {
		s := &m.p.Stops[i]
		if sk := m.skip[i]; sk != nil {
			if s.Required {
				infeasible = append(infeasible, *sk)
			}
			continue
		}
		in.Customers = append(in.Customers, i)
		in.Score[i] = int64(s.Score)
		in.Windows[i] = m.wins[i]
		in.Required[i] = s.Required
	}
	for i, d := range m.days {
		if !m.emptyDayFits(i) {
			return nil, &DayError{Index: i, Field: "window", Err: ErrInfeasible,
				Reason: "the day cannot hold even the journey from its start to its end (and its break)"}
		}
		in.Routes = append(in.Routes, top.Route{Start: d.start, End: d.end, Open: d.open, Close: d.close, Break: d.brk})
	}
	if len(infeasible) > 0 {
		return nil, &InfeasibleError{Stops: infeasible}
	}
	topt := top.Options{Seed: o.seed}
	if o.timeLimit > 0 {
		topt.MaxNoImprove = math.MaxInt32 // spend the budget
	}
	res, err := top.Solve(ctx, in, topt)
	if rerr := (*top.RequiredError)(nil); errors.As(err, &rerr) {
		for _, k := range rerr.Nodes {
			infeasible = append(infeasible, Skip{Index: k, ID: m.p.Stops[k].ID, Reason: ReasonBudget,
				Detail: "does not fit into any day together with the other required stops"})
		}
		return nil, &InfeasibleError{Stops: infeasible}
	}
	if err != nil {
		return nil, fmt.Errorf("route: internal error: %w", err)
	}
	plan := &Plan{Stats: Stats{Iterations: res.Iterations}}
	for r := range m.days {
		after := -1
		if r < len(res.BreakAfter) {
			after = res.BreakAfter[r]
		}
		dp, ok := m.schedule(r, res.Routes[r], after)
		if !ok {
			return nil, fmt.Errorf("route: internal error: day %d as returned by the solver is infeasible", r)
		}
		plan.Days = append(plan.Days, *dp)
	}
	switch {
	case res.Canceled:
		plan.Status = endStatus(ctx)
	case len(in.Customers) == 0 || res.Optimal:
		plan.Status = Optimal
	default:
		plan.Status = Converged
	}
	m.finish(plan, leftForBetter)
	return plan, nil
}
