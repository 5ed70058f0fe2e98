package tour

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// cluster groups sites by complete-linkage agglomerative clustering: it
// repeatedly merges the two groups whose farthest pair of sites is
// nearest — distances measured relative to the span allowed between the
// two sites, MaxSpan or MaxCrossSpan — provided every pair is within its
// span and the merged group fits in one day. Ties are broken by the groups' first sites in input
// order, so the result is deterministic. Groups come out ordered by their
// first site.
//
// With n sites it measures O(n²) distances once and tries at most O(n²)
// merges per round over at most n rounds; each try that passes the cheap
// tests solves one shortest loop.
func (b *builder) cluster(sites []heritage.Site) ([][]heritage.Site, error) {
	n := len(sites)
	d := make([][]float64, n) // stretch: distance over the allowed span
	for i := range d {
		d[i] = make([]float64, n)
		for j := range i {
			d[i][j] = b.o.stretch(sites[i], sites[j])
			d[j][i] = d[i][j]
		}
	}
	groups := make([][]int, n)
	for i := range groups {
		groups[i] = []int{i}
	}
	link := func(a, c []int) float64 {
		m := 0.0
		for _, i := range a {
			for _, j := range c {
				m = max(m, d[i][j])
			}
		}
		return m
	}
	refused := map[string]bool{}
	for {
		type cand struct {
			a, c int
			dist float64
		}
		var cands []cand
		for a := range groups {
			for c := a + 1; c < len(groups); c++ {
				if l := link(groups[a], groups[c]); l <= 1 {
					cands = append(cands, cand{a, c, l})
				}
			}
		}
		slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(x.dist, y.dist) })
		merged := false
		for _, k := range cands {
			union := slices.Concat(groups[k.a], groups[k.c])
			slices.Sort(union)
			key := fmt.Sprint(union)
			if refused[key] {
				continue
			}
			members := make([]heritage.Site, len(union))
			for i, x := range union {
				members[i] = sites[x]
			}
			ok, err := b.fits(members)
			if err != nil {
				return nil, err
			}
			if !ok {
				refused[key] = true
				continue
			}
			groups[k.a] = union
			groups = slices.Delete(groups, k.c, k.c+1)
			merged = true
			break
		}
		if !merged {
			break
		}
	}
	slices.SortFunc(groups, func(x, y []int) int { return cmp.Compare(x[0], y[0]) })
	out := make([][]heritage.Site, len(groups))
	for i, g := range groups {
		for _, x := range g {
			out[i] = append(out[i], sites[x])
		}
	}
	return out, nil
}

// fits reports whether the shortest loop from the base of sites through
// all of them, visits included, takes at most the day budget.
func (b *builder) fits(sites []heritage.Site) (bool, error) {
	var visits time.Duration
	ids := make([]string, len(sites))
	for i, s := range sites {
		visits += s.Visit.Duration
		ids[i] = s.ID
	}
	if visits > b.o.budget {
		return false, nil
	}
	slices.Sort(ids)
	key := strings.Join(ids, "\x00")
	if ok, seen := b.fit[key]; seen {
		return ok, nil
	}
	plan, err := b.solve(sites, b.base(sites), 0)
	if err != nil {
		return false, err
	}
	dp := plan.Days[0]
	ok := dp.Return.Sub(dp.Depart) <= b.o.budget
	b.fit[key] = ok
	return ok, nil
}

// solve plans one day over sites from base and back (or, with a nil
// base, an open path starting and ending anywhere), visiting all sites in
// the shortest order when budget is 0, or the best-scoring day within
// budget otherwise. The day starts at 08:30 on no particular date (see
// lineStart).
func (b *builder) solve(sites []heritage.Site, base *heritage.Site, budget time.Duration) (*route.Plan, error) {
	p, err := b.problem(sites, base, budget)
	if err != nil {
		return nil, err
	}
	plan, err := route.Solve(b.ctx, p, route.Seed(b.o.seed))
	if err != nil {
		return nil, fmt.Errorf("tour: planning a line: %w", err)
	}
	if plan.Status == route.Canceled || plan.Status == route.DeadlineReached {
		return nil, fmt.Errorf("tour: planning a line: %w", b.ctx.Err())
	}
	if base == nil {
		plan.Mode = b.o.mode // the travel matrix was made with it
		startAtFirst(plan)
	}
	return plan, nil
}

// problem is the line's day over sites from base and back (or, with a nil
// base, an open path from a free start), without a close when budget is 0.
func (b *builder) problem(sites []heritage.Site, base *heritage.Site, budget time.Duration) (route.Problem, error) {
	stops := make([]route.Stop, len(sites))
	for i, s := range sites {
		stops[i] = route.Stop{Place: route.PlaceFromSite(s), Visit: s.Visit.Duration, Score: s.Score}
		stops[i].MatrixIndex = i
	}
	p := route.Problem{Stops: stops, Mode: b.o.mode}
	day := route.Day{Window: route.Window{Open: lineStart()}}
	if budget > 0 {
		day.Window.Close = day.Window.Open.Add(budget)
	}
	if base != nil {
		day.Start = route.PlaceFromSite(*base)
		day.End = &day.Start
	} else {
		// An open path that may start anywhere: start from a dummy place
		// at zero distance from every site (startAtFirst then moves the
		// start onto the first site visited).
		mx, err := withDummy(sites, b.o.mode)
		if err != nil {
			return route.Problem{}, err
		}
		p.Matrix = mx
		day.Start = route.Place{MatrixIndex: len(sites)}
	}
	p.Days = []route.Day{day}
	return p, nil
}

// startAtFirst moves the start of an open path's plan from the dummy
// place onto its first site; the first leg, at zero distance, then leads
// from the site to itself.
func startAtFirst(plan *route.Plan) {
	dp := &plan.Days[0]
	if len(dp.Visits) > 0 {
		first := dp.Visits[0].Stop.Place
		dp.Start = first
		dp.Legs[0].From = first
	}
}

// lineStart is when a line's day starts: DefaultStartTime (08:30) on
// January 1 of year 1 in UTC, the zero date, which route/export prints
// as a plan without a calendar date.
func lineStart() time.Time { return time.Time{}.Add(time.Duration(DefaultStartTime)) }

// withDummy returns the travel matrix of sites by mode with one more
// place, last, at zero distance and time from and to every site. Legs to
// and from roughly located sites take their expected values
// (route.LegBetween), as in problems without a matrix.
func withDummy(sites []heritage.Site, mode geo.Mode) (*geo.Matrix, error) {
	pts := make([]orb.Point, len(sites))
	for i, s := range sites {
		pts[i] = route.PlaceFromSite(s).Location // where one arrives, as in the plan
	}
	m, err := geo.NewMatrix(pts, mode)
	if err != nil {
		return nil, fmt.Errorf("tour: travel matrix: %w", err)
	}
	n := len(sites)
	for i := range n {
		for j := range n {
			if coarse := sites[i].PrecisionM > route.CoarsePrecision || sites[j].PrecisionM > route.CoarsePrecision; coarse && i != j {
				l := route.LegBetween(route.PlaceFromSite(sites[i]), route.PlaceFromSite(sites[j]), mode)
				m.Durations[i][j], m.Distances[i][j] = l.Duration, l.Distance
			}
		}
		m.Distances[i] = append(m.Distances[i], 0)
		m.Durations[i] = append(m.Durations[i], 0)
	}
	m.Distances = append(m.Distances, make([]float64, n+1))
	m.Durations = append(m.Durations, make([]time.Duration, n+1))
	return m, nil
}

// farthest returns the largest stretch from s to any of sites.
func (o options) farthest(s heritage.Site, sites []heritage.Site) float64 {
	m := 0.0
	for _, t := range sites {
		m = max(m, o.stretch(s, t))
	}
	return m
}

// centre returns the mean of the sites' locations (adequate for the
// tens of kilometres a line spans).
func centre(sites []heritage.Site) orb.Point {
	var c orb.Point
	for _, s := range sites {
		c[0] += s.Location[0]
		c[1] += s.Location[1]
	}
	k := float64(len(sites))
	return orb.Point{c[0] / k, c[1] / k}
}
