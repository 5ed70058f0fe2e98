// Package tour is chuanzhu's high-level planner: it turns a visitor's
// request — these sites or this theme, from here, on this date, for so
// many hours and days, by car or on foot — into a [route.Plan], and it
// strings a catalog's sites into named themed lines (串珠成线) that a
// county could print on a brochure.
//
// [Plan] serves the examples, the chuanzhu command's plan subcommand and
// the web API's POST /api/plan alike; its [Request] is the JSON body of
// that endpoint. [Problem] shows the [route.Problem] a request becomes.
//
// [Lines] and [ThemeLines] build themed lines: for each theme, compact
// groups of sites (no two more than [MaxSpan] apart within a county,
// [MaxCrossSpan] across a county border, each fitting in a day), each visited in the shortest loop from the nearest anchor (town
// or station), with a bilingual description made from the sites' own
// names, periods and notes, and a list of the theme's sites each line
// leaves out and why. With [StoryOrder] a line is ordered so its history
// unfolds oldest first, at a bounded extra length.
//
// # Requests and defaults
//
// The zero value of every [Request] field means a documented default: the
// start is the catalog's county seat (its first town anchor), the end is
// the start (a loop), a day starts at 08:30 and lasts 8 hours, one day,
// by car ("drive"), in China Standard Time (a fixed UTC+8 zone, so no
// time-zone database is needed), and the date is today. Days of at least
// 6 hours that span 11:30–13:30 include a 60-minute lunch break within
// that window; a Break of 0 turns it off. Bad requests return a
// [*FieldError] that names the field ("sites[2]", "hours", "date"), with
// a sentinel ([ErrUnknownSite], [ErrTooLarge], …) a web handler can map to
// a status code. A Request's JSON form is the body of the web API's POST
// /api/plan: [DecodeRequest] reads it strictly, with errors of the same
// kind ([ErrSyntax], [ErrUnknownField] or [ErrInvalid]), naming the member.
//
// # Story order
//
// A site's place in the story is the first year of its period, or, when
// the catalog gives no year, the conventional first year of the era its
// Chinese period name begins with (仰韶, 龙山, 西周, 春秋, …, 明, 清; 早期,
// 中期 and 晚期 take the era's first, middle and last third). A pair of
// sites visited newer first is an inversion. [StoryOrder](x) takes, among
// the orders at most x longer than the shortest and within the day, one
// with the fewest inversions, and the shortest of those: tour ranks the
// sites by year and [route.StoryOrder] orders and schedules the line's
// day, exactly for lines of up to [StoryExactLimit] sites. The line's
// [Story] reports the extra length and travel time as ratios and the
// inversions left.
//
// # JSON
//
// [WriteJSON] writes lines as one JSON object and a newline: the body of
// the web API's GET /api/lines and the output of "chuanzhu lines -format
// json". Its members:
//
//	datum        "wgs84", "gcj02" or "bd09": the datum of every location
//	lines        array of lines, in the order given:
//	  id           the line's ID, e.g. "jin-culture/jiangxian"
//	  theme        {slug, zh, en}: the theme's slug and names
//	  name         {zh, en}: the line's title, heritage.Text's JSON form
//	               ("en" is left out when empty, never for a line tour
//	               made)
//	  base         place the line starts from and returns to; null for an
//	               open path
//	  sites        array of places, in visiting order
//	  length_m     length in metres, rounded to 0.1 m
//	  travel_s     travel time in whole seconds
//	  duration_s   the whole day, travel and visits, in whole seconds
//	  description  {zh, en}
//	  left_out     array of {id, name, name_en, reason, detail}: the
//	               theme's sites not on the line; reason is one of
//	               "other-line", "budget", "outside", "closed",
//	               "unreachable"; detail is {zh, en}
//	  story        only with [StoryOrder]: {max_extra, extra, extra_travel
//	               (ratios), shortest_m (0.1 m), inversions,
//	               shortest_inversions, pairs, exact (bool)}
//
// A place is {id, name, name_en, location, precision_m} as in
// route/export's JSON form of a plan: the site's ID and Chinese and
// English names (id and name_en left out when empty), location [lon, lat]
// in the datum, rounded to 1e-6 degrees, and precision_m, the radius in
// metres within which the catalog knows the site to lie (left out when
// unknown): a tomb known only to its township is not a pin. Arrays are
// never null; text is not HTML-escaped.
//
// # Units
//
// Distances are metres (float64), durations [time.Duration] (the JSON
// form of a [Request] writes the day length in hours and the break in
// minutes). Points are orb.Point [lon, lat] in degrees, WGS-84, except
// the points of a Request, which are in its Datum.
//
// # Concurrency
//
// The functions keep no state and only read the catalog, which is safe
// for concurrent use: they may be called from many goroutines.
//
// # Determinism
//
// Lines and the plans of [Plan] are deterministic for the same catalog,
// options and seed, unless a time limit or a context deadline cuts the
// search short. [Plan] with a zero Request.Date reads the clock for
// today's date.
package tour
