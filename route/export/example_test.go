package export_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
)

// examplePlan is a small plan written by hand, as route.Solve would return
// it: leave the county seat at 08:30, drive 12 minutes (8.4 km) to the
// Chexiang city ruins, look round for an hour, drive back.
func examplePlan() *route.Plan {
	cst := time.FixedZone("CST", 8*3600)
	at := func(h, m int) time.Time { return time.Date(2025, 5, 1, h, m, 0, 0, cst) }
	seat := route.Place{ID: "seat", Name: "Jiang County seat", Location: orb.Point{111.57067, 35.49072}}
	ruins := route.Place{ID: "chexiangcheng", Name: "Chexiang City ruins", Location: orb.Point{111.612, 35.5201}}
	return &route.Plan{
		Days: []route.DayPlan{{
			Start: seat, End: &seat, Depart: at(8, 30), Return: at(9, 54),
			Visits: []route.Visit{{
				Stop:    route.Stop{Place: ruins, Visit: time.Hour, Score: 80},
				Arrival: at(8, 42), Start: at(8, 42), Departure: at(9, 42),
			}},
			Legs: []route.Leg{
				{From: seat, To: ruins, Distance: 8400, Duration: 12 * time.Minute},
				{From: ruins, To: seat, Distance: 8400, Duration: 12 * time.Minute},
			},
			Score: 80, Travel: 24 * time.Minute, Distance: 16800, Visit: time.Hour,
		}},
		Skipped: []route.Skip{{Index: 1, ID: "taiyin-temple", Reason: route.ReasonBudget}},
		Score:   80, Visited: 1, Travel: 24 * time.Minute, Distance: 16800, Visit: time.Hour,
		Mode: geo.CountyDrive(), // the writers say "drive" (车程)
	}
}

func ExampleText() {
	p := examplePlan()
	if err := export.Text(os.Stdout, p, export.Lang("en")); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 1-day route from Jiang County seat
	// ==================================
	//
	// Day 1 · Thursday 1 May 2025 · 08:30–09:54
	// 08:30 Leave Jiang County seat; 12 min drive (8.4 km)
	// 08:42 Arrive at Chexiang City ruins; visit 1 h
	// 09:42 Leave Chexiang City ruins; 12 min drive (8.4 km)
	// 09:54 Back at Jiang County seat
	// Day total: 1 site, 1 h visiting; 24 min drive (16.8 km).
	//
	// Left out (1 site)
	// - taiyin-temple: not enough time in the day
}

func ExampleText_chinese() {
	p := examplePlan()
	p.Days[0].Start.Name = "绛县县城"
	p.Days[0].End.Name = "绛县县城"
	p.Days[0].Visits[0].Stop.Name = "车厢城"
	if err := export.Text(os.Stdout, p, export.Lang("zh"), export.Title("车厢城半日游")); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 车厢城半日游
	// ============
	//
	// 第 1 天 · 2025年5月1日 星期四 · 08:30–09:54
	// 08:30 从绛县县城出发，车程 12 分钟（约 8.4 公里）
	// 08:42 到达车厢城，游览 1 小时
	// 09:42 离开车厢城，车程 12 分钟（约 8.4 公里）
	// 09:54 返回绛县县城
	// 当日合计：游览 1 处，共 1 小时；车程 24 分钟（约 16.8 公里）。
	//
	// 未安排的地点（1 处）
	// - taiyin-temple：时间不够
}

func ExampleGeoJSON() {
	p := examplePlan()
	// Drop the return leg and end to keep the output short.
	p.Days[0].End, p.Days[0].Legs = nil, p.Days[0].Legs[:1]
	if err := export.GeoJSON(os.Stdout, p, export.Lang("en")); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "features": [
	//     {
	//       "type": "Feature",
	//       "geometry": {
	//         "type": "Point",
	//         "coordinates": [
	//           111.57067,
	//           35.49072
	//         ]
	//       },
	//       "properties": {
	//         "color": "#CC3311",
	//         "day": 1,
	//         "departure": "2025-05-01T08:30:00+08:00",
	//         "id": "seat",
	//         "name": "Jiang County seat",
	//         "order": 0,
	//         "role": "start"
	//       }
	//     },
	//     {
	//       "type": "Feature",
	//       "geometry": {
	//         "type": "Point",
	//         "coordinates": [
	//           111.612,
	//           35.5201
	//         ]
	//       },
	//       "properties": {
	//         "arrival": "2025-05-01T08:42:00+08:00",
	//         "color": "#CC3311",
	//         "day": 1,
	//         "departure": "2025-05-01T09:42:00+08:00",
	//         "id": "chexiangcheng",
	//         "name": "Chexiang City ruins",
	//         "order": 1,
	//         "role": "stop",
	//         "seq": 1,
	//         "start": "2025-05-01T08:42:00+08:00",
	//         "visit_s": 3600,
	//         "wait_s": 0
	//       }
	//     },
	//     {
	//       "type": "Feature",
	//       "geometry": {
	//         "type": "LineString",
	//         "coordinates": [
	//           [
	//             111.57067,
	//             35.49072
	//           ],
	//           [
	//             111.612,
	//             35.5201
	//           ]
	//         ]
	//       },
	//       "properties": {
	//         "color": "#CC3311",
	//         "day": 1,
	//         "distance_m": 8400,
	//         "duration_s": 720,
	//         "from": "seat",
	//         "order": 1,
	//         "role": "leg",
	//         "to": "chexiangcheng"
	//       }
	//     }
	//   ],
	//   "title": "1-day route from Jiang County seat",
	//   "type": "FeatureCollection"
	// }
}

// Layout lays the map out without writing it, so that a caller can place
// its own layer (tiles, say) on the picture with the map's projection.
func ExampleLayout() {
	p := examplePlan()
	m, err := export.Layout(p, export.Size(800, 600))
	if err != nil {
		fmt.Println(err)
		return
	}
	x0, y0, x1, y1 := m.Frame()
	fmt.Printf("frame %.0f,%.0f–%.0f,%.0f px\n", x0, y0, x1, y1)
	proj := m.Projection()
	x, y := proj.Project(p.Days[0].Visits[0].Stop.Location)
	fmt.Printf("the ruins at %.1f, %.1f px; %.1f m per px\n", x, y, proj.MetresPerPixel())
	ll := proj.Unproject(x, y)
	fmt.Printf("and back: %.5f, %.4f\n", ll[0], ll[1])
	if err := m.WriteSVG(io.Discard); err != nil {
		fmt.Println(err)
	}
	// Output:
	// frame 16,72–784,536 px
	// the ruins at 610.7, 120.0 px; 8.9 m per px
	// and back: 111.61200, 35.5201
}

// Underlay draws a layer of the caller's beneath the route, placed with
// the map's projection; here a shaded square of 1 km round the ruins. Web
// pages add map tiles this way, with Inline to leave out the XML
// declaration.
func ExampleUnderlay() {
	p := examplePlan()
	ruins := p.Days[0].Visits[0].Stop.Location
	shade := func(w io.Writer, m *export.Map) error {
		proj := m.Projection()
		half := 500 / proj.MetresPerPixel()
		x, y := proj.Project(ruins)
		_, err := fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#DDDDDD\"/>\n", x-half, y-half, 2*half, 2*half)
		return err
	}
	var b bytes.Buffer
	if err := export.SVG(&b, p, export.Size(800, 600), export.Underlay(shade), export.Inline()); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(b.String(), "\n")
	fmt.Println(lines[0][:4])
	for i, l := range lines {
		if strings.HasPrefix(l, `<g class="underlay"`) {
			fmt.Println(l)
			fmt.Println(lines[i+1])
		}
	}
	// Output:
	// <svg
	// <g class="underlay" clip-path="url(#frame)">
	// <rect x="554.4" y="63.7" width="112.6" height="112.6" fill="#DDDDDD"/>
}

// JSON writes the plan as data for programs; here one reads a few of
// its members back.
func ExampleJSON() {
	var b bytes.Buffer
	if err := export.JSON(&b, examplePlan()); err != nil {
		fmt.Println(err)
		return
	}
	var plan struct {
		Status  string `json:"status"`
		TravelS int64  `json:"travel_s"`
		Days    []struct {
			Date   string `json:"date"`
			Visits []struct {
				Seq      int        `json:"seq"`
				Name     string     `json:"name"`
				Location [2]float64 `json:"location"`
				Arrival  string     `json:"arrival"`
				VisitS   int64      `json:"visit_s"`
			} `json:"visits"`
		} `json:"days"`
		Skipped []struct {
			ID     string `json:"id"`
			Reason string `json:"reason"`
		} `json:"skipped"`
	}
	if err := json.Unmarshal(b.Bytes(), &plan); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.Status, plan.TravelS, "s travel")
	for _, d := range plan.Days {
		for _, v := range d.Visits {
			fmt.Println(d.Date, v.Seq, v.Name, v.Location, v.Arrival, v.VisitS, "s")
		}
	}
	fmt.Println(plan.Skipped[0].ID, plan.Skipped[0].Reason)
	// Output:
	// converged 1440 s travel
	// 2025-05-01 1 Chexiang City ruins [111.612 35.5201] 2025-05-01T08:42:00+08:00 3600 s
	// taiyin-temple budget
}
