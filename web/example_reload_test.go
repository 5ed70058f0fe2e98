package web_test

import (
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/web"
)

// Reload the catalog while the handler serves, as "chuanzhu serve" does
// on SIGHUP: a file with an error leaves the running catalog serving and
// is reported by GET /readyz; a good one is swapped in.
func ExampleHandler_Reload() {
	h := web.NewHandler(heritage.Default())
	loadFrom := func(data string) func() (*heritage.Catalog, error) {
		return func() (*heritage.Catalog, error) { return heritage.Load(strings.NewReader(data)) }
	}

	err := h.Reload(loadFrom(`{"type": "FeatureCollection", "features": [`)) // truncated
	fmt.Println(err != nil, h.Catalog() == heritage.Default())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"ok": false`))

	one, _ := heritage.Default().Get("jiangxian/taiyin-temple")
	mine, _ := heritage.NewCatalog([]heritage.Site{one})
	err = h.Reload(func() (*heritage.Catalog, error) { return mine, nil })
	fmt.Println(err, h.Catalog().Len())
	// Output:
	// true true
	// 200 true
	// <nil> 1
}
