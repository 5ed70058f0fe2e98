package route

import (
	"fmt"
	"math"
	"time"

	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
)

// StoryExactLimit is the largest number of visits [StoryOrder] orders
// exactly, by dynamic programming over (visited set, last stop,
// inversions so far): 2ⁿ·n·(n(n-1)/2+1) states, about 3.3 million for
// 12 stops. Longer days are ordered by a local search.
const StoryExactLimit = tsp.StoryExactLimit

// Rank is a stop's place in a story, such as the first year of a heritage
// site's period: a story visits stops of lower rank first. The zero Rank
// is unknown, and a stop of unknown rank comes anywhere.
type Rank struct {
	Value int
	Known bool
}

// Story reports how a story order compares with the shortest order of
// the same visits.
type Story struct {
	// MaxExtra is the bound that was asked for (0.2: 20% longer at most).
	MaxExtra float64
	// Extra is how much longer the story order is than the shortest, as
	// a ratio: distance/shortest - 1 (0 when the problem has no
	// distances). ExtraTravel compares travel times with the order given
	// to StoryOrder, not with the shorter of the two: travel/given - 1,
	// negative when the story order travels less.
	Extra, ExtraTravel float64
	// Shortest is the distance of the shortest order in metres: the
	// order given to StoryOrder, or the story order when that is shorter.
	Shortest float64
	// Inversions counts the pairs of stops of known, different ranks
	// visited higher rank first; ShortestInversions counts them in the
	// order given. Pairs counts the pairs of stops whose known ranks
	// differ (the most inversions there could be).
	Inversions, ShortestInversions, Pairs int
	// Exact reports that the order is proven to have the fewest
	// inversions within the bound (days of at most StoryExactLimit
	// visits); otherwise a local search found it.
	Exact bool
}

// StoryOrder reorders the visits of a one-day problem so that a story
// unfolds: stops of lower rank first. shortest is the day's visiting
// order to start from, normally the shortest one (the visits of the plan
// [Solve] returns for p); ranks gives each stop of p its Rank.
//
// Among the orders of the same visits at most maxExtra (a ratio >= 0)
// longer than the shortest — length is distance, or travel time when p's
// Matrix has no distances — and that keep the day (its close, its windows
// and its break, as [Schedule] keeps them), the story order has the
// fewest inversions, and is the shortest such. Up to [StoryExactLimit]
// visits the fewest inversions are proven by dynamic programming, which
// checks the day on the shortest order of each inversion count (so the
// proof holds when a longer order never keeps the day where a shorter
// one does not, as with a close and no windows). When that order does
// not keep the day, and beyond StoryExactLimit, a local search from
// shortest moves one stop at a time, keeping the day and the bound; when
// nothing better keeps both, the story order is shortest itself.
//
// It returns the story order's plan, built by Schedule (Status Optimal
// when the order is proven, else Converged), and what the story costs.
// Errors: the Validate and Schedule errors for p and shortest, and an
// error for more than one day, a ranks slice of the wrong length or a
// maxExtra that is negative or not finite.
func StoryOrder(p Problem, shortest []int, ranks []Rank, maxExtra float64) (*Plan, *Story, error) {
	began := time.Now()
	if len(p.Days) != 1 || len(ranks) != len(p.Stops) {
		return nil, nil, fmt.Errorf("route: StoryOrder: %d days and %d ranks for %d stops; want one day and a rank per stop",
			len(p.Days), len(ranks), len(p.Stops))
	}
	if maxExtra < 0 || math.IsNaN(maxExtra) || math.IsInf(maxExtra, 0) {
		return nil, nil, fmt.Errorf("route: StoryOrder: maxExtra %v is not a ratio of 0 or more", maxExtra)
	}
	if err := p.Validate(); err != nil {
		return nil, nil, err
	}
	m, err := newModel(&p, 0)
	if err != nil {
		return nil, nil, err
	}
	base, err := m.scheduleOrders([][]int{shortest})
	if err != nil {
		return nil, nil, err
	}
	s := m.story(shortest, ranks)
	order, exact := storyOrder(s, maxExtra)
	stops := make([]int, len(order))
	for i, k := range order {
		stops[i] = shortest[k]
	}
	plan, err := m.scheduleOrders([][]int{stops})
	if err != nil {
		return nil, nil, fmt.Errorf("route: internal error: the story order: %w", err)
	}
	if exact {
		plan.Status = Optimal
	}
	plan.Stats.Runtime = time.Since(began)
	st := &Story{MaxExtra: maxExtra, Inversions: s.Inversions(order), ShortestInversions: s.Inversions(identity(len(shortest))), Pairs: s.Pairs(), Exact: exact,
		Shortest: min(base.Distance, plan.Distance)}
	if st.Shortest > 0 {
		st.Extra = max(0, plan.Distance/st.Shortest-1)
	}
	if base.Travel > 0 {
		st.ExtraTravel = float64(plan.Travel)/float64(base.Travel) - 1
	}
	return plan, st, nil
}

// story returns the story instance of day 0 visiting the stops of order:
// node k is stop order[k]; lengths are millimetres, or nanoseconds of
// travel without distances.
func (m *model) story(order []int, ranks []Rank) *tsp.Story {
	k := len(order)
	d := m.days[0]
	node := make([]int, k+2)
	copy(node, order)
	node[k], node[k+1] = d.start, d.end
	s := &tsp.Story{N: k, Length: make([]int64, (k+2)*(k+2)), Rank: make([]int, k), Ranked: make([]bool, k)}
	byTime := m.p.Matrix != nil && m.p.Matrix.Distances == nil
	for i, a := range node {
		for j, b := range node {
			switch {
			case a == b || a < 0 || b < 0:
			case byTime:
				s.Length[i*(k+2)+j] = m.travel.At(a, b)
			default:
				s.Length[i*(k+2)+j] = int64(math.Round(m.distance(a, b) * 1000))
			}
		}
	}
	for i, stop := range order {
		s.Rank[i], s.Ranked[i] = ranks[stop].Value, ranks[stop].Known
	}
	stops := make([]int, k)
	s.Fits = func(o []int) bool {
		for i, x := range o {
			stops[i] = order[x]
		}
		return m.feasible(0, stops)
	}
	return s
}

// storyOrder returns the story order of s (node i standing for the i-th
// stop of the given order, the identity order) and whether it is proven.
// The exact order stands when it keeps the day; otherwise, and beyond
// StoryExactLimit, a local search from the identity order finds one.
func storyOrder(s *tsp.Story, maxExtra float64) (order []int, exact bool) {
	ident := identity(s.N)
	short := s.Cost(ident)
	if s.N <= StoryExactLimit {
		var proven int64
		order, proven = s.Exact(maxExtra)
		short = min(short, proven)
		if s.Fits(order) {
			return order, true
		}
	}
	order = s.Search(ident, tsp.StoryBound(short, maxExtra))
	if s.Cost(order) > tsp.StoryBound(short, maxExtra) {
		order = ident // the shortest known order is shorter than the given one by more than the bound
	}
	return order, false
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
