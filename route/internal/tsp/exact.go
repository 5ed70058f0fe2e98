package tsp

import (
	"math"
	"math/bits"
)

// heldKarp solves in exactly by dynamic programming over subsets
// (Held & Karp 1962): dp[S][j] is the cheapest path that leaves Start,
// visits exactly the free nodes in S and ends at free node j. Time
// O(2^k·k²), memory O(2^k·k) for k free nodes. The caller guarantees that
// k is small and that in is valid.
func heldKarp(in Instance) []int {
	n, c, s := in.N, in.Cost, in.Start
	fixedEnd := in.End >= 0 && in.End != in.Start
	free := make([]int, 0, n)
	for v := range n {
		if v != s && !(fixedEnd && v == in.End) {
			free = append(free, v)
		}
	}
	k := len(free)
	order := make([]int, 0, n)
	order = append(order, s)
	if k == 0 {
		if fixedEnd {
			order = append(order, in.End)
		}
		return order
	}
	full := 1<<k - 1
	dp := heldKarpTable(c, n, s, free)
	// Close the route: back to Start, on to End, or nothing (open path).
	exit := func(j int) int64 {
		switch {
		case fixedEnd:
			return c[free[j]*n+in.End]
		case in.End == s:
			return c[free[j]*n+s]
		}
		return 0
	}
	last, best := -1, int64(math.MaxInt64)
	for j := range k {
		if v := dp[full*k+j] + exit(j); v < best {
			best, last = v, j
		}
	}
	rev := heldKarpWalk(dp, c, n, free, last)
	for i := len(rev) - 1; i >= 0; i-- {
		order = append(order, rev[i])
	}
	if fixedEnd {
		order = append(order, in.End)
	}
	return order
}

// heldKarpTable fills the dynamic programme: dp[S*k+j] is the cheapest
// path from s through exactly the free nodes in S ending at free[j]
// (math.MaxInt64: none), k = len(free).
func heldKarpTable(c []int64, n, s int, free []int) []int64 {
	k := len(free)
	full := 1<<k - 1
	dp := make([]int64, (full+1)*k)
	for i := range dp {
		dp[i] = math.MaxInt64
	}
	for j, v := range free {
		dp[(1<<j)*k+j] = c[s*n+v]
	}
	for mask := 1; mask <= full; mask++ {
		row := dp[mask*k : mask*k+k]
		for rest := mask; rest != 0; rest &= rest - 1 {
			j := bits.TrailingZeros(uint(rest))
			base := row[j]
			if base == math.MaxInt64 {
				continue
			}
			cj := c[free[j]*n : free[j]*n+n]
			for out := full &^ mask; out != 0; out &= out - 1 {
				l := bits.TrailingZeros(uint(out))
				nm := mask | 1<<l
				if v := base + cj[free[l]]; v < dp[nm*k+l] {
					dp[nm*k+l] = v
				}
			}
		}
	}
	return dp
}

// heldKarpWalk walks back through the table from the full set ending at
// free[last], returning the free nodes from last to first.
func heldKarpWalk(dp, c []int64, n int, free []int, last int) []int {
	k := len(free)
	rev := make([]int, 0, k)
	mask := 1<<k - 1
	for last >= 0 {
		rev = append(rev, free[last])
		val := dp[mask*k+last]
		prevMask := mask &^ (1 << last)
		next := -1
		for rest := prevMask; rest != 0; rest &= rest - 1 {
			i := bits.TrailingZeros(uint(rest))
			if d := dp[prevMask*k+i]; d != math.MaxInt64 && d+c[free[i]*n+free[last]] == val {
				next = i
				break
			}
		}
		mask, last = prevMask, next
	}
	return rev
}
