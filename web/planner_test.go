package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/tour"
)

func TestAcceptLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", "zh"},
		{"en-US,en;q=0.9", "en"},
		{"zh-CN,zh;q=0.9,en;q=0.8", "zh"},
		{"en;q=0.5, zh-TW;q=0.8", "zh"},
		{"fr-FR, en;q=0.3", "en"},
		{"de, fr", "zh"},
		{"EN-gb", "en"},
		{"en;q=bad, zh;q=0.2", "en"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, acceptLanguage(tc.header), "%q", tc.header)
	}
}

// getPage sends GET path with an Accept-Language header.
func getPage(t *testing.T, h http.Handler, path, acceptLang string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptLang != "" {
		r.Header.Set("Accept-Language", acceptLang)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPlanPage(t *testing.T) {
	h := defaultHandler()
	tests := []struct {
		name, path, acceptLang string
		status                 int
		contentType            string
		want, notWant          []string
	}{
		{name: "empty form in the browser's language", path: "/plan", acceptLang: "en-GB,en;q=0.9",
			status: 200, contentType: "text/html; charset=utf-8",
			want: []string{`<html lang="en">`, `id="plan-form"`, `<details open>`, "Choose a theme or sites", `value="jin-culture"`, "Tomb of Duke Wen of Jin"}, notWant: []string{`id="map"`}},
		{name: "theme planned", path: "/plan?theme=jin-culture&date=2027-05-04&lang=zh",
			status: 200, contentType: "text/html; charset=utf-8",
			want: []string{`<html lang="zh">`, "<svg", `"visited":`, `value="jin-culture" selected`, `value="2027-05-04"`, "download=ics", "form-action 'self'", `name="days" min="1" max="` + strconv.Itoa(tour.MaxDays) + `"`}},
		{name: "empty fields count as not given", path: "/plan?theme=&sites=jiangxian/chexiangcheng&sites=jiangxian/taiyin-temple&hours=&date=2027-05-04",
			status: 200, contentType: "text/html; charset=utf-8", want: []string{"<svg", `value="jiangxian/taiyin-temple" checked`}},
		{name: "ics download", path: "/plan?theme=jin-culture&date=2027-05-04&download=ics",
			status: 200, contentType: "text/calendar; charset=utf-8", want: []string{"BEGIN:VCALENDAR", "BEGIN:VEVENT"}},
		{name: "gpx download of a line", path: "/embed?line=jin-culture/jiangxian&download=gpx",
			status: 200, contentType: "application/gpx+xml", want: []string{"<gpx"}},
		{name: "no ics for an undated line", path: "/embed?line=jin-culture/jiangxian",
			status: 200, contentType: "text/html; charset=utf-8", want: []string{"download=gpx", "form-action 'none'"}, notWant: []string{"download=ics", "connect-src"}},
		{name: "bad download", path: "/plan?theme=jin-culture&download=pdf", acceptLang: "en",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"This route cannot be shown", "bad_query", "download"}},
		{name: "theme and sites", path: "/plan?theme=jin-culture&sites=jiangxian/chexiangcheng",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"无法显示这条路线", "not both"}},
		{name: "bad days: the form stays, the error above it", path: "/plan?theme=jin-culture&days=40&lang=en",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"days", "from 1 to", `id="plan-error"`, `id="plan-form"`,
				"A value in the address is not valid.", `value="jin-culture" selected`, "<details open>"}, notWant: []string{`id="map"`}},
		{name: "the language link keeps the plan", path: "/plan?theme=jin-culture&date=2027-05-04&hours=6&lang=en",
			status: 200, contentType: "text/html; charset=utf-8",
			want: []string{`id="f-lang" href="?date=2027-05-04&amp;hours=6&amp;lang=zh&amp;theme=jin-culture"`, "connect-src 'self'"}},
		{name: "a point start is the visitor's location", path: "/plan?theme=jin-culture&start=111.57,35.49&lang=en",
			status: 200, contentType: "text/html; charset=utf-8", want: []string{`<option value="111.57,35.49" selected>My location (111.57,35.49)</option>`}},
		{name: "bad start time", path: "/plan?theme=jin-culture&start_time=25:00&lang=en",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"start_time"}},
		{name: "unknown theme", path: "/plan?theme=opera&lang=en",
			status: 422, contentType: "text/html; charset=utf-8", want: []string{"unknown_theme"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := getPage(t, h, tc.path, tc.acceptLang)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Equal(t, tc.contentType, w.Header().Get("Content-Type"))
			body := w.Body.String() + w.Header().Get("Content-Security-Policy")
			for _, s := range tc.want {
				assert.Contains(t, body, s)
			}
			for _, s := range tc.notWant {
				assert.NotContains(t, body, s)
			}
			if strings.HasPrefix(tc.contentType, "text/html") {
				assert.Contains(t, w.Header().Get("Content-Security-Policy"), "default-src 'none'")
			}
		})
	}
}

// postPlanPage sends POST /plan with a JSON body.
func postPlanPage(t *testing.T, h http.Handler, query, body string) *httptest.ResponseRecorder {
	t.Helper()
	return call(t, h, http.MethodPost, "/plan"+query, body)
}

// volatile are the parts of a page that differ between two answers of
// the same plan: the CSP nonce and the solver's run time.
var volatile = regexp.MustCompile(`nonce="[^"]+"|"runtime_ms":[0-9.]+`)

// The script's POST /plan answers the page GET /plan gives for the same
// plan, and names that page in Content-Location.
func TestPostPlanPageIsTheGetPage(t *testing.T) {
	h := defaultHandler()
	tests := []struct {
		name, body, location string
	}{
		{"theme and date", `{"theme": "jin-culture", "date": "2027-05-04", "mode": "drive"}`, "?date=2027-05-04&lang=en&mode=drive&theme=jin-culture"},
		{"sites, start point, hours, days, start time", `{"sites": ["jiangxian/chexiangcheng", "jiangxian/taiyin-temple"], "start": [111.57, 35.49],
			"hours": 6.5, "days": 2, "start_time": "09:15", "date": "2027-05-04"}`,
			"?date=2027-05-04&days=2&hours=6.5&lang=en&sites=jiangxian%2Fchexiangcheng&sites=jiangxian%2Ftaiyin-temple&start=111.57%2C35.49&start_time=09%3A15"},
		{"nothing chosen: the empty form", `{}`, "?lang=en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			post := postPlanPage(t, h, "?lang=en", tc.body)
			require.Equal(t, http.StatusOK, post.Code, post.Body.String())
			assert.Equal(t, "text/html; charset=utf-8", post.Header().Get("Content-Type"))
			assert.Equal(t, tc.location, post.Header().Get("Content-Location"))
			assert.Contains(t, post.Header().Get("Content-Security-Policy"), "connect-src 'self'")
			get := getPage(t, h, "/plan"+tc.location, "")
			require.Equal(t, http.StatusOK, get.Code)
			assert.Equal(t, tc.location, get.Header().Get("Content-Location"))
			assert.Equal(t, volatile.ReplaceAllString(get.Body.String(), ""), volatile.ReplaceAllString(post.Body.String(), ""))
		})
	}
}

// POST /plan refuses what the planner page cannot show, with the form
// and the error above it in the page's language.
func TestPostPlanPageErrors(t *testing.T) {
	h := defaultHandler()
	tests := []struct {
		name, query, body, contentType string
		status                         int
		want                           []string
	}{
		{"an end has no place in the address", "?lang=en", `{"theme": "jin-culture", "end": "jiangxian/chexiangcheng"}`, "application/json",
			400, []string{"bad_field", "end: the planner page plans from theme", "/api/plan"}},
		{"a datum neither", "?lang=zh", `{"theme": "jin-culture", "datum": "gcj02"}`, "application/json",
			400, []string{"bad_field", "datum", "规划请求中的某个值无效。", "无法显示这条路线"}},
		{"bad JSON", "?lang=en", `{"theme": `, "application/json", 400, []string{"bad_json"}},
		{"an unknown member", "?lang=en", `{"theme": "jin-culture", "colour": "red"}`, "application/json", 400, []string{"unknown_field", "colour"}},
		{"an unknown theme", "?lang=en", `{"theme": "opera"}`, "application/json", 422, []string{"unknown_theme", "No site carries that theme."}},
		{"too many days", "?lang=en", `{"theme": "jin-culture", "days": 40}`, "application/json", 422, []string{"too_large"}},
		{"not JSON", "?lang=en", `theme=jin-culture`, "application/x-www-form-urlencoded", 415, []string{"unsupported_media", "application/json"}},
		{"an unknown parameter", "?lang=en&theme=jin-culture", `{}`, "application/json", 400, []string{"bad_query", "theme"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, http.MethodPost, "/plan"+tc.query, tc.body, "Content-Type", tc.contentType)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
			assert.Empty(t, w.Header().Get("Content-Location"), "an error is no page to share")
			body := w.Body.String()
			for _, s := range append(tc.want, `id="plan-error"`, `id="plan-form"`) {
				assert.Contains(t, body, s)
			}
		})
	}
}

func TestPlannerValues(t *testing.T) {
	q, wanted, err := parsePlannerQuery(url.Values{"theme": {"jin-culture"}, "start": {"anchor/jiangxian-county-seat"}, "date": {"2027-05-04"},
		"start_time": {"07:45"}, "hours": {"9.5"}, "days": {"3"}, "mode": {"bus"}, "lang": {"zh"}, "hours_ignored": {""}}, "en")
	require.NoError(t, err)
	require.True(t, wanted)
	v := plannerValues(q)
	assert.Equal(t, url.Values{"theme": {"jin-culture"}, "start": {"anchor/jiangxian-county-seat"}, "date": {"2027-05-04"},
		"start_time": {"07:45"}, "hours": {"9.5"}, "days": {"3"}, "mode": {"bus"}, "lang": {"zh"}}, v)
	again, _, err := parsePlannerQuery(v, "en")
	require.NoError(t, err)
	assert.Equal(t, q, again, "the address reads back as the same query")
}
