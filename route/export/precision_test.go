package export

import (
	"bytes"
	"io"
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
		assert.True(t, lg.sketch[0], "from the county seat (±1 km)")
	}

	var b bytes.Buffer
	require.NoError(t, SVG(&b, p, Catalog(catalog(t)), Lang("en")))
	svg := b.String()
	assert.Contains(t, svg, `<g class="halos"`)
	assert.Contains(t, svg, ">approximate location</text>")
	assert.Contains(t, svg, `stroke-dasharray="7 5"><title>straight line to an approximate location, not the road</title>`)
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
