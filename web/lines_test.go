package web

import (
	"context"
	"math"
	"net/http"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

func TestGetLines(t *testing.T) {
	cat := heritage.Default()
	want, err := tour.Lines(context.Background(), cat)
	require.NoError(t, err)
	require.NotEmpty(t, want)
	h := defaultHandler()

	get := func(t *testing.T, query string) linesOut {
		t.Helper()
		w := call(t, h, http.MethodGet, "/api/lines"+query, "")
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
		var out linesOut
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out))
		return out
	}

	t.Run("all", func(t *testing.T) {
		out := get(t, "")
		assert.Equal(t, "wgs84", out.Datum)
		require.Len(t, out.Lines, len(want))
		for i, l := range out.Lines {
			w := want[i]
			assert.Equal(t, w.ID, l.ID)
			assert.Equal(t, w.Theme.Slug, l.Theme.Slug)
			assert.Equal(t, w.Name, l.Name)
			assert.NotEmpty(t, l.Name.Zh)
			assert.NotEmpty(t, l.Description.En)
			require.Len(t, l.Sites, len(w.Sites))
			for k, s := range l.Sites {
				assert.Equal(t, w.Sites[k].ID, s.ID, "visiting order kept")
				assert.Equal(t, [2]float64(w.Sites[k].Location), s.Location)
			}
			assert.InDelta(t, w.Length, l.LengthM, 0.05+1e-9, "length_m to 0.1 m")
			assert.Equal(t, int64(math.Round(w.Duration.Seconds())), l.DurationS)
			assert.Len(t, l.LeftOut, len(w.LeftOut))
			for _, lo := range l.LeftOut {
				assert.NotEmpty(t, lo.Reason)
				assert.NotEmpty(t, lo.Detail.Zh)
			}
			if w.Base != nil {
				require.NotNil(t, l.Base)
				assert.Equal(t, w.Base.ID, l.Base.ID)
			}
		}
	})
	t.Run("theme", func(t *testing.T) {
		out := get(t, "?theme=museums,archaeology")
		require.NotEmpty(t, out.Lines)
		for _, l := range out.Lines {
			assert.Contains(t, []string{"museums", "archaeology"}, l.Theme.Slug)
		}
	})
	t.Run("gcj02", func(t *testing.T) {
		out := get(t, "?datum=gcj02")
		assert.Equal(t, "gcj02", out.Datum)
		s := want[0].Sites[0]
		assert.Equal(t, [2]float64(convertPoint(s.Location, geo.GCJ02)), out.Lines[0].Sites[0].Location)
	})
	for _, q := range []string{"?theme=opera", "?datum=x", "?mode=walk", "?theme="} {
		t.Run("error "+q, func(t *testing.T) {
			w := call(t, h, http.MethodGet, "/api/lines"+q, "")
			require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
			assert.Equal(t, codeBadQuery, apiErr(t, w).Code)
		})
	}
}

// The lines' JSON as the tests decode it: written out here from the
// documented schema (tour's package doc, "JSON"), apart from the encoder
// in tour, so that a change of a member's name or type there fails the
// tests.

type linesOut struct {
	Datum string    `json:"datum"`
	Lines []lineOut `json:"lines"`
}

type lineOut struct {
	ID    string `json:"id"`
	Theme struct {
		Slug string `json:"slug"`
		Zh   string `json:"zh"`
		En   string `json:"en"`
	} `json:"theme"`
	Name        heritage.Text `json:"name"`
	Base        *placeOut     `json:"base"`
	Sites       []placeOut    `json:"sites"`
	LengthM     float64       `json:"length_m"`
	TravelS     int64         `json:"travel_s"`
	DurationS   int64         `json:"duration_s"`
	Description heritage.Text `json:"description"`
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

// placeOut is a place in the lines' JSON and in the plan answer's.
type placeOut struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	NameEn   string     `json:"name_en"`
	Location [2]float64 `json:"location"`
}
