package geo_test

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

func TestParsePoint(t *testing.T) {
	tests := []struct {
		in   string
		want orb.Point
		err  string
	}{
		{in: "111.57067,35.49072", want: orb.Point{111.57067, 35.49072}},
		{in: " -180 , 90 ", want: orb.Point{-180, 90}},
		{in: "35.5", err: "want lon,lat"},
		{in: "", err: "want lon,lat"},
		{in: "a,b", err: "two decimal numbers"},
		{in: "1,2,3", err: "two decimal numbers"},
		{in: "200,35", err: "lon must lie in [-180, 180]"},
		{in: "NaN,35", err: "not a point"},
		{in: "Inf,35", err: "not a point"},
		{in: strings.Repeat("9", 100), err: "want lon,lat"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := geo.ParsePoint(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p)
		})
	}
}

// FuzzParsePoint: "lon,lat" parses into a valid point or fails.
// Seeds: testdata/fuzz/FuzzParsePoint.
func FuzzParsePoint(f *testing.F) {
	f.Add("111.57067,35.49072")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := geo.ParsePoint(s)
		if err != nil {
			assert.NotEmpty(t, err.Error())
			return
		}
		require.True(t, geo.Valid(p), "%q gave %v", s, p)
		require.False(t, math.IsNaN(p[0]) || math.IsNaN(p[1]))
		a, b, _ := strings.Cut(s, ",")
		assert.NotContains(t, b, ",", "exactly two numbers")
		assert.NotEmpty(t, strings.TrimSpace(a))
	})
}
