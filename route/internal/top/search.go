package top

import (
	"context"
	"math"
	"slices"
)

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

// run is the iterated local search.
func (s *solver) run(ctx context.Context) {
	s.ctx = ctx
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
