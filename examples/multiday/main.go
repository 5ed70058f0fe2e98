// Command multiday plans a three-day trip over all the heritage sites of
// chuanzhu's embedded catalog — Jiang County and its Jin-state neighbours
// — sleeping at a hotel each night, and prints the itinerary in Chinese
// and English:
//
//	go run ./examples/multiday
//
// The nights are spent at the catalog's hotel anchors. The embedded
// catalog has none yet (it lists no hotel it could source), so the
// program says so and uses the county seat as the base every night: each
// day starts and ends there. No hotel is made up.
package main

import (
	"context"
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

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, time.Now))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	fs := flag.NewFlagSet("multiday", flag.ContinueOnError)
	fs.SetOutput(stderr)
	date := fs.String("date", "", "first day, YYYY-MM-DD (default: today in China)")
	days := fs.Int("days", 3, "number of days")
	hours := fs.Float64("hours", 9, "length of each day in hours, from 08:30")
	mode := fs.String("mode", "drive", "travel mode: walk, cycle, drive, drive-mountain or bus")
	lang := fs.String("lang", "both", "language of the itinerary: zh, en or both")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(code int, err error) int {
		fmt.Fprintln(stderr, "multiday:", err)
		return code
	}
	if *days < 1 {
		return fail(2, fmt.Errorf("-days %d: at least 1", *days))
	}
	m, errMode := geo.ParseMode(*mode)
	dayLen, errHours := tour.Hours(*hours)
	if err := errors.Join(errMode, errHours); err != nil {
		return fail(2, err)
	}
	china := time.FixedZone("CST", 8*3600)
	req := tour.Request{Days: *days, DayLength: dayLen, Mode: m, Location: china, Date: tour.DateOf(now().In(china))}
	if *date != "" {
		d, err := tour.ParseDate(*date)
		if err != nil {
			return fail(2, err)
		}
		req.Date = d
	}
	langs := map[string][]string{"zh": {"zh"}, "en": {"en"}, "both": {"zh", "en"}}[*lang]
	if langs == nil {
		return fail(2, fmt.Errorf("-lang %q: use zh, en or both", *lang))
	}

	cat := heritage.Default()
	var hotels []heritage.Site
	for _, s := range cat.Sites() {
		if s.Kind == heritage.Hotel {
			hotels = append(hotels, s)
		}
	}
	seat, _ := cat.Get("anchor/jiangxian-county-seat")
	if len(hotels) == 0 {
		fmt.Fprintf(stdout, "目录中没有酒店类锚点，每晚都住在%s，每天从那里出发并返回。\n", seat.Name.Zh)
		fmt.Fprintf(stdout, "The catalog has no hotel anchors, so every night is spent at %s: each day starts and ends there.\n\n", seat.Name.En)
	} else if req.Days > 1 {
		// One hotel for every night: the catalog's first, in catalog order.
		for range req.Days - 1 {
			req.Hotels = append(req.Hotels, tour.AtSite(hotels[0].ID))
		}
		fmt.Fprintf(stdout, "每晚住在%s。\nEvery night at %s.\n\n", hotels[0].Name.Zh, hotels[0].Name.En)
	}

	plan, err := tour.Plan(ctx, cat, req, route.Seed(1))
	if err != nil {
		var fe *tour.FieldError
		if errors.As(err, &fe) {
			return fail(2, err)
		}
		return fail(1, err)
	}
	for i, l := range langs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := export.Text(stdout, plan, export.Lang(l), export.Catalog(cat)); err != nil {
			return fail(1, err)
		}
	}
	return 0
}
