package web

import (
	"bytes"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route/export"
)

// The projection recovered from export.SVG's pictures puts every place
// on its marker (or, for markers moved apart, on its spider's foot).
func TestFitSVGMapOnExportPictures(t *testing.T) {
	cat := heritage.Default()
	h := newHandler(cat)
	lines, err := h.lines()
	require.NoError(t, err)
	locate := func(id string) (orb.Point, bool) {
		s, ok := cat.Get(id)
		return s.Location, ok
	}
	spiders := 0
	for _, l := range lines {
		t.Run(l.ID, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, export.SVG(&buf, l.Plan, export.Catalog(cat)))
			parts, err := parseSVG(buf.Bytes())
			require.NoError(t, err)
			require.True(t, parts.hasFrame)
			assert.Greater(t, parts.frame[2], 100.0)
			assert.Equal(t, len(l.Sites), countRole(parts.markers, "stop"))
			assert.Positive(t, parts.scaleM)
			m, err := fitSVGMap(parts, locate)
			require.NoError(t, err)
			assert.LessOrEqual(t, m.residual, 1.5)
			// Equirectangular: a degree of longitude is cos(lat) of a
			// degree of latitude.
			lat := l.Sites[0].Location[1]
			assert.InDelta(t, math.Cos(lat*math.Pi/180), m.bx/-m.by, 0.01)
			// Metres per pixel agree with the scale bar.
			assert.InDelta(t, parts.scaleM/parts.scalePx, metresPerDegree/-m.by, 0.001*parts.scaleM/parts.scalePx)
			spiders += len(parts.spiders)
			// Inverse.
			p := l.Sites[0].Location
			x, y := m.project(p)
			back := m.unproject(x, y)
			assert.InDelta(t, p[0], back[0], 1e-9)
			assert.InDelta(t, p[1], back[1], 1e-9)
		})
	}
	assert.Positive(t, spiders, "some line has sites sharing a point: their markers are moved apart")
}

func countRole(ms []svgMarker, role string) int {
	n := 0
	for _, m := range ms {
		if m.role == role {
			n++
		}
	}
	return n
}

func TestFitSVGMapSynthetic(t *testing.T) {
	// A picture of scale s px per degree of latitude at lat0 35.5°.
	const s, lat0 = 4000.0, 35.5
	k := math.Cos(lat0 * math.Pi / 180)
	at := func(p orb.Point) (float64, float64) { return 480 + (p[0]-111.6)*k*s, 360 - (p[1]-lat0)*s }
	places := map[string]orb.Point{"a": {111.55, 35.45}, "b": {111.65, 35.52}, "c": {111.6, 35.55}}
	locate := func(id string) (orb.Point, bool) { p, ok := places[id]; return p, ok }
	mpp := metresPerDegree / s
	parts := func(ids ...string) svgParts {
		ps := svgParts{frame: [4]float64{16, 72, 928, 584}, hasFrame: true, scaleM: 2000, scalePx: 2000 / mpp}
		for _, id := range ids {
			x, y := at(places[id])
			ps.markers = append(ps.markers, svgMarker{id: id, role: "stop", x: x, y: y})
		}
		return ps
	}

	t.Run("scale bar and least squares", func(t *testing.T) {
		m, err := fitSVGMap(parts("a", "b", "c"), locate)
		require.NoError(t, err)
		assert.InDelta(t, k*s, m.bx, 1e-6)
		assert.InDelta(t, -s, m.by, 1e-6)
	})
	t.Run("one place: the scale bar gives the scale", func(t *testing.T) {
		m, err := fitSVGMap(parts("b"), locate)
		require.NoError(t, err)
		x, y := m.project(places["b"])
		wx, wy := at(places["b"])
		assert.InDelta(t, wx, x, 1e-6)
		assert.InDelta(t, wy, y, 1e-6)
		assert.InDelta(t, s, -m.by, 1e-6)
		assert.InDelta(t, math.Cos(35.52*math.Pi/180)*s, m.bx, 1e-6)
	})
	t.Run("no scale bar: least squares both ways", func(t *testing.T) {
		ps := parts("a", "b", "c")
		ps.scaleM = 0
		m, err := fitSVGMap(ps, locate)
		require.NoError(t, err)
		assert.InDelta(t, -s, m.by, 1e-6)
	})
	t.Run("spider feet are the true positions", func(t *testing.T) {
		ps := parts("a", "b", "c")
		tx, ty := ps.markers[1].x, ps.markers[1].y
		ps.markers[1].x += 12 // moved apart, with a spider back to its place
		ps.spiders = append(ps.spiders, [4]float64{tx, ty, ps.markers[1].x, ps.markers[1].y})
		m, err := fitSVGMap(ps, locate)
		require.NoError(t, err)
		assert.Less(t, m.residual, 1e-6)
	})
	t.Run("errors", func(t *testing.T) {
		off := parts("a", "b", "c")
		off.markers[2].y += 8
		_, err := fitSVGMap(off, locate)
		assert.ErrorContains(t, err, "does not fit")

		noBar := parts("b")
		noBar.scaleM = 0
		_, err = fitSVGMap(noBar, locate)
		assert.ErrorContains(t, err, "scale")

		sameLat := parts("a", "b")
		sameLat.scaleM = 0
		sameLat.markers[1].y = sameLat.markers[0].y
		places["b2"] = orb.Point{places["b"][0], places["a"][1]}
		sameLat.markers[1].id = "b2"
		_, err = fitSVGMap(sameLat, locate)
		assert.ErrorContains(t, err, "scale", "one latitude and no scale bar")

		_, err = fitSVGMap(parts(), locate)
		assert.ErrorContains(t, err, "no marker")

		flipped := parts("a", "b", "c")
		for i := range flipped.markers {
			flipped.markers[i].y = 720 - flipped.markers[i].y
		}
		_, err = fitSVGMap(flipped, locate)
		assert.ErrorContains(t, err, "does not fit", "the scale bar says north is up")
		flipped.scaleM = 0
		_, err = fitSVGMap(flipped, locate)
		assert.ErrorContains(t, err, "north-up")
	})
}

func TestParseSVGErrors(t *testing.T) {
	_, err := parseSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><g class="stop" data-id="a"><circle cx="1" cy="2"/></g></svg>`))
	assert.ErrorContains(t, err, "no frame")
	_, err = parseSVG([]byte(`<svg><g>`))
	assert.Error(t, err)
}

func TestMercator(t *testing.T) {
	for _, p := range []orb.Point{{0, 0}, {111.57, 35.49}, {-73.98, 40.75}, {179.9, -60}} {
		for _, z := range []int{0, 5, 13, 19} {
			x, y := mercator(p, z)
			back := unmercator(x, y, z)
			assert.InDelta(t, p[0], back[0], 1e-9)
			assert.InDelta(t, p[1], back[1], 1e-9)
		}
	}
	x, y := mercator(orb.Point{0, 0}, 1)
	assert.InDelta(t, 1.0, x, 1e-12)
	assert.InDelta(t, 1.0, y, 1e-12)
	// The grid is symmetric about the equator and ends near 85.0511°.
	_, yn := mercator(orb.Point{111.6, 35.5}, 13)
	_, ys := mercator(orb.Point{111.6, -35.5}, 13)
	assert.InDelta(t, 8192.0, yn+ys, 1e-9)
	_, top := mercator(orb.Point{0, 89}, 4)
	assert.InDelta(t, 0.0, top, 1e-3)
}
