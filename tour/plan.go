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
// Bad requests return a [*FieldError] naming the field; errors from
// route.Solve (a canceled context, …) are returned as they are.
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
//   - day d runs from StartTime on Date+d for Hours hours, from Start (or
//     the previous night's hotel) to End (or that night's hotel), with the
//     daily Break;
//   - the travel mode is req.Mode.
//
// Anchors (towns, stations, hotels) are never stops. Problem reads cat
// and the clock (for a zero Date) only.
func Problem(cat *heritage.Catalog, req Request) (route.Problem, error) {
	var p route.Problem
	if cat == nil {
		return p, fieldErr("catalog", "", ErrInvalid, "no catalog")
	}
	loc := req.Location
	if loc == nil {
		loc = china()
	}
	days := req.Days
	switch {
	case days < 0:
		return p, fieldErr("days", strconv.Itoa(days), ErrInvalid, "must be at least 1")
	case days == 0:
		days = 1
	case days > MaxDays:
		return p, fieldErr("days", strconv.Itoa(days), ErrTooLarge, "at most %d days", MaxDays)
	}
	hours := req.Hours
	switch {
	case hours == 0:
		hours = DefaultHours
	case !finite(hours) || hours < 0 || hours > 24:
		return p, fieldErr("hours", strconv.FormatFloat(hours, 'g', -1, 64), ErrInvalid, "must be more than 0 and at most 24")
	}
	dayLen := time.Duration(math.Round(hours*60)) * time.Minute
	if dayLen <= 0 {
		return p, fieldErr("hours", strconv.FormatFloat(hours, 'g', -1, 64), ErrInvalid, "is shorter than a minute")
	}
	startTime := req.StartTime
	switch {
	case startTime == 0:
		startTime = DefaultStartTime
	case !startTime.Valid() || time.Duration(startTime) >= 24*time.Hour:
		return p, fieldErr("start_time", time.Duration(startTime).String(), ErrInvalid, "must be a time of day from 00:00 to 23:59")
	}
	date := req.Date
	if date.IsZero() {
		date = DateOf(time.Now().In(loc))
	} else if !date.Valid() {
		return p, fieldErr("date", date.String(), ErrInvalid, "is not a calendar date")
	}
	if last := date.AddDays(days - 1); !last.Valid() {
		return p, fieldErr("date", date.String(), ErrInvalid, "the trip would end after the year 9999")
	}
	modeName := req.Mode
	if modeName == "" {
		modeName = DefaultMode
	}
	mode, err := geo.ParseMode(modeName)
	if err != nil {
		return p, &FieldError{Field: "mode", Value: req.Mode, Reason: strings.TrimPrefix(err.Error(), "geo: "), Err: ErrInvalid}
	}
	brk, err := dailyBreak(req.Break, startTime, dayLen)
	if err != nil {
		return p, err
	}

	sites, err := requestSites(cat, req)
	if err != nil {
		return p, err
	}

	start, err := endpoint(cat, req.Start, "start")
	if err != nil {
		return p, err
	}
	end := start
	if !req.End.IsZero() {
		if end, err = endpoint(cat, req.End, "end"); err != nil {
			return p, err
		}
	}
	nights := make([]route.Place, days-1)
	switch {
	case len(req.Hotels) == 0:
		for i := range nights {
			nights[i] = start
		}
	case len(req.Hotels) != days-1:
		return p, fieldErr("hotels", "", ErrInvalid, "%d given for %d nights: give one per night or none", len(req.Hotels), days-1)
	default:
		for i, h := range req.Hotels {
			if h.IsZero() {
				return p, fieldErr(fmt.Sprintf("hotels[%d]", i), "", ErrInvalid, "empty: give a site ID or a point")
			}
			if nights[i], err = endpoint(cat, h, fmt.Sprintf("hotels[%d]", i)); err != nil {
				return p, err
			}
		}
	}

	dates := make([]Date, days)
	for d := range dates {
		dates[d] = date.AddDays(d)
	}
	if p.Stops, err = route.StopsFromSites(sites, date.At(0, loc), days); err != nil {
		return p, fieldErr("sites", "", ErrInvalid, "%v", err)
	}
	p.Mode = mode
	p.Days = make([]route.Day, days)
	for d := range days {
		open := dates[d].At(startTime, loc)
		day := route.Day{Window: route.Window{Open: open, Close: open.Add(dayLen)}}
		if d == 0 {
			day.Start = start
		} else {
			day.Start = nights[d-1]
		}
		e := end
		if d < days-1 {
			e = nights[d]
		}
		day.End = &e
		if brk != nil {
			day.Break = &route.Break{
				Duration: time.Duration(brk.Minutes) * time.Minute,
				Window:   route.Window{Open: dates[d].At(brk.From, loc), Close: dates[d].At(brk.To, loc)},
			}
		}
		p.Days[d] = day
	}
	return p, nil
}

// dailyBreak resolves the break of each day (nil for none) and checks
// that it fits the day.
func dailyBreak(b *Break, start Clock, dayLen time.Duration) (*Break, error) {
	dayStart, dayEnd := time.Duration(start), time.Duration(start)+dayLen
	if b == nil {
		if dayLen < LunchMinHours*time.Hour || time.Duration(LunchFrom) < dayStart || time.Duration(LunchTo) > dayEnd {
			return nil, nil
		}
		return &Break{Minutes: LunchMinutes, From: LunchFrom, To: LunchTo}, nil
	}
	r := *b
	switch {
	case r.Minutes < 0:
		return nil, fieldErr("break", strconv.Itoa(r.Minutes)+" min", ErrInvalid, "minutes must not be negative")
	case r.Minutes == 0:
		return nil, nil
	}
	if r.From == 0 {
		r.From = LunchFrom
	}
	if r.To == 0 {
		r.To = LunchTo
	}
	if !r.From.Valid() || !r.To.Valid() || r.To <= r.From {
		return nil, fieldErr("break", r.From.String()+"–"+r.To.String(), ErrInvalid, "from must be before to, both within 00:00–24:00")
	}
	brk := time.Duration(r.Minutes) * time.Minute
	if time.Duration(r.To-r.From) < brk {
		return nil, fieldErr("break", r.From.String()+"–"+r.To.String(), ErrInvalid, "the window is shorter than the %d-minute break", r.Minutes)
	}
	if min(time.Duration(r.To), dayEnd)-max(time.Duration(r.From), dayStart) < brk {
		return nil, fieldErr("break", r.From.String()+"–"+r.To.String(), ErrInvalid,
			"a %d-minute break does not fit inside both this window and the day (%s for %s)", r.Minutes, start, dayLen)
	}
	return &r, nil
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
	known := catalogThemes(cat)
	if heritage.KnownTheme(req.Theme) {
		return nil, fieldErr("theme", req.Theme, ErrNoSites, "no heritage site of the catalog carries it (themes present: %s)", strings.Join(known, ", "))
	}
	return nil, fieldErr("theme", req.Theme, ErrUnknownTheme, "not a theme of the catalog (themes present: %s)", strings.Join(known, ", "))
}

// catalogThemes returns the slugs of the themes carried by cat's heritage
// sites: the known ones in heritage.Themes order, then others sorted.
func catalogThemes(cat *heritage.Catalog) []string {
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

// endpoint resolves e to a route place; the zero Endpoint means the
// county seat.
func endpoint(cat *heritage.Catalog, e Endpoint, field string) (route.Place, error) {
	switch {
	case e.ID != "" && e.Point != nil:
		return route.Place{}, fieldErr(field, e.ID, ErrInvalid, "give a site ID or a point, not both")
	case e.Point != nil:
		pt := *e.Point
		if !finite(pt[0]) || !finite(pt[1]) || !geo.Valid(pt) {
			return route.Place{}, fieldErr(field, e.String(), ErrInvalid, "not a [lon, lat] point in degrees (lon -180..180, lat -90..90)")
		}
		return route.Place{Name: e.String(), Location: pt}, nil
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
