package export

import (
	"io"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/jsonform"
	"github.com/chuanzhu/chuanzhu/route"
)

// GeoJSON writes p as an RFC 7946 FeatureCollection for web maps.
//
// Each day's places are Point features, in order: the start (role
// "start"), the visits (role "stop") and the end (role "end", absent on
// an open day). Their properties are role, day (from 1), order (0 for the
// start, 1… for the visits, then the end), seq (the visit's number through
// the whole trip, as on the SVG map; visits only), id, name (in the
// [Lang] language), color (the day's "#rrggbb"), and when the plan has
// calendar times, arrival, start and departure in RFC 3339 with the plan's
// offset; visits also carry wait_s and visit_s in seconds. A place found
// in the [Catalog] gets a "site" object with the site's facts as the
// heritage catalog's GeoJSON properties ([heritage.Site.Feature], in the
// same datum), a flat "kind" for styling, and precision_m, the radius in
// metres within which the place lies (a place known to within more than
// 500 m is only roughly located: its point may be a township's centre).
//
// Each leg is a LineString feature (role "leg") with day, order (1…), from
// and to (place IDs), distance_m, duration_s and color; a leg to or from
// a roughly located place has "approximate": true, its line and numbers
// being estimates from straight-line distance.
//
// Coordinates are rounded to 6 decimals (about 0.1 m). They are WGS-84 as
// RFC 7946 requires, unless [Datum] chose another datum: then the
// collection has a "datum" member and every feature a "datum" property
// ("gcj02" or "bd09"), since readers assume WGS-84 otherwise.
func GeoJSON(w io.Writer, p *route.Plan, opts ...Option) error {
	t, o, err := mappedTrip(p, opts)
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	fc.ExtraMembers = geojson.Properties{"title": t.title}
	if o.datum != geo.WGS84 {
		fc.ExtraMembers["datum"] = o.datum.String()
	}
	for di := range t.days {
		d := &t.days[di]
		for i, s := range d.stops {
			f := geojson.NewFeature(jsonform.Round(o.point(s.loc)))
			f.Properties = stopProperties(d, i, &s, o.datum)
			fc.Append(f)
		}
		for li, lg := range d.legs {
			a, b := d.stops[lg.from], d.stops[lg.to]
			f := geojson.NewFeature(orb.LineString{jsonform.Round(o.point(a.loc)), jsonform.Round(o.point(b.loc))})
			f.Properties = geojson.Properties{
				"role":       "leg",
				"day":        d.day,
				"order":      li + 1,
				"from":       a.id,
				"to":         b.id,
				"distance_m": jsonform.Decimetres(lg.distance),
				"duration_s": jsonform.Seconds(lg.duration),
				"color":      d.color,
			}
			if a.coarse() || b.coarse() {
				f.Properties["approximate"] = true
			}
			fc.Append(f)
		}
	}
	if o.datum != geo.WGS84 {
		for _, f := range fc.Features {
			f.Properties["datum"] = o.datum.String()
		}
	}
	return writeIndentedJSON(w, fc)
}

func stopProperties(d *tripDay, i int, s *tripStop, datum geo.Datum) geojson.Properties {
	order := i
	props := geojson.Properties{
		"role":  string(s.role),
		"day":   d.day,
		"order": order,
		"id":    s.id,
		"name":  s.name,
		"color": d.color,
	}
	if s.role == roleStop {
		props["seq"] = s.seq
		props["wait_s"] = jsonform.Seconds(s.wait)
		props["visit_s"] = jsonform.Seconds(s.visit)
	}
	for key, at := range map[string]time.Time{"arrival": s.arrival, "start": s.start, "departure": s.departure} {
		if v := jsonTime(at); v != "" {
			props[key] = v
		}
	}
	if s.precision > 0 {
		props["precision_m"] = s.precision
	}
	if a := siteAddress(s.site); a != "" {
		props["address"] = a
	}
	if s.site != nil {
		props["kind"] = string(s.site.Kind)
		props["site"] = siteProperties(s.site, datum)
	}
	return props
}

// siteProperties returns a site's facts as heritage's encoder writes
// them ([heritage.Site.Feature]), with coordinates in datum d rounded as
// the stop points are.
func siteProperties(s *heritage.Site, d geo.Datum) map[string]any {
	return s.Feature(heritage.Datum(d), heritage.Decimals(6)).Properties
}
