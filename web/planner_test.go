package web

import (
	"net/http"
	"net/http/httptest"
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
			status: 200, contentType: "text/html; charset=utf-8", want: []string{"download=gpx", "form-action 'none'"}, notWant: []string{"download=ics"}},
		{name: "bad download", path: "/plan?theme=jin-culture&download=pdf", acceptLang: "en",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"This route cannot be shown", "bad_query", "download"}},
		{name: "theme and sites", path: "/plan?theme=jin-culture&sites=jiangxian/chexiangcheng",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"无法显示这条路线", "not both"}},
		{name: "bad days", path: "/plan?theme=jin-culture&days=40&lang=en",
			status: 400, contentType: "text/html; charset=utf-8", want: []string{"days", "from 1 to"}},
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
