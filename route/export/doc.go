// Package export writes a [route.Plan] in the formats that maps, apps and
// web pages read: [GeoJSON] (RFC 7946) for web maps, [GPX] 1.1 for hiking
// and navigation apps, [KML] 2.2 for Google Earth, schema.org TouristTrip
// [JSONLD] for tourism pages and search engines, the plan as data in
// chuanzhu's own [JSON] form for programs, a readable itinerary in
// Chinese or English as [Text] or [Markdown], the visits as calendar
// events in an iCalendar file ([ICS]), and an [SVG] map picture that
// needs no tile server. [Formats] and [ParseFormat] list them with their
// media types and file extensions, for callers that let a user pick one.
// [Layout] lays the SVG picture out without writing it and tells its
// [Projection] and frame, so that tiles or overlays can be placed on it
// exactly; the picture also states them in data attributes of its root
// element.
//
// Every function takes the plan and [Option]s: [Datum] converts the
// coordinates written for China's map SDKs, [Catalog] enriches the stops
// that are heritage sites with their facts, [Lang] picks the language of
// names and labels, [Title] names the trip, and [Size] sizes the picture;
// [Underlay] and [Inline] compose the picture with a caller's layers and
// page. The way of travel ("12 min drive", "车程") is the plan's own
// [route.Plan.Mode].
//
// The words (distances such as "30.6 km" / "30.6 公里", durations such as
// "1 h 35 min" / "1 小时 35 分钟", dates, counts) are spelled by the
// module's internal/phrase package, as in tour's line descriptions and
// web's embed page.
//
// # Units
//
// Coordinates are written [lon, lat] (GeoJSON, KML) or as lat/lon
// attributes (GPX) in degrees with 6 decimals, WGS-84 unless [Datum] says
// otherwise. The SVG picture is measured in CSS pixels, x to the right
// and y downwards. Distances are metres (distance_m) and durations seconds
// (duration_s, visit_s, wait_s) in machine-readable outputs, metres or
// kilometres and hours and minutes in the itinerary text. Times are RFC
// 3339: in the plan's own time zone in GeoJSON, JSON and JSON-LD, in UTC
// in GPX and KML as those formats expect; ICS writes UTC date-times. A plan without calendar times (its days have no Window.Open) is
// written without times.
//
// # JSON
//
// [JSON] writes one object:
//
//	{"datum", "status", "score", "visited", "distance_m", "travel_s",
//	 "visit_s", "wait_s", "days": [day…], "skipped": [skip…],
//	 "stats": {"iterations", "runtime_ms"}}
//
// datum is the coordinates' datum (wgs84, gcj02 or bd09); status is how
// the search ended (optimal, converged, deadline-reached, canceled);
// score and visited are the visited stops' total score and number, and
// the rest the plan's totals. A day is
//
//	{"day" (from 1), "date" (YYYY-MM-DD), "start": place, "end": place
//	 or null for an open day, "depart", "return", "visits": [visit…],
//	 "legs": [leg…], "break": break or null (always null on a day that
//	 visits nothing), "score", "distance_m",
//	 "travel_s", "visit_s", "wait_s"}
//
// A place is {"id", "name", "name_en", "location": [lon, lat],
// "precision_m"}, precision_m being the radius in metres within which the
// place lies, from the [Catalog] (absent when unknown), and "nav":
// {"amap", "baidu", "geo"}, the links that find it on the ground (see
// Navigation below; absent for a place without a location); a visit
// is a place's members with "seq" (its number through the whole trip,
// from 1, as on the SVG map), "score", "arrival", "start", "departure",
// "wait_s" and "visit_s", and for a heritage site of the [Catalog]
// "hours_status" (official, reported, estimated or unknown: how sure its
// opening hours are), "note" ({"zh", "en"}: "opening hours not confirmed:
// call ahead", when they are neither official nor reported) and
// "events" ([{"name": {"zh", "en"}, "lunar" or "date", "days"}]: the
// sourced events the site holds on the day of the visit, such as a
// temple fair); a leg is {"from", "to" (place IDs, or names for
// places without one), "distance_m", "duration_s", "distance_min_m",
// "distance_max_m", "duration_min_s", "duration_max_s"} (the expected
// values the schedule uses and their range, equal where both ends are
// precise: see route's "Imprecise places"); a break is {"after"
// (the number of visits before it; 0 means before leaving), "place",
// "start", "end", "wait_s"}; a skip is {"id", "name", "name_en",
// "reason" (budget, closed, unreachable), "detail"}.
//
// Times are RFC 3339 with the plan's own offset; durations are whole
// seconds (members ending _s), distances metres to 0.1 m (_m), the
// runtime milliseconds to 0.01 ms, coordinates degrees to 6 decimals.
// Lists are never null. Members that may be left out: date and every
// time of a plan without calendar times, an id, name or name_en that is
// unknown. Members keep their names and meanings; new ones may be
// added, so a reader should ignore members it does not know.
//
// # Precision
//
// A catalog site's location is known to within its precision_m. A place
// known only to within more than 500 m (a tomb located to its township,
// say) is written as what it is: the SVG map draws a halo of that radius,
// to scale, round its point and says "approximate location" in the
// legend, and draws its legs dashed, as straight-line sketches whose
// tooltip gives the leg's estimated travel and its range; the map's
// marker tooltip, the itinerary, GPX, KML and ICS descriptions and
// JSON-LD say how to find it ("Location known only to within 23.5 km: ask for 晋文公墓 绛县卫庄镇") and
// its legs' travel as an estimate ("about 12 min drive"), as do the day's
// and the trip's totals of travel that include such a leg; JSON-LD gives
// its geo as a GeoCircle; GeoJSON marks its legs "approximate". Places
// known to within 500 m, and places the catalog does not know, are
// written as exact points, as before. The search text is the site's
// sourced address once the catalog has addresses; until then it is the
// site's Chinese name and the township of its region (the region up to
// its first 镇 or 乡).
//
// # Opening hours
//
// A plan takes a site whose opening hours are estimated or unknown (its
// hours_status in the [Catalog] is neither official nor reported) to be
// open, or open in the estimated hours, so its visit's times are a guess:
// the itinerary, the GPX, KML and ICS descriptions, JSON-LD's description
// and the plan JSON's note say "Opening hours not confirmed: call ahead"
// ("开放时间未经证实，请提前致电确认") for such a visit.
//
// # Navigation
//
// Every place of the plan JSON, and in [Markdown] each visit, each day's
// start and an end elsewhere, has links a phone opens to find it:
//
//   - AMap (Gaode), its web URI API
//     (https://lbs.amap.com/api/uri-api/summary/): a pin,
//     https://uri.amap.com/marker?position=lon,lat&name=…&coordinate=gaode&callnative=1&src=chuanzhu
//     with the point in GCJ-02 (the API's default datum, "gaode"); for
//     a coarse place a keyword search near it,
//     https://uri.amap.com/search?keyword=…&center=lon,lat&radius=metres&view=map&coordinate=gaode&callnative=1&src=chuanzhu.
//     callnative=1 opens the AMap app when the phone has it.
//   - Baidu Maps, its web URI API
//     (https://lbsyun.baidu.com/index.php?title=uri/api/web): a pin,
//     https://api.map.baidu.com/marker?location=lat,lng&title=…&content=…&coord_type=bd09ll&output=html&src=…
//     with the point in BD-09 and coord_type saying so; for a coarse
//     place a place search near it,
//     https://api.map.baidu.com/place/search?query=…&location=lat,lng&radius=metres&coord_type=bd09ll&output=html&src=….
//   - A geo URI (RFC 5870, https://www.rfc-editor.org/rfc/rfc5870):
//     geo:lat,lon in WGS-84, which phone map apps open; for a coarse place
//     with the RFC's uncertainty parameter, geo:lat,lon;u=metres.
//   - In Markdown, where browsers open no geo URI, an OpenStreetMap link
//     instead (https://wiki.openstreetmap.org/wiki/Browsing): a marker,
//     https://www.openstreetmap.org/?mlat=…&mlon=…#map=16/lat/lon, or for a
//     coarse place a search, https://www.openstreetmap.org/search?query=….
//
// A pin is dropped at the site's entrance when the catalog knows it, else
// at its point, and named with the site's Chinese name. A coarse place
// (see Precision) gets no pin on what may be a township's centre: its
// links search for its search text within its precision. Link values are
// URL-encoded (url.QueryEscape); coordinates have 6 decimals.
//
// # Concurrency
//
// The functions keep no state: they may be called concurrently, on the
// same plan too, which they do not modify.
//
// # Determinism
//
// The same plan and options give byte-identical output, except [ICS]'s
// DTSTAMP, which is the time of writing.
package export
