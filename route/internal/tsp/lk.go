package tsp

// Lin–Kernighan local search on the array tour, in the flip-based form of
// Johnson & McGeoch ("The traveling salesman problem: a case study in local
// optimization", 1997): the tour is kept a Hamiltonian cycle after every
// step; edge {t1, t2} is the one being broken, t2 = a tour neighbour of t1.
// A step picks t3 among t2's candidate neighbours with positive partial
// gain, breaks {t3, t4} where t4 is t3's neighbour on t2's side, and flips
// the path t2..t4 so that t4 becomes t1's neighbour. The best closed tour
// seen along the chain is kept. The first levels backtrack over several
// choices (breadth); deeper levels take the best one only.

const maxDepth = 50

// maxSteps bounds the backtracking of one chain search: once this many
// steps were taken, only the current branch is followed to its end. On
// instances with many equal costs (pr144, pr226) unbounded backtracking
// took 100+ steps per search and a millisecond per kick; a budget of 50
// made kicks 5x cheaper there without hurting other instances.
const maxSteps = 50

// lkBreadth is the number of alternatives tried at a level (1-based).
func lkBreadth(level int) int {
	switch level {
	case 1:
		return 8
	case 2:
		return 4
	case 3:
		return 2
	}
	return 1
}

type lkCand struct {
	t3, t4 int32
	g      int64 // gain after adding {t2,t3} and removing {t3,t4}
}

// lkState is the per-move scratch of improveLK.
type lkState struct {
	t1       int32
	bestGain int64
	bestLog  int
	bestPath int
	steps    int     // lkStep calls in this chain search
	path     []int32 // t2, then t3, t4 per level
	// added-edge bookkeeping for addedInChain, per node; valid while
	// addStamp[v] == stamp (bumped for every chain)
	stamp    uint32
	addStamp []uint32
	addLv    [][2]int32
}

// improveLK tries an improving LK move starting at t1 (both tour
// neighbours as t2). It applies the best move found and returns its gain,
// or returns 0 and leaves the tour unchanged.
func (s *search) improveLK(t1 int32) int64 {
	t := s.t
	for side := range 2 {
		var t2 int32
		if side == 0 {
			t2 = t.next(t1)
		} else {
			t2 = t.prev(t1)
		}
		if s.g.fixed(t1, t2) {
			continue
		}
		st := &s.lk
		st.t1 = t1
		st.bestGain = 0
		mark := len(t.log)
		st.bestLog = mark
		st.path = append(st.path[:0], t2)
		st.bestPath = 0
		st.stamp++
		st.steps = 0
		s.lkStep(1, t2, s.g.d(t1, t2))
		if st.bestGain > 0 {
			t.undoTo(st.bestLog)
			s.push(t1)
			for _, v := range st.path[:st.bestPath] {
				s.push(v)
			}
			return st.bestGain
		}
		t.undoTo(mark)
	}
	return 0
}

// lkStep extends the chain from free end t2 with accumulated gain g.
func (s *search) lkStep(level int, t2 int32, g int64) {
	st := &s.lk
	st.steps++
	t, gr := s.t, s.g
	t1 := st.t1
	forward := t.next(t1) == t2
	width := lkBreadth(level)
	var cands [8]lkCand
	nc := 0
	costs := s.neighbourCosts(t2)
	for j, t3 := range s.neighbours(t2) {
		g1 := g - costs[j]
		if g1 <= 0 {
			break // lists are sorted by cost
		}
		if t3 == t1 {
			continue
		}
		var t4 int32
		if forward {
			t4 = t.prev(t3)
		} else {
			t4 = t.next(t3)
		}
		if t4 == t2 || gr.fixed(t3, t4) {
			continue
		}
		c := lkCand{t3, t4, g1 + gr.d(t3, t4)}
		if nc == width && c.g <= cands[width-1].g || s.addedInChain(t3, t4, level) {
			continue
		}
		// insert into the top-width list, best gain first
		i := nc
		if nc < width {
			nc++
		} else {
			i = width - 1
		}
		for i > 0 && cands[i-1].g < c.g {
			cands[i] = cands[i-1]
			i--
		}
		cands[i] = c
	}
	for i, c := range cands[:nc] {
		if i > 0 && st.steps >= maxSteps {
			return // step budget spent: no more backtracking
		}
		gain := c.g - gr.d(c.t4, t1)
		if level >= maxDepth || s.neighbourCosts(c.t4)[0] >= c.g {
			// A leaf: no edge from t4 is cheaper than the gain, so the
			// chain cannot go on. Only closing it counts; the flip is
			// made only if that improves the tour.
			if level < maxDepth {
				st.steps++ // the step that would have found nothing
			}
			if gain > st.bestGain {
				s.lkFlip(forward, t2, c)
				st.bestGain, st.bestLog, st.bestPath = gain, len(t.log), len(st.path)
				return
			}
			continue
		}
		mark := len(t.log)
		s.lkFlip(forward, t2, c)
		s.noteAdded(t2, c.t3, level)
		if gain > st.bestGain {
			st.bestGain, st.bestLog, st.bestPath = gain, len(t.log), len(st.path)
		}
		s.lkStep(level+1, c.t4, c.g)
		if st.bestGain > 0 {
			return
		}
		st.path = st.path[:len(st.path)-2]
		t.undoTo(mark)
	}
}

// lkFlip makes the flip of an LK step from free end t2 to candidate c
// and records t3, t4 on the path.
func (s *search) lkFlip(forward bool, t2 int32, c lkCand) {
	if forward {
		s.t.flip(t2, c.t4)
	} else {
		s.t.flip(c.t4, t2)
	}
	s.lk.path = append(s.lk.path, c.t3, c.t4)
}

// addedInChain reports whether edge {a, b} was added at a level before
// the given one in the current chain; the chain does not break such an
// edge again, as far as this bookkeeping sees. Each node remembers the
// levels of up to two added edges it ends; stale entries from abandoned
// branches are recognised by checking the path. noteAdded may overwrite
// a live second entry when the first is stale and lower, so a chain can
// still break that edge: keeping the live entry instead made the time to
// linkern's length longer (bench/README.md, "Cheaper Lin–Kernighan
// steps").
func (s *search) addedInChain(a, b int32, level int) bool {
	st := &s.lk
	if st.addStamp[a] != st.stamp {
		return false
	}
	p := st.path
	for _, lv := range st.addLv[a] {
		if lv > 0 && int(lv) < level {
			// level lv added {t2, t3} = {p[2lv-2], p[2lv-1]}
			x, y := p[2*lv-2], p[2*lv-1]
			if (x == a && y == b) || (x == b && y == a) {
				return true
			}
		}
	}
	return false
}

// noteAdded records that edge {a, b} was added at level.
func (s *search) noteAdded(a, b int32, level int) {
	st := &s.lk
	for _, v := range [2]int32{a, b} {
		if st.addStamp[v] != st.stamp {
			st.addStamp[v] = st.stamp
			st.addLv[v] = [2]int32{}
		}
		l := &st.addLv[v]
		switch {
		case l[0] == 0 || int(l[0]) >= level:
			l[0] = int32(level)
		default:
			l[1] = int32(level)
		}
	}
}

// improveOrOpt tries moving a segment of 1..maxSeg nodes that starts or ends
// at v to between two adjacent nodes near it, in either orientation. It
// applies the best move found and returns its gain, or 0.
func (s *search) improveOrOpt(v int32) int64 {
	t, g := s.t, s.g
	maxSeg := 3
	if g.asym {
		maxSeg = 6
	}
	if maxSeg > t.n-3 {
		maxSeg = t.n - 3
	}
	var best int64
	var bs1, bs2, bc, be int32
	var bRev bool
	for dir := range 2 {
		s1 := v
		s2 := v
		for l := 1; l <= maxSeg; l++ {
			if l > 1 {
				if dir == 0 {
					s2 = t.next(s2)
				} else {
					s1 = t.prev(s1)
				}
			}
			p, nx := t.prev(s1), t.next(s2)
			if g.fixed(p, s1) || g.fixed(s2, nx) {
				continue
			}
			rem := g.d(p, s1) + g.d(s2, nx) - g.d(p, nx)
			if rem <= 0 {
				continue
			}
			for end := range 2 {
				x := s1
				if end == 1 {
					x = s2
				}
				costs := s.neighbourCosts(x)
				for j, y := range s.neighbours(x) {
					if rem-costs[j] <= best {
						break
					}
					if t.between(s1, y, s2) {
						continue
					}
					for side := range 2 {
						var c, e int32
						if side == 0 {
							c, e = y, t.next(y)
						} else {
							c, e = t.prev(y), y
						}
						if t.between(s1, c, s2) || t.between(s1, e, s2) || g.fixed(c, e) {
							continue
						}
						base := rem + g.d(c, e)
						if gain := base - g.d(c, s1) - g.d(s2, e); gain > best {
							best, bs1, bs2, bc, be, bRev = gain, s1, s2, c, e, false
						}
						if gain := base - g.d(c, s2) - g.d(s1, e); gain > best {
							best, bs1, bs2, bc, be, bRev = gain, s1, s2, c, e, true
						}
					}
				}
			}
		}
	}
	if best <= 0 {
		return 0
	}
	p, nx := t.prev(bs1), t.next(bs2)
	s.moveSegment(bs1, bs2, bc, be, bRev)
	for _, x := range [...]int32{p, nx, bs1, bs2, bc, be} {
		s.push(x)
	}
	return best
}

// moveSegment moves the forward segment s1..s2 to between the adjacent
// nodes c and e = next(c) (both outside it): c s1..s2 e, or c s2..s1 e when
// rev. It uses three reversals at most.
func (s *search) moveSegment(s1, s2, c, e int32, rev bool) {
	t := s.t
	p := t.prev(s1)
	nx := t.next(s2)
	// p [s1..s2 nx..c] e -> p [c..nx s2..s1] e
	s.reverseBlock(s1, c, p)
	// p [c..nx] s2..s1 e -> p nx..c s2..s1 e
	s.reverseBlock(c, nx, p)
	if !rev {
		s.reverseBlock(s2, s1, c)
	}
}

// reverseBlock reverses the path with ends a and b, where out is the tour
// neighbour of a outside the path.
func (s *search) reverseBlock(a, b, out int32) {
	if s.t.prev(a) == out {
		s.t.flip(a, b)
	} else {
		s.t.flip(b, a)
	}
}

// improveOr3 tries a pure segment exchange (the sequential 3-opt move that
// keeps every segment's orientation, "or3opt"): with a, b, c in tour order
// (in either direction) and na, nb, nc their successors, the tour
// a [na..b] [nb..c] nc becomes a [nb..c] [na..b] nc. It is the basic move
// that works on asymmetric instances, where flips cannot gain. It applies
// the best move found from a = v and returns its gain, or 0.
func (s *search) improveOr3(v int32) int64 {
	t, g := s.t, s.g
	var best int64
	var ba, bb, bc int32
	var bFwd bool
	a := v
	for dir := range 2 {
		fwd := dir == 0
		succ := t.next
		if !fwd {
			succ = t.prev
		}
		na := succ(a)
		if g.fixed(a, na) {
			continue
		}
		g0 := g.d(a, na)
		naCosts := s.neighbourCosts(na)
		for i, c := range s.neighbours(na) {
			g1 := g0 - naCosts[i]
			if g1 <= 0 {
				break
			}
			if c == a {
				continue
			}
			nc := succ(c)
			if nc == a || g.fixed(c, nc) {
				continue
			}
			// c must lie after na: on the path na..a, c != a.
			g1 += g.d(c, nc)
			ncCosts := s.neighbourCosts(nc)
			for j, b := range s.neighbours(nc) {
				g2 := g1 - ncCosts[j]
				if g2 <= best {
					break
				}
				if b == c || !s.onPath(na, b, c, fwd) {
					continue
				}
				nb := succ(b)
				if g.fixed(b, nb) {
					continue
				}
				if gain := g2 + g.d(b, nb) - g.d(a, nb); gain > best {
					best, ba, bb, bc, bFwd = gain, a, b, c, fwd
				}
			}
		}
	}
	if best <= 0 {
		return 0
	}
	succ := t.next
	if !bFwd {
		succ = t.prev
	}
	na, nb, nc := succ(ba), succ(bb), succ(bc)
	s.reverseBlock(na, bc, ba) // a c..nb b..na nc
	s.reverseBlock(bc, nb, ba) // a nb..c b..na nc
	s.reverseBlock(bb, na, bc) // a nb..c na..b nc
	for _, x := range [...]int32{ba, na, bb, nb, bc, nc} {
		s.push(x)
	}
	return best
}

// onPath reports whether b lies on the path from x to y in the given
// direction (inclusive).
func (s *search) onPath(x, b, y int32, fwd bool) bool {
	if fwd {
		return s.t.between(x, b, y)
	}
	return s.t.between(y, b, x)
}
