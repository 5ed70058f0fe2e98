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
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

// planFormats are the output formats of plan.
var planFormats = []string{"text", "markdown", "json", "geojson", "gpx", "kml", "jsonld", "svg"}

// plan plans a trip with tour.Plan, taking the web API's request as flags,
// and writes it in one of the route/export formats.
func plan(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	var (
		siteIDs   listFlag
		hotels    = &splitFlag{sep: ";"} // points contain commas
		theme     = fs.String("theme", "", "plan over the heritage sites carrying this `theme` (instead of -sites)")
		start     = fs.String("start", "", "where each trip starts: a site or anchor `ID`, or lon,lat in -datum (default: the catalog's county seat)")
		end       = fs.String("end", "", "where the trip ends: an `ID` or lon,lat (default: -start, a loop)")
		date      = fs.String("date", "", "first day of the trip, `YYYY-MM-DD` (default: today, China Standard Time)")
		startTime = fs.String("start-time", "", "when each day starts, `HH:MM` (default 08:30)")
		hours     optFloat
		days      = fs.Int("days", 0, "number of `days`, 1–14 (default 1)")
		mode      = fs.String("mode", tour.DefaultMode, "travel `mode`: "+modeNames())
		brk       = fs.String("break", "", "daily break: `MIN` minutes within 11:30–13:30, MIN@HH:MM-HH:MM, or 0 for none (default: an hour's lunch on days of 6 hours or more)")
		datum     datumFlag
		seed      = fs.Int64("seed", 1, "seed of the randomised search (same request and seed, same plan when the search converges)")
		limit     = fs.Duration("time", 0, "search budget: search this long for a better plan (0: until the search converges, at most "+maxSearch.String()+")")
		format    = newChoice("text", planFormats...)
		lang      = newChoice("zh", "zh", "en", "both")
		title     = fs.String("title", "", "`title` of the trip (default: made from the start and the number of days)")
		out       = fs.String("o", "", "write to this `file` instead of standard output")
		cf        catalogFlags
	)
	fs.Var(&siteIDs, "sites", "`IDs` of the sites to choose from (comma-separated, repeatable; default: every heritage site, or -theme's)")
	fs.Var(hotels, "hotels", "where each night is spent, Days-1 `places` (IDs or lon,lat; separate them with \";\" or repeat the flag)")
	fs.Var(&hours, "hours", "length of each day in `hours`, up to 24 (default 8)")
	fs.Var(&datum, "datum", "`datum` of the points given and of the coordinates written: wgs84, gcj02 or bd09")
	fs.Var(format, "format", "output `format`: "+strings.Join(planFormats, ", "))
	fs.Var(lang, "lang", "`language` of names and the itinerary: zh, en, or both (text and markdown in Chinese then English; Chinese names elsewhere)")
	cf.register(fs)
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

	req := tour.Request{Sites: siteIDs, Theme: *theme, Days: *days, Mode: *mode}
	if len(siteIDs) > 0 && *theme != "" {
		return usagef("-sites and -theme are exclusive")
	}
	var err error
	if *start != "" {
		if req.Start, err = parseEndpoint(*start, datum.d); err != nil {
			return usagef("-start %v", err)
		}
	}
	if *end != "" {
		if req.End, err = parseEndpoint(*end, datum.d); err != nil {
			return usagef("-end %v", err)
		}
	}
	for i, h := range hotels.values {
		e, err := parseEndpoint(h, datum.d)
		if err != nil {
			return usagef("-hotels item %d: %v", i+1, err)
		}
		req.Hotels = append(req.Hotels, e)
	}
	if *date != "" {
		if req.Date, err = tour.ParseDate(*date); err != nil {
			return usagef("-date %v", strings.TrimPrefix(err.Error(), "tour: "))
		}
	}
	if *startTime != "" {
		c, err := tour.ParseClock(*startTime)
		if err != nil {
			return usagef("-start-time %v", strings.TrimPrefix(err.Error(), "tour: "))
		}
		if c == 0 {
			return usagef("-start-time 00:00: a day cannot start at midnight; use 00:01 or later")
		}
		req.StartTime = c
	}
	if hours.set {
		if hours.v <= 0 || hours.v > 24 {
			return usagef("-hours %g: want more than 0 and at most 24", hours.v)
		}
		req.Hours = hours.v
	}
	if isSet(fs, "days") && (*days < 1 || *days > tour.MaxDays) {
		return usagef("-days %d: want 1 to %d", *days, tour.MaxDays)
	}
	if _, err := geo.ParseMode(*mode); err != nil {
		return usagef("-mode %q: want one of %s", *mode, modeNames())
	}
	if *brk != "" {
		if req.Break, err = parseBreak(*brk); err != nil {
			return usagef("-break %v", err)
		}
	}
	if *limit < 0 {
		return usagef("-time %s: want a positive duration, or 0", *limit)
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	p, err := tour.Problem(cat, req)
	if err != nil {
		return usageError{err}
	}

	opts := []route.Option{route.Seed(*seed)}
	if *limit > 0 {
		opts = append(opts, route.TimeLimit(*limit))
	} else {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, maxSearch)
		defer cancel()
	}
	stop := func() {}
	if isTerminal(stderr) {
		stop = startProgress(stderr, fmt.Sprintf("planning %s, %s…", plural(len(p.Stops), "site"), plural(len(p.Days), "day")), progressEvery)
	}
	began := time.Now()
	pl, err := tour.Plan(ctx, cat, req, opts...)
	stop()
	if err != nil {
		var fe *tour.FieldError
		switch {
		case errors.As(err, &fe), isValidation(err):
			return usageError{err}
		case errors.Is(err, context.Canceled):
			return fmt.Errorf("interrupted after %s: %w", time.Since(began).Round(time.Millisecond), err)
		}
		return err
	}

	eopts := []export.Option{export.Catalog(cat), export.Datum(datum.d)}
	if *title != "" {
		eopts = append(eopts, export.Title(*title))
	}
	var buf bytes.Buffer
	if err := writePlan(&buf, pl, format.value, lang.value, eopts); err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(*out, buf.Bytes(), 0o644)
}

// writePlan writes pl in format; lang "both" writes the itineraries in
// Chinese then English and names elsewhere in Chinese.
func writePlan(w *bytes.Buffer, pl *route.Plan, format, lang string, opts []export.Option) error {
	langs := []string{lang}
	if lang == "both" {
		langs = []string{"zh", "en"}
	}
	opts = append(opts, export.Lang(langs[0]))
	switch format {
	case "text", "markdown":
		for i, l := range langs {
			if i > 0 {
				w.WriteByte('\n')
			}
			var err error
			if format == "text" {
				err = export.Text(w, pl, l, opts...)
			} else {
				err = export.Markdown(w, pl, l, opts...)
			}
			if err != nil {
				return err
			}
		}
		return nil
	case "json":
		return export.JSON(w, pl, opts...)
	case "geojson":
		return export.GeoJSON(w, pl, opts...)
	case "gpx":
		return export.GPX(w, pl, opts...)
	case "kml":
		return export.KML(w, pl, opts...)
	case "jsonld":
		return export.JSONLD(w, pl, opts...)
	case "svg":
		return export.SVG(w, pl, opts...)
	}
	return fmt.Errorf("unknown format %q", format)
}

// plural writes "1 site", "2 sites".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
