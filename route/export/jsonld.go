package export

import (
	"io"

	gojson "github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/internal/jsonform"
	"github.com/chuanzhu/chuanzhu/route"
)

// schema.org vocabulary (https://schema.org/TouristTrip,
// https://schema.org/ItemList, https://schema.org/TouristAttraction).
type ldTrip struct {
	Context       string     `json:"@context,omitempty"`
	Type          string     `json:"@type"`
	Name          string     `json:"name"`
	Description   string     `json:"description,omitempty"`
	DepartureTime string     `json:"departureTime,omitempty"`
	ArrivalTime   string     `json:"arrivalTime,omitempty"`
	Itinerary     ldItemList `json:"itinerary"`
	SubTrip       []ldTrip   `json:"subTrip,omitempty"`
}

type ldItemList struct {
	Type            string       `json:"@type"`
	NumberOfItems   int          `json:"numberOfItems"`
	ItemListElement []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	Type     string       `json:"@type"`
	Position int          `json:"position"`
	Item     ldAttraction `json:"item"`
}

type ldAttraction struct {
	Type          string  `json:"@type"`
	ID            string  `json:"identifier,omitempty"`
	Name          string  `json:"name"`
	AlternateName string  `json:"alternateName,omitempty"`
	Description   string  `json:"description,omitempty"`
	Geo           any     `json:"geo"` // ldGeo, or ldCircle for a coarse place
	Address       *ldAddr `json:"address,omitempty"`
}

// ldCircle is a schema.org GeoCircle: the area a coarse place lies in,
// geoRadius in metres round geoMidpoint.
type ldCircle struct {
	Type        string  `json:"@type"`
	GeoMidpoint ldGeo   `json:"geoMidpoint"`
	GeoRadius   float64 `json:"geoRadius"`
}

type ldGeo struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type ldAddr struct {
	Type            string `json:"@type"`
	StreetAddress   string `json:"streetAddress,omitempty"`
	AddressLocality string `json:"addressLocality,omitempty"`
}

// JSONLD writes p as schema.org JSON-LD for tourism web pages (to embed in
// a <script type="application/ld+json"> element): a TouristTrip whose
// itinerary is an ItemList of the visited sites, each a ListItem with its
// position (1… through the whole trip) and a TouristAttraction with name
// (in the [Lang] language; the other language as alternateName when the
// [Catalog] knows it), description (site facts, note, for a roughly
// located place how to find it, and a notice when the site's opening
// hours are not confirmed), identifier (the place ID), geo
// (GeoCoordinates latitude/longitude, 6 decimals; for a place known only
// to within more than 500 m a GeoCircle of that geoRadius round them)
// and, for catalog sites with a region or address, a PostalAddress
// (addressLocality the region, streetAddress the sourced address). A trip of several days also
// has a subTrip per day with its own itinerary and departure/arrival
// times. Start and end places (county seat, hotel) are not attractions
// and are left out.
//
// Search engines read GeoCoordinates as WGS-84: leave [Datum] at its
// default for pages meant for them.
func JSONLD(w io.Writer, p *route.Plan, opts ...Option) error {
	return writeMapped(w, p, opts, touristTrip, writeIndentedJSON)
}

// touristTrip makes the schema.org TouristTrip of t.
func touristTrip(t *trip, o *options) any {
	l := t.lex
	trip := ldTrip{
		Context: "https://schema.org", Type: "TouristTrip", Name: t.title,
		Description: l.totals(t.total, len(t.days)),
		Itinerary:   ldItemList{Type: "ItemList", ItemListElement: []ldListItem{}},
	}
	if len(t.days) > 0 {
		first, last := t.days[0], t.days[len(t.days)-1]
		trip.DepartureTime, trip.ArrivalTime = jsonTime(first.depart), jsonTime(last.ret)
	}
	for di := range t.days {
		d := &t.days[di]
		sub := ldTrip{
			Type: "TouristTrip", Name: l.Day(d.day), Description: l.totals(d.total, 0),
			DepartureTime: jsonTime(d.depart), ArrivalTime: jsonTime(d.ret),
			Itinerary: ldItemList{Type: "ItemList", ItemListElement: []ldListItem{}},
		}
		for _, s := range d.stops {
			if s.role != roleStop {
				continue
			}
			a := o.attraction(&s, l)
			trip.Itinerary.ItemListElement = append(trip.Itinerary.ItemListElement, ldListItem{Type: "ListItem", Position: s.seq, Item: a})
			sub.Itinerary.ItemListElement = append(sub.Itinerary.ItemListElement, ldListItem{Type: "ListItem", Position: s.order, Item: a})
		}
		sub.Itinerary.NumberOfItems = len(sub.Itinerary.ItemListElement)
		trip.SubTrip = append(trip.SubTrip, sub)
	}
	trip.Itinerary.NumberOfItems = len(trip.Itinerary.ItemListElement)
	if len(trip.SubTrip) < 2 {
		trip.SubTrip = nil
	}
	return trip
}

// writeIndentedJSON writes v as indented JSON and a newline.
func writeIndentedJSON(w io.Writer, v any) error {
	b, err := gojson.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func (o *options) attraction(s *tripStop, l lexicon) ldAttraction {
	pt := jsonform.Round(o.point(s.loc))
	point := ldGeo{Type: "GeoCoordinates", Latitude: pt[1], Longitude: pt[0]}
	a := ldAttraction{Type: "TouristAttraction", ID: s.id, Name: s.name, AlternateName: s.alt, Geo: point}
	if s.coarse() {
		a.Geo = ldCircle{Type: "GeoCircle", GeoMidpoint: point, GeoRadius: s.precision}
	}
	a.Description = l.sentences(nonEmpty(append(l.siteAbout(s.site), l.locate(s), l.hoursNotice(s.site))...))
	if s.site != nil && (s.site.Region != "" || siteAddress(s.site) != "") {
		a.Address = &ldAddr{Type: "PostalAddress", StreetAddress: siteAddress(s.site), AddressLocality: s.site.Region}
	}
	return a
}
