package web

import (
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCORS(t *testing.T) {
	const site = "https://tour.example.cn"
	preflight := func(origin string) []string {
		return []string{"Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"}
	}
	tests := []struct {
		name      string
		opts      []Option
		method    string
		path      string
		header    []string
		status    int
		allow     string // expected Access-Control-Allow-Origin ("" none)
		vary      bool   // Vary: Origin expected
		preflight bool   // a successful preflight answer
	}{
		{name: "default: no CORS headers", method: "GET", path: "/api/sites?kind=tomb", header: []string{"Origin", site}, status: 200},
		{name: "default: preflight refused", method: "OPTIONS", path: "/api/plan", header: preflight(site), status: 403},
		{name: "allowed origin", opts: []Option{CORS(site)}, method: "GET", path: "/api/sites?kind=tomb",
			header: []string{"Origin", site}, status: 200, allow: site, vary: true},
		{name: "allowed origin, error answer readable", opts: []Option{CORS(site)}, method: "GET", path: "/api/sites/none",
			header: []string{"Origin", site}, status: 404, allow: site, vary: true},
		{name: "allowed origin, configured with a slash and capitals", opts: []Option{CORS("HTTPS://Tour.Example.cn/")}, method: "GET",
			path: "/api/lines", header: []string{"Origin", site}, status: 200, allow: site, vary: true},
		{name: "other origin", opts: []Option{CORS(site)}, method: "GET", path: "/api/sites?kind=tomb",
			header: []string{"Origin", "https://evil.example"}, status: 200, vary: true},
		{name: "no origin", opts: []Option{CORS(site)}, method: "GET", path: "/api/sites?kind=tomb", status: 200, vary: true},
		{name: "preflight allowed", opts: []Option{CORS("https://a.example", site)}, method: "OPTIONS", path: "/api/plan",
			header: preflight(site), status: 204, allow: site, vary: true, preflight: true},
		{name: "preflight other origin", opts: []Option{CORS(site)}, method: "OPTIONS", path: "/api/plan",
			header: preflight("https://evil.example"), status: 403, vary: true},
		{name: "any origin", opts: []Option{CORS("*")}, method: "OPTIONS", path: "/api/sites",
			header: preflight("http://localhost:3000"), status: 204, allow: "http://localhost:3000", vary: true, preflight: true},
		{name: "post from allowed origin", opts: []Option{CORS(site)}, method: "POST", path: "/api/plan",
			header: []string{"Origin", site}, status: 200, allow: site, vary: true},
		{name: "options without request method is no preflight", opts: []Option{CORS(site)}, method: "OPTIONS",
			path: "/api/plan", header: []string{"Origin", site}, status: 405, allow: site, vary: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := ""
			if tc.method == "POST" {
				body = `{"sites":["jiangxian/chexiangcheng"]}`
			}
			w := call(t, defaultHandler(tc.opts...), tc.method, tc.path, body, tc.header...)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			hd := w.Header()
			assert.Equal(t, tc.allow, hd.Get("Access-Control-Allow-Origin"))
			assert.Equal(t, tc.vary, slices.Contains(hd.Values("Vary"), "Origin"), "Vary: %v", hd.Values("Vary"))
			if tc.preflight {
				assert.Contains(t, hd.Get("Access-Control-Allow-Methods"), "POST")
				assert.Contains(t, hd.Get("Access-Control-Allow-Headers"), "Content-Type")
				assert.NotEmpty(t, hd.Get("Access-Control-Max-Age"))
				assert.Empty(t, w.Body.String())
			} else {
				assert.Empty(t, hd.Get("Access-Control-Allow-Methods"))
			}
			if tc.allow != "" && !tc.preflight {
				assert.Equal(t, "ETag", hd.Get("Access-Control-Expose-Headers"))
			}
			if tc.status == 403 {
				assert.Equal(t, codeCORSForbidden, apiErr(t, w).Code)
			}
		})
	}
}

func TestCORSOptionsAccumulate(t *testing.T) {
	h := defaultHandler(CORS("https://a.example"), CORS("https://b.example"))
	for _, o := range []string{"https://a.example", "https://b.example"} {
		w := call(t, h, http.MethodGet, "/api/lines", "", "Origin", o)
		assert.Equal(t, o, w.Header().Get("Access-Control-Allow-Origin"))
	}
}
