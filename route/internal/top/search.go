package top

import (
	"context"
	"math"
	"slices"

	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
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
	s.construct()
	s.ctx = ctx
	s.localSearch()
	var best, cand, cur snapshot
	s.save(&best)
	s.save(&cur)
	s.polishFrom = best.obj.score
	stall := stallRule{fixed: s.opt.MaxNoImprove, budget: s.opt.MaxNoImprove}
	if stall.fixed <= 0 {
		windows := s.windowed()
		stall.budget = stallBudget(len(s.cust), windows)
		stall.n = len(s.cust)
		stall.deep = len(s.rts) == 1 && !windows && !s.rts[0].hasBrk
		if stall.deep {
			stall.cap = deepStop
		}
		if len(s.cust) > maxStall {
			stall.cap = min(4*maxStall, largeWork/len(s.cust))
		}
	}
	alphas := [...]float64{1, 2, 2, 3}
	s.tabu = make([]int, s.n1)
	s.useTab = true
	for !s.stop() && (s.opt.MaxIterations <= 0 || s.iters < s.opt.MaxIterations) {
		if stall.done(s.iters, int(best.obj.count)) || best.obj.score == s.top.score && best.obj.count == s.top.count && s.certify(&best) {
			break
		}
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
			stall.improved(s.iters)
			s.shS = 1
			s.polishFrom = best.obj.score
		case s.walk || !cur.obj.better(cand.obj) ||
			s.rng.Float64() < math.Exp(-float64(cur.obj.score-cand.obj.score)/(acceptTau*float64(max(best.obj.score, 1)))):
			stall.noImp++
			cur.copyFrom(&cand)
		default:
			stall.noImp++
			s.load(&cur)
		}
		if stall.noImp > 0 && stall.noImp%restartEvery == 0 {
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
	if !s.stop() && !s.optimal {
		s.localSearch()
	}
	s.save(&cand)
	if cand.obj.better(best.obj) {
		best = cand
	}
	s.load(&best)
}

// construct builds the first plan by greedy ratio insertion and shortens
// each route by 2-opt and Or-opt, ignoring the context: whatever the
// deadline, the search returns at least this plan.
func (s *solver) construct() {
	s.ctx = nil
	s.top = s.bound()
	s.shS = 1
	s.setWeights(2, 0)
	s.insertAll()
	s.repairRequired()
	for _, r := range s.rts {
		s.intra(r)
	}
}

// stallBudget is the default number of perturbations in a row without a
// better plan after which the search stops, for n customers: 50 + n, plus
// 2000/n so that small instances, whose perturbations cost microseconds,
// search longer (a 7-customer instance gets 342, 64 customers 145, 400
// customers 455); beyond maxStall customers it stays at 50 + maxStall,
// as a perturbation of a large instance costs milliseconds and changes
// only a few of its routes' visits. With windows on the customers' visits
// it is windowStall times as large: there an insertion is checked only at
// the positions whose times can meet the customer's windows, so a
// perturbation costs less than one without windows, while the plans that
// fit the windows lie further apart.
func stallBudget(n int, windows bool) int {
	b := 50 + min(n, maxStall) + 2000/max(n, 1)
	if windows {
		b *= windowStall
	}
	return b
}

// windowed reports whether some customer has windows on its visits.
func (s *solver) windowed() bool {
	return slices.ContainsFunc(s.cust, func(c int) bool { return s.win[c] != nil })
}

// stallRule decides when the search has converged: after budget
// perturbations in a row without a better plan; unless the budget is
// fixed (Options.MaxNoImprove), also not before the search has run as
// long again as it took to find its best plan, nor before floor
// perturbations in all. With a cap, it also stops after cap perturbations
// in all.
type stallRule struct {
	fixed, budget int
	cap           int  // 0: none
	n             int  // customers, for the floor; 0: no floor
	deep          bool // the floor grows with n·v (one route, no windows, no break)
	noImp, last   int  // perturbations since the best plan, and when it was found
}

// floor is the least number of perturbations of a default search whose
// best plan has v visits: floorPerRatio·n/v, so that a problem where few
// of its n customers fit searches longer among the many ways to choose
// them, but at most floorWork/(n·v), as a perturbation's insertions cost
// about n·v. For a deep rule (the orienteering problem: one route, no
// windows, no break) with n·v at least deepFrom it is at least
// (n·v)²/deepWork, at most deepCap: the ways to choose and order many
// visits among many customers grow much faster than a perturbation's
// work, and such a search keeps finding better plans long after the stall
// budget would stop it. Beyond maxStall customers (the capped budget)
// there is none.
func (r *stallRule) floor(v int) int {
	if r.n <= 0 || r.n > maxStall {
		return 0
	}
	v = max(v, 1)
	w := r.n * v
	f := min(floorPerRatio*r.n/v, floorWork/w)
	if r.deep && w >= deepFrom {
		f = max(f, min(w*w/deepWork, deepCap))
	}
	return f
}

func (r *stallRule) improved(iter int) { r.noImp, r.last = 0, iter }

// done reports whether the search stops after iters perturbations, its
// best plan having visits visits.
func (r *stallRule) done(iters, visits int) bool {
	budget := r.budget
	if r.fixed <= 0 {
		budget = max(budget, r.last)
	}
	return r.noImp >= budget && iters >= r.floor(visits) || r.cap > 0 && iters >= r.cap
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
		Optimal:    s.optimal && !s.halted,
	}
	for i, r := range s.rts {
		res.Routes[i] = slices.Clone(r.nodes[1 : len(r.nodes)-1])
		res.Starts[i], res.BreakAfter[i], res.BreakStart[i] = s.schedule(r)
		res.Score += r.score
		res.Travel += r.travel()
	}
	return res
}

// bound is the best score and count any plan can reach: the customers
// that fit into some route on their own. It is called on empty routes.
func (s *solver) bound() objective {
	var o objective
	for _, c := range s.cust {
		for _, r := range s.rts {
			if ok, _ := s.canInsert(r, 0, c); ok {
				o.score += s.score[c]
				o.count++
				break
			}
		}
	}
	return o
}

// certify tries to prove best optimal once it visits every reachable
// customer: with one route whose feasibility depends on travel alone and
// few enough visits, the exact Held–Karp order of its visits is the
// optimum. On success best holds that order, s.optimal is set and certify
// reports true. It is tried once.
func (s *solver) certify(best *snapshot) bool {
	if s.certTried {
		return false
	}
	s.certTried = true
	if len(s.rts) != 1 || s.rts[0].hasBrk {
		return false
	}
	seq := best.seqs[0]
	if len(seq)-2 > tsp.DefaultExactLimit {
		return false
	}
	for _, c := range seq[1 : len(seq)-1] {
		if s.win[c] != nil {
			return false
		}
	}
	s.load(best)
	if !s.reorder(s.rts[0], reorderExact) {
		return false
	}
	s.save(best)
	s.optimal = true
	return true
}
