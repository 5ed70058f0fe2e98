package heritage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The loading tests again, with the general decoder alone (Load reads
// with fastReader first): both ways accept and report the same.
func TestLoadStreamed(t *testing.T) {
	defer func(fast bool) { fastDecode = fast }(fastDecode)
	fastDecode = false
	t.Run("problems", TestLoadProblems)
	t.Run("every problem", TestLoadReportsEveryProblem)
	t.Run("syntax messages", TestLoadSyntaxMessages)
	t.Run("fixture", TestLoadFixture)
	t.Run("round trip", TestRoundTrip)
}

// The stream takes a well-formed collection whole, item by item, and
// gives up on anything else (for the diagnosis to report).
func TestStreamCollection(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "sites.geojson"))
	require.NoError(t, err)
	n := 0
	require.True(t, streamCollection(good, func(i int, d *decoded) {
		assert.Equal(t, n, i)
		assert.NotNil(t, d.props)
		n++
	}))
	assert.Equal(t, loadFixture(t).Len(), n)
	assert.Equal(t, n, countFeatures(good))

	for _, bad := range []string{
		`[]`,
		`{"type":"FeatureCollection"}`,
		`{"features":[]}`,
		`{"type":"Collection","features":[]}`,
		`{"type":"FeatureCollection","features":[],"name":"x"}`,
		`{"type":"FeatureCollection","features":[],"type":"FeatureCollection"}`,
		`{"type":"FeatureCollection","features":{}}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"ID":"x"}}]}`,
		`{"type":"FeatureCollection","features":[]} []`,
		`{"type":"FeatureCollection","features":[]`,
	} {
		assert.False(t, streamCollection([]byte(bad), func(int, *decoded) {}), bad)
	}
}
