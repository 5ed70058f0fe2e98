package web

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// svgMap is what the embed page needs to know of an export.SVG picture:
// its map frame and the projection from WGS-84 [lon, lat] to picture
// pixels, x = ax + bx·lon, y = ay + by·lat. export.SVG draws a local
// equirectangular projection, which has this form, but does not publish
// its parameters; they are recovered here by fitting the markers' drawn
// positions to the places' known coordinates.
type svgMap struct {
	frame          [4]float64 // x, y, width, height in px
	ax, bx, ay, by float64
	residual       float64 // largest fit error over the markers, px
}

// project returns the picture position of a WGS-84 point.
func (m *svgMap) project(p orb.Point) (x, y float64) {
	return m.ax + m.bx*p[0], m.ay + m.by*p[1]
}

// unproject is the inverse of project.
func (m *svgMap) unproject(x, y float64) orb.Point {
	return orb.Point{(x - m.ax) / m.bx, (y - m.ay) / m.by}
}

// svgMarker is a stop marker of the picture.
type svgMarker struct {
	id, role string
	x, y     float64 // where it is drawn
}

// svgParts is what parseSVG reads from the picture.
type svgParts struct {
	frame    [4]float64
	hasFrame bool
	markers  []svgMarker
	spiders  [][4]float64 // true x, y, drawn x, y of displaced markers
	scaleM   float64      // scale bar: metres
	scalePx  float64      // and its length in px
}

// parseSVG reads the frame, the markers, the spider lines of displaced
// markers and the scale bar from an export.SVG picture.
func parseSVG(svg []byte) (svgParts, error) {
	var out svgParts
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var stack []string // class of each open element
	inClip := false
	var cur *svgMarker
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("web: reading the SVG map: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			class := attr(t, "class")
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case t.Name.Local == "clipPath" && attr(t, "id") == "frame":
				inClip = true
			case inClip && t.Name.Local == "rect" && !out.hasFrame:
				out.frame = [4]float64{num(t, "x"), num(t, "y"), num(t, "width"), num(t, "height")}
				out.hasFrame = true
			case t.Name.Local == "g" && class == "stop":
				out.markers = append(out.markers, svgMarker{id: attr(t, "data-id"), role: attr(t, "data-role"), x: math.NaN(), y: math.NaN()})
				cur = &out.markers[len(out.markers)-1]
			case cur != nil && math.IsNaN(cur.x) && t.Name.Local == "circle":
				cur.x, cur.y = num(t, "cx"), num(t, "cy")
			case cur != nil && math.IsNaN(cur.x) && t.Name.Local == "rect":
				cur.x, cur.y = num(t, "x")+num(t, "width")/2, num(t, "y")+num(t, "height")/2
			case parent == "spiders" && t.Name.Local == "line":
				out.spiders = append(out.spiders, [4]float64{num(t, "x1"), num(t, "y1"), num(t, "x2"), num(t, "y2")})
			case t.Name.Local == "g" && class == "scale-bar":
				out.scaleM, out.scalePx = num(t, "data-metres"), num(t, "data-px")
			}
			if t.Name.Local == "g" && class == "stop" {
				stack = append(stack, "stop")
			} else {
				stack = append(stack, class)
			}
		case xml.EndElement:
			if len(stack) > 0 {
				if stack[len(stack)-1] == "stop" {
					cur = nil
				}
				stack = stack[:len(stack)-1]
			}
			if t.Name.Local == "clipPath" {
				inClip = false
			}
		}
	}
	if !out.hasFrame {
		return out, errors.New("web: the SVG map has no frame")
	}
	return out, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// num returns a numeric attribute, NaN when absent or not a number.
func num(t xml.StartElement, name string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(attr(t, name)), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// fitSVGMap recovers the picture's projection from its markers: each
// marker with a place ID found in locate has a known WGS-84 position and
// a true drawn position (where it is drawn, or for a marker moved apart
// from others, the far end of its spider line). The latitude scale comes
// from the scale bar (or a least-squares fit without one), the longitude
// scale from a least-squares fit (or, where all places share a
// longitude, from the latitude scale and the cosine of the latitude). The fit is refused when
// it misses a marker by more than maxResidual px: the picture would then
// not be the projection this assumes.
func fitSVGMap(parts svgParts, locate func(id string) (orb.Point, bool)) (*svgMap, error) {
	const maxResidual = 1.5
	var lon, lat, xs, ys []float64
	for _, mk := range parts.markers {
		p, ok := locate(mk.id)
		if !ok || math.IsNaN(mk.x) || math.IsNaN(mk.y) {
			continue
		}
		x, y := mk.x, mk.y
		for _, sp := range parts.spiders {
			if math.Abs(sp[2]-x) < 0.2 && math.Abs(sp[3]-y) < 0.2 {
				x, y = sp[0], sp[1]
				break
			}
		}
		lon, lat, xs, ys = append(lon, p[0]), append(lat, p[1]), append(xs, x), append(ys, y)
	}
	if len(lon) == 0 {
		return nil, errors.New("web: the SVG map has no marker of a known place")
	}
	m := &svgMap{frame: parts.frame}
	// Pixels per degree of latitude from the scale bar (metres per pixel).
	var s float64
	if parts.scaleM > 0 && parts.scalePx > 0 {
		s = metresPerDegree / (parts.scaleM / parts.scalePx)
	}
	// The scale bar's length is written to 0.001 px, the markers' positions
	// to 0.1 px: the bar gives the latitude scale more exactly than a fit
	// over a few nearby markers.
	var okX, okY bool
	if s > 0 {
		m.by, okY = -s, true
		m.ay = mean(ys) - m.by*mean(lat)
	} else {
		m.ay, m.by, okY = fitLine(lat, ys)
	}
	m.ax, m.bx, okX = fitLine(lon, xs)
	if !okY {
		return nil, errors.New("web: the SVG map's scale cannot be recovered")
	}
	if !okX {
		if s == 0 {
			return nil, errors.New("web: the SVG map's scale cannot be recovered")
		}
		// The picture keeps ground distances true along its centre
		// parallel: a degree of longitude is cos(lat) degrees of latitude.
		lo, hi := minMax(lat)
		m.bx = s * math.Cos((lo+hi)/2*math.Pi/180)
		m.ax = mean(xs) - m.bx*mean(lon)
	}
	if !(m.bx > 0) || !(m.by < 0) || math.IsInf(m.bx, 0) || math.IsInf(m.by, 0) {
		return nil, fmt.Errorf("web: the SVG map's fitted scale (%g, %g px/°) is not a north-up map", m.bx, m.by)
	}
	for i := range lon {
		x, y := m.project(orb.Point{lon[i], lat[i]})
		m.residual = math.Max(m.residual, math.Hypot(x-xs[i], y-ys[i]))
	}
	if m.residual > maxResidual {
		return nil, fmt.Errorf("web: the SVG map's projection does not fit its markers (off by %.1f px)", m.residual)
	}
	return m, nil
}

// metresPerDegree is the length of one degree of latitude on the sphere
// of geo.EarthRadius, as export's scale bar counts it.
const metresPerDegree = geo.EarthRadius * math.Pi / 180

// fitLine fits y = a + b·x by least squares; ok is false when the x
// values do not spread (less than 1e-9° apart).
func fitLine(x, y []float64) (a, b float64, ok bool) {
	mx, my := mean(x), mean(y)
	var sxx, sxy float64
	for i := range x {
		sxx += (x[i] - mx) * (x[i] - mx)
		sxy += (x[i] - mx) * (y[i] - my)
	}
	if lo, hi := minMax(x); hi-lo < 1e-9 || sxx == 0 {
		return 0, 0, false
	}
	b = sxy / sxx
	return my - b*mx, b, true
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}
