package top

// Schedules, following Savelsbergh's forward time slack in the form of
// latest feasible arrival times. For every position p of a route two
// earliest departure times are kept — d0 with the break still to take, d1
// with the break taken at or before p — and two latest arrival times — a0
// (break still to take after arriving) and a1 (break already taken). Every
// earliest-schedule quantity is monotone in the time it starts from, even
// with several windows per node (waiting to the next window is allowed), so
// "arrival <= a[p]" is an exact test of whether the rest of the route stays
// feasible. Checking an insertion is therefore O(log w) per candidate, and
// any change of a stretch of the route is checked in O(length of stretch).

const inf = int64(1) << 60

// earliest returns the earliest t >= a such that [t, t+s] lies inside one of
// ws (inf if none); with no windows it is a.
func earliest(ws []Window, s, a int64) int64 {
	if a >= inf {
		return inf
	}
	if len(ws) == 0 {
		return a
	}
	// Skip windows that close too early with a binary search on Close.
	lo, hi := 0, len(ws)
	for lo < hi {
		m := (lo + hi) / 2
		if ws[m].Close-s < a {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for _, w := range ws[lo:] {
		t := max(a, w.Open)
		if t+s <= w.Close {
			return t
		}
	}
	return inf
}

// latest returns the latest t with t+s <= l such that [t, t+s] lies inside one
// of ws (-inf if none); with no windows it is l-s.
func latest(ws []Window, s, l int64) int64 {
	if l <= -inf {
		return -inf
	}
	if len(ws) == 0 {
		return max(l-s, -inf)
	}
	for i := len(ws) - 1; i >= 0; i-- {
		w := ws[i]
		t := min(l, w.Close) - s
		if t >= w.Open {
			return t
		}
	}
	return -inf
}

// rstate is one route under construction with its schedule arrays.
type rstate struct {
	open, close int64
	hasBrk      bool
	bdur        int64
	bwin        []Window

	nodes []int // nodes[0] = start, nodes[len-1] = end (N for open routes), customers between

	d0, d1 []int64 // earliest departure (arrival at the end position)
	a0, a1 []int64 // latest arrival (latest departure at the start position)
	cum    []int64 // cum[p] = travel along nodes[0..p]
	rcum   []int64 // rcum[p] = travel along the reversed arcs nodes[p]→nodes[p-1]...
	score  int64
	ver    uint64 // counts the updates: what bestIn's entries were computed for
	room   int64  // the longest delay some gap can absorb: max over p of a[p+1] - d[p]
	idx    int32  // index in solver.rts
	dirty  bool   // changed since the last intra-route optimisation

	unpolished bool // changed since the last re-sequencing by the tsp engine
	plain      bool // no break and no windows on the visits: feasibility depends on travel alone
}

func (r *rstate) k() int { return len(r.nodes) - 2 }

func (r *rstate) travel() int64 { return r.cum[len(r.nodes)-1] }

// brkEnd returns when the break ends if it starts as early as possible at or
// after d (inf if it cannot).
func (r *rstate) brkEnd(d int64) int64 {
	b := earliest(r.bwin, r.bdur, d)
	if b >= inf {
		return inf
	}
	return b + r.bdur
}

// t is the travel time from u to v: one load from a dense table, kept
// small enough to inline; a computed table's legs take a call.
func (s *solver) t(u, v int) int64 {
	if s.tt == nil {
		return s.computed(u, v)
	}
	return s.tt[u*s.stride+v]
}

// computed is t on a computed table, out of line so that t stays inlined.
//
//go:noinline
func (s *solver) computed(u, v int) int64 { return s.tab.At(u, v) }

// depart returns the departure time from customer v when arriving at a.
func (s *solver) depart(v int, a int64) int64 {
	e := earliest(s.win[v], s.svc[v], a)
	if e >= inf {
		return inf
	}
	return e + s.svc[v]
}

// update recomputes the schedule arrays, score and positions of route r.
func (s *solver) update(r *rstate) {
	m := len(r.nodes)
	if cap(r.d0) < m {
		c := 2*m + 8
		r.d0, r.d1 = make([]int64, c), make([]int64, c)
		r.a0, r.a1 = make([]int64, c), make([]int64, c)
		r.cum, r.rcum = make([]int64, c), make([]int64, c)
	}
	r.ver++
	r.d0, r.d1, r.a0, r.a1 = r.d0[:m], r.d1[:m], r.a0[:m], r.a1[:m]
	r.cum, r.rcum = r.cum[:m], r.rcum[:m]
	ri := r.idx
	if r.hasBrk {
		r.d0[0], r.d1[0] = r.open, r.brkEnd(r.open)
	} else {
		r.d0[0], r.d1[0] = inf, r.open
	}
	r.cum[0], r.rcum[0] = 0, 0
	var sc int64
	plain := !r.hasBrk
	for p := 1; p < m; p++ {
		u, v := r.nodes[p-1], r.nodes[p]
		t := s.t(u, v)
		r.cum[p] = r.cum[p-1] + t
		r.rcum[p] = r.rcum[p-1] + s.t(v, u)
		if p == m-1 {
			r.d1[p] = min(r.d1[p-1]+t, inf)
			r.d0[p] = min(r.d0[p-1]+t, inf)
			break
		}
		s.where[v], s.pos[v] = ri, int32(p)
		sc += s.score[v]
		if s.win[v] != nil {
			plain = false
		}
		r.d1[p] = s.depart(v, r.d1[p-1]+t)
		r.d0[p] = s.depart(v, r.d0[p-1]+t)
		if r.hasBrk {
			r.d1[p] = min(r.d1[p], r.brkEnd(r.d0[p]))
		}
	}
	r.score = sc
	r.plain = plain
	r.unpolished = true
	last := m - 1
	r.a1[last], r.a0[last] = r.close, -inf
	for p := last - 1; p >= 0; p-- {
		v, w := r.nodes[p], r.nodes[p+1]
		t := s.t(v, w)
		ld1, ld0 := int64(-inf), int64(-inf)
		if r.a1[p+1] > -inf {
			ld1 = r.a1[p+1] - t
		}
		if r.a0[p+1] > -inf {
			ld0 = r.a0[p+1] - t
		}
		if r.hasBrk && ld1 > -inf {
			ld0 = max(ld0, latest(r.bwin, r.bdur, ld1))
		}
		if p == 0 {
			r.a1[0], r.a0[0] = ld1, ld0
			break
		}
		r.a1[p] = latest(s.win[v], s.svc[v], ld1)
		r.a0[p] = latest(s.win[v], s.svc[v], ld0)
	}
	r.setRoom()
}

// setRoom sets room: an insertion between p and p+1 delays the arrival at
// p+1 by its travel and service, and it fits only if that arrival stays
// by a1[p+1] (from d1[p]), or from d0[p] by a0[p+1] or, with the break
// (bdur) after it, by a1[p+1]; so no insertion that needs more than room
// fits.
func (r *rstate) setRoom() {
	room := int64(-inf) // the ±inf of the arrays make very negative gaps, without overflow
	for p := 0; p+1 < len(r.nodes); p++ {
		room = max(room, r.a1[p+1]-r.d1[p])
		if r.hasBrk {
			room = max(room, r.a1[p+1]-r.d0[p]-r.bdur, r.a0[p+1]-r.d0[p])
		}
	}
	r.room = room
}

// span returns the positions lo..hi of r between which a visit that must
// end at or after leave and start at or before arrive can be inserted at
// all: from a position p with both earliest departures (d0 and d1) after
// arrive it starts too late, as does every later one, the departures
// growing along the route; into a gap before p+1 whose latest arrivals (a0
// and a1) come before leave it ends too late, as into every earlier one.
// Positions outside lo..hi are infeasible; lo > hi when none is left.
func (r *rstate) span(leave, arrive int64) (lo, hi int) {
	k := r.k()
	hi = k
	for hi >= 0 && min(r.d0[hi], r.d1[hi]) > arrive {
		hi--
	}
	for lo <= hi && max(r.a0[lo+1], r.a1[lo+1]) < leave {
		lo++
	}
	return lo, hi
}

// feasible reports whether route r as it stands is feasible.
func (r *rstate) feasible() bool { return r.d1[len(r.nodes)-1] <= r.close }

// feasibleEmpty reports whether the route with no visits is feasible.
func (s *solver) feasibleEmpty(r *rstate) bool {
	return r.k() == 0 && r.feasible()
}

// canInsert reports whether customer c fits between positions p and p+1 of r,
// and the shift it causes: the delay of the arrival at position p+1
// (travel, waiting and service added).
func (s *solver) canInsert(r *rstate, p, c int) (bool, int64) {
	return s.canInsertT(r, p, c, s.t(r.nodes[p], c), s.t(c, r.nodes[p+1]))
}

// canInsertT is canInsert with the legs to and from c given. The leg it
// replaces is read from r's cumulative travel, not from the table.
//
// Leaving c is at least its arrival plus its service (waiting only adds),
// and a break at least its duration, so a position where even that is too
// late is refused without looking at c's windows (the values stay far
// below overflow: inf is 2^60, every leg and service at most 2^56).
func (s *solver) canInsertT(r *rstate, p, c int, tuc, tcw int64) (bool, int64) {
	uw := r.cum[p+1] - r.cum[p]
	old := r.d1[p] + uw
	svc := s.svc[c]
	d := int64(inf)
	if r.d1[p]+tuc+svc+tcw <= r.a1[p+1] {
		d = s.depart(c, r.d1[p]+tuc)
		if d < inf && d+tcw <= r.a1[p+1] {
			return true, d + tcw - old
		}
	}
	if r.hasBrk && r.d0[p] < inf {
		if lo := r.d0[p] + tuc + svc + tcw; lo > r.a0[p+1] && lo+r.bdur > r.a1[p+1] {
			return false, 0
		}
		d0 := s.depart(c, r.d0[p]+tuc)
		if d0 < inf && (d0+tcw <= r.a0[p+1] || r.brkEnd(d0)+tcw <= r.a1[p+1]) {
			if d >= inf {
				// d was not computed above, or is inf
				d = s.depart(c, r.d1[p]+tuc)
			}
			if d >= inf {
				return true, d0 + tcw - (r.d0[p] + uw)
			}
			return true, d + tcw - old
		}
	}
	return false, 0
}

// via reports whether the route stays feasible when the stretch strictly
// between positions p and q (p < q) is replaced by the nodes in mid;
// without a break that is fits from p's earliest departure.
func (s *solver) via(r *rstate, p int, mid []int, q int) bool {
	if !r.hasBrk {
		return s.fits(r.d1[p], r.nodes[p], mid, r.nodes[q], r.a1[q])
	}
	// d1: the earliest departure once the break is taken, d0: before it
	u := r.nodes[p]
	d0, d1 := r.d0[p], r.d1[p]
	for _, v := range mid {
		t := s.t(u, v)
		d1 = s.depart(v, d1+t)
		if d0 < inf {
			d0 = s.depart(v, d0+t)
		}
		if d1 = min(d1, r.brkEnd(d0)); d1 >= inf {
			return false
		}
		u = v
	}
	t := s.t(u, r.nodes[q])
	if d1+t <= r.a1[q] {
		return true
	}
	return d0 < inf && (d0+t <= r.a0[q] || r.brkEnd(d0)+t <= r.a1[q])
}

// schedule returns the service start of every customer of r, the index after
// which the break is taken and the break start, for the break position that
// finishes the route earliest (ties: the earliest position).
func (s *solver) schedule(r *rstate) (starts []int64, brkAfter int, brkStart int64) {
	k := r.k()
	starts = make([]int64, k)
	brkAfter = -1
	if r.hasBrk {
		best := inf + 1
		for p := 0; p <= k; p++ {
			end, _, ok := s.simulate(r, p, nil)
			if ok && end < best {
				best, brkAfter = end, p-1
			}
		}
	}
	_, brkStart, _ = s.simulate(r, brkAfter+1, starts)
	if !r.hasBrk {
		brkStart = 0
	}
	return starts, brkAfter, brkStart
}

// simulate runs the earliest schedule of r with the break taken right after
// position bp (ignored without a break), filling starts when non-nil. It
// returns the arrival at the end, the break start and feasibility.
func (s *solver) simulate(r *rstate, bp int, starts []int64) (end, brk int64, ok bool) {
	d := r.open
	ok = true
	take := func() {
		if r.hasBrk {
			b := earliest(r.bwin, r.bdur, d)
			if b >= inf {
				ok = false
				return
			}
			brk, d = b, b+r.bdur
		}
	}
	if bp == 0 {
		take()
	}
	for p := 1; p <= r.k() && ok; p++ {
		v := r.nodes[p]
		a := d + s.t(r.nodes[p-1], v)
		st := earliest(s.win[v], s.svc[v], a)
		if st >= inf {
			return 0, 0, false
		}
		if starts != nil {
			starts[p-1] = st
		}
		d = st + s.svc[v]
		if p == bp {
			take()
		}
	}
	if !ok {
		return 0, 0, false
	}
	end = d + s.t(r.nodes[r.k()], r.nodes[r.k()+1])
	return end, brk, end <= r.close
}
