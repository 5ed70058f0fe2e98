package tsp

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTourHash checks that the tour's edge hash follows every flip and
// undo, and names the tour, not its place or direction in the array.
func TestTourHash(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{5, 6, 17, 100} {
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		tr := newTour(order)
		tr.logOn = true
		start := tr.hash
		for range 200 {
			a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
			tr.flip(a, b)
			require.Equal(t, newTour(append([]int32(nil), tr.order...)).hash, tr.hash, "n=%d after flip(%d, %d)", n, a, b)
		}
		tr.undoTo(0)
		assert.Equal(t, start, tr.hash, "n=%d: undone", n)

		// the same cycle rotated and reversed
		other := make([]int32, n)
		for i := range other {
			other[i] = int32((n + 3 - i) % n)
		}
		assert.Equal(t, start, newTour(other).hash, "n=%d: rotated and reversed", n)
		other[1], other[2] = other[2], other[1]
		assert.NotEqual(t, start, newTour(other).hash, "n=%d: another cycle", n)
	}
}
