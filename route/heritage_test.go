package route_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/internal/routetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A test catalog (not facts): a temple open every day, a museum closed on
// Mondays with a lunch closure, a site with unknown hours, a hotel anchor.
const testCatalog = `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [111.58, 35.50]},
  "properties": {"id": "test/temple", "name": {"zh": "测试寺", "pinyin": "Cèshì Sì", "en": "Test Temple"},
   "kind": "temple", "period": {"name": "Yuan", "name_zh": "元", "from": 1271, "to": 1368},
   "precision_m": 100, "location_source": "test fixture",
   "notes": [{"lang": "zh", "text": "测试。", "sources": ["https://example.org/t"]}, {"lang": "en", "text": "Test.", "sources": ["https://example.org/t"]}],
   "sources": [{"title": "Test", "url": "https://example.org/t"}],
   "visit": {"minutes": 45, "opening_hours": "Mo-Su 08:30-17:30"}, "score": 60}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [111.62, 35.47]},
  "properties": {"id": "test/museum", "name": {"zh": "测试博物馆", "pinyin": "Cèshì Bówùguǎn", "en": "Test Museum"},
   "kind": "museum", "precision_m": 100, "location_source": "test fixture",
   "notes": [{"lang": "zh", "text": "测试。", "sources": ["https://example.org/m"]}, {"lang": "en", "text": "Test.", "sources": ["https://example.org/m"]}],
   "sources": [{"title": "Test", "url": "https://example.org/m"}],
   "visit": {"minutes": 90, "opening_hours": "Tu-Su 09:00-12:00,14:00-17:00; Mo off"}, "score": 80}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [111.55, 35.53]},
  "properties": {"id": "test/ruins", "name": {"zh": "测试城址", "pinyin": "Cèshì Chéngzhǐ", "en": "Test City Ruins"},
   "kind": "city-ruins", "period": {"name": "Spring and Autumn", "name_zh": "春秋", "from": -770, "to": -476},
   "precision_m": 500, "location_source": "test fixture",
   "notes": [{"lang": "zh", "text": "测试。", "sources": ["https://example.org/r"]}, {"lang": "en", "text": "Test.", "sources": ["https://example.org/r"]}],
   "sources": [{"title": "Test", "url": "https://example.org/r"}],
   "visit": {"minutes": 30}, "score": 70}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [111.576, 35.491]},
  "properties": {"id": "test/hotel", "name": {"zh": "测试宾馆", "pinyin": "Cèshì Bīnguǎn", "en": "Test Hotel"},
   "kind": "hotel", "precision_m": 50, "location_source": "test fixture", "sources": [{"title": "Test", "url": "https://example.org/h"}], "score": 0}}
]}`

func testSites(t *testing.T) (sites []heritage.Site, hotel heritage.Site) {
	t.Helper()
	c, err := heritage.Load(strings.NewReader(testCatalog))
	require.NoError(t, err)
	for _, s := range c.Sites() {
		if s.Anchor() {
			hotel = s
		} else {
			sites = append(sites, s)
		}
	}
	require.Len(t, sites, 3)
	return sites, hotel
}

func TestStopsFromSites(t *testing.T) {
	sites, hotel := testSites(t)
	cst := time.FixedZone("CST", 8*3600)
	monday := time.Date(2027, 5, 3, 0, 0, 0, 0, cst)
	byID := func(stops []route.Stop) map[string]route.Stop {
		m := map[string]route.Stop{}
		for _, s := range stops {
			m[s.ID] = s
		}
		return m
	}

	stops, err := route.StopsFromSites(sites, monday, 1)
	require.NoError(t, err)
	m := byID(stops)
	require.Len(t, m, 3)
	assert.True(t, m["test/museum"].Closed, "closed on Mondays")
	assert.Empty(t, m["test/museum"].Windows)
	assert.False(t, m["test/temple"].Closed)
	assert.Equal(t, []route.Window{{Open: time.Date(2027, 5, 3, 8, 30, 0, 0, cst), Close: time.Date(2027, 5, 3, 17, 30, 0, 0, cst)}}, m["test/temple"].Windows)
	assert.Empty(t, m["test/ruins"].Windows, "unknown hours: always open")
	assert.False(t, m["test/ruins"].Closed)
	assert.Equal(t, 90*time.Minute, m["test/museum"].Visit)
	assert.Equal(t, 80, m["test/museum"].Score)
	assert.Equal(t, "测试寺", m["test/temple"].Name)

	// Monday and Tuesday: the museum opens on Tuesday, twice.
	stops, err = route.StopsFromSites(sites, monday.Add(15*time.Hour), 2)
	require.NoError(t, err)
	m = byID(stops)
	assert.False(t, m["test/museum"].Closed)
	assert.Equal(t, []route.Window{
		{Open: time.Date(2027, 5, 4, 9, 0, 0, 0, cst), Close: time.Date(2027, 5, 4, 12, 0, 0, 0, cst)},
		{Open: time.Date(2027, 5, 4, 14, 0, 0, 0, cst), Close: time.Date(2027, 5, 4, 17, 0, 0, 0, cst)},
	}, m["test/museum"].Windows)
	assert.Len(t, m["test/temple"].Windows, 2)

	// A Monday plan skips the museum as closed; a Tuesday plan visits it.
	for _, tc := range []struct {
		date    time.Time
		museum  bool
		skipped route.Reason
	}{{monday, false, route.ReasonClosed}, {monday.AddDate(0, 0, 1), true, 0}} {
		stops, err := route.StopsFromSites(sites, tc.date, 1)
		require.NoError(t, err)
		start := tc.date.Add(8*time.Hour + 30*time.Minute)
		base := route.PlaceFromSite(hotel)
		p := route.Problem{Stops: stops, Days: []route.Day{{Start: base, End: &base,
			Window: route.Window{Open: start, Close: start.Add(8 * time.Hour)},
			Break:  &route.Break{Duration: time.Hour, Window: route.Window{Open: start.Add(3 * time.Hour), Close: start.Add(5 * time.Hour)}}}}}
		plan := solve(t, p)
		visited := map[string]bool{}
		for _, v := range plan.Days[0].Visits {
			visited[v.Stop.ID] = true
		}
		assert.Equal(t, tc.museum, visited["test/museum"], "%s", tc.date.Weekday())
		if !tc.museum {
			require.Len(t, plan.Skipped, 1)
			assert.Equal(t, tc.skipped, plan.Skipped[0].Reason)
		}
	}

	_, err = route.StopsFromSites(sites, monday, 0)
	assert.ErrorContains(t, err, "0 days")
	bad := sites[0]
	bad.Visit.OpeningHours = "Mo-Fr 25:00-26:00"
	_, err = route.StopsFromSites([]heritage.Site{bad}, monday, 1)
	assert.ErrorIs(t, err, heritage.ErrOpeningHours)
	assert.ErrorContains(t, err, "route: site test/temple:")
}

// The embedded Jiang County catalog: a one-day car plan from the county
// seat at 08:30 on a weekday with an 8-hour budget and a lunch hour, and
// a Monday plan; the plans must satisfy every invariant.
func TestEmbeddedCatalogPlans(t *testing.T) {
	cat := heritage.Default()
	seat, ok := cat.Get("anchor/jiangxian-county-seat")
	require.True(t, ok)
	var sites []heritage.Site
	for _, s := range cat.Sites() {
		if !s.Anchor() && strings.HasPrefix(s.ID, "jiangxian/") {
			sites = append(sites, s)
		}
	}
	require.NotEmpty(t, sites)
	cst := time.FixedZone("CST", 8*3600)
	for _, day := range []time.Time{time.Date(2027, 5, 5, 0, 0, 0, 0, cst), time.Date(2027, 5, 3, 0, 0, 0, 0, cst)} {
		t.Run(day.Weekday().String(), func(t *testing.T) {
			stops, err := route.StopsFromSites(sites, day, 1)
			require.NoError(t, err)
			start := day.Add(8*time.Hour + 30*time.Minute)
			base := route.PlaceFromSite(seat)
			p := route.Problem{Stops: stops, Mode: geo.CountyDrive(), Days: []route.Day{{Start: base, End: &base,
				Window: route.Window{Open: start, Close: start.Add(8 * time.Hour)},
				Break:  &route.Break{Duration: time.Hour, Window: route.Window{Open: day.Add(11*time.Hour + 30*time.Minute), Close: day.Add(13*time.Hour + 30*time.Minute)}}}}}
			plan, err := route.Solve(context.Background(), p, route.TimeLimit(2*time.Second))
			require.NoError(t, err)
			require.NoError(t, routetest.Check(&p, plan))
			assert.Positive(t, plan.Visited)
			assert.LessOrEqual(t, plan.Days[0].Return.Sub(plan.Days[0].Depart), 8*time.Hour)
			for _, v := range plan.Days[0].Visits {
				assert.False(t, v.Stop.Closed, v.Stop.ID)
			}
		})
	}
}

// A visit fits a site's half-open opening interval exactly when it fits
// the window made from it: from opening time up to closing time.
func TestWindowFromInterval(t *testing.T) {
	h, err := heritage.ParseOpeningHours("Mo-Su 09:00-17:00")
	require.NoError(t, err)
	ivs := h.On(time.Date(2027, 5, 3, 12, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	require.Len(t, ivs, 1)
	w := route.WindowFromInterval(ivs[0])
	assert.True(t, w.Open.Equal(ivs[0].Start))
	assert.True(t, w.Close.Equal(ivs[0].End))
	assert.True(t, w.Contains(ivs[0].Start, ivs[0].Duration()), "the whole opening")
	assert.True(t, h.Open(w.Open), "open at Open")
	assert.False(t, h.Open(w.Close), "closed at Close, where a visit may end")
	assert.False(t, w.Contains(ivs[0].Start.Add(time.Minute), ivs[0].Duration()), "a minute past closing")
	assert.False(t, w.Contains(ivs[0].Start.Add(-time.Minute), time.Hour), "a minute before opening")
}
