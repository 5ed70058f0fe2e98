package top

import (
	"slices"

	"github.com/chuanzhu/chuanzhu/route/internal/tsp"
)

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
		// the arcs a→ci and cj→b leave: cum holds them
		delta := s.t(a, cj) + s.t(ci, b) - (r.cum[i] - r.cum[i-1]) - (r.cum[j+1] - r.cum[j]) + (r.rcum[j] - r.rcum[i]) - (r.cum[j] - r.cum[i])
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
	seen := &s.seen
	for again := true; again && !s.stop(); {
		again = false
		for l := 1; l <= 3; l++ {
			for i := 1; i+l-1 <= k; i++ {
				j := i + l - 1
				// the travel saved by taking i..j out (the arcs around it
				// read from cum, which holds them)
				gain := r.cum[i] - r.cum[i-1] + r.cum[j+1] - r.cum[j] - s.t(r.nodes[i-1], r.nodes[j+1])
				if full {
					for q := 0; q <= k; q++ {
						if (q < i-1 || q > j) && s.moveSeg(r, i, j, q, gain) {
							again, changed = true, true
							break
						}
					}
					continue
				}
				// the places next to the ends' neighbours, each once, in
				// the order first met (a place tried again gives the same
				// answer)
				cand = append(cand[:0], 0, k)
				seen.reset(k + 1)
				seen.add(0)
				seen.add(k)
				for _, e := range [2]int{r.nodes[i], r.nodes[j]} {
					for _, nb := range s.nbr[e][:min(nbrIntra, len(s.nbr[e]))] {
						if s.where[nb] == r.idx {
							p := int(s.pos[nb])
							if seen.add(p - 1) {
								cand = append(cand, p-1)
							}
							if seen.add(p) {
								cand = append(cand, p)
							}
						}
					}
				}
				for _, q := range cand {
					if (q < i-1 || q > j) && s.moveSeg(r, i, j, q, gain) {
						again, changed = true, true
						break
					}
				}
			}
		}
	}
	return changed
}

// marks is a set of small non-negative integers, emptied in O(1).
type marks struct {
	at  []uint32 // at[x] == gen: x is in the set
	gen uint32
}

// reset empties the set and makes room for 0..n-1.
func (m *marks) reset(n int) {
	if len(m.at) < n {
		m.at = make([]uint32, 2*n)
		m.gen = 0
	}
	m.gen++
	if m.gen == 0 { // wrapped: clear the stale marks
		clear(m.at)
		m.gen = 1
	}
}

// add adds x and reports whether it was new.
func (m *marks) add(x int) bool {
	if m.at[x] == m.gen {
		return false
	}
	m.at[x] = m.gen
	return true
}

// moveSeg moves positions i..j of r between q and q+1 (q outside
// [i-1, j]), forwards or reversed, if that lowers travel (by more than
// gain, the travel saved by taking i..j out) and stays feasible; it
// reports whether it did.
func (s *solver) moveSeg(r *rstate, i, j, q int, gain int64) bool {
	f, g := r.nodes[i], r.nodes[j]
	x, y := r.nodes[q], r.nodes[q+1]
	xy := r.cum[q+1] - r.cum[q]
	for rev := 0; rev < 2; rev++ {
		if rev == 1 && i == j {
			break
		}
		var add int64
		if rev == 0 {
			add = s.t(x, f) + s.t(g, y) - xy
		} else {
			add = s.t(x, g) + s.t(f, y) - xy + (r.rcum[j] - r.rcum[i]) - (r.cum[j] - r.cum[i])
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
func (s *solver) resequenceAny(r *rstate) bool { return s.reorder(r, reorderAny) }

// resequence orders r's visits with the tsp engine and adopts the order if
// it is shorter and feasible.
func (s *solver) resequence(r *rstate) bool { return s.reorder(r, reorderFit) }

// reorderMode says which order reorder adopts.
type reorderMode int

const (
	reorderAny   reorderMode = iota // a shorter one, feasible or not
	reorderFit                      // a shorter feasible one
	reorderExact                    // the exact optimum (Held–Karp): reorder reports whether r now has it
)

// reorder orders r's visits with the tsp engine (see reorderMode) and
// reports whether it adopted a new order (reorderExact: whether r's order
// is now proven optimal).
func (s *solver) reorder(r *rstate, mode reorderMode) bool {
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
	if s.tt == nil { // a computed table: a long route's part of it stays computed
		sub := s.tab.Sub(nodes)
		in.Table = &sub
	} else {
		in.Cost = make([]int64, n*n)
		for i, u := range nodes {
			for j, v := range nodes {
				if i != j {
					in.Cost[i*n+j] = s.t(u, v)
				}
			}
		}
	}
	opt := tsp.Options{Seed: int64(s.rng.Uint64() >> 1), ExactLimit: -1, MaxKicks: polishKicks}
	if mode == reorderExact {
		opt.ExactLimit = 0
	}
	res, err := tsp.Solve(s.ctx, in, opt)
	if err != nil || mode == reorderExact && !res.Optimal {
		return false
	}
	if res.Cost >= r.travel() {
		return mode == reorderExact && res.Cost == r.travel()
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
	if (mode != reorderAny && !r.feasible()) || r.travel() >= s.pathTravel(old) {
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
