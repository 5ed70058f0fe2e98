package route

import (
	"math/rand/v2"
	"testing"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route/internal/cost"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTravelTable checks the model's one table, dense and computed from
// the locations, against LegBetween, the function plans report legs
// with, on a problem with coarse places, one of them also the day's
// start, and that distances come without a table.
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
	p.Days = []Day{{Start: hotel, End: &hotel}, {Start: p.Stops[0].Place}}
	m, err := newModel(&p, 0)
	require.NoError(t, err)
	require.Equal(t, 62, m.n)
	require.Len(t, m.travel.Dense(), m.n*m.n)
	dense := m.travel
	require.NoError(t, m.computeTravel())
	require.Nil(t, m.travel.Dense())
	for name, tab := range map[string]cost.Table{"dense": dense, "computed": m.travel} {
		t.Run(name, func(t *testing.T) {
			for i := range m.n {
				for j := range m.n {
					l := LegBetween(m.places[i], m.places[j], p.Mode)
					assert.Equal(t, int64(l.Duration), tab.At(i, j), "%d -> %d", i, j)
					assert.Equal(t, l.Distance, m.distance(i, j), "%d -> %d", i, j)
					assert.LessOrEqual(t, tab.At(i, j), m.travel.Bound())
				}
			}
		})
	}
}
