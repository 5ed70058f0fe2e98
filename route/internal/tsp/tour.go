package tsp

// tour is a Hamiltonian cycle stored as an array of nodes with a position
// index, the representation Johnson & McGeoch recommend for instances of a
// few thousand nodes. Orientation is arbitrary: moves only care about the
// undirected cycle, and flip reverses whichever side of the cycle is
// shorter.
type tour struct {
	n     int
	order []int32 // position -> node
	pos   []int32 // node -> position
	// log records every reversal as (first position, length) so that a
	// sequence of flips can be undone exactly; logging is on while logOn.
	log   []int32
	logOn bool
}

func newTour(order []int32) *tour {
	t := &tour{n: len(order), order: order, pos: make([]int32, len(order))}
	for i, v := range order {
		t.pos[v] = int32(i)
	}
	return t
}

func (t *tour) next(a int32) int32 {
	p := t.pos[a] + 1
	if int(p) == t.n {
		p = 0
	}
	return t.order[p]
}

func (t *tour) prev(a int32) int32 {
	p := t.pos[a] - 1
	if p < 0 {
		p = int32(t.n - 1)
	}
	return t.order[p]
}

// between reports whether b lies on the forward path from a to c
// (inclusive).
func (t *tour) between(a, b, c int32) bool {
	pa, pb, pc := t.pos[a], t.pos[b], t.pos[c]
	if pa <= pc {
		return pa <= pb && pb <= pc
	}
	return pb >= pa || pb <= pc
}

// flip reverses the forward path from a to b (inclusive). The resulting
// cycle is the same whichever side is reversed, so the shorter one is.
func (t *tour) flip(a, b int32) {
	pa, pb := int(t.pos[a]), int(t.pos[b])
	l := pb - pa
	if l < 0 {
		l += t.n
	}
	l++ // nodes on the path a..b
	if 2*l > t.n {
		// Reverse the complement next(b)..prev(a) instead.
		pa, l = pb+1, t.n-l
		if pa == t.n {
			pa = 0
		}
	}
	t.reverse(pa, l)
}

// reverse reverses the l nodes starting at position p (cyclically).
func (t *tour) reverse(p, l int) {
	if l < 2 {
		return
	}
	if t.logOn {
		t.log = append(t.log, int32(p), int32(l))
	}
	n := t.n
	i, j := p, p+l-1
	if j >= n {
		j -= n
	}
	order, pos := t.order, t.pos
	for k := l / 2; k > 0; k-- {
		a, b := order[i], order[j]
		order[i], order[j] = b, a
		pos[b], pos[a] = int32(i), int32(j)
		i++
		if i == n {
			i = 0
		}
		j--
		if j < 0 {
			j = n - 1
		}
	}
}

// undoTo reverts the logged reversals back to log length mark.
func (t *tour) undoTo(mark int) {
	on := t.logOn
	t.logOn = false
	for len(t.log) > mark {
		k := len(t.log) - 2
		t.reverse(int(t.log[k]), int(t.log[k+1]))
		t.log = t.log[:k]
	}
	t.logOn = on
}
