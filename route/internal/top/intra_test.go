package top

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOrTimed checks that orTimed makes the same Or-opt move as trying
// every place in order and scheduling each moved route afresh, on greedy
// routes with one or two windows per visit and a travel table without
// the triangle inequality.
func TestOrTimed(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	moves := 0
	for trial := range 60 {
		in := randomInstance(rng, 40, 1, false)
		in.Routes[0].Close = 600 + rng.Int64N(900)
		s := newSolver(&in, Options{Seed: int64(trial)})
		s.setWeights(2, 0)
		s.insertAll()
		r := s.rts[0]
		if r.plain || r.k() < 2 {
			continue
		}
		start := slices.Clone(r.nodes)
		for l := 1; l <= 3; l++ {
			for i := 1; i+l-1 <= r.k(); i++ {
				j := i + l - 1
				gain := r.cum[i] - r.cum[i-1] + r.cum[j+1] - r.cum[j] - s.t(r.nodes[i-1], r.nodes[j+1])
				got := s.orTimed(r, i, j, gain)
				after := slices.Clone(r.nodes)
				r.nodes = append(r.nodes[:0], start...)
				s.update(r)
				want := firstShorterFeasible(s, r, i, j, gain)
				require.Equal(t, want, got, "trial %d, positions %d..%d of %v", trial, i, j, start)
				require.Equal(t, r.nodes, after, "trial %d, positions %d..%d of %v", trial, i, j, start)
				if got {
					moves++
				}
				r.nodes = append(r.nodes[:0], start...)
				s.update(r)
			}
		}
	}
	require.Positive(t, moves, "no Or-opt move was found: the routes are too short to test")
	t.Logf("%d moves compared", moves)
}

// firstShorterFeasible is orTimed's reference: it tries the places of r
// for positions i..j in moveSeg's order, forwards then reversed, and
// keeps the first move that saves more travel than gain and whose route,
// scheduled afresh by update, is feasible. It shares no feasibility check
// with orTimed or via.
func firstShorterFeasible(s *solver, r *rstate, i, j int, gain int64) bool {
	start := slices.Clone(r.nodes)
	for q := 0; q <= r.k(); q++ {
		if q >= i-1 && q <= j {
			continue
		}
		for rev := range 2 {
			if rev == 1 && i == j || s.segAdd(r, i, j, q, rev) >= gain {
				continue
			}
			s.shiftSeg(r, i, j, q, rev)
			if r.feasible() {
				return true
			}
			r.nodes = append(r.nodes[:0], start...)
			s.update(r)
		}
	}
	return false
}
