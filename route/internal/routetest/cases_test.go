package routetest_test

import (
	"testing"

	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The known answers of the hard cases are what brute force finds.
func TestCasesKnownAnswers(t *testing.T) {
	names := map[string]bool{}
	for _, c := range routetest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			assert.False(t, names[c.Name], "names are unique")
			names[c.Name] = true
			require.NoError(t, c.Problem.Validate())
			if c.Err != nil {
				return
			}
			assert.Equal(t, c.Want, routetest.BestOneDay(&c.Problem))
		})
	}
}
