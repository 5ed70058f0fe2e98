package top

import (
	"cmp"
	"math"
	"slices"
)

// shake removes visits to perturb the current solution and makes them tabu
// for a few iterations. Required visits are kept once all of them are placed.
func (s *solver) shake() {
	visited := 0
	for _, r := range s.rts {
		visited += r.k()
	}
	if visited == 0 {
		return
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
	sh := shaking{s: s, out: make([]bool, s.n1), keepReq: len(s.missingRequired()) == 0}
	switch mode := s.rng.IntN(modes); mode {
	case 3:
		sh.tails()
	case 0:
		sh.segments(visited)
	case 1:
		sh.random(visited)
	default:
		sh.cluster(visited)
	}
}

// shaking is one perturbation: the visits marked in out leave the plan.
type shaking struct {
	s       *solver
	out     []bool
	keepReq bool // required visits stay (all of them are placed)
}

// mark marks c for removal unless it is a required visit that must stay.
func (sh *shaking) mark(c int) {
	if !(sh.keepReq && sh.s.req[c]) {
		sh.out[c] = true
	}
}

// drop removes every marked visit of r and makes it tabu.
func (sh *shaking) drop(r *rstate) {
	s := sh.s
	keep := r.nodes[:1]
	for _, c := range r.nodes[1 : len(r.nodes)-1] {
		if sh.out[c] {
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

// dropAll removes the marked visits of every route.
func (sh *shaking) dropAll() {
	for _, r := range sh.s.rts {
		sh.drop(r)
	}
}

// tails exchanges the tails of two routes, dropping what no longer fits.
func (sh *shaking) tails() {
	s := sh.s
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
	s.refill(a, na, sh.out)
	s.refill(b, nb, sh.out)
	for _, c := range s.cust {
		if sh.out[c] && s.where[c] < 0 {
			s.tabu[c] = s.iters + 1 + s.rng.IntN(3)
		}
	}
}

// segments removes consecutive visits at a rotating position in every
// route (Vansteenwegen et al.'s shake), growing the segment each time.
func (sh *shaking) segments(visited int) {
	s := sh.s
	for _, r := range s.rts {
		k := r.k()
		if k == 0 {
			continue
		}
		for z := range min(s.shS, k) {
			sh.mark(r.nodes[1+(s.shP+z)%k])
		}
		sh.drop(r)
	}
	s.shP += s.shS
	s.shS++
	if s.shS > max(2, visited/(3*len(s.rts))) {
		s.shS = 1
	}
}

// random removes random visits.
func (sh *shaking) random(visited int) {
	s := sh.s
	q := 1 + s.rng.IntN(max(1, visited/4))
	for range q {
		r := s.rts[s.rng.IntN(len(s.rts))]
		if r.k() == 0 {
			continue
		}
		sh.mark(r.nodes[1+s.rng.IntN(r.k())])
	}
	sh.dropAll()
}

// cluster removes a random visit and its nearest visited neighbours.
func (sh *shaking) cluster(visited int) {
	s := sh.s
	r := s.rts[s.rng.IntN(len(s.rts))]
	for r.k() == 0 {
		r = s.rts[s.rng.IntN(len(s.rts))]
	}
	c := r.nodes[1+s.rng.IntN(r.k())]
	q := 1 + s.rng.IntN(max(1, visited/4))
	sh.mark(c)
	for _, nb := range s.nbr[c] {
		if q == 0 {
			break
		}
		if s.where[nb] >= 0 && !(sh.keepReq && s.req[nb]) {
			sh.out[nb] = true
			q--
		}
	}
	sh.dropAll()
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
