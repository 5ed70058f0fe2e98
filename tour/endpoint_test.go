package tour_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in   string
		want string // Endpoint.String of the result
		err  string
	}{
		{in: "anchor/jiangxian-county-seat", want: "anchor/jiangxian-county-seat"},
		{in: "  jiangxian/wenmiao ", want: "jiangxian/wenmiao"},
		{in: "111.576, 35.491", want: "111.576,35.491"},
		{in: "", err: "empty"},
		{in: "Not An ID", err: "not a site ID or lon,lat"},
		{in: "200,35", err: "lon must lie in [-180, 180]"},
		{in: "x,y", err: "two decimal numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := tour.ParseEndpoint(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.NotContains(t, err.Error(), "geo:")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, e.String())
		})
	}
}

// FuzzParseEndpoint: the text form of an endpoint (the CLI's -start, -end and -hotels, the embed page's start) never panics, and
// what they accept is a valid site ID or a valid point.
func FuzzParseEndpoint(f *testing.F) {
	f.Add("anchor/jiangxian-county-seat", uint8(0))
	f.Add("111.576,35.491", uint8(1))
	f.Fuzz(func(t *testing.T, s string, _ uint8) {
		e, err := tour.ParseEndpoint(s)
		if err != nil {
			return
		}
		switch {
		case e.Point != nil && e.ID != "":
			t.Fatalf("%q: both an ID and a point", s)
		case e.Point != nil && !geo.Valid(*e.Point):
			t.Fatalf("%q: invalid point %v", s, *e.Point)
		case e.Point == nil && !heritage.ValidID(e.ID):
			t.Fatalf("%q: invalid ID %q", s, e.ID)
		}
	})
}
