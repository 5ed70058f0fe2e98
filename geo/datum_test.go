package geo

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Published reference values. Each is the output printed in the named
// project's documentation for the same published algorithms; only the
// numbers are used here.
var (
	// lyttonlee/lnglat-converter, README: WGS-84 (106, 32) in GCJ-02 and BD-09.
	refWGS  = orb.Point{106, 32}
	refGCJ  = orb.Point{106.0038603381513, 31.997775713491148}
	refBD09 = orb.Point{106.01040868983318, 32.00356002052303}
)

func TestForwardKnownValues(t *testing.T) {
	tests := []struct {
		name    string
		convert func(orb.Point) orb.Point
		in      orb.Point
		want    orb.Point
	}{
		// wandergis/coordtransform, test/app.js: wgs84togcj02(116.404, 39.915).
		{"WGS84ToGCJ02 Beijing", WGS84ToGCJ02, orb.Point{116.404, 39.915}, orb.Point{116.41024449916938, 39.91640428150164}},
		// wandergis/coordtransform, test/app.js: gcj02tobd09(116.404, 39.915).
		{"GCJ02ToBD09 Beijing", GCJ02ToBD09, orb.Point{116.404, 39.915}, orb.Point{116.41036949371029, 39.92133699351021}},
		{"WGS84ToGCJ02 Sichuan", WGS84ToGCJ02, refWGS, refGCJ},
		{"WGS84ToBD09 Sichuan", WGS84ToBD09, refWGS, refBD09},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.convert(tt.in)
			assert.InDelta(t, tt.want[0], got[0], 1e-12, "longitude")
			assert.InDelta(t, tt.want[1], got[1], 1e-12, "latitude")
		})
	}
}

func TestConvertAllPairs(t *testing.T) {
	// The same place in the three datums, from the published reference.
	in := map[Datum]orb.Point{WGS84: refWGS, GCJ02: refGCJ, BD09: refBD09}
	paris := orb.Point{2.3522, 48.8566}
	for _, from := range []Datum{WGS84, GCJ02, BD09} {
		for _, to := range []Datum{WGS84, GCJ02, BD09} {
			t.Run(fmt.Sprintf("%v to %v", from, to), func(t *testing.T) {
				got := Convert(in[from], from, to)
				// 1e-9° is about 0.1 mm; the reference has 15–17 digits.
				assert.InDelta(t, in[to][0], got[0], 1e-9, "longitude")
				assert.InDelta(t, in[to][1], got[1], 1e-9, "latitude")
				assert.Equal(t, paris, Convert(paris, from, to), "points outside China are not offset")
			})
		}
	}
}

func TestConvertUnknownDatum(t *testing.T) {
	p := orb.Point{111.57, 35.49}
	assert.Equal(t, p, Convert(p, Datum(7), WGS84))
	assert.Equal(t, p, Convert(p, WGS84, Datum(-1)))
	assert.Equal(t, "Datum(7)", Datum(7).String())
}

func TestParseDatum(t *testing.T) {
	tests := []struct {
		in      string
		want    Datum
		wantErr bool
	}{
		{"wgs84", WGS84, false},
		{"GCJ02", GCJ02, false},
		{" bd09 ", BD09, false},
		{"bd09mc", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDatum(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "known: wgs84, gcj02, bd09")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			back, err := ParseDatum(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back)
		})
	}
}

// samePoint reports whether a and b are identical, counting NaN equal to NaN.
func samePoint(a, b orb.Point) bool {
	for i := range 2 {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestConversionsBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	conversions := map[string]func(orb.Point) orb.Point{
		"WGS84ToGCJ02": WGS84ToGCJ02, "GCJ02ToWGS84": GCJ02ToWGS84,
		"GCJ02ToBD09": GCJ02ToBD09, "BD09ToGCJ02": BD09ToGCJ02,
		"WGS84ToBD09": WGS84ToBD09, "BD09ToWGS84": BD09ToWGS84,
	}
	inputs := []struct {
		name string
		p    orb.Point
	}{
		{"NaN longitude", orb.Point{nan, 35}},
		{"NaN latitude", orb.Point{111, nan}},
		{"both NaN", orb.Point{nan, nan}},
		{"+Inf", orb.Point{inf, 35}},
		{"-Inf", orb.Point{111, -inf}},
		{"longitude out of range", orb.Point{500, 35}},
		{"latitude out of range", orb.Point{111, -95}},
		{"huge", orb.Point{1e308, 1e308}},
		{"origin", orb.Point{0, 0}},
		{"Paris", orb.Point{2.3522, 48.8566}},
		{"south of the box", orb.Point{111, 0.5}},
		{"east of the box", orb.Point{138.5, 35}},
	}
	for name, conv := range conversions {
		for _, in := range inputs {
			t.Run(name+"/"+in.name, func(t *testing.T) {
				got := conv(in.p)
				assert.True(t, samePoint(in.p, got), "want %v unchanged, got %v", in.p, got)
			})
		}
	}
}

func TestOffsetsApplyOnlyInChina(t *testing.T) {
	// The offsets are tens to hundreds of metres everywhere in the box.
	for _, p := range []orb.Point{{111.57067, 35.49072}, {chinaMinLon, chinaMinLat}, {chinaMaxLon, chinaMaxLat}} {
		assert.Greater(t, Distance(p, WGS84ToGCJ02(p)), 10.0, "%v", p)
		assert.Greater(t, Distance(p, WGS84ToBD09(p)), 10.0, "%v", p)
	}
	assert.False(t, InChina(orb.Point{math.NaN(), 35}))
	assert.False(t, InChina(orb.Point{chinaMinLon - 1e-9, 35}))
	assert.True(t, InChina(orb.Point{chinaMinLon, chinaMaxLat}))
}

// steps returns lo, lo+step, … up to and including hi.
func steps(lo, hi, step float64) []float64 {
	var v []float64
	for i := 0; lo+float64(i)*step < hi; i++ {
		v = append(v, lo+float64(i)*step)
	}
	return append(v, hi)
}

// roundTripWorst checks the grid lons × lats and returns the worst
// round-trip errors in metres for WGS-84→GCJ-02→WGS-84 and
// WGS-84→BD-09→WGS-84 at every grid point, and for GCJ-02→BD-09→GCJ-02 at
// every every-th point in each direction, with the WGS-84 points where
// they occur.
func roundTripWorst(lons, lats []float64, every int) (worst [3]float64, at [3]orb.Point, n [3]int) {
	type row struct {
		i   int
		lat float64
	}
	rows := make(chan row)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w [3]float64
			var a [3]orb.Point
			var c [3]int
			for r := range rows {
				for j, lon := range lons {
					p := orb.Point{lon, r.lat}
					g := WGS84ToGCJ02(p)
					errs := []float64{
						Distance(p, GCJ02ToWGS84(g)),
						Distance(p, BD09ToWGS84(WGS84ToBD09(p))),
					}
					if r.i%every == 0 && j%every == 0 {
						errs = append(errs, Distance(g, BD09ToGCJ02(GCJ02ToBD09(g))))
					}
					for i, e := range errs {
						c[i]++
						if !(e <= w[i]) { // also catches NaN
							w[i], a[i] = e, p
						}
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for i := range w {
				n[i] += c[i]
				if !(w[i] <= worst[i]) {
					worst[i], at[i] = w[i], a[i]
				}
			}
		}()
	}
	for i, lat := range lats {
		rows <- row{i, lat}
	}
	close(rows)
	wg.Wait()
	return worst, at, n
}

func TestRoundTripGrid(t *testing.T) {
	step, edgeStep := 0.05, 0.002
	if testing.Short() {
		step, edgeStep = 0.25, 0.02
	}
	// Along the box's edges, where an offset image can fall outside the
	// box, a denser band: the edge itself, a hair inside, and 0.003° in.
	band := func(lo, hi float64) []float64 {
		return []float64{lo, lo + 1e-7, lo + 0.003, hi - 0.003, hi - 1e-7, hi}
	}
	grids := []struct {
		name       string
		lons, lats []float64
		every      int // GCJ02→BD09→GCJ02 on every every-th grid line, to save time
	}{
		{fmt.Sprintf("whole box, %g° steps", step), steps(chinaMinLon, chinaMaxLon, step), steps(chinaMinLat, chinaMaxLat, step), 2},
		{fmt.Sprintf("north and south edges, %g° steps", edgeStep), steps(chinaMinLon, chinaMaxLon, edgeStep), band(chinaMinLat, chinaMaxLat), 1},
		{fmt.Sprintf("west and east edges, %g° steps", edgeStep), band(chinaMinLon, chinaMaxLon), steps(chinaMinLat, chinaMaxLat, edgeStep), 1},
	}
	names := []string{"WGS84→GCJ02→WGS84", "WGS84→BD09→WGS84", "GCJ02→BD09→GCJ02"}
	for _, grid := range grids {
		worst, at, n := roundTripWorst(grid.lons, grid.lats, grid.every)
		for i, name := range names {
			t.Logf("%s: %s over %d points: worst error %.3g m at %v", grid.name, name, n[i], worst[i], at[i])
			assert.Less(t, worst[i], 0.01, "%s: %s at %v", grid.name, name, at[i])
		}
	}
}

// fuzzRoundTrip checks one fuzzed point: inside the box the round trip
// returns it to within 1 cm; outside, the forward conversion leaves it
// unchanged; and the inverse never panics on arbitrary input.
func fuzzRoundTrip(t *testing.T, lon, lat float64, forward, inverse func(orb.Point) orb.Point) {
	p := orb.Point{lon, lat}
	q := forward(p)
	back := inverse(q)
	if InChina(p) {
		if d := Distance(p, back); !(d < 0.01) {
			t.Fatalf("round trip of %v: %v -> %v, error %g m", p, q, back, d)
		}
		return
	}
	if !samePoint(p, q) {
		t.Fatalf("%v outside the box was offset to %v", p, q)
	}
	_ = inverse(p) // arbitrary input: must not panic
}

// addSeeds adds points to f's seed corpus as (lon, lat).
func addSeeds(f *testing.F, points ...orb.Point) {
	for _, p := range points {
		f.Add(p[0], p[1])
	}
}

func FuzzGCJ02RoundTrip(f *testing.F) {
	addSeeds(f, orb.Point{116.404, 39.915}, orb.Point{111.57067, 35.49072},
		orb.Point{chinaMinLon, chinaMinLat}, orb.Point{chinaMaxLon, chinaMaxLat})
	f.Fuzz(func(t *testing.T, lon, lat float64) {
		fuzzRoundTrip(t, lon, lat, WGS84ToGCJ02, GCJ02ToWGS84)
	})
}

func FuzzBD09RoundTrip(f *testing.F) {
	addSeeds(f, orb.Point{106, 32}, orb.Point{111.57067, 35.49072},
		orb.Point{chinaMinLon, chinaMaxLat}, orb.Point{chinaMaxLon, chinaMinLat})
	f.Fuzz(func(t *testing.T, lon, lat float64) {
		fuzzRoundTrip(t, lon, lat, WGS84ToBD09, BD09ToWGS84)
		// The GCJ-02 leg on its own.
		p := orb.Point{lon, lat}
		if InChina(p) {
			g := WGS84ToGCJ02(p)
			if d := Distance(g, BD09ToGCJ02(GCJ02ToBD09(g))); !(d < 0.01) {
				t.Fatalf("GCJ-02 %v round trip through BD-09: error %g m", g, d)
			}
		}
	})
}
