package heritage

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrOpeningHours is wrapped by every error of [ParseOpeningHours].
var ErrOpeningHours = errors.New("heritage: malformed opening hours")

// OpeningHoursError reports where and why an opening_hours value does not
// parse. It wraps [ErrOpeningHours].
type OpeningHoursError struct {
	// Text is the whole value that was parsed.
	Text string
	// Offset is the byte offset in Text where the problem was found.
	Offset int
	// Reason says what was wrong.
	Reason string
}

func (e *OpeningHoursError) Error() string {
	return fmt.Sprintf("heritage: opening hours %q: at offset %d: %s", e.Text, e.Offset, e.Reason)
}

// Unwrap returns [ErrOpeningHours].
func (e *OpeningHoursError) Unwrap() error { return ErrOpeningHours }

// OpeningHours is a parsed opening_hours value: a sequence of rules, each
// selecting months and weekdays and giving the open times on them. The
// zero value has no rules and is never open. OpeningHours is immutable and
// safe for concurrent use.
type OpeningHours struct {
	text  string
	rules []hoursRule
}

type hoursRule struct {
	months uint16 // bit m set: the rule applies in time.Month m
	days   uint8  // bit d set: the rule applies on time.Weekday d
	off    bool   // closed on the selected days
	spans  []span // open times, sorted and disjoint; empty only when off
}

// span is an open time of day in minutes since midnight, 0 <= start < end <= 1440.
type span struct{ start, end int }

// Interval is a half-open time interval [Start, End).
type Interval struct {
	Start, End time.Time
}

// Duration returns End - Start.
func (iv Interval) Duration() time.Duration { return iv.End.Sub(iv.Start) }

const (
	allMonths uint16 = 0b1_1111_1111_1110 // bits 1..12
	allDays   uint8  = 0b111_1111         // bits 0..6
	dayEnd           = 24 * 60
)

// ParseOpeningHours parses s, which must be in the following subset of
// OpenStreetMap's opening_hours syntax (see the package README for
// examples):
//
//   - "24/7" alone: always open.
//   - Rules separated by ";". A rule is an optional month selector, an
//     optional weekday selector, an optional list of time ranges and an
//     optional "off", "closed" or "open", in that order, at least one of
//     them present.
//   - Month selector: a comma-separated list of months or month ranges
//     ("Apr-Oct", "Nov-Mar", "Jan,Jul-Aug"); ranges may wrap the year end.
//   - Weekday selector: a comma-separated list of weekdays or weekday
//     ranges ("Mo-Fr", "Tu-Su", "Sa,Su", "Fr-Mo") and "PH". PH (public
//     holidays) is accepted but not evaluated: there is no holiday
//     calendar, so PH matches no day.
//   - Time ranges: "HH:MM-HH:MM" with two-digit hours 00–24, comma
//     separated ("09:00-12:00,14:00-17:00"); the end is after the start and
//     at most 24:00 (ranges past midnight are not supported).
//   - A rule without times means open all day on its days, unless it says
//     "off" or "closed", which means closed all day; "off" cannot be
//     combined with times.
//   - As in OSM, a later rule replaces earlier ones on every day it
//     selects: "Mo-Su 09:00-17:00; Mo off" is closed on Mondays.
//
// Anything else — dates, week numbers, sunrise, comments, "||" fallback
// rules, "," between rules — is rejected with an [*OpeningHoursError]
// naming the byte offset of the problem. ParseOpeningHours never panics.
func ParseOpeningHours(s string) (OpeningHours, error) {
	p := hoursParser{text: s}
	if err := p.lex(); err != nil {
		return OpeningHours{}, err
	}
	if len(p.toks) == 0 {
		return OpeningHours{}, p.errAt(0, "empty value")
	}
	var rules []hoursRule
	for {
		r, err := p.rule()
		if err != nil {
			return OpeningHours{}, err
		}
		rules = append(rules, r)
		if p.done() {
			break
		}
		// p.rule stops only at ";" or the end.
		p.next()
		if p.done() {
			return OpeningHours{}, p.errAt(len(s), "empty rule after ';'")
		}
	}
	return OpeningHours{text: s, rules: rules}, nil
}

// String returns the text the value was parsed from.
func (h OpeningHours) String() string { return h.text }

// On returns the open intervals on the calendar day of date in
// date.Location(), in time order; nil when closed all that day. Intervals
// are built with [time.Date] in that location, so they follow its
// daylight-saving rules; an interval that ends at 24:00 ends at the next
// day's midnight.
func (h OpeningHours) On(date time.Time) []Interval {
	y, m, d := date.Date()
	wd := date.Weekday()
	var cur *hoursRule
	for i := range h.rules {
		r := &h.rules[i]
		if r.months&(1<<uint(m)) != 0 && r.days&(1<<uint(wd)) != 0 {
			cur = r
		}
	}
	if cur == nil || cur.off {
		return nil
	}
	loc := date.Location()
	out := make([]Interval, len(cur.spans))
	for i, sp := range cur.spans {
		out[i] = Interval{
			Start: time.Date(y, m, d, sp.start/60, sp.start%60, 0, 0, loc),
			End:   time.Date(y, m, d, sp.end/60, sp.end%60, 0, 0, loc),
		}
	}
	return out
}

// Open reports whether t falls in an open interval of its calendar day.
func (h OpeningHours) Open(t time.Time) bool {
	for _, iv := range h.On(t) {
		if !t.Before(iv.Start) && t.Before(iv.End) {
			return true
		}
	}
	return false
}

type tokKind int

const (
	tokWord  tokKind = iota // letters: Mo, Apr, PH, off
	tokTime                 // HH:MM
	tokDash                 // -
	tokComma                // ,
	tokSemi                 // ;
	tok247                  // 24/7
)

type token struct {
	kind tokKind
	text string
	pos  int
}

type hoursParser struct {
	text string
	toks []token
	i    int
}

func (p *hoursParser) errAt(pos int, format string, args ...any) error {
	return &OpeningHoursError{Text: p.text, Offset: pos, Reason: fmt.Sprintf(format, args...)}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

func (p *hoursParser) lex() error {
	s := p.text
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '-':
			p.toks = append(p.toks, token{tokDash, "-", i})
			i++
		case c == ',':
			p.toks = append(p.toks, token{tokComma, ",", i})
			i++
		case c == ';':
			p.toks = append(p.toks, token{tokSemi, ";", i})
			i++
		case isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			p.toks = append(p.toks, token{tokWord, s[i:j], i})
			i = j
		case isDigit(c):
			if strings.HasPrefix(s[i:], "24/7") {
				p.toks = append(p.toks, token{tok247, "24/7", i})
				i += 4
				break
			}
			j := i
			for j < len(s) && (isDigit(s[j]) || s[j] == ':') {
				j++
			}
			t := s[i:j]
			if len(t) != 5 || t[2] != ':' || !isDigit(t[0]) || !isDigit(t[1]) || !isDigit(t[3]) || !isDigit(t[4]) {
				return p.errAt(i, "%q is not a time HH:MM (dates and week numbers are not supported)", t)
			}
			p.toks = append(p.toks, token{tokTime, t, i})
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return p.errAt(i, "unexpected character %q", r)
		}
	}
	return nil
}

func (p *hoursParser) done() bool { return p.i >= len(p.toks) }

func (p *hoursParser) peek() (token, bool) {
	if p.done() {
		return token{}, false
	}
	return p.toks[p.i], true
}

func (p *hoursParser) next() token {
	t := p.toks[p.i]
	p.i++
	return t
}

// endPos is the offset just past the last token, for errors at the end.
func (p *hoursParser) endPos() int { return len(p.text) }

// rule parses one rule and leaves the parser at ";" or the end.
func (p *hoursParser) rule() (hoursRule, error) {
	r := hoursRule{months: allMonths, days: allDays}
	start := p.i
	if t, ok := p.peek(); ok && t.kind == tok247 {
		p.next()
		if t, ok := p.peek(); ok && t.kind != tokSemi {
			return r, p.errAt(t.pos, "24/7 must be a rule on its own")
		}
		r.spans = []span{{0, dayEnd}}
		return r, nil
	}
	if t, ok := p.peek(); ok && t.kind == tokWord && monthOf(t.text) > 0 {
		m, err := p.monthSelector()
		if err != nil {
			return r, err
		}
		r.months = m
	}
	if t, ok := p.peek(); ok && t.kind == tokWord && (weekdayOf(t.text) >= 0 || t.text == "PH") {
		d, err := p.daySelector()
		if err != nil {
			return r, err
		}
		r.days = d
	}
	if t, ok := p.peek(); ok && t.kind == tokTime {
		sp, err := p.times()
		if err != nil {
			return r, err
		}
		r.spans = sp
	}
	if t, ok := p.peek(); ok && t.kind == tokWord {
		switch t.text {
		case "off", "closed":
			if r.spans != nil {
				return r, p.errAt(t.pos, "%q cannot follow time ranges", t.text)
			}
			r.off = true
			p.next()
		case "open":
			p.next()
		}
	}
	t, ok := p.peek()
	switch {
	case ok && t.kind != tokSemi:
		return r, p.unexpected(t)
	case p.i == start:
		pos := p.endPos()
		if ok {
			pos = t.pos
		}
		return r, p.errAt(pos, "empty rule")
	}
	if !r.off && r.spans == nil {
		r.spans = []span{{0, dayEnd}}
	}
	return r, nil
}

func (p *hoursParser) unexpected(t token) error {
	switch {
	case t.kind == tokWord && monthOf(t.text) > 0:
		return p.errAt(t.pos, "month %q must come before weekdays and times", t.text)
	case t.kind == tokWord && (weekdayOf(t.text) >= 0 || t.text == "PH"):
		return p.errAt(t.pos, "weekday %q must come before times", t.text)
	case t.kind == tokWord && (t.text == "off" || t.text == "closed" || t.text == "open"):
		return p.errAt(t.pos, "%q may appear once, at the end of a rule", t.text)
	case t.kind == tokWord:
		return p.errAt(t.pos, "unsupported word %q", t.text)
	case t.kind == tokComma:
		return p.errAt(t.pos, "unexpected ','; separate rules with ';'")
	case t.kind == tok247:
		return p.errAt(t.pos, "24/7 must be a rule on its own")
	}
	return p.errAt(t.pos, "unexpected %q", t.text)
}

func (p *hoursParser) monthSelector() (uint16, error) {
	return p.cyclicList(cycle{pos: monthOf, first: 1, n: 12, what: "a month such as Apr", after: "a month after '-'"})
}

func (p *hoursParser) daySelector() (uint8, error) {
	set, err := p.cyclicList(cycle{pos: weekdayOf, first: 0, n: 7, what: "a weekday such as Mo or PH",
		after: "a weekday after '-'", bare: "PH"})
	return uint8(set), err
}

// cycle is a set of names in cyclic order, such as the months or the
// weekdays.
type cycle struct {
	pos      func(name string) int // in first … first+n-1 for a name of the cycle
	first, n int
	what     string // what an item must be, for errors
	after    string // what must follow '-'
	bare     string // a word allowed as an item that sets no position ("PH"), or ""
}

func (c *cycle) has(name string) bool {
	x := c.pos(name)
	return x >= c.first && x < c.first+c.n
}

// cyclicList reads a comma-separated list of names of c and ranges
// "A-B" of them, which wrap round ("Nov-Feb", "Sa-Mo"), and returns the
// positions they cover as bits.
func (p *hoursParser) cyclicList(c cycle) (uint16, error) {
	var set uint16
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokWord || (!c.has(t.text) && (c.bare == "" || t.text != c.bare)) {
			return 0, p.expected(t, ok, c.what)
		}
		p.next()
		if c.has(t.text) {
			a := c.pos(t.text)
			b := a
			if d, ok := p.peek(); ok && d.kind == tokDash {
				p.next()
				e, ok := p.peek()
				if !ok || e.kind != tokWord || !c.has(e.text) {
					return 0, p.expected(e, ok, c.after)
				}
				p.next()
				b = c.pos(e.text)
			}
			for x := a; ; x = c.first + (x-c.first+1)%c.n {
				set |= 1 << uint(x)
				if x == b {
					break
				}
			}
		}
		if sep, ok := p.peek(); !ok || sep.kind != tokComma {
			return set, nil
		}
		p.next()
	}
}

// want reads the next token, which must be of kind k; what says what
// was expected there.
func (p *hoursParser) want(k tokKind, what string) (token, error) {
	t, ok := p.peek()
	if !ok || t.kind != k {
		return t, p.expected(t, ok, what)
	}
	p.next()
	return t, nil
}

func (p *hoursParser) times() ([]span, error) {
	var spans []span
	for {
		t, a, err := p.clock("a time range such as 09:00-17:00")
		if err != nil {
			return nil, err
		}
		if _, err := p.want(tokDash, "'-' after the opening time"); err != nil {
			return nil, err
		}
		e, b, err := p.clock("a closing time HH:MM")
		if err != nil {
			return nil, err
		}
		if a >= dayEnd {
			return nil, p.errAt(t.pos, "opening time %s is not before 24:00", t.text)
		}
		if b <= a {
			return nil, p.errAt(e.pos, "closing time %s is not after opening time %s (ranges past midnight are not supported)", e.text, t.text)
		}
		spans = append(spans, span{a, b})
		c, ok := p.peek()
		if !ok || c.kind != tokComma {
			break
		}
		p.next()
		if t, ok := p.peek(); !ok || t.kind != tokTime {
			return nil, p.errAt(c.pos, "',' must be followed by another time range; separate rules with ';'")
		}
	}
	return mergeSpans(spans), nil
}

// clock reads the next token, a time HH:MM (what names it in the error
// otherwise), and returns it with its minutes from midnight.
func (p *hoursParser) clock(what string) (token, int, error) {
	t, err := p.want(tokTime, what)
	if err != nil {
		return t, 0, err
	}
	h := int(t.text[0]-'0')*10 + int(t.text[1]-'0')
	m := int(t.text[3]-'0')*10 + int(t.text[4]-'0')
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return t, 0, p.errAt(t.pos, "time %s is out of range 00:00–24:00", t.text)
	}
	return t, h*60 + m, nil
}

func (p *hoursParser) expected(t token, ok bool, what string) error {
	if !ok {
		return p.errAt(p.endPos(), "expected %s, found the end", what)
	}
	return p.errAt(t.pos, "expected %s, found %q", what, t.text)
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(s []span) []span {
	slices.SortFunc(s, func(a, b span) int { return a.start - b.start })
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.start <= last.end {
			last.end = max(last.end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// monthOf returns 1–12 for an OSM month abbreviation, 0 otherwise.
func monthOf(s string) int {
	months := [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	return slices.Index(months[:], s) + 1
}

// weekdayOf returns the time.Weekday of an OSM weekday abbreviation, -1
// otherwise.
func weekdayOf(s string) int {
	days := [...]string{time.Sunday: "Su", time.Monday: "Mo", time.Tuesday: "Tu", time.Wednesday: "We",
		time.Thursday: "Th", time.Friday: "Fr", time.Saturday: "Sa"}
	return slices.Index(days[:], s)
}
