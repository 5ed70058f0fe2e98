package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/examples/internal/exampletest"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	return exampletest.Run(t, run, args...)
}

func TestNoFlags(t *testing.T) {
	code, out, errOut := runArgs(t)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Date: 2026-05-12 (Tuesday)")
	// Both languages, from the county seat and back.
	assert.Contains(t, out, "从绛县县城（古绛镇）出发")
	assert.Contains(t, out, "返回绛县县城（古绛镇）")
	assert.Contains(t, out, "Leave Jiang County seat")
	assert.Contains(t, out, "Back at Jiang County seat")
	assert.GreaterOrEqual(t, strings.Count(out, "到达"), 3)
	assert.GreaterOrEqual(t, strings.Count(out, "Arrive at"), 3)
	// The Jin dukes' tombs of Jiang County are on it.
	assert.Contains(t, out, "晋文公墓")
	assert.Contains(t, out, "Tomb of Duke Wen of Jin")
}

func TestLangAndTheme(t *testing.T) {
	code, out, errOut := runArgs(t, "-lang", "en", "-theme", "temples-architecture", "-hours", "6", "-date", "2026-05-13")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Temples and old buildings")
	assert.NotContains(t, out, "到达")
	assert.GreaterOrEqual(t, strings.Count(out, "Arrive at"), 3)
}

func TestOut(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runArgs(t, "-out", dir, "-lang", "zh")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "route.svg")

	var fc struct {
		Type     string `json:"type"`
		Features []any  `json:"features"`
	}
	require.NoError(t, json.Unmarshal(read(t, dir, "route.geojson"), &fc))
	assert.Equal(t, "FeatureCollection", fc.Type)
	assert.GreaterOrEqual(t, len(fc.Features), 4)

	for _, name := range []string{"route.gpx", "route.kml", "route.svg"} {
		dec := xml.NewDecoder(bytes.NewReader(read(t, dir, name)))
		for {
			_, err := dec.Token()
			if err != nil {
				assert.Equal(t, "EOF", err.Error(), name)
				break
			}
		}
	}
	var ld map[string]any
	require.NoError(t, json.Unmarshal(read(t, dir, "route.jsonld"), &ld))
	assert.Equal(t, "TouristTrip", ld["@type"])
	assert.Contains(t, string(read(t, dir, "route.svg")), "车厢城城址")
}

func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-date", "2026-02-30"},
		{"-hours", "30"},
		{"-theme", "dinosaurs"},
		{"-start", "anchor/nowhere"},
		{"-lang", "fr"},
		{"-time", "8h"},
		{"extra"},
	} {
		code, _, errOut := runArgs(t, args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, errOut, "jin-route:", "%v", args)
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	require.NotEmpty(t, b, name)
	return b
}
