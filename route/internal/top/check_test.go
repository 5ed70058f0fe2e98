package top

import (
	"fmt"
	"math/rand/v2"
)

// This file holds an independent checker and a brute-force solver used by
// the tests; it shares no code with the engine.

// fits reports whether [t, t+d] lies inside one of ws (always when ws is empty).
func fits(ws []Window, t, d int64) bool {
	if len(ws) == 0 {
		return true
	}
	for _, w := range ws {
		if t >= w.Open && t+d <= w.Close {
			return true
		}
	}
	return false
}

// firstFit is the earliest t >= a with [t, t+d] inside one of ws, by a plain
// scan (ok false if none).
func firstFit(ws []Window, a, d int64) (int64, bool) {
	if len(ws) == 0 {
		return a, true
	}
	for _, w := range ws {
		t := max(a, w.Open)
		if t+d <= w.Close {
			return t, true
		}
	}
	return 0, false
}

func travelOf(in *Instance, u, v int) int64 {
	if v < 0 {
		return 0
	}
	return in.Travel[u*in.N+v]
}

func nodeWin(in *Instance, v int) []Window {
	if in.Windows == nil {
		return nil
	}
	return in.Windows[v]
}

func nodeSvc(in *Instance, v int) int64 {
	if in.Service == nil {
		return 0
	}
	return in.Service[v]
}

// replay computes the earliest schedule of seq on route r with the break
// taken after index bp (-1 = before the first visit). It returns the starts,
// the break start, the travel and whether everything holds.
func replay(in *Instance, r Route, seq []int, bp int) (starts []int64, brk int64, travel int64, err error) {
	d := r.Open
	takeBreak := func(at int) error {
		if r.Break == nil {
			return nil
		}
		b, ok := firstFit(r.Break.Windows, d, r.Break.Duration)
		if !ok {
			return fmt.Errorf("break after index %d cannot be placed (ready at %d)", at, d)
		}
		brk = b
		d = b + r.Break.Duration
		return nil
	}
	if bp == -1 {
		if err := takeBreak(-1); err != nil {
			return nil, 0, 0, err
		}
	}
	prev := r.Start
	for i, v := range seq {
		t := travelOf(in, prev, v)
		travel += t
		st, ok := firstFit(nodeWin(in, v), d+t, nodeSvc(in, v))
		if !ok {
			return nil, 0, 0, fmt.Errorf("visit %d (node %d) misses its windows (arrival %d)", i, v, d+t)
		}
		starts = append(starts, st)
		d = st + nodeSvc(in, v)
		if i == bp {
			if err := takeBreak(i); err != nil {
				return nil, 0, 0, err
			}
		}
		prev = v
	}
	t := travelOf(in, prev, r.End)
	travel += t
	if d+t > r.Close {
		return nil, 0, 0, fmt.Errorf("route ends at %d after its close %d", d+t, r.Close)
	}
	return starts, brk, travel, nil
}

// feasibleSeq reports whether seq fits route r for some break position and
// returns the least travel (travel does not depend on the break).
func feasibleSeq(in *Instance, r Route, seq []int) (int64, bool) {
	if r.Break == nil {
		_, _, tr, err := replay(in, r, seq, -1)
		return tr, err == nil
	}
	for bp := -1; bp < len(seq); bp++ {
		if _, _, tr, err := replay(in, r, seq, bp); err == nil {
			return tr, true
		}
	}
	return 0, false
}

// checkResult verifies every invariant of res against in and returns the
// first violation.
func checkResult(in *Instance, res Result, wantRequired bool) error {
	if len(res.Routes) != len(in.Routes) || len(res.Starts) != len(in.Routes) ||
		len(res.BreakAfter) != len(in.Routes) || len(res.BreakStart) != len(in.Routes) {
		return fmt.Errorf("result has %d routes, want %d", len(res.Routes), len(in.Routes))
	}
	isCust := make([]bool, in.N)
	for _, c := range in.Customers {
		isCust[c] = true
	}
	seen := make([]bool, in.N)
	var score, travel int64
	for ri, seq := range res.Routes {
		r := in.Routes[ri]
		for _, v := range seq {
			if v < 0 || v >= in.N || !isCust[v] {
				return fmt.Errorf("route %d visits %d, not a customer", ri, v)
			}
			if seen[v] {
				return fmt.Errorf("node %d visited twice", v)
			}
			seen[v] = true
			if in.Score != nil {
				score += in.Score[v]
			}
		}
		bp := res.BreakAfter[ri]
		if bp < -1 || bp >= max(len(seq), 1) {
			return fmt.Errorf("route %d: break after %d out of range", ri, bp)
		}
		if r.Break == nil && bp != -1 {
			return fmt.Errorf("route %d: break position %d without a break", ri, bp)
		}
		starts, brk, tr, err := replay(in, r, seq, bp)
		if err != nil {
			return fmt.Errorf("route %d: %w", ri, err)
		}
		if len(res.Starts[ri]) != len(seq) {
			return fmt.Errorf("route %d: %d starts for %d visits", ri, len(res.Starts[ri]), len(seq))
		}
		for i := range seq {
			if res.Starts[ri][i] != starts[i] {
				return fmt.Errorf("route %d visit %d: start %d, earliest schedule says %d", ri, i, res.Starts[ri][i], starts[i])
			}
			if !fits(nodeWin(in, seq[i]), starts[i], nodeSvc(in, seq[i])) {
				return fmt.Errorf("route %d visit %d outside its windows", ri, i)
			}
		}
		if r.Break != nil {
			if res.BreakStart[ri] != brk {
				return fmt.Errorf("route %d: break start %d, replay says %d", ri, res.BreakStart[ri], brk)
			}
			if !fits(r.Break.Windows, brk, r.Break.Duration) {
				return fmt.Errorf("route %d: break outside its windows", ri)
			}
		}
		travel += tr
	}
	if score != res.Score {
		return fmt.Errorf("score %d, recomputed %d", res.Score, score)
	}
	if travel != res.Travel {
		return fmt.Errorf("travel %d, recomputed %d", res.Travel, travel)
	}
	if wantRequired && in.Required != nil {
		for _, c := range in.Customers {
			if in.Required[c] && !seen[c] {
				return fmt.Errorf("required node %d not visited", c)
			}
		}
	}
	return nil
}

// value is the objective of a plan, lexicographic as the engine's.
type value struct{ score, count, travel int64 }

func (a value) better(b value) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.count != b.count {
		return a.count > b.count
	}
	return a.travel < b.travel
}

func valueOf(in *Instance, res Result) value {
	v := value{score: res.Score, travel: res.Travel}
	for _, r := range res.Routes {
		v.count += int64(len(r))
	}
	return v
}

// bruteForce returns the optimal value over all assignments of customers to
// routes and orders (only for tiny instances); ok is false when the required
// customers cannot all be placed.
func bruteForce(in *Instance) (value, bool) {
	nc := len(in.Customers)
	full := 1 << nc
	const none = int64(-1)
	// per route: least travel of a feasible sequence over exactly the mask
	per := make([][]int64, len(in.Routes))
	for ri, r := range in.Routes {
		best := make([]int64, full)
		for m := range best {
			best[m] = none
		}
		seq := make([]int, 0, nc)
		var rec func(mask int)
		rec = func(mask int) {
			if tr, ok := feasibleSeq(in, r, seq); ok && (best[mask] == none || tr < best[mask]) {
				best[mask] = tr
			}
			for i, c := range in.Customers {
				if mask&(1<<i) != 0 {
					continue
				}
				seq = append(seq, c)
				// prune: a visit missed even by the break-free earliest schedule stays missed
				noBreak := r
				noBreak.Break = nil
				noBreak.Close = 1 << 60
				if _, _, _, err := replay(in, noBreak, seq, -1); err == nil {
					rec(mask | 1<<i)
				}
				seq = seq[:len(seq)-1]
			}
		}
		rec(0)
		per[ri] = best
	}
	reqMask := 0
	for i, c := range in.Customers {
		if in.Required != nil && in.Required[c] {
			reqMask |= 1 << i
		}
	}
	var bestV value
	found := false
	var comb func(ri, used int, acc value)
	comb = func(ri, used int, acc value) {
		if ri == len(in.Routes) {
			if used&reqMask == reqMask && (!found || acc.better(bestV)) {
				bestV, found = acc, true
			}
			return
		}
		for m := range full {
			if m&used != 0 || per[ri][m] == none {
				continue
			}
			v := acc
			v.travel += per[ri][m]
			for i, c := range in.Customers {
				if m&(1<<i) != 0 {
					v.count++
					if in.Score != nil {
						v.score += in.Score[c]
					}
				}
			}
			comb(ri+1, used|m, v)
		}
	}
	comb(0, 0, value{})
	return bestV, found
}

// randomInstance builds a tiny random instance: nc customers, m routes,
// windows (sometimes two per node), sometimes a break and an open end.
func randomInstance(rng *rand.Rand, nc, m int, withBreak bool) Instance {
	n := nc + 2
	xs := make([]int64, n)
	ys := make([]int64, n)
	for i := range n {
		xs[i], ys[i] = rng.Int64N(100), rng.Int64N(100)
	}
	in := Instance{N: n, Travel: make([]int64, n*n), Service: make([]int64, n), Score: make([]int64, n), Windows: make([][]Window, n)}
	for i := range n {
		for j := range n {
			dx, dy := xs[i]-xs[j], ys[i]-ys[j]
			d := dx*dx + dy*dy
			// integer sqrt, plus an asymmetric jitter: no triangle inequality
			var r int64
			for (r+1)*(r+1) <= d {
				r++
			}
			if i != j {
				r += rng.Int64N(15)
			}
			in.Travel[i*n+j] = r
		}
	}
	for c := 2; c < n; c++ {
		in.Customers = append(in.Customers, c)
		in.Service[c] = rng.Int64N(20)
		in.Score[c] = 1 + rng.Int64N(10)
		switch rng.IntN(3) {
		case 0:
		case 1:
			o := rng.Int64N(300)
			in.Windows[c] = []Window{{o, o + 40 + rng.Int64N(120)}}
		default:
			o := rng.Int64N(150)
			e := o + 30 + rng.Int64N(60)
			o2 := e + 10 + rng.Int64N(100)
			in.Windows[c] = []Window{{o, e}, {o2, o2 + 30 + rng.Int64N(80)}}
		}
	}
	for k := range m {
		r := Route{Start: 0, End: 1, Open: rng.Int64N(30), Close: 200 + rng.Int64N(200)}
		if k == 1 {
			r.End = -1
		}
		if withBreak {
			o := 50 + rng.Int64N(100)
			r.Break = &Break{Duration: 10 + rng.Int64N(30), Windows: []Window{{o, o + 60 + rng.Int64N(60)}}}
		}
		in.Routes = append(in.Routes, r)
	}
	return in
}
