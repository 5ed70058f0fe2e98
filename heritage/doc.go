// Package heritage models cultural-heritage sites — first of all the
// Jin-state (晋国) sites of Jiang County (绛县), Shanxi, and their
// neighbours — and holds catalogs of them: the embedded, sourced default
// catalog ([Default]) and catalogs loaded from GeoJSON or JSON files
// ([Load], [LoadFile]), merged with [Merge] and written back with
// [Catalog.WriteGeoJSON]. [Site.Feature] is the one encoder of a site as
// GeoJSON (orb's geojson.Feature), optionally in another [geo.Datum].
//
// A [Site] carries names in Chinese, pinyin and English, a [Kind], a
// [Period], an official [Designation], a WGS-84 location with its
// precision and provenance, history notes with sources, themes, visit
// facts and a planning score ([DefaultScore]). What a visitor finds on
// the ground is optional: what there is to see ([Experience]), whether
// one can get in ([Access]), how sure the hours are ([HoursStatus]), the
// tourist [Rating], the address and entrance, the museums that present a
// site, and its recurring [Event]s ([Site.EventsOn]). Anchor kinds
// ([Town], [RailStation], [Hotel]) mark the non-heritage places routes
// start from.
//
// A [Catalog] answers queries: [Catalog.Get] by ID, [Catalog.Filter] by
// kind, theme, designation level and period, [Catalog.Search] over all
// names, [Catalog.Nearest], [Catalog.Within] and [Catalog.InBound] in
// space, and [Catalog.Timeline] in time.
//
// Loading validates everything and reports every problem at once in a
// [*ValidationError]: a catalog loads whole or not at all.
//
// Opening hours use a documented subset of OpenStreetMap's opening_hours
// syntax ([ParseOpeningHours]); [OpeningHours.On] turns them into open
// intervals on a calendar day.
//
// The GeoJSON schema, the opening-hours subset and the score rule are
// documented with examples in the package README.
//
// # Units
//
// Coordinates are [orb.Point] values [lon, lat] in degrees, WGS-84.
// Distances and radii ([Site.PrecisionM], [Catalog.Within]) are metres on
// the sphere of [geo.EarthRadius]. Visit durations are [time.Duration]
// ([Visit.Duration]); in JSON they are whole minutes. Years are
// calendar years with BCE negative and no year 0 (1 BCE is -1).
//
// # Concurrency
//
// A [*Catalog] is immutable once built and safe for concurrent use by
// many goroutines. Sites returned by its methods share their inner slices
// and pointers with the catalog (and what sites repeat, such as periods,
// with its other sites); treat them as read-only or [Site.Clone] them.
// [OpeningHours] values are immutable and safe to share. [Default] loads
// the embedded data once, on first use, and returns the same catalog on
// every call.
//
// # Determinism
//
// Every query returns its results in a documented, deterministic order:
// [Catalog.Search] and [Catalog.Timeline] break ties by site ID, the
// spatial queries by catalog order (the order of the input, and of the
// catalogs given to [Merge]). [Catalog.WriteGeoJSON] writes the same bytes
// for equal catalogs.
package heritage
