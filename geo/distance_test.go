package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.Point
		want float64 // metres
		tol  float64
	}{
		{"same point", orb.Point{111.57, 35.49}, orb.Point{111.57, 35.49}, 0, 0},
		{"one degree of latitude", orb.Point{0, 0}, orb.Point{0, 1}, EarthRadius * math.Pi / 180, 1e-6},
		{"quarter meridian", orb.Point{10, 0}, orb.Point{10, 90}, EarthRadius * math.Pi / 2, 1e-6},
		{"antipodes", orb.Point{0, 0}, orb.Point{180, 0}, EarthRadius * math.Pi, 1e-6},
		{"across the antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, EarthRadius * math.Pi / 180, 1e-6},
		// Jiang County seat to the Houma Jin site: 23 091 m by the
		// spherical law of cosines computed independently.
		{"county seat to Houma", orb.Point{111.57067, 35.49072}, orb.Point{111.372056, 35.621161}, 23091.01, 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, Distance(tt.a, tt.b), tt.tol)
			assert.InDelta(t, tt.want, Distance(tt.b, tt.a), tt.tol, "symmetry")
		})
	}
}

func TestValid(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		p    orb.Point
		want bool
	}{
		{orb.Point{0, 0}, true},
		{orb.Point{-180, -90}, true},
		{orb.Point{180, 90}, true},
		{orb.Point{180.0000001, 0}, false},
		{orb.Point{0, -90.0000001}, false},
		{orb.Point{nan, 0}, false},
		{orb.Point{0, nan}, false},
		{orb.Point{inf, 0}, false},
		{orb.Point{0, -inf}, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Valid(tt.p), "%v", tt.p)
	}
}

func TestBearingAndDestination(t *testing.T) {
	tests := []struct {
		name    string
		from    orb.Point
		bearing float64
		metres  float64
		to      orb.Point
	}{
		{"north", orb.Point{0, 0}, 0, EarthRadius * math.Pi / 180, orb.Point{0, 1}},
		{"east along the equator", orb.Point{0, 0}, 90, EarthRadius * math.Pi / 2, orb.Point{90, 0}},
		{"south", orb.Point{111, 35}, 180, EarthRadius * math.Pi / 36, orb.Point{111, 30}},
		{"west across the antimeridian", orb.Point{-179.5, 0}, 270, EarthRadius * math.Pi / 180, orb.Point{179.5, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Destination(tt.from, tt.bearing, tt.metres)
			assert.InDelta(t, tt.to[0], got[0], 1e-9)
			assert.InDelta(t, tt.to[1], got[1], 1e-9)
			assert.InDelta(t, tt.bearing, Bearing(tt.from, tt.to), 1e-9)
			assert.InDelta(t, tt.metres, Distance(tt.from, got), 1e-6)
		})
	}
	assert.Zero(t, Bearing(orb.Point{111, 35}, orb.Point{111, 35}), "coincident points")
}

func TestDistanceBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	ok := orb.Point{111, 35}
	for _, p := range []orb.Point{{nan, 0}, {0, nan}, {inf, 0}, {0, -inf}, {0, 90.5}, {0, -91}} {
		assert.True(t, math.IsNaN(Distance(ok, p)), "Distance %v", p)
		assert.True(t, math.IsNaN(Distance(p, ok)), "Distance %v", p)
		assert.True(t, math.IsNaN(Bearing(ok, p)), "Bearing %v", p)
		d := Destination(p, 90, 1000)
		assert.True(t, math.IsNaN(d[0]) && math.IsNaN(d[1]), "Destination from %v", p)
	}
	for _, v := range []float64{nan, inf, -inf} {
		d := Destination(ok, v, 1000)
		assert.True(t, math.IsNaN(d[0]) && math.IsNaN(d[1]), "Destination bearing %v", v)
		d = Destination(ok, 90, v)
		assert.True(t, math.IsNaN(d[0]) && math.IsNaN(d[1]), "Destination metres %v", v)
	}
	// Longitudes beyond ±180 are read modulo 360.
	assert.InDelta(t, Distance(ok, orb.Point{112, 36}), Distance(ok, orb.Point{112 + 360, 36}), 1e-6)
}
