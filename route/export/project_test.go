package export

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

func TestScaleBarRoundDistances(t *testing.T) {
	tests := []struct {
		name       string
		mpp, maxPx float64
		want       float64
	}{
		{"5 km fits in 230 px at 25 m/px", 25, 230, 5000},
		{"2 km when 5 km is too long", 25, 150, 2000},
		{"1 km when 2 km is too long", 25, 60, 1000},
		{"exactly the limit", 10, 200, 2000},
		{"metres", 0.5, 220, 100},
		{"tens of km", 300, 220, 50000},
		{"sub-metre", 0.001, 100, 0.1},
		{"zero scale", 0, 100, 0},
		{"NaN scale", math.NaN(), 100, 0},
		{"infinite room", 10, math.Inf(1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, px := scaleBar(tt.mpp, tt.maxPx)
			assert.InDelta(t, tt.want, m, tt.want*1e-9)
			if tt.want == 0 {
				return
			}
			assert.LessOrEqual(t, px, tt.maxPx*(1+1e-9))
			assert.InDelta(t, m/tt.mpp, px, 1e-9)
			mant := m / math.Pow(10, math.Floor(math.Log10(m)+1e-9))
			assert.Contains(t, []float64{1, 2, 5}, math.Round(mant), "mantissa of %v", m)
		})
	}
}

func TestFormatMetres(t *testing.T) {
	for m, want := range map[float64]string{500: "500 m", 1000: "1 km", 2000: "2 km", 50000: "50 km", 0.5: "0.5 m", 20: "20 m"} {
		assert.Equal(t, want, formatMetres(m))
	}
}

// The scale bar drawn on the map must measure the distance it claims, on
// the ground, within 1%: checked with the haversine distance between the
// bar's ends mapped back to the globe, on the centre parallel and on the
// map's top and bottom edges.
func TestScaleBarMatchesProjection(t *testing.T) {
	for _, b := range []orb.Bound{
		{Min: orb.Point{111.44, 35.47}, Max: orb.Point{111.70, 35.60}}, // Jiang County
		{Min: orb.Point{111.2, 35.4}, Max: orb.Point{111.9, 35.9}},     // the Jin heartland
		{Min: orb.Point{116.3, 39.9}, Max: orb.Point{116.31, 39.905}},  // a city block in Beijing
	} {
		area := rect{60, 120, 900, 640}
		p, err := fitProjection(b, area, 2000)
		require.NoError(t, err)
		metres, px := scaleBar(p.MetresPerPixel(), 220)
		require.Positive(t, metres)
		for _, y := range []float64{p.Y0, area.y0, area.y1} {
			a, c := p.Unproject(area.x0, y), p.Unproject(area.x0+px, y)
			got := geo.Distance(a, c)
			assert.InEpsilon(t, metres, got, 0.01, "bound %v, y %v: bar says %v m, ground %v m", b, y, metres, got)
		}
		// Vertically the scale is exact.
		a, c := p.Unproject(p.X0, p.Y0), p.Unproject(p.X0, p.Y0+px)
		assert.InEpsilon(t, metres, geo.Distance(a, c), 1e-6)
	}
}

func TestFitProjection(t *testing.T) {
	b := orb.Bound{Min: orb.Point{111.44, 35.47}, Max: orb.Point{111.70, 35.60}}
	area := rect{10, 20, 810, 620}
	p, err := fitProjection(b, area, 0)
	require.NoError(t, err)
	// The bound's corners land inside the area, and one pair of its sides
	// touches the area's edges.
	x0, y0 := p.Project(orb.Point{b.Min[0], b.Max[1]})
	x1, y1 := p.Project(orb.Point{b.Max[0], b.Min[1]})
	const eps = 1e-6
	assert.GreaterOrEqual(t, x0, area.x0-eps)
	assert.LessOrEqual(t, x1, area.x1+eps)
	assert.GreaterOrEqual(t, y0, area.y0-eps)
	assert.LessOrEqual(t, y1, area.y1+eps)
	touchesX := math.Abs(x0-area.x0) < eps && math.Abs(x1-area.x1) < eps
	touchesY := math.Abs(y0-area.y0) < eps && math.Abs(y1-area.y1) < eps
	assert.True(t, touchesX || touchesY)
	// Round trip.
	for _, pt := range []orb.Point{b.Min, b.Max, b.Center(), {111.5, 35.5}} {
		x, y := p.Project(pt)
		back := p.Unproject(x, y)
		assert.InDelta(t, pt[0], back[0], 1e-12)
		assert.InDelta(t, pt[1], back[1], 1e-12)
	}
	// Same shape on the ground: east-west and north-south pixels measure
	// the same distance near the centre.
	cx, cy := p.Project(b.Center())
	ew := geo.Distance(p.Unproject(cx, cy), p.Unproject(cx+100, cy))
	ns := geo.Distance(p.Unproject(cx, cy), p.Unproject(cx, cy+100))
	assert.InEpsilon(t, ew, ns, 1e-3)

	// A single point is widened to the minimum span.
	single := orb.Point{111.57, 35.49}.Bound()
	p, err = fitProjection(single, area, 2000)
	require.NoError(t, err)
	assert.InEpsilon(t, 2000.0/600, p.MetresPerPixel(), 1e-9, "2 km over the area's 600 px height")

	for name, bad := range map[string]orb.Bound{
		"NaN":   {Min: orb.Point{math.NaN(), 35}, Max: orb.Point{112, 36}},
		"pole":  {Min: orb.Point{0, 80}, Max: orb.Point{10, 89}},
		"empty": {Min: orb.Point{111, 35}, Max: orb.Point{112, 36}},
	} {
		a := area
		if name == "empty" {
			a = rect{10, 10, 10, 300}
		}
		_, err := fitProjection(bad, a, 0)
		assert.Error(t, err, name)
	}
}
