package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// tenSites are ten heritage sites of the embedded catalog in Jiang
// County, the plan the load test asks for too.
func tenSites() []string {
	return []string{
		"jiangxian/chexiangcheng", "jiangxian/taiyin-temple", "jiangxian/jin-wengong-tomb",
		"jiangxian/jin-linggong-tomb", "jiangxian/jin-xiangong-tomb", "jiangxian/hengbei-peng-cemetery",
		"jiangxian/zhoujiazhuang-site", "jiangxian/jingyun-palace", "jiangxian/dongfeng-stage",
		"jiangxian/changchun-guan",
	}
}

// call sends one request to h and returns the recorded response.
func call(t testing.TB, h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	require.Zero(t, len(header)%2, "header needs name, value pairs")
	for i := 0; i < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// apiErr decodes a JSON error body and checks its form.
func apiErr(t testing.TB, w *httptest.ResponseRecorder) errorDetail {
	t.Helper()
	require.Equal(t, "application/json", w.Header().Get("Content-Type"), "error body: %s", w.Body)
	var body errorBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body), "error body: %s", w.Body)
	require.NotEmpty(t, body.Error.Code)
	require.NotEmpty(t, body.Error.Message)
	return body.Error
}

// featureCollection is the part of a GeoJSON answer the tests read.
type featureCollection struct {
	Type     string `json:"type"`
	Datum    string `json:"datum"`
	Features []struct {
		ID       string `json:"id"`
		Geometry struct {
			Type        string     `json:"type"`
			Coordinates [2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties struct {
			ID     string   `json:"id"`
			Kind   string   `json:"kind"`
			Themes []string `json:"themes"`
		} `json:"properties"`
	} `json:"features"`
}

func (fc featureCollection) ids() []string {
	out := []string{}
	for _, f := range fc.Features {
		out = append(out, f.ID)
	}
	return out
}

func decodeFC(t testing.TB, body []byte) featureCollection {
	t.Helper()
	var fc featureCollection
	require.NoError(t, json.Unmarshal(body, &fc), "body: %.300s", body)
	require.Equal(t, "FeatureCollection", fc.Type)
	return fc
}

// defaultHandler is the handler over the embedded catalog.
func defaultHandler(opts ...Option) *handler { return newHandler(heritage.Default(), opts...) }

// convertPoint converts a WGS-84 point to d, rounded to 6 decimals, as
// the API writes points.
func convertPoint(p orb.Point, d geo.Datum) orb.Point {
	return orb.Round(geo.Convert(p, geo.WGS84, d), 1e6).(orb.Point)
}
