package routetest

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
)

// Check verifies that plan is a valid answer to p and returns every
// violation found (nil if none):
//   - there is one DayPlan per day, with the day's places;
//   - each stop is visited at most once, every stop not visited is listed
//     in Skipped exactly once, required stops are visited, closed stops are
//     not, and a plain ordering problem visits every stop;
//   - the legs chain the day's places and equal the matrix (or the
//     locations and mode), with the ranges imprecise places give
//     (DurationMin <= Duration <= DurationMax, a point for precise ends);
//   - the schedule is consistent: arrival = previous departure (or break
//     end) + leg, start >= arrival, wait = start - arrival, departure =
//     start + visit, the whole visit inside one window, the break of the
//     right length inside its window, departure not before the day opens,
//     return not after it closes;
//   - Open is the day's opening, and Overrun is how far past the day's
//     close the plan ends with every leg at its DurationMax;
//   - every reported total equals the recomputed sum.
func Check(p *route.Problem, plan *route.Plan) error {
	c := &checker{p: p}
	c.check(plan)
	return errors.Join(c.errs...)
}

type checker struct {
	p    *route.Problem
	errs []error
}

func (c *checker) fail(format string, args ...any) {
	if len(c.errs) < 30 {
		c.errs = append(c.errs, fmt.Errorf(format, args...))
	}
}

// totals are the sums a day or a plan reports.
type totals struct {
	score, visited      int
	travel, visit, wait time.Duration
	distance            float64
}

func (t totals) String() string {
	return fmt.Sprintf("score %d, visited %d, travel %s, distance %g, visit %s, wait %s",
		t.score, t.visited, t.travel, t.distance, t.visit, t.wait)
}

func (t totals) equal(u totals) bool {
	return t.score == u.score && t.visited == u.visited && t.travel == u.travel && t.visit == u.visit &&
		t.wait == u.wait && near(t.distance, u.distance)
}

func dayTotals(dp *route.DayPlan) totals {
	return totals{dp.Score, len(dp.Visits), dp.Travel, dp.Visit, dp.Wait, dp.Distance}
}

func (c *checker) check(plan *route.Plan) {
	p := c.p
	if plan == nil {
		c.fail("nil plan")
		return
	}
	if len(plan.Days) != len(p.Days) {
		c.fail("%d day plans for %d days", len(plan.Days), len(p.Days))
		return
	}
	seen := make([]int, len(p.Stops)) // day+1 of the visit
	var sum totals
	for i := range plan.Days {
		dp := &plan.Days[i]
		c.day(i, dp, seen)
		d := dayTotals(dp)
		sum = totals{sum.score + d.score, sum.visited + d.visited, sum.travel + d.travel,
			sum.visit + d.visit, sum.wait + d.wait, sum.distance + d.distance}
	}
	if got := (totals{plan.Score, plan.Visited, plan.Travel, plan.Visit, plan.Wait, plan.Distance}); !got.equal(sum) {
		c.fail("plan totals (%s) differ from the days' sums (%s)", got, sum)
	}
	var overrun time.Duration
	for _, dp := range plan.Days {
		overrun += dp.Overrun
	}
	if plan.Overrun != overrun {
		c.fail("plan overrun %s differs from the days' sum %s", plan.Overrun, overrun)
	}
	c.skipped(plan, seen)
	if plainOrdering(p) && sum.visited != len(p.Stops) {
		c.fail("plain ordering problem: %d of %d stops visited", sum.visited, len(p.Stops))
	}
}

// skipped checks plan.Skipped against the visits seen.
func (c *checker) skipped(plan *route.Plan, seen []int) {
	p := c.p
	skipped := make([]bool, len(p.Stops))
	for _, s := range plan.Skipped {
		switch {
		case s.Index < 0 || s.Index >= len(p.Stops):
			c.fail("skipped stop index %d out of range", s.Index)
			continue
		case skipped[s.Index]:
			c.fail("stop %d skipped twice", s.Index)
		case seen[s.Index] > 0:
			c.fail("stop %d both visited (day %d) and skipped", s.Index, seen[s.Index]-1)
		}
		skipped[s.Index] = true
		st := p.Stops[s.Index]
		if s.ID != st.ID {
			c.fail("skipped stop %d has ID %q, want %q", s.Index, s.ID, st.ID)
		}
		if st.Closed && s.Reason != route.ReasonClosed {
			c.fail("closed stop %d skipped for reason %s", s.Index, s.Reason)
		}
		if s.Detail == "" {
			c.fail("skipped stop %d has no detail", s.Index)
		}
	}
	for i, st := range p.Stops {
		if seen[i] == 0 && !skipped[i] {
			c.fail("stop %d (%s) neither visited nor skipped", i, st.ID)
		}
		if st.Required && seen[i] == 0 {
			c.fail("required stop %d (%s) not visited", i, st.ID)
		}
		if st.Closed && seen[i] > 0 {
			c.fail("closed stop %d (%s) visited", i, st.ID)
		}
	}
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// day checks day i's plan: its places, legs, timeline and totals.
func (c *checker) day(i int, dp *route.DayPlan, seen []int) {
	places, ok := c.places(i, dp, seen)
	if !ok {
		return
	}
	want, ok := c.legs(i, dp, places)
	if !ok {
		return
	}
	brkDur := c.timeline(i, dp, places, &want)
	if got := dayTotals(dp); !got.equal(want) {
		c.fail("day %d totals (%s) differ from the recomputed (%s)", i, got, want)
	}
	if got := dp.Return.Sub(dp.Depart); got != want.travel+want.visit+want.wait+brkDur {
		c.fail("day %d: return - depart = %s, but travel + visit + wait + break = %s", i, got, want.travel+want.visit+want.wait+brkDur)
	}
}

// places checks day i's places and visits and returns the places the day
// passes through, in order; ok is false when a visit names no stop.
func (c *checker) places(i int, dp *route.DayPlan, seen []int) (places []route.Place, ok bool) {
	p := c.p
	day := p.Days[i]
	if dp.Day != i {
		c.fail("day %d: Day = %d", i, dp.Day)
	}
	if dp.Start != day.Start {
		c.fail("day %d: start %+v, want %+v", i, dp.Start, day.Start)
	}
	if (dp.End == nil) != (day.End == nil) || (dp.End != nil && *dp.End != *day.End) {
		c.fail("day %d: end %v, want %v", i, dp.End, day.End)
	}
	places = []route.Place{day.Start}
	for k, v := range dp.Visits {
		if v.Index < 0 || v.Index >= len(p.Stops) {
			c.fail("day %d visit %d: stop index %d out of range", i, k, v.Index)
			return nil, false
		}
		if seen[v.Index] > 0 {
			c.fail("day %d: stop %d (%s) visited again (first on day %d)", i, v.Index, v.Stop.ID, seen[v.Index]-1)
		}
		seen[v.Index] = i + 1
		if v.Stop.ID != p.Stops[v.Index].ID {
			c.fail("day %d visit %d: stop ID %q, want %q", i, k, v.Stop.ID, p.Stops[v.Index].ID)
		}
		places = append(places, p.Stops[v.Index].Place)
	}
	if day.End != nil && !(len(dp.Visits) == 0 && *day.End == day.Start) {
		places = append(places, *day.End)
	}
	return places, true
}

// legs checks that day i's legs chain places and equal the problem's, and
// returns their travel and distance, with the visits' count; ok is false
// when the number of legs is wrong.
func (c *checker) legs(i int, dp *route.DayPlan, places []route.Place) (sum totals, ok bool) {
	if len(dp.Legs) != len(places)-1 {
		c.fail("day %d: %d legs for %d places", i, len(dp.Legs), len(places))
		return sum, false
	}
	for k, l := range dp.Legs {
		if l.From != places[k] || l.To != places[k+1] {
			c.fail("day %d leg %d: %s -> %s, want %s -> %s", i, k, l.From.ID, l.To.ID, places[k].ID, places[k+1].ID)
		}
		c.legRange(i, k, l, LegRange(c.p, places[k], places[k+1]))
		sum.travel += l.Duration
		sum.distance += l.Distance
	}
	sum.visited = len(dp.Visits)
	return sum, true
}

// legRange checks leg k of day i against the range r the problem gives:
// the expected values and bounds, ordered, and a point where both ends
// are precise.
func (c *checker) legRange(i, k int, l route.Leg, r Range) {
	got := Range{l.Duration, l.DurationMin, l.DurationMax, l.Distance, l.DistanceMin, l.DistanceMax}
	if got.Duration != r.Duration || got.DurationMin != r.DurationMin || got.DurationMax != r.DurationMax ||
		!near(got.Distance, r.Distance) || !near(got.DistanceMin, r.DistanceMin) || !near(got.DistanceMax, r.DistanceMax) {
		c.fail("day %d leg %d (%s -> %s): %+v; the problem says %+v", i, k, l.From.ID, l.To.ID, got, r)
	}
	if !(l.DurationMin <= l.Duration && l.Duration <= l.DurationMax && l.DistanceMin <= l.Distance && l.Distance <= l.DistanceMax) {
		c.fail("day %d leg %d (%s -> %s): range not ordered: %+v", i, k, l.From.ID, l.To.ID, got)
	}
	precise := !l.From.Coarse() && !l.To.Coarse()
	if precise && (l.DurationMin != l.DurationMax || l.DistanceMin != l.DistanceMax) {
		c.fail("day %d leg %d (%s -> %s): precise ends but a range: %+v", i, k, l.From.ID, l.To.ID, got)
	}
	// Only a place seen through the other (Place.Via) may be 0 apart.
	seenThrough := l.From.Via != "" && l.From.Via == l.To.ID || l.To.Via != "" && l.To.Via == l.From.ID
	if c.p.Matrix == nil && l.From != l.To && l.From.Coarse() && l.To.Coarse() && !seenThrough &&
		l.From.Location == l.To.Location && l.Duration <= 0 {
		c.fail("day %d leg %d (%s -> %s): two coarse places at one point, %s apart", i, k, l.From.ID, l.To.ID, l.Duration)
	}
}

// timeline walks day i's schedule, checks every time in it, adds the
// score, visit and wait times to sum and returns the break's duration.
func (c *checker) timeline(i int, dp *route.DayPlan, places []route.Place, sum *totals) (brkDur time.Duration) {
	day := c.p.Days[i]
	if dp.Depart.Before(day.Window.Open) {
		c.fail("day %d: departs %s before the day opens at %s", i, dp.Depart, day.Window.Open)
	}
	brk := c.dayBreak(i, dp)
	t := dp.Depart
	if brk != nil && brk.After == -1 {
		t = c.takeBreak(i, brk, t, places[0])
	}
	for k, v := range dp.Visits {
		t = c.visit(i, k, v, t.Add(dp.Legs[k].Duration))
		st := c.p.Stops[v.Index]
		sum.score += st.Score
		sum.visit += st.Visit
		sum.wait += v.Wait
		if brk != nil && brk.After == k {
			t = c.takeBreak(i, brk, t, places[k+1])
		}
	}
	if brk != nil {
		sum.wait += brk.Wait
		brkDur = brk.End.Sub(brk.Start)
	}
	if len(dp.Legs) > len(dp.Visits) {
		t = t.Add(dp.Legs[len(dp.Legs)-1].Duration)
	}
	if !dp.Return.Equal(t) {
		c.fail("day %d: returns %s, want %s", i, dp.Return, t)
	}
	if !day.Window.Close.IsZero() && dp.Return.After(day.Window.Close) {
		c.fail("day %d: returns %s, after the day closes at %s", i, dp.Return, day.Window.Close)
	}
	if !dp.Open.Equal(day.Window.Open) {
		c.fail("day %d: Open %s, want the day's %s", i, dp.Open, day.Window.Open)
	}
	c.overrun(i, dp, brk)
	return brkDur
}

// overrun checks day i's Overrun by walking its plan (whose break, if
// checked, is brk) with every leg at
// its pessimistic duration: each visit (and the break) starts at its
// arrival or at the opening it waited for, whichever is later, or on
// arrival when no window can hold it any more.
func (c *checker) overrun(i int, dp *route.DayPlan, brk *route.BreakPlan) {
	day := c.p.Days[i]
	t := dp.Depart
	rest := func() {
		if b := c.p.Days[i].Break; b != nil {
			w := route.Stop{Visit: b.Duration}
			if b.Window != (route.Window{}) {
				w.Windows = []route.Window{b.Window}
			}
			if st, ok := earliestStart(w, t); ok {
				t = st
			}
			t = t.Add(b.Duration)
		}
	}
	if brk != nil && brk.After == -1 {
		rest()
	}
	for k, v := range dp.Visits {
		t = t.Add(dp.Legs[k].DurationMax)
		if st, ok := earliestStart(c.p.Stops[v.Index], t); ok {
			t = st
		}
		t = t.Add(c.p.Stops[v.Index].Visit)
		if brk != nil && brk.After == k {
			rest()
		}
	}
	if len(dp.Legs) > len(dp.Visits) {
		t = t.Add(dp.Legs[len(dp.Legs)-1].DurationMax)
	}
	var want time.Duration
	if !day.Window.Close.IsZero() && t.After(day.Window.Close) {
		want = t.Sub(day.Window.Close)
	}
	if dp.Overrun != want {
		c.fail("day %d: overrun %s, want %s (pessimistic end %s)", i, dp.Overrun, want, t)
	}
}

// dayBreak returns day i's break if the plan has one where it should: on
// a day with a break that visits something.
func (c *checker) dayBreak(i int, dp *route.DayPlan) *route.BreakPlan {
	brk := dp.Break
	want := c.p.Days[i].Break != nil && len(dp.Visits) > 0 // a day that visits nothing takes no break
	if (brk != nil) != want {
		c.fail("day %d: break %v, want one: %v", i, brk != nil, want)
		return nil
	}
	if brk != nil && (brk.After < -1 || brk.After >= len(dp.Visits)) {
		c.fail("day %d: break after visit %d of %d", i, brk.After, len(dp.Visits))
		return nil
	}
	return brk
}

// visit checks visit k of day i arriving at arr and returns its departure.
func (c *checker) visit(i, k int, v route.Visit, arr time.Time) time.Time {
	st := c.p.Stops[v.Index]
	if !v.Arrival.Equal(arr) {
		c.fail("day %d visit %d (%s): arrives %s, want %s", i, k, st.ID, v.Arrival, arr)
	}
	if v.Start.Before(v.Arrival) || v.Wait != v.Start.Sub(v.Arrival) {
		c.fail("day %d visit %d (%s): arrival %s, start %s, wait %s", i, k, st.ID, v.Arrival, v.Start, v.Wait)
	}
	if !v.Departure.Equal(v.Start.Add(st.Visit)) {
		c.fail("day %d visit %d (%s): departure %s, want start + %s", i, k, st.ID, v.Departure, st.Visit)
	}
	if !fits(st.Windows, v.Start, st.Visit) {
		c.fail("day %d visit %d (%s): %s–%s is outside its windows", i, k, st.ID, v.Start, v.Departure)
	}
	return v.Departure
}

// takeBreak checks day i's break taken at place from time t on and
// returns its end.
func (c *checker) takeBreak(i int, brk *route.BreakPlan, t time.Time, place route.Place) time.Time {
	want := c.p.Days[i].Break
	if brk.Start.Before(t) {
		c.fail("day %d: break starts at %s, before %s", i, brk.Start, t)
	}
	if brk.Wait != brk.Start.Sub(t) {
		c.fail("day %d: break wait %s, want %s", i, brk.Wait, brk.Start.Sub(t))
	}
	if brk.End.Sub(brk.Start) != want.Duration {
		c.fail("day %d: break lasts %s, want %s", i, brk.End.Sub(brk.Start), want.Duration)
	}
	if want.Window != (route.Window{}) && !want.Window.Contains(brk.Start, want.Duration) {
		c.fail("day %d: break %s–%s outside its window %s–%s", i, brk.Start, brk.End, want.Window.Open, want.Window.Close)
	}
	if brk.Place != place {
		c.fail("day %d: break at %s, want %s", i, brk.Place.ID, place.ID)
	}
	return brk.End
}

// plainOrdering reports whether every stop of p must be visited (one day,
// no windows, break, closing time or closed stops).
func plainOrdering(p *route.Problem) bool {
	if len(p.Days) != 1 || p.Days[0].Break != nil || !p.Days[0].Window.Close.IsZero() {
		return false
	}
	for _, s := range p.Stops {
		if s.Closed || len(s.Windows) > 0 {
			return false
		}
	}
	return true
}

// fits reports whether [start, start+d] lies inside one of ws, merging
// windows that touch; empty ws means always open.
func fits(ws []route.Window, start time.Time, d time.Duration) bool {
	if len(ws) == 0 {
		return true
	}
	for _, w := range merged(ws) {
		if w.Contains(start, d) {
			return true
		}
	}
	return false
}

// merged returns sorted windows ws with those that touch or overlap
// merged into one.
func merged(ws []route.Window) []route.Window {
	var out []route.Window
	for _, w := range ws {
		if k := len(out) - 1; k >= 0 && !w.Open.After(out[k].Close) {
			if w.Close.After(out[k].Close) {
				out[k].Close = w.Close
			}
			continue
		}
		out = append(out, w)
	}
	return out
}
