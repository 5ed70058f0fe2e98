package tsp

import (
	"cmp"
	"context"
	"math/rand/v2"
)

// search is the state of one heuristic run on a working graph.
type search struct {
	g    *graph
	t    *tour
	nb   []int32
	nbc  []int64 // nbc[i] = d(a, nb[i]) for the list of a that holds i
	cnt  []int32
	k    int
	rng  *rand.Rand
	done <-chan struct{}

	queue      []int32 // FIFO ring of nodes whose don't-look bit is off
	head, size int
	inQ        []bool

	cost int64 // working cost of the current tour
	// home is the tour a kick started from (its cost and hash) while
	// watchHome: a descent back to it stops there, as the rest of it
	// would search a tour already searched.
	homeCost  int64
	homeHash  uint64
	watchHome bool
	canceled  bool
	ticks     int

	lk lkState

	window int              // Options.KickWindow, or DefaultKickWindow
	onBest func(best int64) // Options.onBest
}

func (s *search) neighbours(a int32) []int32 {
	i := int(a) * s.k
	return s.nb[i : i+int(s.cnt[a])]
}

// neighbourCosts returns the costs of the edges from a to its candidate
// neighbours, in the order of neighbours(a): read in sequence instead of
// from scattered rows of the cost matrix.
func (s *search) neighbourCosts(a int32) []int64 {
	i := int(a) * s.k
	return s.nbc[i : i+int(s.cnt[a])]
}

// costNeighbours fills s.nbc from the candidate lists.
func (s *search) costNeighbours() {
	s.nbc = make([]int64, len(s.nb))
	for a := range s.g.m {
		i := a * s.k
		for j, b := range s.nb[i : i+int(s.cnt[a])] {
			s.nbc[i+j] = s.g.d(int32(a), b)
		}
	}
}

// push clears v's don't-look bit.
func (s *search) push(v int32) {
	if s.inQ[v] {
		return
	}
	s.inQ[v] = true
	i := s.head + s.size
	if i >= len(s.queue) {
		i -= len(s.queue)
	}
	s.queue[i] = v
	s.size++
}

func (s *search) pop() int32 {
	v := s.queue[s.head]
	s.head++
	if s.head == len(s.queue) {
		s.head = 0
	}
	s.size--
	s.inQ[v] = false
	return v
}

// stop reports whether the context is done, polling its channel cheaply.
func (s *search) stop() bool {
	if s.canceled {
		return true
	}
	select {
	case <-s.done:
		s.canceled = true
	default:
	}
	return s.canceled
}

// localSearch improves the tour until no queued node yields an improving
// move, or the context ends (reported by s.canceled).
func (s *search) localSearch() {
	for s.size > 0 {
		v := s.pop()
		for {
			// Poll the context every 8 move searches: each is bounded
			// (an LK search takes at most maxSteps branches), so the
			// search returns within milliseconds of cancellation.
			s.ticks++
			if s.ticks&7 == 0 && s.stop() {
				s.push(v)
				return
			}
			gain := s.improve(v)
			if gain <= 0 {
				break
			}
			s.cost -= gain
			if s.backHome() {
				return
			}
		}
	}
}

// improve makes the first improving move from v, trying Lin–Kernighan,
// then Or-opt, then the or-3opt move, and returns its gain (0: none).
func (s *search) improve(v int32) int64 {
	// On the asymmetric transformation no flip can gain (the node t4 on
	// t2's side is always t3's forced twin), so LK is left out.
	if !s.g.asym {
		if gain := s.improveLK(v); gain > 0 {
			return gain
		}
	}
	if gain := s.improveOrOpt(v); gain > 0 {
		return gain
	}
	return s.improveOr3(v)
}

// backHome reports whether the descent after a kick is back at the tour
// the kick started from, and if so empties the queue: that tour's nodes
// were searched before the kick.
func (s *search) backHome() bool {
	if !s.watchHome || s.cost != s.homeCost || s.t.hash != s.homeHash {
		return false
	}
	for s.size > 0 {
		s.pop()
	}
	return true
}

// tourCost is the working cost of the current tour.
func (s *search) tourCost() int64 {
	var sum int64
	o := s.t.order
	for i := range o {
		j := i + 1
		if j == len(o) {
			j = 0
		}
		sum += s.g.d(o[i], o[j])
	}
	return sum
}

// DefaultKickWindow is the span of tour positions (in cities) a kick's
// four edges are drawn from, unless Options.KickWindow says otherwise.
// A wider window makes dearer kicks (about 180, 220 and 260 µs each on
// rat783 at 50, 75 and 100) that the descent undoes less often: over 80
// seeds (BenchmarkTimeToLinkern, seeds 1-40 and 41-80) the geometric
// mean CPU time to linkern's length fell from
// 0.69/0.51 s to 0.41/0.42 s on rat783 and from 0.49/0.39 s to
// 0.35/0.43 s on u724 going from 50 to 75, with every seed reaching it;
// 25 was twice as slow, 100 and 150 between. (An earlier engine found
// 100 worse than 50 at fixed budgets through route.)
const DefaultKickWindow = 75

// kick applies a double bridge, the non-sequential 4-opt move of Martin,
// Otto & Felten: four tour edges {x_i, next(x_i)} near a random node
// (anywhere, for one kick in globalKicks) are removed and the segments
// reassembled as S1 S2 S3 S4 -> S1 S4 S3 S2, keeping each segment's
// orientation, so it is valid on asymmetric instances too. Sequential moves (LK, Or-opt,
// or3opt) cannot undo it in one step, and a local one leaves the rest of
// the tour, and most don't-look bits, alone. It returns false when no
// valid choice was found.
func (s *search) kick() bool {
	var x [4]int32
	for range 40 {
		s.kickPoints(&x)
		if s.doubleBridge(x) {
			return true
		}
	}
	return false
}

// globalKicks is the share of kicks (one in globalKicks) whose four
// edges are drawn from the whole tour rather than a window. Local kicks
// alone leave a trajectory stuck where the greedy start joined clusters
// badly (d1291 and fl1400 stayed 2.7% and 1.4% above the optimum for
// thousands of kicks until a random restart); a global kick now and then
// lets the chain rearrange how far parts of the tour connect.
const globalKicks = 20

// kickPoints draws a random node and three more from the s.window tour
// positions after it, or from the whole tour for one kick in globalKicks.
func (s *search) kickPoints(x *[4]int32) {
	t := s.t
	m := t.n
	w := s.window
	if s.g.asym {
		w *= 2 // two working nodes per city
	}
	if s.rng.IntN(globalKicks) == 0 {
		w = m
	}
	w = min(w, m-1)
	x[0] = s.rng.Int32N(int32(m))
	p0 := int(t.pos[x[0]])
	for i := 1; i < 4; i++ {
		p := p0 + 1 + s.rng.IntN(w)
		if p >= m {
			p -= m
		}
		x[i] = t.order[p]
	}
}

// doubleBridge applies the double bridge on the tour edges leaving x
// (moved off forced edges), if they are distinct and free.
func (s *search) doubleBridge(x [4]int32) bool {
	t, g := s.t, s.g
	m := t.n
	// In the asymmetric transformation half of the tour edges are
	// forced twin edges: move to the next free edge.
	for i := range x {
		x[i] = s.freeEdge(x[i])
	}
	if x[0] == x[1] || x[0] == x[2] || x[0] == x[3] || x[1] == x[2] || x[1] == x[3] || x[2] == x[3] {
		return false
	}
	// sort x[1..3] cyclically after x[0]
	p0 := int(t.pos[x[0]])
	rel := func(v int32) int {
		r := int(t.pos[v]) - p0
		if r < 0 {
			r += m
		}
		return r
	}
	for i := 2; i < 4; i++ {
		for j := i; j > 1 && rel(x[j]) < rel(x[j-1]); j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
	x1, x2, x3, x4 := x[0], x[1], x[2], x[3]
	n1, n2, n3, n4 := t.next(x1), t.next(x2), t.next(x3), t.next(x4)
	if g.fixed(x1, n1) || g.fixed(x2, n2) || g.fixed(x3, n3) || g.fixed(x4, n4) {
		return false
	}
	delta := g.d(x1, n3) + g.d(x4, n2) + g.d(x3, n1) + g.d(x2, n4) -
		g.d(x1, n1) - g.d(x2, n2) - g.d(x3, n3) - g.d(x4, n4)
	// x1 [n1..x2] [n2..x3] [n3..x4] n4 -> x1 [n3..x4] [n2..x3] [n1..x2] n4
	s.reverseBlock(n1, x4, x1) // x1 x4..n3 x3..n2 x2..n1 n4
	s.reverseBlock(x4, n3, x1) // x1 n3..x4 x3..n2 x2..n1 n4
	s.reverseBlock(x3, n2, x4) // x1 n3..x4 n2..x3 x2..n1 n4
	s.reverseBlock(x2, n1, x3) // x1 n3..x4 n2..x3 n1..x2 n4
	s.cost += delta
	for _, v := range [...]int32{x1, n1, x2, n2, x3, n3, x4, n4} {
		s.push(v)
	}
	return true
}

// freeEdge returns v, or next(v) when the edge {v, next(v)} is forced.
func (s *search) freeEdge(v int32) int32 {
	if s.g.fixed(v, s.t.next(v)) {
		return s.t.next(v)
	}
	return v
}

// alphaCandidates is the number of alpha-nearest neighbours added to each
// node's candidate list on symmetric instances.
const alphaCandidates = 3

// solveHeuristic runs chained Lin–Kernighan on the reduced instance.
func solveHeuristic(ctx context.Context, in Instance, opt Options) (Result, error) {
	g := newGraph(in)
	k := opt.Neighbours
	if k == 0 {
		k = 10
	}
	// The construction and the first descent run whole whatever the
	// deadline: every answer is at least a locally optimal tour.
	nb, cnt, k := candidates(g, k, alphaCandidates)
	s := &search{
		g: g, nb: nb, cnt: cnt, k: k,
		rng:   rand.New(rand.NewPCG(uint64(opt.Seed), 0x9e3779b97f4a7c15)),
		queue: make([]int32, g.m),
		inQ:   make([]bool, g.m),
	}
	s.onBest = opt.onBest
	s.window = cmp.Or(opt.KickWindow, DefaultKickWindow)
	s.costNeighbours()
	s.lk.addStamp = make([]uint32, g.m)
	s.lk.addLv = make([][2]int32, g.m)
	s.t = newTour(greedy(g, nb, cnt, k))
	s.t.logOn = true
	s.cost = s.tourCost()
	for _, v := range s.rng.Perm(g.m) {
		s.push(int32(v))
	}
	s.localSearch()
	s.t.log = s.t.log[:0]
	s.done = ctx.Done()
	maxStall := opt.MaxStall
	if maxStall == 0 {
		if _, ok := ctx.Deadline(); ok {
			maxStall = -1
		} else {
			maxStall = max(1000, 10*in.N)
		}
	}
	iter := s.chain(maxStall, opt.MaxKicks, max(200, 3*in.N))
	order := g.extract(in, s.t)
	return Result{
		Order:      order,
		Cost:       PathCost(in, order),
		Iterations: iter,
		Canceled:   s.canceled,
	}, nil
}

// chain kicks the locally optimal tour and descends again, keeping the new
// tour when it is no longer, until maxStall kicks in a row (< 0: no
// limit) have not improved the best tour, maxKicks kicks in all (<= 0: no
// cap) or the context ends. A trajectory stuck for restartAfter kicks
// starts afresh from a random tour. It leaves the best tour in s.t and
// returns the number of local-search rounds.
func (s *search) chain(maxStall, maxKicks, restartAfter int) int {
	iter := 1
	// cur is the cost of the trajectory's accepted tour, best the best
	// tour seen (kept in bestOrder once a restart has left it).
	cur, best := s.cost, s.cost
	var bestOrder []int32
	stall, curStall := 0, 0
	if s.onBest != nil {
		s.onBest(best)
	}
	for !s.canceled && (maxStall < 0 || stall < maxStall) && (maxKicks <= 0 || iter <= maxKicks) {
		if s.stop() {
			break
		}
		if curStall >= restartAfter {
			// The trajectory is stuck in a deep local optimum (typical of
			// asymmetric instances, where a reversed path is far away in
			// move terms): keep the best tour and start afresh from a
			// random one.
			if cur <= best && bestOrder == nil || cur < best {
				best = cur
			}
			if cur <= best {
				bestOrder = append(bestOrder[:0], s.t.order...)
			}
			s.watchHome = false
			s.restart()
			iter++
			s.localSearch()
			cur, curStall = s.cost, 0
			s.t.log = s.t.log[:0]
			continue
		}
		s.homeCost, s.homeHash, s.watchHome = s.cost, s.t.hash, true
		if !s.kick() {
			break
		}
		iter++
		s.localSearch()
		if s.cost <= cur {
			if s.cost < cur {
				curStall = 0
			} else {
				curStall++
			}
			cur = s.cost
		} else {
			s.reject(cur)
			curStall++
		}
		s.t.log = s.t.log[:0]
		if cur < best {
			best, stall = cur, 0
			bestOrder = bestOrder[:0]
			if s.onBest != nil {
				s.onBest(best)
			}
		} else {
			stall++
		}
	}
	s.watchHome = false
	if len(bestOrder) > 0 && best < cur {
		s.t = newTour(bestOrder)
	}
	return iter
}

// reject reverts the last kick and the descent after it, back to the tour
// of cost cur.
func (s *search) reject(cur int64) {
	s.t.undoTo(0)
	s.cost = cur
	for s.size > 0 {
		s.pop()
	}
}

// restart replaces the tour by a random one that keeps the forced edges:
// a random order of the base nodes with Start first and its forced
// predecessor (End or the dummy) last, each city expanded to its in/out
// pair on asymmetric instances. All nodes are queued for local search.
func (s *search) restart() {
	g := s.g
	m0 := int32(g.m0)
	perm := s.rng.Perm(g.m0)
	order := make([]int32, 0, g.m)
	start, pred := g.start, g.pred
	add := func(v int32) {
		order = append(order, v)
		if g.asym {
			order = append(order, v+m0)
		}
	}
	if pred >= 0 {
		add(start)
	}
	for _, v := range perm {
		if v := int32(v); pred < 0 || v != start && v != pred {
			add(v)
		}
	}
	if pred >= 0 {
		add(pred)
	}
	s.t = newTour(order)
	s.t.logOn = true
	s.cost = s.tourCost()
	for s.size > 0 {
		s.pop()
	}
	for _, v := range s.rng.Perm(g.m) {
		s.push(int32(v))
	}
}
