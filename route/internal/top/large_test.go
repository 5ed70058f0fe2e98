package top

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSolveLarge runs instances above largeN customers, where insertion
// looks only near neighbours and depots, with closed routes (the solver
// reads Travel in place) and with an open one (it copies the table with
// a virtual end); every result goes through the invariant checker.
func TestSolveLarge(t *testing.T) {
	for _, tc := range []struct {
		name string
		open bool
	}{{"closed routes", false}, {"an open route", true}} {
		t.Run(tc.name, func(t *testing.T) {
			in := randomClustered(rand.New(rand.NewPCG(7, 8)), largeN+200, 3)
			for k := range in.Routes {
				in.Routes[k].End = 0
			}
			if tc.open {
				in.Routes[1].End = -1
			}
			res, err := Solve(context.Background(), in, Options{Seed: 1, MaxIterations: 10})
			require.NoError(t, err)
			require.NoError(t, checkResult(&in, res, false))
			assert.Positive(t, res.Score)
			assert.Equal(t, 10, res.Iterations)
		})
	}
}

// TestBestInExact checks the kept insertions against a fresh scan of
// every position after some search: a kept entry equals the cheapest
// insertion over the route's slots now, and a route whose room is shorter
// than a customer's need has no feasible position for it at all.
func TestBestInExact(t *testing.T) {
	pruned := 0
	for _, seed := range []uint64{1, 2, 3, 4} {
		rng := rand.New(rand.NewPCG(seed, 9))
		in := randomClustered(rng, 300, 3)
		if seed == 4 { // refresh computes the entries
			in = randomClustered(rng, largeN+100, 3)
		}
		for k := range in.Routes {
			in.Routes[k].Close = 3000 + 500*int64(k) // short days: full routes with little room
		}
		if seed == 2 {
			in = randomInstance(rng, 40, 2, true)
		}
		require.NoError(t, in.validate())
		s := newSolver(&in, Options{Seed: int64(seed), MaxIterations: 15})
		s.run(context.Background())
		for _, r := range s.rts {
			r.ver++ // every entry stale
			s.refresh(r)
			for _, c := range s.cust {
				if s.where[c] >= 0 {
					continue
				}
				got := *s.bestIn(r, c)
				want := insertion{ver: r.ver, shift: math.MaxInt64}
				for _, p := range s.slots(nil, r, c) {
					if ok, sh := s.canInsert(r, p, c); ok && sh < want.shift {
						want.shift, want.p, want.ok = sh, int32(p), true
					}
				}
				require.Equal(t, want, got, "seed %d route %d customer %d", seed, r.idx, c)
				if s.need[c] > r.room {
					pruned++
					for p := 0; p <= r.k(); p++ {
						ok, _ := s.canInsert(r, p, c)
						require.False(t, ok, "seed %d route %d customer %d position %d: need %d > room %d", seed, r.idx, c, p, s.need[c], r.room)
					}
				}
			}
		}
	}
	t.Logf("%d pairs ruled out", pruned)
	assert.Positive(t, pruned, "no customer was ruled out by room: the bound is untested")
}
