package tour

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// TestWriteJSON checks the values WriteJSON writes for the embedded
// catalog's lines against the lines, in every datum. The members' names
// and forms are pinned apart from the encoder, by the literal outputs of
// TestWriteJSONEdges.
func TestWriteJSON(t *testing.T) {
	cat := heritage.Default()
	plain, err := Lines(context.Background(), cat)
	require.NoError(t, err)
	story, err := Lines(context.Background(), cat, StoryOrder(0.2))
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		lines []Line
		datum geo.Datum
	}{
		{"wgs84", plain, geo.WGS84},
		{"gcj02", plain, geo.GCJ02},
		{"bd09", plain, geo.BD09},
		{"story/wgs84", story, geo.WGS84},
		{"story/bd09", story, geo.BD09},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteJSON(&b, tc.lines, tc.datum))
			require.True(t, strings.HasSuffix(b.String(), "}\n"))
			require.Equal(t, 1, strings.Count(b.String(), "\n"), "one line of JSON")
			got := decodeLines(t, b.Bytes())
			assert.Equal(t, tc.datum.String(), got.Datum)
			require.Len(t, got.Lines, len(tc.lines))
			for i := range got.Lines {
				checkLineJSON(t, &tc.lines[i], &got.Lines[i], tc.datum)
			}
		})
	}
}

// decodeLines decodes b strictly: no unknown member, one value only.
func decodeLines(t *testing.T, b []byte) jsonLines {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out jsonLines
	require.NoError(t, dec.Decode(&out))
	require.False(t, dec.More(), "one JSON value only")
	return out
}

// checkLineJSON checks the JSON form g of the line w.
func checkLineJSON(t *testing.T, w *Line, g *jsonLine, d geo.Datum) {
	t.Helper()
	assert.Equal(t, w.ID, g.ID)
	assert.Equal(t, jsonTheme{Slug: w.Theme.Slug, Zh: w.Theme.Zh, En: w.Theme.En}, g.Theme)
	assert.Equal(t, w.Name, g.Name)
	assert.Equal(t, w.Description, g.Description)
	assert.InDelta(t, w.Length, g.LengthM, 0.05+1e-9, "%s length_m to 0.1 m", w.ID)
	assert.Equal(t, int64(math.Round(w.Travel.Seconds())), g.TravelS, w.ID)
	assert.Equal(t, int64(math.Round(w.Duration.Seconds())), g.DurationS, w.ID)
	if w.Base == nil {
		assert.Nil(t, g.Base, w.ID)
	} else if assert.NotNil(t, g.Base, w.ID) {
		checkPlace(t, *w.Base, *g.Base, d)
	}
	require.Len(t, g.Sites, len(w.Sites), w.ID)
	for k, s := range w.Sites {
		checkPlace(t, s, g.Sites[k], d)
	}
	require.Len(t, g.LeftOut, len(w.LeftOut), w.ID)
	for k, lo := range w.LeftOut {
		assert.Equal(t, jsonLeft{ID: lo.Site.ID, Name: lo.Site.Name.Zh, NameEn: lo.Site.Name.En,
			Reason: string(lo.Reason), Detail: lo.Detail}, g.LeftOut[k])
	}
	if w.Story == nil {
		assert.Nil(t, g.Story, w.ID)
		return
	}
	require.NotNil(t, g.Story, w.ID)
	st := *g.Story
	assert.InDelta(t, w.Story.Shortest, st.ShortestM, 0.05+1e-9)
	st.ShortestM = 0
	assert.Equal(t, jsonStory{MaxExtra: w.Story.MaxExtra, Extra: w.Story.Extra, ExtraTravel: w.Story.ExtraTravel,
		Inversions: w.Story.Inversions, ShortestInversions: w.Story.ShortestInversions, Pairs: w.Story.Pairs,
		Exact: w.Story.Exact}, st)
}

// checkPlace checks a place against the site it stands for.
func checkPlace(t *testing.T, s heritage.Site, p jsonPlace, d geo.Datum) {
	t.Helper()
	assert.Equal(t, s.ID, p.ID)
	assert.Equal(t, s.Name.Zh, p.Name)
	assert.Equal(t, s.Name.En, p.NameEn)
	assert.Equal(t, s.PrecisionM, p.PrecisionM, "%s precision_m", s.ID)
	c := geo.Convert(s.Location, geo.WGS84, d)
	assert.InDelta(t, c.Lon(), p.Location[0], 0.5e-6+1e-12, "%s lon to 1e-6°", s.ID)
	assert.InDelta(t, c.Lat(), p.Location[1], 0.5e-6+1e-12, "%s lat to 1e-6°", s.ID)
}
