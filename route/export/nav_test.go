package export

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

// parsePair reads "a,b" as two numbers.
func parsePair(t *testing.T, s string) (float64, float64) {
	t.Helper()
	a, b, ok := strings.Cut(s, ",")
	require.True(t, ok, s)
	x, err := strconv.ParseFloat(a, 64)
	require.NoError(t, err, s)
	y, err := strconv.ParseFloat(b, 64)
	require.NoError(t, err, s)
	return x, y
}

// navPoints reads the point each pin link drops, converted back to
// WGS-84 with geo's inverse conversions.
func navPoints(t *testing.T, n navLinks) (amap, baidu, geoURI orb.Point) {
	t.Helper()
	a, err := url.Parse(n.AMap)
	require.NoError(t, err)
	require.Equal(t, "/marker", a.Path)
	require.Equal(t, "gaode", a.Query().Get("coordinate"))
	lon, lat := parsePair(t, a.Query().Get("position"))
	amap = geo.Convert(orb.Point{lon, lat}, geo.GCJ02, geo.WGS84)

	b, err := url.Parse(n.Baidu)
	require.NoError(t, err)
	require.Equal(t, "/marker", b.Path)
	require.Equal(t, "bd09ll", b.Query().Get("coord_type"))
	lat, lon = parsePair(t, b.Query().Get("location"))
	baidu = geo.Convert(orb.Point{lon, lat}, geo.BD09, geo.WGS84)

	rest, ok := strings.CutPrefix(n.Geo, "geo:")
	require.True(t, ok, n.Geo)
	lat, lon = parsePair(t, rest)
	return amap, baidu, orb.Point{lon, lat}
}

// Each pin link drops its pin, in its map's datum, within 1 m of the
// catalog's point; each coarse place's links search for it instead.
func TestNavLinks(t *testing.T) {
	c := catalog(t)
	p := buildPlan(t, threeDays(t), nil)
	tr, err := fromPlan(p, &options{lang: "en", catalog: c, datum: geo.WGS84})
	require.NoError(t, err)
	var pins, searches int
	for _, d := range tr.days {
		for _, s := range d.stops {
			site, ok := c.Get(s.id)
			require.True(t, ok, s.id)
			if site.PrecisionM > coarseM {
				searches++
				checkSearch(t, s.nav, searchText(&site), site.PrecisionM)
				continue
			}
			pins++
			amap, baidu, geoURI := navPoints(t, s.nav)
			for name, got := range map[string]orb.Point{"amap": amap, "baidu": baidu, "geo": geoURI} {
				assert.Less(t, geo.Distance(got, site.Location), 1.0, "%s: %s link", s.id, name)
			}
			assert.Equal(t, site.Name.Zh, mustQuery(t, s.nav.AMap).Get("name"), "pins are named in Chinese")
		}
	}
	assert.Positive(t, pins)
	assert.Positive(t, searches)

	// A place the catalog does not know is pinned where the plan says.
	st := (&options{}).place(route.Place{ID: "x", Name: "某地", Location: orb.Point{111.6, 35.5}}, roleStop)
	amap, baidu, geoURI := navPoints(t, st.nav)
	for _, got := range []orb.Point{amap, baidu, geoURI} {
		assert.Less(t, geo.Distance(got, orb.Point{111.6, 35.5}), 1.0)
	}
}

func mustQuery(t *testing.T, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	require.NoError(t, err)
	return u.Query()
}

// checkSearch checks that a coarse place's links search for text within
// its precision rather than drop a pin.
func checkSearch(t *testing.T, n navLinks, text string, precision float64) {
	t.Helper()
	r := strconv.Itoa(int(precision))
	a, err := url.Parse(n.AMap)
	require.NoError(t, err)
	assert.Equal(t, "/search", a.Path)
	assert.Equal(t, text, a.Query().Get("keyword"))
	assert.Equal(t, r, a.Query().Get("radius"))
	b, err := url.Parse(n.Baidu)
	require.NoError(t, err)
	assert.Equal(t, "/place/search", b.Path)
	assert.Equal(t, text, b.Query().Get("query"))
	assert.Equal(t, r, b.Query().Get("radius"))
	assert.True(t, strings.HasSuffix(n.Geo, ";u="+r), "RFC 5870 uncertainty: %s", n.Geo)
	assert.Equal(t, text, mustQuery(t, n.OSM).Get("query"))
}
