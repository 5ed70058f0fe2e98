package route

import (
	"fmt"
	"strconv"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route/internal/cost"
	"github.com/chuanzhu/chuanzhu/route/internal/top"
)

// horizon bounds every engine time: times further than this from the
// first day's opening are clamped to it, and a day without a closing time
// closes at it. It equals top.MaxValue (about 834 days in nanoseconds).
const horizon = top.MaxValue

// maxDaySpread bounds how far apart the days' opening times may be.
const maxDaySpread = 366 * 24 * time.Hour

// model is a Problem converted to the engines' integer world: nodes
// 0..S-1 are the stops, the following ones the distinct start and end
// places of the days; times are int64 nanoseconds since base.
type model struct {
	p      *Problem
	stops  int
	n      int
	places []Place    // per node
	travel cost.Table // nanoseconds; travel.At(i, i) = 0
	base   time.Time  // the earliest day opening
	days   []dayModel // per day
	wins   [][]top.Window
	visit  []int64 // per node (0 for depots)
	skip   []*Skip // per stop: why it cannot be visited at all, nil if it may be
}

type dayModel struct {
	start, end  int // nodes; end -1 for an open day
	open, close int64
	brk         *top.Break
	loc         *time.Location
}

// newModel builds the model of a valid problem, with a dense travel table
// for up to denseUpTo places by locations (0: maxDensePlaces; negative:
// none, a computed table always).
func newModel(p *Problem, denseUpTo int) (*model, error) {
	m := &model{p: p, stops: len(p.Stops)}
	for i := range p.Stops {
		m.places = append(m.places, p.Stops[i].Place)
	}
	depot := map[Place]int{}
	node := func(pl Place) int {
		if k, ok := depot[pl]; ok {
			return k
		}
		depot[pl] = len(m.places)
		m.places = append(m.places, pl)
		return len(m.places) - 1
	}
	m.base = p.Days[0].Window.Open
	for _, d := range p.Days[1:] {
		if d.Window.Open.Before(m.base) {
			m.base = d.Window.Open
		}
	}
	for i, d := range p.Days {
		if spread := d.Window.Open.Sub(m.base); spread > maxDaySpread {
			return nil, &DayError{Index: i, Field: "window", Err: ErrBadWindow,
				Reason: fmt.Sprintf("opens %s after the first day; days must open within %s of each other", spread, maxDaySpread)}
		}
		dm := dayModel{start: node(d.Start), end: -1, open: m.off(d.Window.Open), close: horizon, loc: d.Window.Open.Location()}
		if d.End != nil {
			dm.end = node(*d.End)
		}
		if !d.Window.Close.IsZero() {
			dm.close = m.off(d.Window.Close)
		}
		if d.Break != nil {
			dm.brk = &top.Break{Duration: int64(d.Break.Duration)}
			if d.Break.Window != (Window{}) {
				dm.brk.Windows = []top.Window{{Open: m.off(d.Break.Window.Open), Close: m.off(d.Break.Window.Close)}}
			}
		}
		m.days = append(m.days, dm)
	}
	m.n = len(m.places)
	if denseUpTo == 0 {
		denseUpTo = maxDensePlaces
	}
	if err := m.buildTravel(denseUpTo); err != nil {
		return nil, err
	}
	m.visit = make([]int64, m.n)
	m.wins = make([][]top.Window, m.n)
	m.skip = make([]*Skip, m.stops)
	for i := range p.Stops {
		s := &p.Stops[i]
		m.visit[i] = int64(s.Visit)
		m.wins[i] = m.windows(s)
	}
	m.classify()
	return m, nil
}

// off converts t to nanoseconds since base, clamped to ±horizon.
func (m *model) off(t time.Time) int64 {
	d := int64(t.Sub(m.base)) // saturates rather than overflows
	return min(max(d, -horizon), horizon)
}

// at converts an engine time back to a time in loc.
func (m *model) at(x int64, loc *time.Location) time.Time {
	return m.base.Add(time.Duration(x)).In(loc)
}

// windows returns the stop's windows in engine time, merged where they
// touch and without those too short for the visit. An empty result for a
// stop that has windows means it can never be visited; nil without
// windows means always open.
func (m *model) windows(s *Stop) []top.Window {
	if len(s.Windows) == 0 {
		return nil
	}
	var merged []top.Window
	for _, w := range s.Windows {
		o, c := m.off(w.Open), m.off(w.Close)
		if k := len(merged) - 1; k >= 0 && o <= merged[k].Close {
			merged[k].Close = max(merged[k].Close, c)
			continue
		}
		merged = append(merged, top.Window{Open: o, Close: c})
	}
	out := make([]top.Window, 0, len(merged))
	for _, w := range merged {
		if w.Close-w.Open >= int64(s.Visit) {
			out = append(out, w)
		}
	}
	return out
}

// distance is the road distance in metres from node i to node j that a
// plan reports for the leg: the Matrix's (0 when it has no distances), or
// without a Matrix the expected distance of [LegBetween]. It is computed
// on demand, so the model holds no distance table.
func (m *model) distance(i, j int) float64 {
	a, b := m.places[i], m.places[j]
	if mx := m.p.Matrix; mx != nil {
		if i == j || mx.Distances == nil {
			return 0
		}
		return mx.Distances[a.MatrixIndex][b.MatrixIndex]
	}
	if i == j || a == b || inside(a, b) {
		return 0
	}
	exp, _, _ := straightRange(geo.Distance(a.Location, b.Location), coarseRadius(a), coarseRadius(b))
	return m.mode().RoadDistance(exp)
}

// name names node i in messages.
func (m *model) name(i int) string {
	pl := m.places[i]
	if i < m.stops {
		return fmt.Sprintf("stop %d (%s)", i, pl.ID)
	}
	if pl.ID != "" {
		return pl.ID
	}
	if m.p.Matrix != nil {
		return fmt.Sprintf("matrix index %d", pl.MatrixIndex)
	}
	return fmt.Sprintf("(%g, %g)", pl.Location[0], pl.Location[1])
}

// classify finds the stops that can never be visited: closed ones, and
// those that cannot fit even alone in an empty day under a relaxation
// (shortest-path travel, the break anywhere), so that the verdict
// "unreachable" is never wrong, whatever the matrix. A stop that fits
// with direct travel fits with the shortest paths, which are no longer:
// these are computed only when some stop does not.
func (m *model) classify() {
	from, to := map[int][]int64{}, map[int][]int64{}
	for i := range m.p.Stops {
		s := &m.p.Stops[i]
		if s.Closed {
			m.skip[i] = &Skip{Index: i, ID: s.ID, Reason: ReasonClosed, Detail: "closed for the whole trip"}
			continue
		}
		if m.wins[i] != nil && !m.fitsSomeDay(i) {
			detail := "no opening window holds the visit within any day"
			if len(m.wins[i]) == 0 {
				detail = fmt.Sprintf("no opening window is as long as the %s visit", minutes(s.Visit))
			}
			m.skip[i] = &Skip{Index: i, ID: s.ID, Reason: ReasonClosed, Detail: detail}
			continue
		}
		there := func(start int) int64 { return m.travel.At(start, i) }
		back := func(end int) int64 { return m.travel.At(i, end) }
		if m.fitsAlone(i, there, back) {
			continue
		}
		there = func(start int) int64 {
			if from[start] == nil {
				from[start] = m.shortest(start, false)
			}
			return from[start][i]
		}
		back = func(end int) int64 {
			if to[end] == nil {
				to[end] = m.shortest(end, true)
			}
			return to[end][i]
		}
		if !m.fitsAlone(i, there, back) {
			m.skip[i] = &Skip{Index: i, ID: s.ID, Reason: ReasonUnreachable,
				Detail: "cannot be reached, visited and left within any day, even alone"}
		}
	}
}

// fitsAlone reports whether stop i fits alone into some empty day, with
// the break anywhere, when there(start) is the travel time from a day's
// start to i and back(end) from i to the day's end.
func (m *model) fitsAlone(i int, there, back func(node int) int64) bool {
	for _, d := range m.days {
		arr := d.open + there(d.start)
		st := earliest(m.wins[i], m.visit[i], arr)
		if st == never {
			continue
		}
		ret := int64(0)
		if d.end >= 0 {
			ret = back(d.end)
		}
		end := st + m.visit[i] + ret
		if d.brk != nil {
			end = max(end, arr+m.visit[i]+ret+d.brk.Duration)
		}
		if end <= d.close {
			return true
		}
	}
	return false
}

// fitsSomeDay reports whether one of stop i's windows, cut to some day's
// window, can hold the visit.
func (m *model) fitsSomeDay(i int) bool {
	for _, w := range m.wins[i] {
		for _, d := range m.days {
			if min(w.Close, d.close)-max(w.Open, d.open) >= m.visit[i] {
				return true
			}
		}
	}
	return false
}

// never is the start time returned by earliest when nothing fits.
const never = horizon * 4

// earliest returns the earliest t >= a such that [t, t+s] lies inside one
// of ws, or never; with ws nil (always open) it is a.
func earliest(ws []top.Window, s, a int64) int64 {
	if ws == nil {
		return a
	}
	for _, w := range ws {
		t := max(a, w.Open)
		if t+s <= w.Close {
			return t
		}
	}
	return never
}

// mode is the travel mode of a problem without a matrix: its Mode, or
// geo.CountyDrive for the zero Mode.
func (m *model) mode() geo.Mode {
	if m.p.Mode == (geo.Mode{}) {
		return geo.CountyDrive()
	}
	return m.p.Mode
}

// minutes writes d as a reader would in a skip's detail: "90-minute",
// "0.5-minute", not Go's "1h30m0s".
func minutes(d time.Duration) string {
	return strconv.FormatFloat(d.Minutes(), 'f', -1, 64) + "-minute"
}
