// Package export writes a [route.Plan] in the formats that maps, apps and
// web pages read: [GeoJSON] (RFC 7946) for web maps, [GPX] 1.1 for hiking
// and navigation apps, [KML] 2.2 for Google Earth, schema.org TouristTrip
// [JSONLD] for tourism pages and search engines, a readable itinerary in
// Chinese or English as [Text] or [Markdown], and an [SVG] map picture
// that needs no tile server. [Layout] lays that picture out without
// writing it and tells its [Projection] and frame, so that tiles or
// overlays can be placed on it exactly; the picture also states them in
// data attributes of its root element.
//
// Every function takes the plan and [Option]s: [Datum] converts the
// coordinates written for China's map SDKs, [Catalog] enriches the stops
// that are heritage sites with their facts, [Lang] picks the language of
// names and labels, [Title] names the trip, [Mode] names the way of
// travel in the itinerary, and [Size] sizes the picture.
//
// # Units
//
// Coordinates are written [lon, lat] (GeoJSON, KML) or as lat/lon
// attributes (GPX) in degrees with 6 decimals, WGS-84 unless [Datum] says
// otherwise. The SVG picture is measured in CSS pixels, x to the right
// and y downwards. Distances are metres (distance_m) and durations seconds
// (duration_s, visit_s, wait_s) in machine-readable outputs, kilometres and
// minutes in the itinerary text. Times are RFC 3339: in the plan's own
// time zone in GeoJSON and JSON-LD, in UTC in GPX and KML as those formats
// expect. A plan without calendar times (its days have no Window.Open) is
// written without times.
//
// # Concurrency
//
// The functions keep no state: they may be called concurrently, on the
// same plan too, which they do not modify.
//
// # Determinism
//
// The same plan and options give byte-identical output.
package export
