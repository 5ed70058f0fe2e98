package geo_test

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Points.Distance is Distance to the last bit, from neighbouring sites to
// antipodes, across the antimeridian and at the poles.
func TestPointsDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ps := []orb.Point{{111.57, 35.49}, {111.5701, 35.4901}, {179.9, 0}, {-179.9, 0}, {0, 90}, {180, -90}, {-68.43, 35.49}}
	for range 300 {
		ps = append(ps, orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90})
	}
	p := geo.NewPoints(ps)
	for i := range ps {
		for j := range ps {
			require.Equal(t, geo.Distance(ps[i], ps[j]), p.Distance(i, j), "%v -> %v", ps[i], ps[j])
		}
	}
}
