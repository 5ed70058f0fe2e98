package export

import (
	"bytes"
	"testing"

	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

func TestJSONLD(t *testing.T) {
	tests := []struct {
		name string
		days []fixtureDay
		opts []Option
	}{
		{"one day en", jinDay(t), []Option{Catalog(catalog(t)), Lang("en")}},
		{"three days zh", threeDays(t), []Option{Catalog(catalog(t))}},
		{"no catalog", jinDay(t), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := buildPlan(t, tt.days, nil)
			var b bytes.Buffer
			require.NoError(t, JSONLD(&b, p, tt.opts...))
			var doc map[string]any
			require.NoError(t, gojson.Unmarshal(b.Bytes(), &doc))
			assert.Equal(t, "https://schema.org", doc["@context"])
			assert.Equal(t, "TouristTrip", doc["@type"])
			assert.NotEmpty(t, doc["name"])
			assert.Equal(t, p.Days[0].Depart.Format("2006-01-02T15:04:05Z07:00"), doc["departureTime"])

			it := doc["itinerary"].(map[string]any)
			assert.Equal(t, "ItemList", it["@type"])
			items := it["itemListElement"].([]any)
			assert.EqualValues(t, p.Visited, it["numberOfItems"])
			require.Len(t, items, p.Visited)
			var visits []string
			for _, d := range p.Days {
				for _, v := range d.Visits {
					visits = append(visits, v.Stop.ID)
				}
			}
			for i, x := range items {
				li := x.(map[string]any)
				assert.Equal(t, "ListItem", li["@type"])
				assert.EqualValues(t, i+1, li["position"])
				a := li["item"].(map[string]any)
				assert.Equal(t, "TouristAttraction", a["@type"])
				assert.Equal(t, visits[i], a["identifier"])
				assert.NotEmpty(t, a["name"])
				g := a["geo"].(map[string]any)
				if g["@type"] == "GeoCircle" {
					assert.Positive(t, g["geoRadius"])
					g = g["geoMidpoint"].(map[string]any)
				}
				assert.Equal(t, "GeoCoordinates", g["@type"])
				assert.IsType(t, float64(0), g["latitude"])
				assert.IsType(t, float64(0), g["longitude"])
			}
			if len(p.Days) > 1 {
				subs := doc["subTrip"].([]any)
				require.Len(t, subs, len(p.Days))
				for i, s := range subs {
					st := s.(map[string]any)
					assert.Equal(t, "TouristTrip", st["@type"])
					assert.NotContains(t, st, "@context")
					sit := st["itinerary"].(map[string]any)
					assert.EqualValues(t, len(p.Days[i].Visits), sit["numberOfItems"])
				}
			} else {
				assert.NotContains(t, doc, "subTrip")
			}
		})
	}

	// Enrichment: description and alternate name from the catalog.
	p := buildPlan(t, jinDay(t), nil)
	var b bytes.Buffer
	require.NoError(t, JSONLD(&b, p, Catalog(catalog(t)), Lang("en")))
	var doc ldTrip
	require.NoError(t, gojson.Unmarshal(b.Bytes(), &doc))
	first := doc.Itinerary.ItemListElement[0].Item
	assert.Equal(t, "Chexiang City ruins", first.Name)
	assert.Equal(t, "车厢城城址", first.AlternateName)
	assert.Contains(t, first.Description, "city ruins")
	// 车厢城 is known to within 5.5 km: its geo is the circle it lies in.
	circle := first.Geo.(map[string]any)
	assert.Equal(t, "GeoCircle", circle["@type"])
	assert.EqualValues(t, 5500, circle["geoRadius"])
	mid := circle["geoMidpoint"].(map[string]any)
	assert.Equal(t, "GeoCoordinates", mid["@type"])
	assert.InDelta(t, 35.492035, mid["latitude"], 1e-9)
	assert.InDelta(t, 111.575048, mid["longitude"], 1e-9)
	assert.Contains(t, first.Description, "Location known only to within 5.5 km: ask for 山西省运城市绛县古绛镇南城村南约100米（裴家堡一带）")

	// Datum applies to geo.
	b.Reset()
	require.NoError(t, JSONLD(&b, p, Datum(geo.GCJ02)))
	doc = ldTrip{}
	require.NoError(t, gojson.Unmarshal(b.Bytes(), &doc))
	want := geo.WGS84ToGCJ02(p.Days[0].Visits[0].Stop.Location)
	point := doc.Itinerary.ItemListElement[0].Item.Geo.(map[string]any)
	assert.Equal(t, "GeoCoordinates", point["@type"])
	assert.InDelta(t, want[1], point["latitude"], 5e-7)
}
