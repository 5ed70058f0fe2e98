package web

import (
	"context"
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
			assert.Equal(t, metres(w.Length), l.LengthM)
			assert.Equal(t, secs(w.Duration), l.DurationS)
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
