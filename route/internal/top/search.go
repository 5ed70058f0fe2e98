package top

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
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
	// acceptTau sets the simulated-annealing style acceptance of a worse
	// candidate: a score drop of acceptTau × best score is accepted with
	// probability 1/e.

	// polishKicks bounds the Lin–Kernighan kicks of one re-sequencing.
	polishKicks = 30
	fullScan    = 48 // routes with at most this many visits are scanned whole

)

type solver struct {
	n, n1  int
	tt     []int64 // (N+1)² travel; node N is the virtual end of open routes
	svc    []int64
	score  []int64
	win    [][]Window
	req    []bool
	nreq   int
	cust   []int
	where  []int32 // route of a visited customer, -1 if unvisited
	pos    []int32 // position of a visited customer in its route's nodes
	rts    []*rstate
	nbr    [][]int32 // per customer: nearest other customers
	rng    *rand.Rand
	opt    Options
	ctx    context.Context
	done   <-chan struct{}
	halted bool // ctx ended
	iters  int
	buf    []int
	weight []float64 // per node insertion weight (score^alpha, with noise)
	tabu   []int     // per node: iteration until which it may not be inserted
	useTab bool      // whether tabu applies now

	shS, shP int // segment-shake size and position (Vansteenwegen et al.)

	polishFrom int64 // re-sequence only solutions scoring at least this (the best score)
	walk       bool  // accept every candidate (a random walk) rather than by annealing
}

// stop reports whether ctx has ended. It is called between moves, never
// inside the O(1) candidate checks, so polling every time is cheap.
func (s *solver) stop() bool {
	if s.halted {
		return true
	}
	if s.done == nil {
		return false
	}
	select {
	case <-s.done:
		s.halted = true
	default:
	}
	return s.halted
}

func (s *solver) buildNeighbours() {
	s.nbr = make([][]int32, s.n1)
	k := min(nbrCount, len(s.cust)-1)
	if k <= 0 {
		return
	}
	type cd struct {
		c int
		d int64
	}
	all := make([]cd, 0, len(s.cust))
	for _, c := range s.cust {
		all = all[:0]
		for _, x := range s.cust {
			if x != c {
				all = append(all, cd{x, s.t(c, x) + s.t(x, c)})
			}
		}
		slices.SortStableFunc(all, func(a, b cd) int { return cmp.Compare(a.d, b.d) })
		l := make([]int32, k)
		for i := range k {
			l[i] = int32(all[i].c)
		}
		s.nbr[c] = l
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

// insertAll repeatedly inserts the unvisited customer with the best ratio
// weight/shift at its cheapest feasible position (required customers
// first, cheapest first) until none fits. Tabu customers are skipped.
// It returns the number inserted.
func (s *solver) insertAll() int {
	count := 0
	for !s.stop() {
		bestC, bestR, bestP := -1, -1, -1
		bestReq := false
		bestKey := math.Inf(-1)
		for _, c := range s.cust {
			if s.where[c] >= 0 || s.isTabu(c) {
				continue
			}
			if bestReq && !s.req[c] {
				continue
			}
			cr, cp := -1, -1
			var cs int64 = math.MaxInt64
			for _, r := range s.rts {
				s.buf = s.slots(s.buf[:0], r, c)
				for _, p := range s.buf {
					if ok, sh := s.canInsert(r, p, c); ok && sh < cs {
						cs, cr, cp = sh, int(r.idx), p
					}
				}
			}
			if cr < 0 {
				continue
			}
			var key float64
			if s.req[c] {
				key = -float64(cs)
			} else {
				key = s.weight[c] / (float64(max(cs, 0)) + 1)
			}
			if (s.req[c] && !bestReq) || key > bestKey {
				bestKey, bestC, bestR, bestP, bestReq = key, c, cr, cp, s.req[c]
			}
		}
		if bestC < 0 {
			break
		}
		s.insertAt(s.rts[bestR], bestP, bestC)
		count++
	}
	return count
}

// repairRequired tries to place every unvisited required customer by
// removing the cheapest stretch of optional visits that makes room.
// It reports whether anything changed.
func (s *solver) repairRequired() bool {
	changed := false
	for _, c := range s.missingRequired() {
		if s.stop() {
			break
		}
		bestR, bestI, bestJ := -1, 0, 0
		var bestLoss, bestN int64 = math.MaxInt64, math.MaxInt64
		mid := []int{c}
		for _, r := range s.rts {
			m := len(r.nodes)
			for i := 1; i < m; i++ {
				var loss, cnt int64
				for j := i; j < m; j++ {
					// remove positions i..j-1, put c between i-1 and j
					if j > i {
						v := r.nodes[j-1]
						if s.req[v] {
							break
						}
						loss += s.score[v]
						cnt++
					}
					if loss > bestLoss || (loss == bestLoss && cnt >= bestN) {
						break
					}
					if s.via(r, i-1, mid, j) {
						bestR, bestI, bestJ, bestLoss, bestN = int(r.idx), i, j, loss, cnt
						break
					}
				}
			}
		}
		if bestR >= 0 {
			r := s.rts[bestR]
			s.removeRange(r, bestI, bestJ)
			s.insertAt(r, bestI-1, c)
			changed = true
		}
	}
	return changed
}

// nbrIntra is how many neighbours seed the candidate moves inside long
// routes.
const nbrIntra = 12

// twoOpt reverses stretches of r while that lowers its travel and keeps it
// feasible. Long routes only try reversals that create an arc to one of the
// near neighbours of the node it leaves from or arrives at. It reports
// whether r changed.
func (s *solver) twoOpt(r *rstate) bool {
	changed := false
	k := r.k()
	full := k <= fullScan
	try := func(i, j int) bool {
		if j <= i || j > k {
			return false
		}
		a, ci := r.nodes[i-1], r.nodes[i]
		cj, b := r.nodes[j], r.nodes[j+1]
		delta := s.t(a, cj) + s.t(ci, b) - s.t(a, ci) - s.t(cj, b) + (r.rcum[j] - r.rcum[i]) - (r.cum[j] - r.cum[i])
		if delta >= 0 {
			return false
		}
		mid := s.buf[:0]
		for q := j; q >= i; q-- {
			mid = append(mid, r.nodes[q])
		}
		s.buf = mid
		if !r.plain && !s.via(r, i-1, mid, j+1) {
			return false
		}
		slices.Reverse(r.nodes[i : j+1])
		s.update(r)
		return true
	}
	for again := true; again && !s.stop(); {
		again = false
		for i := 1; i < k; i++ {
			if full || i == 1 {
				for j := i + 1; j <= k; j++ {
					if try(i, j) {
						again, changed = true, true
					}
				}
				continue
			}
			if try(i, k) {
				again, changed = true, true
			}
			a := r.nodes[i-1]
			for _, nb := range s.nbr[a][:min(nbrIntra, len(s.nbr[a]))] {
				if s.where[nb] == r.idx && try(i, int(s.pos[nb])) {
					again, changed = true, true
				}
			}
			ci := r.nodes[i]
			for _, nb := range s.nbr[ci][:min(nbrIntra, len(s.nbr[ci]))] {
				if s.where[nb] == r.idx && try(i, int(s.pos[nb])-1) {
					again, changed = true, true
				}
			}
		}
	}
	return changed
}

// orOpt moves stretches of one to three visits elsewhere in r (either way
// round) while that lowers its travel and keeps it feasible. Long routes
// only try places next to the near neighbours of the stretch's ends.
func (s *solver) orOpt(r *rstate) bool {
	changed := false
	k := r.k()
	full := k <= fullScan
	var cand []int
	for again := true; again && !s.stop(); {
		again = false
		for l := 1; l <= 3; l++ {
			for i := 1; i+l-1 <= k; i++ {
				j := i + l - 1
				cand = cand[:0]
				if full {
					for q := 0; q <= k; q++ {
						cand = append(cand, q)
					}
				} else {
					cand = append(cand, 0, k)
					for _, e := range [2]int{r.nodes[i], r.nodes[j]} {
						for _, nb := range s.nbr[e][:min(nbrIntra, len(s.nbr[e]))] {
							if s.where[nb] == r.idx {
								p := int(s.pos[nb])
								cand = append(cand, p-1, p)
							}
						}
					}
				}
				for _, q := range cand {
					if q >= i-1 && q <= j {
						continue
					}
					if s.moveSeg(r, i, j, q) {
						again, changed = true, true
						break
					}
				}
			}
		}
	}
	return changed
}

// moveSeg moves positions i..j of r between q and q+1 (q outside
// [i-1, j]), forwards or reversed, if that lowers travel and stays
// feasible; it reports whether it did.
func (s *solver) moveSeg(r *rstate, i, j, q int) bool {
	f, g := r.nodes[i], r.nodes[j]
	u, w := r.nodes[i-1], r.nodes[j+1]
	gain := s.t(u, f) + s.t(g, w) - s.t(u, w)
	x, y := r.nodes[q], r.nodes[q+1]
	for rev := 0; rev < 2; rev++ {
		if rev == 1 && i == j {
			break
		}
		var add int64
		if rev == 0 {
			add = s.t(x, f) + s.t(g, y) - s.t(x, y)
		} else {
			add = s.t(x, g) + s.t(f, y) - s.t(x, y) + (r.rcum[j] - r.rcum[i]) - (r.cum[j] - r.cum[i])
		}
		if add-gain >= 0 {
			continue
		}
		mid := s.buf[:0]
		seg := func() {
			if rev == 0 {
				mid = append(mid, r.nodes[i:j+1]...)
			} else {
				for z := j; z >= i; z-- {
					mid = append(mid, r.nodes[z])
				}
			}
		}
		var ok bool
		if q > j {
			mid = append(mid, r.nodes[j+1:q+1]...)
			seg()
			ok = r.plain || s.via(r, i-1, mid, q+1)
		} else {
			seg()
			mid = append(mid, r.nodes[q+1:i]...)
			ok = r.plain || s.via(r, q, mid, j+1)
		}
		s.buf = mid
		if ok {
			lo, hi := i, q+1
			if q < i {
				lo, hi = q+1, j+1
			}
			copy(r.nodes[lo:hi], mid)
			s.update(r)
			return true
		}
	}
	return false
}

func (s *solver) intra(r *rstate) {
	for !s.stop() {
		a := s.twoOpt(r)
		b := s.orOpt(r)
		if !a && !b {
			break
		}
	}
	r.dirty = false
}

// replace swaps an unvisited customer c in for a visited optional one v
// (in v's place or next to it) when that raises the score, or keeps it and
// lowers travel; v may move to another route at the same time (an ejection
// chain of length one). It applies the best such move and reports whether
// there was one.
func (s *solver) replace() bool {
	type move struct {
		c, r, p, variant int
		br, bp           int // where v moves to (br < 0: v leaves the plan)
		ds, dt           int64
	}
	best := move{c: -1}
	better := func(ds, dt int64) bool {
		if best.c < 0 {
			return true
		}
		return ds > best.ds || (ds == best.ds && dt < best.dt)
	}
	// reloc[v]: cheapest insertion of v into another route, computed lazily.
	type slot struct {
		r, p int
		dt   int64
	}
	reloc := make(map[int]slot)
	relocOf := func(v int) slot {
		if sl, ok := reloc[v]; ok {
			return sl
		}
		sl := slot{r: -1}
		if len(s.rts) > 1 {
			buf := make([]int, 0, 16)
			for _, b := range s.rts {
				if b.idx == s.where[v] {
					continue
				}
				buf = s.nearSlots(buf[:0], b, v)
				for _, q := range buf {
					x, y := b.nodes[q], b.nodes[q+1]
					dt := s.t(x, v) + s.t(v, y) - s.t(x, y)
					if sl.r >= 0 && dt >= sl.dt {
						continue
					}
					if ok, _ := s.canInsert(b, q, v); ok {
						sl = slot{int(b.idx), q, dt}
					}
				}
			}
		}
		reloc[v] = sl
		return sl
	}
	small := len(s.cust) <= nbrCount
	mid := make([]int, 2)
	for _, c := range s.cust {
		if s.where[c] >= 0 || s.isTabu(c) {
			continue
		}
		if s.stop() {
			return false
		}
		try := func(v int) {
			if s.req[v] {
				return
			}
			ds := s.score[c] - s.score[v]
			var dtv int64
			br, bp := -1, -1
			if ds <= 0 {
				if sl := relocOf(v); sl.r >= 0 {
					ds, dtv, br, bp = s.score[c], sl.dt, sl.r, sl.p
				}
			}
			if ds < 0 {
				return
			}
			r := s.rts[s.where[v]]
			p := int(s.pos[v])
			u, w := r.nodes[p-1], r.nodes[p+1]
			base := s.t(u, v) + s.t(v, w)
			ok := func(dt int64) bool {
				return (ds > 0 || dt < 0 || (br >= 0 && dt <= 0)) && better(ds, dt)
			}
			// c in v's place
			mid[0] = c
			if dt := s.t(u, c) + s.t(c, w) - base + dtv; ok(dt) && s.via(r, p-1, mid[:1:1], p+1) {
				best = move{c, int(r.idx), p, 0, br, bp, ds, dt}
			}
			if p >= 2 {
				x := r.nodes[p-2]
				if dt := s.t(x, c) + s.t(c, u) + s.t(u, w) - s.t(x, u) - base + dtv; ok(dt) {
					mid[0], mid[1] = c, u
					if s.via(r, p-2, mid, p+1) {
						best = move{c, int(r.idx), p, 1, br, bp, ds, dt}
					}
				}
			}
			if p+1 <= r.k() {
				y := r.nodes[p+2]
				if dt := s.t(u, w) + s.t(w, c) + s.t(c, y) - base - s.t(w, y) + dtv; ok(dt) {
					mid[0], mid[1] = w, c
					if s.via(r, p-1, mid, p+2) {
						best = move{c, int(r.idx), p, 2, br, bp, ds, dt}
					}
				}
			}
		}
		if small {
			for _, r := range s.rts {
				for _, v := range r.nodes[1 : len(r.nodes)-1] {
					try(v)
				}
			}
		} else {
			for _, v := range s.nbr[c] {
				if s.where[v] >= 0 {
					try(int(v))
				}
			}
		}
	}
	if best.c < 0 {
		return false
	}
	r := s.rts[best.r]
	p := best.p
	v := r.nodes[p]
	s.where[v] = -1
	switch best.variant {
	case 0:
		r.nodes[p] = best.c
	case 1:
		r.nodes[p], r.nodes[p-1] = r.nodes[p-1], best.c
	case 2:
		r.nodes[p], r.nodes[p+1] = r.nodes[p+1], best.c
	}
	r.dirty = true
	s.update(r)
	if best.br >= 0 {
		s.insertAt(s.rts[best.br], best.bp, v)
	}
	return true
}

// interRoute relocates a visit to another route, or exchanges two visits of
// different routes, when that lowers the total travel. It applies the first
// such move and reports whether there was one.
func (s *solver) interRoute() bool {
	mid := make([]int, 1)
	for _, a := range s.rts {
		for p := 1; p <= a.k(); p++ {
			if s.stop() {
				return false
			}
			v := a.nodes[p]
			u, w := a.nodes[p-1], a.nodes[p+1]
			gain := s.t(u, v) + s.t(v, w) - s.t(u, w)
			for _, b := range s.rts {
				if b == a {
					continue
				}
				s.buf = s.slots(s.buf[:0], b, v)
				for _, q := range s.buf {
					x, y := b.nodes[q], b.nodes[q+1]
					if s.t(x, v)+s.t(v, y)-s.t(x, y)-gain >= 0 {
						continue
					}
					if ok, _ := s.canInsert(b, q, v); ok && s.via(a, p-1, nil, p+1) {
						s.removeRange(a, p, p+1)
						s.insertAt(b, q, v)
						return true
					}
				}
				// exchange v with a visit of b
				for q := 1; q <= b.k(); q++ {
					z := b.nodes[q]
					x, y := b.nodes[q-1], b.nodes[q+1]
					d := s.t(u, z) + s.t(z, w) - s.t(u, v) - s.t(v, w) +
						s.t(x, v) + s.t(v, y) - s.t(x, z) - s.t(z, y)
					if d >= 0 {
						continue
					}
					mid[0] = z
					if !s.via(a, p-1, mid, p+1) {
						continue
					}
					mid[0] = v
					if !s.via(b, q-1, mid, q+1) {
						continue
					}
					a.nodes[p], b.nodes[q] = z, v
					a.dirty, b.dirty = true, true
					s.update(a)
					s.update(b)
					return true
				}
			}
		}
	}
	return false
}

// localSearch applies improving moves until none is left (or ctx ends).
func (s *solver) localSearch() {
	for !s.stop() {
		for _, r := range s.rts {
			if r.dirty {
				s.intra(r)
			}
		}
		if s.insertAll() > 0 {
			continue
		}
		if s.nreq > 0 && s.repairRequired() {
			continue
		}
		if s.replace() {
			continue
		}
		if len(s.rts) > 1 && s.interRoute() {
			continue
		}
		if !s.useTab && s.objective().score >= s.polishFrom && s.polish() {
			continue
		}
		break
	}
}

// polishMin is the least number of visits for which a route is re-sequenced
// by the Lin–Kernighan engine.
const polishMin = 20

// polish re-sequences, with the tsp engine (chained Lin–Kernighan), every
// changed route whose feasibility depends on its travel alone (no windows on
// its visits, no break), keeping the new order when it is shorter. It
// reports whether a route got shorter.
func (s *solver) polish() bool {
	better := false
	for _, r := range s.rts {
		if !r.unpolished || r.k() < polishMin || r.hasBrk {
			continue
		}
		r.unpolished = false
		plain := true
		for _, c := range r.nodes[1 : len(r.nodes)-1] {
			if s.win[c] != nil {
				plain = false
				break
			}
		}
		if !plain || s.stop() {
			continue
		}
		if s.resequence(r) {
			better = true
		}
	}
	return better
}

// resequenceAny orders r's visits with the tsp engine and adopts the order
// if it is shorter, feasible or not.
func (s *solver) resequenceAny(r *rstate) bool { return s.reorder(r, false) }

// resequence orders r's visits with the tsp engine and adopts the order if
// it is shorter and feasible.
func (s *solver) resequence(r *rstate) bool { return s.reorder(r, true) }

func (s *solver) reorder(r *rstate, mustFit bool) bool {
	m := len(r.nodes)
	old := slices.Clone(r.nodes)
	nodes := old
	in := tsp.Instance{Start: 0}
	switch last := nodes[m-1]; {
	case last == s.n: // open route: a path ending anywhere
		nodes = nodes[:m-1]
		in.End = -1
	case last == nodes[0]: // closed tour
		nodes = nodes[:m-1]
		in.End = 0
	default:
		in.End = m - 1
	}
	n := len(nodes)
	in.N = n
	in.Cost = make([]int64, n*n)
	for i, u := range nodes {
		for j, v := range nodes {
			if i != j {
				in.Cost[i*n+j] = s.t(u, v)
			}
		}
	}
	res, err := tsp.Solve(s.ctx, in, tsp.Options{Seed: int64(s.rng.Uint64() >> 1), ExactLimit: -1, MaxKicks: polishKicks})
	if err != nil || res.Cost >= r.travel() {
		return false
	}
	seq := r.nodes[:0]
	for _, i := range res.Order {
		seq = append(seq, nodes[i])
	}
	if in.End != int(m-1) {
		seq = append(seq, old[m-1])
	}
	r.nodes = seq
	s.update(r)
	if (mustFit && !r.feasible()) || r.travel() >= s.pathTravel(old) {
		r.nodes = old
		s.update(r)
		return false
	}
	r.dirty = true
	r.unpolished = false
	return true
}

func (s *solver) pathTravel(nodes []int) int64 {
	var t int64
	for i := 1; i < len(nodes); i++ {
		t += s.t(nodes[i-1], nodes[i])
	}
	return t
}

// shake removes visits to perturb the current solution and makes them tabu
// for a few iterations. Required visits are kept once all of them are placed.
func (s *solver) shake() {
	out := make([]bool, s.n1)
	keepReq := len(s.missingRequired()) == 0
	removable := func(c int) bool { return !(keepReq && s.req[c]) }
	visited := 0
	for _, r := range s.rts {
		visited += r.k()
	}
	if visited == 0 {
		return
	}
	mark := func(r *rstate) {
		// remove every marked visit of r
		keep := r.nodes[:1]
		for _, c := range r.nodes[1 : len(r.nodes)-1] {
			if out[c] {
				s.where[c] = -1
				s.tabu[c] = s.iters + 1 + s.rng.IntN(3)
			} else {
				keep = append(keep, c)
			}
		}
		keep = append(keep, r.nodes[len(r.nodes)-1])
		r.nodes = keep
		r.dirty = true
		s.update(r)
	}
	plain := true
	for _, r := range s.rts {
		plain = plain && r.plain
	}
	if plain && s.rng.IntN(2) == 0 {
		if s.rng.IntN(2) == 0 {
			s.overfillCluster(1 + s.rng.IntN(max(1, visited/10)))
		} else {
			s.overfill(1 + s.rng.IntN(max(1, visited/10)))
		}
		return
	}
	modes := 3
	if len(s.rts) > 1 {
		modes = 4
	}
	switch mode := s.rng.IntN(modes); mode {
	case 3: // exchange the tails of two routes, dropping what no longer fits
		ai := s.rng.IntN(len(s.rts))
		bi := s.rng.IntN(len(s.rts) - 1)
		if bi >= ai {
			bi++
		}
		a, b := s.rts[ai], s.rts[bi]
		i, j := 1+s.rng.IntN(a.k()+1), 1+s.rng.IntN(b.k()+1)
		na := append(slices.Clone(a.nodes[1:i]), b.nodes[j:len(b.nodes)-1]...)
		nb := append(slices.Clone(b.nodes[1:j]), a.nodes[i:len(a.nodes)-1]...)
		for _, c := range na {
			s.where[c] = -1
		}
		for _, c := range nb {
			s.where[c] = -1
		}
		s.refill(a, na, out)
		s.refill(b, nb, out)
		for _, c := range s.cust {
			if out[c] && s.where[c] < 0 {
				s.tabu[c] = s.iters + 1 + s.rng.IntN(3)
			}
		}
	case 0: // consecutive visits at a rotating position in every route
		for _, r := range s.rts {
			k := r.k()
			if k == 0 {
				continue
			}
			for z := range min(s.shS, k) {
				c := r.nodes[1+(s.shP+z)%k]
				if removable(c) {
					out[c] = true
				}
			}
			mark(r)
		}
		s.shP += s.shS
		s.shS++
		if s.shS > max(2, visited/(3*len(s.rts))) {
			s.shS = 1
		}
	case 1: // random visits
		q := 1 + s.rng.IntN(max(1, visited/4))
		for range q {
			r := s.rts[s.rng.IntN(len(s.rts))]
			if r.k() == 0 {
				continue
			}
			c := r.nodes[1+s.rng.IntN(r.k())]
			if removable(c) {
				out[c] = true
			}
		}
		for _, r := range s.rts {
			mark(r)
		}
	default: // a random visit and its nearest visited neighbours
		r := s.rts[s.rng.IntN(len(s.rts))]
		for r.k() == 0 {
			r = s.rts[s.rng.IntN(len(s.rts))]
		}
		c := r.nodes[1+s.rng.IntN(r.k())]
		q := 1 + s.rng.IntN(max(1, visited/4))
		if removable(c) {
			out[c] = true
		}
		for _, nb := range s.nbr[c] {
			if q == 0 {
				break
			}
			if s.where[nb] >= 0 && removable(int(nb)) {
				out[nb] = true
				q--
			}
		}
		for _, r := range s.rts {
			mark(r)
		}
	}
}

// overfill inserts q unvisited customers at their cheapest places,
// ignoring the routes' budgets, shortens the routes, then drops the visits
// with the worst score for the travel they cost until every route fits
// again. Only for plain routes, whose feasibility depends on travel alone.
func (s *solver) overfill(q int) {
	s.setWeights(1+s.rng.Float64()*2, 0.3)
	// cheapest place of c: returns route, position and key weight/added travel
	place := func(c int) (int, int, float64) {
		br, bp, bk := -1, -1, 0.0
		for _, r := range s.rts {
			s.buf = s.nearSlots(s.buf[:0], r, c)
			for _, p := range s.buf {
				u, w := r.nodes[p], r.nodes[p+1]
				add := s.t(u, c) + s.t(c, w) - s.t(u, w) + s.svc[c]
				if key := s.weight[c] / (float64(max(add, 0)) + 1); key > bk {
					br, bp, bk = int(r.idx), p, key
				}
			}
		}
		return br, bp, bk
	}
	type cand struct {
		c   int
		key float64
	}
	var cands []cand
	for _, c := range s.cust {
		if s.where[c] >= 0 {
			continue
		}
		if s.stop() {
			break
		}
		if r, _, key := place(c); r >= 0 {
			cands = append(cands, cand{c, key})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.key, a.key) })
	for _, cd := range cands[:min(q, len(cands))] {
		if r, p, _ := place(cd.c); r >= 0 {
			s.insertAt(s.rts[r], p, cd.c)
		}
	}
	s.trim(nil)
}

// trim shortens every infeasible plain route and drops the visits with the
// worst score for the travel they cost until it fits; visits marked in keep
// go after the others, required visits last.
func (s *solver) trim(keep []bool) {
	for _, r := range s.rts {
		if r.feasible() {
			continue
		}
		s.intra(r)
		for !r.feasible() {
			bestP := -1
			bestKey := math.Inf(1)
			for p := 1; p <= r.k(); p++ {
				c := r.nodes[p]
				save := s.t(r.nodes[p-1], c) + s.t(c, r.nodes[p+1]) - s.t(r.nodes[p-1], r.nodes[p+1]) + s.svc[c]
				key := s.weight[c] / (float64(max(save, 0)) + 1)
				if s.req[c] {
					key += 1e300 // required visits go last (an empty route fits)
				} else if keep != nil && keep[c] {
					key += 1e200
				}
				if key < bestKey {
					bestKey, bestP = key, p
				}
			}
			if bestP < 0 {
				break
			}
			c := r.nodes[bestP]
			s.removeRange(r, bestP, bestP+1)
			s.tabu[c] = s.iters + 1
		}
	}
}

// overfillCluster inserts a random unvisited customer and up to q of its
// nearest unvisited neighbours at their cheapest places, re-sequences, and
// trims the routes, dropping other visits first: a jump to another region.
func (s *solver) overfillCluster(q int) {
	var un []int
	for _, c := range s.cust {
		if s.where[c] < 0 {
			un = append(un, c)
		}
	}
	if len(un) == 0 {
		return
	}
	s.setWeights(1+s.rng.Float64()*2, 0.3)
	seed := un[s.rng.IntN(len(un))]
	keep := make([]bool, s.n1)
	group := []int{seed}
	for _, nb := range s.nbr[seed] {
		if len(group) > q {
			break
		}
		if s.where[nb] < 0 {
			group = append(group, int(nb))
		}
	}
	for _, c := range group {
		br, bp := -1, -1
		var bc int64 = math.MaxInt64
		for _, r := range s.rts {
			for p := 0; p <= r.k(); p++ {
				u, w := r.nodes[p], r.nodes[p+1]
				if add := s.t(u, c) + s.t(c, w) - s.t(u, w); add < bc {
					br, bp, bc = int(r.idx), p, add
				}
			}
		}
		s.insertAt(s.rts[br], bp, c)
		keep[c] = true
	}
	for _, r := range s.rts {
		if !r.feasible() {
			s.intra(r)
			if !r.feasible() && r.k() >= polishMin && !s.stop() {
				s.resequenceAny(r)
			}
		}
	}
	s.trim(keep)
}

// refill replaces the visits of r by the longest greedy feasible
// subsequence of seq; the dropped customers are marked in out.
// The caller has marked the customers of seq unvisited.
func (s *solver) refill(r *rstate, seq []int, out []bool) {
	r.nodes = append(r.nodes[:1], r.nodes[len(r.nodes)-1])
	s.update(r)
	for _, c := range seq {
		if ok, _ := s.canInsert(r, r.k(), c); ok {
			r.nodes = slices.Insert(r.nodes, r.k()+1, c)
			s.update(r)
		} else {
			out[c] = true
		}
	}
	r.dirty = true
}

// run is the iterated local search.
func (s *solver) run(ctx context.Context) {
	s.ctx, s.done = ctx, ctx.Done()
	s.shS = 1
	s.setWeights(2, 0)
	s.insertAll()
	s.repairRequired()
	s.localSearch()
	var best, cand, cur snapshot
	s.save(&best)
	s.save(&cur)
	s.polishFrom = best.obj.score
	maxNoImp := s.opt.MaxNoImprove
	if maxNoImp <= 0 {
		maxNoImp = 300 + 4*len(s.cust)
		if _, ok := ctx.Deadline(); ok {
			maxNoImp *= 10
		}
	}
	noImp := 0
	alphas := [...]float64{1, 2, 2, 3}
	s.tabu = make([]int, s.n1)
	s.useTab = true
	for !s.stop() && noImp < maxNoImp && (s.opt.MaxIterations <= 0 || s.iters < s.opt.MaxIterations) {
		s.iters++
		s.shake()
		s.setWeights(alphas[s.rng.IntN(len(alphas))], 0.3)
		s.insertAll()
		s.setWeights(2, 0)
		s.localSearch()
		s.useTab = false
		s.localSearch()
		s.useTab = true
		s.save(&cand)
		switch {
		case cand.obj.better(best.obj):
			best.copyFrom(&cand)
			cur.copyFrom(&cand)
			noImp = 0
			s.shS = 1
			s.polishFrom = best.obj.score
		case s.walk || !cur.obj.better(cand.obj) ||
			s.rng.Float64() < math.Exp(-float64(cur.obj.score-cand.obj.score)/(acceptTau*float64(max(best.obj.score, 1)))):
			noImp++
			cur.copyFrom(&cand)
		default:
			noImp++
			s.load(&cur)
		}
		if noImp > 0 && noImp%restartEvery == 0 {
			// A quarter of the restarts random-walk (accept every candidate,
			// as Vansteenwegen et al.'s ILS does): some instances (Solomon
			// rc103) are solved that way and not by annealing.
			s.walk = s.rng.IntN(4) == 0
			s.load(&best)
			cur.copyFrom(&best)
			for _, c := range s.cust {
				s.tabu[c] = 0
			}
		}
	}
	// Polish the best solution without tabu restrictions.
	s.useTab = false
	s.load(&best)
	if !s.stop() {
		s.localSearch()
	}
	s.save(&cand)
	if cand.obj.better(best.obj) {
		best = cand
	}
	s.load(&best)
}

// result builds the Result from the solver's current state.
func (s *solver) result() Result {
	res := Result{
		Routes:     make([][]int, len(s.rts)),
		Starts:     make([][]int64, len(s.rts)),
		BreakAfter: make([]int, len(s.rts)),
		BreakStart: make([]int64, len(s.rts)),
		Iterations: s.iters,
		Canceled:   s.halted,
	}
	for i, r := range s.rts {
		res.Routes[i] = slices.Clone(r.nodes[1 : len(r.nodes)-1])
		res.Starts[i], res.BreakAfter[i], res.BreakStart[i] = s.schedule(r)
		res.Score += r.score
		res.Travel += r.travel()
	}
	return res
}
