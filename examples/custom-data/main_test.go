package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/examples/internal/exampletest"
)

func runArgs(t *testing.T, args ...string) (int, string, string) {
	return exampletest.Run(t, run, args...)
}

func TestDemo(t *testing.T) {
	code, out, errOut := runArgs(t)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Loaded 7 sites and 1 anchors")
	assert.Contains(t, out, "Leave Demo Town (fictional)")
	assert.Contains(t, out, "Back at Demo Town (fictional)")
	assert.GreaterOrEqual(t, strings.Count(out, "Arrive at Demo"), 3)
	assert.Contains(t, out, "[village-walk/demo]")
	assert.Contains(t, out, "[temples-architecture/demo]")
}

// A Monday: the demo museum is closed, and the plan says so.
func TestDemoMonday(t *testing.T) {
	code, out, errOut := runArgs(t, "-date", "2026-05-11", "-lang", "zh")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out, "到达示例村史馆")
	assert.Contains(t, out, "示例村史馆（虚构）：")
}

const ownFile = `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [112.50, 35.20]},
  "properties": {"id": "mine/a", "name": {"zh": "甲（虚构）", "pinyin": "Jiǎ", "en": "A (fictional)"}, "kind": "temple",
   "precision_m": 10, "location_source": "fictional test point", "themes": ["temples-architecture"], "visit": {"minutes": 20}}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [112.51, 35.20]},
  "properties": {"id": "mine/b", "name": {"zh": "乙（虚构）", "pinyin": "Yǐ", "en": "B (fictional)"}, "kind": "stage",
   "precision_m": 10, "location_source": "fictional test point", "themes": ["temples-architecture"], "visit": {"minutes": 20}}}
]}`

func TestOwnFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.geojson")
	require.NoError(t, os.WriteFile(path, []byte(ownFile), 0o644))

	// No anchor to start from: the planner asks for -start.
	code, _, errOut := runArgs(t, "-file", path)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "start")

	code, out, errOut := runArgs(t, "-file", path, "-start", "112.505,35.195")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Arrive at A (fictional)")
	assert.Contains(t, out, "Arrive at B (fictional)")
}

func TestBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.geojson")
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(ownFile, `"kind": "stage"`, `"kind": "castle"`, 1)), 0o644))
	code, _, errOut := runArgs(t, "-file", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "mine/b")
	assert.Contains(t, errOut, "castle")

	code, _, _ = runArgs(t, "-file", filepath.Join(t.TempDir(), "missing.geojson"))
	assert.Equal(t, 1, code)
	code, _, _ = runArgs(t, "-lang", "fr")
	assert.Equal(t, 2, code)
}
