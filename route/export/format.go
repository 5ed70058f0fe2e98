package export

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/chuanzhu/chuanzhu/route"
)

// Format is one of the outputs of this package: its name, its media type
// and file extension, and its writer. Callers that let a user pick an
// output (a query parameter, a command-line flag) look the name up with
// [ParseFormat] rather than switch over names.
type Format struct {
	// Name is the format's short name: "json", "geojson", "gpx", "kml",
	// "jsonld", "svg", "text", "markdown" or "ics".
	Name string
	// ContentType is the media type of the output, as an HTTP
	// Content-Type header gives it ("application/gpx+xml"); text types
	// name their charset.
	ContentType string
	// Itinerary is true for the documents a person reads through (text,
	// markdown): a caller asked for several languages may write one such
	// document per language, one after the other. Other formats carry
	// data once (an iCalendar twice over would import every visit twice).
	Itinerary bool
	// Ext is the usual file name extension, with its dot (".gpx").
	Ext string
	// Write writes a plan in the format: one of [JSON], [GeoJSON], [GPX],
	// [KML], [JSONLD], [SVG], [Text], [Markdown] or [ICS].
	Write func(w io.Writer, p *route.Plan, opts ...Option) error
}

// formats lists the formats in the order Formats returns them.
var formats = [...]Format{
	{Name: "json", ContentType: "application/json", Ext: ".json", Write: JSON},
	{Name: "geojson", ContentType: "application/geo+json", Ext: ".geojson", Write: GeoJSON},
	{Name: "gpx", ContentType: "application/gpx+xml", Ext: ".gpx", Write: GPX},
	{Name: "kml", ContentType: "application/vnd.google-earth.kml+xml", Ext: ".kml", Write: KML},
	{Name: "jsonld", ContentType: "application/ld+json", Ext: ".jsonld", Write: JSONLD},
	{Name: "svg", ContentType: "image/svg+xml", Ext: ".svg", Write: SVG},
	{Name: "text", ContentType: "text/plain; charset=utf-8", Ext: ".txt", Itinerary: true, Write: Text},
	{Name: "markdown", ContentType: "text/markdown; charset=utf-8", Ext: ".md", Itinerary: true, Write: Markdown},
	{Name: "ics", ContentType: "text/calendar; charset=utf-8", Ext: ".ics", Write: ICS},
}

// Formats returns every format of the package: json, geojson, gpx, kml,
// jsonld, svg, text, markdown and ics, in that order. The slice is the
// caller's to modify.
func Formats() []Format { return slices.Clone(formats[:]) }

// FormatNames returns the names of [Formats], in the same order.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// ParseFormat returns the format named name (exactly, in lower case). An
// unknown name is an error listing the known ones.
func ParseFormat(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("export: unknown format %q (known: %s)", name, strings.Join(FormatNames(), ", "))
}
