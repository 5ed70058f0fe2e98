package heritage

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The ID index finds every ID it holds at its position, reports a
// repeated ID with its first position, and finds nothing else, across
// the table's growth.
func TestIDIndex(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 5000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var ids []string
			id := func(i int) string { return ids[i] }
			x := newIDIndex(n / 10) // grows on the way
			for i := range n {
				ids = append(ids, fmt.Sprintf("t/s%d", i))
				first, dup := x.add(ids[i], i, id)
				require.False(t, dup)
				require.Equal(t, i, first)
			}
			for i := range n {
				pos, ok := x.get(ids[i], id)
				require.True(t, ok, ids[i])
				require.Equal(t, i, pos)
				ids = append(ids, ids[i])
				first, dup := x.add(ids[i], len(ids)-1, id)
				require.True(t, dup)
				require.Equal(t, i, first)
			}
			_, ok := x.get("t/none", id)
			assert.False(t, ok)
		})
	}
	var none *idIndex
	_, ok := none.get("t/a", nil)
	assert.False(t, ok)
}

// addAll indexes a list as add does one ID at a time, with the table
// made for the list or growing on the way, and finds a repeated ID
// wherever it is.
func TestIDIndexAddAll(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 100, 5000} {
		for _, size := range []int{n, n / 10} {
			t.Run(fmt.Sprintf("n=%d/size=%d", n, size), func(t *testing.T) {
				ids := make([]string, n)
				for i := range ids {
					ids[i] = fmt.Sprintf("t/s%d", i)
				}
				id := func(i int) string { return ids[i] }
				x := newIDIndex(size)
				require.False(t, x.addAll(n, id))
				assert.Equal(t, n, x.n)
				for i := range n {
					pos, ok := x.get(ids[i], id)
					require.True(t, ok, ids[i])
					require.Equal(t, i, pos)
				}
				for _, d := range [][2]int{{0, 1}, {3, 15}, {15, 16}, {16, 40}, {0, n - 1}, {n - 2, n - 1}} {
					if d[0] < 0 || d[1] >= n || d[0] >= d[1] {
						continue
					}
					dupIDs := slices.Clone(ids)
					dupIDs[d[1]] = dupIDs[d[0]]
					assert.True(t, newIDIndex(size).addAll(n, func(i int) string { return dupIDs[i] }), "%v", d)
				}
			})
		}
	}
}
