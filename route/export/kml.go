package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/chuanzhu/chuanzhu/route"
)

const kmlNamespace = "http://www.opengis.net/kml/2.2"

// KML 2.2 document. Children follow the schema's order
// (http://schemas.opengis.net/kml/2.2.0/ogckml22.xsd): a Feature's name,
// description, TimePrimitive, styleUrl, then its StyleSelectors; a
// Document's Feature elements, then its child Features; a Placemark's
// Feature elements, then its Geometry.
type kmlDoc struct {
	XMLName  xml.Name    `xml:"kml"`
	Xmlns    string      `xml:"xmlns,attr"`
	Document kmlDocument `xml:"Document"`
}

type kmlDocument struct {
	Name        string      `xml:"name"`
	Open        int         `xml:"open"`
	Description string      `xml:"description,omitempty"`
	Styles      []kmlStyle  `xml:"Style"`
	Folders     []kmlFolder `xml:"Folder"`
}

type kmlStyle struct {
	ID         string       `xml:"id,attr"`
	IconStyle  kmlIconStyle `xml:"IconStyle"`
	LabelStyle struct {
		Scale string `xml:"scale"`
	} `xml:"LabelStyle"`
	LineStyle kmlLineStyle `xml:"LineStyle"`
}

type kmlIconStyle struct {
	Color string `xml:"color"`
	Scale string `xml:"scale"`
}

type kmlLineStyle struct {
	Color string `xml:"color"`
	Width string `xml:"width"`
}

type kmlFolder struct {
	Name        string         `xml:"name"`
	Description string         `xml:"description,omitempty"`
	Placemarks  []kmlPlacemark `xml:"Placemark"`
}

type kmlPlacemark struct {
	Name        string       `xml:"name"`
	Description string       `xml:"description,omitempty"`
	TimeSpan    *kmlTimeSpan `xml:"TimeSpan"`
	StyleURL    string       `xml:"styleUrl"`
	Point       *kmlPoint    `xml:"Point"`
	LineString  *kmlLine     `xml:"LineString"`
}

type kmlTimeSpan struct {
	Begin string `xml:"begin,omitempty"`
	End   string `xml:"end,omitempty"`
}

type kmlPoint struct {
	Coordinates string `xml:"coordinates"`
}

type kmlLine struct {
	Tessellate  int    `xml:"tessellate"`
	Coordinates string `xml:"coordinates"`
}

// KML writes p as a KML 2.2 document for Google Earth: a Style per day (the
// day's colour for icons and line), and a Folder per day holding a Point
// Placemark per place — start, visits numbered "1. …" through the trip,
// end — with a description (times, site facts, note, how to find a roughly
// located place, a notice when a site's opening hours are not confirmed) and, for visits with
// calendar times, a TimeSpan of the visit; then a LineString Placemark
// through the day's places. Coordinates are written lon,lat.
//
// KML defines its coordinates as WGS-84; with [Datum] set to another datum
// the document's description says so.
func KML(w io.Writer, p *route.Plan, opts ...Option) error {
	return writeMapped(w, p, opts, kmlDocumentOf, writeXML)
}

// kmlDocumentOf makes the KML document of t.
func kmlDocumentOf(t *trip, o *options) any {
	l := t.lex
	doc := kmlDoc{Xmlns: kmlNamespace, Document: kmlDocument{Name: t.title, Open: 1}}
	desc := []string{l.totals(t.total, len(t.days))}
	if n := datumNote(o.datum, l); n != "" {
		desc = append(desc, n)
	}
	doc.Document.Description = strings.Join(desc, "\n")
	for di := range t.days {
		d := &t.days[di]
		style := fmt.Sprintf("day-%d", d.day)
		st := kmlStyle{
			ID:        style,
			IconStyle: kmlIconStyle{Color: kmlColor(d.color, "ff"), Scale: "1.1"},
			LineStyle: kmlLineStyle{Color: kmlColor(d.color, "ff"), Width: "4"},
		}
		st.LabelStyle.Scale = "0.9"
		doc.Document.Styles = append(doc.Document.Styles, st)
		folder := kmlFolder{Name: l.Day(d.day), Description: l.totals(d.total, 0)}
		coords := make([]string, 0, len(d.stops))
		for _, s := range d.stops {
			pt := o.point(s.loc)
			c := coord(pt[0]) + "," + coord(pt[1])
			coords = append(coords, c)
			name := s.name
			if s.role == roleStop {
				name = fmt.Sprintf("%d. %s", s.seq, s.name)
			}
			pm := kmlPlacemark{Name: name, Description: placeDesc(&s, d, l), StyleURL: "#" + style, Point: &kmlPoint{Coordinates: c}}
			if s.role == roleStop && hasDate(s.start) {
				pm.TimeSpan = &kmlTimeSpan{Begin: gpxTime(s.start), End: gpxTime(s.departure)}
			}
			folder.Placemarks = append(folder.Placemarks, pm)
		}
		if len(coords) > 1 {
			folder.Placemarks = append(folder.Placemarks, kmlPlacemark{
				Name: l.Pick("路线 · ", "Route, ") + l.Day(d.day), StyleURL: "#" + style,
				LineString: &kmlLine{Tessellate: 1, Coordinates: strings.Join(coords, " ")},
			})
		}
		doc.Document.Folders = append(doc.Document.Folders, folder)
	}
	return doc
}

// kmlColor turns "#rrggbb" into KML's aabbggrr.
func kmlColor(hex, alpha string) string {
	h := strings.TrimPrefix(hex, "#")
	if len(h) != 6 {
		return alpha + "ffffff"
	}
	return strings.ToLower(alpha + h[4:6] + h[2:4] + h[0:2])
}
