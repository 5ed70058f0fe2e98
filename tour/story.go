package tour

import (
	"fmt"
	"math"
	"math/bits"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// StoryExactLimit is the largest line that [StoryOrder] orders exactly,
// by dynamic programming over (visited set, last site, inversions so
// far) — 2ⁿ·n·(n(n-1)/2+1) states, about 3.3 million for 12 sites.
// Longer lines are ordered by a local search from the shortest order.
const StoryExactLimit = 12

// storyProblem is a line's ordering problem: sites 0..n-1 and node n,
// the base (or, for an open line, a free end at zero distance from every
// site), which every order leaves from and returns to.
type storyProblem struct {
	n      int
	dist   [][]int64   // millimetres, (n+1)²
	metres [][]float64 // the same in metres, as route reports them
	dur    [][]time.Duration
	visits time.Duration // total visit time
	budget time.Duration
	year   []int    // per site: the first year of its period
	dated  []bool   // per site: whether year is known
	newer  []uint64 // per site (n <= 64): the set of dated sites whose first year is later
}

func newStoryProblem(sites []heritage.Site, base *heritage.Site, mode geo.Mode, budget time.Duration) (*storyProblem, error) {
	n := len(sites)
	var mx *geo.Matrix
	var err error
	if base == nil {
		mx, err = withDummy(sites, mode)
	} else {
		pts := make([]orb.Point, n+1)
		for i, s := range sites {
			pts[i] = route.PlaceFromSite(s).Location // where one arrives, as in the plan
		}
		pts[n] = base.Location
		mx, err = geo.NewMatrix(pts, mode)
	}
	if err != nil {
		return nil, fmt.Errorf("tour: travel matrix: %w", err)
	}
	sp := &storyProblem{n: n, metres: mx.Distances, dur: mx.Durations, budget: budget,
		year: make([]int, n), dated: make([]bool, n), newer: make([]uint64, n)}
	sp.dist = make([][]int64, n+1)
	for i := range sp.dist {
		sp.dist[i] = make([]int64, n+1)
		for j := range sp.dist[i] {
			sp.dist[i][j] = int64(math.Round(mx.Distances[i][j] * 1000))
		}
	}
	for i, s := range sites {
		sp.visits += s.VisitDuration()
		sp.year[i], sp.dated[i] = storyYear(s)
	}
	for i := range n {
		for j := range min(n, 64) {
			if sp.later(j, i) {
				sp.newer[i] |= 1 << uint(j)
			}
		}
	}
	return sp, nil
}

// later reports whether sites i and j are both dated and i's first year
// is later than j's.
func (sp *storyProblem) later(i, j int) bool {
	return sp.dated[i] && sp.dated[j] && sp.year[i] > sp.year[j]
}

// pairs returns the number of pairs of sites with different known first
// years.
func (sp *storyProblem) pairs() int {
	k := 0
	for i := range sp.n {
		for j := range sp.n {
			if sp.later(i, j) {
				k++
			}
		}
	}
	return k
}

// inversions counts the pairs visited newer first.
func (sp *storyProblem) inversions(order []int) int {
	k := 0
	for a, i := range order {
		for _, j := range order[a+1:] {
			if sp.later(i, j) {
				k++
			}
		}
	}
	return k
}

// length returns the loop's length in millimetres, from node n through
// order and back.
func (sp *storyProblem) length(order []int) int64 {
	prev, l := sp.n, int64(0)
	for _, j := range order {
		l += sp.dist[prev][j]
		prev = j
	}
	return l + sp.dist[prev][sp.n]
}

// metresLength returns the loop's length in metres, summed as route
// sums its legs.
func (sp *storyProblem) metresLength(order []int) float64 {
	prev, l := sp.n, 0.0
	for _, j := range order {
		l += sp.metres[prev][j]
		prev = j
	}
	return l + sp.metres[prev][sp.n]
}

// travel returns the loop's travel time.
func (sp *storyProblem) travel(order []int) time.Duration {
	prev, t := sp.n, time.Duration(0)
	for _, j := range order {
		t += sp.dur[prev][j]
		prev = j
	}
	return t + sp.dur[prev][sp.n]
}

// fits reports whether order, with its visits, fits in the day budget.
func (sp *storyProblem) fits(order []int) bool {
	return sp.budget <= 0 || sp.travel(order)+sp.visits <= sp.budget
}

// bound returns the longest length allowed for a story of at most
// maxExtra more than shortest.
func bound(shortest int64, maxExtra float64) int64 {
	return int64(math.Floor(float64(shortest) * (1 + maxExtra)))
}

// exact returns the order with the fewest inversions among those at most
// maxExtra longer than the shortest and within the budget, the shortest
// such, and the shortest length of all. It needs n <= StoryExactLimit.
func (sp *storyProblem) exact(maxExtra float64) (order []int, shortest int64) {
	n := sp.n
	if n == 0 {
		return nil, sp.dist[0][0]
	}
	K := sp.pairs()
	w := K + 1
	const inf = math.MaxInt64
	size := (1 << uint(n)) * n * w
	dp := make([]int64, size)
	parent := make([]int8, size)
	for i := range dp {
		dp[i] = inf
	}
	at := func(s, last, k int) int { return (s*n+last)*w + k }
	for j := range n {
		dp[at(1<<uint(j), j, 0)] = sp.dist[n][j]
		parent[at(1<<uint(j), j, 0)] = -1
	}
	full := 1<<uint(n) - 1
	for s := 1; s < full; s++ {
		for last := range n {
			if s&(1<<uint(last)) == 0 {
				continue
			}
			for k := range w {
				c := dp[at(s, last, k)]
				if c == inf {
					continue
				}
				for j := range n {
					if s&(1<<uint(j)) != 0 {
						continue
					}
					s2 := s | 1<<uint(j)
					k2 := k + bits.OnesCount64(uint64(s)&sp.newer[j])
					x := at(s2, j, k2)
					if c2 := c + sp.dist[last][j]; c2 < dp[x] {
						dp[x], parent[x] = c2, int8(last)
					}
				}
			}
		}
	}
	best := make([]int64, w)
	bestLast := make([]int, w)
	shortest = inf
	for k := range w {
		best[k] = inf
		for last := range n {
			if c := dp[at(full, last, k)]; c != inf && c+sp.dist[last][n] < best[k] {
				best[k], bestLast[k] = c+sp.dist[last][n], last
			}
		}
		shortest = min(shortest, best[k])
	}
	limit := bound(shortest, maxExtra)
	rebuild := func(k int) []int {
		out := make([]int, n)
		s, last := full, bestLast[k]
		for i := n - 1; i >= 0; i-- {
			out[i] = last
			prev := int(parent[at(s, last, k)])
			s &^= 1 << uint(last)
			k -= bits.OnesCount64(uint64(s) & sp.newer[last])
			last = prev
		}
		return out
	}
	var fallback []int
	for k := range w {
		if best[k] > limit {
			continue
		}
		o := rebuild(k)
		if fallback == nil || best[k] < sp.length(fallback) {
			fallback = o
		}
		if sp.fits(o) {
			return o, shortest
		}
	}
	return fallback, shortest
}

// search improves start, an order that fits, towards fewer inversions
// within the length limit by relocating one site at a time (best move
// first), and returns the result; deterministic.
func (sp *storyProblem) search(start []int, limit int64) []int {
	cur := append([]int(nil), start...)
	curInv, curLen := sp.inversions(cur), sp.length(cur)
	better := func(inv int, l int64) bool {
		return inv < curInv || (inv == curInv && l < curLen)
	}
	for range sp.n * sp.n * sp.n {
		var best []int
		bestInv, bestLen := curInv, curLen
		for i := range cur {
			rest := append(append([]int(nil), cur[:i]...), cur[i+1:]...)
			for j := 0; j <= len(rest); j++ {
				if j == i {
					continue
				}
				cand := make([]int, 0, len(cur))
				cand = append(cand, rest[:j]...)
				cand = append(cand, cur[i])
				cand = append(cand, rest[j:]...)
				l := sp.length(cand)
				if l > limit || !sp.fits(cand) {
					continue
				}
				inv := sp.inversions(cand)
				if (inv < bestInv || (inv == bestInv && l < bestLen)) && better(inv, l) {
					best, bestInv, bestLen = cand, inv, l
				}
			}
		}
		if best == nil {
			break
		}
		cur, curInv, curLen = best, bestInv, bestLen
	}
	return cur
}

// storyOrder reorders line (planned in the shortest order) by the story
// and replaces its plan and sites.
func (b *builder) storyOrder(line *Line) error {
	sp, err := newStoryProblem(line.Sites, line.Base, b.o.mode, b.o.budget)
	if err != nil {
		return err
	}
	n := len(line.Sites)
	shortestOrder := make([]int, n)
	for i := range shortestOrder {
		shortestOrder[i] = i
	}
	st := &Story{MaxExtra: b.o.story, Pairs: sp.pairs(), ShortestInversions: sp.inversions(shortestOrder)}
	var order []int
	shortest := sp.length(shortestOrder)
	if n <= StoryExactLimit {
		var s int64
		order, s = sp.exact(b.o.story)
		shortest = min(shortest, s)
		st.Exact = true
	} else {
		order = sp.search(shortestOrder, bound(shortest, b.o.story))
	}
	if sp.length(order) > bound(shortest, b.o.story) {
		order = shortestOrder // only when no order fits the day, which the shortest does
	}
	// Report in metres as route does; the millimetre rounding of the
	// search cannot make the shortest order look longer than another.
	shortTravel := sp.travel(shortestOrder)
	st.Shortest = sp.metresLength(shortestOrder)
	if sp.length(order) == shortest && sp.metresLength(order) < st.Shortest {
		st.Shortest = sp.metresLength(order)
	}
	st.Inversions = sp.inversions(order)
	if st.Shortest > 0 {
		st.Extra = max(0, sp.metresLength(order)/st.Shortest-1)
	}
	if shortTravel > 0 {
		st.ExtraTravel = float64(sp.travel(order))/float64(shortTravel) - 1
	}
	sites := make([]heritage.Site, n)
	for i, j := range order {
		sites[i] = line.Sites[j]
	}
	line.Plan = reorder(line.Plan, order, sp)
	line.Sites = sites
	line.Story = st
	if st.Exact {
		line.Plan.Status = route.Optimal
	} else {
		line.Plan.Status = route.Converged
	}
	return nil
}

// reorder returns a copy of a one-day plan whose visits, in the plan's
// order 0..n-1, are rescheduled in the given order with travel from sp
// (node n being the day's start and end).
func reorder(p *route.Plan, order []int, sp *storyProblem) *route.Plan {
	old := p.Days[0]
	dp := route.DayPlan{Day: old.Day, Start: old.Start, End: old.End, Depart: old.Depart}
	visits := make([]route.Visit, len(order))
	for i, j := range order {
		visits[i] = old.Visits[j]
	}
	if old.End == nil && len(visits) > 0 {
		dp.Start = visits[0].Stop.Place
	}
	t := dp.Depart
	from, fromNode := dp.Start, sp.n
	for i, j := range order {
		// An open line's node n is a free end at zero distance: its first
		// leg, from the first site to itself, is empty.
		leg := route.Leg{From: from, To: visits[i].Stop.Place, Distance: sp.metres[fromNode][j], Duration: sp.dur[fromNode][j]}
		dp.Legs = append(dp.Legs, leg)
		dp.Travel += leg.Duration
		dp.Distance += leg.Distance
		t = t.Add(leg.Duration)
		v := visits[i]
		v.Arrival, v.Start, v.Wait = t, t, 0
		t = t.Add(v.Stop.Visit)
		v.Departure = t
		visits[i] = v
		dp.Visit += v.Stop.Visit
		dp.Score += v.Stop.Score
		from, fromNode = v.Stop.Place, j
	}
	if old.End != nil {
		last := len(order) - 1
		leg := route.Leg{From: from, To: *old.End, Distance: sp.metres[fromNode][sp.n], Duration: sp.dur[fromNode][sp.n]}
		if last < 0 {
			leg = route.Leg{From: from, To: *old.End}
		}
		dp.Legs = append(dp.Legs, leg)
		dp.Travel += leg.Duration
		dp.Distance += leg.Distance
		t = t.Add(leg.Duration)
	}
	dp.Visits = visits
	dp.Return = t
	np := *p
	np.Days = []route.DayPlan{dp}
	np.Score, np.Visited = dp.Score, len(visits)
	np.Travel, np.Distance, np.Visit, np.Wait = dp.Travel, dp.Distance, dp.Visit, 0
	return &np
}
