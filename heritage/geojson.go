package heritage

import (
	"bytes"
	"fmt"
	"io"
	"math"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/chuanzhu/chuanzhu/geo"
)

// FeatureOption configures how [Site.Feature], [WriteGeoJSON] and
// [Catalog.WriteGeoJSON] write sites.
type FeatureOption func(*featureOptions)

type featureOptions struct {
	datum    geo.Datum
	decimals int // < 0: coordinates as they are
}

// Datum writes coordinates (location, footprint and entrance) in d instead
// of WGS-84, converted with [geo.Convert]; the output then states d in a
// "datum" member, since GeoJSON readers assume WGS-84 (RFC 7946). [Load]
// reads WGS-84 only. A d that geo does not know is taken as WGS-84.
func Datum(d geo.Datum) FeatureOption {
	return func(o *featureOptions) {
		switch d {
		case geo.GCJ02, geo.BD09:
			o.datum = d
		default:
			o.datum = geo.WGS84
		}
	}
}

// Decimals rounds every coordinate written to n decimal places, after any
// [Datum] conversion: 6 decimals, RFC 7946's advice, are about 0.1 m. By
// default, and for n outside 0–15, coordinates are written as they are
// (the embedded catalog's have at most 6 decimals).
func Decimals(n int) FeatureOption {
	return func(o *featureOptions) {
		o.decimals = -1
		if n >= 0 && n <= 15 {
			o.decimals = n
		}
	}
}

func newFeatureOptions(opts []FeatureOption) *featureOptions {
	o := &featureOptions{decimals: -1}
	for _, opt := range opts {
		if opt != nil {
			opt(o)
		}
	}
	return o
}

// Feature returns s as a GeoJSON Point Feature in the catalog schema
// (heritage/README.md): its ID as the Feature "id", its location as the
// geometry, and every other fact in the properties, under the schema's
// member names; unknown facts are left out. With [Datum], the Feature
// has a "datum" foreign member. The properties share s's slices: treat
// them as read-only.
//
// Feature is the one encoder of a site: [WriteGeoJSON] writes what it
// returns, and [Load] reads that back into an equal Site.
func (s Site) Feature(opts ...FeatureOption) *geojson.Feature {
	o := newFeatureOptions(opts)
	f := o.feature(&s)
	if o.datum != geo.WGS84 {
		f.ExtraMembers = geojson.Properties{"datum": o.datum.String()}
	}
	return f
}

// feature is Feature without the "datum" member, which a collection
// states once.
func (o *featureOptions) feature(s *Site) *geojson.Feature {
	f := geojson.NewFeature(o.point(s.Location))
	f.ID = s.ID
	f.Properties = o.properties(s)
	return f
}

func (o *featureOptions) properties(s *Site) geojson.Properties {
	p := geojson.Properties{
		"id":              s.ID,
		"name":            s.Name,
		"kind":            s.Kind,
		"precision_m":     s.PrecisionM,
		"location_source": s.LocationSource,
		"score":           s.Score,
	}
	set := func(key string, v any, known bool) {
		if known {
			p[key] = v
		}
	}
	set("aliases", s.Aliases, len(s.Aliases) > 0)
	set("period", s.Period, s.Period != nil)
	set("designation", s.Designation, s.Designation != nil)
	set("region", s.Region, s.Region != "")
	if s.Footprint != nil {
		p["footprint"] = geojson.NewGeometry(o.polygon(s.Footprint))
	}
	set("themes", s.Themes, len(s.Themes) > 0)
	set("notes", s.Notes, len(s.Notes) > 0)
	set("sources", s.Sources, len(s.Sources) > 0)
	set("visit", s.Visit, s.Visit.known())
	set("address", s.Address, s.Address != nil)
	if s.Entrance != nil {
		p["entrance"] = o.point(*s.Entrance)
		p["entrance_precision_m"] = s.EntrancePrecisionM
	}
	set("rating", s.Rating, s.Rating != nil)
	set("presented_at", s.PresentedAt, len(s.PresentedAt) > 0)
	set("visit_via", s.VisitVia, s.VisitVia != "")
	set("events", s.Events, len(s.Events) > 0)
	return p
}

// known reports whether any visit fact is known.
func (v *Visit) known() bool {
	return v.Duration != 0 || v.OpeningHours != "" || v.Ticket != "" || len(v.Estimated) > 0 ||
		v.Experience != "" || v.Access != "" || v.AccessSource != "" || v.HoursStatus != ""
}

// point returns p in the output datum and precision.
func (o *featureOptions) point(p orb.Point) orb.Point {
	p = geo.Convert(p, geo.WGS84, o.datum)
	if o.decimals >= 0 {
		f := math.Pow10(o.decimals)
		p = orb.Point{math.Round(p[0]*f) / f, math.Round(p[1]*f) / f}
	}
	return p
}

// polygon returns a copy of poly in the output datum and precision.
func (o *featureOptions) polygon(poly orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(poly))
	for r, ring := range poly {
		out[r] = make(orb.Ring, len(ring))
		for k, pt := range ring {
			out[r][k] = o.point(pt)
		}
	}
	return out
}

// featureJSON is the JSON form of a [geojson.Feature] without foreign
// members.
type featureJSON struct {
	ID         any                `json:"id"`
	Type       string             `json:"type"`
	Geometry   *geojson.Geometry  `json:"geometry"`
	Properties geojson.Properties `json:"properties"`
}

// WriteGeoJSON writes sites as a GeoJSON FeatureCollection, one
// [Site.Feature] per line, in the order given. With [Datum] the
// collection, not each Feature, has the "datum" member. In WGS-84 (the
// default) [Load] reads the output back into equal sites.
func WriteGeoJSON(w io.Writer, sites []Site, opts ...FeatureOption) error {
	return writeGeoJSON(w, len(sites), func(i int) Site { return sites[i] }, opts...)
}

// writeGeoJSON is WriteGeoJSON of the n sites site(0), site(1), ….
func writeGeoJSON(w io.Writer, n int, site func(i int) Site, opts ...FeatureOption) error {
	o := newFeatureOptions(opts)
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection",`)
	if o.datum != geo.WGS84 {
		fmt.Fprintf(&buf, `"datum":%q,`, o.datum.String())
	}
	buf.WriteString(`"features":[`)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range n {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		s := site(i)
		f := o.feature(&s)
		// The Feature as orb writes it, encoded with goccy/go-json, which
		// is several times faster than orb's encoding/json on the
		// properties' nested values.
		doc := featureJSON{ID: f.ID, Type: f.Type, Geometry: geojson.NewGeometry(f.Geometry), Properties: f.Properties}
		if err := enc.Encode(&doc); err != nil {
			return fmt.Errorf("heritage: encode %s: %w", s.ID, err)
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		if buf.Len() > 1<<20 {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
	}
	buf.WriteString("\n]}\n")
	_, err := w.Write(buf.Bytes())
	return err
}
