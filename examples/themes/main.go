// Command themes prints every themed line (串珠成线) of chuanzhu's embedded
// catalog as a brochure would list them: per theme, each line's name, its
// sites in order, its length and time, a short description built from the
// sites' own notes, and the theme's sites it leaves out and why.
//
//	go run ./examples/themes
//	go run ./examples/themes -story 0.2   # tell each line oldest first, ≤ 20% longer
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("themes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	story := fs.Float64("story", -1, "order each line oldest first, at most this much longer than the shortest (0.2 = 20%); negative: shortest order")
	hours := fs.Float64("hours", 8, "day budget of a line in hours, travel and visits")
	span := fs.Float64("span", tour.DefaultMaxSpan/1000, "largest distance between two sites of a line in the same county, km")
	cross := fs.Float64("cross", tour.DefaultMaxCrossSpan/1000, "largest distance between two sites of a line in different counties, km")
	mode := fs.String("mode", "drive", "travel mode: walk, cycle, drive, drive-mountain or bus")
	lang := fs.String("lang", "both", "language: zh, en or both")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(code int, err error) int {
		fmt.Fprintln(stderr, "themes:", err)
		return code
	}
	m, err := geo.ParseMode(*mode)
	if err != nil {
		return fail(2, err)
	}
	if !(*hours > 0) || math.IsInf(*hours, 0) {
		return fail(2, fmt.Errorf("-hours %v: must be positive", *hours))
	}
	zh, en := *lang == "zh" || *lang == "both", *lang == "en" || *lang == "both"
	if !zh && !en {
		return fail(2, fmt.Errorf("-lang %q: use zh, en or both", *lang))
	}
	lines, err := tour.Lines(ctx, heritage.Default(),
		tour.StoryOrder(*story), tour.DayBudget(time.Duration(*hours*float64(time.Hour))),
		tour.MaxSpan(*span*1000), tour.MaxCrossSpan(*cross*1000), tour.Mode(m))
	if err != nil {
		return fail(2, err)
	}
	theme := ""
	for _, l := range lines {
		if l.Theme.Slug != theme {
			theme = l.Theme.Slug
			heading := pick(zh, en, l.Theme.Zh, l.Theme.En)
			fmt.Fprintf(stdout, "\n%s\n%s\n", heading, strings.Repeat("=", width(heading)))
		}
		printLine(stdout, l, zh, en)
	}
	return 0
}

func printLine(w io.Writer, l tour.Line, zh, en bool) {
	fmt.Fprintf(w, "\n%s  [%s]\n", pick(zh, en, l.Name.Zh, l.Name.En), l.ID)
	var names []string
	for _, s := range l.Sites {
		names = append(names, pick(zh, en, s.Name.Zh, s.Name.En))
	}
	from := ""
	if l.Base != nil {
		from = pick(zh, en, l.Base.Name.Zh, l.Base.Name.En)
		names = append([]string{from}, append(names, from)...)
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(names, " → "))
	fmt.Fprintf(w, "  %.1f km · %s · %d sites\n", l.Length/1000, l.Duration.Round(time.Minute), len(l.Sites))
	if st := l.Story; st != nil {
		fmt.Fprintf(w, "  story: +%.1f%% length, %+.1f%% travel, %d of %d dated pairs out of order (shortest order: %d)\n",
			st.Extra*100, st.ExtraTravel*100, st.Inversions, st.Pairs, st.ShortestInversions)
	}
	if zh {
		fmt.Fprintf(w, "  %s\n", l.Description.Zh)
	}
	if en {
		fmt.Fprintf(w, "  %s\n", l.Description.En)
	}
	for _, lo := range l.LeftOut {
		if lo.Reason == tour.ReasonOtherLine {
			continue
		}
		name := pick(zh, en, lo.Site.Name.Zh, lo.Site.Name.En)
		fmt.Fprintf(w, "  - %s (%s): %s\n", name, lo.Reason, pick(zh, en, lo.Detail.Zh, lo.Detail.En))
	}
}

// pick returns zh, en or both joined.
func pick(zh, en bool, z, e string) string {
	switch {
	case zh && en:
		return z + " / " + e
	case zh:
		return z
	}
	return e
}

// width approximates the display width of s: two columns for CJK.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
