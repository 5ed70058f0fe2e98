package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

func siteIDs(sites []heritage.Site) []string {
	out := []string{}
	for _, s := range sites {
		out = append(out, s.ID)
	}
	return out
}

func TestGetSites(t *testing.T) {
	cat := heritage.Default()
	h := defaultHandler()
	seat, ok := cat.Get("anchor/jiangxian-county-seat")
	require.True(t, ok)
	seatGCJ := orb.Round(geo.WGS84ToGCJ02(seat.Location), 1e6).(orb.Point)

	tombsAndTemples := siteIDs(cat.Filter(heritage.Query{Kinds: []heritage.Kind{heritage.Tomb, heritage.Temple}}))
	within10km := siteIDs(cat.Within(seat.Location, DefaultRadius))
	require.NotEmpty(t, tombsAndTemples)
	require.Greater(t, len(within10km), 1)
	// A search near a point keeps the search's order and only the sites
	// within the radius.
	var searchNear []string
	for _, s := range cat.Search("temple") {
		if slices.Contains(within10km, s.ID) {
			searchNear = append(searchNear, s.ID)
		}
	}
	require.NotEmpty(t, searchNear)
	require.Less(t, len(searchNear), len(cat.Search("temple")), "the radius drops some of the search's sites")

	tests := []struct {
		name  string
		query string
		want  []string                                 // exact IDs in order, when not nil
		check func(t *testing.T, fc featureCollection) // further checks
	}{
		{name: "all", query: "", want: siteIDs(cat.Sites())},
		{name: "kind list", query: "kind=tomb,temple", want: tombsAndTemples},
		{name: "kind repeated", query: "kind=tomb&kind=temple", want: tombsAndTemples},
		{name: "theme", query: "theme=museums", want: siteIDs(cat.Filter(heritage.Query{Themes: []string{"museums"}}))},
		{name: "theme and kind", query: "theme=jin-culture&kind=tomb",
			want: siteIDs(cat.Filter(heritage.Query{Themes: []string{"jin-culture"}, Kinds: []heritage.Kind{heritage.Tomb}}))},
		{name: "search pinyin", query: "q=jinwengong", check: func(t *testing.T, fc featureCollection) {
			require.NotEmpty(t, fc.Features)
			assert.Equal(t, "jiangxian/jin-wengong-tomb", fc.Features[0].ID)
		}},
		{name: "search chinese", query: "q=" + url.QueryEscape("晋文公"), check: func(t *testing.T, fc featureCollection) {
			require.NotEmpty(t, fc.Features)
			assert.Equal(t, "jiangxian/jin-wengong-tomb", fc.Features[0].ID)
		}},
		{name: "search no match", query: "q=zzzzqqq", want: []string{}},
		{name: "search and theme", query: "q=mu&theme=museums", check: func(t *testing.T, fc featureCollection) {
			for _, f := range fc.Features {
				assert.Contains(t, f.Properties.Themes, "museums")
			}
		}},
		{name: "search near", query: "q=temple&near=111.57067,35.49072", want: searchNear},
		{name: "near default radius", query: "near=111.57067,35.49072", want: within10km},
		{name: "near radius", query: "near=111.57067,%2035.49072&radius=500", check: func(t *testing.T, fc featureCollection) {
			require.NotEmpty(t, fc.Features)
			assert.Equal(t, "anchor/jiangxian-county-seat", fc.Features[0].ID, "nearest first")
			for _, f := range fc.Features {
				assert.LessOrEqual(t, geo.Distance(seat.Location, orb.Point(f.Geometry.Coordinates)), 500.0, f.ID)
			}
		}},
		{name: "near and kind", query: "near=111.57067,35.49072&radius=30000&kind=tomb", check: func(t *testing.T, fc featureCollection) {
			require.NotEmpty(t, fc.Features)
			prev := 0.0
			for _, f := range fc.Features {
				assert.Equal(t, "tomb", f.Properties.Kind)
				d := geo.Distance(seat.Location, orb.Point(f.Geometry.Coordinates))
				assert.LessOrEqual(t, d, 30000.0)
				assert.GreaterOrEqual(t, d, prev, "nearest first")
				prev = d
			}
		}},
		{name: "near nothing", query: "near=0,0&radius=1000", want: []string{}},
		{name: "gcj02", query: "datum=gcj02&kind=town", check: func(t *testing.T, fc featureCollection) {
			assert.Equal(t, "gcj02", fc.Datum)
			require.Len(t, fc.Features, 1)
			assert.Equal(t, [2]float64(seatGCJ), fc.Features[0].Geometry.Coordinates)
			assert.Greater(t, geo.Distance(seat.Location, seatGCJ), 100.0, "GCJ-02 is offset by hundreds of metres")
		}},
		{name: "near in gcj02", query: "datum=gcj02&radius=20&near=" + ftoa(seatGCJ[0]) + "," + ftoa(seatGCJ[1]),
			check: func(t *testing.T, fc featureCollection) {
				assert.Equal(t, []string{"anchor/jiangxian-county-seat"}, fc.ids())
			}},
		{name: "bd09", query: "datum=bd09&kind=town", check: func(t *testing.T, fc featureCollection) {
			assert.Equal(t, "bd09", fc.Datum)
			want := orb.Round(geo.WGS84ToBD09(seat.Location), 1e6).(orb.Point)
			assert.Equal(t, [2]float64(want), fc.Features[0].Geometry.Coordinates)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, http.MethodGet, "/api/sites?"+tc.query, "")
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, contentGeoJSON, w.Header().Get("Content-Type"))
			fc := decodeFC(t, w.Body.Bytes())
			if tc.want != nil {
				assert.Equal(t, tc.want, fc.ids())
			}
			if tc.check != nil {
				tc.check(t, fc)
			}
			if !strings.Contains(tc.query, "datum=") {
				assert.Empty(t, fc.Datum, "WGS-84 is GeoJSON's own datum: no member")
			}
			for _, f := range fc.Features {
				assert.Equal(t, f.ID, f.Properties.ID)
				assert.Equal(t, "Point", f.Geometry.Type)
			}
		})
	}
}

func ftoa(v float64) string { b, _ := json.Marshal(v); return string(b) }

// The whole collection is heritage's own GeoJSON: loading it gives the
// catalog back.
func TestGetSitesRoundTrip(t *testing.T) {
	cat := heritage.Default()
	w := call(t, defaultHandler(), http.MethodGet, "/api/sites", "")
	require.Equal(t, http.StatusOK, w.Code)
	back, err := heritage.Load(strings.NewReader(w.Body.String()))
	require.NoError(t, err)
	assert.Equal(t, cat.Sites(), back.Sites())
}

// GET /api/sites and /api/sites/{id} answer with heritage's one site
// encoder, in the datum asked for, rounded to 6 decimals.
func TestSitesAreHeritagesEncoding(t *testing.T) {
	cat := heritage.Default()
	h := defaultHandler()
	for _, d := range []geo.Datum{geo.WGS84, geo.GCJ02, geo.BD09} {
		t.Run(d.String(), func(t *testing.T) {
			opts := []heritage.FeatureOption{heritage.Datum(d), heritage.Decimals(6)}
			var want bytes.Buffer
			require.NoError(t, heritage.WriteGeoJSON(&want, cat.Sites(), opts...))
			w := call(t, h, http.MethodGet, "/api/sites?datum="+d.String(), "")
			require.Equal(t, http.StatusOK, w.Code)
			assert.JSONEq(t, want.String(), w.Body.String())

			tombs := cat.Filter(heritage.Query{Kinds: []heritage.Kind{heritage.Tomb}})
			want.Reset()
			require.NoError(t, heritage.WriteGeoJSON(&want, tombs, opts...))
			w = call(t, h, http.MethodGet, "/api/sites?kind=tomb&datum="+d.String(), "")
			assert.JSONEq(t, want.String(), w.Body.String())

			for _, s := range cat.Sites() {
				f, err := json.Marshal(s.Feature(opts...))
				require.NoError(t, err)
				w := call(t, h, http.MethodGet, "/api/sites/"+s.ID+"?datum="+d.String(), "")
				require.Equal(t, http.StatusOK, w.Code)
				assert.JSONEq(t, string(f), w.Body.String(), s.ID)
			}
		})
	}
}

// What a visitor finds (heritage's optional members) is served as the
// catalog has it, the entrance in the datum asked for.
func TestGetSiteVisitorFacts(t *testing.T) {
	src := "https://example.org/museum"
	entrance := orb.Point{111.6183, 35.569}
	museum := heritage.Site{
		ID: "example/museum", Name: heritage.Name{Zh: "示例博物馆", Pinyin: "Shìlì Bówùguǎn", En: "Example museum"},
		Kind: heritage.Museum, Location: entrance, PrecisionM: 50, LocationSource: "example",
		Sources: []heritage.Source{{Title: "Visiting", URL: src}},
		Visit: heritage.Visit{Experience: heritage.Exhibits, Access: heritage.Open, AccessSource: src,
			OpeningHours: "Tu-Su 09:00-17:00", HoursStatus: heritage.HoursOfficial},
		Rating: &heritage.Rating{Level: 4, Source: src},
		Events: []heritage.Event{{Name: heritage.Text{Zh: "元宵灯会"}, Lunar: "1-15", Source: src}},
	}
	site := heritage.Site{
		ID: "example/cemetery", Name: heritage.Name{Zh: "示例墓地", Pinyin: "Shìlì Mùdì", En: "Example cemetery"},
		Kind: heritage.Cemetery, Location: orb.Point{111.6201, 35.5702}, PrecisionM: 800, LocationSource: "example",
		Address: &heritage.Text{Zh: "示例镇北村"}, Entrance: &entrance, EntrancePrecisionM: 100,
		PresentedAt: []string{museum.ID}, VisitVia: museum.ID,
		Visit: heritage.Visit{Experience: heritage.NothingVisible, HoursStatus: heritage.HoursUnknown},
	}
	cat, err := heritage.NewCatalog([]heritage.Site{site, museum})
	require.NoError(t, err)
	h := newHandler(cat)

	var f struct {
		Properties struct {
			Address     map[string]string `json:"address"`
			Entrance    [2]float64        `json:"entrance"`
			PresentedAt []string          `json:"presented_at"`
			VisitVia    string            `json:"visit_via"`
			Visit       map[string]any    `json:"visit"`
		} `json:"properties"`
	}
	w := call(t, h, http.MethodGet, "/api/sites/example/cemetery?datum=gcj02", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &f))
	assert.Equal(t, map[string]string{"zh": "示例镇北村"}, f.Properties.Address)
	assert.Equal(t, [2]float64(convertPoint(entrance, geo.GCJ02)), f.Properties.Entrance)
	assert.Equal(t, []string{"example/museum"}, f.Properties.PresentedAt)
	assert.Equal(t, "example/museum", f.Properties.VisitVia)
	assert.Equal(t, map[string]any{"experience": "nothing-visible", "hours_status": "unknown"}, f.Properties.Visit)

	w = call(t, h, http.MethodGet, "/api/sites?kind=museum", "")
	require.Equal(t, http.StatusOK, w.Code)
	back, err := heritage.Load(strings.NewReader(w.Body.String()))
	require.NoError(t, err, "the museum alone has no references to close")
	got, _ := back.Get("example/museum")
	assert.Equal(t, museum, got)
}

func TestGetSitesErrors(t *testing.T) {
	h := defaultHandler()
	tests := []struct {
		name, query, inMessage string
	}{
		{"unknown kind", "kind=castle", "kind"},
		{"empty kind item", "kind=tomb,", "empty item"},
		{"unknown theme", "theme=opera", "no site of the catalog carries it"},
		{"bad theme slug", "theme=Jin_Culture", "theme slug"},
		{"near not a pair", "near=111.5", "lon,lat"},
		{"near not numbers", "near=east,north", "two decimal numbers"},
		{"near three numbers", "near=1,2,3", "two decimal numbers"},
		{"near off the globe", "near=200,10", "lon must lie"},
		{"near NaN", "near=NaN,10", "not a point"},
		{"near repeated", "near=1,2&near=3,4", "more than once"},
		{"radius negative", "near=111.5,35.5&radius=-5", "more than 0"},
		{"radius NaN", "near=111.5,35.5&radius=NaN", "more than 0"},
		{"radius too big", "near=111.5,35.5&radius=1e9", "at most"},
		{"radius not a number", "near=111.5,35.5&radius=far", "metres"},
		{"radius without near", "radius=100", "without near"},
		{"empty q", "q=%20", "empty search text"},
		{"q too long", "q=" + strings.Repeat("a", maxQueryText+1), "longer than"},
		{"q repeated", "q=a&q=b", "more than once"},
		{"unknown datum", "datum=utm", "not a datum"},
		{"unknown parameter", "limit=5", `unknown query parameter "limit"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, http.MethodGet, "/api/sites?"+tc.query, "")
			require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
			e := apiErr(t, w)
			assert.Equal(t, codeBadQuery, e.Code)
			assert.Contains(t, e.Message, tc.inMessage)
			assert.Empty(t, w.Header().Get("ETag"), "errors are not cached")
		})
	}
}

func TestGetSite(t *testing.T) {
	cat := heritage.Default()
	h := defaultHandler()
	tests := []struct {
		name, path, datum string
	}{
		{"site", "/api/sites/jiangxian/chexiangcheng", ""},
		{"anchor", "/api/sites/anchor/jiangxian-county-seat", ""},
		{"gcj02", "/api/sites/jiangxian/chexiangcheng?datum=gcj02", "gcj02"},
		{"bd09", "/api/sites/houma/jin-state-site?datum=bd09", "bd09"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, http.MethodGet, tc.path, "")
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, contentGeoJSON, w.Header().Get("Content-Type"))
			var f struct {
				Type     string `json:"type"`
				ID       string `json:"id"`
				Datum    string `json:"datum"`
				Geometry struct {
					Coordinates [2]float64 `json:"coordinates"`
				} `json:"geometry"`
			}
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &f))
			id := strings.TrimPrefix(strings.Split(tc.path, "?")[0], "/api/sites/")
			s, ok := cat.Get(id)
			require.True(t, ok)
			assert.Equal(t, "Feature", f.Type)
			assert.Equal(t, id, f.ID)
			assert.Equal(t, tc.datum, f.Datum)
			d := geo.WGS84
			if tc.datum != "" {
				var err error
				d, err = geo.ParseDatum(tc.datum)
				require.NoError(t, err)
			}
			assert.Equal(t, [2]float64(convertPoint(s.Location, d)), f.Geometry.Coordinates)
		})
	}
}

func TestGetSiteErrors(t *testing.T) {
	h := defaultHandler()
	tests := []struct {
		name, path string
		status     int
		code       string
	}{
		{"unknown", "/api/sites/jiangxian/no-such-site", http.StatusNotFound, codeNotFound},
		{"prefix of an ID", "/api/sites/jiangxian", http.StatusNotFound, codeNotFound},
		{"empty", "/api/sites/", http.StatusNotFound, codeNotFound},
		{"bad datum", "/api/sites/jiangxian/chexiangcheng?datum=x", http.StatusBadRequest, codeBadQuery},
		{"unknown parameter", "/api/sites/jiangxian/chexiangcheng?kind=tomb", http.StatusBadRequest, codeBadQuery},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, http.MethodGet, tc.path, "")
			require.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Equal(t, tc.code, apiErr(t, w).Code)
		})
	}
}

func TestETag(t *testing.T) {
	h := defaultHandler()
	for _, path := range []string{
		"/api/sites", "/api/sites?kind=tomb", "/api/sites?datum=gcj02",
		"/api/sites/jiangxian/chexiangcheng", "/api/lines", "/api/lines?theme=museums",
	} {
		t.Run(path, func(t *testing.T) {
			w := call(t, h, http.MethodGet, path, "")
			require.Equal(t, http.StatusOK, w.Code)
			etag := w.Header().Get("ETag")
			require.NotEmpty(t, etag)
			assert.False(t, strings.HasPrefix(etag, "W/"), "a strong validator")
			assert.Equal(t, etagOf(w.Body.Bytes()), etag, "the tag hashes the body")
			assert.Equal(t, cacheControl, w.Header().Get("Cache-Control"))

			again := call(t, h, http.MethodGet, path, "")
			assert.Equal(t, etag, again.Header().Get("ETag"), "same body, same tag")

			for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
				nm := call(t, h, http.MethodGet, path, "", "If-None-Match", inm)
				assert.Equal(t, http.StatusNotModified, nm.Code, inm)
				assert.Empty(t, nm.Body.String())
				assert.Equal(t, etag, nm.Header().Get("ETag"))
			}
			stale := call(t, h, http.MethodGet, path, "", "If-None-Match", `"stale"`)
			assert.Equal(t, http.StatusOK, stale.Code)
			assert.Equal(t, w.Body.String(), stale.Body.String())

			head := call(t, h, http.MethodHead, path, "")
			assert.Equal(t, http.StatusOK, head.Code)
			assert.Empty(t, head.Body.String())
			assert.Equal(t, etag, head.Header().Get("ETag"))
			assert.Equal(t, w.Header().Get("Content-Length"), head.Header().Get("Content-Length"))
		})
	}
	a := call(t, h, http.MethodGet, "/api/sites?kind=tomb", "").Header().Get("ETag")
	b := call(t, h, http.MethodGet, "/api/sites?kind=temple", "").Header().Get("ETag")
	assert.NotEqual(t, a, b, "different bodies, different tags")
}

func TestNoneMatch(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{`"a"`, true}, {`W/"a"`, true}, {` "b" , "a" `, true}, {"*", true},
		{`"b"`, false}, {`a`, false}, {``, false}, {`"a`, false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, noneMatch(tc.header, `"a"`), tc.header)
	}
}

func TestMethodsAndPaths(t *testing.T) {
	h := defaultHandler()
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodPost, "/api/sites", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodDelete, "/api/sites/jiangxian/chexiangcheng", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodPut, "/api/lines", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodGet, "/api/plan", http.StatusMethodNotAllowed, "POST"},
		{http.MethodPost, "/embed", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodOptions, "/api/plan", http.StatusMethodNotAllowed, "POST"}, // not a preflight
		{http.MethodGet, "/", http.StatusNotFound, ""},
		{http.MethodGet, "/api/nothing", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := call(t, h, tc.method, tc.path, "")
			require.Equal(t, tc.status, w.Code, w.Body.String())
			e := apiErr(t, w)
			if tc.allow != "" {
				assert.Equal(t, codeMethodNotAllowed, e.Code)
				assert.Equal(t, tc.allow, w.Header().Get("Allow"))
			} else {
				assert.Equal(t, codeNotFound, e.Code)
			}
			assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
		})
	}
}

func TestNewHandlerNilCatalog(t *testing.T) {
	assert.PanicsWithValue(t, "web: NewHandler: nil catalog", func() { NewHandler(nil) })
}

// A user catalog works as well as the embedded one, and a site list
// with one site is a valid answer.
func TestUserCatalog(t *testing.T) {
	cat := heritage.Default()
	s, ok := cat.Get("jiangxian/chexiangcheng")
	require.True(t, ok)
	mine, err := heritage.NewCatalog([]heritage.Site{s}, heritage.ReferTo(cat)) // its presented_at names an embedded museum
	require.NoError(t, err)
	h := newHandler(mine)
	for _, d := range []string{"wgs84", "gcj02", "bd09"} {
		w := call(t, h, http.MethodGet, "/api/sites?datum="+d, "")
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, []string{s.ID}, decodeFC(t, w.Body.Bytes()).ids())
	}
	w := call(t, h, http.MethodGet, "/api/sites?theme=museums", "")
	assert.Equal(t, http.StatusBadRequest, w.Code, "the user catalog has no museum")
	assert.True(t, slices.Equal(h.themes, slices.Sorted(slices.Values(s.Themes))))
}
