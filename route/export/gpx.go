package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
)

// GPX 1.1 document, elements in the order the schema's sequences require
// (http://www.topografix.com/GPX/1/1/gpx.xsd): gpx holds metadata, wpt*,
// rte*, trk*; wptType holds ele, time, …, name, cmt, desc, src, link, sym,
// type, …; rteType holds name, cmt, desc, src, link, number, type, …,
// rtept*.
const (
	gpxNamespace      = "http://www.topografix.com/GPX/1/1"
	gpxSchemaLocation = "http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd"
	xsiNamespace      = "http://www.w3.org/2001/XMLSchema-instance"
	creator           = "chuanzhu"
)

type gpxDoc struct {
	XMLName        xml.Name    `xml:"gpx"`
	Xmlns          string      `xml:"xmlns,attr"`
	XmlnsXSI       string      `xml:"xmlns:xsi,attr"`
	SchemaLocation string      `xml:"xsi:schemaLocation,attr"`
	Version        string      `xml:"version,attr"`
	Creator        string      `xml:"creator,attr"`
	Metadata       gpxMetadata `xml:"metadata"`
	Waypoints      []gpxPoint  `xml:"wpt"`
	Routes         []gpxRoute  `xml:"rte"`
}

type gpxMetadata struct {
	Name string `xml:"name,omitempty"`
	Desc string `xml:"desc,omitempty"`
	Time string `xml:"time,omitempty"`
}

type gpxPoint struct {
	Lat  string `xml:"lat,attr"`
	Lon  string `xml:"lon,attr"`
	Time string `xml:"time,omitempty"`
	Name string `xml:"name,omitempty"`
	Desc string `xml:"desc,omitempty"`
	Sym  string `xml:"sym,omitempty"`
	Type string `xml:"type,omitempty"`
}

type gpxRoute struct {
	Name   string     `xml:"name,omitempty"`
	Desc   string     `xml:"desc,omitempty"`
	Number int        `xml:"number"`
	Points []gpxPoint `xml:"rtept"`
}

// GPX writes p as a GPX 1.1 document for hiking and navigation apps: a
// waypoint (wpt) per place — the visits with their start time (time), name
// and a description of the visit (day, times, site facts and note, how to
// find a roughly located place, a notice when the site's opening hours
// are not confirmed), the
// days' start and end places with their departure or arrival time — and a
// route (rte) per day whose points (rtept) run from the start through the
// visits to the end. A place used more than once (a loop's start and end,
// a hotel that ends one day and starts the next) is one waypoint, written
// where it is first used; the routes repeat it as they pass.
//
// GPX defines its coordinates as WGS-84; with [Datum] set to another datum
// the metadata's description says so. Times are UTC, as GPX requires.
func GPX(w io.Writer, p *route.Plan, opts ...Option) error {
	return writeMapped(w, p, opts, gpxDocumentOf, writeXML)
}

// gpxDocumentOf makes the GPX document of t.
func gpxDocumentOf(t *trip, o *options) any {
	l := t.lex
	doc := gpxDoc{
		Xmlns: gpxNamespace, XmlnsXSI: xsiNamespace, SchemaLocation: gpxSchemaLocation,
		Version: "1.1", Creator: creator,
		Metadata: gpxMetadata{Name: t.title, Desc: datumNote(o.datum, l)},
	}
	if len(t.days) > 0 && hasDate(t.days[0].depart) {
		doc.Metadata.Time = gpxTime(t.days[0].depart)
	}
	seen := map[string]bool{}
	for di := range t.days {
		d := &t.days[di]
		rte := gpxRoute{Name: l.Day(d.day), Number: d.day, Desc: l.totals(d.total, 0)}
		for _, s := range d.stops {
			pt := o.point(s.loc)
			gp := gpxPoint{Lat: coord(pt[1]), Lon: coord(pt[0]), Name: s.name}
			rte.Points = append(rte.Points, gp)
			gp.Desc = placeDesc(&s, d, l)
			switch s.role {
			case roleStop:
				gp.Time = gpxTime(s.start)
				gp.Sym, gp.Type = "Scenic Area", "stop"
			case roleStart:
				gp.Time = gpxTime(s.departure)
				gp.Sym, gp.Type = "Flag, Green", "start"
			case roleEnd:
				gp.Time = gpxTime(s.arrival)
				gp.Sym, gp.Type = "Flag, Red", "end"
			}
			key := s.id + "@" + gp.Lat + "," + gp.Lon
			if !seen[key] {
				seen[key] = true
				doc.Waypoints = append(doc.Waypoints, gp)
			}
		}
		doc.Routes = append(doc.Routes, rte)
	}
	return doc
}

// writeXML writes doc as an indented XML document with its declaration,
// ending in a newline.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// gpxTime writes t in UTC as GPX's xsd:dateTime, or "" for a plan without
// calendar times.
func gpxTime(t time.Time) string {
	if !hasDate(t) {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// coord writes a degree value with 6 decimals.
func coord(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }

// datumNote says which datum the coordinates are in when it is not
// WGS-84, for formats that assume WGS-84.
func datumNote(d geo.Datum, l lexicon) string {
	switch d {
	case geo.GCJ02:
		return l.Pick("坐标为 GCJ-02（高德、腾讯地图），不是 WGS-84。", "Coordinates are in GCJ-02 (for AMap/Tencent maps), not WGS-84.")
	case geo.BD09:
		return l.Pick("坐标为 BD-09（百度地图），不是 WGS-84。", "Coordinates are in BD-09 (for Baidu maps), not WGS-84.")
	}
	return ""
}

// placeDesc describes a place in a few sentences: the visit's times and
// the site's facts, or the day's start or end time; then, for a coarse
// place, how to find it ([lexicon.locate]), and for a visit whose site's
// hours are not confirmed, that ([lexicon.hoursNotice]): the visit's
// times are the plan's guess then.
func placeDesc(s *tripStop, d *tripDay, l lexicon) string {
	var parts []string
	switch s.role {
	case roleStart:
		if hasDate(s.departure) {
			parts = append(parts, fmt.Sprintf("%s · %s %s", l.Day(d.day), l.Pick("出发", "leave"), phrase.Clock(s.departure)))
		} else {
			parts = append(parts, l.Day(d.day))
		}
	case roleEnd:
		if hasDate(s.arrival) {
			parts = append(parts, fmt.Sprintf("%s · %s %s", l.Day(d.day), l.Pick("到达", "arrive"), phrase.Clock(s.arrival)))
		} else {
			parts = append(parts, l.Day(d.day))
		}
	case roleStop:
		when := fmt.Sprintf("%s · %s %s–%s", l.Day(d.day), l.Pick("游览", "visit"), phrase.Clock(s.start), phrase.Clock(s.departure))
		if !hasDate(s.start) {
			when = fmt.Sprintf("%s · %s %s", l.Day(d.day), l.Pick("游览", "visit"), l.Duration(s.visit))
		}
		parts = append(parts, when)
		parts = append(parts, l.siteAbout(s.site)...)
	}
	parts = append(parts, l.locate(s))
	if s.role == roleStop {
		parts = append(parts, l.hoursNotice(s.site))
	}
	return l.sentences(nonEmpty(parts...))
}
