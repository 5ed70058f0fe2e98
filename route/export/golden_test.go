package export

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// checkGolden compares got with the golden file testdata/path byte for
// byte, after rewriting the file when -update is given.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	path = filepath.Join("testdata", path)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden files")
	assert.Equal(t, string(want), string(got), "%s differs; if the change is meant, run go test -update and read the diff", path)
}

// writer is the signature the map and data outputs share.
type writer func(io.Writer, *route.Plan, ...Option) error

// TestOutputGolden writes every map and data output of the itinerary's
// fixtures and compares each with its golden file under testdata/golden.
func TestOutputGolden(t *testing.T) {
	formats := []struct {
		ext   string
		write writer
	}{
		{"geojson", GeoJSON}, {"gpx", GPX}, {"kml", KML}, {"jsonld", JSONLD}, {"json", JSON}, {"svg", SVG},
	}
	plans := []struct {
		name string
		plan *route.Plan
		opts []Option
	}{
		{"jin-zh", buildPlan(t, jinDay(t), jinSkipped()), []Option{Catalog(catalog(t))}},
		{"jin-en", buildPlan(t, englishNames(jinDay(t)), jinSkipped()), []Option{Lang("en")}},
		{"three-en-gcj02", threeDaysByBus(t), []Option{Catalog(catalog(t)), Lang("en"), Datum(geo.GCJ02), Title("Three days in the land of Jin")}},
		{"open-zh", buildPlan(t, openDay(), nil), []Option{Size(640, 480)}},
	}
	for _, p := range plans {
		for _, f := range formats {
			name := p.name + "." + f.ext
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, f.write(&b, p.plan, p.opts...))
				checkGolden(t, filepath.Join("golden", name), b.Bytes())
			})
		}
	}
}

// threeDaysByBus is the three-day fixture travelling by tourist bus.
func threeDaysByBus(t *testing.T) *route.Plan {
	p := buildPlan(t, threeDays(t), nil)
	p.Mode = geo.TouristBus()
	return p
}
