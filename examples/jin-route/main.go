// Command jin-route plans a day of Jin-state (晋国) heritage in Jiang
// County, Shanxi, on the catalog embedded in chuanzhu, and prints the
// itinerary in Chinese and English:
//
//	go run ./examples/jin-route
//
// With -out DIR it also writes the plan as route.geojson (web maps),
// route.gpx (navigation apps), route.kml (Google Earth), route.jsonld
// (schema.org TouristTrip for web pages) and route.svg (a map picture).
//
// Without -date it plans for today in China Standard Time and prints the
// date it used: opening hours depend on the day of the week (the Jinguo
// Museum closes on Mondays), so pass -date to get the same plan every
// day. Run with -h for the other flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, time.Now))
}

// config is the parsed command line.
type config struct {
	req     tour.Request
	lang    string
	out     string
	seed    int64
	timeout time.Duration
}

// run is the program; it returns the exit status: 0 ok, 1 planning or
// writing failed, 2 bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	cfg, err := parseFlags(args, stderr, now)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "jin-route:", err)
		return 2
	}
	cat := heritage.Default()
	var opts []route.Option
	opts = append(opts, route.Seed(cfg.seed))
	if cfg.timeout > 0 {
		opts = append(opts, route.TimeLimit(cfg.timeout))
	}
	plan, err := tour.Plan(ctx, cat, cfg.req, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "jin-route:", err)
		var fe *tour.FieldError
		if errors.As(err, &fe) {
			return 2
		}
		return 1
	}
	langs := []string{"zh", "en"}
	if cfg.lang != "both" {
		langs = []string{cfg.lang}
	}
	d := plan.Days[0].Depart
	fmt.Fprintf(stdout, "日期 Date: %s (%s)  主题 Theme: %s\n\n", d.Format("2006-01-02"), d.Weekday(), themeTitle(cfg.req))
	for i, lang := range langs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := export.Text(stdout, plan, export.Lang(lang), export.Catalog(cat)); err != nil {
			fmt.Fprintln(stderr, "jin-route:", err)
			return 1
		}
	}
	if cfg.out != "" {
		files, err := write(cfg.out, plan, cat, langs[0])
		if err != nil {
			fmt.Fprintln(stderr, "jin-route:", err)
			return 1
		}
		fmt.Fprintf(stdout, "\nWrote %s\n", strings.Join(files, ", "))
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer, now func() time.Time) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("jin-route", flag.ContinueOnError)
	fs.SetOutput(stderr)
	theme := fs.String("theme", heritage.ThemeJinCulture, "theme of the sites to choose from (jin-culture, archaeology, temples-architecture, mountains-valleys, medicinal-herbs, museums)")
	sites := fs.String("sites", "", "comma-separated site IDs to choose from instead of a theme")
	start := fs.String("start", "anchor/jiangxian-county-seat", "where the trip starts: a site or anchor ID, or lon,lat")
	end := fs.String("end", "", "where the trip ends (default: back at the start)")
	date := fs.String("date", "", "first day of the trip, YYYY-MM-DD (default: today in China)")
	at := fs.String("time", "08:30", "time each day starts, HH:MM")
	hours := fs.Float64("hours", tour.DefaultDayLength.Hours(), "length of each day in hours")
	fs.IntVar(&cfg.req.Days, "days", 1, "number of days (every night back at the start)")
	mode := fs.String("mode", tour.DefaultMode, "travel mode: walk, cycle, drive, drive-mountain or bus")
	fs.StringVar(&cfg.lang, "lang", "both", "language of the itinerary: zh, en or both")
	fs.StringVar(&cfg.out, "out", "", "directory to write route.geojson, route.gpx, route.kml, route.jsonld and route.svg into")
	fs.Int64Var(&cfg.seed, "seed", 1, "seed of the route search")
	fs.DurationVar(&cfg.timeout, "timeout", 0, "stop the route search after this long (default: when it converges)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: jin-route [flags]\n\nPlans a day (or days) of Jiang County's heritage from the county seat.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *sites != "" {
		cfg.req.Sites = strings.Split(*sites, ",")
	} else {
		cfg.req.Theme = *theme
	}
	var err error
	if cfg.req.Start, err = tour.ParseEndpoint(*start); err != nil {
		return cfg, fmt.Errorf("-start: %w", err)
	}
	if *end != "" {
		if cfg.req.End, err = tour.ParseEndpoint(*end); err != nil {
			return cfg, fmt.Errorf("-end: %w", err)
		}
	}
	china := time.FixedZone("CST", 8*3600)
	cfg.req.Location = china
	if *date == "" {
		cfg.req.Date = tour.DateOf(now().In(china))
	} else if cfg.req.Date, err = tour.ParseDate(*date); err != nil {
		return cfg, fmt.Errorf("-date: %w", err)
	}
	if cfg.req.StartTime, err = tour.ParseClock(*at); err != nil {
		return cfg, fmt.Errorf("-time: %w", err)
	}
	if cfg.req.DayLength, err = tour.Hours(*hours); err != nil {
		return cfg, fmt.Errorf("-hours: %w", err)
	}
	if cfg.req.Mode, err = geo.ParseMode(*mode); err != nil {
		return cfg, fmt.Errorf("-mode: %w", err)
	}
	switch cfg.lang {
	case "zh", "en", "both":
	default:
		return cfg, fmt.Errorf("-lang %q: use zh, en or both", cfg.lang)
	}
	return cfg, nil
}

// themeTitle names what the plan chose from.
func themeTitle(req tour.Request) string {
	if len(req.Sites) > 0 {
		return strconv.Itoa(len(req.Sites)) + " chosen sites"
	}
	for _, t := range heritage.Themes() {
		if t.Slug == req.Theme {
			return t.Zh + " / " + t.En
		}
	}
	return req.Theme
}

// write writes the plan's files into dir and returns their names.
func write(dir string, plan *route.Plan, cat *heritage.Catalog, lang string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	opts := []export.Option{export.Catalog(cat), export.Lang(lang)}
	var names []string
	for _, name := range []string{"geojson", "gpx", "kml", "jsonld", "svg"} {
		format, err := export.ParseFormat(name)
		if err != nil {
			return names, err
		}
		path := filepath.Join(dir, "route"+format.Ext)
		f, err := os.Create(path)
		if err != nil {
			return names, err
		}
		err = format.Write(f, plan, opts...)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return names, fmt.Errorf("%s: %w", path, err)
		}
		names = append(names, path)
	}
	return names, nil
}
