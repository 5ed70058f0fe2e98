package route

import (
	"math/rand/v2"
	"testing"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpheresDistance checks that the travel table's distance formula is
// geo.Distance's exactly, from neighbouring sites to antipodes, across the
// antimeridian and at the poles.
func TestSpheresDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	places := []Place{
		{Location: orb.Point{111.57, 35.49}}, {Location: orb.Point{111.5701, 35.4901}},
		{Location: orb.Point{179.9, 0}}, {Location: orb.Point{-179.9, 0}},
		{Location: orb.Point{0, 90}}, {Location: orb.Point{180, -90}}, {Location: orb.Point{-68.43, 35.49}},
	}
	for range 300 {
		places = append(places, Place{Location: orb.Point{360*rng.Float64() - 180, 180*rng.Float64() - 90}})
	}
	sp := newSpheres(places)
	for i := range places {
		for j := range places {
			require.Equal(t, geo.Distance(places[i].Location, places[j].Location), sp.distance(i, j), "%v -> %v", places[i].Location, places[j].Location)
		}
	}
}

// TestTravelTable checks the model's one table against LegBetween, the
// function plans report legs with, on a problem with coarse places, and
// that distances come without a table.
func TestTravelTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p := Problem{Mode: geo.Walking()}
	for i := range 60 {
		s := Stop{Place: Place{ID: string(rune('A' + i)), Location: orb.Point{111.5 + 0.2*rng.Float64(), 35.4 + 0.2*rng.Float64()}}}
		if i%5 == 0 {
			s.Precision = 3000 * rng.Float64()
		}
		p.Stops = append(p.Stops, s)
	}
	hotel := Place{ID: "hotel", Location: orb.Point{111.57, 35.49}}
	p.Days = []Day{{Start: hotel, End: &hotel}}
	m, err := newModel(&p)
	require.NoError(t, err)
	require.Equal(t, 61, m.n)
	require.Len(t, m.travel, m.n*m.n)
	for i := range m.n {
		for j := range m.n {
			l := LegBetween(m.places[i], m.places[j], p.Mode)
			assert.Equal(t, int64(l.Duration), m.travel[i*m.n+j], "%d -> %d", i, j)
			assert.Equal(t, l.Distance, m.distance(i, j), "%d -> %d", i, j)
		}
	}
}
