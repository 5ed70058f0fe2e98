package export

import (
	"bytes"
	"mime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFormat(t *testing.T) {
	names := FormatNames()
	assert.Equal(t, []string{"json", "geojson", "gpx", "kml", "jsonld", "svg", "text", "markdown", "ics"}, names)
	p := buildPlan(t, jinDay(t), jinSkipped())
	// What each format's output starts with, or holds, so that a name
	// wired to another format's writer fails.
	marks := map[string]string{
		"json": `{"datum":`, "geojson": `"type": "FeatureCollection"`, "gpx": "<gpx ", "kml": "<kml ",
		"jsonld": `"@type": "TouristTrip"`, "svg": "<svg ", "text": "\n=====", "markdown": "\n## Day 1", "ics": "BEGIN:VCALENDAR",
	}
	exts := map[string]bool{}
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			got, err := ParseFormat(f.Name)
			require.NoError(t, err)
			assert.Equal(t, f.Name, got.Name)
			assert.Equal(t, f.ContentType, got.ContentType)
			mt, _, err := mime.ParseMediaType(f.ContentType)
			require.NoError(t, err, "a valid media type")
			assert.NotEmpty(t, mt)
			assert.Regexp(t, `^\.[a-z]+$`, f.Ext)

			var b bytes.Buffer
			require.NoError(t, got.Write(&b, p, Lang("en")))
			assert.NotEmpty(t, b.Bytes())
			require.Contains(t, marks, f.Name)
			assert.Contains(t, b.String(), marks[f.Name], "the %s format writes %s", f.Name, f.Name)
			assert.False(t, exts[f.Ext], "extension %s used once", f.Ext)
			exts[f.Ext] = true
		})
	}
	for _, bad := range []string{"", "pdf", "JSON", " json"} {
		_, err := ParseFormat(bad)
		require.Error(t, err, "%q", bad)
		assert.Contains(t, err.Error(), "known: json, geojson, gpx, kml, jsonld, svg, text, markdown, ics")
	}
	fs := Formats()
	fs[0].Name = "changed"
	assert.Equal(t, "json", Formats()[0].Name, "the registry is not shared with callers")
}

// The itinerary formats take their language from the Lang option.
func TestItineraryLang(t *testing.T) {
	p := buildPlan(t, jinDay(t), jinSkipped())
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return Text(b, p, Lang("en")) },
		func(b *bytes.Buffer) error { return Markdown(b, p, Lang("en")) },
	} {
		var b bytes.Buffer
		require.NoError(t, write(&b))
		assert.Contains(t, b.String(), "Day 1")
		assert.NotContains(t, b.String(), "第 1 天")
	}
	var b bytes.Buffer
	require.NoError(t, Text(&b, p))
	assert.Contains(t, b.String(), "第 1 天", "Chinese by default")
}

// Only the itineraries a person reads through are marked Itinerary:
// they alone may be written once per language.
func TestFormatItinerary(t *testing.T) {
	for _, f := range Formats() {
		want := f.Name == "text" || f.Name == "markdown"
		if f.Itinerary != want {
			t.Errorf("%s: Itinerary %v, want %v", f.Name, f.Itinerary, want)
		}
	}
}
