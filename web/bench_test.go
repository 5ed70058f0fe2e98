package web

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
)

func BenchmarkGetSites(b *testing.B) {
	h := defaultHandler()
	for _, q := range []string{"", "kind=tomb,temple", "q=jin", "near=111.57067,35.49072&radius=15000", "datum=gcj02"} {
		b.Run("query="+q, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/api/sites?"+q, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code, w.Body)
				}
			}
		})
	}
}

// BenchmarkPostPlan plans n random sites of the embedded catalog on
// random days of 2027, as the load test does.
func BenchmarkPostPlan(b *testing.B) {
	h := defaultHandler()
	var ids []string
	for _, s := range heritage.Default().Sites() {
		if !s.Anchor() {
			ids = append(ids, s.ID)
		}
	}
	for _, n := range []int{5, 10, 20} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			bodies := make([]string, 64)
			for i := range bodies {
				perm := rng.Perm(len(ids))[:n]
				sites := make([]string, n)
				for k, j := range perm {
					sites[k] = `"` + ids[j] + `"`
				}
				date := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(365))
				bodies[i] = fmt.Sprintf(`{"sites":[%s],"date":%q,"hours":9}`, strings.Join(sites, ","), date.Format(time.DateOnly))
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				postPlan(b, h, bodies[i%len(bodies)])
				i++
			}
		})
	}
}

// BenchmarkPostPlanCatalog plans the whole embedded catalog (every site,
// the request without sites) over 1, 3 and 7 days by car and by bus: the
// largest plan the default handler takes, whose time sets
// DefaultPlanTimeout (run with -cpu 1 for one core).
func BenchmarkPostPlanCatalog(b *testing.B) {
	h := defaultHandler()
	for _, mode := range []string{"drive", "bus"} {
		for _, days := range []int{1, 3, 7} {
			body := fmt.Sprintf(`{"date":"2027-05-04","days":%d,"mode":%q}`, days, mode)
			b.Run(fmt.Sprintf("mode=%s/days=%d", mode, days), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					postPlan(b, h, body)
				}
			})
		}
	}
}

// postPlan posts body to h's plan endpoint and fails b unless it is
// answered 200.
func postPlan(b *testing.B, h http.Handler, body string) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/plan", strings.NewReader(body)))
	if w.Code != http.StatusOK {
		b.Fatal(w.Code, w.Body)
	}
}
