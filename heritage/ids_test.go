package heritage

import (
	"fmt"
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
