package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

// planFlags are the flags of plan: the web API's request (a tour.Request),
// and how to search and what to write.
type planFlags struct {
	sites     listFlag
	hotels    splitFlag
	theme     *string
	start     *string
	end       *string
	date      *string
	startTime *string
	hours     optFloat
	days      *int
	mode      *string
	brk       *string
	datum     datumFlag
	seed      *int64
	limit     *time.Duration
	format    *choice
	lang      *choice
	title     *string
	out       *string
	cat       catalogFlags
}

// newPlanFlags registers the flags of plan on fs.
func newPlanFlags(fs *flag.FlagSet) *planFlags {
	f := &planFlags{
		hotels:    splitFlag{sep: ";"}, // points contain commas
		theme:     fs.String("theme", "", "plan over the heritage sites carrying this `theme` (instead of -sites)"),
		start:     fs.String("start", "", "where each trip starts: a site or anchor `ID`, or lon,lat in -datum (default: the catalog's county seat)"),
		end:       fs.String("end", "", "where the trip ends: an `ID` or lon,lat (default: -start, a loop)"),
		date:      fs.String("date", "", "first day of the trip, `YYYY-MM-DD` (default: today, China Standard Time)"),
		startTime: fs.String("start-time", "", "when each day starts, `HH:MM` (default 08:30)"),
		days:      fs.Int("days", 0, "number of `days`, 1–14 (default 1)"),
		mode:      fs.String("mode", tour.DefaultMode, "travel `mode`: "+modeNames()),
		brk:       fs.String("break", "", "daily break: `MIN` minutes within 11:30–13:30, MIN@HH:MM-HH:MM, or 0 for none (default: an hour's lunch on days of 6 hours or more)"),
		seed:      fs.Int64("seed", 1, "seed of the randomised search (same request and seed, same plan when the search converges)"),
		limit:     fs.Duration("time", 0, "search budget: search this long for a better plan (0: until the search converges, at most "+maxSearch.String()+")"),
		format:    newChoice("text", export.FormatNames()...),
		lang:      newChoice("zh", "zh", "en", "both"),
		title:     fs.String("title", "", "`title` of the trip (default: made from the start and the number of days)"),
		out:       fs.String("o", "", "write to this `file` instead of standard output"),
	}
	fs.Var(&f.sites, "sites", "`IDs` of the sites to choose from (comma-separated, repeatable; default: every heritage site, or -theme's)")
	fs.Var(&f.hotels, "hotels", "where each night is spent, Days-1 `places` (IDs or lon,lat; separate them with \";\" or repeat the flag)")
	fs.Var(&f.hours, "hours", "length of each day in `hours`, up to 24 (default 8)")
	fs.Var(&f.datum, "datum", "`datum` of the points given and of the coordinates written: wgs84, gcj02 or bd09")
	fs.Var(f.format, "format", "output `format`: "+strings.Join(export.FormatNames(), ", "))
	fs.Var(f.lang, "lang", "`language` of names and the itinerary: zh, en, or both (text and markdown in Chinese then English; Chinese names elsewhere)")
	f.cat.register(fs)
	return f
}

// request builds the tour.Request the flags describe, checking what the
// flags alone can tell.
func (f *planFlags) request(fs *flag.FlagSet) (tour.Request, error) {
	req := tour.Request{Sites: f.sites, Theme: *f.theme, Days: *f.days, Datum: f.datum.d}
	if len(f.sites) > 0 && *f.theme != "" {
		return req, usagef("-sites and -theme are exclusive")
	}
	var err error
	if req.Start, err = optEndpoint("-start", *f.start); err != nil {
		return req, err
	}
	if req.End, err = optEndpoint("-end", *f.end); err != nil {
		return req, err
	}
	for i, h := range f.hotels.values {
		e, err := tour.ParseEndpoint(h)
		if err != nil {
			return req, usagef("-hotels item %d: %v", i+1, err)
		}
		req.Hotels = append(req.Hotels, e)
	}
	if *f.date != "" {
		if req.Date, err = tour.ParseDate(*f.date); err != nil {
			return req, flagError("-date", err)
		}
	}
	if *f.startTime != "" {
		if req.StartTime, err = tour.ParseClock(*f.startTime); err != nil {
			return req, flagError("-start-time", err)
		}
		if req.StartTime == 0 {
			return req, usagef("-start-time 00:00: a day cannot start at midnight; use 00:01 or later")
		}
	}
	if f.hours.set {
		if req.DayLength, err = tour.Hours(f.hours.v); err != nil {
			return req, usagef("-hours %g: want at least a minute and at most 24 hours", f.hours.v)
		}
	}
	if isSet(fs, "days") && (*f.days < 1 || *f.days > tour.MaxDays) {
		return req, usagef("-days %d: want 1 to %d", *f.days, tour.MaxDays)
	}
	if req.Mode, err = geo.ParseMode(*f.mode); err != nil {
		return req, usagef("-mode %q: want one of %s", *f.mode, modeNames())
	}
	if *f.brk != "" {
		if req.Break, err = parseBreak(*f.brk); err != nil {
			return req, usagef("-break %v", err)
		}
	}
	return req, nil
}

// optEndpoint reads the value of an endpoint flag; "" is the zero
// Endpoint (the default).
func optEndpoint(name, s string) (tour.Endpoint, error) {
	if s == "" {
		return tour.Endpoint{}, nil
	}
	e, err := tour.ParseEndpoint(s)
	if err != nil {
		return e, usagef("%s %v", name, err)
	}
	return e, nil
}

// flagError is the usage error of a flag whose value tour refused.
func flagError(name string, err error) error {
	var fe *tour.FieldError
	if errors.As(err, &fe) {
		return usagef("%s %q: %s", name, fe.Value, fe.Reason)
	}
	return usagef("%s %v", name, err)
}

// plan plans a trip with tour's planner, taking the web API's request as
// flags, and writes it in one of the route/export formats.
func plan(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	f := newPlanFlags(fs)
	fs.Usage = usageFunc(fs, "[flags]", `
Plans a trip with the library's planner, as the web API's POST /api/plan does:
which sites (or a theme) to choose from, from where to where, on which date,
for how long and how. The planner visits the sites that fit, best first, within
their opening hours and the days, and says why it left the others out. The
plan is written as an itinerary (text, markdown), as JSON, or for maps and apps
(geojson, gpx, kml, jsonld, svg). On a terminal, a long run shows its progress
on standard error.`)
	if err := parseFlags(fs, args, stderr, 0); err != nil {
		return err
	}
	req, err := f.request(fs)
	if err != nil {
		return err
	}
	if *f.limit < 0 {
		return usagef("-time %s: want a positive duration, or 0", *f.limit)
	}
	cat, err := f.cat.load()
	if err != nil {
		return err
	}
	pl, err := f.solve(ctx, cat, req, stderr)
	if err != nil {
		return err
	}
	format, err := export.ParseFormat(f.format.value)
	if err != nil {
		return err
	}
	opts := []export.Option{export.Catalog(cat), export.Datum(req.Datum)}
	if *f.title != "" {
		opts = append(opts, export.Title(*f.title))
	}
	var buf bytes.Buffer
	if err := writePlan(&buf, pl, format, f.lang.value, opts); err != nil {
		return err
	}
	if *f.out == "" || *f.out == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(*f.out, buf.Bytes(), 0o644)
}

// solve plans req over cat within the search budget, showing progress on
// stderr when it is a terminal. Bad requests are usage errors.
func (f *planFlags) solve(ctx context.Context, cat *heritage.Catalog, req tour.Request, stderr io.Writer) (*route.Plan, error) {
	p, err := tour.Problem(cat, req)
	if err != nil {
		return nil, usageError{err}
	}
	opts := []route.Option{route.Seed(*f.seed)}
	if *f.limit > 0 {
		opts = append(opts, route.TimeLimit(*f.limit))
	} else {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, maxSearch)
		defer cancel()
	}
	stop := func() {}
	if isTerminal(stderr) {
		stop = startProgress(stderr, fmt.Sprintf("planning %s, %s…", phrase.English.Sites(len(p.Stops)), phrase.English.Days(len(p.Days))), progressEvery)
	}
	began := time.Now()
	pl, err := route.Solve(ctx, p, opts...)
	stop()
	switch {
	case err == nil:
		return pl, nil
	case isValidation(err):
		return nil, usageError{err}
	case errors.Is(err, context.Canceled):
		return nil, fmt.Errorf("interrupted after %s: %w", time.Since(began).Round(time.Millisecond), err)
	}
	return nil, err
}

// writePlan writes pl in format with the names (and the itinerary) in
// lang. For "both", an itinerary to read (text, markdown) is written in
// Chinese then English, other formats with Chinese names.
func writePlan(w *bytes.Buffer, pl *route.Plan, format export.Format, lang string, opts []export.Option) error {
	langs := []string{lang}
	if lang == "both" {
		langs = []string{"zh", "en"}
		if !format.Itinerary {
			langs = langs[:1]
		}
	}
	for i, l := range langs {
		if i > 0 {
			w.WriteByte('\n')
		}
		if err := format.Write(w, pl, append(opts[:len(opts):len(opts)], export.Lang(l))...); err != nil {
			return err
		}
	}
	return nil
}
