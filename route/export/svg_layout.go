package export

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
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
	underlay      []Layer // drawn under the graticule
	inline        bool    // no XML declaration
}

type mapMarker struct {
	x, y   float64 // where the marker is drawn
	tx, ty float64 // the place's true position, when the marker was moved off it
	anchor bool    // start or end place: a square, no number
	number int     // visits' trip-wide sequence number
	color  string
	id     string
	name   string
	// title is the marker's tooltip: its name, and for a coarse catalog
	// place how to find it ([lexicon.locate]) on a second line.
	title string
	role  role
	// halo is the radius in px of the circle the place may lie in, for a
	// coarse place; 0 for a place known to within coarseM.
	halo float64
}

type mapLeg struct {
	day   int
	color string
	pts   [][2]float64
	// sketch[i] is the title of the line from pts[i] to pts[i+1] when it is
	// a straight-line sketch to or from a coarse place: what the line is
	// and the leg's estimated travel with its range ([lexicon.sketchTitle]);
	// "" for a leg between precise places, and nil when the day has none.
	sketch []string
}

type gridLine struct {
	vertical bool
	pos      float64 // x for vertical lines, y for horizontal ones
	label    string
	box      rect // the label's box
}

func layoutMap(t *trip, o *options) (*mapLayout, error) {
	m := &mapLayout{
		t: t, l: t.lex, width: float64(o.width), height: float64(o.height),
		underlay: o.underlay, inline: o.inline,
	}
	m.frame = rect{svgPad, svgTitleBand, m.width - svgPad, m.height - svgFootBand}
	if err := m.fit(); err != nil {
		return nil, err
	}
	dayMarkers, err := m.placeMarkers()
	if err != nil {
		return nil, err
	}
	displaceMarkers(m.markers, 2*stopRadius+6)
	for di, d := range t.days {
		leg := mapLeg{day: d.day, color: d.color}
		for i, mi := range dayMarkers[di] {
			leg.pts = append(leg.pts, [2]float64{m.markers[mi].x, m.markers[mi].y})
			if i > 0 && (d.stops[i-1].coarse() || d.stops[i].coarse()) {
				if leg.sketch == nil {
					leg.sketch = make([]string, len(d.stops)-1)
				}
				leg.sketch[i-1] = m.l.sketchTitle(d.legs[i-1], &d.stops[i-1], &d.stops[i])
			}
		}
		if len(leg.pts) > 1 {
			m.legs = append(m.legs, leg)
		}
	}

	// The north arrow sits in the frame's top right corner.
	m.north = rect{m.frame.x1 - 12 - 30, m.frame.y0 + 10, m.frame.x1 - 12, m.frame.y0 + 10 + 50}
	m.gridLines()
	m.placeLabels()

	m.scaleM, m.scalePx = scaleBar(m.proj.MetresPerPixel(), math.Min(220, m.width*0.25))
	m.scaleX, m.scaleY = svgPad+8, m.height-svgFootBand+38
	return m, nil
}

// fit chooses the projection that shows every place of the trip inside
// the frame, with room for labels round the edge.
func (m *mapLayout) fit() error {
	var b orb.Bound
	n := 0
	for _, d := range m.t.days {
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
		return fmt.Errorf("export: plan has no places to draw")
	}
	area := m.frame.inset(svgInset)
	if area.w() < 40 || area.h() < 40 {
		return fmt.Errorf("export: SVG size %.0f×%.0f px leaves no room for the map", m.width, m.height)
	}
	var err error
	m.proj, err = fitProjection(b, area, svgMinSpan)
	return err
}

// placeMarkers makes one marker per visit and one per distinct start or
// end place, and returns for each day the markers of its stops in order.
func (m *mapLayout) placeMarkers() ([][]int, error) {
	seen := map[string]int{}
	dayMarkers := make([][]int, len(m.t.days))
	for di, d := range m.t.days {
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
					dayMarkers[di] = append(dayMarkers[di], i)
					continue
				}
				seen[key] = len(m.markers)
			}
			x, y := m.proj.Project(s.loc)
			dayMarkers[di] = append(dayMarkers[di], len(m.markers))
			mk := mapMarker{
				x: x, y: y, tx: x, ty: y, anchor: s.role != roleStop, number: s.seq,
				color: d.color, id: s.id, name: s.name, title: s.name, role: s.role,
			}
			if s.coarse() {
				mk.halo = s.precision / m.proj.MetresPerPixel()
			}
			if loc := m.l.locate(&s); loc != "" {
				mk.title += "\n" + loc
			}
			m.markers = append(m.markers, mk)
		}
	}
	return dayMarkers, nil
}

// placeLabels places the markers' names clear of the north arrow, the
// graticule's labels and the legs.
func (m *mapLayout) placeLabels() {
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
