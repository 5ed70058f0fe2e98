// Package web is chuanzhu's HTTP API and embeddable map for tourism
// websites: [NewHandler] returns an [net/http.Handler] over a heritage
// catalog that any Go server can mount.
//
// # Endpoints
//
//   - GET /api/sites: the catalog as a GeoJSON FeatureCollection
//     (application/geo+json) in heritage's schema; coordinates in GCJ-02
//     or BD-09 are stated in a top-level "datum" member (WGS-84, GeoJSON's
//     own datum, has none, so heritage.Load reads the answer back). Query parameters: theme and kind (lists, repeated or
//     comma-separated; a site must match one of each), q (text search over
//     all names, results best match first), near=lon,lat with radius in
//     metres (default [DefaultRadius]; results nearest first), datum
//     (wgs84, gcj02 or bd09: the datum of near and of the coordinates
//     written). Unknown parameters are errors.
//   - GET /api/sites/{id}: one site as a GeoJSON Feature; IDs contain
//     slashes (/api/sites/jiangxian/chexiangcheng). Parameter: datum.
//   - GET /api/lines: the catalog's themed lines (tour.Lines) as JSON:
//     {"datum", "lines": [{"id", "theme", "name", "base", "sites",
//     "length_m", "travel_s", "duration_s", "description", "left_out"}]}.
//     Parameters: theme (list), datum.
//   - POST /api/plan: plans a trip. The body is a [tour.Request] in its
//     JSON form, read strictly by [tour.DecodeRequest] (unknown members
//     are rejected; points are in the request's "datum", which is also the
//     datum of the answer); at most [WithMaxStops] sites. The answer is
//     the plan as JSON (days with their visits, legs and break, the sites
//     left out with the reason, totals and the solver's status), or with
//     ?format= any other name of export.Formats (geojson, gpx, kml,
//     jsonld, svg, text, markdown) in that format with its content type.
//     Parameter lang (zh or en) picks the language of names and of the
//     itinerary.
//   - GET /embed: an HTML page for an iframe drawing a themed line
//     (line=ID) or a plan over sites (sites=id1,id2,…, with optional
//     start=ID or lon,lat, date, mode, hours; for a line these plan it
//     anew). It shows the route/export SVG map with a small inline script:
//     hovering a place shows its name and note, clicking a stop shows its
//     details. tiles=URL-template ({z}, {x}, {y}, optional {s} with
//     tiles_subdomains) draws XYZ Web-Mercator tiles under the route;
//     tiles_datum=gcj02 shifts tiles drawn in GCJ-02 (AMap, Tencent) so
//     they line up with the WGS-84 route; tiles_attribution sets the
//     credit line. The page loads no external script or font; its
//     Content-Security-Policy allows only its own nonce'd inline script
//     and style, and images from the tile host. It may be framed by any
//     site.
//
// # Plan JSON
//
// The plan answer is written by route/export's JSON function, whose
// package documentation gives the schema in full. In short, it is
// {"datum", "status" (optimal, converged,
// deadline-reached), "score", "visited", "distance_m", "travel_s",
// "visit_s", "wait_s", "days", "skipped", "stats"}. Each day has "day"
// (from 1), "date", "start" and "end" places ({"id", "name", "name_en",
// "location": [lon, lat]}; end is null for an open day), "depart" and
// "return" (RFC 3339 in China Standard Time, UTC+8, the planner's zone),
// "visits" (places with "seq" through the whole trip as on
// the map, "score", "arrival", "start", "departure", "wait_s",
// "visit_s"), "legs" ({"from", "to", "distance_m", "duration_s",
// "distance_min_m", "distance_max_m", "duration_min_s", "duration_max_s":
// expected values and their range for roughly located places}),
// "break" (null or {"after", "place", "start", "end", "wait_s"}) and the
// day's totals. "skipped" lists every site not visited with "reason"
// (budget, closed, unreachable) and "detail". Distances are metres,
// durations whole seconds.
//
// # Errors
//
// Every error is JSON, {"error": {"code": "...", "message": "..."}}, with
// these statuses and codes:
//
//   - 400 bad_json: the body is not one JSON object (malformed, empty,
//     trailing data); unknown_field: a member the request does not have;
//     bad_field: a member of the wrong type or value (an hours of 30, an
//     unknown mode or datum, a point off the globe); bad_date: a date
//     that is not in the calendar ("2027-02-30"); bad_query: a bad or
//     unknown query parameter.
//   - 403 cors_forbidden: a CORS preflight from an origin not allowed.
//   - 404 not_found: an unknown site ID in GET /api/sites/{id}, an unknown
//     line, or an unknown path.
//   - 405 method_not_allowed, with an Allow header.
//   - 413 body_too_large: a body over the limit ([DefaultMaxBody], see
//     [WithMaxBody]).
//   - 415 unsupported_media: a POST whose Content-Type is not JSON.
//   - 422: the request is well-formed but cannot be planned:
//     unknown_site (a site ID the catalog lacks: 422 rather than 404,
//     since the endpoint exists and the fault is in the body),
//     unknown_theme, no_sites, too_many_stops (more sites than
//     [DefaultMaxStops], see [WithMaxStops]), too_large (more days or
//     sites than the planner itself allows, tour.MaxDays and
//     tour.MaxSites), unplannable (the planner refused the problem, e.g.
//     a start point too far away to reach).
//   - 503 canceled: the client went away during the solve (no one reads
//     it, but proxies may); busy: no solver was free within the plan
//     deadline (see [WithMaxConcurrentPlans]).
//
// # Limits
//
// Each plan is solved under a deadline ([DefaultPlanTimeout], see
// [WithPlanTimeout]) taken from the request's context, so a client that
// disconnects cancels its solve; a solve cut short by the deadline
// returns its best plan with status "deadline-reached". At most
// GOMAXPROCS plans are solved at once ([WithMaxConcurrentPlans]); others
// wait their turn within the same deadline, so that CPU-bound solves do
// not starve the catalog requests. Request bodies are read through
// [net/http.MaxBytesReader].
//
// # Caching
//
// The catalog responses (sites, one site, lines) carry a strong ETag, a
// hash of the body, and Cache-Control "public, max-age=300"; a request
// whose If-None-Match matches gets 304 Not Modified. Plans and the embed
// page are not cached (no-store): they depend on the solver's deadline
// and the page carries a per-response nonce.
//
// # CORS
//
// By default the handler is same-origin only: it sends no CORS headers
// and refuses preflights. [WithCORS] allows listed origins (or "*").
//
// # Concurrency
//
// The handler is safe for concurrent use. It encodes the catalog's
// GeoJSON per datum and computes the themed lines once, on first use.
package web
