package export

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// coarseM is the precision, in metres, beyond which a place is only
// roughly known: drawn with a halo, found by searching for it rather than
// by a pin. Places at or under it, and places the catalog does not know,
// are written as exact points.
const coarseM = route.CoarsePrecision

// The site facts below are read through these accessors only, so that
// the heritage schema's coming members (a sourced address, an entrance
// point) switch on in one place.

// sitePrecision is s's location precision in metres, 0 when unknown.
func sitePrecision(s *heritage.Site) float64 {
	if s == nil {
		return 0
	}
	return s.PrecisionM
}

// siteAddress is s's sourced address in Chinese (what a navigation app
// searches for), "" when the catalog has none.
func siteAddress(s *heritage.Site) string {
	if s == nil || s.Address == nil {
		return ""
	}
	return s.Address.Zh
}

// siteEntrance is where a visitor enters s, when the catalog knows it.
func siteEntrance(s *heritage.Site) (orb.Point, bool) {
	if s == nil || s.Entrance == nil {
		return orb.Point{}, false
	}
	return *s.Entrance, true
}

// searchText is what a visitor, or a map's search box, asks for to find s:
// its sourced address when the catalog has one; else its Chinese name and
// the township of its administrative place (Region up to its first 镇 or
// 乡: "晋文公墓 绛县卫庄镇").
func searchText(s *heritage.Site) string {
	if a := siteAddress(s); a != "" {
		return a
	}
	return strings.TrimSpace(s.Name.Zh + " " + township(s.Region))
}

// township cuts an administrative place after its township (镇 or 乡), or
// returns it whole when it names none.
func township(region string) string {
	if i := strings.IndexAny(region, "镇乡"); i >= 0 {
		return region[:i+len("镇")] // 镇 and 乡 are both 3 bytes in UTF-8
	}
	return region
}

// coarse reports whether s is known only to within more than coarseM.
func (s *tripStop) coarse() bool { return s.precision > coarseM }

// navLinks are the links a phone opens to find a place on the ground.
type navLinks struct {
	// AMap is an AMap (Gaode) web URI with GCJ-02 coordinates.
	AMap string `json:"amap"`
	// Baidu is a Baidu Maps web URI with BD-09 coordinates.
	Baidu string `json:"baidu"`
	// Geo is an RFC 5870 geo URI, WGS-84.
	Geo string `json:"geo"`
	// OSM is an OpenStreetMap link, for Markdown (a browser opens no geo:
	// URI); not in the plan JSON.
	OSM string `json:"-"`
}

// Where the links come from: src names chuanzhu to the map providers, as
// both ask.
const (
	amapSrc  = "chuanzhu"
	baiduSrc = "webapp.chuanzhu.chuanzhu"
)

// navigate makes the navigation links of s: pins on its point (its
// entrance when the catalog knows one) named in Chinese, as the maps of
// China read, or for a coarse place searches for its search text near
// its point, with the precision as the radius.
func navigate(s *tripStop) navLinks {
	p := s.loc
	if s.site != nil {
		if e, ok := siteEntrance(s.site); ok {
			p = e
		}
	}
	name := s.name
	if s.site != nil {
		name = siteName(s.site, "zh")
	}
	gcj, bd := geo.Convert(p, geo.WGS84, geo.GCJ02), geo.Convert(p, geo.WGS84, geo.BD09)
	lonLat := func(q orb.Point) string { return coord(q[0]) + "," + coord(q[1]) }
	latLon := func(q orb.Point) string { return coord(q[1]) + "," + coord(q[0]) }
	if s.coarse() && s.site != nil {
		text, r := searchText(s.site), strconv.Itoa(int(s.precision))
		return navLinks{
			AMap: "https://uri.amap.com/search?" + query("keyword", text, "center", lonLat(gcj), "radius", r,
				"view", "map", "coordinate", "gaode", "callnative", "1", "src", amapSrc),
			Baidu: "https://api.map.baidu.com/place/search?" + query("query", text, "location", latLon(bd), "radius", r,
				"coord_type", "bd09ll", "output", "html", "src", baiduSrc),
			Geo: "geo:" + latLon(p) + ";u=" + r,
			OSM: "https://www.openstreetmap.org/search?" + query("query", text),
		}
	}
	return navLinks{
		AMap: "https://uri.amap.com/marker?" + query("position", lonLat(gcj), "name", name,
			"coordinate", "gaode", "callnative", "1", "src", amapSrc),
		Baidu: "https://api.map.baidu.com/marker?" + query("location", latLon(bd), "title", name, "content", name,
			"coord_type", "bd09ll", "output", "html", "src", baiduSrc),
		Geo: "geo:" + latLon(p),
		OSM: "https://www.openstreetmap.org/?" + query("mlat", coord(p[1]), "mlon", coord(p[0])) + "#map=16/" + coord(p[1]) + "/" + coord(p[0]),
	}
}

// query writes key, value pairs as a URL query in the order given
// (url.Values would sort them), escaping the values.
func query(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(kv[i] + "=" + url.QueryEscape(kv[i+1]))
	}
	return b.String()
}

// navigation returns s's links, or nil for a place without a location.
func (s *tripStop) navigation() *navLinks {
	if !s.hasLoc {
		return nil
	}
	return &s.nav
}
