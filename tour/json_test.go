package tour_test

import (
	"bytes"
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
	"github.com/chuanzhu/chuanzhu/tour"
)

// The lines' JSON as the tests decode it: written out here from the
// documented schema (doc.go, "JSON"), apart from the encoder, so that a
// change of a member's name or type fails the tests.

type jsonLinesDoc struct {
	Datum string        `json:"datum"`
	Lines []jsonLineDoc `json:"lines"`
}

type jsonLineDoc struct {
	ID    string `json:"id"`
	Theme struct {
		Slug string `json:"slug"`
		Zh   string `json:"zh"`
		En   string `json:"en"`
	} `json:"theme"`
	Name        heritage.Text  `json:"name"`
	Base        *jsonPlaceDoc  `json:"base"`
	Sites       []jsonPlaceDoc `json:"sites"`
	LengthM     float64        `json:"length_m"`
	TravelS     int64          `json:"travel_s"`
	DurationS   int64          `json:"duration_s"`
	Description heritage.Text  `json:"description"`
	LeftOut     []struct {
		ID     string        `json:"id"`
		Name   string        `json:"name"`
		NameEn string        `json:"name_en"`
		Reason string        `json:"reason"`
		Detail heritage.Text `json:"detail"`
	} `json:"left_out"`
	Story *struct {
		MaxExtra           float64 `json:"max_extra"`
		Extra              float64 `json:"extra"`
		ExtraTravel        float64 `json:"extra_travel"`
		ShortestM          float64 `json:"shortest_m"`
		Inversions         int     `json:"inversions"`
		ShortestInversions int     `json:"shortest_inversions"`
		Pairs              int     `json:"pairs"`
		Exact              bool    `json:"exact"`
	} `json:"story"`
}

type jsonPlaceDoc struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	NameEn     string     `json:"name_en"`
	Location   [2]float64 `json:"location"`
	PrecisionM float64    `json:"precision_m"`
}

// decodeLines decodes b strictly: no unknown member, one value only.
func decodeLines(t *testing.T, b []byte) jsonLinesDoc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out jsonLinesDoc
	require.NoError(t, dec.Decode(&out))
	require.False(t, dec.More(), "one JSON value only")
	return out
}

// checkPlace checks a place against the site it stands for.
func checkPlace(t *testing.T, s heritage.Site, p jsonPlaceDoc, d geo.Datum) {
	t.Helper()
	assert.Equal(t, s.ID, p.ID)
	assert.Equal(t, s.Name.Zh, p.Name)
	assert.Equal(t, s.Name.En, p.NameEn)
	assert.Equal(t, s.PrecisionM, p.PrecisionM, "%s precision_m", s.ID)
	c := geo.Convert(s.Location, geo.WGS84, d)
	assert.InDelta(t, c.Lon(), p.Location[0], 0.5e-6+1e-12, "%s lon to 1e-6°", s.ID)
	assert.InDelta(t, c.Lat(), p.Location[1], 0.5e-6+1e-12, "%s lat to 1e-6°", s.ID)
}

func TestWriteJSON(t *testing.T) {
	plain, story := lines(t), lines(t, tour.StoryOrder(0.2))
	for _, tc := range []struct {
		name  string
		lines []tour.Line
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
			require.NoError(t, tour.WriteJSON(&b, tc.lines, tc.datum))
			require.True(t, strings.HasSuffix(b.String(), "}\n"))
			require.Equal(t, 1, strings.Count(b.String(), "\n"), "one line of JSON")
			got := decodeLines(t, b.Bytes())
			assert.Equal(t, tc.datum.String(), got.Datum)
			require.Len(t, got.Lines, len(tc.lines))
			for i, g := range got.Lines {
				w := tc.lines[i]
				assert.Equal(t, w.ID, g.ID)
				assert.Equal(t, w.Theme.Slug, g.Theme.Slug)
				assert.Equal(t, w.Theme.Zh, g.Theme.Zh)
				assert.Equal(t, w.Theme.En, g.Theme.En)
				assert.Equal(t, w.Name, g.Name)
				assert.Equal(t, w.Description, g.Description)
				assert.InDelta(t, w.Length, g.LengthM, 0.05+1e-9, "%s length_m to 0.1 m", w.ID)
				assert.Equal(t, int64(math.Round(w.Travel.Seconds())), g.TravelS, w.ID)
				assert.Equal(t, int64(math.Round(w.Duration.Seconds())), g.DurationS, w.ID)
				if w.Base == nil {
					assert.Nil(t, g.Base, w.ID)
				} else if assert.NotNil(t, g.Base, w.ID) {
					checkPlace(t, *w.Base, *g.Base, tc.datum)
				}
				require.Len(t, g.Sites, len(w.Sites), w.ID)
				for k, s := range w.Sites {
					checkPlace(t, s, g.Sites[k], tc.datum)
				}
				require.Len(t, g.LeftOut, len(w.LeftOut), w.ID)
				for k, lo := range w.LeftOut {
					x := g.LeftOut[k]
					assert.Equal(t, lo.Site.ID, x.ID)
					assert.Equal(t, lo.Site.Name.Zh, x.Name)
					assert.Equal(t, lo.Site.Name.En, x.NameEn)
					assert.Equal(t, string(lo.Reason), x.Reason)
					assert.Equal(t, lo.Detail, x.Detail)
				}
				if w.Story == nil {
					assert.Nil(t, g.Story, w.ID)
					continue
				}
				require.NotNil(t, g.Story, w.ID)
				assert.Equal(t, w.Story.MaxExtra, g.Story.MaxExtra)
				assert.Equal(t, w.Story.Extra, g.Story.Extra)
				assert.Equal(t, w.Story.ExtraTravel, g.Story.ExtraTravel)
				assert.InDelta(t, w.Story.Shortest, g.Story.ShortestM, 0.05+1e-9)
				assert.Equal(t, w.Story.Inversions, g.Story.Inversions)
				assert.Equal(t, w.Story.ShortestInversions, g.Story.ShortestInversions)
				assert.Equal(t, w.Story.Pairs, g.Story.Pairs)
				assert.Equal(t, w.Story.Exact, g.Story.Exact)
			}
		})
	}
}

// openLine is a hand-made line without a base, left-out sites or story,
// whose second site has no ID or English name.
func openLine() tour.Line {
	return tour.Line{
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

func TestWriteJSONEdges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []tour.Line
		want  string
	}{
		{"no lines", nil, `{"datum":"wgs84","lines":[]}` + "\n"},
		{"open line", []tour.Line{openLine()}, `{"datum":"wgs84","lines":[{"id":"test/open",` +
			`"theme":{"slug":"test","zh":"测试","en":"Test"},"name":{"zh":"测试线","en":"Test <line> & more"},` +
			`"base":null,"sites":[{"id":"a/one","name":"一","name_en":"One","location":[111.5,35.5]},` +
			`{"name":"二","location":[111.6,35.6]}],"length_m":1234.6,"travel_s":2,"duration_s":3600,` +
			`"description":{"zh":""},"left_out":[]}]}` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tour.WriteJSON(&b, tc.lines, geo.WGS84))
			assert.Equal(t, tc.want, b.String())
			decodeLines(t, b.Bytes())
		})
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteJSONErrors(t *testing.T) {
	var b bytes.Buffer
	err := tour.WriteJSON(&b, []tour.Line{openLine()}, geo.Datum(7))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "datum")
	assert.Zero(t, b.Len(), "nothing written on error")

	err = tour.WriteJSON(failWriter{}, []tour.Line{openLine()}, geo.GCJ02)
	assert.ErrorIs(t, err, errWrite)
}
