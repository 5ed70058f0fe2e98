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
