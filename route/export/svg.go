package export

import (
	"bufio"
	"io"

	"github.com/chuanzhu/chuanzhu/route"
)

// SVG writes p as an SVG 1.1 map picture that needs no tile server or
// external font: the legs as lines coloured by day, the visited sites as
// numbered circles (numbered through the whole trip), the day's start and
// end places as dark squares, the names beside them (in the [Lang]
// language), a graticule, a scale bar, a north arrow, a title and a legend
// of the days. The map uses a local equirectangular [Projection] fitted to
// the plan's bound, good for a county or a province. SVG is [Layout]
// followed by [Map.WriteSVG].
//
// Names are placed so that they overlap neither each other nor any marker;
// a name that finds no room even with a leader line is left off the map,
// and its stop's group is marked data-label="dropped" (its name stays in
// the marker's tooltip). The size is set with [Size]; width, height and
// viewBox are written. [Datum] does not apply: the picture is drawn from
// WGS-84 positions.
//
// The root element states the projection for scripts and tools that
// place things on the picture, with numbers written so that they read
// back exactly: data-projection="equirectangular", data-lon0, data-lat0,
// data-x0, data-y0 and data-scale (the fields of [Projection]) and
// data-frame, the map frame's left, top, right and bottom edges in px.
// The frame's contents are clipped to the clipPath with id "frame". Its
// paper is the first thing drawn in it, then the layers given with
// [Underlay] (map tiles, say), then the graticule, legs and markers.
// [Inline] leaves out the XML declaration, for an SVG element inside an
// HTML page.
func SVG(w io.Writer, p *route.Plan, opts ...Option) error {
	m, err := Layout(p, opts...)
	if err != nil {
		return err
	}
	return m.WriteSVG(w)
}

// Map is an [SVG] map picture of a plan, laid out and ready to be
// written: what [Layout] returns. It tells where things are drawn, so that
// a caller can place tiles or overlays on the picture ([Map.Projection],
// [Map.Frame]). A Map does not change once made: its methods may be
// called concurrently, and WriteSVG writes the same bytes each time.
type Map struct {
	l *mapLayout
}

// Layout lays out the [SVG] picture of p with the given options (the same
// options as SVG) without writing it. It fails where SVG fails: on bad
// options, a nil plan, a place without a location, or a plan with no
// places to draw or too near a pole. It does not modify p.
func Layout(p *route.Plan, opts ...Option) (*Map, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	t, err := fromPlan(p, &o)
	if err != nil {
		return nil, err
	}
	l, err := layoutMap(t, &o)
	if err != nil {
		return nil, err
	}
	return &Map{l: l}, nil
}

// WriteSVG writes the picture to w, byte for byte what [SVG] writes for
// the same plan and options. It returns the first error writing to w.
func (m *Map) WriteSVG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := m.l.write(bw, m); err != nil {
		return err
	}
	return bw.Flush()
}

// A Layer draws SVG elements into a [Map]'s picture, placed with the map's
// [Map.Projection] and [Map.Frame]: what [Underlay] adds beneath the route.
// It writes well-formed SVG content (elements, no XML declaration) to w
// and returns an error only when it cannot; [Map.WriteSVG] then fails
// with that error. A layer is called each time the map is written, and
// must write the same bytes each time for the picture to stay
// deterministic.
type Layer func(w io.Writer, m *Map) error

// Underlay draws layers over the [SVG] picture's paper and under its
// graticule, legs, markers and labels, in the order given, inside a group
// of class "underlay" clipped to the map frame: a background such as map
// tiles. Outputs other than SVG ignore it. Later Underlay options add to
// the earlier ones.
func Underlay(layers ...Layer) Option {
	return func(o *options) { o.underlay = append(o.underlay[:len(o.underlay):len(o.underlay)], layers...) }
}

// Inline leaves the XML declaration out of the [SVG] picture, so that the
// svg element can stand inside an HTML page. Outputs other than SVG
// ignore it.
func Inline() Option { return func(o *options) { o.inline = true } }

// Projection returns the projection the picture is drawn in: a place is
// drawn at Projection().Project(place location), except a marker moved
// apart from others at the same spot, which is joined to that point by a
// short line.
func (m *Map) Projection() Projection { return m.l.proj }

// Frame returns the map frame's edges in the picture, px: the rectangle
// the map (graticule, legs, markers, labels) is drawn in, below the title
// and above the legend. The picture's whole area is 0, 0 to [Map.Size].
func (m *Map) Frame() (x0, y0, x1, y1 float64) {
	r := m.l.frame
	return r.x0, r.y0, r.x1, r.y1
}

// Size returns the picture's width and height in CSS pixels, as set with
// [Size].
func (m *Map) Size() (width, height int) { return int(m.l.width), int(m.l.height) }

// Picture geometry, px.
const (
	svgPad       = 16.0 // outer margin
	svgTitleBand = 72.0 // height of the title band above the map
	svgFootBand  = 64.0 // height of the legend band below the map
	svgInset     = 48.0 // room inside the frame around the fitted bound, for labels
	svgMinSpan   = 2000 // metres: the smallest extent a map shows
	stopRadius   = 10.5
	anchorHalf   = 8.0
	labelSize    = 13.0
	fontStack    = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif`
	inkColor     = "#222222"
	paperColor   = "#F7F4EC"
	frameColor   = "#B9B09C"
	gridColor    = "#DDD6C6"
)
