package web

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

// requireClientError checks that err is an *apiError with a 4xx status.
func requireClientError(t *testing.T, err error) {
	t.Helper()
	var e *apiError
	require.True(t, errors.As(err, &e), "error %v is an *apiError", err)
	require.True(t, e.status >= 400 && e.status < 500, "status %d", e.status)
	require.NotEmpty(t, e.code)
	require.NotEmpty(t, e.message)
}

// FuzzDecodePlanRequest: any body either decodes into a tour.Request
// within the handler's stop limit, or fails with a 4xx; nothing panics,
// and a decoded request survives a JSON round trip.
// Seeds: testdata/fuzz/FuzzDecodePlanRequest.
func FuzzDecodePlanRequest(f *testing.F) {
	f.Add([]byte(`{"sites":["jiangxian/chexiangcheng","jiangxian/taiyin-temple"],"start":"anchor/jiangxian-county-seat","date":"2027-05-04","start_time":"08:30","hours":9,"days":1,"mode":"drive","datum":"wgs84"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := decodePlanRequest(body, DefaultMaxStops)
		if err != nil {
			requireClientError(t, err)
			return
		}
		assert.Contains(t, []geo.Datum{geo.WGS84, geo.GCJ02, geo.BD09}, req.Datum)
		assert.LessOrEqual(t, len(req.Sites), DefaultMaxStops)
		if !req.Date.IsZero() {
			assert.True(t, req.Date.Valid(), "date %v", req.Date)
		}
		b, err := json.Marshal(req)
		require.NoError(t, err)
		back, err := decodePlanRequest(b, DefaultMaxStops)
		require.NoError(t, err, "re-decoding %s", b)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(b), string(b2), "a decoded request survives a round trip")
	})
}

// FuzzParseSitesQuery: any query string of GET /api/sites parses into a
// query within the documented bounds or fails with a 400.
// Seeds: testdata/fuzz/FuzzParseSitesQuery.
func FuzzParseSitesQuery(f *testing.F) {
	f.Add("theme=jin-culture&kind=tomb,temple&q=jin&near=111.57,35.49&radius=5000&datum=gcj02")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // the server's mux never sees a query it cannot parse as such
		}
		q, err := parseSitesQuery(v)
		if err != nil {
			requireClientError(t, err)
			return
		}
		if q.near != nil {
			assert.True(t, geo.Valid(*q.near), "near %v", *q.near)
			assert.True(t, q.radius > 0 && q.radius <= maxRadius, "radius %v", q.radius)
		} else {
			assert.Zero(t, q.radius)
		}
		assert.LessOrEqual(t, len(q.text), maxQueryText)
		for _, k := range q.kinds {
			assert.True(t, k.Valid())
		}
		for _, th := range q.themes {
			assert.True(t, validSlug(th))
		}
	})
}

// FuzzParseEmbedQuery: any query string of GET /embed parses or fails
// with a 4xx; a parsed tile layer only names http(s) origins.
// Seeds: testdata/fuzz/FuzzParseEmbedQuery.
func FuzzParseEmbedQuery(f *testing.F) {
	f.Add("sites=jiangxian/chexiangcheng,jiangxian/taiyin-temple&start=111.6,35.5&date=2027-05-04&mode=walk&hours=6&lang=en&tiles=https%3A%2F%2F%7Bs%7D.tiles.example%2F%7Bz%7D%2F%7Bx%7D%2F%7By%7D.png&tiles_datum=gcj02")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseEmbedQuery(v, "zh")
		if err != nil {
			requireClientError(t, err)
			return
		}
		assert.True(t, (q.line == "") != (len(q.sites) == 0), "a line or sites")
		assert.Contains(t, []string{"zh", "en"}, q.lang)
		if !q.date.IsZero() {
			assert.True(t, q.date.Valid())
		}
		if q.tiles != nil {
			checkTileLayer(t, q.tiles)
		}
	})
}

// FuzzParseTileLayer: a tile template that parses makes only http(s)
// URLs on the origins the CSP will allow.
// Seeds: testdata/fuzz/FuzzParseTileLayer.
func FuzzParseTileLayer(f *testing.F) {
	f.Add("https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}", "gcj02", "1,2,3,4")
	f.Fuzz(func(t *testing.T, template, datum, subs string) {
		tl, err := parseTileLayer(template, datum, subs)
		if err != nil {
			requireClientError(t, err)
			return
		}
		checkTileLayer(t, tl)
	})
}

func checkTileLayer(t *testing.T, tl *tileLayer) {
	t.Helper()
	require.NotEmpty(t, tl.origins)
	assert.Contains(t, []geo.Datum{geo.WGS84, geo.GCJ02}, tl.datum)
	subs := tl.subdomains
	if len(subs) == 0 {
		subs = []string{""}
	}
	for i, s := range subs {
		u, err := url.Parse(tl.url(12, 3370+i, 1640, s))
		require.NoError(t, err)
		assert.Contains(t, []string{"http", "https"}, u.Scheme)
		assert.Contains(t, tl.origins, u.Scheme+"://"+strings.ToLower(u.Host), "the CSP allows every tile's origin")
		for _, c := range []string{"'", ";", " ", ",", "*"} {
			for _, o := range tl.origins {
				assert.NotContains(t, o, c, "origins cannot break out of the CSP header")
			}
		}
	}
}
