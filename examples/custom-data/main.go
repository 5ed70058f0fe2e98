// Command custom-data plans over a catalog of your own: it loads a
// GeoJSON file in chuanzhu's site schema (see heritage/README.md),
// plans a half-day walk over it and prints its themed lines.
//
//	go run ./examples/custom-data                    # the demo file shipped here
//	go run ./examples/custom-data -file my.geojson   # your own sites
//
// The shipped demo.geojson describes a made-up small town: every place in
// it is fictional and says so in its name (示例…（虚构） / Demo … (fictional)),
// so it can show the schema — anchors, kinds, periods, designations, opening
// hours, an unknown theme of its own ("village-walk") — without putting
// unsourced facts about real places into the repository.
//
// The file's first town anchor is where the walk starts and ends; a file
// without anchors needs -start (a site ID or lon,lat).
package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

//go:embed demo.geojson
var demo []byte

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, time.Now))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	fs := flag.NewFlagSet("custom-data", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("file", "", "GeoJSON catalog to load (default: the fictional demo town shipped with this example)")
	start := fs.String("start", "", "where the walk starts and ends: a site ID or lon,lat (default: the file's first town anchor)")
	date := fs.String("date", "", "date of the walk, YYYY-MM-DD (default: today in China)")
	hours := fs.Float64("hours", 4, "length of the walk in hours, from 09:00")
	mode := fs.String("mode", "walk", "travel mode: walk, cycle, drive, drive-mountain or bus")
	lang := fs.String("lang", "en", "language of the itinerary: zh or en")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(code int, err error) int {
		fmt.Fprintln(stderr, "custom-data:", err)
		return code
	}
	if *lang != "zh" && *lang != "en" {
		return fail(2, fmt.Errorf("-lang %q: use zh or en", *lang))
	}

	// 1. Load the catalog. Loading validates every site and reports every
	// problem with the site and field at fault.
	var cat *heritage.Catalog
	var err error
	if *file == "" {
		cat, err = heritage.Load(bytes.NewReader(demo))
	} else {
		cat, err = heritage.LoadFile(*file)
	}
	if err != nil {
		return fail(1, err)
	}
	kinds := map[bool]int{}
	for _, s := range cat.Sites() {
		kinds[s.Anchor()]++
	}
	b := cat.Bound()
	fmt.Fprintf(stdout, "Loaded %d sites and %d anchors within %.4f–%.4f°E, %.4f–%.4f°N.\n\n",
		kinds[false], kinds[true], b.Min[0], b.Max[0], b.Min[1], b.Max[1])

	// 2. Plan a walk over all its sites.
	m, err := geo.ParseMode(*mode)
	if err != nil {
		return fail(2, err)
	}
	dayLen, err := tour.Hours(*hours)
	if err != nil {
		return fail(2, err)
	}
	china := time.FixedZone("CST", 8*3600)
	req := tour.Request{
		DayLength: dayLen, Mode: m, Location: china,
		StartTime: tour.Clock(9 * time.Hour), Date: tour.DateOf(now().In(china)),
	}
	if *date != "" {
		if req.Date, err = tour.ParseDate(*date); err != nil {
			return fail(2, err)
		}
	}
	if *start != "" {
		if req.Start, err = tour.ParseEndpoint(*start); err != nil {
			return fail(2, err)
		}
	}
	plan, err := tour.Plan(ctx, cat, req, route.Seed(1))
	if err != nil {
		var fe *tour.FieldError
		if errors.As(err, &fe) {
			return fail(2, err)
		}
		return fail(1, err)
	}
	if err := export.Text(stdout, plan, export.Lang(*lang), export.Catalog(cat)); err != nil {
		return fail(1, err)
	}

	// 3. Its themed lines, walked.
	lines, err := tour.Lines(ctx, cat, tour.Mode(m), tour.DayBudget(dayLen))
	if err != nil {
		return fail(1, err)
	}
	fmt.Fprintf(stdout, "\nThemed lines (%d)\n", len(lines))
	for _, l := range lines {
		name, desc := l.Name.En, l.Description.En
		if *lang == "zh" {
			name, desc = l.Name.Zh, l.Description.Zh
		}
		fmt.Fprintf(stdout, "\n%s [%s]: %d sites, %.1f km, %s\n  %s\n", name, l.ID, len(l.Sites), l.Length/1000, l.Duration.Round(time.Minute), desc)
	}
	return 0
}
