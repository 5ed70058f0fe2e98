package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

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

// write writes the picture; mp is the Map the underlay layers are given.
func (m *mapLayout) write(w *bufio.Writer, mp *Map) error {
	m.writeHead(w)
	m.writeTitle(w)
	if err := m.writeFrame(w, mp); err != nil {
		return err
	}
	m.writeHalos(w)
	m.writeLegs(w)
	m.writeMarkers(w)
	m.writeLabels(w)
	m.writeNorthArrow(w)
	m.writeScaleBar(w)
	m.writeLegend(w)
	fmt.Fprintln(w, "</svg>")
	return nil
}

// writeHead opens the svg element, stating the projection, and writes
// the title, description and white page.
func (m *mapLayout) writeHead(w *bufio.Writer) {
	if !m.inline {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s"`,
		f(m.width), f(m.height), f(m.width), f(m.height), fontStack)
	pr, fr := m.proj, m.frame
	fmt.Fprintf(w, ` data-projection="equirectangular" data-lon0="%s" data-lat0="%s" data-x0="%s" data-y0="%s" data-scale="%s" data-frame="%s %s %s %s">`+"\n",
		exact(pr.Lon0), exact(pr.Lat0), exact(pr.X0), exact(pr.Y0), exact(pr.Scale), exact(fr.x0), exact(fr.y0), exact(fr.x1), exact(fr.y1))
	fmt.Fprintf(w, "<title>%s</title>\n", esc(m.t.title))
	fmt.Fprintf(w, "<desc>%s</desc>\n", esc(m.subtitle()))
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="#FFFFFF"/>`+"\n")
}

// writeTitle writes the title band: the title, shrunk to fit the width,
// and the subtitle.
func (m *mapLayout) writeTitle(w *bufio.Writer) {
	titleSize := 22.0
	if tw := textWidth(m.t.title, titleSize); tw > m.width-2*svgPad-8 {
		titleSize = math.Max(12, titleSize*(m.width-2*svgPad-8)/tw)
	}
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s">%s</text>`+"\n",
		f(svgPad+2), f(svgPad+24), f(titleSize), inkColor, esc(m.t.title))
	fmt.Fprintf(w, `<text x="%s" y="%s" font-size="13" fill="#555555">%s</text>`+"\n",
		f(svgPad+2), f(svgPad+46), esc(m.subtitle()))
}

// writeFrame writes the map frame: its clip path and paper, the underlay
// layers, the graticule with its labels and the frame's border.
func (m *mapLayout) writeFrame(w *bufio.Writer, mp *Map) error {
	fr := m.frame
	fmt.Fprintf(w, `<defs><clipPath id="frame"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath></defs>`+"\n", f(fr.x0), f(fr.y0), f(fr.w()), f(fr.h()))
	fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", f(fr.x0), f(fr.y0), f(fr.w()), f(fr.h()), paperColor)
	if len(m.underlay) > 0 {
		fmt.Fprintln(w, `<g class="underlay" clip-path="url(#frame)">`)
		for _, layer := range m.underlay {
			if err := layer(w, mp); err != nil {
				return fmt.Errorf("export: SVG underlay: %w", err)
			}
		}
		fmt.Fprintln(w, "</g>")
	}
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
	return nil
}

// writeHalos writes, under the legs, a circle round each coarse place as
// large as its precision on the map's scale: the place lies somewhere in
// it.
func (m *mapLayout) writeHalos(w *bufio.Writer) {
	if !m.hasHalos() {
		return
	}
	fmt.Fprintf(w, `<g class="halos" stroke-width="1.2" stroke-dasharray="4 3" clip-path="url(#frame)">`+"\n")
	for _, mk := range m.markers {
		if mk.halo > 0 {
			fmt.Fprintf(w, `<circle data-id="%s" cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="0.08" stroke="%s" stroke-opacity="0.6"/>`+"\n",
				esc(mk.id), f(mk.tx), f(mk.ty), f(mk.halo), mk.color, mk.color)
		}
	}
	fmt.Fprintln(w, "</g>")
}

// hasHalos reports whether any place is drawn with a halo.
func (m *mapLayout) hasHalos() bool {
	return slices.ContainsFunc(m.markers, func(mk mapMarker) bool { return mk.halo > 0 })
}

// writeLegs writes the legs: a white casing under each day's coloured
// line, an arrowhead half way along each long leg. A leg to or from a
// coarse place is dashed and titled as the straight-line sketch it is.
func (m *mapLayout) writeLegs(w *bufio.Writer) {
	fmt.Fprintf(w, `<g class="legs" fill="none" stroke-linecap="round" stroke-linejoin="round" clip-path="url(#frame)">`+"\n")
	for _, lg := range m.legs {
		pts := make([]string, len(lg.pts))
		for i, p := range lg.pts {
			pts[i] = f(p[0]) + "," + f(p[1])
		}
		fmt.Fprintf(w, `<polyline points="%s" stroke="#FFFFFF" stroke-width="6.5"/>`+"\n", strings.Join(pts, " "))
		if lg.sketch == nil {
			fmt.Fprintf(w, `<polyline class="day-%d" points="%s" stroke="%s" stroke-width="3.2"/>`+"\n", lg.day, strings.Join(pts, " "), lg.color)
			continue
		}
		for i, sketch := range lg.sketch {
			dash, title := "", ""
			if sketch != "" {
				dash, title = ` stroke-dasharray="7 5"`, "<title>"+esc(sketch)+"</title>"
			}
			fmt.Fprintf(w, `<polyline class="day-%d" points="%s %s" stroke="%s" stroke-width="3.2"%s>%s</polyline>`+"\n",
				lg.day, pts[i], pts[i+1], lg.color, dash, title)
		}
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
}

// writeMarkers writes the spider lines from displaced markers to their
// true positions, the labels' leader lines and the markers.
func (m *mapLayout) writeMarkers(w *bufio.Writer) {
	fmt.Fprintf(w, `<g class="spiders" stroke="#555555" stroke-width="0.9" fill="#555555">`+"\n")
	for _, mk := range m.markers {
		if math.Hypot(mk.x-mk.tx, mk.y-mk.ty) > 0.5 {
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s"/><circle cx="%s" cy="%s" r="1.8"/>`+"\n", f(mk.tx), f(mk.ty), f(mk.x), f(mk.y), f(mk.tx), f(mk.ty))
		}
	}
	fmt.Fprintln(w, "</g>")

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
		fmt.Fprintf(w, `<g class="stop" data-id="%s" data-role="%s"%s><title>%s</title>`, esc(mk.id), mk.role, dropped, esc(mk.title))
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
}

// writeLabels writes the placed labels, on top of the markers.
func (m *mapLayout) writeLabels(w *bufio.Writer) {
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
	parts = append(parts, l.Sites(t.total.visits))
	if t.total.travel > 0 || t.total.distance > 0 {
		parts = append(parts, l.travel(t.total.travel, t.total.distance))
	}
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
		halo   bool
	}
	var items []item
	for _, d := range m.t.days {
		items = append(items, item{text: l.Day(d.day) + " · " + l.Sites(d.total.visits), color: d.color})
	}
	items = append(items, item{text: l.Pick("起点 / 终点", "start / end"), anchor: true})
	if m.hasHalos() {
		items = append(items, item{text: l.approximate(), halo: true})
	}

	x0 := svgPad + 8 + math.Max(m.scalePx, 60) + 48
	x, y := x0, m.height-svgFootBand+24
	fmt.Fprintf(w, `<g class="legend" font-size="12" fill="%s">`+"\n", inkColor)
	for _, it := range items {
		wdt := 30 + textWidth(it.text, 12) + 18
		if x+wdt > m.width-svgPad && x > x0 {
			x, y = x0, y+20
		}
		switch {
		case it.halo:
			fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="6" fill="%s" fill-opacity="0.15" stroke="%s" stroke-width="1.2" stroke-dasharray="3 2"/><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" stroke-dasharray="4 3"/>`,
				f(x+8), f(y-4), inkColor, inkColor, f(x+16), f(y-4), f(x+30), f(y-4), inkColor)
		case it.anchor:
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="11" height="11" rx="1.5" fill="%s"/><rect x="%s" y="%s" width="4" height="4" fill="#FFFFFF"/>`,
				f(x+8), f(y-9.5), inkColor, f(x+11.5), f(y-6))
		default:
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3.2" stroke-linecap="round"/><circle cx="%s" cy="%s" r="5" fill="%s"/>`,
				f(x), f(y-4), f(x+26), f(y-4), it.color, f(x+13), f(y-4), it.color)
		}
		fmt.Fprintf(w, `<text x="%s" y="%s">%s</text>`+"\n", f(x+32), f(y), esc(it.text))
		x += wdt
	}
	fmt.Fprintln(w, "</g>")
}
