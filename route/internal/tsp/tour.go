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
	// hash is the XOR of the products key[a]·key[b] over the tour's edges
	// {a, b}: equal tours (whatever their rotation and direction in the
	// array) have equal hashes, kept up to date by every reversal.
	hash uint64
	key  []uint64 // node -> random odd 64-bit key
}

func newTour(order []int32) *tour {
	n := len(order)
	t := &tour{n: n, order: order, pos: make([]int32, n), key: make([]uint64, n)}
	for i, v := range order {
		t.pos[v] = int32(i)
		t.key[i] = nodeKey(int32(i))
	}
	for i, v := range order {
		t.hash ^= t.edgeHash(v, order[(i+1)%n])
	}
	return t
}

// edgeHash is the hash of the undirected edge {a, b}.
func (t *tour) edgeHash(a, b int32) uint64 {
	return t.key[a] * t.key[b]
}

// nodeKey is a fixed pseudo-random odd key of node v (splitmix64's
// mixer). The low bits of a product depend only on the keys' low bits,
// but its high bits on all of them, so two tours of equal length whose
// hashes agree are the same tour in practice.
func nodeKey(v int32) uint64 {
	x := uint64(uint32(v)) + 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return (x ^ x>>31) | 1
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
	ia, jb := i-1, j+1
	if ia < 0 {
		ia = n - 1
	}
	if jb == n {
		jb = 0
	}
	a, b := order[ia], order[jb]
	x, y := order[i], order[j]
	t.hash ^= t.edgeHash(a, x) ^ t.edgeHash(y, b) ^ t.edgeHash(a, y) ^ t.edgeHash(x, b)
	if i < j {
		reverseRun(order[i:j+1], pos, int32(i))
		return
	}
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

// reverseRun reverses run, the part of the tour's order from position
// first on, and updates pos.
func reverseRun(run, pos []int32, first int32) {
	for lo, hi := 0, len(run)-1; lo < hi; lo, hi = lo+1, hi-1 {
		u, v := run[lo], run[hi]
		run[lo], run[hi] = v, u
		pos[v], pos[u] = first+int32(lo), first+int32(hi)
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
