package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/route/export"
)

// FuzzPlanPipeline: whatever request a visitor sends — empty days, a
// museum on its closing day, one site over two days, a start far outside
// the region, single sites, named points — POST /api/plan answers it in
// every registered format, and /embed draws it, without a 500: a plan
// the planner returns can always be written. Seeds:
// testdata/fuzz/FuzzPlanPipeline and below.
func FuzzPlanPipeline(f *testing.F) {
	for _, body := range []string{
		`{}`,
		`{"theme":"jin-culture","date":"2027-05-04"}`,
		`{"sites":["quwo/jinguo-museum"],"date":"2027-05-03"}`,
		`{"sites":["jiangxian/taiyin-temple"],"days":2,"date":"2027-05-04"}`,
		`{"sites":["jiangxian/jin-wengong-tomb","jiangxian/jin-xiangong-tomb"],"hours":1.5,"mode":"walk"}`,
		`{"start":{"point":[116.397,39.909],"name":"北京饭店"},"theme":"jin-culture"}`,
		`{"start":[111.57,35.49],"end":"anchor/houma-station","sites":["jiangxian/chexiangcheng"],"datum":"gcj02"}`,
		`{"theme":"museums","days":3,"break":{"minutes":0},"start_time":"06:00","hours":2}`,
	} {
		for k := range len(export.FormatNames()) {
			f.Add(body, uint8(k))
		}
	}
	h := defaultHandler(PlanTimeout(2 * time.Second))
	formats := export.FormatNames()
	f.Fuzz(func(t *testing.T, body string, pick uint8) {
		format := formats[int(pick)%len(formats)]
		w := call(t, h, http.MethodPost, "/api/plan?format="+format, body, "Content-Type", "application/json")
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("POST /api/plan?format=%s %s: %d %s", format, body, w.Code, w.Body.String())
		}
		if w.Code != http.StatusOK || !strings.HasPrefix(body, `{"sites":[`) {
			return
		}
		// The same sites drawn by the embed page.
		ids := body[len(`{"sites":[`):]
		if end := strings.IndexByte(ids, ']'); end > 0 {
			q := strings.NewReplacer(`"`, "", " ", "").Replace(ids[:end])
			e := call(t, h, http.MethodGet, "/embed?sites="+q, "")
			if e.Code >= 500 && e.Code != http.StatusServiceUnavailable {
				t.Fatalf("GET /embed?sites=%s: %d %s", q, e.Code, e.Body.String())
			}
		}
	})
}
