package export

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/jsonform"
	"github.com/chuanzhu/chuanzhu/route"
)

func TestGeoJSONRoundTrip(t *testing.T) {
	p := buildPlan(t, jinDay(t), jinSkipped())
	var b bytes.Buffer
	require.NoError(t, GeoJSON(&b, p, Catalog(catalog(t)), Lang("en")))
	fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
	require.NoError(t, err)
	assert.NotContains(t, fc.ExtraMembers, "datum", "WGS-84 output states no datum")
	assert.Equal(t, "1-day route from Jiang County seat (Gujiang town)", fc.ExtraMembers["title"])

	d := p.Days[0]
	// start, 7 visits, end; then 8 legs.
	require.Len(t, fc.Features, 1+len(d.Visits)+1+len(d.Legs))
	points := fc.Features[:len(d.Visits)+2]
	legs := fc.Features[len(d.Visits)+2:]

	places := []route.Place{d.Start}
	for _, v := range d.Visits {
		places = append(places, v.Stop.Place)
	}
	places = append(places, *d.End)
	for i, f := range points {
		pt, ok := f.Geometry.(orb.Point)
		require.True(t, ok, "feature %d is a %T", i, f.Geometry)
		want := places[i].Location
		assert.InDelta(t, want[0], pt[0], 5e-7)
		assert.InDelta(t, want[1], pt[1], 5e-7)
		assert.Equal(t, pt, orb.Round(pt, 1e6), "6 decimals")
		assert.Equal(t, places[i].ID, f.Properties["id"])
		assert.EqualValues(t, 1, f.Properties["day"])
		assert.EqualValues(t, i, f.Properties["order"])
		assert.Equal(t, "#CC3311", f.Properties["color"])
		switch i {
		case 0:
			assert.Equal(t, "start", f.Properties["role"])
			assert.Equal(t, d.Depart.Format(time.RFC3339), f.Properties["departure"])
			assert.NotContains(t, f.Properties, "arrival")
		case len(points) - 1:
			assert.Equal(t, "end", f.Properties["role"])
			assert.Equal(t, d.Return.Format(time.RFC3339), f.Properties["arrival"])
		default:
			v := d.Visits[i-1]
			assert.Equal(t, "stop", f.Properties["role"])
			assert.EqualValues(t, i, f.Properties["seq"])
			for key, want := range map[string]time.Time{"arrival": v.Arrival, "start": v.Start, "departure": v.Departure} {
				got, err := time.Parse(time.RFC3339, f.Properties.MustString(key))
				require.NoError(t, err)
				assert.True(t, got.Equal(want.Truncate(time.Second)), "%s %v != %v", key, got, want)
			}
			assert.EqualValues(t, v.Stop.Visit/time.Second, f.Properties["visit_s"])
			assert.EqualValues(t, v.Wait/time.Second, f.Properties["wait_s"])
		}
	}
	// Catalog facts on a site.
	tomb := points[3]
	assert.Equal(t, "Tomb of Duke Wen of Jin (attributed)", tomb.Properties["name"])
	assert.Equal(t, "tomb", tomb.Properties["kind"])
	site, ok := tomb.Properties["site"].(map[string]any)
	require.True(t, ok)
	assert.Equal(t, map[string]any{"zh": "晋文公墓", "pinyin": "Jìn Wéngōng Mù", "en": "Tomb of Duke Wen of Jin (attributed)"}, site["name"])
	assert.Contains(t, site, "period")
	assert.Contains(t, site, "notes")

	var sumDist, sumDur float64
	for i, f := range legs {
		ls, ok := f.Geometry.(orb.LineString)
		require.True(t, ok)
		require.Len(t, ls, 2)
		assert.Equal(t, points[i].Geometry, ls[0])
		assert.Equal(t, points[i+1].Geometry, ls[1])
		assert.Equal(t, "leg", f.Properties["role"])
		assert.Equal(t, places[i].ID, f.Properties["from"])
		assert.Equal(t, places[i+1].ID, f.Properties["to"])
		assert.InDelta(t, d.Legs[i].Distance, f.Properties.MustFloat64("distance_m"), 0.05)
		assert.EqualValues(t, d.Legs[i].Duration/time.Second, f.Properties["duration_s"])
		sumDist += f.Properties.MustFloat64("distance_m")
		sumDur += f.Properties.MustFloat64("duration_s")
	}
	assert.InDelta(t, p.Distance, sumDist, 0.5)
	assert.InDelta(t, p.Travel.Seconds(), sumDur, 1)
}

// GCJ-02 output moves every point by the published offset (a few hundred
// metres in Shanxi) and says so in the collection and every feature.
func TestGeoJSONDatum(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	for _, d := range []geo.Datum{geo.GCJ02, geo.BD09} {
		t.Run(d.String(), func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, GeoJSON(&b, p, Datum(d)))
			fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
			require.NoError(t, err)
			assert.Equal(t, d.String(), fc.ExtraMembers["datum"])
			for _, f := range fc.Features {
				assert.Equal(t, d.String(), f.Properties["datum"])
			}
			got := fc.Features[1].Geometry.(orb.Point)
			wgs := p.Days[0].Visits[0].Stop.Location
			want := geo.Convert(wgs, geo.WGS84, d)
			assert.InDelta(t, want[0], got[0], 5e-7)
			assert.InDelta(t, want[1], got[1], 5e-7)
			off := geo.Distance(wgs, got)
			assert.Greater(t, off, 100.0, "offset %v m", off)
			assert.Less(t, off, 1500.0, "offset %v m", off)
			// Converting back lands on the WGS-84 point within rounding.
			back := geo.Convert(got, d, geo.WGS84)
			assert.Less(t, geo.Distance(back, wgs), 0.2)
		})
	}
	assert.ErrorContains(t, GeoJSON(&bytes.Buffer{}, p, Datum(geo.Datum(7))), "unknown datum")
}

func TestGeoJSONOpenDayAndNoDates(t *testing.T) {
	seat := countySeat()
	days := []fixtureDay{{start: seat, breakAfter: -2, visits: []fixtureStop{
		{id: "a", name: "A", loc: orb.Point{111.6, 35.5}, visit: time.Hour},
		{id: "b", name: "B", loc: orb.Point{111.62, 35.52}, visit: time.Hour},
	}}}
	p := buildPlan(t, days, nil) // depart is the zero time: no calendar
	var b bytes.Buffer
	require.NoError(t, GeoJSON(&b, p))
	fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
	require.NoError(t, err)
	require.Len(t, fc.Features, 3+2, "start, two visits, two legs; no end")
	for _, f := range fc.Features {
		assert.NotContains(t, f.Properties, "arrival")
		assert.NotContains(t, f.Properties, "departure")
		assert.NotEqual(t, "end", f.Properties["role"])
	}
	assert.False(t, math.IsNaN(fc.Features[3].Properties.MustFloat64("distance_m")))
}

// A stop's "site" object is heritage's encoding of the site, in the
// output's datum: footprints move with the points.
func TestGeoJSONSiteIsHeritagesEncoding(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	sites := catalog(t).Sites()
	withFootprint := ""
	for i, s := range sites {
		if s.ID == p.Days[0].Visits[0].Stop.ID {
			s = s.Clone()
			c := s.Location
			s.Footprint = orb.Polygon{{c, {c[0] + 0.001, c[1]}, {c[0] + 0.001, c[1] + 0.001}, c}}
			sites[i], withFootprint = s, s.ID
		}
	}
	require.NotEmpty(t, withFootprint)
	cat, err := heritage.NewCatalog(sites)
	require.NoError(t, err)
	for _, d := range []geo.Datum{geo.WGS84, geo.GCJ02, geo.BD09} {
		t.Run(d.String(), func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, GeoJSON(&b, p, Catalog(cat), Datum(d)))
			fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
			require.NoError(t, err)
			n := 0
			for _, f := range fc.Features {
				got, ok := f.Properties["site"]
				if !ok {
					continue
				}
				n++
				s, ok := cat.Get(f.Properties.MustString("id"))
				require.True(t, ok)
				want, err := json.Marshal(s.Feature(heritage.Datum(d), heritage.Decimals(6)).Properties)
				require.NoError(t, err)
				gotJSON, err := json.Marshal(got)
				require.NoError(t, err)
				assert.JSONEq(t, string(want), string(gotJSON), s.ID)
				if s.ID == withFootprint {
					assert.Contains(t, got, "footprint")
				}
			}
			assert.Equal(t, len(p.Days[0].Visits)+2, n, "every place of the plan is a catalog site")
		})
	}
}

// GeoJSON and JSON write a duration that is not a whole number of
// seconds alike (rounded, not truncated), and distances alike.
func TestGeoJSONAndJSONAgreeOnUnits(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	d := &p.Days[0]
	d.Legs[0].Duration += 700 * time.Millisecond
	d.Legs[0].Distance += 0.06
	d.Visits[0].Wait = 59*time.Second + 600*time.Millisecond
	d.Visits[0].Stop.Visit = 45*time.Minute - 400*time.Millisecond

	var b bytes.Buffer
	require.NoError(t, GeoJSON(&b, p))
	fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, JSON(&b, p))
	var doc struct {
		Days []struct {
			Visits []struct {
				WaitS  int64 `json:"wait_s"`
				VisitS int64 `json:"visit_s"`
			} `json:"visits"`
			Legs []struct {
				DistanceM float64 `json:"distance_m"`
				DurationS int64   `json:"duration_s"`
			} `json:"legs"`
		} `json:"days"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))

	var visit, leg geojson.Properties
	for _, f := range fc.Features {
		switch {
		case f.Properties["role"] == "stop" && f.Properties.MustInt("seq") == 1:
			visit = f.Properties
		case f.Properties["role"] == "leg" && f.Properties.MustInt("order") == 1:
			leg = f.Properties
		}
	}
	require.NotNil(t, visit)
	require.NotNil(t, leg)
	want := jsonform.Seconds(p.Days[0].Legs[0].Duration)
	assert.Equal(t, int64(math.Round(p.Days[0].Legs[0].Duration.Seconds())), want)
	assert.Equal(t, want, doc.Days[0].Legs[0].DurationS)
	assert.Equal(t, float64(want), leg["duration_s"])
	assert.Equal(t, doc.Days[0].Legs[0].DistanceM, leg["distance_m"])
	assert.Equal(t, int64(60), doc.Days[0].Visits[0].WaitS)
	assert.Equal(t, float64(60), visit["wait_s"])
	assert.Equal(t, int64(2700), doc.Days[0].Visits[0].VisitS)
	assert.Equal(t, float64(2700), visit["visit_s"])
}
