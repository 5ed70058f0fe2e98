package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

// svgElem is a generic parsed SVG element.
type svgElem struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgElem  `xml:",any"`
}

func (e *svgElem) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (e *svgElem) walk(fn func(*svgElem)) {
	fn(e)
	for i := range e.Children {
		e.Children[i].walk(fn)
	}
}

// parseSVG checks that b is well-formed XML and returns its root.
func parseSVG(t *testing.T, b []byte) svgElem {
	t.Helper()
	requireXML(t, b)
	var root svgElem
	require.NoError(t, xml.Unmarshal(b, &root))
	require.Equal(t, "svg", root.XMLName.Local)
	require.Equal(t, "http://www.w3.org/2000/svg", root.XMLName.Space)
	return root
}

func TestSVGStructure(t *testing.T) {
	tests := []struct {
		name string
		plan func(t *testing.T) *route.Plan
		opts []Option
	}{
		{"one day zh", func(t *testing.T) *route.Plan { return buildPlan(t, jinDay(t), jinSkipped()) }, []Option{Catalog(catalog(t))}},
		{"one day en", func(t *testing.T) *route.Plan { return buildPlan(t, jinDay(t), nil) }, []Option{Catalog(catalog(t)), Lang("en"), Size(640, 480)}},
		{"three days", func(t *testing.T) *route.Plan { return buildPlan(t, threeDays(t), nil) }, []Option{Lang("en")}},
		{"no catalog", func(t *testing.T) *route.Plan { return buildPlan(t, jinDay(t), nil) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.plan(t)
			var b bytes.Buffer
			require.NoError(t, SVG(&b, p, tt.opts...))
			root := parseSVG(t, b.Bytes())
			o, err := newOptions(tt.opts)
			require.NoError(t, err)
			assert.Equal(t, strconv.Itoa(o.width)+".0", root.attr("width"))
			assert.Equal(t, strconv.Itoa(o.height)+".0", root.attr("height"))
			assert.Equal(t, "0 0 "+strconv.Itoa(o.width)+".0 "+strconv.Itoa(o.height)+".0", root.attr("viewBox"))
			assert.Contains(t, root.attr("font-family"), "sans-serif")

			// Every visit has a numbered circle; every start/end place a
			// square; each has a label or is marked dropped.
			labels := map[string]bool{}
			stops := map[string]*svgElem{}
			var scale *svgElem
			root.walk(func(e *svgElem) {
				switch {
				case e.XMLName.Local == "text" && e.attr("data-id") != "":
					labels[e.attr("data-id")] = true
				case e.XMLName.Local == "g" && e.attr("class") == "stop":
					stops[e.attr("data-id")] = e
				case e.XMLName.Local == "g" && e.attr("class") == "scale-bar":
					scale = e
				}
			})
			visits := 0
			for _, d := range p.Days {
				for _, v := range d.Visits {
					visits++
					e, ok := stops[v.Stop.ID]
					require.True(t, ok, "no marker for %s", v.Stop.ID)
					assert.Equal(t, "stop", e.attr("data-role"))
					var circle, number bool
					for _, c := range e.Children {
						circle = circle || c.XMLName.Local == "circle"
						number = number || c.XMLName.Local == "text" && strings.TrimSpace(c.Text) != ""
					}
					assert.True(t, circle && number, "marker of %s lacks a numbered circle", v.Stop.ID)
					assert.True(t, labels[v.Stop.ID] || e.attr("data-label") == "dropped", "%s has neither a label nor a drop mark", v.Stop.ID)
				}
				for _, pl := range []*route.Place{&d.Start, d.End} {
					if pl == nil {
						continue
					}
					e, ok := stops[pl.ID]
					require.True(t, ok, "no marker for %s", pl.ID)
					assert.Contains(t, []string{"start", "end"}, e.attr("data-role"))
					assert.Equal(t, "rect", e.Children[1].XMLName.Local)
				}
			}
			assert.Equal(t, visits, p.Visited)

			require.NotNil(t, scale)
			metres, err := strconv.ParseFloat(scale.attr("data-metres"), 64)
			require.NoError(t, err)
			px, err := strconv.ParseFloat(scale.attr("data-px"), 64)
			require.NoError(t, err)
			mant := metres / pow10(metres)
			assert.Contains(t, []float64{1, 2, 5}, mant)
			assert.Greater(t, px, 20.0)
			assert.Contains(t, b.String(), formatMetres(metres)+"</text>")
		})
	}
}

func pow10(v float64) float64 {
	p := 1.0
	for p*10 <= v {
		p *= 10
	}
	for p > v {
		p /= 10
	}
	return p
}

// The layout's invariants hold on real plans too: labels disjoint, clear of
// markers and of the north arrow, inside the frame; the scale bar matches
// the projection.
func TestSVGLayoutInvariants(t *testing.T) {
	for name, days := range map[string][]fixtureDay{"one day": jinDay(t), "three days": threeDays(t)} {
		for _, lang := range []string{"zh", "en"} {
			t.Run(name+" "+lang, func(t *testing.T) {
				p := buildPlan(t, days, nil)
				m := testLayout(t, p, Catalog(catalog(t)), Lang(lang))
				obstacles := []rect{m.north}
				for _, g := range m.grid {
					obstacles = append(obstacles, g.box)
				}
				placed := checkLabels(t, m.labelSpecs(), m.labels, obstacles, m.frame)
				assert.GreaterOrEqual(t, placed, len(m.markers)-2, "at most two names dropped")
				// Markers do not overlap one another after displacement.
				for i, a := range m.markers {
					for j, b := range m.markers[i+1:] {
						d := (a.x-b.x)*(a.x-b.x) + (a.y-b.y)*(a.y-b.y)
						assert.GreaterOrEqual(t, d, (2*stopRadius)*(2*stopRadius)*0.99, "markers %d and %d overlap", i, i+1+j)
					}
				}
				got := geo.Distance(m.proj.Unproject(m.scaleX, m.proj.Y0), m.proj.Unproject(m.scaleX+m.scalePx, m.proj.Y0))
				assert.InEpsilon(t, m.scaleM, got, 0.01)
			})
		}
	}
}

func TestSVGEscapesText(t *testing.T) {
	seat := route.Place{ID: "a&b", Name: `Start <"&'>`, Location: orb.Point{111.57, 35.49}}
	days := []fixtureDay{{
		start: seat, end: &seat, depart: time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC), breakAfter: -2,
		visits: []fixtureStop{{id: "x<y", name: "</text><script>alert(1)</script>", loc: orb.Point{111.6, 35.5}, visit: time.Hour}},
	}}
	var b bytes.Buffer
	require.NoError(t, SVG(&b, buildPlan(t, days, nil), Title("A & B <trip>")))
	s := b.String()
	assert.NotContains(t, s, "<script>")
	root := parseSVG(t, b.Bytes())
	var texts []string
	root.walk(func(e *svgElem) {
		if e.XMLName.Local == "text" || e.XMLName.Local == "title" {
			texts = append(texts, e.Text)
		}
	})
	assert.Contains(t, texts, "A & B <trip>")
	assert.Contains(t, texts, "</text><script>alert(1)</script>")
}

func TestSVGErrors(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	assert.ErrorContains(t, SVG(io.Discard, nil), "nil plan")
	assert.ErrorContains(t, SVG(io.Discard, p, Size(10, 10)), "SVG size")
	assert.ErrorContains(t, SVG(io.Discard, p, Lang("fr")), "unknown language")
	assert.ErrorContains(t, SVG(io.Discard, &route.Plan{}), "no places")

	// A place without a location, and no catalog to find it in.
	q := buildPlan(t, jinDay(t), nil)
	q.Days[0].Visits[2].Stop.Location = orb.Point{}
	assert.ErrorContains(t, SVG(io.Discard, q), `"jiangxian/jin-wengong-tomb" has no location`)
	// The catalog knows it.
	require.NoError(t, SVG(io.Discard, q, Catalog(catalog(t))))
}

func TestSVGSinglePlace(t *testing.T) {
	seat := countySeat()
	p := buildPlan(t, []fixtureDay{{start: seat, end: &seat, depart: time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC), breakAfter: -2}}, nil)
	var b bytes.Buffer
	require.NoError(t, SVG(&b, p, Lang("en")))
	root := parseSVG(t, b.Bytes())
	n := 0
	root.walk(func(e *svgElem) {
		if e.attr("class") == "stop" {
			n++
		}
	})
	assert.Equal(t, 1, n, "a loop's start and end share one marker")
}

func BenchmarkSVG(b *testing.B) {
	for name, days := range map[string][]fixtureDay{"n=7": jinDay(b), "n=18": threeDays(b)} {
		p := buildPlan(b, days, nil)
		cat := catalog(b)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := SVG(io.Discard, p, Catalog(cat)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
