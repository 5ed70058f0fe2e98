package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route/export"
)

func jsonUnmarshal(s string, v any) error {
	return json.Unmarshal([]byte(s), v)
}

// planArgs plans a day in Jiang County on a fixed date (a Tuesday), so
// that opening hours and the output do not depend on the day the tests
// run.
var planArgs = []string{"plan", "-date", "2027-05-04", "-seed", "1"}

// sixSites are six sites near the county seat: a small problem, quick
// to solve under the race detector, that still does not fit whole in a
// short day.
var sixArgs = append(append([]string{}, planArgs...), "-sites",
	"jiangxian/taiyin-temple,jiangxian/wenmiao,jiangxian/chexiangcheng,jiangxian/jin-wengong-tomb,jiangxian/dongfeng-stage,jiangxian/nanfan-memorial-arch")

// geoJSONPlan is the part of route/export's GeoJSON the tests read.
type geoJSONPlan struct {
	Type     string `json:"type"`
	Datum    string `json:"datum"`
	Features []struct {
		Type     string `json:"type"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
		Properties struct {
			Role string `json:"role"`
			Day  int    `json:"day"`
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"properties"`
	} `json:"features"`
}

func (g geoJSONPlan) stops() []string {
	var ids []string
	for _, f := range g.Features {
		if f.Properties.Role == "stop" {
			ids = append(ids, f.Properties.ID)
		}
	}
	return ids
}

func TestPlanGeoJSON(t *testing.T) {
	code, out, errs := runCLI(t, "", append(planArgs, "-format", "geojson")...)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs, "no progress line when stderr is not a terminal")
	var fc geoJSONPlan
	require.NoError(t, jsonUnmarshal(out, &fc))
	assert.Equal(t, "FeatureCollection", fc.Type)
	stops := fc.stops()
	require.GreaterOrEqual(t, len(stops), 3)
	cat := heritage.Default()
	seen := map[string]bool{}
	for _, id := range stops {
		s, ok := cat.Get(id)
		require.True(t, ok, "stop %q is a catalog site", id)
		assert.False(t, s.Anchor(), id)
		assert.False(t, seen[id], "%s visited once", id)
		seen[id] = true
	}
	// A loop from the county seat by default.
	var start, end string
	for _, f := range fc.Features {
		switch f.Properties.Role {
		case "start":
			start = f.Properties.ID
		case "end":
			end = f.Properties.ID
		}
	}
	assert.Equal(t, "anchor/jiangxian-county-seat", start)
	assert.Equal(t, start, end)

}

func TestPlanDeterministic(t *testing.T) {
	_, out1, _ := runCLI(t, "", append(sixArgs, "-format", "geojson", "-hours", "4")...)
	code, out2, errs := runCLI(t, "", append(sixArgs, "-format", "geojson", "-hours", "4")...)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, out1, out2, "same request and seed, same plan")
}

func TestPlanJSON(t *testing.T) {
	code, out, errs := runCLI(t, "", append(sixArgs, "-format", "json", "-hours", "4")...)
	require.Equal(t, 0, code, errs)
	var p struct {
		Datum   string `json:"datum"`
		Status  string `json:"status"`
		Visited int    `json:"visited"`
		Days    []struct {
			Date   string `json:"date"`
			Visits []struct {
				ID     string `json:"id"`
				NameEn string `json:"name_en"`
			} `json:"visits"`
		} `json:"days"`
		Skipped []struct {
			ID     string `json:"id"`
			Reason string `json:"reason"`
		} `json:"skipped"`
	}
	require.NoError(t, jsonUnmarshal(out, &p))
	assert.Equal(t, "wgs84", p.Datum)
	assert.NotEmpty(t, p.Status)
	require.Len(t, p.Days, 1)
	assert.Equal(t, "2027-05-04", p.Days[0].Date)
	assert.Equal(t, p.Visited, len(p.Days[0].Visits))
	assert.GreaterOrEqual(t, p.Visited, 3)
	// Four hours do not hold all six visits with the travel: every site is
	// either visited or skipped with a reason.
	assert.Equal(t, 6, p.Visited+len(p.Skipped))
	cat := heritage.Default()
	for _, v := range p.Days[0].Visits {
		s, ok := cat.Get(v.ID)
		require.True(t, ok, v.ID)
		assert.Equal(t, s.Name.En, v.NameEn)
	}
	for _, sk := range p.Skipped {
		assert.NotEmpty(t, sk.Reason, sk.ID)
	}
}

func TestPlanSitesAndDatum(t *testing.T) {
	sites := "jiangxian/taiyin-temple,jiangxian/wenmiao,jiangxian/chexiangcheng"
	code, out, errs := runCLI(t, "", append(planArgs, "-sites", sites, "-format", "geojson")...)
	require.Equal(t, 0, code, errs)
	var w geoJSONPlan
	require.NoError(t, jsonUnmarshal(out, &w))
	assert.ElementsMatch(t, strings.Split(sites, ","), w.stops(), "three nearby sites fit in a day")

	code, out, errs = runCLI(t, "", append(planArgs, "-sites", sites, "-format", "geojson", "-datum", "gcj02")...)
	require.Equal(t, 0, code, errs)
	var g geoJSONPlan
	require.NoError(t, jsonUnmarshal(out, &g))
	assert.Equal(t, "gcj02", g.Datum)
	require.Equal(t, len(w.Features), len(g.Features))
	for i := range w.Features {
		if w.Features[i].Geometry.Type != "Point" {
			continue
		}
		var pw, pg [2]float64
		require.NoError(t, json.Unmarshal(w.Features[i].Geometry.Coordinates, &pw))
		require.NoError(t, json.Unmarshal(g.Features[i].Geometry.Coordinates, &pg))
		assert.InDelta(t, 0, geo.Distance(geo.GCJ02ToWGS84(pg), pw), 1, "feature %d back in WGS-84", i)
		assert.Greater(t, geo.Distance(pg, pw), 50.0, "feature %d shifted", i)
	}
}

func TestPlanGPX(t *testing.T) {
	code, out, errs := runCLI(t, "", append(sixArgs, "-format", "gpx", "-days", "2", "-hours", "3", "-lang", "en")...)
	require.Equal(t, 0, code, errs)
	var doc struct {
		XMLName xml.Name `xml:"gpx"`
		Version string   `xml:"version,attr"`
		Wpts    []struct {
			Lat  float64 `xml:"lat,attr"`
			Lon  float64 `xml:"lon,attr"`
			Name string  `xml:"name"`
		} `xml:"wpt"`
		Rtes []struct {
			Pts []struct{} `xml:"rtept"`
		} `xml:"rte"`
	}
	require.NoError(t, xml.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "1.1", doc.Version)
	assert.Len(t, doc.Rtes, 2, "a route per day")
	require.GreaterOrEqual(t, len(doc.Wpts), 4)
	for _, w := range doc.Wpts {
		assert.NotEmpty(t, w.Name)
		assert.InDelta(t, 35.5, w.Lat, 1)
		assert.InDelta(t, 111.5, w.Lon, 1)
	}
	assert.Contains(t, out, "Jiang County")
	requireWellFormedXML(t, out)
}

// requireWellFormedXML reads every token of doc: it is XML well-formed
// to the end.
func requireWellFormedXML(t *testing.T, doc string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err)
	}
}

func TestPlanFormats(t *testing.T) {
	tests := []struct {
		format, lang string
		want         []string
	}{
		{"text", "zh", []string{"第 1 天", "绛县县城"}},
		{"text", "en", []string{"Day 1", "Jiang County seat"}},
		{"text", "both", []string{"第 1 天", "Day 1"}},
		{"markdown", "en", []string{"# ", "## Day 1", "**"}},
		{"kml", "zh", []string{"<kml", "<Placemark>", "</kml>"}},
		{"jsonld", "en", []string{`"TouristTrip"`, `"itemListElement"`}},
		{"svg", "zh", []string{"<svg", "</svg>"}},
		{"jsonld", "both", []string{`"TouristTrip"`, "太阴寺", "Taiyin Temple"}},
	}
	for _, tc := range tests {
		t.Run(tc.format+"/"+tc.lang, func(t *testing.T) {
			code, out, errs := runCLI(t, "", append(sixArgs, "-format", tc.format, "-lang", tc.lang, "-hours", "6")...)
			require.Equal(t, 0, code, errs)
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
			switch tc.format {
			case "kml", "svg":
				requireWellFormedXML(t, out)
			case "jsonld":
				var v map[string]any
				require.NoError(t, jsonUnmarshal(out, &v))
			}
		})
	}
	t.Run("every registered format", func(t *testing.T) {
		for _, f := range export.Formats() {
			code, out, errs := runCLI(t, "", append(sixArgs, "-format", f.Name, "-lang", "both")...)
			require.Equal(t, 0, code, "%s: %s", f.Name, errs)
			assert.NotEmpty(t, out, f.Name)
		}
	})
	t.Run("one calendar for both languages", func(t *testing.T) {
		code, out, errs := runCLI(t, "", append(sixArgs, "-format", "ics", "-lang", "both")...)
		require.Equal(t, 0, code, errs)
		assert.Equal(t, 1, strings.Count(out, "BEGIN:VCALENDAR"), "one calendar, not one per language")
	})
	t.Run("both languages in order", func(t *testing.T) {
		_, out, _ := runCLI(t, "", append(sixArgs, "-lang", "both")...)
		zh, en := strings.Index(out, "第 1 天"), strings.Index(out, "Day 1")
		assert.True(t, zh >= 0 && en > zh, "Chinese first, then English")
	})
}

func TestPlanOutputFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "trip.md")
	code, out, errs := runCLI(t, "", append(sixArgs, "-format", "markdown", "-o", f, "-title", "绛县一日")...)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, out)
	b, err := os.ReadFile(f)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "# 绛县一日"), string(b[:min(len(b), 80)]))
	_, stdout, _ := runCLI(t, "", append(sixArgs, "-format", "markdown", "-title", "绛县一日")...)
	assert.Equal(t, stdout, string(b))

	// A file that cannot be written is a runtime failure.
	code, _, errs = runCLI(t, "", append(sixArgs, "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "x.txt"))...)
	assert.Equal(t, 1, code)
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
}

func TestPlanMultiDayHotels(t *testing.T) {
	// Two days with a night at Houma station: day 1 ends there, day 2
	// starts there and returns to the county seat.
	code, out, errs := runCLI(t, "", append(sixArgs, "-days", "2", "-hours", "3", "-hotels", "anchor/houma-station", "-format", "geojson")...)
	require.Equal(t, 0, code, errs)
	var fc geoJSONPlan
	require.NoError(t, jsonUnmarshal(out, &fc))
	ends := map[string]string{}
	for _, f := range fc.Features {
		if r := f.Properties.Role; r == "start" || r == "end" {
			ends[r+string(rune('0'+f.Properties.Day))] = f.Properties.ID
		}
	}
	assert.Equal(t, "anchor/houma-station", ends["end1"])
	assert.Equal(t, "anchor/houma-station", ends["start2"])
	assert.Equal(t, "anchor/jiangxian-county-seat", ends["end2"])

	// A point as the start, in lon,lat.
	code, _, errs = runCLI(t, "", append(sixArgs, "-start", "111.58,35.49", "-format", "geojson")...)
	require.Equal(t, 0, code, errs)
}

func TestProgress(t *testing.T) {
	var w syncBuffer
	stop := startProgress(&w, "planning 3 sites…", progressEvery)
	stop()
	stop() // a second call is harmless
	out := w.String()
	assert.True(t, strings.HasPrefix(out, "\r⠋ planning 3 sites… "), "%q", out)
	assert.True(t, strings.HasSuffix(out, "\r\x1b[K"), "the line is cleared: %q", out)
	assert.Equal(t, out, w.String(), "nothing is written after stop")

	assert.False(t, isTerminal(&w))
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a file is not a terminal")
}
