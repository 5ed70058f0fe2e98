package tour

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// Plan plans req over the sites of cat: it builds the [route.Problem]
// with [Problem] and solves it with [route.Solve] and opts (a time limit,
// a seed, …). The plan's stops carry the site IDs of cat, so the
// route/export writers given export.Catalog(cat) can describe them.
//
// Bad requests return a [*FieldError] naming the field, also (wrapping
// [ErrUnplannable]) a request whose start is so far from every site that
// nothing could be visited; errors from route.Solve (a canceled context,
// …) are returned as they are.
func Plan(ctx context.Context, cat *heritage.Catalog, req Request, opts ...route.Option) (*route.Plan, error) {
	p, err := Problem(cat, req)
	if err != nil {
		return nil, err
	}
	return route.Solve(ctx, p, opts...)
}

// Problem converts req into the [route.Problem] that [Plan] solves:
//
//   - the stops are req.Sites (or the heritage sites carrying req.Theme,
//     or every heritage site of cat), converted by route.StopsFromSites:
//     each with its visit duration, its score, and windows from its
//     opening hours on the trip's dates; a site with known opening hours
//     that is closed on every day of the trip is marked Closed, a site
//     without known hours is taken as always open. No stop is Required:
//     sites that do not fit are left out of the plan with a reason rather
//     than failing it;
//   - day d runs from StartTime on Date+d for DayLength, from Start (or
//     the previous night's hotel) to End (or that night's hotel), with the
//     daily Break; points are converted from req.Datum to WGS-84;
//   - the travel mode is req.Mode.
//
// Anchors (towns, stations, hotels) are never stops. Problem reads cat
// and the clock (for a zero Date) only.
//
// When no site could be visited on any day even alone — each too far
// from the day's start and end, by the great-circle distances, for the
// day's length — Problem returns a [*FieldError] for "start" (or "end",
// "hotels") wrapping [ErrUnplannable], which names the nearest site: a
// start in Beijing for a trip in Jiang County is an error, not an empty
// plan.
func Problem(cat *heritage.Catalog, req Request) (route.Problem, error) {
	var p route.Problem
	if cat == nil {
		return p, fieldErr("catalog", "", ErrInvalid, "no catalog")
	}
	s, err := newSchedule(req)
	if err != nil {
		return p, err
	}
	sites, err := requestSites(cat, req)
	if err != nil {
		return p, err
	}
	start, end, nights, err := tripPlaces(cat, req, s.days)
	if err != nil {
		return p, err
	}
	if p.Stops, err = route.StopsFromSites(sites, s.date.At(0, s.loc), s.days); err != nil {
		return p, fieldErr("sites", "", ErrInvalid, "%v", err)
	}
	p.Mode = s.mode
	p.Days = s.routeDays(start, end, nights)
	if err := inReach(p, req); err != nil {
		return p, err
	}
	return p, nil
}

// inReach returns an error wrapping ErrUnplannable when no stop of p can
// be visited on any day, by a bound that never refuses a plannable
// request: every route from a day's start through a stop to its end is
// at least as long as the great circles start–stop–end (the solver's
// legs are never shorter than the great circle between the given points
// times the mode's circuity), so a stop whose travel over those plus its
// visit exceeds the day — less a second per leg a route could have, for
// the solver's rounding — cannot be visited that day.
func inReach(p route.Problem, req Request) error {
	slack := time.Duration(len(p.Stops)+1) * time.Second
	var nearName, nearID string
	near := math.Inf(1)
	for _, d := range p.Days {
		length := d.Window.Close.Sub(d.Window.Open) + slack
		for _, st := range p.Stops {
			via := geo.Distance(d.Start.Location, st.Location) + geo.Distance(st.Location, d.End.Location)
			if t, err := p.Mode.Duration(via); err == nil && t+st.Visit <= length {
				return nil
			}
			if m := geo.Distance(p.Days[0].Start.Location, st.Location); m < near {
				near, nearName, nearID = m, st.Name, st.ID
			}
		}
	}
	field, value := "start", req.Start.String()
	if t, err := p.Mode.Duration(near); err == nil && t <= p.Days[0].Window.Close.Sub(p.Days[0].Window.Open)+slack {
		field, value = "end", req.End.String() // the start is near enough: the way on is not
		if len(req.Hotels) > 0 {
			field, value = "hotels", ""
		}
	}
	hours := strconv.FormatFloat(p.Days[0].Window.Close.Sub(p.Days[0].Window.Open).Hours(), 'f', -1, 64)
	return fieldErr(field, value, ErrUnplannable,
		"every site is unreachable: none can be reached, visited and left within a day of %s hours by %s; the nearest, %s (%s), is %.0f km from the start as the crow flies",
		hours, p.Mode.Name, nearName, nearID, near/1000)
}

// schedule is the part of a request every day shares, with the defaults
// applied and checked.
type schedule struct {
	loc    *time.Location
	date   Date // the first day
	days   int
	start  Clock         // when each day starts
	length time.Duration // of each day
	mode   geo.Mode
	brk    *Break // nil: no break
}

// newSchedule applies the defaults to the zero fields of req that every
// day shares and checks them.
func newSchedule(req Request) (schedule, error) {
	s := schedule{loc: req.Location, date: req.Date, days: req.Days, start: req.StartTime, length: req.DayLength, mode: req.Mode}
	if s.loc == nil {
		s.loc = china()
	}
	switch {
	case s.days < 0:
		return s, fieldErr("days", strconv.Itoa(s.days), ErrInvalid, "must be at least 1")
	case s.days == 0:
		s.days = 1
	case s.days > MaxDays:
		return s, fieldErr("days", strconv.Itoa(s.days), ErrTooLarge, "at most %d days", MaxDays)
	}
	switch {
	case s.length == 0:
		s.length = DefaultDayLength
	case s.length < time.Minute || s.length > 24*time.Hour:
		return s, dayLengthError(s.length.Hours())
	}
	switch {
	case s.start == 0:
		s.start = DefaultStartTime
	case !s.start.Valid() || time.Duration(s.start) >= 24*time.Hour:
		return s, fieldErr("start_time", time.Duration(s.start).String(), ErrInvalid, "must be a time of day from 00:00 to 23:59")
	}
	switch {
	case s.date.IsZero():
		s.date = DateOf(time.Now().In(s.loc))
	case !s.date.Valid():
		return s, fieldErr("date", s.date.String(), ErrInvalid, "is not a calendar date")
	}
	if last := s.date.AddDays(s.days - 1); !last.Valid() {
		return s, fieldErr("date", s.date.String(), ErrInvalid, "the trip would end after the year 9999")
	}
	if s.mode == (geo.Mode{}) {
		s.mode = geo.CountyDrive()
	} else if err := s.mode.Validate(); err != nil {
		return s, &FieldError{Field: "mode", Value: s.mode.Name, Reason: strings.TrimPrefix(err.Error(), "geo: "), Err: ErrInvalid}
	}
	var err error
	s.brk, err = dailyBreak(req.Break, s.start, s.length)
	return s, err
}

// routeDays returns the days of the route problem: day d from start (or
// the hotel of night d-1) to end (or the hotel of night d).
func (s schedule) routeDays(start, end route.Place, nights []route.Place) []route.Day {
	days := make([]route.Day, s.days)
	for d := range days {
		date := s.date.AddDays(d)
		open := date.At(s.start, s.loc)
		day := route.Day{Start: start, Window: route.Window{Open: open, Close: open.Add(s.length)}}
		if d > 0 {
			day.Start = nights[d-1]
		}
		e := end
		if d < s.days-1 {
			e = nights[d]
		}
		day.End = &e
		if s.brk != nil {
			day.Break = &route.Break{
				Duration: s.brk.Duration,
				Window:   route.Window{Open: date.At(s.brk.From, s.loc), Close: date.At(s.brk.To, s.loc)},
			}
		}
		days[d] = day
	}
	return days
}

// tripPlaces resolves where the trip starts and ends and the hotel of
// each of its days-1 nights.
func tripPlaces(cat *heritage.Catalog, req Request, days int) (start, end route.Place, nights []route.Place, err error) {
	switch req.Datum {
	case geo.WGS84, geo.GCJ02, geo.BD09:
	default:
		return start, end, nil, fieldErr("datum", req.Datum.String(), ErrInvalid, "not a datum (known: wgs84, gcj02, bd09)")
	}
	if start, err = endpoint(cat, req.Start, "start", req.Datum); err != nil {
		return start, end, nil, err
	}
	end = start
	if !req.End.IsZero() {
		if end, err = endpoint(cat, req.End, "end", req.Datum); err != nil {
			return start, end, nil, err
		}
	}
	nights = make([]route.Place, days-1)
	switch {
	case len(req.Hotels) == 0:
		for i := range nights {
			nights[i] = start
		}
	case len(req.Hotels) != days-1:
		return start, end, nil, fieldErr("hotels", "", ErrInvalid, "%d given for %d nights: give one per night or none", len(req.Hotels), days-1)
	default:
		for i, h := range req.Hotels {
			field := fmt.Sprintf("hotels[%d]", i)
			if h.IsZero() {
				return start, end, nil, fieldErr(field, "", ErrInvalid, "empty: give a site ID or a point")
			}
			if nights[i], err = endpoint(cat, h, field, req.Datum); err != nil {
				return start, end, nil, err
			}
		}
	}
	return start, end, nights, nil
}

// dailyBreak resolves the break of each day (nil for none) and checks
// that it fits the day.
func dailyBreak(b *Break, start Clock, dayLen time.Duration) (*Break, error) {
	dayStart, dayEnd := time.Duration(start), time.Duration(start)+dayLen
	if b == nil {
		if dayLen < LunchMinDay || time.Duration(LunchFrom) < dayStart || time.Duration(LunchTo) > dayEnd {
			return nil, nil
		}
		return &Break{Duration: LunchDuration, From: LunchFrom, To: LunchTo}, nil
	}
	r := *b
	switch {
	case r.Duration < 0:
		return nil, fieldErr("break", r.Duration.String(), ErrInvalid, "the length must not be negative")
	case r.Duration == 0:
		return nil, nil
	}
	if r.From == 0 {
		r.From = LunchFrom
	}
	if r.To == 0 {
		r.To = LunchTo
	}
	window := r.From.String() + "–" + r.To.String()
	switch {
	case !r.From.Valid() || !r.To.Valid() || r.To <= r.From:
		return nil, fieldErr("break", window, ErrInvalid, "from must be before to, both within 00:00–24:00")
	case time.Duration(r.To-r.From) < r.Duration:
		return nil, fieldErr("break", window, ErrInvalid, "the window is shorter than the %s break", minutes(r.Duration))
	case min(time.Duration(r.To), dayEnd)-max(time.Duration(r.From), dayStart) < r.Duration:
		return nil, fieldErr("break", window, ErrInvalid,
			"a %s break does not fit inside both this window and the day (%s for %s)", minutes(r.Duration), start, dayLen)
	}
	return &r, nil
}

// minutes writes d as "45-minute", or as a duration when it is not a
// whole number of minutes.
func minutes(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.FormatInt(int64(d/time.Minute), 10) + "-minute"
	}
	return d.String()
}

// requestSites returns the heritage sites req asks to plan over.
func requestSites(cat *heritage.Catalog, req Request) ([]heritage.Site, error) {
	switch {
	case len(req.Sites) > 0 && req.Theme != "":
		return nil, fieldErr("theme", req.Theme, ErrInvalid, "give sites or a theme, not both")
	case len(req.Sites) > MaxSites:
		return nil, fieldErr("sites", "", ErrTooLarge, "%d sites, at most %d", len(req.Sites), MaxSites)
	case len(req.Sites) > 0:
		out := make([]heritage.Site, 0, len(req.Sites))
		seen := make(map[string]int, len(req.Sites))
		for i, id := range req.Sites {
			field := fmt.Sprintf("sites[%d]", i)
			s, ok := cat.Get(id)
			switch {
			case !ok:
				return nil, fieldErr(field, id, ErrUnknownSite, "no such site in the catalog")
			case s.Anchor():
				return nil, fieldErr(field, id, ErrInvalid, "is an anchor (a %s), a place to start, end or stay, not a site to visit", s.Kind)
			}
			if j, dup := seen[id]; dup {
				return nil, fieldErr(field, id, ErrInvalid, "listed twice (also sites[%d])", j)
			}
			seen[id] = i
			out = append(out, s)
		}
		return out, nil
	}
	var out []heritage.Site
	for _, s := range cat.Sites() {
		if !s.Anchor() && (req.Theme == "" || s.HasTheme(req.Theme)) {
			out = append(out, s)
		}
	}
	if len(out) > 0 {
		if len(out) > MaxSites {
			return nil, fieldErr("sites", "", ErrTooLarge, "the catalog has %d sites to choose from, at most %d: list the sites or pick a theme", len(out), MaxSites)
		}
		return out, nil
	}
	if req.Theme == "" {
		return nil, fieldErr("sites", "", ErrNoSites, "the catalog has no heritage sites")
	}
	known := Themes(cat)
	if heritage.KnownTheme(req.Theme) {
		return nil, fieldErr("theme", req.Theme, ErrNoSites, "no heritage site of the catalog carries it (themes present: %s)", strings.Join(known, ", "))
	}
	return nil, fieldErr("theme", req.Theme, ErrUnknownTheme, "not a theme of the catalog (themes present: %s)", strings.Join(known, ", "))
}

// Themes returns the slugs of the themes carried by cat's heritage sites
// (anchors carry none): the known ones in heritage.Themes order, then
// others sorted. These are the themes a [Request] or [ThemeLines] can
// name.
func Themes(cat *heritage.Catalog) []string {
	has := map[string]bool{}
	for _, s := range cat.Sites() {
		if !s.Anchor() {
			for _, t := range s.Themes {
				has[t] = true
			}
		}
	}
	var out []string
	for _, t := range heritage.Themes() {
		if has[t.Slug] {
			out = append(out, t.Slug)
			delete(has, t.Slug)
		}
	}
	rest := make([]string, 0, len(has))
	for t := range has {
		rest = append(rest, t)
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// countySeat returns the catalog's first town anchor, else its first
// anchor of any kind.
func countySeat(cat *heritage.Catalog) (heritage.Site, bool) {
	var first *heritage.Site
	sites := cat.Sites()
	for i := range sites {
		if sites[i].Kind == heritage.Town {
			return sites[i], true
		}
		if first == nil && sites[i].Anchor() {
			first = &sites[i]
		}
	}
	if first != nil {
		return *first, true
	}
	return heritage.Site{}, false
}

// endpoint resolves e, whose point is in datum d, to a route place; the
// zero Endpoint means the county seat.
func endpoint(cat *heritage.Catalog, e Endpoint, field string, d geo.Datum) (route.Place, error) {
	switch {
	case e.ID != "" && e.Point != nil:
		return route.Place{}, fieldErr(field, e.ID, ErrInvalid, "give a site ID or a point, not both")
	case e.Name != "" && e.Point == nil:
		return route.Place{}, fieldErr(field, e.Name, ErrInvalid, "a name is only for a point: a site has the catalog's names")
	case e.Point != nil:
		pt := *e.Point
		if !finite(pt[0]) || !finite(pt[1]) || !geo.Valid(pt) {
			return route.Place{}, fieldErr(field, e.String(), ErrInvalid, "not a [lon, lat] point in degrees (lon -180..180, lat -90..90)")
		}
		name := e.Name
		if name == "" {
			name = e.String()
		}
		return route.Place{Name: name, Location: geo.Convert(pt, d, geo.WGS84)}, nil
	case e.ID != "":
		s, ok := cat.Get(e.ID)
		if !ok {
			return route.Place{}, fieldErr(field, e.ID, ErrUnknownSite, "no such site or anchor in the catalog")
		}
		return route.PlaceFromSite(s), nil
	}
	s, ok := countySeat(cat)
	if !ok {
		return route.Place{}, fieldErr(field, "", ErrInvalid, "the catalog has no anchor (town, station or hotel) to start from: give a site ID or a point")
	}
	return route.PlaceFromSite(s), nil
}
