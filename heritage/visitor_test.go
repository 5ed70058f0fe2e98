package heritage

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

func loadVisitorExample(t *testing.T) *Catalog {
	t.Helper()
	doc, err := readmeExample("What a visitor finds")
	require.NoError(t, err)
	c, err := Load(strings.NewReader(doc), WithinBound(DefaultBound()))
	require.NoError(t, err)
	return c
}

// The README's example loads into the Go model member by member, and
// writing it reads back the same in every datum.
func TestVisitorMembers(t *testing.T) {
	c := loadVisitorExample(t)
	site, ok := c.Get("example/cemetery")
	require.True(t, ok)
	museum, ok := c.Get("example/museum")
	require.True(t, ok)

	assert.Equal(t, &Text{Zh: "示例镇北村东500米", En: "500 m east of Beicun, Example town"}, site.Address)
	assert.Equal(t, &orb.Point{111.6183, 35.5690}, site.Entrance)
	assert.Equal(t, 100.0, site.EntrancePrecisionM)
	assert.Equal(t, []string{"example/museum"}, site.PresentedAt)
	assert.Equal(t, "example/museum", site.VisitVia)
	assert.Equal(t, Visit{Experience: NothingVisible, Access: Closed, AccessSource: "https://example.org/notice", HoursStatus: HoursUnknown}, site.Visit)
	assert.Nil(t, site.Rating)

	assert.Equal(t, "示例镇北村", museum.Address.In("en"), "no English address: the Chinese one")
	assert.Equal(t, &Rating{Level: 4, Year: 2017, Source: "https://example.org/a-level"}, museum.Rating)
	assert.Equal(t, Exhibits, museum.Visit.Experience)
	assert.Equal(t, HoursOfficial, museum.Visit.HoursStatus)
	require.Len(t, museum.Events, 2)
	assert.Equal(t, Event{Name: Text{Zh: "元宵灯会", En: "Lantern festival"}, Lunar: "1-15", Days: 3, Source: "https://example.org/museum"}, museum.Events[0])

	var out bytes.Buffer
	require.NoError(t, c.WriteGeoJSON(&out))
	again, err := Load(&out)
	require.NoError(t, err)
	assert.Equal(t, c.Sites(), again.Sites())

	gcj := site.Feature(Datum(geo.GCJ02)).Properties["entrance"].(orb.Point)
	assert.Less(t, geo.Distance(geo.GCJ02ToWGS84(gcj), *site.Entrance), 0.01, "the entrance moves with the datum")
	assert.Greater(t, geo.Distance(gcj, *site.Entrance), 100.0)

	cl := site.Clone()
	cl.Entrance[0], cl.Address.Zh, cl.PresentedAt[0] = 0, "x", "y"
	again2, _ := c.Get("example/cemetery")
	assert.Equal(t, site, again2, "Clone copies the new pointers and slices")
}

func TestVisitorProblems(t *testing.T) {
	// Each case changes one member of the README's cemetery (deletes it
	// when v is nil); a second cemetery is there to be referred to.
	example := func() (site, museum map[string]any) {
		fs := readmeFeatures(t, "What a visitor finds")
		return fs[0], fs[1]
	}
	tests := []struct {
		name string
		path string
		v    any
		want []string
	}{
		{"unknown experience", "properties.visit.experience", "ruins", []string{"0 properties.visit.experience value"}},
		{"wrong-case access", "properties.visit.access", "Open", []string{"0 properties.visit.access value"}},
		{"unknown hours status", "properties.visit.hours_status", "guessed", []string{"0 properties.visit.hours_status value"}},
		{"unknown hours with hours", "properties.visit.opening_hours", "Mo-Su 08:00-18:00", []string{"0 properties.visit.hours_status estimated"}},
		{"access source not listed", "properties.visit.access_source", "https://example.org/other", []string{"0 properties.visit.access_source source"}},
		{"access source without access", "properties.visit.access", nil, []string{"0 properties.visit.access_source missing"}},
		{"address without zh", "properties.address", map[string]any{"en": "somewhere"}, []string{"0 properties.address.zh missing"}},
		{"address unknown member", "properties.address.pinyin", "x", []string{"0 properties.address unknown-field"}},
		{"entrance not a point", "properties.entrance", []any{111.6}, []string{"0 properties.entrance coordinates"}},
		{"entrance off the region", "properties.entrance", []any{116.4, 39.9}, []string{"0 properties.entrance out-of-bound"}},
		{"entrance without precision", "properties.entrance_precision_m", nil, []string{"0 properties.entrance_precision_m missing"}},
		{"precision without entrance", "properties.entrance", nil, []string{"0 properties.entrance_precision_m missing"}},
		{"precision not a number", "properties.entrance_precision_m", "100 m", []string{"0 properties.entrance_precision_m syntax"}},
		{"entrance not numbers", "properties.entrance", "north gate", []string{"0 properties.entrance syntax"}},
		{"presented at a non-museum", "properties.presented_at", []any{"example/cemetery2"}, []string{"0 properties.presented_at[0] reference"}},
		{"presented at itself", "properties.presented_at", []any{"example/cemetery"}, []string{"0 properties.presented_at[0] reference"}},
		{"presented at a bad ID", "properties.presented_at", []any{"Example Museum"}, []string{"0 properties.presented_at[0] id"}},
		{"presented at twice", "properties.presented_at", []any{"example/museum", "example/museum"}, []string{"0 properties.presented_at[1] reference"}},
		{"visit via nothing", "properties.visit_via", "example/nowhere", []string{"0 properties.visit_via reference"}},
		{"visit via empty", "properties.visit_via", "", []string{"0 properties.visit_via missing"}},
		{"rating level", "properties.rating", map[string]any{"level": 6, "source": "https://example.org/notice"}, []string{"0 properties.rating.level range"}},
		{"rating without source", "properties.rating", map[string]any{"level": 3}, []string{"0 properties.rating.source missing"}},
		{"event without date", "properties.events", []any{map[string]any{"name": map[string]any{"zh": "会"}, "source": "https://example.org/notice"}}, []string{"0 properties.events[0] date"}},
		{"event with both dates", "properties.events", []any{map[string]any{"name": map[string]any{"zh": "会"}, "lunar": "3-18", "date": "04-05", "source": "https://example.org/notice"}}, []string{"0 properties.events[0] date"}},
		{"lunar day 31", "properties.events", []any{map[string]any{"name": map[string]any{"zh": "会"}, "lunar": "3-31", "source": "https://example.org/notice"}}, []string{"0 properties.events[0].lunar date"}},
		{"date without zero", "properties.events", []any{map[string]any{"name": map[string]any{"zh": "会"}, "date": "4-5", "source": "https://example.org/notice"}}, []string{"0 properties.events[0].date date"}},
		{"date 02-30", "properties.events", []any{map[string]any{"name": map[string]any{"zh": "会"}, "date": "02-30", "source": "https://example.org/notice"}}, []string{"0 properties.events[0].date date"}},
		{"event days and source", "properties.events", []any{map[string]any{"name": map[string]any{"en": "Fair"}, "date": "02-29", "days": 40}},
			[]string{"0 properties.events[0].name.zh missing", "0 properties.events[0].days range", "0 properties.events[0].source missing"}},
		{"event unknown member", "properties.events", []any{map[string]any{"name": map[string]any{"zh": "会"}, "date": "04-05", "source": "https://example.org/notice", "Date": "x"}},
			[]string{"0 properties.events unknown-field"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site, museum := example()
			if tc.v == nil {
				del(site, tc.path)
			} else {
				set(site, tc.path, tc.v)
			}
			other, _ := example()
			set(other, "properties.id", "example/cemetery2")
			_, err := Load(bytes.NewReader(collection(site, museum, other)), WithinBound(DefaultBound()))
			assert.Equal(t, tc.want, describe(t, err))
		})
	}
}

// References resolve within the input, within ReferTo's catalogs, and
// Merge closes them.
func TestReferences(t *testing.T) {
	fs := readmeFeatures(t, "What a visitor finds")
	site, museum := collection(fs[0]), collection(fs[1])

	_, err := Load(bytes.NewReader(site))
	assert.Equal(t, []string{"0 properties.presented_at[0] reference", "0 properties.visit_via reference"}, describe(t, err),
		"the museum is not in the input")

	museums, err := Load(bytes.NewReader(museum))
	require.NoError(t, err)
	sites, err := Load(bytes.NewReader(site), ReferTo(museums))
	require.NoError(t, err, "ReferTo resolves them")

	_, err = Merge(sites)
	assert.Equal(t, []string{"-1 presented_at[0] reference", "-1 visit_via reference"}, describe(t, err), "Merge closes references")
	all, err := Merge(museums, sites)
	require.NoError(t, err)
	assert.Equal(t, 2, all.Len())

	// NewCatalog checks them too.
	_, err = NewCatalog(sites.Sites())
	assert.ErrorIs(t, err, ErrReference)
	_, err = NewCatalog(all.Sites())
	assert.NoError(t, err)
}
