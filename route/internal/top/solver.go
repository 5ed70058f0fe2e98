package top

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chuanzhu/chuanzhu/route/internal/cost"
)

// Tuning constants.
const (
	nbrCount = 30 // neighbours kept per customer for candidate moves
	// restartEvery non-improving iterations the search goes back to the best.
	restartEvery = 100
	// acceptTau sets the simulated-annealing style acceptance of a worse
	// candidate: a score drop of acceptTau × best score is accepted with
	// probability 1/e.
	acceptTau = 0.02
	// polishKicks bounds the Lin–Kernighan kicks of one re-sequencing.
	polishKicks = 30
	// polishWindow is the kick window of a re-sequencing (tsp.Options).
	// The ordering engine's default of 75 was chosen on long chains over
	// 700-1,000-node tours; on these chains of 30 kicks it measured no
	// better than 50 and only moved the orienteering search's course: on
	// the 20 OPLib instances of the VROOM sets, seed 1, set means went
	// 110.6/5560.8/4722.0/7168.0 -> 109.8/5569.0/4713.6/7167.6 (gen1-4)
	// and lin318 ran 59,364 perturbations (214 s) instead of 6,000 (21 s).
	polishWindow = 50
	fullScan     = 48 // routes with at most this many visits are scanned whole
	// Instances with more customers than largeN compute the insertions
	// into a short route for all customers at once (refresh).
	largeN = 1000
	// maxStall caps the default stall budget (see stallBudget).
	maxStall = 500
	// windowStall multiplies the default stall budget of a problem with
	// windows on its visits (see stallBudget).
	windowStall = 2
	// deepFrom, deepWork and deepCap set the floor of perturbations of
	// the orienteering problem proper (see stallRule.floor): none below
	// n·v = deepFrom (Tsiligirides' and Chao's sets), min((n·v)²/deepWork,
	// deepCap) from there (833 at n·v = 5,000, 2,935 at 136 customers of
	// which 69 are visited, deepCap from n·v = 13,417).
	deepFrom = 5000
	deepWork = 30_000
	deepCap  = 6000
	// deepStop caps the perturbations of the orienteering problem proper
	// in all: its rule also runs as long again as the best plan took to
	// find, which a late improvement made unbounded (rd400-gen1, seed 1:
	// best at 20,456, stopped at 40,912 after about 3 minutes of CPU).
	deepStop = 4 * deepCap
	// floorPerRatio and floorWork set the least number of perturbations
	// of a default search (see stallRule.floor): 1,000 for 100 customers
	// of which 12 are visited; below the stall budget, so without effect,
	// when most customers are visited or customers × visits is large.
	floorPerRatio = 120
	floorWork     = 1_500_000
	// largeWork caps the default search of instances of more than
	// maxStall customers at min(4·maxStall, largeWork/n) perturbations in
	// all (2,000 up to 3,750 customers, 1,500 at 5,000): a perturbation's
	// insertions scan every customer, so its cost grows with n (about
	// 25 ms of one core at 5,000).
	largeWork = 7_500_000
	// rowCache is the number of rows of a computed travel table that
	// refresh keeps (8·(N+1) bytes each: 40 MB at 20,000 nodes).
	rowCache = 256
)

type solver struct {
	n, n1  int
	tab    cost.Table // travel; with open routes node N is their virtual end, 0 away from every node
	tt     []int64    // tab.Dense(): the dense table, row length stride; nil when tab is computed
	stride int        // tab's row length: N, or N+1 with open routes
	rows   *cost.Rows // rows of tab, cached when it is computed
	svc    []int64
	score  []int64
	win    [][]Window
	req    []bool
	nreq   int
	cust   []int
	where  []int32 // route of a visited customer, -1 if unvisited
	pos    []int32 // position of a visited customer in its route's nodes
	rts    []*rstate
	nbr    [][]int32   // per customer: nearest other customers
	ins    []insertion // per customer and route: its cheapest insertion (bestIn)
	fresh  []uint64    // per route: the version refresh last computed every entry for
	need   []int64     // per customer: a lower bound of the time its insertion takes (needs)
	sym    bool        // the travel table is symmetric
	rng    *rand.Rand
	opt    Options
	ctx    context.Context
	halted bool // ctx ended
	iters  int
	buf    []int
	seen   marks     // orOpt's places already tried
	weight []float64 // per node insertion weight (score^alpha, with noise)
	tabu   []int     // per node: iteration until which it may not be inserted
	useTab bool      // whether tabu applies now

	shS, shP int // segment-shake size and position (Vansteenwegen et al.)

	revBuf  []int   // orTimed's reversed stretch
	lateBuf []int64 // orTimed's latest arrivals

	polishFrom int64 // re-sequence only solutions scoring at least this (the best score)
	walk       bool  // accept every candidate (a random walk) rather than by annealing

	top       objective // the best score and count any plan can reach (travel unused)
	certTried bool      // certify has run
	optimal   bool      // the best plan is proven optimal
}

// stop reports whether ctx has ended. It is called between moves, never
// inside the O(1) candidate checks, so asking the context every time is
// cheap.
func (s *solver) stop() bool {
	if !s.halted && s.ctx != nil && s.ctx.Err() != nil {
		s.halted = true
	}
	return s.halted
}

func (s *solver) buildNeighbours() {
	s.nbr = make([][]int32, s.n1)
	k := min(nbrCount, len(s.cust)-1)
	if k <= 0 {
		return
	}
	if near := s.tab.Nearest(s.cust, k); near != nil {
		// a computed table: the nearest by location, from a k-d tree
		for a, c := range s.cust {
			s.nbr[c] = near[a]
		}
		return
	}
	dist := make([]int64, k)
	for _, c := range s.cust {
		// keep the k nearest in a sorted list; ties stay in s.cust order
		l := make([]int32, 0, k)
		for _, x := range s.cust {
			if x == c {
				continue
			}
			d := s.t(c, x) + s.t(x, c)
			if len(l) == k && d >= dist[k-1] {
				continue
			}
			i := len(l)
			if i < k {
				l = append(l, 0)
			} else {
				i = k - 1
			}
			for i > 0 && dist[i-1] > d {
				dist[i], l[i] = dist[i-1], l[i-1]
				i--
			}
			dist[i], l[i] = d, int32(x)
		}
		s.nbr[c] = l
	}
}

// needs sets need: for each customer its service plus its shortest leg in
// and its shortest leg out. An insertion of c delays the arrival after it
// by at least need[c] (waiting only adds), so a route none of whose gaps
// (rstate.room) is that long cannot take c. It reads a dense table once,
// row by row; of a computed table it takes the lower bound Floor (and 0
// out with open routes, as their virtual end is 0 away).
func (s *solver) needs() {
	s.sym = len(s.cust) > largeN && s.tab.Symmetric()
	s.need = make([]int64, s.n1)
	if s.tab.Dense() == nil {
		open := slices.ContainsFunc(s.rts, func(r *rstate) bool { return r.nodes[len(r.nodes)-1] == s.n })
		for _, c := range s.cust {
			in, out := s.tab.Floor(c), s.tab.Floor(c)
			if open {
				out = 0
			}
			s.need[c] = s.svc[c] + in + out
		}
		return
	}
	in := make([]int64, s.n1)
	out := make([]int64, s.n1)
	for i := range in {
		in[i], out[i] = inf, inf
	}
	for u := range s.n {
		for v, t := range s.rows.Row(u) {
			if v != u {
				in[v] = min(in[v], t)
				out[u] = min(out[u], t)
			}
		}
	}
	for _, c := range s.cust {
		s.need[c] = s.svc[c] + in[c] + out[c]
	}
}

// objective is compared lexicographically: required visits, score and visits
// up, travel down.
type objective struct{ req, score, count, travel int64 }

func (a objective) better(b objective) bool {
	if a.req != b.req {
		return a.req > b.req
	}
	if a.score != b.score {
		return a.score > b.score
	}
	if a.count != b.count {
		return a.count > b.count
	}
	return a.travel < b.travel
}

func (s *solver) objective() objective {
	var o objective
	for _, r := range s.rts {
		o.score += r.score
		o.count += int64(r.k())
		o.travel += r.travel()
		for _, c := range r.nodes[1 : len(r.nodes)-1] {
			if s.req[c] {
				o.req++
			}
		}
	}
	return o
}

type snapshot struct {
	seqs [][]int
	obj  objective
}

func (s *solver) save(dst *snapshot) {
	if dst.seqs == nil {
		dst.seqs = make([][]int, len(s.rts))
	}
	for i, r := range s.rts {
		dst.seqs[i] = append(dst.seqs[i][:0], r.nodes...)
	}
	dst.obj = s.objective()
}

func (dst *snapshot) copyFrom(src *snapshot) {
	if dst.seqs == nil {
		dst.seqs = make([][]int, len(src.seqs))
	}
	for i := range src.seqs {
		dst.seqs[i] = append(dst.seqs[i][:0], src.seqs[i]...)
	}
	dst.obj = src.obj
}

func (s *solver) load(src *snapshot) {
	for _, c := range s.cust {
		s.where[c] = -1
	}
	for i, r := range s.rts {
		r.nodes = append(r.nodes[:0], src.seqs[i]...)
		r.dirty = true
		s.update(r)
	}
}

func (s *solver) insertAt(r *rstate, p, c int) {
	r.nodes = slices.Insert(r.nodes, p+1, c)
	r.dirty = true
	s.update(r)
}

// removeRange removes positions i..j-1 of r.
func (s *solver) removeRange(r *rstate, i, j int) {
	for _, c := range r.nodes[i:j] {
		s.where[c] = -1
	}
	r.nodes = slices.Delete(r.nodes, i, j)
	r.dirty = true
	s.update(r)
}

func (s *solver) missingRequired() []int {
	var miss []int
	for _, c := range s.cust {
		if s.req[c] && s.where[c] < 0 {
			miss = append(miss, c)
		}
	}
	slices.Sort(miss)
	return miss
}

// slots appends to buf the insertion positions of r worth trying for c:
// all of them for short routes, otherwise those next to c's neighbours and
// next to the depots.
func (s *solver) slots(buf []int, r *rstate, c int) []int {
	k := r.k()
	if k <= fullScan {
		for p := 0; p <= k; p++ {
			buf = append(buf, p)
		}
		return buf
	}
	return s.nearSlots(buf, r, c)
}

// nearSlots appends to buf the positions of r next to c's neighbours and
// next to the depots.
func (s *solver) nearSlots(buf []int, r *rstate, c int) []int {
	buf = append(buf, 0, r.k())
	for _, nb := range s.nbr[c] {
		if s.where[nb] == r.idx {
			p := int(s.pos[nb])
			buf = append(buf, p-1, p)
		}
	}
	return buf
}

// setWeights sets the insertion weights score^alpha, each multiplied by a
// random factor in [1-noise, 1+noise].
func (s *solver) setWeights(alpha, noise float64) {
	if s.weight == nil {
		s.weight = make([]float64, s.n1)
	}
	for _, c := range s.cust {
		w := math.Pow(float64(s.score[c]), alpha) + 1e-3
		if noise > 0 {
			w *= 1 + noise*(2*s.rng.Float64()-1)
		}
		s.weight[c] = w
	}
}

// isTabu reports whether c may not be inserted now.
func (s *solver) isTabu(c int) bool { return s.useTab && s.tabu[c] > s.iters }
