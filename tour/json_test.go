package tour_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

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

// fullLine is a hand-made line with every member: a base, a site left
// out and a story order, with a precision and a detail in both
// languages.
func fullLine() tour.Line {
	l := openLine()
	l.ID = "test/full"
	l.Base = &heritage.Site{ID: "anchor/town", Name: heritage.Name{Zh: "镇", En: "Town"},
		Location: orb.Point{111.4, 35.4}, PrecisionM: 500}
	l.Description = heritage.Text{Zh: "说明。", En: "About it."}
	l.LeftOut = []tour.LeftOut{{
		Site:   heritage.Site{ID: "a/three", Name: heritage.Name{Zh: "三", En: "Three"}},
		Reason: tour.ReasonBudget, Detail: heritage.Text{Zh: "时间不够", En: "not enough time in the day"},
	}}
	l.Story = &tour.Story{MaxExtra: 0.2, Extra: 0.125, ExtraTravel: 0.25, Shortest: 1000.04,
		Inversions: 1, ShortestInversions: 2, Pairs: 3, Exact: true}
	return l
}

// TestWriteJSONEdges pins the JSON form, every member's name and form,
// by the literal output for hand-made lines.
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
		{"full line", []tour.Line{fullLine()}, `{"datum":"wgs84","lines":[{"id":"test/full",` +
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
			require.NoError(t, tour.WriteJSON(&b, tc.lines, geo.WGS84))
			assert.Equal(t, tc.want, b.String())
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
