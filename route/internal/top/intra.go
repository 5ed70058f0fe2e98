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
					if s.orFull(r, i, j, gain) {
						again, changed = true, true
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

// orFull tries every place of r for positions i..j, in order, and makes
// the first move that lowers the travel and keeps the route feasible
// (moveSeg); a route with windows and no break is checked by orTimed.
func (s *solver) orFull(r *rstate, i, j int, gain int64) bool {
	if !r.plain && !r.hasBrk {
		return s.orTimed(r, i, j, gain)
	}
	for q := 0; q <= r.k(); q++ {
		if (q < i-1 || q > j) && s.moveSeg(r, i, j, q, gain) {
			return true
		}
	}
	return false
}

// orTimed is orFull on a route with windows and no break, each place
// checked in O(length of i..j) rather than by via's walk to it. Before i,
// the latest arrival at each position that still reaches j+1 in time once
// i..j is gone is computed backwards from j+1, and the stretch placed
// after q need only arrive at q+1 by it; after j, the earliest departure
// from each position without i..j is carried forwards, and the stretch
// placed after q need only reach q+1 by its latest arrival, which does not
// change. Both are computed only as far as the places whose travel is
// lower need, and the places where the route's times cannot meet the
// windows of the stretch's ends are skipped (the earliest departures
// before i and the latest arrivals after j grow along the route). The
// same moves as moveSeg's, in the same order.
func (s *solver) orTimed(r *rstate, i, j int, gain int64) bool {
	f, g := r.nodes[i], r.nodes[j]
	leave, arrive := min(s.firstLeave(f), s.firstLeave(g)), max(s.lastStart(f), s.lastStart(g))
	segs := [2][]int{r.nodes[i : j+1], s.revBuf[:0]}
	for z := j; z >= i; z-- {
		segs[1] = append(segs[1], r.nodes[z])
	}
	s.revBuf = segs[1]
	try := func(q int, d, late int64) bool {
		for rev, seg := range segs {
			if (rev == 0 || i != j) && s.segAdd(r, i, j, q, rev) < gain && s.fits(d, r.nodes[q], seg, r.nodes[q+1], late) {
				s.shiftSeg(r, i, j, q, rev)
				return true
			}
		}
		return false
	}
	if cap(s.lateBuf) < i {
		s.lateBuf = make([]int64, 2*i+8)
	}
	late := s.lateBuf[:i]
	lp, l, next := i, r.a1[j+1], r.nodes[j+1] // late[lp:] is computed
	for q := 0; q < i-1 && r.d1[q] <= arrive; q++ {
		if !s.shorter(r, i, j, q, gain) {
			continue
		}
		for lp > q+1 {
			lp--
			v := r.nodes[lp]
			if l > -inf {
				l -= s.t(v, next)
			}
			late[lp] = latest(s.win[v], s.svc[v], l)
			l, next = late[lp], v
		}
		if try(q, r.d1[q], late[q+1]) {
			return true
		}
	}
	dp, d, u := j, r.d1[i-1], r.nodes[i-1] // d: the departure from position dp
	for q := j + 1; q <= r.k(); q++ {
		if r.a1[q+1] < leave || !s.shorter(r, i, j, q, gain) {
			continue
		}
		for dp < q {
			dp++
			x := r.nodes[dp]
			if d = s.depart(x, d+s.t(u, x)); d >= inf {
				return false // every later place is as late
			}
			u = x
		}
		if try(q, d, r.a1[q+1]) {
			return true
		}
	}
	return false
}

// fits reports whether leaving u at d, visiting seg in order and going on
// to w arrives at w by late (no break).
func (s *solver) fits(d int64, u int, seg []int, w int, late int64) bool {
	for _, v := range seg {
		if d = s.depart(v, d+s.t(u, v)); d >= inf {
			return false
		}
		u = v
	}
	return d+s.t(u, w) <= late
}

// firstLeave is the earliest a visit to c can end (-inf: no windows).
func (s *solver) firstLeave(c int) int64 {
	if ws := s.win[c]; ws != nil {
		return ws[0].Open + s.svc[c]
	}
	return -inf
}

// lastStart is the latest a visit to c can start (inf: no windows).
func (s *solver) lastStart(c int) int64 {
	if ws := s.win[c]; ws != nil {
		return ws[len(ws)-1].Close - s.svc[c]
	}
	return inf
}

// shorter reports whether moving positions i..j of r between q and q+1,
// forwards or reversed, lowers its travel (by more than gain, the travel
// saved by taking i..j out): moveSeg's test before feasibility, written
// out rather than by two calls of segAdd, which cost orTimed 5%.
func (s *solver) shorter(r *rstate, i, j, q int, gain int64) bool {
	x, y := r.nodes[q], r.nodes[q+1]
	f, g := r.nodes[i], r.nodes[j]
	xy := r.cum[q+1] - r.cum[q]
	if s.t(x, f)+s.t(g, y)-xy < gain {
		return true
	}
	return i != j && s.t(x, g)+s.t(f, y)-xy+(r.rcum[j]-r.rcum[i])-(r.cum[j]-r.cum[i]) < gain
}

// segAdd is the travel added by placing positions i..j of r between q and
// q+1, forwards (rev 0) or reversed (1).
func (s *solver) segAdd(r *rstate, i, j, q, rev int) int64 {
	x, y := r.nodes[q], r.nodes[q+1]
	xy := r.cum[q+1] - r.cum[q]
	if rev == 0 {
		return s.t(x, r.nodes[i]) + s.t(r.nodes[j], y) - xy
	}
	return s.t(x, r.nodes[j]) + s.t(r.nodes[i], y) - xy + (r.rcum[j] - r.rcum[i]) - (r.cum[j] - r.cum[i])
}

// segMid appends to buf the nodes that replace the stretch between i-1
// and q+1 (q > j) or between q and j+1 (q < i-1) when positions i..j of r
// move between q and q+1, forwards (rev 0) or reversed (1).
func segMid(buf []int, r *rstate, i, j, q, rev int) []int {
	seg := func() {
		if rev == 0 {
			buf = append(buf, r.nodes[i:j+1]...)
		} else {
			for z := j; z >= i; z-- {
				buf = append(buf, r.nodes[z])
			}
		}
	}
	if q > j {
		buf = append(buf, r.nodes[j+1:q+1]...)
		seg()
	} else {
		seg()
		buf = append(buf, r.nodes[q+1:i]...)
	}
	return buf
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
		ok := r.plain
		if !ok {
			s.buf = segMid(s.buf[:0], r, i, j, q, rev)
			if q > j {
				ok = s.via(r, i-1, s.buf, q+1)
			} else {
				ok = s.via(r, q, s.buf, j+1)
			}
		}
		if ok {
			s.shiftSeg(r, i, j, q, rev)
			return true
		}
	}
	return false
}

// shiftSeg moves positions i..j of r between q and q+1, forwards (rev 0)
// or reversed (1).
func (s *solver) shiftSeg(r *rstate, i, j, q, rev int) {
	s.buf = segMid(s.buf[:0], r, i, j, q, rev)
	lo, hi := i, q+1
	if q < i {
		lo, hi = q+1, j+1
	}
	copy(r.nodes[lo:hi], s.buf)
	s.update(r)
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
	opt := tsp.Options{Seed: int64(s.rng.Uint64() >> 1), ExactLimit: -1, MaxKicks: polishKicks, KickWindow: polishWindow}
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
