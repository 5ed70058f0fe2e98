package heritage

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// What a visitor finds on the ground: what there is to see, whether one
// can get in, how sure the opening hours are, the tourist rating, the
// address, and the events a site holds.

// Experience says what there is to see at a site.
type Experience string

// The experiences, from most to least to see.
const (
	Exhibits       Experience = "exhibits"        // a museum or display
	Buildings      Experience = "buildings"       // standing historic buildings
	Earthworks     Experience = "earthworks"      // mounds, walls, visible ruins, steles in the open
	Landscape      Experience = "landscape"       // a mountain, valley or spring
	NothingVisible Experience = "nothing-visible" // underground or ploughed over; at most a marker
)

// Access says whether a visitor can get in.
type Access string

// The kinds of access.
const (
	Open          Access = "open"           // open to visitors (within its opening hours)
	ByArrangement Access = "by-arrangement" // by appointment or with a key holder
	Closed        Access = "closed"         // not open, e.g. under restoration
	AccessUnknown Access = "unknown"        // looked for and not found
)

// HoursStatus says how sure a site's opening hours are.
type HoursStatus string

// The statuses of opening hours.
const (
	// HoursOfficial: the site's or its operator's own published hours.
	HoursOfficial HoursStatus = "official"
	// HoursReported: hours from a secondary source.
	HoursReported HoursStatus = "reported"
	// HoursEstimated: a documented default.
	HoursEstimated HoursStatus = "estimated"
	// HoursUnknown: looked for and not found; a plan must not treat the
	// site as always open without saying so.
	HoursUnknown HoursStatus = "unknown"
)

// The values of each list, in the order documented.
func experiences() []Experience {
	return []Experience{Exhibits, Buildings, Earthworks, Landscape, NothingVisible}
}
func accesses() []Access { return []Access{Open, ByArrangement, Closed, AccessUnknown} }
func hoursStatuses() []HoursStatus {
	return []HoursStatus{HoursOfficial, HoursReported, HoursEstimated, HoursUnknown}
}

// Valid reports whether e is one of the known experiences.
func (e Experience) Valid() bool { return slices.Contains(experiences(), e) }

// Valid reports whether a is one of the known kinds of access.
func (a Access) Valid() bool { return slices.Contains(accesses(), a) }

// Valid reports whether h is one of the known statuses.
func (h HoursStatus) Valid() bool { return slices.Contains(hoursStatuses(), h) }

// list joins values for messages: "a, b, c".
func list[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// Text is a short text in Chinese and, where known, English.
type Text struct {
	// Zh is the Chinese text; never empty in a loaded catalog.
	Zh string `json:"zh"`
	// En is the English text; empty when unknown.
	En string `json:"en,omitempty"`
}

// In returns the text for a reader of lang: Zh for "zh", else En, each
// falling back to the other when empty (as [Name.In]).
func (t Text) In(lang string) string {
	if lang == "zh" && t.Zh != "" || t.En == "" {
		return t.Zh
	}
	return t.En
}

// Rating is China's A-level tourist attraction grade (国家A级旅游景区)
// of a site or of the scenic area it belongs to.
type Rating struct {
	// Level is the number of A's, 1–5 (5 is AAAAA).
	Level int `json:"level"`
	// Year is the year the grade was awarded; 0 when unknown.
	Year int `json:"year,omitempty"`
	// Source is the URL, one of the site's Sources, that states the grade.
	Source string `json:"source"`
}

// Event is a recurring event at a site, such as a temple fair, on a
// lunar-calendar or a Gregorian date each year. Exactly one of Lunar and
// Date is set.
type Event struct {
	// Name names the event.
	Name Text `json:"name"`
	// Lunar is the first day as a Chinese lunar month and day "M-D", e.g.
	// "3-18" for the 18th day of the third month (never a leap month; a
	// day 30 in a year whose month has 29 days does not occur).
	Lunar string `json:"lunar,omitempty"`
	// Date is the first day as a Gregorian "MM-DD", e.g. "04-05".
	Date string `json:"date,omitempty"`
	// Days is how many days the event lasts; 0 means one.
	Days int `json:"days,omitempty"`
	// Source is the URL, one of the site's Sources, that states the event.
	Source string `json:"source"`
}

// maxEventDays bounds Event.Days.
const maxEventDays = 31

// monthDay parses "M-D" or "MM-DD" into a month 1–12 and day 1–max; ok
// is false for anything else.
func monthDay(s string, max int) (month, day int, ok bool) {
	m, d, found := strings.Cut(s, "-")
	if !found || len(m) == 0 || len(m) > 2 || len(d) == 0 || len(d) > 2 {
		return 0, 0, false
	}
	month, err1 := strconv.Atoi(m)
	day, err2 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || day < 1 || day > max {
		return 0, 0, false
	}
	return month, day, true
}

// lunarDate parses Event.Lunar: lunar months have at most 30 days.
func lunarDate(s string) (month, day int, ok bool) { return monthDay(s, 30) }

// gregorianDate parses Event.Date: "MM-DD", a day that exists in a leap
// year.
func gregorianDate(s string) (month, day int, ok bool) {
	if len(s) != 5 {
		return 0, 0, false
	}
	month, day, ok = monthDay(s, 31)
	if ok && time.Date(2024, time.Month(month), day, 0, 0, 0, 0, time.UTC).Day() != day {
		return 0, 0, false
	}
	return month, day, ok
}

// On reports whether the event is held on the calendar day of t (in t's
// location): on its first day or one of the Days that follow. Lunar dates
// are converted with github.com/6tail/lunar-go. An event whose date does
// not parse is never held.
func (e Event) On(t time.Time) bool {
	lunar := e.Lunar != ""
	date, parse := e.Date, gregorianDate
	if lunar {
		date, parse = e.Lunar, lunarDate
	}
	month, dd, ok := parse(date) // once, not for each day
	if !ok {
		return false
	}
	y, m, d := t.Date()
	for k := range max(e.Days, 1) {
		day := time.Date(y, m, d-k, 12, 0, 0, 0, time.UTC)
		if lunar {
			if day.Year() < 1 || day.Year() > 9999 { // the library's range
				continue
			}
			l := calendar.NewSolarFromYmd(day.Year(), int(day.Month()), day.Day()).GetLunar()
			if l.GetMonth() == month && l.GetDay() == dd { // a leap month is negative
				return true
			}
		} else if int(day.Month()) == month && day.Day() == dd {
			return true
		}
	}
	return false
}

// EventsOn returns the site's events held on the calendar day of t (in
// t's location), in the order listed; nil if none.
func (s Site) EventsOn(t time.Time) []Event {
	var out []Event
	for _, e := range s.Events {
		if e.On(t) {
			out = append(out, e)
		}
	}
	return out
}
