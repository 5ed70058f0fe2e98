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
	m, err := newModel(&p)
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
	if p.Matrix == nil {
		plan.Mode = m.mode()
	}
	plan.Stats.Runtime = time.Since(began)
	return plan, nil
}

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
	in := tsp.Instance{N: m.n, Cost: m.travel, Start: d.start, End: d.end}
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
	m.finish(plan)
	return plan, nil
}

func (m *model) solveTOP(ctx context.Context, o options) (*Plan, error) {
	in := top.Instance{
		N:        m.n,
		Travel:   m.travel,
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
	m.finish(plan)
	return plan, nil
}

// emptyDayFits reports whether day r can be travelled without visits: its
// break fits and the journey from start to end ends in time.
func (m *model) emptyDayFits(r int) bool {
	_, ok := m.scheduleFrom(r, nil, -1, m.days[r].open)
	return ok
}

// schedule builds day r's plan for the visits in order, with the break (if
// the day has one) after visit breakAfter (-1: at the start); ok is false
// when it is infeasible. The plan ends as early as possible and, among
// such plans, leaves as late as possible: waiting that a later departure
// avoids is not planned.
func (m *model) schedule(r int, order []int, breakAfter int) (dp *DayPlan, ok bool) {
	lo := m.days[r].open
	dp, ok = m.scheduleFrom(r, order, breakAfter, lo)
	if !ok || dp.Wait == 0 {
		return dp, ok
	}
	end := dp.Return
	// Return is non-decreasing in the departure time and equals end on an
	// interval starting at lo: find its last point.
	hi := lo + int64(dp.Wait)
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if later, ok := m.scheduleFrom(r, order, breakAfter, mid); ok && later.Return.Equal(end) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return m.scheduleFrom(r, order, breakAfter, lo)
}

// scheduleFrom is the earliest schedule of day r leaving at depart.
func (m *model) scheduleFrom(r int, order []int, breakAfter int, depart int64) (dp *DayPlan, ok bool) {
	d := m.days[r]
	day := &m.p.Days[r]
	n := m.n
	dp = &DayPlan{Day: r, Start: day.Start, End: day.End, Visits: make([]Visit, 0, len(order))}
	t := depart
	var brk *BreakPlan
	takeBreak := func(at int, place Place) bool {
		b := earliest(d.brk.Windows, d.brk.Duration, t)
		if b == never {
			return false
		}
		brk = &BreakPlan{After: at, Place: place, Start: m.at(b, d.loc), End: m.at(b+d.brk.Duration, d.loc), Wait: time.Duration(b - t)}
		t = b + d.brk.Duration
		return true
	}
	if d.brk != nil && breakAfter < 0 && !takeBreak(-1, day.Start) {
		return nil, false
	}
	prev := d.start
	for k, v := range order {
		leg := m.travel[prev*n+v]
		arr := t + leg
		st := earliest(m.wins[v], m.visit[v], arr)
		if st == never {
			return nil, false
		}
		t = st + m.visit[v]
		dp.Legs = append(dp.Legs, m.leg(prev, v))
		dp.Visits = append(dp.Visits, Visit{
			Index: v, Stop: m.p.Stops[v],
			Arrival: m.at(arr, d.loc), Start: m.at(st, d.loc), Departure: m.at(t, d.loc),
			Wait: time.Duration(st - arr),
		})
		if d.brk != nil && breakAfter == k && !takeBreak(k, m.places[v]) {
			return nil, false
		}
		prev = v
	}
	if d.brk != nil && brk == nil {
		return nil, false // breakAfter beyond the visits
	}
	if d.end >= 0 && !(len(order) == 0 && d.end == d.start) {
		t += m.travel[prev*n+d.end]
		dp.Legs = append(dp.Legs, m.leg(prev, d.end))
	}
	if t > d.close {
		return nil, false
	}
	dp.Depart = m.at(depart, d.loc)
	dp.Return = m.at(t, d.loc)
	dp.Break = brk
	for _, v := range dp.Visits {
		dp.Score += v.Stop.Score
		dp.Visit += v.Stop.Visit
		dp.Wait += v.Wait
	}
	if brk != nil {
		dp.Wait += brk.Wait
	}
	for _, l := range dp.Legs {
		dp.Travel += l.Duration
		dp.Distance += l.Distance
	}
	return dp, true
}

func (m *model) leg(from, to int) Leg {
	return Leg{From: m.places[from], To: m.places[to],
		Distance: m.dist[from*m.n+to], Duration: time.Duration(m.travel[from*m.n+to])}
}

// finish fills the plan's totals and skipped stops.
func (m *model) finish(plan *Plan) {
	visited := make([]bool, m.stops)
	for _, dp := range plan.Days {
		plan.Score += dp.Score
		plan.Visited += len(dp.Visits)
		plan.Travel += dp.Travel
		plan.Distance += dp.Distance
		plan.Visit += dp.Visit
		plan.Wait += dp.Wait
		for _, v := range dp.Visits {
			visited[v.Index] = true
		}
	}
	for i, ok := range visited {
		switch {
		case ok:
		case m.skip[i] != nil:
			plan.Skipped = append(plan.Skipped, *m.skip[i])
		default:
			plan.Skipped = append(plan.Skipped, Skip{Index: i, ID: m.p.Stops[i].ID, Reason: ReasonBudget,
				Detail: "left out for stops that score more or fit better"})
		}
	}
}
