package heritage_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

func ExampleDefault() {
	c := heritage.Default()
	s, ok := c.Get("jiangxian/jin-wengong-tomb")
	if !ok {
		fmt.Println("not found")
		return
	}
	fmt.Println(s.Name.Zh, "/", s.Name.Pinyin)
	fmt.Println(s.Kind, s.Designation.Level, s.Themes)
	fmt.Println("visit:", s.Visit.Duration)
	// Output:
	// 晋文公墓 / Jìn Wéngōng Mù
	// tomb provincial [jin-culture]
	// visit: 30m0s
}

func ExampleCatalog_Search() {
	c := heritage.Default()
	// Pinyin with or without tones and spaces, any case, Chinese or English.
	for _, q := range []string{"jinwengong", "Jìn Wéngōng Mù", "jin wen gong", "晋文公墓"} {
		hits := c.Search(q)
		fmt.Printf("%s -> %s\n", q, hits[0].ID)
	}
	// Output:
	// jinwengong -> jiangxian/jin-wengong-tomb
	// Jìn Wéngōng Mù -> jiangxian/jin-wengong-tomb
	// jin wen gong -> jiangxian/jin-wengong-tomb
	// 晋文公墓 -> jiangxian/jin-wengong-tomb
}

// sample is a small catalog in the plain-array format: site objects with
// a "location" [lon, lat] instead of a GeoJSON geometry.
const sample = `[
 {"id": "demo/tomb", "name": {"zh": "示例墓", "pinyin": "Shìlì Mù", "en": "Demo tomb"},
  "kind": "tomb", "location": [111.60, 35.50], "precision_m": 500,
  "location_source": "example", "themes": ["jin-culture"]},
 {"id": "demo/temple", "name": {"zh": "示例寺", "pinyin": "Shìlì Sì", "en": "Demo temple"},
  "kind": "temple", "location": [111.65, 35.49], "precision_m": 500,
  "location_source": "example", "designation": {"level": "national"},
  "visit": {"minutes": 45, "opening_hours": "Tu-Su 09:00-17:00"}},
 {"id": "demo/town", "name": {"zh": "示例镇", "pinyin": "Shìlì Zhèn", "en": "Demo town"},
  "kind": "town", "location": [111.57, 35.49], "precision_m": 1000, "location_source": "example"}
]`

func ExampleLoad() {
	c, err := heritage.Load(strings.NewReader(sample), heritage.WithinBound(heritage.DefaultBound()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range c.Sites() {
		fmt.Println(s.ID, s.Kind, "score", s.Score, "anchor", s.Anchor())
	}
	// Output:
	// demo/tomb tomb score 35 anchor false
	// demo/temple temple score 30 anchor false
	// demo/town town score 0 anchor true
}

func ExampleLoad_problems() {
	bad := `[{"id": "Demo Tomb", "name": {"zh": "示例墓", "en": "Demo tomb"},
  "kind": "pyramid", "location": [35.5, 111.6], "precision_m": 500, "location_source": "example",
  "period": {"from": -500, "to": -600}}]`
	_, err := heritage.Load(strings.NewReader(bad))
	var ve *heritage.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Errs {
			fmt.Println(p)
		}
	}
	fmt.Println(errors.Is(err, heritage.ErrKind))
	// Output:
	// item 0 (Demo Tomb): id: heritage: malformed slug: "Demo Tomb" is not a lowercase slug path like "jiangxian/chexiangcheng"
	// item 0 (Demo Tomb): name.pinyin: heritage: missing value
	// item 0 (Demo Tomb): kind: heritage: unknown kind: "pyramid" (known kinds: tomb, cemetery, city-ruins, settlement-site, temple, stage, memorial-arch, stele-building, ritual-site, museum, scenic-area, spring, valley, yamen, garden, town, rail-station, hotel)
	// item 0 (Demo Tomb): period: heritage: invalid period: from -500 is after to -600
	// item 0 (Demo Tomb): location: heritage: invalid coordinates: [35.5 111.6] is not a [lon, lat] point in range
	// true
}

func ExampleLoadFile() {
	c, err := heritage.LoadFile("testdata/sites.geojson")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Len(), "sites")
	for _, s := range c.Timeline() {
		from, to, _ := s.Period.Years()
		fmt.Println(from, to, s.Name.En)
	}
	// Output:
	// 5 sites
	// -669 -669 Chexiang City ruins
	// -636 -628 Tomb of Duke Wen of Jin
	// 1180 1180 Taiyin Temple
}

func ExampleCatalog_Nearest() {
	c, err := heritage.Load(strings.NewReader(sample))
	if err != nil {
		fmt.Println(err)
		return
	}
	town, _ := c.Get("demo/town")
	for _, s := range c.Nearest(town.Location, 3) {
		fmt.Printf("%-11s %5.0f m\n", s.ID, geo.Distance(town.Location, s.Location))
	}
	fmt.Println(len(c.Within(orb.Point{111.6, 35.5}, 3000)), "within 3 km")
	// Output:
	// demo/town       0 m
	// demo/tomb    2935 m
	// demo/temple  7243 m
	// 2 within 3 km
}

func ExampleCatalog_Filter() {
	c, err := heritage.Load(strings.NewReader(sample))
	if err != nil {
		fmt.Println(err)
		return
	}
	q := heritage.Query{Kinds: []heritage.Kind{heritage.Temple, heritage.Tomb}, Levels: []heritage.Level{heritage.National}}
	for _, s := range c.Filter(q) {
		fmt.Println(s.ID)
	}
	// Output:
	// demo/temple
}

func ExampleParseOpeningHours() {
	h, err := heritage.ParseOpeningHours("Apr-Oct Tu-Su 08:00-18:00; Nov-Mar Tu-Su 08:30-17:00; PH off")
	if err != nil {
		fmt.Println(err)
		return
	}
	cst := time.FixedZone("CST", 8*3600)
	for _, d := range []time.Time{
		time.Date(2025, time.July, 8, 0, 0, 0, 0, cst),     // a Tuesday in summer
		time.Date(2025, time.January, 14, 0, 0, 0, 0, cst), // a Tuesday in winter
		time.Date(2025, time.July, 7, 0, 0, 0, 0, cst),     // a Monday
	} {
		fmt.Print(d.Format("Mon 2 Jan:"))
		for _, iv := range h.On(d) {
			fmt.Print(" ", iv.Start.Format("15:04"), "–", iv.End.Format("15:04"))
		}
		fmt.Println()
	}
	_, err = heritage.ParseOpeningHours("Mo-Fr 09:00-17:00, Sa 10:00-12:00")
	fmt.Println(err)
	// Output:
	// Tue 8 Jul: 08:00–18:00
	// Tue 14 Jan: 08:30–17:00
	// Mon 7 Jul:
	// heritage: opening hours "Mo-Fr 09:00-17:00, Sa 10:00-12:00": at offset 17: ',' must be followed by another time range; separate rules with ';'
}

func ExampleSite_Feature() {
	s := heritage.Site{
		ID:   "demo/temple",
		Name: heritage.Name{Zh: "示例寺", Pinyin: "Shìlì Sì", En: "Demo temple"},
		Kind: heritage.Temple, Location: orb.Point{111.65, 35.49}, PrecisionM: 500, LocationSource: "example",
		Visit: heritage.Visit{OpeningHours: "Tu-Su 09:00-17:00", HoursStatus: heritage.HoursOfficial},
	}
	f := s.Feature(heritage.Datum(geo.GCJ02), heritage.Decimals(6))
	fmt.Println(f.ID, f.Geometry, f.ExtraMembers["datum"])
	fmt.Println(f.Properties["name"].(heritage.Name).In("en"), f.Properties["visit"].(heritage.Visit).OpeningHours)
	// Output:
	// demo/temple [111.656097 35.489565] gcj02
	// Demo temple Tu-Su 09:00-17:00
}

func ExampleWriteGeoJSON() {
	town := heritage.Site{
		ID:   "demo/town",
		Name: heritage.Name{Zh: "示例镇", Pinyin: "Shìlì Zhèn", En: "Demo town"},
		Kind: heritage.Town, Location: orb.Point{111.57, 35.49}, PrecisionM: 1000, LocationSource: "example",
	}
	if err := heritage.WriteGeoJSON(os.Stdout, []heritage.Site{town}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"id":"demo/town","type":"Feature","geometry":{"type":"Point","coordinates":[111.57,35.49]},"properties":{"id":"demo/town","kind":"town","location_source":"example","name":{"zh":"示例镇","pinyin":"Shìlì Zhèn","en":"Demo town"},"precision_m":1000,"score":0}}
	// ]}
}
