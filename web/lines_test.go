package web

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

func TestGetLines(t *testing.T) {
	cat := heritage.Default()
	all, err := tour.Lines(context.Background(), cat)
	require.NoError(t, err)
	require.NotEmpty(t, all)
	h := defaultHandler()

	// The answer is tour's JSON form of the lines (its schema and values
	// are tour's tests' concern): the same bytes as tour.WriteJSON.
	tests := []struct {
		query string
		datum geo.Datum
		keep  func(tour.Line) bool
	}{
		{"", geo.WGS84, nil},
		{"?theme=museums,archaeology", geo.WGS84, func(l tour.Line) bool {
			return l.Theme.Slug == "museums" || l.Theme.Slug == "archaeology"
		}},
		{"?datum=gcj02", geo.GCJ02, nil},
	}
	for _, tc := range tests {
		t.Run("lines"+tc.query, func(t *testing.T) {
			want := all
			if tc.keep != nil {
				want = nil
				for _, l := range all {
					if tc.keep(l) {
						want = append(want, l)
					}
				}
				require.NotEmpty(t, want)
			}
			var b bytes.Buffer
			require.NoError(t, tour.WriteJSON(&b, want, tc.datum))
			w := call(t, h, http.MethodGet, "/api/lines"+tc.query, "")
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
			assert.JSONEq(t, b.String(), w.Body.String())
		})
	}
	for _, q := range []string{"?theme=opera", "?datum=x", "?mode=walk", "?theme="} {
		t.Run("error "+q, func(t *testing.T) {
			w := call(t, h, http.MethodGet, "/api/lines"+q, "")
			require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
			assert.Equal(t, codeBadQuery, apiErr(t, w).Code)
		})
	}
}
