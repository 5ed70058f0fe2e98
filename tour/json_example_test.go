package tour_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

// The Jin culture lines as JSON for a map in the GCJ-02 datum (AMap,
// Tencent Maps), as the web API's GET /api/lines?datum=gcj02 serves them.
func ExampleWriteJSON() {
	lines, err := tour.ThemeLines(context.Background(), heritage.Default(), heritage.ThemeJinCulture)
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	if err := tour.WriteJSON(&b, lines, geo.GCJ02); err != nil {
		log.Fatal(err)
	}
	var out struct {
		Datum string `json:"datum"`
		Lines []struct {
			ID      string  `json:"id"`
			LengthM float64 `json:"length_m"`
			Base    struct {
				Name     string     `json:"name"`
				Location [2]float64 `json:"location"`
			} `json:"base"`
		} `json:"lines"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Datum)
	for _, l := range out.Lines {
		fmt.Printf("%s  %.1f m from %s %v\n", l.ID, l.LengthM, l.Base.Name, l.Base.Location)
	}
	// Output:
	// gcj02
	// jin-culture/jiangxian  91838.3 m from 绛县县城（古绛镇） [111.576706 35.49025]
	// jin-culture/quwo-yicheng  87070.6 m from 侯马站 [111.372002 35.619105]
	// jin-culture/houma-xinjiang  43439.9 m from 侯马站 [111.372002 35.619105]
}
