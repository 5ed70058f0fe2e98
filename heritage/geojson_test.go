package heritage

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

// backToWGS84 reads a Feature written with Datum(d), checks its "datum"
// member and converts its coordinates back to WGS-84 with geo's inverse,
// so that Load can read it.
func backToWGS84(t *testing.T, raw []byte, d geo.Datum) []byte {
	t.Helper()
	f, err := geojson.UnmarshalFeature(raw)
	require.NoError(t, err)
	if d == geo.WGS84 {
		assert.NotContains(t, f.ExtraMembers, "datum", "WGS-84 is GeoJSON's own datum")
	} else {
		assert.Equal(t, d.String(), f.ExtraMembers["datum"])
	}
	f.ExtraMembers = nil
	back := func(p orb.Point) orb.Point { return geo.Convert(p, d, geo.WGS84) }
	f.Geometry = back(f.Geometry.(orb.Point))
	if fp, ok := f.Properties["footprint"]; ok {
		b, err := json.Marshal(fp)
		require.NoError(t, err)
		g, err := geojson.UnmarshalGeometry(b)
		require.NoError(t, err)
		poly := g.Geometry().(orb.Polygon)
		for _, ring := range poly {
			for k := range ring {
				ring[k] = back(ring[k])
			}
		}
		f.Properties["footprint"] = geojson.NewGeometry(poly)
	}
	if e, ok := f.Properties["entrance"].([]any); ok {
		p := back(orb.Point{e[0].(float64), e[1].(float64)})
		f.Properties["entrance"] = []float64{p[0], p[1]}
	}
	out, err := json.Marshal(f)
	require.NoError(t, err)
	return out
}

// Every site's Feature, in every datum, reads back as the same site: in
// WGS-84 exactly; in GCJ-02 and BD-09 with every point within 1 cm once
// converted back.
func TestFeatureRoundTrip(t *testing.T) {
	const cm = 0.01
	cats := map[string]*Catalog{"default": Default(), "fixture": loadFixture(t), "visitor": loadVisitorExample(t)}
	for name, c := range cats {
		for _, d := range []geo.Datum{geo.WGS84, geo.GCJ02, geo.BD09} {
			for _, s := range c.Sites() {
				t.Run(name+"/"+d.String()+"/"+s.ID, func(t *testing.T) {
					raw, err := json.Marshal(s.Feature(Datum(d)))
					require.NoError(t, err)
					if d != geo.WGS84 {
						f, err := geojson.UnmarshalFeature(raw)
						require.NoError(t, err)
						assert.Greater(t, geo.Distance(f.Geometry.(orb.Point), s.Location), 1.0, "the point is converted")
					}
					doc := `{"type":"FeatureCollection","features":[` + string(backToWGS84(t, raw, d)) + `]}`
					got, err := Load(strings.NewReader(doc), ReferTo(c)) // for its references
					require.NoError(t, err, doc)
					require.Equal(t, 1, got.Len())
					back := got.Sites()[0]
					assert.Less(t, geo.Distance(back.Location, s.Location), cm)
					require.Len(t, back.Footprint, len(s.Footprint))
					for r, ring := range s.Footprint {
						require.Len(t, back.Footprint[r], len(ring))
						for k := range ring {
							assert.Less(t, geo.Distance(back.Footprint[r][k], ring[k]), cm)
						}
					}
					if s.Entrance != nil {
						require.NotNil(t, back.Entrance)
						assert.Less(t, geo.Distance(*back.Entrance, *s.Entrance), cm)
					}
					if d == geo.WGS84 {
						assert.Equal(t, s, back, "exact in WGS-84")
						return
					}
					back.Location, back.Footprint, back.Entrance = s.Location, s.Footprint, s.Entrance
					assert.Equal(t, s, back, "every other fact is unchanged")
				})
			}
		}
	}
}

func TestFeatureOptions(t *testing.T) {
	c := loadFixture(t)
	var s Site
	for _, x := range c.Sites() {
		if x.Footprint != nil {
			s = x
		}
	}
	require.NotNil(t, s.Footprint, "the fixture has a site with a footprint")
	round6 := func(p orb.Point) orb.Point { return orb.Round(p, 1e6).(orb.Point) }
	gcj := geo.WGS84ToGCJ02(s.Location)
	tests := []struct {
		name      string
		opts      []FeatureOption
		point     orb.Point
		footprint orb.Point // first position
		datum     any
	}{
		{"default", nil, s.Location, s.Footprint[0][0], nil},
		{"gcj02", []FeatureOption{Datum(geo.GCJ02)}, gcj, geo.WGS84ToGCJ02(s.Footprint[0][0]), "gcj02"},
		{"gcj02 rounded", []FeatureOption{Datum(geo.GCJ02), Decimals(6)}, round6(gcj), round6(geo.WGS84ToGCJ02(s.Footprint[0][0])), "gcj02"},
		{"bd09", []FeatureOption{Datum(geo.BD09)}, geo.WGS84ToBD09(s.Location), geo.WGS84ToBD09(s.Footprint[0][0]), "bd09"},
		{"unknown datum is WGS-84", []FeatureOption{Datum(geo.Datum(9))}, s.Location, s.Footprint[0][0], nil},
		{"two decimals", []FeatureOption{Decimals(2)}, orb.Round(s.Location, 100).(orb.Point), orb.Round(s.Footprint[0][0], 100).(orb.Point), nil},
		{"decimals out of range", []FeatureOption{Decimals(-1)}, s.Location, s.Footprint[0][0], nil},
		{"nil option", []FeatureOption{nil}, s.Location, s.Footprint[0][0], nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := s.Feature(tc.opts...)
			assert.Equal(t, s.ID, f.ID)
			assert.Equal(t, tc.point, f.Geometry)
			assert.Equal(t, tc.datum, f.ExtraMembers["datum"])
			fp := f.Properties["footprint"].(*geojson.Geometry).Geometry().(orb.Polygon)
			assert.Equal(t, tc.footprint, fp[0][0])
		})
	}
	assert.Equal(t, s.Footprint, c.Sites()[indexOf(c, s.ID)].Footprint, "converting leaves the catalog alone")
}

func indexOf(c *Catalog, id string) int { i, _ := c.byID.get(id, c.rowID); return i }

// The properties carry exactly the members of the schema that the site
// knows, under their schema names.
func TestFeatureProperties(t *testing.T) {
	full := loadFixture(t).Sites()
	tests := []struct {
		name string
		site Site
		want []string
	}{
		{"bare", Site{ID: "a/b", Kind: Town, PrecisionM: 10, LocationSource: "x"},
			[]string{"id", "kind", "location_source", "name", "precision_m", "score"}},
		{"visit only estimated", Site{ID: "a/b", Visit: Visit{Estimated: []string{"minutes"}}},
			[]string{"id", "kind", "location_source", "name", "precision_m", "score", "visit"}},
		{"empty lists are unknown", Site{ID: "a/b", Aliases: []string{}, Themes: []string{}, Notes: []Note{}},
			[]string{"id", "kind", "location_source", "name", "precision_m", "score"}},
	}
	for _, s := range full {
		if s.Footprint == nil {
			continue
		}
		s = s.Clone()
		s.Aliases, s.Region, s.Visit.Duration = []string{"x"}, "y", 30*time.Minute
		tests = append(tests, struct {
			name string
			site Site
			want []string
		}{"full", s, []string{"aliases", "designation", "footprint", "id", "kind", "location_source", "name",
			"notes", "period", "precision_m", "region", "score", "sources", "themes", "visit"}})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var keys []string
			for k := range tc.site.Feature().Properties {
				keys = append(keys, k)
			}
			assert.ElementsMatch(t, tc.want, keys)
		})
	}
}

func TestWriteGeoJSONDatum(t *testing.T) {
	sites := Default().Sites()[:3]
	for _, d := range []geo.Datum{geo.WGS84, geo.GCJ02} {
		t.Run(d.String(), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteGeoJSON(&buf, sites, Datum(d), Decimals(6)))
			fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
			require.NoError(t, err)
			require.Len(t, fc.Features, len(sites))
			if d == geo.WGS84 {
				assert.NotContains(t, fc.ExtraMembers, "datum")
			} else {
				assert.Equal(t, "gcj02", fc.ExtraMembers["datum"])
			}
			for i, f := range fc.Features {
				assert.Empty(t, f.ExtraMembers, "the collection states the datum once")
				want, err := json.Marshal(sites[i].Feature(Datum(d), Decimals(6)).Properties)
				require.NoError(t, err)
				got, err := json.Marshal(f.Properties)
				require.NoError(t, err)
				assert.JSONEq(t, string(want), string(got))
				assert.Equal(t, orb.Round(geo.Convert(sites[i].Location, geo.WGS84, d), 1e6), f.Geometry)
			}
		})
	}
}

// The encoder and the decoder name the schema's members apart (Feature's
// properties and jsonProps' tags): for a site that knows every fact,
// Feature writes exactly the members the decoder reads.
func TestFeatureWritesEveryMember(t *testing.T) {
	s := Site{
		ID: "a/b", Aliases: []string{"x"}, Period: &Period{Name: "x"}, Designation: &Designation{Level: National},
		Region: "r", Footprint: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, Themes: []string{"t"},
		Notes: []Note{{Lang: "zh", Text: "x"}}, Sources: []Source{{Title: "t", URL: "https://example.org"}},
		Visit: Visit{Duration: time.Minute}, Address: &Text{Zh: "x"}, Entrance: &orb.Point{1, 1}, EntrancePrecisionM: 1,
		Rating: &Rating{Level: 1}, PresentedAt: []string{"c/d"}, VisitVia: "c/d", Events: []Event{{Date: "01-01"}},
	}
	var want, got []string
	for k := range propFields {
		want = append(want, k)
	}
	for k := range s.Feature().Properties {
		got = append(got, k)
	}
	assert.ElementsMatch(t, want, got)
}
