package route

import (
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
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
	travel []int64    // n*n, nanoseconds; travel[i*n+i] = 0
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

// newModel builds the model of a valid problem.
func newModel(p *Problem) (*model, error) {
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
	if err := m.buildTravel(); err != nil {
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

// buildTravel fills travel from the matrix or from the places' locations
// and the mode, with expected values for coarse places. It holds the one
// dense table of the model, 8·n² bytes for n places: distances are not
// tabled but computed when a plan reports them (see distance).
func (m *model) buildTravel() error {
	n := m.n
	m.travel = make([]int64, n*n)
	if mx := m.p.Matrix; mx != nil {
		for i := range n {
			row := mx.Durations[m.places[i].MatrixIndex]
			for j := range n {
				if i != j {
					m.travel[i*n+j] = int64(row[m.places[j].MatrixIndex])
				}
			}
		}
		return nil
	}
	mode := m.mode()
	locs := make([]orb.Point, n)
	for i, pl := range m.places {
		locs[i] = pl.Location
	}
	pts := geo.NewPoints(locs)
	forEachRow(n, func(i int) {
		for j := i + 1; j < n; j++ {
			d := int64(roadTime(mode, pts.Distance(i, j)))
			m.travel[i*n+j], m.travel[j*n+i] = d, d
		}
	})
	for k, d := range m.travel {
		if d > int64(MaxDuration) {
			i, j := k/n, k%n
			long := "too long" // for time.Duration
			if full, err := mode.Duration(geo.Distance(m.places[i].Location, m.places[j].Location)); err == nil {
				long = full.String()
			}
			return &matrixError{
				msg: fmt.Sprintf("leg %s -> %s: %s by %s is longer than %s: unreachable",
					m.name(i), m.name(j), long, mode.Name, MaxDuration),
				errs: []error{ErrUnreachable},
			}
		}
	}
	return m.coarsen()
}

// forEachRow calls f(i) for i in [0, n) on GOMAXPROCS goroutines, handing
// rows out in blocks, and returns when all calls have returned.
func forEachRow(n int, f func(i int)) {
	const block = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), n/block)) {
		wg.Go(func() {
			for {
				lo := int(next.Add(block)) - block
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+block, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
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
// "unreachable" is never wrong, whatever the matrix.
func (m *model) classify() {
	from := map[int][]int64{}
	to := map[int][]int64{}
	for _, d := range m.days {
		if from[d.start] == nil {
			from[d.start] = m.shortest(d.start, false)
		}
		if d.end >= 0 && to[d.end] == nil {
			to[d.end] = m.shortest(d.end, true)
		}
	}
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
		reachable := false
		for _, d := range m.days {
			arr := d.open + from[d.start][i]
			st := earliest(m.wins[i], m.visit[i], arr)
			if st == never {
				continue
			}
			back := int64(0)
			if d.end >= 0 {
				back = to[d.end][i]
			}
			end := st + m.visit[i] + back
			if d.brk != nil {
				end = max(end, arr+m.visit[i]+back+d.brk.Duration)
			}
			if end <= d.close {
				reachable = true
				break
			}
		}
		if !reachable {
			m.skip[i] = &Skip{Index: i, ID: s.ID, Reason: ReasonUnreachable,
				Detail: "cannot be reached, visited and left within any day, even alone"}
		}
	}
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

// shortest returns the shortest travel times from src to every node, or
// with reverse from every node to src (dense Dijkstra, O(n²)).
func (m *model) shortest(src int, reverse bool) []int64 {
	n := m.n
	const inf = int64(1) << 62
	dist := make([]int64, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i] = inf
	}
	dist[src] = 0
	for range n {
		u := -1
		for v := range n {
			if !done[v] && (u < 0 || dist[v] < dist[u]) {
				u = v
			}
		}
		if dist[u] == inf {
			break
		}
		done[u] = true
		for v := range n {
			w := m.travel[u*n+v]
			if reverse {
				w = m.travel[v*n+u]
			}
			if !done[v] && dist[u]+w < dist[v] {
				dist[v] = dist[u] + w
			}
		}
	}
	return dist
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
