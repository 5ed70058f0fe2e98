// Package routetest holds the fixtures and the invariant checker shared by
// the tests of package route and its solvers, in the manner of gonum's
// internal/testgraphs: every plan any test produces goes through [Check].
//
// It recomputes everything from the [route.Problem] on its own — legs from
// the matrix or from the locations and mode, schedules from the visit
// times — and never calls into route's solver code, so a bug there cannot
// hide itself.
package routetest

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// End says how a fixture's days end.
type End int

const (
	Loop  End = iota // back at the start place
	Open             // at the last visit
	Fixed            // at a different place
)

func (e End) String() string {
	return [...]string{"loop", "open", "fixed"}[e]
}

// Config describes a random fixture.
type Config struct {
	Stops int
	Days  int // 0 means 1
	End   End
	// Asymmetric takes travel from a random asymmetric matrix (which need
	// not satisfy the triangle inequality) instead of from locations.
	Asymmetric bool
	// Windows gives about two thirds of the stops one or two opening
	// windows.
	Windows bool
	// Budget is each day's length; 0 leaves days without a closing time.
	Budget time.Duration
	// Break adds a break of 45 minutes within a two-hour window around
	// midday to every day.
	Break bool
	// Scores gives stops random scores 1–10 (otherwise all 1).
	Scores bool
	// Visit is the largest visit duration (visits are uniform in
	// [0, Visit] in whole minutes); 0 means no visit time.
	Visit time.Duration
}

// Day0 is the first day's opening time of every fixture: 08:00 China
// Standard Time on Monday 3 May 2027.
func Day0() time.Time {
	return time.Date(2027, 5, 3, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// Random returns a random problem for c, the same for the same seed.
// Locations lie within about 20 km of Jiang County's seat; matrix
// durations are whole seconds.
func Random(seed int64, c Config) route.Problem {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	days := max(c.Days, 1)
	nPlaces := c.Stops + 2 // stops, then the start and the fixed end
	var p route.Problem
	if c.Asymmetric {
		m := &geo.Matrix{Durations: make([][]time.Duration, nPlaces), Distances: make([][]float64, nPlaces)}
		for i := range nPlaces {
			m.Durations[i] = make([]time.Duration, nPlaces)
			m.Distances[i] = make([]float64, nPlaces)
			for j := range nPlaces {
				if i != j {
					s := 60 + rng.IntN(3600)
					m.Durations[i][j] = time.Duration(s) * time.Second
					m.Distances[i][j] = float64(s) * (8 + 4*rng.Float64())
				}
			}
		}
		p.Matrix = m
	} else {
		p.Mode = geo.CountyDrive()
	}
	place := func(i int, id string) route.Place {
		pl := route.Place{ID: id, Name: "place " + id, MatrixIndex: i}
		if !c.Asymmetric || rng.IntN(2) == 0 {
			pl.Location = orb.Point{111.3 + 0.4*rng.Float64(), 35.3 + 0.35*rng.Float64()}
		}
		return pl
	}
	for i := range c.Stops {
		s := route.Stop{Place: place(i, fmt.Sprintf("s%02d", i)), Score: 1}
		if c.Scores {
			s.Score = 1 + rng.IntN(10)
		}
		if c.Visit > 0 {
			s.Visit = time.Duration(rng.IntN(int(c.Visit/time.Minute)+1)) * time.Minute
		}
		if c.Windows && rng.IntN(3) > 0 {
			for d := range days {
				base := Day0().AddDate(0, 0, d)
				o := base.Add(time.Duration(rng.IntN(8*60)) * time.Minute)
				w := route.Window{Open: o, Close: o.Add(s.Visit + time.Duration(30+rng.IntN(240))*time.Minute)}
				s.Windows = append(s.Windows, w)
				if rng.IntN(3) == 0 {
					o2 := w.Close.Add(time.Duration(rng.IntN(120)) * time.Minute)
					s.Windows = append(s.Windows, route.Window{Open: o2, Close: o2.Add(s.Visit + time.Duration(rng.IntN(180))*time.Minute)})
				}
			}
		}
		p.Stops = append(p.Stops, s)
	}
	start := place(c.Stops, "start")
	end := place(c.Stops+1, "end")
	for d := range days {
		day := route.Day{Start: start, Window: route.Window{Open: Day0().AddDate(0, 0, d)}}
		switch c.End {
		case Loop:
			day.End = &day.Start
		case Fixed:
			e := end
			day.End = &e
		}
		if c.Budget > 0 {
			day.Window.Close = day.Window.Open.Add(c.Budget)
		}
		if c.Break {
			noon := day.Window.Open.Add(3*time.Hour + 30*time.Minute)
			day.Break = &route.Break{Duration: 45 * time.Minute, Window: route.Window{Open: noon, Close: noon.Add(2 * time.Hour)}}
		}
		p.Days = append(p.Days, day)
	}
	return p
}

// Leg returns the travel duration and distance from a to b as p defines
// them: from p.Matrix by MatrixIndex, or from the locations and p.Mode
// (zero Mode: geo.CountyDrive).
func Leg(p *route.Problem, a, b route.Place) (time.Duration, float64) {
	if p.Matrix != nil {
		var dist float64
		if p.Matrix.Distances != nil {
			dist = p.Matrix.Distances[a.MatrixIndex][b.MatrixIndex]
		}
		return p.Matrix.Durations[a.MatrixIndex][b.MatrixIndex], dist
	}
	mode := p.Mode
	if mode == (geo.Mode{}) {
		mode = geo.CountyDrive()
	}
	if a.Location == b.Location {
		return 0, 0
	}
	m, err := geo.NewMatrix([]orb.Point{a.Location, b.Location}, mode)
	if err != nil {
		panic(err) // fixtures and validated problems have valid locations
	}
	return m.Durations[0][1], m.Distances[0][1]
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
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		for i+1 < len(ws) && !ws[i+1].Open.After(w.Close) {
			i++
			if ws[i].Close.After(w.Close) {
				w.Close = ws[i].Close
			}
		}
		if w.Contains(start, d) {
			return true
		}
	}
	return false
}

// Check verifies that plan is a valid answer to p and returns every
// violation found (nil if none):
//   - there is one DayPlan per day, with the day's places;
//   - each stop is visited at most once, every stop not visited is listed
//     in Skipped exactly once, required stops are visited, closed stops are
//     not, and a plain ordering problem visits every stop;
//   - the legs chain the day's places and equal the matrix (or the
//     locations and mode);
//   - the schedule is consistent: arrival = previous departure (or break
//     end) + leg, start >= arrival, wait = start - arrival, departure =
//     start + visit, the whole visit inside one window, the break of the
//     right length inside its window, departure not before the day opens,
//     return not after it closes;
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
	var score, visited int
	var travel, visit, wait time.Duration
	var distance float64
	for i := range plan.Days {
		dp := &plan.Days[i]
		c.day(i, dp, seen)
		score += dp.Score
		visited += len(dp.Visits)
		travel += dp.Travel
		distance += dp.Distance
		visit += dp.Visit
		wait += dp.Wait
	}
	if plan.Score != score || plan.Visited != visited || plan.Travel != travel || plan.Visit != visit || plan.Wait != wait || !near(plan.Distance, distance) {
		c.fail("plan totals (score %d, visited %d, travel %s, distance %g, visit %s, wait %s) differ from the days' sums (%d, %d, %s, %g, %s, %s)",
			plan.Score, plan.Visited, plan.Travel, plan.Distance, plan.Visit, plan.Wait, score, visited, travel, distance, visit, wait)
	}
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
	if plainOrdering(p) && visited != len(p.Stops) {
		c.fail("plain ordering problem: %d of %d stops visited", visited, len(p.Stops))
	}
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func (c *checker) day(i int, dp *route.DayPlan, seen []int) {
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
	// The places the day passes through, in order.
	places := []route.Place{day.Start}
	for k, v := range dp.Visits {
		if v.Index < 0 || v.Index >= len(p.Stops) {
			c.fail("day %d visit %d: stop index %d out of range", i, k, v.Index)
			return
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
	if len(dp.Legs) != len(places)-1 {
		c.fail("day %d: %d legs for %d places", i, len(dp.Legs), len(places))
		return
	}
	var travel time.Duration
	var distance float64
	for k, l := range dp.Legs {
		if l.From != places[k] || l.To != places[k+1] {
			c.fail("day %d leg %d: %s -> %s, want %s -> %s", i, k, l.From.ID, l.To.ID, places[k].ID, places[k+1].ID)
		}
		dur, dist := Leg(p, places[k], places[k+1])
		if l.Duration != dur || !near(l.Distance, dist) {
			c.fail("day %d leg %d (%s -> %s): %s, %g m; the problem says %s, %g m", i, k, l.From.ID, l.To.ID, l.Duration, l.Distance, dur, dist)
		}
		travel += l.Duration
		distance += l.Distance
	}

	// Walk the timeline.
	if dp.Depart.Before(day.Window.Open) {
		c.fail("day %d: departs %s before the day opens at %s", i, dp.Depart, day.Window.Open)
	}
	brk := dp.Break
	if (brk == nil) != (day.Break == nil) {
		c.fail("day %d: break %v, want one: %v", i, brk != nil, day.Break != nil)
		brk = nil
	}
	t := dp.Depart
	takeBreak := func(at int) {
		if brk.Start.Before(t) {
			c.fail("day %d: break starts at %s, before %s", i, brk.Start, t)
		}
		if brk.Wait != brk.Start.Sub(t) {
			c.fail("day %d: break wait %s, want %s", i, brk.Wait, brk.Start.Sub(t))
		}
		if brk.End.Sub(brk.Start) != day.Break.Duration {
			c.fail("day %d: break lasts %s, want %s", i, brk.End.Sub(brk.Start), day.Break.Duration)
		}
		if day.Break.Window != (route.Window{}) && !day.Break.Window.Contains(brk.Start, day.Break.Duration) {
			c.fail("day %d: break %s–%s outside its window %s–%s", i, brk.Start, brk.End, day.Break.Window.Open, day.Break.Window.Close)
		}
		if brk.Place != places[at+1] {
			c.fail("day %d: break at %s, want %s", i, brk.Place.ID, places[at+1].ID)
		}
		t = brk.End
	}
	if brk != nil && (brk.After < -1 || brk.After >= len(dp.Visits)) {
		c.fail("day %d: break after visit %d of %d", i, brk.After, len(dp.Visits))
		brk = nil
	}
	if brk != nil && brk.After == -1 {
		takeBreak(-1)
	}
	var score int
	var visit, wait time.Duration
	for k, v := range dp.Visits {
		st := p.Stops[v.Index]
		arr := t.Add(dp.Legs[k].Duration)
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
		t = v.Departure
		score += st.Score
		visit += st.Visit
		wait += v.Wait
		if brk != nil && brk.After == k {
			takeBreak(k)
		}
	}
	if brk != nil {
		wait += brk.Wait
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
	if dp.Score != score || dp.Travel != travel || dp.Visit != visit || dp.Wait != wait || !near(dp.Distance, distance) {
		c.fail("day %d totals (score %d, travel %s, distance %g, visit %s, wait %s) differ from the recomputed (%d, %s, %g, %s, %s)",
			i, dp.Score, dp.Travel, dp.Distance, dp.Visit, dp.Wait, score, travel, distance, visit, wait)
	}
	var brkDur time.Duration
	if brk != nil {
		brkDur = brk.End.Sub(brk.Start)
	}
	if got := dp.Return.Sub(dp.Depart); got != travel+visit+wait+brkDur {
		c.fail("day %d: return - depart = %s, but travel + visit + wait + break = %s", i, got, travel+visit+wait+brkDur)
	}
}

// Travel returns the travel time of visiting p's stops in order on day d
// (legs from the start, between the stops, and to the end).
func Travel(p *route.Problem, d int, order []int) time.Duration {
	day := p.Days[d]
	prev := day.Start
	var sum time.Duration
	for _, i := range order {
		dur, _ := Leg(p, prev, p.Stops[i].Place)
		sum += dur
		prev = p.Stops[i].Place
	}
	if day.End != nil && !(len(order) == 0 && *day.End == day.Start) {
		dur, _ := Leg(p, prev, *day.End)
		sum += dur
	}
	return sum
}

// BruteForce returns the least travel time of visiting every stop of a
// one-day problem in some order, trying all orders; for small problems
// only (at most 9 stops).
func BruteForce(p *route.Problem) time.Duration {
	n := len(p.Stops)
	if n > 9 {
		panic("routetest: BruteForce on more than 9 stops")
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	tab := newTable(p)
	best := time.Duration(math.MaxInt64)
	var permute func(k int)
	permute = func(k int) {
		if k == n {
			best = min(best, tab.travel(order))
			return
		}
		for i := k; i < n; i++ {
			order[k], order[i] = order[i], order[k]
			permute(k + 1)
			order[k], order[i] = order[i], order[k]
		}
	}
	permute(0)
	return best
}

// Value is a plan's objective as a triple compared lexicographically:
// more Score, then more Visited, then less Travel.
type Value struct {
	Score, Visited int
	Travel         time.Duration
}

// Better reports whether v is strictly better than w.
func (v Value) Better(w Value) bool {
	if v.Score != w.Score {
		return v.Score > w.Score
	}
	if v.Visited != w.Visited {
		return v.Visited > w.Visited
	}
	return v.Travel < w.Travel
}

// ValueOf returns plan's objective value.
func ValueOf(plan *route.Plan) Value {
	return Value{Score: plan.Score, Visited: plan.Visited, Travel: plan.Travel}
}

// BestOneDay returns the optimal objective value of a one-day problem by
// enumerating every sequence of stops and every break position on the
// earliest schedule; for tiny problems only (at most 7 stops). It ignores
// Required and treats Closed stops as absent.
func BestOneDay(p *route.Problem) Value {
	n := len(p.Stops)
	if n > 7 || len(p.Days) != 1 {
		panic("routetest: BestOneDay needs one day and at most 7 stops")
	}
	tab := newTable(p)
	best := Value{Travel: math.MaxInt64}
	var seq []int
	used := make([]bool, n)
	var walk func()
	walk = func() {
		for after := -1; after < len(seq); after++ {
			if v, ok := tab.feasible(seq, after); ok && v.Better(best) {
				best = v
			}
			if p.Days[0].Break == nil {
				break
			}
		}
		for i := range n {
			if used[i] || p.Stops[i].Closed {
				continue
			}
			used[i] = true
			seq = append(seq, i)
			walk()
			seq = seq[:len(seq)-1]
			used[i] = false
		}
	}
	walk()
	return best
}

// feasible runs the earliest schedule of seq on day 0 with the break after
// seq[after] (-1: at the start).
func (tab *table) feasible(seq []int, after int) (Value, bool) {
	p := tab.p
	day := p.Days[0]
	t := day.Window.Open
	takeBreak := func() bool {
		b := day.Break
		s := t
		if b.Window != (route.Window{}) && s.Before(b.Window.Open) {
			s = b.Window.Open
		}
		if b.Window != (route.Window{}) && s.Add(b.Duration).After(b.Window.Close) {
			return false
		}
		t = s.Add(b.Duration)
		return true
	}
	if day.Break != nil && after == -1 && !takeBreak() {
		return Value{}, false
	}
	prev := tab.start
	v := Value{Visited: len(seq)}
	for k, i := range seq {
		st := p.Stops[i]
		dur := tab.dur[prev][i]
		v.Travel += dur
		t = t.Add(dur)
		start, ok := earliestStart(st, t)
		if !ok {
			return Value{}, false
		}
		t = start.Add(st.Visit)
		v.Score += st.Score
		prev = i
		if day.Break != nil && after == k && !takeBreak() {
			return Value{}, false
		}
	}
	if day.End != nil && !(len(seq) == 0 && *day.End == day.Start) {
		dur := tab.dur[prev][tab.end]
		v.Travel += dur
		t = t.Add(dur)
	}
	if !day.Window.Close.IsZero() && t.After(day.Window.Close) {
		return Value{}, false
	}
	return v, true
}

// table holds the legs between the stops (0..n-1), the first day's start
// (n) and end (n+1) of a small problem.
type table struct {
	p          *route.Problem
	start, end int
	dur        [][]time.Duration
}

func newTable(p *route.Problem) *table {
	n := len(p.Stops)
	places := make([]route.Place, 0, n+2)
	for _, s := range p.Stops {
		places = append(places, s.Place)
	}
	places = append(places, p.Days[0].Start)
	if p.Days[0].End != nil {
		places = append(places, *p.Days[0].End)
	} else {
		places = append(places, p.Days[0].Start)
	}
	tab := &table{p: p, start: n, end: n + 1, dur: make([][]time.Duration, len(places))}
	for i, a := range places {
		tab.dur[i] = make([]time.Duration, len(places))
		for j, b := range places {
			tab.dur[i][j], _ = Leg(p, a, b)
		}
	}
	return tab
}

// travel is Travel on day 0 for a non-empty order.
func (tab *table) travel(order []int) time.Duration {
	prev := tab.start
	var sum time.Duration
	for _, i := range order {
		sum += tab.dur[prev][i]
		prev = i
	}
	if tab.p.Days[0].End != nil {
		sum += tab.dur[prev][tab.end]
	}
	return sum
}

func earliestStart(s route.Stop, arr time.Time) (time.Time, bool) {
	if len(s.Windows) == 0 {
		return arr, true
	}
	ws := slices.Clone(s.Windows)
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		for i+1 < len(ws) && !ws[i+1].Open.After(w.Close) {
			i++
			if ws[i].Close.After(w.Close) {
				w.Close = ws[i].Close
			}
		}
		t := arr
		if t.Before(w.Open) {
			t = w.Open
		}
		if w.Contains(t, s.Visit) {
			return t, true
		}
	}
	return time.Time{}, false
}
