package web

import (
	"fmt"
	"html"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route/export"
)

// Limits of the tile layer.
const (
	maxTileTemplate = 500 // bytes
	maxTileZoom     = 19
	maxSubdomains   = 8
)

// tileLayer is an XYZ (slippy map) tile source in Web-Mercator.
type tileLayer struct {
	template   string   // with {z}, {x}, {y} and maybe {s}
	subdomains []string // values of {s}
	datum      geo.Datum
	origins    []string // scheme://host[:port] of every URL it makes, for the CSP
}

// parseTileLayer checks a tile URL template, its datum and its
// subdomains: an absolute http or https URL template with {z}, {x} and
// {y}; {s}, when present, takes each of subdomains in turn (default
// "a,b,c"): a comma-separated list, or as in Leaflet a string of
// one-character subdomains ("1234"). Only the WGS-84 and GCJ-02 datums are accepted: BD-09 maps
// (Baidu) do not use the standard Web-Mercator tile grid.
func parseTileLayer(template, datum, subdomains string) (*tileLayer, error) {
	if len(template) > maxTileTemplate {
		return nil, queryError("tiles", "", fmt.Sprintf("longer than %d bytes", maxTileTemplate))
	}
	for _, ph := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(template, ph) {
			return nil, queryError("tiles", template, "a tile URL template needs {z}, {x} and {y}")
		}
	}
	t := &tileLayer{template: template, datum: geo.WGS84}
	switch strings.ToLower(strings.TrimSpace(datum)) {
	case "", "wgs84":
	case "gcj02":
		t.datum = geo.GCJ02
	case "bd09":
		return nil, queryError("tiles_datum", datum, "Baidu (BD-09) tiles do not use the Web-Mercator XYZ grid; use wgs84 or gcj02 tiles")
	default:
		return nil, queryError("tiles_datum", datum, "not a tile datum (known: wgs84, gcj02)")
	}
	if strings.Contains(template, "{s}") {
		if subdomains == "" {
			subdomains = "a,b,c"
		}
		list := strings.Split(subdomains, ",")
		if !strings.Contains(subdomains, ",") {
			// Leaflet's form: a string of one-character subdomains.
			list = strings.Split(subdomains, "")
		}
		for _, s := range list {
			s = strings.TrimSpace(s)
			if s == "" || !validHostLabel(s) {
				return nil, queryError("tiles_subdomains", subdomains, "want comma-separated host labels such as a,b,c, or one-character labels run together such as 1234")
			}
			t.subdomains = append(t.subdomains, s)
		}
		if len(t.subdomains) > maxSubdomains {
			return nil, queryError("tiles_subdomains", subdomains, fmt.Sprintf("more than %d subdomains", maxSubdomains))
		}
	} else if subdomains != "" {
		return nil, queryError("tiles_subdomains", subdomains, "the tiles template has no {s}")
	}
	subs := t.subdomains
	if len(subs) == 0 {
		subs = []string{""}
	}
	for _, s := range subs {
		// Only {s} may stand in the host: parse with the others in place.
		u, err := url.Parse(strings.ReplaceAll(template, "{s}", s))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || !validHost(u.Host) {
			return nil, queryError("tiles", template, "not an absolute http or https URL template with {z}, {x} and {y} in its path or query")
		}
		origin := u.Scheme + "://" + strings.ToLower(u.Host)
		if !slices.Contains(t.origins, origin) {
			t.origins = append(t.origins, origin)
		}
	}
	return t, nil
}

// validHost reports whether host is a DNS name or IP address with an
// optional port: letters, digits, dots, hyphens and colons (and brackets
// around an IPv6 address). Nothing else may reach the CSP header, where
// a comma, semicolon, quote, space or wildcard would change its meaning.
func validHost(host string) bool {
	if host == "" || len(host) > 255 {
		return false
	}
	for _, c := range []byte(host) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':' || c == '[' || c == ']') {
			return false
		}
	}
	return true
}

// validHostLabel reports whether s is a DNS label of letters, digits and
// hyphens.
func validHostLabel(s string) bool {
	if len(s) > 63 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// url fills the template for one tile.
func (t *tileLayer) url(z, x, y int, sub string) string {
	r := strings.NewReplacer("{z}", strconv.Itoa(z), "{x}", strconv.Itoa(x), "{y}", strconv.Itoa(y), "{s}", sub)
	return r.Replace(t.template)
}

// tile is one tile image placed on the picture.
type tile struct {
	url        string
	x, y, w, h float64 // px
}

// mercator returns the Web-Mercator tile coordinates of p at zoom z (the
// integer parts are the tile indices).
func mercator(p orb.Point, z int) (x, y float64) {
	n := math.Exp2(float64(z))
	lat := math.Max(-85.0511, math.Min(85.0511, p[1])) * math.Pi / 180
	x = (p[0] + 180) / 360 * n
	y = (1 - math.Log(math.Tan(lat)+1/math.Cos(lat))/math.Pi) / 2 * n
	return x, y
}

// unmercator is the inverse of mercator.
func unmercator(x, y float64, z int) orb.Point {
	n := math.Exp2(float64(z))
	lon := x/n*360 - 180
	lat := math.Atan(math.Sinh(math.Pi*(1-2*y/n))) * 180 / math.Pi
	return orb.Point{lon, lat}
}

// tiles returns the tiles covering the picture's map frame, placed by m's
// projection. The zoom is the one whose tiles show at about their own
// size (256 px) or a little smaller, lowered until at most MaxTiles
// tiles cover the frame. Tiles in GCJ-02 are placed by converting their
// corners to WGS-84, so they line up with the WGS-84 picture: the route
// sits where the offset map shows its places.
func (t *tileLayer) tiles(m *export.Map) []tile {
	proj := m.Projection()
	b := t.frameBound(m)
	// Pixels per degree of longitude on the picture, and on zoom-z tiles
	// (256·2^z/360): take the zoom whose tiles are drawn at scale 1–2.
	east, _ := proj.Project(orb.Point{proj.Lon0 + 1, proj.Lat0})
	z := int(math.Ceil(math.Log2((east - proj.X0) * 360 / 256)))
	z = max(0, min(maxTileZoom, z))
	var x0, x1, y0, y1 int
	for ; z >= 0; z-- {
		ax, ay := mercator(orb.Point{b.Min[0], b.Max[1]}, z)
		bx, by := mercator(orb.Point{b.Max[0], b.Min[1]}, z)
		n := int(math.Exp2(float64(z)))
		x0, y0 = max(0, int(math.Floor(ax))), max(0, int(math.Floor(ay)))
		x1, y1 = min(n-1, int(math.Floor(bx))), min(n-1, int(math.Floor(by)))
		if (x1-x0+1)*(y1-y0+1) <= MaxTiles {
			break
		}
	}
	if z < 0 {
		return nil
	}
	var out []tile
	for ty := y0; ty <= y1; ty++ {
		for tx := x0; tx <= x1; tx++ {
			nw := geo.Convert(unmercator(float64(tx), float64(ty), z), t.datum, geo.WGS84)
			se := geo.Convert(unmercator(float64(tx+1), float64(ty+1), z), t.datum, geo.WGS84)
			px0, py0 := proj.Project(nw)
			px1, py1 := proj.Project(se)
			sub := ""
			if len(t.subdomains) > 0 {
				sub = t.subdomains[(tx+ty)%len(t.subdomains)]
			}
			out = append(out, tile{url: t.url(z, tx, ty, sub), x: px0, y: py0, w: px1 - px0, h: py1 - py0})
		}
	}
	return out
}

// frameBound returns the bound of m's map frame in the tile datum: of its
// corners and edge midpoints.
func (t *tileLayer) frameBound(m *export.Map) orb.Bound {
	proj := m.Projection()
	fx0, fy0, fx1, fy1 := m.Frame()
	var b orb.Bound
	for i, px := range [][2]float64{{0, 0}, {0.5, 0}, {1, 0}, {1, 0.5}, {1, 1}, {0.5, 1}, {0, 1}, {0, 0.5}} {
		p := geo.Convert(proj.Unproject(fx0+px[0]*(fx1-fx0), fy0+px[1]*(fy1-fy0)), geo.WGS84, t.datum)
		if i == 0 {
			b = p.Bound()
		} else {
			b = b.Extend(p)
		}
	}
	return b
}

// draw is the tile layer as an [export.Layer]: the tiles covering m's
// frame (see tiles) as SVG images, drawn beneath the route.
func (t *tileLayer) draw(w io.Writer, m *export.Map) error {
	var b strings.Builder
	b.WriteString(`<g class="tiles">`)
	for _, tl := range t.tiles(m) {
		// Half a pixel of overlap hides the seams antialiasing leaves.
		fmt.Fprintf(&b, `<image href="%s" x="%.2f" y="%.2f" width="%.2f" height="%.2f" preserveAspectRatio="none"/>`,
			html.EscapeString(tl.url), tl.x-0.25, tl.y-0.25, tl.w+0.5, tl.h+0.5)
	}
	b.WriteString("</g>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// shiftGrid is the datum shift of GCJ-02 tiles over the region a page's
// view can show, so that the page's script places the tiles of any view
// without a datum formula of its own: at each node of a regular grid in
// GCJ-02 degrees, the node's offset from its WGS-84 point (the node minus
// geo.Convert's WGS-84 point), in units of 1e-7 degrees (1 cm), each
// written as its difference from the node before it (the offsets change
// slowly: the differences are short and compress well). The script
// interpolates the offsets with a Catmull-Rom spline, which over nodes
// shiftStep apart stays within 0.2 m of geo.Convert (tiles_test.go).
type shiftGrid struct {
	Lon0 float64 `json:"lon0"` // the western column's longitude, GCJ-02
	Lat0 float64 `json:"lat0"` // the southern row's latitude, GCJ-02
	Step float64 `json:"step"` // degrees between nodes
	Cols int     `json:"cols"`
	Rows int     `json:"rows"`
	// DLon and DLat are the offsets, row by row from the south, each
	// row from the west, each the difference from the one before (the
	// first from 0).
	DLon []int32 `json:"dlon"`
	DLat []int32 `json:"dlat"`
}

// Limits of a shift grid.
const (
	shiftStep  = 1.0 / 24 // degrees between nodes, at least
	shiftNodes = 48       // nodes along a side, at most (the step widens)
	shiftUnit  = 1e-7     // degrees per unit of DLon and DLat
)

// shiftGrid returns the shift of t's GCJ-02 tiles over m's map frame and
// as far again around it on every side (the view pans at most half a
// frame away, and tiles reach beyond the view), with two nodes to spare
// for the spline; nil for WGS-84 tiles.
func (t *tileLayer) shiftGrid(m *export.Map) *shiftGrid {
	if t.datum != geo.GCJ02 {
		return nil
	}
	b := t.frameBound(m)
	margin := max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
	span := 3 * margin
	step := max(shiftStep, span/(shiftNodes-7))
	g := &shiftGrid{Step: step,
		Lon0: math.Floor((b.Min[0]-margin)/step)*step - 2*step, Lat0: math.Floor((b.Min[1]-margin)/step)*step - 2*step}
	g.Cols = int(math.Ceil((b.Max[0]+margin-g.Lon0)/step)) + 3
	g.Rows = int(math.Ceil((b.Max[1]+margin-g.Lat0)/step)) + 3
	var lastLon, lastLat int32
	for r := range g.Rows {
		for c := range g.Cols {
			n := orb.Point{g.Lon0 + float64(c)*step, g.Lat0 + float64(r)*step}
			w := geo.Convert(n, geo.GCJ02, geo.WGS84)
			dlon, dlat := int32(math.Round((n[0]-w[0])/shiftUnit)), int32(math.Round((n[1]-w[1])/shiftUnit))
			g.DLon, g.DLat = append(g.DLon, dlon-lastLon), append(g.DLat, dlat-lastLat)
			lastLon, lastLat = dlon, dlat
		}
	}
	return g
}
