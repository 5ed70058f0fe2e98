package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chuanzhu/chuanzhu/route"
)

// errUndated is ICS's refusal of a plan whose days have no calendar date.
var errUndated = errors.New("export: an iCalendar file needs a plan with dates, and this plan's days have none (plan it for a date)")

// ICS writes p as an iCalendar file (RFC 5545, text/calendar): one
// VCALENDAR with one VEVENT per visit, from the visit's start to its
// departure. Each event has a UID stable for the same plan (the visit's
// date, sequence number and site ID @chuanzhu), DTSTAMP (the time of
// writing), DTSTART and DTEND in UTC, SUMMARY (the sequence number and the
// site's name in the chosen [Lang]), LOCATION (the name and the other
// language's name), GEO (latitude;longitude in WGS-84, as RFC 5545 asks,
// whatever the [Datum] option) and a DESCRIPTION with the day, the arrival
// (when the visit waits), the site's note from the [Catalog], how to find
// a roughly located site and, when the site's opening hours are not
// confirmed, a notice saying so: the event's times are then the plan's
// guess. Lines end in CRLF and are
// folded at 75 octets without splitting a UTF-8 character; text values
// are escaped.
//
// A plan without calendar dates (one solved without opening windows, such
// as a themed line) is an error: a calendar event needs a date; so is a
// place without a location, as for the other map outputs.
func ICS(w io.Writer, p *route.Plan, opts ...Option) error {
	return icsAt(w, p, time.Now(), opts...)
}

// icsAt is ICS with the DTSTAMP given, for tests.
func icsAt(w io.Writer, p *route.Plan, stamp time.Time, opts ...Option) error {
	t, _, err := mappedTrip(p, opts)
	if err != nil {
		return err
	}
	for _, d := range t.days {
		if !hasDate(d.depart) {
			return errUndated
		}
	}
	bw := bufio.NewWriter(w)
	cw := &contentWriter{w: bw}
	cw.line("BEGIN", "VCALENDAR")
	cw.line("VERSION", "2.0")
	cw.line("PRODID", "-//chuanzhu//route/export//EN")
	cw.line("CALSCALE", "GREGORIAN")
	cw.line("METHOD", "PUBLISH")
	cw.line("X-WR-CALNAME", icsText(t.title))
	for _, d := range t.days {
		for _, s := range d.stops {
			if s.role == roleStop {
				cw.event(t, d, s, stamp)
			}
		}
	}
	cw.line("END", "VCALENDAR")
	if cw.err != nil {
		return cw.err
	}
	return bw.Flush()
}

// event writes one visit's VEVENT.
func (cw *contentWriter) event(t *trip, d tripDay, s tripStop, stamp time.Time) {
	start := s.start
	if start.IsZero() {
		start = s.arrival
	}
	cw.line("BEGIN", "VEVENT")
	cw.line("UID", fmt.Sprintf("%s-%d-%s@chuanzhu", start.Format("20060102"), s.seq, icsUIDPart(s.id)))
	cw.line("DTSTAMP", icsTime(stamp))
	cw.line("DTSTART", icsTime(start))
	cw.line("DTEND", icsTime(s.departure))
	cw.line("SUMMARY", icsText(fmt.Sprintf("%d. %s", s.seq, s.name)))
	loc := s.name
	if s.alt != "" {
		loc += " (" + s.alt + ")"
	}
	cw.line("LOCATION", icsText(loc))
	cw.line("GEO", fmt.Sprintf("%.6f;%.6f", s.loc[1], s.loc[0]))
	parts := []string{t.lex.Day(d.day)}
	if s.wait > 0 {
		parts = append(parts, t.lex.arrive(s.name, s.wait, s.visit, s.start))
	}
	parts = append(parts, note(s.site, string(t.lex.Lang)), t.lex.locate(&s), t.lex.hoursNotice(s.site))
	cw.line("DESCRIPTION", icsText(strings.Join(nonEmpty(parts...), "\n")))
	cw.line("END", "VEVENT")
}

// contentWriter writes iCalendar content lines, folded, with CRLF; it
// keeps the first write error.
type contentWriter struct {
	w   *bufio.Writer
	err error
}

// line writes "name:value" folded at 75 octets: a continuation line starts
// with one space, and a UTF-8 character is never split.
func (cw *contentWriter) line(name, value string) {
	if cw.err != nil {
		return
	}
	s := name + ":" + value
	var b strings.Builder
	n := 0 // octets on the current line
	for _, r := range s {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 3 // written as U+FFFD
		}
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	_, cw.err = cw.w.WriteString(b.String())
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon
// and comma get a backslash, a line break becomes \n, and other control
// characters are dropped.
func icsText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsUIDPart keeps the letters, digits, dots and hyphens of a site ID and
// writes the others as '-', so that a UID needs no escaping.
func icsUIDPart(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, id)
}

// icsTime writes t as a UTC DATE-TIME ("20270504T011049Z"), to the second.
func icsTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format("20060102T150405Z") }
