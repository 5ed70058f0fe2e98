package export

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/route"
)

// The Marquises' cemetery of Tianma–Qucun is seen inside the Jinguo
// Museum (its visit_via, and its entrance is the museum's point): the
// leg between them takes no travel, and the itinerary says why instead
// of "distance not known".
func TestLegInsideMuseum(t *testing.T) {
	c := catalog(t)
	place := func(id string) route.Place {
		s, ok := c.Get(id)
		require.True(t, ok, id)
		return route.PlaceFromSite(s)
	}
	site, museum := place("quwo/tianma-qucun"), place("quwo/jinguo-museum")
	require.Equal(t, museum.ID, site.Via)
	start := place("anchor/houma-station")
	p, err := route.Solve(context.Background(), route.Problem{
		Stops: []route.Stop{{Place: site, Visit: 30 * time.Minute, Score: 1}, {Place: museum, Visit: 90 * time.Minute, Score: 1}},
		Days:  []route.Day{{Start: start, End: &start}},
	})
	require.NoError(t, err)
	require.Len(t, p.Days[0].Legs, 3)
	mid := p.Days[0].Legs[1]
	assert.Zero(t, mid.DurationMax, "%s -> %s", mid.From.ID, mid.To.ID)
	assert.Zero(t, mid.DistanceMax)
	assert.Zero(t, mid.Distance)
	assert.Zero(t, mid.Duration)

	for lang, want := range map[string]string{"zh": "在晋国博物馆内参观，无需乘车", "en": "seen inside Jinguo Museum: no travel"} {
		var b bytes.Buffer
		require.NoError(t, Text(&b, p, Catalog(c), Lang(lang)))
		assert.Contains(t, b.String(), want, lang)
		assert.NotContains(t, b.String(), "approximate", lang)
	}
}
