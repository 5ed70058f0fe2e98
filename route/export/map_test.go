package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

// mapPlans are the plans the projection tests draw.
func mapPlans(t *testing.T) map[string]*route.Plan {
	t.Helper()
	far := route.Place{ID: "far", Name: "far", Location: orb.Point{-73.9855, 40.758}}
	return map[string]*route.Plan{
		"one day":    buildPlan(t, jinDay(t), jinSkipped()),
		"three days": buildPlan(t, threeDays(t), nil),
		"single place": buildPlan(t, []fixtureDay{{start: far, end: &far, breakAfter: -2,
			visits: []fixtureStop{{id: "near", name: "near", loc: orb.Point{-73.9855, 40.758}, visit: 1}}}}, nil),
	}
}

// Layout followed by WriteSVG writes what SVG writes, every time.
func TestLayoutWritesSVG(t *testing.T) {
	for name, p := range mapPlans(t) {
		t.Run(name, func(t *testing.T) {
			opts := []Option{Catalog(catalog(t)), Lang("en"), Size(800, 600)}
			var want bytes.Buffer
			require.NoError(t, SVG(&want, p, opts...))
			m, err := Layout(p, opts...)
			require.NoError(t, err)
			for range 2 {
				var got bytes.Buffer
				require.NoError(t, m.WriteSVG(&got))
				assert.Equal(t, want.String(), got.String())
			}
			w, h := m.Size()
			assert.Equal(t, []int{800, 600}, []int{w, h})
		})
	}
}

// rootProjection reads the projection and frame from the picture's root
// element, as a script would.
func rootProjection(t *testing.T, root *svgElem) (Projection, [4]float64) {
	t.Helper()
	require.Equal(t, "equirectangular", root.attr("data-projection"))
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, "%q", s)
		return v
	}
	p := Projection{Lon0: num(root.attr("data-lon0")), Lat0: num(root.attr("data-lat0")),
		X0: num(root.attr("data-x0")), Y0: num(root.attr("data-y0")), Scale: num(root.attr("data-scale"))}
	fields := strings.Fields(root.attr("data-frame"))
	require.Len(t, fields, 4)
	var fr [4]float64
	for i, s := range fields {
		fr[i] = num(s)
	}
	return p, fr
}

// The projection Map reports, and the one written on the root element,
// are the one the picture is drawn in: every place is drawn at its
// projected position, or for a marker moved apart from others, at the
// foot of its spider line. The frame is the clip path's rectangle.
func TestMapProjection(t *testing.T) {
	for name, p := range mapPlans(t) {
		t.Run(name, func(t *testing.T) {
			m, err := Layout(p, Catalog(catalog(t)))
			require.NoError(t, err)
			pr := m.Projection()
			var b bytes.Buffer
			require.NoError(t, m.WriteSVG(&b))
			root := parseSVG(t, b.Bytes())

			attrPr, attrFrame := rootProjection(t, &root)
			assert.Equal(t, pr, attrPr, "data attributes read back exactly")
			x0, y0, x1, y1 := m.Frame()
			assert.Equal(t, [4]float64{x0, y0, x1, y1}, attrFrame)
			var clip *svgElem
			root.walk(func(e *svgElem) {
				if e.XMLName.Local == "clipPath" && e.attr("id") == "frame" {
					clip = &e.Children[0]
				}
			})
			require.NotNil(t, clip)
			assert.Equal(t, f(x0), clip.attr("x"))
			assert.Equal(t, f(y0), clip.attr("y"))
			assert.Equal(t, f(x1-x0), clip.attr("width"))
			assert.Equal(t, f(y1-y0), clip.attr("height"))

			// Where each place should be, by ID.
			want := map[string]orb.Point{}
			for _, d := range p.Days {
				want[d.Start.ID] = d.Start.Location
				if d.End != nil {
					want[d.End.ID] = d.End.Location
				}
				for _, v := range d.Visits {
					want[v.Stop.ID] = v.Stop.Location
				}
			}
			// Spider feet by drawn position.
			feet := map[[2]string][2]float64{}
			var markers int
			root.walk(func(e *svgElem) {
				if e.XMLName.Local == "g" && e.attr("class") == "spiders" {
					for _, l := range e.Children {
						if l.XMLName.Local == "line" {
							feet[[2]string{l.attr("x2"), l.attr("y2")}] = [2]float64{atof(t, l.attr("x1")), atof(t, l.attr("y1"))}
						}
					}
				}
			})
			root.walk(func(e *svgElem) {
				if e.XMLName.Local != "g" || e.attr("class") != "stop" {
					return
				}
				markers++
				var sx, sy string
				var x, y float64
				for _, c := range e.Children {
					switch c.XMLName.Local {
					case "circle":
						sx, sy = c.attr("cx"), c.attr("cy")
						x, y = atof(t, sx), atof(t, sy)
					case "rect":
						if sx == "" {
							x, y = atof(t, c.attr("x"))+anchorHalf, atof(t, c.attr("y"))+anchorHalf
							sx, sy = f(x), f(y)
						}
					}
					if sx != "" {
						break
					}
				}
				if foot, ok := feet[[2]string{sx, sy}]; ok {
					x, y = foot[0], foot[1]
				}
				loc, ok := want[e.attr("data-id")]
				require.True(t, ok, e.attr("data-id"))
				px, py := pr.Project(loc)
				assert.InDelta(t, px, x, 0.06, "%s x", e.attr("data-id"))
				assert.InDelta(t, py, y, 0.06, "%s y", e.attr("data-id"))
				assert.True(t, px >= x0 && px <= x1 && py >= y0 && py <= y1, "%s inside the frame", e.attr("data-id"))
			})
			assert.Positive(t, markers)
			if name == "one day" {
				assert.NotEmpty(t, feet, "two sites share a point: moved apart")
			}
		})
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, "%q", s)
	return v
}

func TestProjectionFormula(t *testing.T) {
	p := Projection{Lon0: 111.6, Lat0: 35.5, X0: 480, Y0: 364, Scale: 4000}
	x, y := p.Project(orb.Point{111.6, 35.5})
	assert.Equal(t, [2]float64{480, 364}, [2]float64{x, y}, "the centre")
	k := math.Cos(35.5 * math.Pi / 180)
	tests := []struct {
		name       string
		pt         orb.Point
		wantX, wty float64
	}{
		{"east", orb.Point{111.7, 35.5}, 480 + 0.1*k*4000, 364},
		{"north is up", orb.Point{111.6, 35.6}, 480, 364 - 0.1*4000},
		{"south-west", orb.Point{111.5, 35.4}, 480 - 0.1*k*4000, 364 + 0.1*4000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := p.Project(tt.pt)
			assert.InDelta(t, tt.wantX, x, 1e-9)
			assert.InDelta(t, tt.wty, y, 1e-9)
			back := p.Unproject(x, y)
			assert.InDelta(t, tt.pt[0], back[0], 1e-12)
			assert.InDelta(t, tt.pt[1], back[1], 1e-12)
		})
	}
	// A pixel measures the same on the ground both ways near the centre.
	c := p.Unproject(480, 364)
	assert.InEpsilon(t, p.MetresPerPixel()*100, geo.Distance(c, p.Unproject(480, 464)), 1e-9)
	assert.InEpsilon(t, p.MetresPerPixel()*100, geo.Distance(c, p.Unproject(580, 364)), 1e-3)
}

func TestLayoutErrors(t *testing.T) {
	_, err := Layout(nil)
	assert.ErrorContains(t, err, "nil plan")
	_, err = Layout(&route.Plan{})
	assert.ErrorContains(t, err, "no places")
	_, err = Layout(buildPlan(t, jinDay(t), nil), Size(10, 10))
	assert.ErrorContains(t, err, "size")
}

// An underlay is drawn over the paper and under the graticule, clipped to
// the frame, placed with the map being written; Inline drops the XML
// declaration and nothing else.
func TestUnderlayAndInline(t *testing.T) {
	p := buildPlan(t, jinDay(t), jinSkipped())
	var plain bytes.Buffer
	require.NoError(t, SVG(&plain, p))

	var seen []Projection
	mark := func(w io.Writer, m *Map) error {
		seen = append(seen, m.Projection())
		x, y := m.Projection().Project(orb.Point{111.64861, 35.49333})
		_, err := fmt.Fprintf(w, `<circle class="mark" cx="%s" cy="%s" r="3"/>`+"\n", f(x), f(y))
		return err
	}
	second := func(w io.Writer, _ *Map) error { _, err := io.WriteString(w, "<g class=\"second\"/>\n"); return err }
	m, err := Layout(p, Underlay(mark), Underlay(second), Inline())
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, m.WriteSVG(&b))
	got := b.String()

	require.Equal(t, []Projection{m.Projection()}, seen)
	assert.True(t, strings.HasPrefix(got, "<svg "), "no XML declaration")
	paper := strings.Index(got, `fill="`+paperColor+`"/>`)
	under := strings.Index(got, `<g class="underlay" clip-path="url(#frame)">`)
	grid := strings.Index(got, `<g class="graticule"`)
	require.True(t, paper >= 0 && under >= 0 && grid >= 0)
	assert.Less(t, paper, under)
	assert.Less(t, under, grid)
	assert.Less(t, strings.Index(got, `class="mark"`), strings.Index(got, `class="second"`), "layers in the order given")

	// Without the underlay group and with the declaration, the bytes are
	// those of the plain picture.
	group := got[under:grid]
	decl := plain.String()[:strings.Index(plain.String(), "<svg ")]
	assert.Equal(t, plain.String(), decl+strings.Replace(got, group, "", 1))

	failing := func(io.Writer, *Map) error { return errors.New("no tiles") }
	m, err = Layout(p, Underlay(failing))
	require.NoError(t, err)
	assert.ErrorContains(t, m.WriteSVG(io.Discard), "export: SVG underlay: no tiles")
}
