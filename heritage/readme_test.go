package heritage

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeExample returns the JSON example under the README heading, as a
// FeatureCollection.
func readmeExample(heading string) (string, error) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return "", err
	}
	_, rest, ok := strings.Cut(string(readme), "## "+heading+"\n")
	if ok {
		_, rest, ok = strings.Cut(rest, "```json\n")
	}
	if !ok {
		return "", fmt.Errorf("README.md has no JSON example under %q", heading)
	}
	doc, _, _ := strings.Cut(rest, "```")
	if !strings.Contains(doc, `"FeatureCollection"`) {
		doc = `{"type":"FeatureCollection","features":[` + doc + `]}`
	}
	return doc, nil
}

// TestREADMEFeature loads the example Feature of README.md, so the
// documentation cannot drift from the loader.
func TestREADMEFeature(t *testing.T) {
	doc, err := readmeExample("An example Feature")
	require.NoError(t, err)
	c, err := Load(strings.NewReader(doc), WithinBound(DefaultBound()))
	require.NoError(t, err)
	s, ok := c.Get("jiangxian/chexiangcheng")
	require.True(t, ok)
	assert.Equal(t, DefaultScore(s), s.Score)
	assert.Len(t, s.Footprint[0], 5)
}

// readmeFeatures returns the Features of the JSON example under the README
// heading as generic maps, for tests to change.
func readmeFeatures(t *testing.T, heading string) []map[string]any {
	t.Helper()
	doc, err := readmeExample(heading)
	require.NoError(t, err)
	var fc struct{ Features []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(doc), &fc))
	return fc.Features
}
