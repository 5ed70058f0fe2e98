package route

import (
	"fmt"
	"time"

	"github.com/chuanzhu/chuanzhu/route/internal/top"
)

// Schedule turns a visiting order per day into a plan of p, with exactly
// the rules [Solve] schedules its own orders by: orders[d] lists the
// indices (into p.Stops) of the stops day d visits, in visiting order, and
// every visit starts as early as its arrival and windows allow; the day's
// break, if it has one, is taken after the visit (or before leaving) that
// ends the day earliest, the earliest such place on a tie, and not at all
// on a day that visits nothing; and the day
// leaves its start as late as it can without ending later, also when its
// legs to imprecise places take their pessimistic time (see "Imprecise
// places" in the package documentation). Stops in no
// order are listed in Plan.Skipped with their reason: ReasonClosed or
// ReasonUnreachable when no plan could visit them, else ReasonBudget.
//
// Schedule validates p (returning the [Problem.Validate] error) and the
// orders: it returns a [*ValidationError] listing a [*DayError] for every
// order that names a stop out of range or visited before (wrapping
// [ErrBadOrder]), a closed or unreachable stop, or that cannot be kept
// (a window missed, the day's close or the break not kept: [ErrInfeasible]),
// and a [*StopError] for every required stop in no order. len(orders) must
// equal len(p.Days).
//
// The plan's Status is Converged, its zero value: Schedule searches
// nothing, so nothing proves the orders optimal. Schedule does not modify
// p or orders.
func Schedule(p Problem, orders [][]int) (*Plan, error) {
	began := time.Now()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(orders) != len(p.Days) {
		return nil, fmt.Errorf("%w: %d orders for %d days", ErrBadOrder, len(orders), len(p.Days))
	}
	m, err := newModel(&p, 0)
	if err != nil {
		return nil, err
	}
	plan, err := m.scheduleOrders(orders)
	if err != nil {
		return nil, err
	}
	plan.Stats.Runtime = time.Since(began)
	return plan, nil
}

// scheduleOrders builds the plan of the given orders, one per day.
func (m *model) scheduleOrders(orders [][]int) (*Plan, error) {
	v := &validator{}
	m.checkOrders(v, orders)
	if err := v.result(); err != nil {
		return nil, err
	}
	plan := &Plan{}
	for r, order := range orders {
		dp, ok := m.bestSchedule(r, order)
		if !ok {
			v.dayErr(r, "order", ErrInfeasible, "%s", m.why(r, order))
			continue
		}
		plan.Days = append(plan.Days, *dp)
	}
	if err := v.result(); err != nil {
		return nil, err
	}
	m.finish(plan, "not in the visiting orders given")
	return plan, nil
}

// checkOrders reports the stops of orders that are out of range, listed
// twice or never visitable, and the required stops in no order.
func (m *model) checkOrders(v *validator, orders [][]int) {
	day := make([]int, m.stops) // day+1 of the stop's first listing
	for r, order := range orders {
		for k, i := range order {
			switch {
			case i < 0 || i >= m.stops:
				v.dayErr(r, "order", ErrBadOrder, "position %d: stop index %d is outside [0, %d)", k, i, m.stops)
			case day[i] > 0:
				v.dayErr(r, "order", ErrBadOrder, "position %d: stop %d (%s) is already visited on day %d", k, i, m.p.Stops[i].ID, day[i]-1)
			case m.skip[i] != nil:
				day[i] = r + 1
				v.dayErr(r, "order", ErrInfeasible, "position %d: stop %d (%s) cannot be visited: %s (%s)",
					k, i, m.p.Stops[i].ID, m.skip[i].Detail, m.skip[i].Reason)
			default:
				day[i] = r + 1
			}
		}
	}
	for i := range m.p.Stops {
		if s := &m.p.Stops[i]; s.Required && day[i] == 0 {
			v.stopErr(i, s, "required", ErrBadOrder, "a required stop in no day's order")
		}
	}
}

// bestSchedule is day r's plan for order with the break (if the day has
// one) where it ends the day earliest, the earliest such place on a tie:
// the rule the search engines report their breaks by.
func (m *model) bestSchedule(r int, order []int) (dp *DayPlan, ok bool) {
	after := -1
	if m.days[r].brk != nil {
		best := int64(never)
		for k := -1; k < len(order); k++ {
			if end, ok := m.end(r, order, k, m.days[r].open); ok && end < best {
				best, after = end, k
			}
		}
	}
	return m.schedule(r, order, after)
}

// feasible reports whether day r can visit order in that order, with the
// break somewhere.
func (m *model) feasible(r int, order []int) bool {
	if m.days[r].brk == nil {
		_, ok := m.end(r, order, -1, m.days[r].open)
		return ok
	}
	for k := -1; k < len(order); k++ {
		if _, ok := m.end(r, order, k, m.days[r].open); ok {
			return true
		}
	}
	return false
}

// why explains why day r cannot visit order: the first stop whose windows
// the earliest schedule misses even without the break, the day's close,
// or else the break.
func (m *model) why(r int, order []int) string {
	d := m.days[r]
	t, prev := d.open, d.start
	for k, v := range order {
		arr := t + m.travel.At(prev, v)
		st := earliest(m.wins[v], m.visit[v], arr)
		if st == never {
			return fmt.Sprintf("position %d: stop %d (%s): arriving at %s at the earliest, no window can still hold the %s visit",
				k, v, m.p.Stops[v].ID, m.clock(arr, d.loc), m.p.Stops[v].Visit)
		}
		t, prev = st+m.visit[v], v
	}
	if d.end >= 0 && !(len(order) == 0 && d.end == d.start) {
		t += m.travel.At(prev, d.end)
	}
	if t > d.close {
		return fmt.Sprintf("the day ends at %s at the earliest, after it closes at %s", m.clock(t, d.loc), m.clock(d.close, d.loc))
	}
	if d.brk == nil {
		return "infeasible" // unreachable: without a break the walk above is the schedule's
	}
	return fmt.Sprintf("no place in the order leaves room for the %s break within its window and the day", time.Duration(d.brk.Duration))
}

// clock formats an engine time for messages.
func (m *model) clock(x int64, loc *time.Location) string {
	return m.at(x, loc).Format(time.DateTime)
}

// end returns when day r ends on its earliest schedule leaving at depart,
// and whether that schedule is feasible, without building the plan.
func (m *model) end(r int, order []int, breakAfter int, depart int64) (int64, bool) {
	return m.walk(r, order, breakAfter, depart, nil)
}

// emptyDayFits reports whether day r can be travelled without visits: its
// break fits and the journey from start to end ends in time.
func (m *model) emptyDayFits(r int) bool {
	_, ok := m.end(r, nil, -1, m.days[r].open)
	return ok
}

// noBreak as a breakAfter schedules a day without its break.
const noBreak = -2

// schedule builds day r's plan for the visits in order, with the break (if
// the day has one) after visit breakAfter (-1: at the start); ok is false
// when it is infeasible. A day that visits nothing is planned without its
// break: the visitor stays where the day starts (or only travels on to its
// end), and a break window there would be a schedule of nothing. Its
// feasibility (emptyDayFits, the solver) still asks that the break could
// fit, as on any day. The plan ends as early as possible and, among
// such plans, leaves as late as possible without losing any of the
// buffer that imprecise places need: waiting that a later departure
// avoids is not planned, unless the pessimistic schedule (see worst)
// would then end later or miss more windows.
func (m *model) schedule(r int, order []int, breakAfter int) (dp *DayPlan, ok bool) {
	if len(order) == 0 {
		breakAfter = noBreak // a day that visits nothing takes no break
	}
	lo := m.days[r].open
	end, ok := m.end(r, order, breakAfter, lo)
	if !ok {
		return nil, false
	}
	dp, _ = m.scheduleFrom(r, order, breakAfter, lo)
	if dp.Wait == 0 {
		return dp, true
	}
	// The end and the pessimistic end and misses are non-decreasing in
	// the departure time and equal their values at lo on an interval
	// starting at lo: find its last point.
	worstEnd, missed := m.worst(r, order, breakAfter, lo)
	keeps := func(depart int64) bool {
		later, ok := m.end(r, order, breakAfter, depart)
		if !ok || later != end {
			return false
		}
		we, wm := m.worst(r, order, breakAfter, depart)
		return we == worstEnd && wm == missed
	}
	hi := lo + int64(dp.Wait)
	for lo < hi {
		if mid := lo + (hi-lo+1)/2; keeps(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return m.scheduleFrom(r, order, breakAfter, lo)
}

// scheduleFrom is the earliest schedule of day r leaving at depart.
func (m *model) scheduleFrom(r int, order []int, breakAfter int, depart int64) (dp *DayPlan, ok bool) {
	day := &m.p.Days[r]
	dp = &DayPlan{Day: r, Start: day.Start, End: day.End, Visits: make([]Visit, 0, len(order))}
	t, ok := m.walk(r, order, breakAfter, depart, dp)
	if !ok {
		return nil, false
	}
	dp.Open = m.at(m.days[r].open, m.days[r].loc)
	dp.Depart = m.at(depart, m.days[r].loc)
	dp.Return = m.at(t, m.days[r].loc)
	if worstEnd, _ := m.worst(r, order, breakAfter, depart); worstEnd > m.days[r].close {
		dp.Overrun = time.Duration(worstEnd - m.days[r].close)
	}
	for _, v := range dp.Visits {
		dp.Score += v.Stop.Score
		dp.Visit += v.Stop.Visit
		dp.Wait += v.Wait
	}
	if dp.Break != nil {
		dp.Wait += dp.Break.Wait
	}
	for _, l := range dp.Legs {
		dp.Travel += l.Duration
		dp.Distance += l.Distance
	}
	return dp, true
}

// walk runs day r's earliest schedule of order leaving at depart, with
// the break (if the day has one) after visit breakAfter (-1: before
// leaving; noBreak: none), and returns when the day ends and whether the schedule is
// feasible. With dp not nil it records the legs, visits and break in dp.
func (m *model) walk(r int, order []int, breakAfter int, depart int64, dp *DayPlan) (int64, bool) {
	t, missed := m.run(r, order, breakAfter, depart, dp, false)
	return t, missed == 0 && t <= m.days[r].close
}

// worst runs day r's schedule as walk does, but with every leg taking its
// pessimistic time (legRange's durMax): a visit or break whose windows
// that arrival misses starts on arrival and is counted in missed, so that
// the end says how late the day could run.
func (m *model) worst(r int, order []int, breakAfter int, depart int64) (end int64, missed int) {
	return m.run(r, order, breakAfter, depart, nil, true)
}

// run is walk, or with pessimistic set worst; missed counts the visits
// and breaks whose windows are missed (walk stops at the first).
func (m *model) run(r int, order []int, breakAfter int, depart int64, dp *DayPlan, pessimistic bool) (end int64, missed int) {
	d := m.days[r]
	t, prev := depart, d.start
	travel := func(i, j int) int64 {
		if pessimistic {
			return int64(m.legRange(i, j).durMax)
		}
		return m.travel.At(i, j)
	}
	// begin returns when an activity arriving at a starts, or false when
	// walk must stop.
	begin := func(ws []top.Window, s, a int64) (int64, bool) {
		st := earliest(ws, s, a)
		if st != never {
			return st, true
		}
		missed++
		return a, pessimistic
	}
	takeBreak := func(at int) bool {
		b, ok := begin(d.brk.Windows, d.brk.Duration, t)
		if !ok {
			return false
		}
		if dp != nil {
			dp.Break = &BreakPlan{After: at, Place: m.places[prev], Start: m.at(b, d.loc),
				End: m.at(b+d.brk.Duration, d.loc), Wait: time.Duration(b - t)}
		}
		t = b + d.brk.Duration
		return true
	}
	if d.brk != nil && breakAfter != noBreak && (breakAfter >= len(order) || breakAfter < 0 && !takeBreak(-1)) {
		return 0, missed + 1
	}
	for k, v := range order {
		arr := t + travel(prev, v)
		st, ok := begin(m.wins[v], m.visit[v], arr)
		if !ok {
			return 0, missed
		}
		t = st + m.visit[v]
		if dp != nil {
			dp.Legs = append(dp.Legs, m.leg(prev, v))
			dp.Visits = append(dp.Visits, Visit{
				Index: v, Stop: m.p.Stops[v],
				Arrival: m.at(arr, d.loc), Start: m.at(st, d.loc), Departure: m.at(t, d.loc),
				Wait: time.Duration(st - arr),
			})
		}
		prev = v
		if d.brk != nil && breakAfter == k && !takeBreak(k) {
			return 0, missed
		}
	}
	if d.end >= 0 && !(len(order) == 0 && d.end == d.start) {
		t += travel(prev, d.end)
		if dp != nil {
			dp.Legs = append(dp.Legs, m.leg(prev, d.end))
		}
	}
	return t, missed
}

// leg is the leg from node from to node to, with its range.
func (m *model) leg(from, to int) Leg {
	lr := m.legRange(from, to)
	return Leg{From: m.places[from], To: m.places[to],
		Distance: lr.dist, DistanceMin: lr.distMin, DistanceMax: lr.distMax,
		Duration: lr.dur, DurationMin: lr.durMin, DurationMax: lr.durMax}
}

// finish fills the plan's totals, mode and skipped stops; a stop that
// could be visited but is not gets ReasonBudget with the given detail.
func (m *model) finish(plan *Plan, budgetDetail string) {
	visited := make([]bool, m.stops)
	for _, dp := range plan.Days {
		plan.Score += dp.Score
		plan.Visited += len(dp.Visits)
		plan.Travel += dp.Travel
		plan.Distance += dp.Distance
		plan.Visit += dp.Visit
		plan.Wait += dp.Wait
		plan.Overrun += dp.Overrun
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
			plan.Skipped = append(plan.Skipped, Skip{Index: i, ID: m.p.Stops[i].ID, Reason: ReasonBudget, Detail: budgetDetail})
		}
	}
	if m.p.Matrix == nil {
		plan.Mode = m.mode()
	}
}
