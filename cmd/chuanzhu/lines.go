package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/tour"
)

// lines writes the catalog's themed lines (tour.Lines) as a brochure
// listing or as JSON.
func lines(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lines", flag.ContinueOnError)
	var (
		themes listFlag
		story  optFloat
		mode   = fs.String("mode", tour.DefaultMode, "travel `mode`: "+modeNames())
		seed   = fs.Int64("seed", 1, "seed of the route searches behind the lines")
		format = newChoice("text", "text", "json")
		lang   = newChoice("both", "zh", "en", "both")
		datum  datumFlag
		cf     catalogFlags
	)
	fs.Var(&themes, "theme", "only the lines of these `themes` (comma-separated, repeatable)")
	fs.Var(&story, "story", "order each line so its history unfolds oldest first, at most this `ratio` longer than the shortest order (0.2: 20%)")
	fs.Var(format, "format", "output `format`: text (a brochure listing) or json (as the web API's GET /api/lines)")
	fs.Var(lang, "lang", "`language` of the text: zh, en or both")
	fs.Var(&datum, "datum", "`datum` of the coordinates in json: wgs84, gcj02 or bd09")
	cf.register(fs)
	fs.Usage = usageFunc(fs, "[flags]", `
Strings the catalog's heritage sites into themed day lines (串珠成线): for each
theme, compact groups of sites each visited in the shortest loop from the
nearest town or station, with a bilingual description and the theme's sites
each line leaves out and why. -story orders each line chronologically within a
bounded detour and reports its cost.`)
	if err := parseFlags(fs, args, stderr, 0); err != nil {
		return err
	}
	m, err := geo.ParseMode(*mode)
	if err != nil {
		return usagef("-mode %q: want one of %s", *mode, modeNames())
	}
	if story.set && story.v < 0 {
		return usagef("-story %g: want a ratio of 0 or more", story.v)
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	if err := checkThemes(cat, themes); err != nil {
		return err
	}
	opts := []tour.Option{tour.Mode(m), tour.Seed(*seed)}
	if story.set {
		opts = append(opts, tour.StoryOrder(story.v))
	}
	var ls []tour.Line
	if len(themes) == 0 {
		ls, err = tour.Lines(ctx, cat, opts...)
	} else {
		for _, t := range themes {
			tl, terr := tour.ThemeLines(ctx, cat, t, opts...)
			if terr != nil {
				err = terr
				break
			}
			ls = append(ls, tl...)
		}
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("themed lines: %w", err)
		}
		return usageError{fmt.Errorf("themed lines: %w", err)}
	}
	var buf bytes.Buffer
	if format.value == "json" {
		err = writeLinesJSON(&buf, ls, datum.d)
	} else {
		writeLinesText(&buf, ls, lang.value)
	}
	if err != nil {
		return err
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

// writeLinesText writes the lines as a brochure listing in lang ("zh",
// "en" or "both").
func writeLinesText(w *bytes.Buffer, ls []tour.Line, lang string) {
	lw := linesText{w: w, zh: lang != "en", en: lang != "zh"}
	if len(ls) == 0 {
		w.WriteString(lw.say(phrase.Lang.NoLines) + "\n")
		return
	}
	for i := range ls {
		if i > 0 {
			w.WriteByte('\n')
		}
		lw.line(&ls[i])
	}
}

// linesText writes lines as text in Chinese, English or both.
type linesText struct {
	w      *bytes.Buffer
	zh, en bool
}

// pick writes t in the chosen language, or both as "中文 / English".
func (lw linesText) pick(t heritage.Text) string {
	switch {
	case lw.zh && lw.en:
		return t.Zh + " / " + t.En
	case lw.zh:
		return t.Zh
	}
	return t.En
}

// say is pick over a phrase written in each language by f.
func (lw linesText) say(f func(phrase.Lang) string) string {
	return lw.pick(heritage.Text{Zh: f(phrase.Chinese), En: f(phrase.English)})
}

// name writes a site's name in the chosen languages.
func (lw linesText) name(s heritage.Site) string {
	switch {
	case lw.zh && lw.en:
		return s.Name.Zh + "  " + s.Name.En
	case lw.zh:
		return s.Name.Zh
	}
	return s.Name.En
}

// line writes one line: its name, theme, base, length and times, sites,
// description, story order and the sites it leaves out.
func (lw linesText) line(l *tour.Line) {
	w := lw.w
	fmt.Fprintf(w, "%s  [%s]\n", lw.pick(l.Name), l.ID)
	fmt.Fprintf(w, "  %s: %s\n", lw.say(phrase.Lang.Theme), lw.pick(heritage.Text{Zh: l.Theme.Zh, En: l.Theme.En}))
	if l.Base != nil {
		fmt.Fprintf(w, "  %s: %s\n", lw.say(phrase.Lang.Base), lw.name(*l.Base))
	} else {
		fmt.Fprintf(w, "  %s\n", lw.say(phrase.Lang.OneWay))
	}
	fmt.Fprintf(w, "  %s · %s · %s\n",
		lw.say(func(p phrase.Lang) string { return p.LineLength(l.Length) }),
		lw.say(func(p phrase.Lang) string { return p.LineTravel(l.Travel) }),
		lw.say(func(p phrase.Lang) string { return p.LineDay(l.Duration) }))
	for k, s := range l.Sites {
		fmt.Fprintf(w, "  %2d. %s  (%s)\n", k+1, lw.name(s), s.ID)
	}
	if lw.zh && l.Description.Zh != "" {
		wrap(w, l.Description.Zh, "  ", 76)
	}
	if lw.en && l.Description.En != "" {
		wrap(w, l.Description.En, "  ", 76)
	}
	if st := l.Story; st != nil {
		wrap(w, lw.say(func(p phrase.Lang) string {
			return p.StoryCost(st.Extra, st.MaxExtra, st.Inversions, st.Pairs, st.Exact, st.ShortestInversions)
		}), "  ", 76)
	}
	lw.leftOut(l.LeftOut)
}

// leftOut writes the reasons of the sites a line leaves out. Sites on
// the theme's other lines are listed there: they are only counted.
func (lw linesText) leftOut(left []tour.LeftOut) {
	others, header := 0, false
	for _, lo := range left {
		if lo.Reason == tour.ReasonOtherLine {
			others++
			continue
		}
		if !header {
			fmt.Fprintf(lw.w, "  %s:\n", lw.say(phrase.Lang.LeftOutHeading))
			header = true
		}
		fmt.Fprintf(lw.w, "    - %s (%s): %s\n", lw.name(lo.Site), lo.Reason, lw.pick(lo.Detail))
	}
	if others > 0 {
		fmt.Fprintf(lw.w, "  %s\n", lw.say(func(p phrase.Lang) string { return p.OnOtherLines(others) }))
	}
}

// wrap writes text in lines of at most n columns (display width), each
// after indent; Chinese text breaks between any two characters, other
// text at spaces.
func wrap(w *bytes.Buffer, text, indent string, n int) {
	var line strings.Builder
	cols := 0
	flush := func() {
		w.WriteString(indent + strings.TrimRight(line.String(), " ") + "\n")
		line.Reset()
		cols = 0
	}
	for _, word := range splitWords(text) {
		ww := displayWidth(word)
		if cols > 0 && cols+ww > n-len(indent) && strings.TrimSpace(word) != "" && !strings.ContainsAny(word, noLineStart) {
			flush()
		}
		if cols == 0 && strings.TrimSpace(word) == "" {
			continue
		}
		line.WriteString(word)
		cols += ww
	}
	if cols > 0 {
		flush()
	}
}

// noLineStart are the punctuation marks a Chinese line does not start
// with; wrap keeps them at the end of the line before.
const noLineStart = "，。、；：？！）》」』”’…·"

// splitWords splits text into words with their following space, and wide
// characters one by one.
func splitWords(text string) []string {
	var words []string
	var cur strings.Builder
	for _, r := range text {
		wide := displayWidth(string(r)) == 2
		switch {
		case wide:
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
			words = append(words, string(r))
		case r == ' ':
			cur.WriteRune(r)
			words = append(words, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}

// writeLinesJSON writes the lines in the web API's JSON form
// ([tour.WriteJSON]), with coordinates in d, indented for reading.
func writeLinesJSON(w *bytes.Buffer, ls []tour.Line, d geo.Datum) error {
	var compact bytes.Buffer
	if err := tour.WriteJSON(&compact, ls, d); err != nil {
		return err
	}
	return json.Indent(w, compact.Bytes(), "", "  ")
}
