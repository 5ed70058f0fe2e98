package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/web"
)

// Mount the handler under a prefix of a server's mux, next to the site's
// own pages, and let the tourism site's front end on another origin call
// it.
func ExampleNewHandler() {
	api := web.NewHandler(heritage.Default(),
		web.CORS("https://tour.example.cn"),
		web.PlanTimeout(3*time.Second),
	)
	mux := http.NewServeMux()
	mux.Handle("/chuanzhu/", http.StripPrefix("/chuanzhu", api))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "the county's home page")
	})

	// One site, as GeoJSON.
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/chuanzhu/api/sites/jiangxian/chexiangcheng", nil))
	var site struct {
		Properties struct {
			Name struct{ Zh, En string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &site); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(site.Properties.Name.Zh, "/", site.Properties.Name.En)

	// A plan for a morning.
	req := httptest.NewRequest("POST", "/chuanzhu/api/plan", strings.NewReader(
		`{"sites": ["jiangxian/chexiangcheng", "jiangxian/county-museum", "jiangxian/wenmiao"], "date": "2027-05-04", "hours": 4}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://tour.example.cn")
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	var plan struct {
		Visited int
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &plan); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	fmt.Println("visits:", plan.Visited)

	// A mistake in the request is a JSON error with a 4xx status.
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("POST", "/chuanzhu/api/plan", strings.NewReader(`{"date": "2027-02-30"}`)))
	fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	// Output:
	// 200 application/geo+json
	// 车厢城城址 / Chexiang City ruins
	// 200 https://tour.example.cn
	// visits: 3
	// 400 {"error":{"code":"bad_date","message":"date \"2027-02-30\": no such day in the calendar"}}
}
