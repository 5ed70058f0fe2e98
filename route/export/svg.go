package export

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

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
// paper is the first thing drawn in it; a background layer (map tiles,
// say) belongs just before the group with class "graticule", which is
// drawn over the paper and under the legs and markers.
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
	m.l.write(bw)
	return bw.Flush()
}

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

// mapLayout is the computed picture, kept apart from writing it so tests
// can check positions.
type mapLayout struct {
	t             *trip
	l             lexicon
	width, height float64
	frame         rect
	proj          Projection
	markers       []mapMarker
	labels        []placedLabel // parallel to markers
	legs          []mapLeg
	grid          []gridLine
	north         rect
	scaleM        float64 // metres
	scalePx       float64
	scaleX        float64 // left end of the scale bar
	scaleY        float64 // the bar's baseline
}

type mapMarker struct {
	x, y   float64 // where the marker is drawn
	tx, ty float64 // the place's true position, when the marker was moved off it
	anchor bool    // start or end place: a square, no number
	number int     // visits' trip-wide sequence number
	color  string
	id     string
	name   string
	role   role
}

type mapLeg struct {
	day   int
	color string
	pts   [][2]float64
}

type gridLine struct {
	vertical bool
	pos      float64 // x for vertical lines, y for horizontal ones
	label    string
	box      rect // the label's box
}

func layoutMap(t *trip, o *options) (*mapLayout, error) {
	m := &mapLayout{t: t, l: newLexicon(o.lang, t.mode), width: float64(o.width), height: float64(o.height)}
	m.frame = rect{svgPad, svgTitleBand, m.width - svgPad, m.height - svgFootBand}
	var b orb.Bound
	n := 0
	for _, d := range t.days {
		for _, s := range d.stops {
			if n == 0 {
				b = s.loc.Bound()
			} else {
				b = b.Extend(s.loc)
			}
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("export: plan has no places to draw")
	}
	area := m.frame.inset(svgInset)
	if area.w() < 40 || area.h() < 40 {
		return nil, fmt.Errorf("export: SVG size %.0f×%.0f px leaves no room for the map", m.width, m.height)
	}
	var err error
	if m.proj, err = fitProjection(b, area, svgMinSpan); err != nil {
		return nil, err
	}

	// Markers: one per visit, one per distinct start/end place.
	seen := map[string]int{}
	stopMarker := make([][]int, len(t.days))
	for di, d := range t.days {
		for _, s := range d.stops {
			if !s.hasLoc {
				return nil, fmt.Errorf("export: day %d: place %q has no location", d.day, s.id)
			}
			key := ""
			if s.role != roleStop {
				key = s.id
				if key == "" {
					key = fmt.Sprintf("%.6f,%.6f", s.loc[0], s.loc[1])
				}
				if i, ok := seen[key]; ok {
					stopMarker[di] = append(stopMarker[di], i)
					continue
				}
			}
			x, y := m.proj.Project(s.loc)
			if key != "" {
				seen[key] = len(m.markers)
			}
			stopMarker[di] = append(stopMarker[di], len(m.markers))
			m.markers = append(m.markers, mapMarker{
				x: x, y: y, tx: x, ty: y, anchor: s.role != roleStop, number: s.seq,
				color: d.color, id: s.id, name: s.name, role: s.role,
			})
		}
	}
	displaceMarkers(m.markers, 2*stopRadius+6)
	for di, d := range t.days {
		leg := mapLeg{day: d.day, color: d.color}
		for _, mi := range stopMarker[di] {
			leg.pts = append(leg.pts, [2]float64{m.markers[mi].x, m.markers[mi].y})
		}
		if len(leg.pts) > 1 {
			m.legs = append(m.legs, leg)
		}
	}

	// The north arrow sits in the frame's top right corner.
	m.north = rect{m.frame.x1 - 12 - 30, m.frame.y0 + 10, m.frame.x1 - 12, m.frame.y0 + 10 + 50}
	m.gridLines()

	obstacles := []rect{m.north}
	for _, g := range m.grid {
		obstacles = append(obstacles, g.box)
	}
	var lines []segment
	for _, lg := range m.legs {
		for i := 1; i < len(lg.pts); i++ {
			lines = append(lines, segment{lg.pts[i-1][0], lg.pts[i-1][1], lg.pts[i][0], lg.pts[i][1]})
		}
	}
	m.labels = placeLabels(m.labelSpecs(), obstacles, lines, m.frame.inset(2))

	m.scaleM, m.scalePx = scaleBar(m.proj.MetresPerPixel(), math.Min(220, m.width*0.25))
	m.scaleX, m.scaleY = svgPad+8, m.height-svgFootBand+38
	return m, nil
}

// labelSpecs asks for a label per marker; a square's circumscribed circle
// is its keep-clear zone.
func (m *mapLayout) labelSpecs() []labelSpec {
	specs := make([]labelSpec, len(m.markers))
	for i, mk := range m.markers {
		r := stopRadius
		if mk.anchor {
			r = anchorHalf * math.Sqrt2
		}
		specs[i] = labelSpec{text: mk.name, x: mk.x, y: mk.y, r: r, size: labelSize, bold: mk.anchor}
	}
	return specs
}

// displaceMarkers spreads markers drawn closer than minDist px (sites
// sharing a village's coordinate, a site beside the county seat) evenly
// round a small circle about their true centroid, so each stays visible
// and numbered; tx, ty keep the true position for a spider line. Members
// keep the angular order of their true positions round the centroid
// (coincident ones: start/end places first, then trip order). Rings that
// come to touch other markers are merged and redrawn, up to a few rounds.
func displaceMarkers(ms []mapMarker, minDist float64) {
	n := len(ms)
	for range 8 {
		parent := make([]int, n)
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				parent[i] = parent[parent[i]]
				i = parent[i]
			}
			return i
		}
		moved := false
		for i := range n {
			for j := i + 1; j < n; j++ {
				// The margin keeps a drawn ring, whose neighbours sit
				// exactly minDist apart, in one piece.
				if math.Hypot(ms[i].x-ms[j].x, ms[i].y-ms[j].y) < minDist+0.01 {
					parent[find(i)] = find(j)
				}
			}
		}
		clusters := map[int][]int{}
		var roots []int
		for i := range n {
			r := find(i)
			if len(clusters[r]) == 0 {
				roots = append(roots, r)
			}
			clusters[r] = append(clusters[r], i)
		}
		for _, r := range roots {
			if c := clusters[r]; len(c) > 1 && ring(ms, c, minDist) {
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// ring places the markers c on a circle round their true centroid and
// reports whether any moved.
func ring(ms []mapMarker, c []int, minDist float64) bool {
	k := float64(len(c))
	var cx, cy float64
	for _, i := range c {
		cx += ms[i].tx
		cy += ms[i].ty
	}
	cx, cy = cx/k, cy/k
	angle := func(i int) float64 {
		dx, dy := ms[i].tx-cx, ms[i].ty-cy
		if math.Hypot(dx, dy) < 0.5 {
			return -math.Pi / 2 // coincident with the centre: from the top
		}
		return math.Atan2(dy, dx)
	}
	slices.SortStableFunc(c, func(a, b int) int {
		if d := cmp.Compare(angle(a), angle(b)); d != 0 {
			return d
		}
		if ms[a].anchor != ms[b].anchor {
			if ms[a].anchor {
				return -1
			}
			return 1
		}
		return cmp.Compare(ms[a].number, ms[b].number)
	})
	radius := minDist / (2 * math.Sin(math.Pi/k))
	start := angle(c[0])
	moved := false
	for j, i := range c {
		th := start + 2*math.Pi*float64(j)/k
		x, y := cx+radius*math.Cos(th), cy+radius*math.Sin(th)
		if math.Hypot(x-ms[i].x, y-ms[i].y) > 1e-6 {
			moved = true
		}
		ms[i].x, ms[i].y = x, y
	}
	return moved
}

// gridLines chooses a graticule of three to six lines each way, with
// degree labels inside the frame's left and bottom edges.
func (m *mapLayout) gridLines() {
	inner := m.frame
	tl := m.proj.Unproject(inner.x0, inner.y0)
	br := m.proj.Unproject(inner.x1, inner.y1)
	step := func(span float64) float64 {
		for _, s := range []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10} {
			if span/s <= 6 {
				return s
			}
		}
		return 20
	}
	decimals := func(s float64) int {
		switch {
		case s >= 1:
			return 0
		case s >= 0.1 && s != 0.25:
			return 1
		}
		return 2
	}
	size := 9.0
	lonStep := step(br[0] - tl[0])
	for lon := math.Ceil(tl[0]/lonStep) * lonStep; lon < br[0]; lon += lonStep {
		x, _ := m.proj.Project(orb.Point{lon, 0})
		if x < inner.x0+30 || x > inner.x1-30 {
			continue
		}
		text := strconv.FormatFloat(math.Abs(lon), 'f', decimals(lonStep), 64) + "°" + hemisphere(lon, "E", "W")
		w := textWidth(text, size) + 2
		m.grid = append(m.grid, gridLine{vertical: true, pos: x, label: text,
			box: rect{x - w/2, inner.y1 - 3 - size*1.2, x + w/2, inner.y1 - 2}})
	}
	latStep := step(tl[1] - br[1])
	for lat := math.Ceil(br[1]/latStep) * latStep; lat < tl[1]; lat += latStep {
		_, y := m.proj.Project(orb.Point{0, lat})
		if y < inner.y0+20 || y > inner.y1-24 {
			continue
		}
		text := strconv.FormatFloat(math.Abs(lat), 'f', decimals(latStep), 64) + "°" + hemisphere(lat, "N", "S")
		w := textWidth(text, size) + 2
		m.grid = append(m.grid, gridLine{pos: y, label: text,
			box: rect{inner.x0 + 3, y - size*1.2 - 1, inner.x0 + 3 + w, y - 1}})
	}
}

func hemisphere(v float64, pos, neg string) string {
	if v < 0 {
		return neg
	}
	return pos
}

// f writes a coordinate with one decimal.
func f(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// exact writes v with the fewest digits that read back as v, without an
// exponent (JavaScript's parseFloat and strconv.ParseFloat read it).
func exact(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}

func (m *mapLayout) write(w *bufio.Writer) {
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s"`,
		f(m.width), f(m.height), f(m.width), f(m.height), fontStack)
	pr, fr := m.proj, m.frame
	fmt.Fprintf(w, ` data-projection="equirectangular" data-lon0="%s" data-lat0="%s" data-x0="%s" data-y0="%s" data-scale="%s" data-frame="%s %s %s %s">`+"\n",
		exact(pr.Lon0), exact(pr.Lat0), exact(pr.X0), exact(pr.Y0), exact(pr.Scale), exact(fr.x0), exact(fr.y0), exact(fr.x1), exact(fr.y1))
	fmt.Fprintf(w, "<title>%s</title>\n", esc(m.t.title))
	fmt.Fprintf(w, "<desc>%s</desc>\n", esc(m.subtitle()))
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="#FFFFFF"/>`+"\n")

	// Title band.
	titleSize := 22.0
	if tw := textWidth(m.t.title, titleSize); tw > m.width-2*svgPad-8 {
		titleSize = math.Max(12, titleSize*(m.width-2*svgPad-8)/tw)
	}
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s">%s</text>`+"\n",
		f(svgPad+2), f(svgPad+24), f(titleSize), inkColor, esc(m.t.title))
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="13" fill="#555555">%s</text>`+"\n",
		f(svgPad+2), f(svgPad+46), esc(m.subtitle()))

	// Map frame, graticule.
	fmt.Fprintf(w, `<defs><clipPath id="frame"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath></defs>`+"\n", f(fr.x0), f(fr.y0), f(fr.w()), f(fr.h()))
	fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(fr.x0), f(fr.y0), f(fr.w()), f(fr.h()), paperColor)
	fmt.Fprintf(w, `<g class="graticule" stroke="%s" stroke-width="0.8" clip-path="url(#frame)">`+"\n", gridColor)
	for _, g := range m.grid {
		if g.vertical {
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", f(g.pos), f(fr.y0), f(g.pos), f(fr.y1))
		} else {
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", f(fr.x0), f(g.pos), f(fr.x1), f(g.pos))
		}
	}
	fmt.Fprintln(w, "</g>")
	fmt.Fprintf(w, `<g class="graticule-labels" font-size="9" fill="#9A917E">`+"\n")
	for _, g := range m.grid {
		if g.vertical {
			fmt.Fprintf(w, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", f(g.pos), f(g.box.y1-3), esc(g.label))
		} else {
			fmt.Fprintf(w, `<text x="%s" y="%s">%s</text>`+"\n", f(g.box.x0+1), f(g.box.y1-2.5), esc(g.label))
		}
	}
	fmt.Fprintln(w, "</g>")
	fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-width="1"/>`+"\n", f(fr.x0), f(fr.y0), f(fr.w()), f(fr.h()), frameColor)

	// Legs: a white casing under each day's coloured line, an arrowhead
	// half way along each long leg.
	fmt.Fprintf(w, `<g class="legs" fill="none" stroke-linecap="round" stroke-linejoin="round" clip-path="url(#frame)">`+"\n")
	for _, lg := range m.legs {
		pts := make([]string, len(lg.pts))
		for i, p := range lg.pts {
			pts[i] = f(p[0]) + "," + f(p[1])
		}
		fmt.Fprintf(w, `<polyline points="%s" stroke="#FFFFFF" stroke-width="6.5"/>`+"\n", strings.Join(pts, " "))
		fmt.Fprintf(w, `<polyline class="day-%d" points="%s" stroke="%s" stroke-width="3.2"/>`+"\n", lg.day, strings.Join(pts, " "), lg.color)
	}
	for _, lg := range m.legs {
		for i := 1; i < len(lg.pts); i++ {
			a, b := lg.pts[i-1], lg.pts[i]
			if math.Hypot(b[0]-a[0], b[1]-a[1]) < 70 {
				continue
			}
			mx, my := (a[0]+b[0])/2, (a[1]+b[1])/2
			deg := math.Atan2(b[1]-a[1], b[0]-a[0]) * 180 / math.Pi
			fmt.Fprintf(w, `<path d="M -4.5 -4.5 L 2.5 0 L -4.5 4.5" stroke="%s" stroke-width="2.2" transform="translate(%s %s) rotate(%s)"/>`+"\n",
				lg.color, f(mx), f(my), f(deg))
		}
	}
	fmt.Fprintln(w, "</g>")

	// Spider lines from displaced markers to their true positions.
	fmt.Fprintf(w, `<g class="spiders" stroke="#555555" stroke-width="0.9" fill="#555555">`+"\n")
	for _, mk := range m.markers {
		if math.Hypot(mk.x-mk.tx, mk.y-mk.ty) > 0.5 {
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s"/><circle cx="%s" cy="%s" r="1.8"/>`+"\n", f(mk.tx), f(mk.ty), f(mk.x), f(mk.y), f(mk.tx), f(mk.ty))
		}
	}
	fmt.Fprintln(w, "</g>")

	// Leader lines, then markers, then labels on top.
	fmt.Fprintf(w, `<g class="leaders" stroke="#666666" stroke-width="0.8">`+"\n")
	for _, lb := range m.labels {
		if lb.placed && lb.leader {
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", f(lb.lx0), f(lb.ly0), f(lb.lx1), f(lb.ly1))
		}
	}
	fmt.Fprintln(w, "</g>")
	fmt.Fprintln(w, `<g class="markers">`)
	for i, mk := range m.markers {
		dropped := ""
		if !m.labels[i].placed {
			dropped = ` data-label="dropped"`
		}
		fmt.Fprintf(w, `<g class="stop" data-id="%s" data-role="%s"%s><title>%s</title>`, esc(mk.id), mk.role, dropped, esc(mk.name))
		if mk.anchor {
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" rx="2" fill="%s" stroke="#FFFFFF" stroke-width="2"/>`,
				f(mk.x-anchorHalf), f(mk.y-anchorHalf), f(2*anchorHalf), f(2*anchorHalf), inkColor)
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="6" height="6" fill="#FFFFFF"/>`, f(mk.x-3), f(mk.y-3))
		} else {
			size := 11.0
			if mk.number >= 100 {
				size = 8.5
			}
			fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="#FFFFFF" stroke-width="2"/>`, f(mk.x), f(mk.y), f(stopRadius), mk.color)
			fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="#FFFFFF" text-anchor="middle">%d</text>`,
				f(mk.x), f(mk.y+size*0.36), f(size), mk.number)
		}
		fmt.Fprintln(w, "</g>")
	}
	fmt.Fprintln(w, "</g>")
	fmt.Fprintf(w, `<g class="labels" font-size="%s" fill="%s" stroke="#FFFFFF" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`+"\n", f(labelSize), inkColor)
	for i, lb := range m.labels {
		if !lb.placed {
			continue
		}
		weight := ""
		if m.markers[i].anchor {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(w, `<text data-id="%s" x="%s" y="%s" text-anchor="%s"%s>%s</text>`+"\n",
			esc(m.markers[i].id), f(lb.tx), f(lb.ty), lb.anchor, weight, esc(m.markers[i].name))
	}
	fmt.Fprintln(w, "</g>")

	m.writeNorthArrow(w)
	m.writeScaleBar(w)
	m.writeLegend(w)
	fmt.Fprintln(w, "</svg>")
}

// subtitle writes the dates and totals under the title.
func (m *mapLayout) subtitle() string {
	l, t := m.l, m.t
	var parts []string
	if len(t.days) > 0 && hasDate(t.days[0].depart) {
		d := l.ShortDate(t.days[0].depart)
		if last := t.days[len(t.days)-1].depart; len(t.days) > 1 && hasDate(last) {
			d += " – " + l.ShortDate(last)
		}
		parts = append(parts, d)
	}
	parts = append(parts, l.Sites(t.total.visits), l.travel(t.total.travel, t.total.distance))
	return strings.Join(parts, " · ")
}

func (m *mapLayout) writeNorthArrow(w *bufio.Writer) {
	r := m.north
	cx := (r.x0 + r.x1) / 2
	top, bottom := r.y0+16, r.y1-2
	mid := bottom - 9
	fmt.Fprintf(w, `<g class="north-arrow">`)
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="13" font-weight="bold" text-anchor="middle" fill="%s">%s</text>`,
		f(cx), f(r.y0+12), inkColor, m.l.Pick("北", "N"))
	fmt.Fprintf(w, `<path d="M %s %s L %s %s L %s %s Z" fill="%s"/>`, f(cx), f(top), f(cx-8), f(bottom), f(cx), f(mid), inkColor)
	fmt.Fprintf(w, `<path d="M %s %s L %s %s L %s %s Z" fill="#FFFFFF" stroke="%s" stroke-width="1"/>`, f(cx), f(top), f(cx+8), f(bottom), f(cx), f(mid), inkColor)
	fmt.Fprintln(w, "</g>")
}

func (m *mapLayout) writeScaleBar(w *bufio.Writer) {
	if m.scalePx <= 0 {
		return
	}
	x, y, px := m.scaleX, m.scaleY, m.scalePx
	fmt.Fprintf(w, `<g class="scale-bar" data-metres="%s" data-px="%s">`, strconv.FormatFloat(m.scaleM, 'g', -1, 64), strconv.FormatFloat(px, 'f', 3, 64))
	const parts = 4
	for i := range parts {
		fill := inkColor
		if i%2 == 1 {
			fill = "#FFFFFF"
		}
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="5" fill="%s" stroke="%s" stroke-width="0.8"/>`,
			f(x+px*float64(i)/parts), f(y-5), f(px/parts), fill, inkColor)
	}
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="11" fill="%s" text-anchor="middle">0</text>`, f(x), f(y-9), inkColor)
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="11" fill="%s" text-anchor="middle">%s</text>`, f(x+px), f(y-9), inkColor, esc(formatMetres(m.scaleM)))
	fmt.Fprintln(w, "</g>")
}

// writeLegend lists the days (a line in the day's colour, the day's name
// and its number of sites) and the start/end symbol, in rows right of the
// scale bar.
func (m *mapLayout) writeLegend(w *bufio.Writer) {
	l := m.l
	type item struct {
		text   string
		color  string
		anchor bool
	}
	var items []item
	for _, d := range m.t.days {
		items = append(items, item{text: l.Day(d.day) + " · " + l.Sites(d.total.visits), color: d.color})
	}
	items = append(items, item{text: l.Pick("起点 / 终点", "start / end"), anchor: true})

	x0 := svgPad + 8 + math.Max(m.scalePx, 60) + 48
	x, y := x0, m.height-svgFootBand+24
	fmt.Fprintf(w, `<g class="legend" font-size="12" fill="%s">`+"\n", inkColor)
	for _, it := range items {
		wdt := 30 + textWidth(it.text, 12) + 18
		if x+wdt > m.width-svgPad && x > x0 {
			x, y = x0, y+20
		}
		if it.anchor {
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="11" height="11" rx="1.5" fill="%s"/><rect x="%s" y="%s" width="4" height="4" fill="#FFFFFF"/>`,
				f(x+8), f(y-9.5), inkColor, f(x+11.5), f(y-6))
		} else {
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3.2" stroke-linecap="round"/><circle cx="%s" cy="%s" r="5" fill="%s"/>`,
				f(x), f(y-4), f(x+26), f(y-4), it.color, f(x+13), f(y-4), it.color)
		}
		fmt.Fprintf(w, `<text x="%s" y="%s">%s</text>`+"\n", f(x+32), f(y), esc(it.text))
		x += wdt
	}
	fmt.Fprintln(w, "</g>")
}
