package tsp

import (
	"math"
	"math/bits"
)

// StoryExactLimit is the largest number of nodes [Story.Exact] orders:
// its dynamic programme has 2ⁿ·n·(n(n-1)/2+1) states, about 3.3 million
// for 12 nodes.
const StoryExactLimit = 12

// Story is a story-ordering instance: N nodes to visit on a route from
// node N (the start) to node N+1 (the end), in an order that tells a
// story — nodes of lower rank first — at a bounded length. A pair of
// ranked nodes visited higher rank first is an inversion; the story order
// has as few inversions as possible among the orders at most a given
// ratio longer than the shortest.
type Story struct {
	// N is the number of nodes to order.
	N int
	// Length holds (N+2)² entries in row-major order: Length[i*(N+2)+j] is
	// the length from i to j, >= 0, in any unit. An open route has a zero
	// column N+1; a loop has node N+1 at the place of node N.
	Length []int64
	// Rank and Ranked give per node its rank and whether it has one; a
	// node without a rank is in no inversion.
	Rank   []int
	Ranked []bool
	// Fits, if not nil, reports whether an order of the N nodes is
	// acceptable apart from its length (say, it keeps a day's close).
	Fits func(order []int) bool
}

// StoryBound returns the greatest length allowed for a story at most
// maxExtra (a ratio: 0.2 is 20%) longer than shortest.
func StoryBound(shortest int64, maxExtra float64) int64 {
	return int64(math.Floor(float64(shortest) * (1 + maxExtra)))
}

// later reports whether nodes i and j both have a rank and i's is higher.
func (s *Story) later(i, j int) bool {
	return s.Ranked[i] && s.Ranked[j] && s.Rank[i] > s.Rank[j]
}

// Pairs returns the number of pairs of nodes with different ranks: the
// most inversions an order can have.
func (s *Story) Pairs() int {
	k := 0
	for i := range s.N {
		for j := range s.N {
			if s.later(i, j) {
				k++
			}
		}
	}
	return k
}

// Inversions counts the pairs of order visited higher rank first.
func (s *Story) Inversions(order []int) int {
	k := 0
	for a, i := range order {
		for _, j := range order[a+1:] {
			if s.later(i, j) {
				k++
			}
		}
	}
	return k
}

// Cost returns the length of the route from the start through order to
// the end.
func (s *Story) Cost(order []int) int64 {
	n := s.N + 2
	prev, l := s.N, int64(0)
	for _, j := range order {
		l += s.Length[prev*n+j]
		prev = j
	}
	return l + s.Length[prev*n+s.N+1]
}

func (s *Story) fits(order []int) bool { return s.Fits == nil || s.Fits(order) }

// Exact returns the order with the fewest inversions among those at most
// maxExtra longer than the shortest, and the shortest such; and the
// shortest length of all orders. The fewest inversions are proven by
// dynamic programming over (visited set, last node, inversions so far).
// Fits is checked on the shortest order of each inversion count, fewest
// first; when none fits, Exact returns the shortest order within the
// bound. It needs N <= StoryExactLimit.
func (s *Story) Exact(maxExtra float64) (order []int, shortest int64) {
	if s.N == 0 {
		return []int{}, s.Cost(nil)
	}
	t := s.table()
	best, last, shortest := t.ends()
	limit := StoryBound(shortest, maxExtra)
	var fallback []int
	for k := range t.w {
		if best[k] > limit {
			continue
		}
		o := t.rebuild(k, last[k])
		if fallback == nil || best[k] < s.Cost(fallback) {
			fallback = o
		}
		if s.fits(o) {
			return o, shortest
		}
	}
	return fallback, shortest
}

// storyTable is the dynamic programme of [Story.Exact]: cost[(set·n +
// last)·w + k] is the shortest path from the start through set ending at
// last with k inversions, parent its previous node.
type storyTable struct {
	s      *Story
	n, w   int
	newer  []uint64 // per node: the set of nodes of higher rank
	cost   []int64
	parent []int8
}

const unreached = math.MaxInt64

func (s *Story) table() *storyTable {
	n := s.N
	t := &storyTable{s: s, n: n, w: s.Pairs() + 1, newer: make([]uint64, n)}
	for i := range n {
		for j := range n {
			if s.later(j, i) {
				t.newer[i] |= 1 << uint(j)
			}
		}
	}
	size := (1 << uint(n)) * n * t.w
	t.cost = make([]int64, size)
	t.parent = make([]int8, size)
	for i := range t.cost {
		t.cost[i] = unreached
	}
	for j := range n {
		t.cost[t.at(1<<uint(j), j, 0)] = s.Length[n*(n+2)+j]
		t.parent[t.at(1<<uint(j), j, 0)] = -1
	}
	full := 1<<uint(n) - 1
	for set := 1; set < full; set++ {
		for last := range n {
			if set&(1<<uint(last)) != 0 {
				t.extend(set, last)
			}
		}
	}
	return t
}

func (t *storyTable) at(set, last, k int) int { return (set*t.n+last)*t.w + k }

// extend relaxes every path through set ending at last by one more node.
func (t *storyTable) extend(set, last int) {
	n := t.n
	row := t.s.Length[last*(n+2) : last*(n+2)+n]
	for k := range t.w {
		c := t.cost[t.at(set, last, k)]
		if c == unreached {
			continue
		}
		for j := range n {
			if set&(1<<uint(j)) != 0 {
				continue
			}
			x := t.at(set|1<<uint(j), j, k+bits.OnesCount64(uint64(set)&t.newer[j]))
			if c2 := c + row[j]; c2 < t.cost[x] {
				t.cost[x], t.parent[x] = c2, int8(last)
			}
		}
	}
}

// ends returns per inversion count the shortest complete route and its
// last node, and the shortest of all.
func (t *storyTable) ends() (best []int64, last []int, shortest int64) {
	n := t.n
	full := 1<<uint(n) - 1
	best, last = make([]int64, t.w), make([]int, t.w)
	shortest = unreached
	for k := range t.w {
		best[k] = unreached
		for l := range n {
			if c := t.cost[t.at(full, l, k)]; c != unreached && c+t.s.Length[l*(n+2)+n+1] < best[k] {
				best[k], last[k] = c+t.s.Length[l*(n+2)+n+1], l
			}
		}
		shortest = min(shortest, best[k])
	}
	return best, last, shortest
}

// rebuild returns the order of the complete route with k inversions
// ending at last.
func (t *storyTable) rebuild(k, last int) []int {
	out := make([]int, t.n)
	set := 1<<uint(t.n) - 1
	for i := t.n - 1; i >= 0; i-- {
		out[i] = last
		prev := int(t.parent[t.at(set, last, k)])
		set &^= 1 << uint(last)
		k -= bits.OnesCount64(uint64(set) & t.newer[last])
		last = prev
	}
	return out
}

// Search improves start, an order that fits, towards fewer inversions
// (then a shorter length) within length limit by moving one node at a
// time, the best move first, and returns the result. It is
// deterministic and keeps every order it accepts fitting.
func (s *Story) Search(start []int, limit int64) []int {
	cur := append([]int(nil), start...)
	curInv, curLen := s.Inversions(cur), s.Cost(cur)
	for range s.N * s.N * s.N {
		var best []int
		bestInv, bestLen := curInv, curLen
		for i := range cur {
			rest := append(append([]int(nil), cur[:i]...), cur[i+1:]...)
			for j := 0; j <= len(rest); j++ {
				if j == i {
					continue
				}
				cand := make([]int, 0, len(cur))
				cand = append(cand, rest[:j]...)
				cand = append(cand, cur[i])
				cand = append(cand, rest[j:]...)
				l := s.Cost(cand)
				if l > limit {
					continue
				}
				// Fits last: it may schedule a whole day, the rest is arithmetic.
				if inv := s.Inversions(cand); (inv < bestInv || (inv == bestInv && l < bestLen)) && s.fits(cand) {
					best, bestInv, bestLen = cand, inv, l
				}
			}
		}
		if best == nil {
			break
		}
		cur, curInv, curLen = best, bestInv, bestLen
	}
	return cur
}
