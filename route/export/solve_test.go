package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// solvedJinDay solves a real one-day problem on the embedded catalog: the
// Jin-culture sites of Jiang County from the county seat and back, with a
// lunch break and an 8-hour day, so the output writers are tested on what
// route.Solve actually returns.
func solvedJinDay(t testing.TB) *route.Plan {
	t.Helper()
	c := heritage.Default()
	seat, ok := c.Get("anchor/jiangxian-county-seat")
	require.True(t, ok)
	start := route.Place{ID: seat.ID, Name: seat.Name.Zh, Location: seat.Location}
	cst := time.FixedZone("CST", 8*3600)
	open := time.Date(2025, 5, 1, 8, 30, 0, 0, cst)
	p := route.Problem{
		Days: []route.Day{{
			Start: start, End: &start,
			Window: route.Window{Open: open, Close: open.Add(8 * time.Hour)},
			Break:  &route.Break{Duration: time.Hour, Window: route.Window{Open: open.Add(3 * time.Hour), Close: open.Add(5 * time.Hour)}},
		}},
		Mode: geo.CountyDrive(),
	}
	for _, s := range c.Sites() {
		if s.Anchor() || !s.HasTheme(heritage.ThemeJinCulture) || geo.Distance(s.Location, seat.Location) > 40_000 {
			continue
		}
		d := s.Visit.Duration
		if d == 0 {
			d = 30 * time.Minute
		}
		p.Stops = append(p.Stops, route.Stop{Place: route.Place{ID: s.ID, Name: s.Name.Zh, Location: s.Location}, Visit: d, Score: s.Score})
	}
	require.NotEmpty(t, p.Stops)
	plan, err := route.Solve(context.Background(), p, route.Seed(1), route.TimeLimit(2*time.Second))
	require.NoError(t, err)
	return plan
}

func TestOutputsOnSolvedPlan(t *testing.T) {
	p := solvedJinDay(t)
	require.NotEmpty(t, p.Days[0].Visits)
	c := catalog(t)
	writers := map[string]func(*bytes.Buffer) error{
		"route.geojson": func(b *bytes.Buffer) error { return GeoJSON(b, p, Catalog(c)) },
		"route.gpx":     func(b *bytes.Buffer) error { return GPX(b, p, Catalog(c)) },
		"route.kml":     func(b *bytes.Buffer) error { return KML(b, p, Catalog(c)) },
		"route.jsonld":  func(b *bytes.Buffer) error { return JSONLD(b, p, Catalog(c)) },
		"route.svg":     func(b *bytes.Buffer) error { return SVG(b, p, Catalog(c)) },
		"route-en.svg":  func(b *bytes.Buffer) error { return SVG(b, p, Catalog(c), Lang("en")) },
		"route.zh.txt":  func(b *bytes.Buffer) error { return Text(b, p, Lang("zh"), Catalog(c)) },
		"route.en.md":   func(b *bytes.Buffer) error { return Markdown(b, p, Lang("en"), Catalog(c)) },
	}
	for name, write := range writers {
		var b bytes.Buffer
		require.NoError(t, write(&b), name)
		assert.NotEmpty(t, b.Bytes(), name)
		if *svgDir != "" {
			require.NoError(t, os.WriteFile(filepath.Join(*svgDir, "solved-"+name), b.Bytes(), 0o644))
		}
	}
}
