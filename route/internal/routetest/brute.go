package routetest

import (
	"math"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
)

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

// earliestStart returns the earliest start of a visit to s arriving at
// arr, and false when no window can hold it.
func earliestStart(s route.Stop, arr time.Time) (time.Time, bool) {
	if len(s.Windows) == 0 {
		return arr, true
	}
	for _, w := range merged(s.Windows) {
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
