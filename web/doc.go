// Package web is chuanzhu's HTTP API and embeddable map for tourism
// websites: [NewHandler] returns a [Handler], an [net/http.Handler] over
// a heritage catalog that any Go server can mount and whose catalog can
// be replaced while it serves.
//
// # Endpoints
//
//   - GET /api/sites: the catalog as a GeoJSON FeatureCollection
//     (application/geo+json) in heritage's schema; coordinates in GCJ-02
//     or BD-09 are stated in a top-level "datum" member (WGS-84, GeoJSON's
//     own datum, has none, so heritage.Load reads the answer back).
//     Query parameters: theme and kind (lists, repeated or
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
//     datum of the answer); at most [MaxStops] sites. The answer is
//     the plan as JSON (days with their visits, legs and break, the sites
//     left out with the reason, totals and the solver's status), or with
//     ?format= any other name of export.Formats (geojson, gpx, kml,
//     jsonld, svg, text, markdown, ics) in that format with its content type.
//     Parameter lang (zh or en) picks the language of names and of the
//     itinerary.
//   - GET /embed: an HTML page for an iframe drawing a themed line
//     (line=ID) or a plan over sites (sites=id1,id2,…, with optional
//     start=ID or lon,lat, date, mode, hours; for a line these plan it
//     anew). The page fills its frame from 320 px wide: on narrow frames
//     the map above the itinerary, on frames 760 px or wider side by
//     side. The map is the route/export SVG, moved by a small inline
//     script: drag, wheel, pinch and the +/− buttons pan and zoom it
//     (from the whole map to 32 times closer; a drag never leaves the
//     route behind), while markers and labels keep their screen size
//     (labels move around their marker, or hide, rather than overlap),
//     and the tiles (below) follow the view at the zoom that fits it.
//     The itinerary lists each day's stops with their times, the legs
//     (with ranges and location advice where places are known only
//     roughly), the break and the sites left out, in words the server
//     writes; tapping a stop in the list shows it on the map and the
//     other way round. download=gpx, kml or ics answers the page's plan
//     as a file (each offered when its export format can write the
//     plan: ics needs dates). A print stylesheet prints the whole route
//     and the itinerary on A4.
//   - GET /plan: the visitor's planner: a form (theme or sites, start,
//     date, start_time, hours, days, mode) that submits to the page
//     itself, so the plan is in the URL (shared, bookmarked, and the back
//     button returns to the plan before); with theme or sites given it
//     shows the plan in /embed's layout. Parameters as for POST
//     /api/plan's request members, plus lang and download; empty ones
//     count as not given.
//   - POST /plan: the planner's script submits the form here, so that
//     the plan appears in place: the body is a [tour.Request] as for POST
//     /api/plan (only the members the form sets), the answer the page GET
//     /plan gives for it, with that page's address in Content-Location
//     (the script shows it in the address bar). Errors of both come as
//     the planner page with the message above the form.
//   - GET /healthz: {"status": "ok"} while the handler serves (liveness).
//   - GET /readyz: readiness, 200 or 503, with a JSON report: "ready",
//     "reasons" (why not), "catalog" ({"sites", "loaded", "etag"}: the
//     ETag of GET /api/sites, which changes with the catalog), "plans"
//     ({"solvers", "running", "waiting", "max_waiting",
//     "typical_solve_ms", "solved", "shed", "saturated"}) and "reload"
//     (null before the first [Handler.Reload], then {"count", "at", "ok",
//     "error", "problems", "problem_count"}). It answers 503 when the
//     catalog's GeoJSON cannot be built or when the solvers are saturated
//     (a plan request now would be shed). A failed reload is reported but
//     leaves the handler ready: the previous catalog still serves, and
//     taking the server out of rotation would turn a bad edit into an
//     outage.
//
// Both pages take lang=zh or lang=en; without it the language is the
// first of zh and en in the Accept-Language header, else zh. They load no
// external script or font; their Content-Security-Policy allows only
// their own nonce'd inline script and style, and images from the tile
// host. They may be framed by any site. Bad parameters get an HTML page
// in the page's language with the API's status and error code (the JSON
// API stays JSON).
//
// # Tiles
//
// /embed draws XYZ Web-Mercator tiles under the route with:
//
//   - tiles: a URL template, absolute http or https, with {z}, {x}, {y}
//     and optionally {s} ("https://{s}.tile.example/{z}/{x}/{y}.png").
//   - tiles_subdomains: the values of {s}: a comma-separated list
//     ("a,b,c", the default) or, as Leaflet's subdomains option, a
//     string of one-character labels ("1234"); at most 8.
//   - tiles_datum: wgs84 (default) or gcj02 for tiles drawn in GCJ-02
//     (AMap, Tencent), which are shifted so they line up with the WGS-84
//     route. Baidu's BD-09 tiles do not use the XYZ grid and are refused.
//   - tiles_attribution: the credit line (at most 200 bytes), shown
//     inside the map's frame, at its lower right.
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
// "visit_s", and for catalog sites "hours_status", "note" when the hours
// are not confirmed, and "events" held on the day), "legs" ({"from", "to",
// "distance_m", "duration_s", "distance_min_m", "distance_max_m",
// "duration_min_s", "duration_max_s": expected values and their range for
// roughly located places}),
// "break" (null or {"after", "place", "start", "end", "wait_s"}) and the
// day's totals. "skipped" lists every site not visited with "reason"
// (budget, closed, unreachable) and "detail". Distances are metres,
// durations whole seconds.
//
// # Errors
//
// Every API error is JSON, {"error": {"code": "...", "message": "..."}},
// with these statuses and codes (the pages /embed and /plan answer with
// the same status and show the code on an HTML page):
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
//     [MaxBody]).
//   - 415 unsupported_media: a POST whose Content-Type is not JSON.
//   - 422: the request is well-formed but cannot be planned:
//     unknown_site (a site ID the catalog lacks: 422 rather than 404,
//     since the endpoint exists and the fault is in the body),
//     unknown_theme, no_sites, too_many_stops (more sites than
//     [DefaultMaxStops], see [MaxStops]), too_large (more days or
//     sites than the planner itself allows, tour.MaxDays and
//     tour.MaxSites), unplannable (the planner refused the problem, e.g.
//     a start point too far away to reach).
//   - 500 internal: a bug; the body's error has a "request_id" member
//     too, naming the log record with the panic's stack.
//   - 503 canceled: the client went away during the solve (no one reads
//     it, but proxies may); busy: the plan request was shed (see
//     Overload), with a Retry-After header in seconds.
//
// # Limits
//
// Each plan is solved under a deadline ([DefaultPlanTimeout], see
// [PlanTimeout]) taken from the request's context, so a client that
// disconnects cancels its solve; the deadline counts the wait for a
// solver too. A solve cut short by the deadline returns its best plan
// with status "deadline-reached". The default of 2 s follows from the
// solve times: the largest plan of the embedded catalog (all its sites
// over three days) converges in about 0.2 s of one core, and a plan
// request waits for a solver within the same deadline. Request bodies
// are read through [net/http.MaxBytesReader]. Timeouts on slow clients
// belong to the [net/http.Server] that serves the handler
// (ReadHeaderTimeout and the others; "chuanzhu serve" sets them all).
//
// # Overload
//
// Solving is CPU-bound, so plans are solved by a fixed number of solvers
// ([MaxConcurrentPlans]; by default one less than GOMAXPROCS, at
// least one, so that a core is left for the other requests). The catalog
// requests (sites, one site, lines, health) are served from bytes
// computed once per catalog and never wait for a solver: plans cannot
// starve them. A plan request that finds every solver busy waits in a
// bounded queue ([MaxQueuedPlans], 32 per solver by default) only if
// the handler expects it to be solved within its deadline: it learns the
// typical solve time (a moving average, a quarter of the deadline before
// the first solve) and sheds a request at once, with 503 "busy" and
// Retry-After, when the requests before it would not leave it time to be
// solved, or when the queue is full. A request still waiting at its
// deadline gets the same answer. Clients should wait as Retry-After says.
//
// With 200 concurrent plan clients on two cores (each solve 150 ms of
// CPU, a 1 s deadline), the site queries keep a p99 under 500 ms
// (TestOverload; measured 40–250 ms, against 12–80 ms without the plan
// clients on the same busy machine, and a median under 10 ms) while most
// plans are shed within milliseconds.
//
// # Logging and request IDs
//
// Every response carries an X-Request-ID header: the request's own when
// it is 1–64 letters, digits, "-", "_" or ".", else a new one. With
// [Logger] the handler writes an access log record per request
// through [log/slog] (method, path without the query, status, bytes,
// duration, request ID; never the body), at level Info, or Debug for the
// health probes. A panic while serving a request is recovered: it is
// logged with its stack and the request ID (to the Logger logger or
// [slog.Default]) and answered 500 "internal" with the ID, or, when the
// response had already started, the response is aborted.
//
// # Reloading the catalog
//
// [Handler.SetCatalog] replaces the catalog: the new catalog's GeoJSON
// and themed lines are computed first, then it is swapped in atomically
// for the requests that start from then on, while requests in flight
// finish on the catalog they started with. [Handler.Reload] does the
// same with a catalog loaded by a function (heritage.LoadFile, say),
// which validates it completely first: when loading fails, the running
// catalog keeps serving, every problem is logged (with the site and
// field heritage names) and GET /readyz reports the failed reload until
// a reload succeeds. The ETags of the catalog responses are hashes of
// their bodies, so they change with the catalog. "chuanzhu serve"
// reloads its -data files on SIGHUP.
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
// and refuses preflights. [CORS] allows listed origins (or "*").
//
// # Concurrency
//
// The handler is safe for concurrent use, SetCatalog and Reload
// included. It encodes a catalog's GeoJSON per datum and computes its
// themed lines once: on first use for the catalog given to NewHandler,
// before the swap for a catalog given to SetCatalog.
package web
