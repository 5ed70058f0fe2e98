package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
)

// Text writes p as a plain-text itinerary in the language of the [Lang]
// option ("zh" by default, or "en"): the title, then per day its date,
// one line per event (leaving a place with the leg's travel time and
// distance, arriving at a site with any wait and the visit's length, a
// break, the end of the day), the day's totals, the whole trip's totals
// when it has several days, and the stops left out with the reason.
// Times are written in the plan's own time zone.
func Text(w io.Writer, p *route.Plan, opts ...Option) error {
	return writeItinerary(w, p, opts, writeText)
}

// Markdown writes the same itinerary as [Text] in Markdown: the title as a
// level-1 heading, a level-2 heading per day and for the stops left out,
// events as list items with times and names in bold, and below each visit,
// each day's start and an end elsewhere, links to find the place in AMap,
// Baidu Maps and OpenStreetMap (see Navigation in the package doc). Names
// are escaped so that no Markdown syntax in them takes effect.
func Markdown(w io.Writer, p *route.Plan, opts ...Option) error {
	return writeItinerary(w, p, opts, writeMarkdown)
}

// writeItinerary builds the itinerary of p and writes it to w with write.
func writeItinerary(w io.Writer, p *route.Plan, opts []Option, write func(*bufio.Writer, *trip, lexicon)) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	t, err := fromPlan(p, &o)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	write(bw, t, t.lex)
	return bw.Flush()
}

// event is one line of a day's itinerary; its details, if any, go on
// indented lines below it.
type event struct {
	at     time.Time
	text   string
	detail []string
	// nav finds the event's place on the ground: a visit's site, the
	// day's start, an end elsewhere; Markdown links it.
	nav *navLinks
}

// nonEmpty returns the non-empty ones of parts.
func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dayEvents lists d's events in time order; deco decorates names (bold in
// Markdown).
func dayEvents(d *tripDay, l lexicon, deco func(string) string) []event {
	var evs []event
	n := len(d.stops)
	legFrom := make(map[int]tripLeg, len(d.legs))
	for _, lg := range d.legs {
		legFrom[lg.from] = lg
	}
	for i, s := range d.stops {
		name := deco(s.name)
		switch s.role {
		case roleStop:
			evs = append(evs, event{at: s.arrival, text: l.arrive(name, s.wait, s.visit, s.start), detail: nonEmpty(l.siteFacts(s.site), l.locate(&s), l.hoursNotice(s.site), l.eventsNotice(s.site, s.start)), nav: s.navigation()})
		case roleEnd:
			loop := s.id == d.stops[0].id
			e := event{at: s.arrival, text: l.finish(name, loop, false)}
			if !loop {
				e.nav = s.navigation()
			}
			evs = append(evs, e)
			continue
		}
		leave := s.departure
		if d.brk != nil && d.brk.after == i {
			evs = append(evs, event{at: d.brk.start, text: l.rest(d.brk.start, d.brk.duration)})
			if end := d.brk.start.Add(d.brk.duration); end.After(leave) {
				leave = end
			}
		}
		if lg, ok := legFrom[i]; ok {
			e := event{at: leave, text: l.leave(name, s.role == roleStart, l.legTravel(lg, &d.stops[lg.from], &d.stops[lg.to]))}
			if s.role == roleStart {
				e.nav = s.navigation()
				e.detail = nonEmpty(l.lateStart(d))
			}
			evs = append(evs, e)
		} else if i == n-1 && s.role == roleStop {
			evs = append(evs, event{at: leave, text: l.finish(name, false, true)})
		}
	}
	return evs
}

// dayHeading writes "Day 1 · Wednesday 1 May 2024 · 08:30–17:10", without
// the times on a day when nothing happens. On a day whose travel is an
// estimate (a leg to or from a coarse place, as its totals say) the end
// is one too: "08:30–about 17:10"; "08:30–约 17:10". The departure is the
// visitor's to keep.
func dayHeading(d *tripDay, l lexicon) string {
	h := l.Day(d.day)
	if hasDate(d.depart) {
		h += " · " + l.Date(d.depart)
	}
	if !d.depart.IsZero() && !d.ret.IsZero() && !d.total.idle() {
		end := phrase.Clock(d.ret)
		if d.total.approx {
			end = l.Pick("约 ", "about ") + end
		}
		h += " · " + phrase.Clock(d.depart) + "–" + end
	}
	return h
}

func writeText(w *bufio.Writer, t *trip, l lexicon) {
	fmt.Fprintf(w, "%s\n%s\n", t.title, strings.Repeat("=", displayWidth(t.title)))
	for i := range t.days {
		d := &t.days[i]
		fmt.Fprintf(w, "\n%s\n", dayHeading(d, l))
		if d.total.visits == 0 && !d.total.idle() {
			fmt.Fprintln(w, l.noVisits())
		}
		for _, e := range dayEvents(d, l, plain) {
			fmt.Fprintf(w, "%s %s\n", phrase.Clock(e.at), e.text)
			for _, d := range e.detail {
				fmt.Fprintf(w, "      %s\n", d)
			}
		}
		fmt.Fprintln(w, l.totals(d.total, 0))
	}
	if len(t.days) > 1 {
		fmt.Fprintf(w, "\n%s\n", l.totals(t.total, len(t.days)))
	}
	if len(t.skipped) > 0 {
		fmt.Fprintf(w, "\n%s\n", l.leftOut(len(t.skipped)))
		for _, s := range t.skipped {
			fmt.Fprintf(w, "- %s\n", l.reasonLine(s.name, s.reason))
		}
	}
}

func writeMarkdown(w *bufio.Writer, t *trip, l lexicon) {
	fmt.Fprintf(w, "# %s\n", markdownEscape(t.title))
	for i := range t.days {
		d := &t.days[i]
		fmt.Fprintf(w, "\n## %s\n", dayHeading(d, l))
		if d.total.visits == 0 && !d.total.idle() {
			fmt.Fprintf(w, "\n%s\n", l.noVisits())
		}
		for i, e := range dayEvents(d, l, bold) {
			if i == 0 {
				fmt.Fprintln(w)
			}
			// A backslash at the end of a line is CommonMark's hard line
			// break: each detail goes on its own line in the item.
			fmt.Fprintf(w, "- **%s** %s", phrase.Clock(e.at), e.text)
			for _, d := range e.detail {
				fmt.Fprintf(w, "\\\n  *%s*", markdownEscape(d))
			}
			if e.nav != nil {
				fmt.Fprintf(w, "\\\n  %s", l.navLine(e.nav))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "\n%s\n", l.totals(d.total, 0))
	}
	if len(t.days) > 1 {
		fmt.Fprintf(w, "\n**%s**\n", l.totals(t.total, len(t.days)))
	}
	if len(t.skipped) > 0 {
		fmt.Fprintf(w, "\n## %s\n\n", l.leftOut(len(t.skipped)))
		for _, s := range t.skipped {
			fmt.Fprintf(w, "- %s\n", l.reasonLine(bold(s.name), s.reason))
		}
	}
}

func plain(s string) string { return s }

func bold(s string) string { return "**" + markdownEscape(s) + "**" }

// markdownEscape backslash-escapes the characters that could start Markdown
// syntax inside a line (CommonMark's ASCII punctuation that matters
// inline), so a name is shown as written.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~':
			b.WriteByte('\\')
		case '\n', '\r':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// displayWidth counts terminal columns: wide characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if wideRune(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
