package tour

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/jsonform"
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
func checkPlace(t *testing.T, s heritage.Site, p jsonform.Place, d geo.Datum) {
	t.Helper()
	assert.Equal(t, s.ID, p.ID)
	assert.Equal(t, s.Name.Zh, p.Name)
	assert.Equal(t, s.Name.En, p.NameEn)
	assert.Equal(t, s.PrecisionM, p.PrecisionM, "%s precision_m", s.ID)
	c := geo.Convert(s.Location, geo.WGS84, d)
	assert.InDelta(t, c.Lon(), p.Location[0], 0.5e-6+1e-12, "%s lon to 1e-6°", s.ID)
	assert.InDelta(t, c.Lat(), p.Location[1], 0.5e-6+1e-12, "%s lat to 1e-6°", s.ID)
}

// openLine is a hand-made line without a base, left-out sites or story,
// whose second site has no ID or English name.
func openLine() Line {
	return Line{
		ID:    "test/open",
		Theme: heritage.Theme{Slug: "test", Zh: "测试", En: "Test"},
		Name:  heritage.Text{Zh: "测试线", En: "Test <line> & more"},
		Sites: []heritage.Site{
			{ID: "a/one", Name: heritage.Name{Zh: "一", En: "One"}, Location: orb.Point{111.5, 35.5}},
			{Name: heritage.Name{Zh: "二"}, Location: orb.Point{111.6000004, 35.6}},
		},
		Length:   1234.56,
		Travel:   1500 * time.Millisecond,
		Duration: time.Hour + 499*time.Millisecond,
	}
}

// fullLine is a hand-made line with every member: a base, a site left
// out and a story order, with a precision and a detail in both
// languages.
func fullLine() Line {
	l := openLine()
	l.ID = "test/full"
	l.Base = &heritage.Site{ID: "anchor/town", Name: heritage.Name{Zh: "镇", En: "Town"},
		Location: orb.Point{111.4, 35.4}, PrecisionM: 500}
	l.Description = heritage.Text{Zh: "说明。", En: "About it."}
	l.LeftOut = []LeftOut{{
		Site:   heritage.Site{ID: "a/three", Name: heritage.Name{Zh: "三", En: "Three"}},
		Reason: ReasonBudget, Detail: heritage.Text{Zh: "时间不够", En: "not enough time in the day"},
	}}
	l.Story = &Story{MaxExtra: 0.2, Extra: 0.125, ExtraTravel: 0.25, Shortest: 1000.04,
		Inversions: 1, ShortestInversions: 2, Pairs: 3, Exact: true}
	return l
}

// TestWriteJSONEdges pins the JSON form, every member's name and form,
// by the literal output for hand-made lines.
func TestWriteJSONEdges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []Line
		want  string
	}{
		{"no lines", nil, `{"datum":"wgs84","lines":[]}` + "\n"},
		{"open line", []Line{openLine()}, `{"datum":"wgs84","lines":[{"id":"test/open",` +
			`"theme":{"slug":"test","zh":"测试","en":"Test"},"name":{"zh":"测试线","en":"Test <line> & more"},` +
			`"base":null,"sites":[{"id":"a/one","name":"一","name_en":"One","location":[111.5,35.5]},` +
			`{"name":"二","location":[111.6,35.6]}],"length_m":1234.6,"travel_s":2,"duration_s":3600,` +
			`"description":{"zh":""},"left_out":[]}]}` + "\n"},
		{"full line", []Line{fullLine()}, `{"datum":"wgs84","lines":[{"id":"test/full",` +
			`"theme":{"slug":"test","zh":"测试","en":"Test"},"name":{"zh":"测试线","en":"Test <line> & more"},` +
			`"base":{"id":"anchor/town","name":"镇","name_en":"Town","location":[111.4,35.4],"precision_m":500},` +
			`"sites":[{"id":"a/one","name":"一","name_en":"One","location":[111.5,35.5]},` +
			`{"name":"二","location":[111.6,35.6]}],"length_m":1234.6,"travel_s":2,"duration_s":3600,` +
			`"description":{"zh":"说明。","en":"About it."},` +
			`"left_out":[{"id":"a/three","name":"三","name_en":"Three","reason":"budget",` +
			`"detail":{"zh":"时间不够","en":"not enough time in the day"}}],` +
			`"story":{"max_extra":0.2,"extra":0.125,"extra_travel":0.25,"shortest_m":1000,` +
			`"inversions":1,"shortest_inversions":2,"pairs":3,"exact":true}}]}` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, WriteJSON(&b, tc.lines, geo.WGS84))
			assert.Equal(t, tc.want, b.String())
		})
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteJSONErrors(t *testing.T) {
	var b bytes.Buffer
	err := WriteJSON(&b, []Line{openLine()}, geo.Datum(7))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "datum")
	assert.Zero(t, b.Len(), "nothing written on error")

	err = WriteJSON(failWriter{}, []Line{openLine()}, geo.GCJ02)
	assert.ErrorIs(t, err, errWrite)
}
