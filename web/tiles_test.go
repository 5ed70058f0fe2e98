package web

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
)

// pictureMarks is what the tile tests read from an export.SVG picture, as
// an oracle independent of the projection the tiles are placed by: the
// map frame (the clip path's rectangle) and where each place is drawn.
type pictureMarks struct {
	frame [4]float64            // x, y, width, height, px
	at    map[string][2]float64 // place ID: drawn position, px
}

// readPicture reads the frame and the markers' positions from a picture;
// a marker moved apart from others at the same spot is taken at the foot
// of its spider line, where its place is.
func readPicture(t *testing.T, svg []byte) pictureMarks {
	t.Helper()
	num := func(e xml.StartElement, name string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				v, err := strconv.ParseFloat(strings.TrimSpace(a.Value), 64)
				require.NoError(t, err, "%s=%q", name, a.Value)
				return v
			}
		}
		t.Fatalf("<%s> has no %s", e.Name.Local, name)
		return 0
	}
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	out := pictureMarks{at: map[string][2]float64{}}
	type spider struct{ x1, y1, x2, y2 float64 }
	var spiders []spider
	var hasFrame, inClip, inSpiders bool
	cur := ""
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Local == "clipPath" && attr(e, "id") == "frame":
				inClip = true
			case inClip && e.Name.Local == "rect":
				out.frame = [4]float64{num(e, "x"), num(e, "y"), num(e, "width"), num(e, "height")}
				hasFrame = true
			case e.Name.Local == "g" && attr(e, "class") == "spiders":
				inSpiders = true
			case inSpiders && e.Name.Local == "line":
				spiders = append(spiders, spider{num(e, "x1"), num(e, "y1"), num(e, "x2"), num(e, "y2")})
			case e.Name.Local == "g" && attr(e, "class") == "stop":
				cur = attr(e, "data-id")
			case cur != "" && e.Name.Local == "circle":
				out.at[cur] = [2]float64{num(e, "cx"), num(e, "cy")}
				cur = ""
			case cur != "" && e.Name.Local == "rect":
				out.at[cur] = [2]float64{num(e, "x") + num(e, "width")/2, num(e, "y") + num(e, "height")/2}
				cur = ""
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "clipPath":
				inClip = false
			case "g":
				inSpiders = false
			}
		}
	}
	require.True(t, hasFrame, "the picture has a frame")
	for id, p := range out.at {
		for _, s := range spiders {
			if math.Abs(s.x2-p[0]) < 0.06 && math.Abs(s.y2-p[1]) < 0.06 {
				out.at[id] = [2]float64{s.x1, s.y1}
			}
		}
	}
	return out
}

// On every themed line's picture, in both tile datums, the tiles cover
// the frame and put each place where the picture draws its marker, within
// 1 px.
func TestTilesOnExportPictures(t *testing.T) {
	cat := heritage.Default()
	h := newHandler(cat)
	lines, err := h.lines()
	require.NoError(t, err)
	for _, datum := range []string{"wgs84", "gcj02"} {
		layer, err := parseTileLayer("https://t.example/{z}/{x}/{y}.png", datum, "")
		require.NoError(t, err)
		for _, l := range lines {
			t.Run(datum+"/"+l.ID, func(t *testing.T) {
				m, err := export.Layout(l.Plan, export.Catalog(cat))
				require.NoError(t, err)
				var buf bytes.Buffer
				require.NoError(t, m.WriteSVG(&buf))
				pic := readPicture(t, buf.Bytes())
				ts := layer.tiles(m)
				require.NotEmpty(t, ts)
				assert.LessOrEqual(t, len(ts), MaxTiles)

				minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
				for _, tl := range ts {
					minX, minY = math.Min(minX, tl.x), math.Min(minY, tl.y)
					maxX, maxY = math.Max(maxX, tl.x+tl.w), math.Max(maxY, tl.y+tl.h)
				}
				fr := pic.frame
				assert.LessOrEqual(t, minX, fr[0])
				assert.LessOrEqual(t, minY, fr[1])
				assert.GreaterOrEqual(t, maxX, fr[0]+fr[2])
				assert.GreaterOrEqual(t, maxY, fr[1]+fr[3])

				// The zoom: tiles drawn at 0.5–2 times their 256 px.
				z := zoomOf(t, ts[0].url)
				assert.True(t, ts[0].w > 128 && ts[0].w <= 512, "tile width %.1f px at zoom %d", ts[0].w, z)

				for _, s := range l.Sites {
					want, ok := pic.at[s.ID]
					require.True(t, ok, "a marker for %s", s.ID)
					g := geo.Convert(route.PlaceFromSite(s).Location, geo.WGS84, layer.datum) // where the plan arrives
					mx, my := mercator(g, z)
					found := false
					for _, tl := range ts {
						if tl.url != layer.url(z, int(mx), int(my), "") {
							continue
						}
						found = true
						assert.InDelta(t, want[0], tl.x+(mx-math.Floor(mx))*tl.w, 1.0, "%s x", s.ID)
						assert.InDelta(t, want[1], tl.y+(my-math.Floor(my))*tl.h, 1.0, "%s y", s.ID)
					}
					assert.True(t, found, "a tile under %s", s.ID)
				}
			})
		}
	}
}

// zoomOf reads z from a tile URL of the template https://t.example/{z}/{x}/{y}.png.
func zoomOf(t *testing.T, u string) int {
	t.Helper()
	parts := strings.Split(strings.TrimPrefix(u, "https://t.example/"), "/")
	require.Len(t, parts, 3, u)
	z, err := strconv.Atoi(parts[0])
	require.NoError(t, err)
	return z
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

func TestTileSubdomains(t *testing.T) {
	const tpl = "https://{s}.t.example/{z}/{x}/{y}.png"
	tests := []struct {
		name, subdomains string
		want             []string
		bad              bool
	}{
		{"default", "", []string{"a", "b", "c"}, false},
		{"comma list", "a,b,c", []string{"a", "b", "c"}, false},
		{"comma list of words", "t0, t1", []string{"t0", "t1"}, false},
		{"leaflet string", "1234", []string{"1", "2", "3", "4"}, false},
		{"one label", "a", []string{"a"}, false},
		{"space", "a b", nil, true},
		{"empty item", "a,,b", nil, true},
		{"too many", "123456789", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := parseTileLayer(tpl, "", tc.subdomains)
			if tc.bad {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, l.subdomains)
			assert.Len(t, l.origins, len(tc.want))
		})
	}
}

// spline is the Catmull-Rom interpolation the page's script reads a
// shift grid with (embed.js, shift).
func (g *shiftGrid) at(lon, lat float64) (dlon, dlat float64) {
	fx := min(float64(g.Cols)-2.001, max(1, (lon-g.Lon0)/g.Step))
	fy := min(float64(g.Rows)-2.001, max(1, (lat-g.Lat0)/g.Step))
	i, j := int(fx), int(fy)
	u, v := fx-float64(i), fy-float64(j)
	spline := func(p0, p1, p2, p3, t float64) float64 {
		return p1 + 0.5*t*(p2-p0+t*(2*p0-5*p1+4*p2-p3+t*(3*(p1-p2)+p3-p0)))
	}
	sums := func(d []int32) []int32 {
		a := slices.Clone(d)
		for k := 1; k < len(a); k++ {
			a[k] += a[k-1]
		}
		return a
	}
	cell := func(d []int32) float64 {
		a := sums(d)
		var r [4]float64
		for k := range 4 {
			o := (j-1+k)*g.Cols + i
			r[k] = spline(float64(a[o-1]), float64(a[o]), float64(a[o+1]), float64(a[o+2]), u)
		}
		return spline(r[0], r[1], r[2], r[3], v) * shiftUnit
	}
	return cell(g.DLon), cell(g.DLat)
}

// On every themed line's picture, the GCJ-02 shift grid the page's script
// places tiles by reproduces geo.Convert within 0.3 m over the frame and a
// frame's width around it, and is small enough to send with the page.
func TestShiftGrid(t *testing.T) {
	cat := heritage.Default()
	h := newHandler(cat)
	lines, err := h.lines()
	require.NoError(t, err)
	gcj, err := parseTileLayer("https://t.example/{z}/{x}/{y}.png", "gcj02", "")
	require.NoError(t, err)
	wgs, err := parseTileLayer("https://t.example/{z}/{x}/{y}.png", "wgs84", "")
	require.NoError(t, err)
	for _, l := range lines {
		t.Run(l.ID, func(t *testing.T) {
			m, err := export.Layout(l.Plan, export.Catalog(cat))
			require.NoError(t, err)
			assert.Nil(t, wgs.shiftGrid(m), "WGS-84 tiles need no shift")
			g := gcj.shiftGrid(m)
			require.NotNil(t, g)
			assert.Len(t, g.DLon, g.Cols*g.Rows)
			assert.LessOrEqual(t, g.Cols, shiftNodes)
			assert.LessOrEqual(t, g.Rows, shiftNodes)
			b := gcj.frameBound(m)
			margin := max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
			worst := 0.0
			for i := range 101 {
				for j := range 101 {
					p := orb.Point{b.Min[0] - margin + float64(i)/100*(b.Max[0]-b.Min[0]+2*margin),
						b.Min[1] - margin + float64(j)/100*(b.Max[1]-b.Min[1]+2*margin)}
					dlon, dlat := g.at(p[0], p[1])
					worst = max(worst, orbgeo.Distance(orb.Point{p[0] - dlon, p[1] - dlat}, geo.Convert(p, geo.GCJ02, geo.WGS84)))
				}
			}
			assert.Less(t, worst, 0.3, "metres from geo.Convert")
			t.Logf("%d×%d nodes, %.4f° apart; worst %.3f m", g.Cols, g.Rows, g.Step, worst)
		})
	}
}
