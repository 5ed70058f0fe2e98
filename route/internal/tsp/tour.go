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
	// hash is the XOR of edgeHash over the tour's edges: equal tours
	// (whatever their rotation and direction in the array) have equal
	// hashes, kept up to date by every reversal.
	hash uint64
}

func newTour(order []int32) *tour {
	t := &tour{n: len(order), order: order, pos: make([]int32, len(order))}
	for i, v := range order {
		t.pos[v] = int32(i)
		t.hash ^= edgeHash(v, order[(i+1)%len(order)])
	}
	return t
}

// edgeHash is a hash of the undirected edge {a, b} (splitmix64's mixer).
func edgeHash(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	x := uint64(uint32(a))<<32 | uint64(uint32(b))
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
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
	// The path order[i..j] between a and b turns round: edges {a, x} and
	// {y, b} become {a, y} and {x, b} (flip never reverses more than half
	// the tour, so a and b are outside the path).
	a, b := order[(i+n-1)%n], order[(j+1)%n]
	x, y := order[i], order[j]
	t.hash ^= edgeHash(a, x) ^ edgeHash(y, b) ^ edgeHash(a, y) ^ edgeHash(x, b)
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
