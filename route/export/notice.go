package export

import (
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
)

// What a visit's site tells a visitor to check before going: whether its
// opening hours are confirmed, and what event it holds on the day.

// hoursConfirmed reports whether a site's opening hours come from the
// site, its operator or a secondary source ([heritage.HoursOfficial],
// [heritage.HoursReported]). Hours that are estimated, unknown or not
// rated are not confirmed: the plan treats the site as open (or as open
// in the estimated hours), and the outputs say so.
func hoursConfirmed(s *heritage.Site) bool {
	switch s.Visit.HoursStatus {
	case heritage.HoursOfficial, heritage.HoursReported:
		return true
	}
	return false
}

// hoursNotice is the sentence a visit of s carries when its hours are not
// confirmed, "" otherwise (and for places that are not heritage sites).
func (l lexicon) hoursNotice(s *heritage.Site) string {
	if s == nil || s.Anchor() || hoursConfirmed(s) {
		return ""
	}
	return l.Pick("开放时间未经证实，请提前致电确认", "Opening hours not confirmed: call ahead")
}

// eventsNotice names the events s holds on the day of t ("On this day:
// …"), "" when none or when t has no date.
func (l lexicon) eventsNotice(s *heritage.Site, t time.Time) string {
	if s == nil || !hasDate(t) {
		return ""
	}
	evs := s.EventsOn(t)
	if len(evs) == 0 {
		return ""
	}
	names := make([]string, len(evs))
	for i, e := range evs {
		names[i] = l.Pick(e.Name.Zh, e.Name.En)
	}
	return l.Pick("当天有：", "On this day: ") + l.List(names)
}

// jsonEvent is an event a visit's site holds on the day of the visit.
type jsonEvent struct {
	Name  heritage.Text `json:"name"`
	Lunar string        `json:"lunar,omitempty"`
	Date  string        `json:"date,omitempty"`
	Days  int           `json:"days,omitempty"`
}

// notices fills the members of a visit's JSON that its site's catalog
// entry adds: the hours status, a note when the hours are not confirmed
// (in both languages: the JSON is the same for every Lang), and the
// events held on the day of the visit. A place that is no site (s nil)
// or an anchor adds none.
func (v *jsonVisit) notices(s *heritage.Site, at time.Time) {
	if s == nil || s.Anchor() {
		return
	}
	v.HoursStatus = string(s.Visit.HoursStatus)
	if v.HoursStatus == "" {
		v.HoursStatus = string(heritage.HoursUnknown)
	}
	if zh := (lexicon{Lang: phrase.Chinese}).hoursNotice(s); zh != "" {
		v.Note = &heritage.Text{Zh: zh, En: lexicon{Lang: phrase.English}.hoursNotice(s)}
	}
	if !hasDate(at) {
		return
	}
	for _, e := range s.EventsOn(at) {
		v.Events = append(v.Events, jsonEvent{Name: e.Name, Lunar: e.Lunar, Date: e.Date, Days: e.Days})
	}
}

// lateStart explains a day that leaves later than it was asked to: the
// first visit (or the break) cannot start earlier, so leaving at the
// asked time would only mean waiting there. "" when the day leaves on
// time or has no dates.
func (l lexicon) lateStart(d *tripDay) string {
	if !hasDate(d.open) || !d.depart.After(d.open.Add(time.Minute)) {
		return ""
	}
	return l.Pick("比要求的 "+phrase.Clock(d.open)+" 晚出发：第一处参观（或休息）不能更早开始，早走只会在那里等候",
		"Leaving later than the "+phrase.Clock(d.open)+" asked for: the first visit (or the break) cannot start earlier, so leaving then would only mean waiting there")
}
