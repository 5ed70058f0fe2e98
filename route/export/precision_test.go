package export

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/route"
)

// A coarse place gets a halo of its precision on the map's scale, its
// legs are dashed sketches, and the legend says "approximate location";
// a plan of places the catalog does not know draws none of them.
func TestSVGPrecisionHalo(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	m := testLayout(t, p, Catalog(catalog(t)), Lang("en"))
	mpp := m.proj.MetresPerPixel()
	halos := map[string]float64{}
	for _, mk := range m.markers {
		if mk.halo > 0 {
			halos[mk.id] = mk.halo * mpp
		}
	}
	assert.InDelta(t, 23500, halos["jiangxian/jin-wengong-tomb"], 1e-6)
	assert.InDelta(t, 5500, halos["jiangxian/chexiangcheng"], 1e-6)
	assert.NotContains(t, halos, "jiangxian/taiyin-temple", "太阴寺 is known to within 500 m")
	for _, lg := range m.legs {
		require.NotNil(t, lg.sketch)
		assert.NotEmpty(t, lg.sketch[0], "from the county seat (±1 km)")
	}

	var b bytes.Buffer
	require.NoError(t, SVG(&b, p, Catalog(catalog(t)), Lang("en")))
	svg := b.String()
	assert.Contains(t, svg, `<g class="halos"`)
	assert.Contains(t, svg, ">approximate location</text>")
	assert.Contains(t, svg, `stroke-dasharray="7 5"><title>straight line to an approximate location, not the road; about `)
	b.Reset()
	require.NoError(t, SVG(&b, p, Catalog(catalog(t))))
	assert.Contains(t, b.String(), ">位置为约略范围</text>")

	b.Reset()
	require.NoError(t, SVG(&b, p))
	assert.NotContains(t, b.String(), "halo")
	assert.NotContains(t, b.String(), "dasharray")
}

// The map and data outputs carry each catalog place's precision, and say
// how to find a coarse one.
func TestPrecisionInOutputs(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	c := catalog(t)
	var b bytes.Buffer
	require.NoError(t, GeoJSON(&b, p, Catalog(c)))
	fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
	require.NoError(t, err)
	for _, f := range fc.Features {
		if f.Properties["role"] == "leg" {
			continue
		}
		s, ok := c.Get(f.Properties.MustString("id"))
		require.True(t, ok)
		assert.Equal(t, s.PrecisionM, f.Properties.MustFloat64("precision_m"), s.ID)
	}
	assert.Equal(t, true, fc.Features[len(fc.Features)-1].Properties["approximate"], "the leg back to the county seat")

	for _, write := range []writer{GPX, KML} {
		b.Reset()
		require.NoError(t, write(&b, p, Catalog(c), Lang("en")))
		assert.Contains(t, b.String(), "Location known only to within 23.5 km: ask for 山西省运城市绛县卫庄镇下村西岭")
		assert.Equal(t, 1, strings.Count(b.String(), "山西省运城市绛县卫庄镇下村西岭"), "said once, where the tomb is described")
	}
	b.Reset()
	require.NoError(t, JSON(&b, p, Catalog(c)))
	assert.Contains(t, b.String(), `"id":"jiangxian/jin-wengong-tomb","name":"晋文公墓","name_en":"Tomb of Duke Wen of Jin (attributed)","location":[111.646014,35.504974],"precision_m":23500`)
}

func TestTownship(t *testing.T) {
	for region, want := range map[string]string{
		"绛县卫庄镇下村":    "绛县卫庄镇",
		"侯马市高村乡西贺村北": "侯马市高村乡",
		"侯马市":        "侯马市",
		"":           "",
		"曲沃县曲村镇—翼城县天马村": "曲沃县曲村镇",
	} {
		assert.Equal(t, want, township(region), region)
	}
}

// A plan of sites the catalog knows to within 500 m, from a start it
// does not know, shows no sign of doubt: no halo, no sketch, no estimate,
// pins rather than searches.
func TestPrecisePlanShowsNoDoubt(t *testing.T) {
	c := catalog(t)
	hotel := route.Place{ID: "hotel", Name: "宾馆", Location: orb.Point{111.58, 35.50}}
	var visits []fixtureStop
	for _, id := range []string{"jiangxian/wenmiao", "jiangxian/taiyin-temple", "jiangxian/nanliu-taishan-temple", "jiangxian/dongfeng-stage"} {
		s, ok := c.Get(id)
		require.True(t, ok)
		require.LessOrEqual(t, s.PrecisionM, float64(coarseM), id)
		visits = append(visits, fixtureStop{id: s.ID, name: s.Name.Zh, loc: s.Location, visit: 30 * time.Minute, score: 10})
	}
	p := buildPlan(t, []fixtureDay{{start: hotel, end: &hotel, depart: time.Date(2025, 5, 1, 8, 30, 0, 0, time.UTC), breakAfter: -2, visits: visits}}, nil)
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		require.NoError(t, SVG(&b, p, Catalog(c), Lang(lang)))
		assert.NotContains(t, b.String(), "halo")
		assert.NotContains(t, b.String(), "dasharray")
		for _, write := range []func(io.Writer, *route.Plan, ...Option) error{Text, Markdown} {
			b.Reset()
			require.NoError(t, write(&b, p, Lang(lang), Catalog(c)))
			for _, doubt := range []string{"about ", "Location known", "车程约", "仅知", "search"} {
				assert.NotContains(t, b.String(), doubt, lang)
			}
		}
		assert.Equal(t, 5, strings.Count(b.String(), "https://uri.amap.com/marker?"), "Markdown pins the start and the four sites")
	}
	var b bytes.Buffer
	require.NoError(t, JSONLD(&b, p, Catalog(c)))
	assert.NotContains(t, b.String(), "GeoCircle")
	b.Reset()
	require.NoError(t, GeoJSON(&b, p, Catalog(c)))
	assert.NotContains(t, b.String(), "approximate")
}

// solvedPlaces solves one day from start through the catalog sites ids
// (as route.PlaceFromSite makes them, with the catalog's precision) and
// back, and requires that every site is visited.
func solvedPlaces(t *testing.T, start route.Place, ids ...string) *route.Plan {
	t.Helper()
	c := catalog(t)
	open := time.Date(2025, 5, 6, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	p := route.Problem{Days: []route.Day{{Start: start, End: &start, Window: route.Window{Open: open, Close: open.Add(10 * time.Hour)},
		Break: &route.Break{Duration: time.Hour, Window: route.Window{Open: open.Add(3 * time.Hour), Close: open.Add(5 * time.Hour)}}}}}
	for _, id := range ids {
		s, ok := c.Get(id)
		require.True(t, ok, id)
		p.Stops = append(p.Stops, route.Stop{Place: route.PlaceFromSite(s), Visit: 30 * time.Minute, Score: 10})
	}
	plan, err := route.Solve(context.Background(), p, route.Seed(1))
	require.NoError(t, err)
	require.Len(t, plan.Days[0].Visits, len(ids))
	return plan
}

// The done-when of honest plans, for route/export's formats: on the
// embedded catalog, a plan through the dukes' tombs and 车厢城 shows
// travel ranges and the address to ask for in text (zh, en), Markdown
// (zh, en), JSON and SVG (zh, en); a plan of precise sites from a hotel
// shows neither in any of them.
func TestRangesAndAddressesOnlyWhereCoarse(t *testing.T) {
	c := catalog(t)
	seat, ok := c.Get("anchor/jiangxian-county-seat")
	require.True(t, ok)
	coarse := solvedPlaces(t, route.PlaceFromSite(seat), "jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb",
		"jiangxian/jin-linggong-tomb", "jiangxian/jin-xiangong-tomb")
	precise := solvedPlaces(t, route.Place{Name: "宾馆", Location: orb.Point{111.58, 35.50}},
		"jiangxian/wenmiao", "jiangxian/taiyin-temple", "jiangxian/nanliu-taishan-temple", "jiangxian/dongfeng-stage")
	tomb, ok := c.Get("jiangxian/jin-wengong-tomb")
	require.True(t, ok)
	address := searchText(&tomb)
	require.Contains(t, address, "卫庄镇下村西岭")

	// Each format's signs of a range and of the address advice.
	type signs struct {
		rangeRe, advice string
	}
	zh := signs{`车程约 [^（]+（约 [^，）]+，实际( \d+ 分钟 至| ?至多)`, "请打听：" + address}
	en := signs{`about [^(]+ drive \([^;)]+; (up to |\d+ min to )`, "ask for " + address}
	jsonSigns := signs{`"duration_min_s":(\d+),"duration_max_s":(\d+)`, url.QueryEscape(address)}
	svgZh := signs{`<title>示意直线，非实际道路，端点位置为约略；` + zh.rangeRe, "请打听：" + address}
	svgEn := signs{`<title>straight line to an approximate location, not the road; ` + en.rangeRe, "ask for " + address}
	formats := []struct {
		name  string
		write func(io.Writer, *route.Plan) error
		signs signs
	}{
		{"text zh", func(w io.Writer, p *route.Plan) error { return Text(w, p, Catalog(c)) }, zh},
		{"text en", func(w io.Writer, p *route.Plan) error { return Text(w, p, Catalog(c), Lang("en")) }, en},
		{"markdown zh", func(w io.Writer, p *route.Plan) error { return Markdown(w, p, Catalog(c)) }, zh},
		{"markdown en", func(w io.Writer, p *route.Plan) error { return Markdown(w, p, Catalog(c), Lang("en")) }, en},
		{"json", func(w io.Writer, p *route.Plan) error { return JSON(w, p, Catalog(c)) }, jsonSigns},
		{"svg zh", func(w io.Writer, p *route.Plan) error { return SVG(w, p, Catalog(c)) }, svgZh},
		{"svg en", func(w io.Writer, p *route.Plan) error { return SVG(w, p, Catalog(c), Lang("en")) }, svgEn},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, f.write(&b, coarse))
			assert.True(t, hasRange(f.signs.rangeRe, b.String()), "the coarse plan shows a range: %s", f.signs.rangeRe)
			assert.Contains(t, b.String(), f.signs.advice, "the coarse plan says where to ask")

			b.Reset()
			require.NoError(t, f.write(&b, precise))
			assert.False(t, hasRange(f.signs.rangeRe, b.String()), "the precise plan shows no range")
			for _, doubt := range []string{"请打听", "ask for", "search", "约略", "approximate", "about ", "车程约"} {
				assert.NotContains(t, b.String(), doubt, "the precise plan shows no doubt")
			}
		})
	}
}

// hasRange reports whether s matches re with a true range: for the JSON
// pattern, whose two groups are a leg's bounds, only where they differ.
func hasRange(re, s string) bool {
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(s, -1) {
		if len(m) < 3 || m[1] != m[2] {
			return true
		}
	}
	return false
}
