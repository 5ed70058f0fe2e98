package top

import "math"

// insertAll repeatedly inserts the unvisited customer with the best ratio
// weight/shift at its cheapest feasible position (required customers
// first, cheapest first) until none fits. Tabu customers are skipped.
// It returns the number inserted.
func (s *solver) insertAll() int {
	count := 0
	for !s.stop() {
		if len(s.cust) > largeN {
			for _, r := range s.rts {
				s.refresh(r)
			}
		}
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
				if e := s.bestIn(r, c); e.ok && e.shift < cs {
					cs, cr, cp = e.shift, int(r.idx), int(e.p)
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

// insertion is the cheapest feasible insertion of a customer into one
// route (ok false: none fits), as of the route's version ver.
type insertion struct {
	ver   uint64
	shift int64
	p     int32
	ok    bool
}

// bestIn returns c's cheapest feasible insertion into r, the first of the
// cheapest positions. It is computed once per version of r and kept: an
// insertion into one route leaves the others' entries valid, so that
// insertAll re-examines one route per insertion, not all of them.
func (s *solver) bestIn(r *rstate, c int) *insertion {
	if s.ins == nil {
		s.ins = make([]insertion, s.n1*len(s.rts))
		s.fresh = make([]uint64, len(s.rts))
	}
	e := &s.ins[c*len(s.rts)+int(r.idx)]
	if e.ver == r.ver {
		return e
	}
	*e = insertion{ver: r.ver, shift: math.MaxInt64}
	if s.need[c] > r.room {
		return e // no gap of r can hold c's visit and its nearest legs
	}
	svc := s.svc[c]
	lo, hi := 0, r.k()
	if s.win[c] != nil {
		lo, hi = r.span(s.firstLeave(c), s.lastStart(c))
	}
	if r.k() <= fullScan {
		s.buf = s.buf[:0]
		for p := lo; p <= hi; p++ {
			s.buf = append(s.buf, p)
		}
	} else {
		s.buf = s.nearSlots(s.buf[:0], r, c)
	}
	for _, p := range s.buf {
		if p < lo || p > hi {
			continue
		}
		tuc, tcw := s.t(r.nodes[p], c), s.t(c, r.nodes[p+1])
		if tuc+svc+tcw-(r.cum[p+1]-r.cum[p]) >= e.shift {
			continue // the shift is at least the detour and the service
		}
		if ok, sh := s.canInsertT(r, p, c, tuc, tcw); ok && sh < e.shift {
			e.shift, e.p, e.ok = sh, int32(p), true
		}
	}
	return e
}

// refresh recomputes the stale insertions into a short route r (one that
// slots scans whole) of every unvisited customer, position by position
// and customer by customer, so that the travel table is read along its
// rows (both legs when it is symmetric) rather than across them: the
// same entries bestIn would compute, for a large instance in a fraction
// of the memory traffic.
func (s *solver) refresh(r *rstate) {
	k := r.k()
	if k > fullScan || s.ins != nil && s.fresh[r.idx] == r.ver {
		return
	}
	if s.ins == nil {
		s.ins = make([]insertion, s.n1*len(s.rts))
		s.fresh = make([]uint64, len(s.rts))
	}
	s.fresh[r.idx] = r.ver
	m := len(s.rts)
	for _, c := range s.cust {
		e := &s.ins[c*m+int(r.idx)]
		*e = insertion{ver: r.ver, shift: math.MaxInt64}
		if s.where[c] >= 0 {
			e.ver = 0 // not computed: bestIn will, should c leave its route
		}
	}
	for p := 0; p <= k; p++ {
		u, w := r.nodes[p], r.nodes[p+1]
		from, to := s.rows.Row(u), s.rows.Row(w)
		for _, c := range s.cust {
			if s.where[c] >= 0 || s.need[c] > r.room {
				continue
			}
			tcw := to[c]
			if !s.sym {
				tcw = s.t(c, w)
			}
			if ok, sh := s.canInsertT(r, p, c, from[c], tcw); ok && sh < s.ins[c*m+int(r.idx)].shift {
				e := &s.ins[c*m+int(r.idx)]
				e.shift, e.p, e.ok = sh, int32(p), true
			}
		}
	}
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

// replace swaps an unvisited customer c in for a visited optional one v
// (in v's place or next to it) when that raises the score, or keeps it and
// lowers travel; v may move to another route at the same time (an ejection
// chain of length one). It applies the best such move and reports whether
// there was one.
func (s *solver) replace() bool {
	rp := replacing{s: s, best: swapIn{c: -1}, reloc: make(map[int]slot), mid: make([]int, 2)}
	small := len(s.cust) <= nbrCount
	for _, c := range s.cust {
		if s.where[c] >= 0 || s.isTabu(c) {
			continue
		}
		if s.stop() {
			return false
		}
		if small {
			for _, r := range s.rts {
				for _, v := range r.nodes[1 : len(r.nodes)-1] {
					rp.try(c, v)
				}
			}
		} else {
			for _, v := range s.nbr[c] {
				if s.where[v] >= 0 {
					rp.try(c, int(v))
				}
			}
		}
	}
	if rp.best.c < 0 {
		return false
	}
	s.applySwapIn(rp.best)
	return true
}

// swapIn is a candidate move of replace: customer c takes the place of the
// visit at position p of route r (variant 0), or goes just before it
// (1: the visit before p moves up) or just after it (2).
type swapIn struct {
	c, r, p, variant int
	br, bp           int // where the displaced visit moves to (br < 0: it leaves the plan)
	ds, dt           int64
}

// slot is the cheapest insertion of a visit into another route (r < 0: none).
type slot struct {
	r, p int
	dt   int64
}

// replacing is the state of one replace scan: the best move so far and the
// relocation slots computed on demand.
type replacing struct {
	s     *solver
	best  swapIn
	reloc map[int]slot
	mid   []int
}

func (rp *replacing) better(ds, dt int64) bool {
	if rp.best.c < 0 {
		return true
	}
	return ds > rp.best.ds || (ds == rp.best.ds && dt < rp.best.dt)
}

// relocOf is the cheapest feasible insertion of v into another route than
// its own (none with one route), computed once per scan.
func (rp *replacing) relocOf(v int) slot {
	if len(rp.s.rts) == 1 {
		return slot{r: -1}
	}
	if sl, ok := rp.reloc[v]; ok {
		return sl
	}
	s := rp.s
	sl := slot{r: -1}
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
	rp.reloc[v] = sl
	return sl
}

// try records the best way of swapping unvisited c in for visited v.
func (rp *replacing) try(c, v int) {
	s := rp.s
	if s.req[v] {
		return
	}
	ds := s.score[c] - s.score[v]
	var dtv int64
	br, bp := -1, -1
	if ds <= 0 {
		if sl := rp.relocOf(v); sl.r >= 0 {
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
		return (ds > 0 || dt < 0 || (br >= 0 && dt <= 0)) && rp.better(ds, dt)
	}
	mid := rp.mid
	// c in v's place
	mid[0] = c
	if dt := s.t(u, c) + s.t(c, w) - base + dtv; ok(dt) && s.via(r, p-1, mid[:1:1], p+1) {
		rp.best = swapIn{c, int(r.idx), p, 0, br, bp, ds, dt}
	}
	if p >= 2 {
		x := r.nodes[p-2]
		if dt := s.t(x, c) + s.t(c, u) + s.t(u, w) - s.t(x, u) - base + dtv; ok(dt) {
			mid[0], mid[1] = c, u
			if s.via(r, p-2, mid, p+1) {
				rp.best = swapIn{c, int(r.idx), p, 1, br, bp, ds, dt}
			}
		}
	}
	if p+1 <= r.k() {
		y := r.nodes[p+2]
		if dt := s.t(u, w) + s.t(w, c) + s.t(c, y) - base - s.t(w, y) + dtv; ok(dt) {
			mid[0], mid[1] = w, c
			if s.via(r, p-1, mid, p+2) {
				rp.best = swapIn{c, int(r.idx), p, 2, br, bp, ds, dt}
			}
		}
	}
}

// applySwapIn carries out m.
func (s *solver) applySwapIn(m swapIn) {
	r := s.rts[m.r]
	p := m.p
	v := r.nodes[p]
	s.where[v] = -1
	switch m.variant {
	case 0:
		r.nodes[p] = m.c
	case 1:
		r.nodes[p], r.nodes[p-1] = r.nodes[p-1], m.c
	case 2:
		r.nodes[p], r.nodes[p+1] = r.nodes[p+1], m.c
	}
	r.dirty = true
	s.update(r)
	if m.br >= 0 {
		s.insertAt(s.rts[m.br], m.bp, v)
	}
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
