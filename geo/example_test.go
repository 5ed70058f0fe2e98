package geo_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/paulmach/orb"
)

func ExampleDistance() {
	countySeat := orb.Point{111.57067, 35.49072} // {lon, lat}, WGS-84
	houma := orb.Point{111.372056, 35.621161}
	fmt.Printf("%.0f m, bearing %.0f°\n", geo.Distance(countySeat, houma), geo.Bearing(countySeat, houma))
	fmt.Println(geo.Distance(countySeat, orb.Point{0, 91})) // invalid latitude
	// Output:
	// 23091 m, bearing 309°
	// NaN
}

func ExampleConvert() {
	// A WGS-84 point from a GPS, to put on AMap (GCJ-02) and Baidu (BD-09).
	p := orb.Point{106, 32}
	g := geo.Convert(p, geo.WGS84, geo.GCJ02)
	b := geo.Convert(p, geo.WGS84, geo.BD09)
	fmt.Printf("gcj02 %.6f %.6f\n", g[0], g[1])
	fmt.Printf("bd09  %.6f %.6f\n", b[0], b[1])
	// And back: a point copied from Baidu Maps.
	w := geo.Convert(b, geo.BD09, geo.WGS84)
	fmt.Printf("wgs84 %.6f %.6f (off by less than 1 mm: %v)\n", w[0], w[1], geo.Distance(p, w) < 0.001)
	// Outside China nothing moves.
	fmt.Println(geo.Convert(orb.Point{2.3522, 48.8566}, geo.WGS84, geo.BD09))
	// Output:
	// gcj02 106.003860 31.997776
	// bd09  106.010409 32.003560
	// wgs84 106.000000 32.000000 (off by less than 1 mm: true)
	// [2.3522 48.8566]
}

func ExampleWGS84ToGCJ02() {
	p := orb.Point{111.57067, 35.49072}
	g := geo.WGS84ToGCJ02(p)
	fmt.Printf("%.6f %.6f, moved %.0f m\n", g[0], g[1], geo.Distance(p, g))
	back := geo.GCJ02ToWGS84(g)
	fmt.Printf("round trip error below 1 mm: %v\n", geo.Distance(p, back) < 0.001)
	// Output:
	// 111.576706 35.490250, moved 549 m
	// round trip error below 1 mm: true
}

func ExampleNewMatrix() {
	points := []orb.Point{
		{111.57067, 35.49072},   // county seat
		{111.372056, 35.621161}, // Houma
		{111.65, 35.40},         // a village to the south-east
	}
	m, err := geo.NewMatrix(points, geo.CountyDrive())
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range m.Len() {
		fmt.Printf("from %d:", i)
		for j := range m.Len() {
			fmt.Printf(" %5.1f km %8v", m.Distances[i][j]/1000, m.Durations[i][j])
		}
		fmt.Println()
	}
	_, err = geo.NewMatrix([]orb.Point{{111.5, 35.5}, {200, 35}}, geo.Walking())
	fmt.Println(err)
	// Output:
	// from 0:   0.0 km       0s  30.0 km    40m1s  16.1 km   21m28s
	// from 1:  30.0 km    40m1s   0.0 km       0s  45.7 km  1h0m59s
	// from 2:  16.1 km   21m28s  45.7 km  1h0m59s   0.0 km       0s
	// geo: invalid point 1 (200, 35): want a longitude in [-180, 180] and a latitude in [-90, 90]
}

func ExampleNewIndex() {
	points := []orb.Point{
		{111.57067, 35.49072},   // 0
		{111.372056, 35.621161}, // 1
		{111.65, 35.40},         // 2
		{-179.9, 10},            // 3: across the antimeridian from 4
		{179.9, 10},             // 4
	}
	idx, err := geo.NewIndex(points)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(idx.Nearest(orb.Point{111.6, 35.45}, 2))
	fmt.Println(idx.Nearest(orb.Point{179.95, 10}, 2))
	fmt.Println(idx.Within(orb.Point{111.57067, 35.49072}, 20_000))
	fmt.Println(idx.InBound(orb.Bound{Min: orb.Point{179, 0}, Max: orb.Point{-179, 20}})) // wraps across 180°
	fmt.Println(idx.Nearest(orb.Point{0, 95}, 1))                                         // invalid query point
	// Output:
	// [0 2]
	// [4 3]
	// [0 2]
	// [3 4]
	// []
}

func ExampleDecodeOSRMTable() {
	// The body of GET /table/v1/driving/{three points}?annotations=duration,distance.
	body := `{"code":"Ok",
	  "durations":[[0,1025.3,1432.1],[1019.8,0,842.5],[1440.2,850.1,0]],
	  "distances":[[0,15234.5,21890.2],[15190.7,0,11745.9],[21920.4,11801.3,0]]}`
	m, err := geo.DecodeOSRMTable(strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Len(), m.Durations[0][1], m.Durations[1][0], m.Distances[1][2])

	_, err = geo.DecodeOSRMTable(strings.NewReader(`{"code":"Ok","durations":[[0,null],[60,0]]}`))
	fmt.Println(err, errors.Is(err, geo.ErrUnreachable))
	_, err = geo.DecodeOSRMTable(strings.NewReader(`{"code":"NoTable","message":"No table found"}`))
	fmt.Println(err)
	// Output:
	// 3 17m5.3s 16m59.8s 11745.9
	// geo: matrix durations[0][1]: null: no route true
	// geo: OSRM table: code "NoTable": No table found
}

func ExampleParseMode() {
	m, err := geo.ParseMode("Walk")
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := m.Duration(2000) // 2 km as the crow flies
	fmt.Println(m.Name, m.RoadDistance(2000), d, err)
	_, err = geo.ParseMode("teleport")
	fmt.Println(err)
	// Output:
	// walk 2600 34m40s <nil>
	// geo: unknown mode "teleport" (known: walk, cycle, drive, drive-mountain, bus)
}

func ExampleMode_Duration() {
	for _, m := range geo.Modes() {
		d, _ := m.Duration(10_000)
		fmt.Printf("%-15s %v\n", m.Name, d)
	}
	_, err := geo.CountyDrive().Duration(-1)
	fmt.Println(err)
	// Output:
	// walk            2h53m20s
	// cycle           55m43s
	// drive           17m20s
	// drive-mountain  32m0s
	// bus             20m15s
	// geo: distance -1 m is not a finite non-negative number
}
