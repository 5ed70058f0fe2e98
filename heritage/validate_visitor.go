package heritage

import (
	"slices"
	"strings"
)

// visitor checks what a visitor finds beyond the visit facts: the
// address, the entrance, the rating, the references to other sites (whose
// targets checkRefs checks once the catalog is known) and the events.
func (c *siteCheck) visitor() {
	s := c.s
	if a := s.Address; a != nil && strings.TrimSpace(a.Zh) == "" {
		c.missing(c.f("address.zh"))
	}
	if s.Entrance != nil {
		c.v.point(c.i, c.id, c.f("entrance"), *s.Entrance)
	}
	switch {
	case c.skipped("entrance") || c.skipped("entrance_precision_m"):
	case s.Entrance != nil:
		c.precision("entrance_precision_m", s.EntrancePrecisionM)
	case s.EntrancePrecisionM != 0:
		c.bad(c.f("entrance_precision_m"), ErrMissing, "a precision for an entrance that is not given")
	}
	if r := s.Rating; r != nil {
		if r.Level < 1 || r.Level > 5 {
			c.bad(c.f("rating.level"), ErrRange, "level %d is not 1–5 (A to AAAAA)", r.Level)
		}
		if r.Year < 0 {
			c.bad(c.f("rating.year"), ErrRange, "year %d is negative", r.Year)
		}
		c.cites(c.f("rating.source"), r.Source)
	}
	for j, id := range s.PresentedAt {
		c.ref(c.at("presented_at", j), id)
		if slices.Contains(s.PresentedAt[:j], id) {
			c.bad(c.at("presented_at", j), ErrReference, "%q is repeated", id)
		}
	}
	if s.VisitVia != "" {
		c.ref(c.f("visit_via"), s.VisitVia)
	}
	for j := range s.Events {
		c.event(c.at("events", j), &s.Events[j])
	}
}

// ref checks the form of a reference to another site.
func (c *siteCheck) ref(field, id string) {
	switch {
	case !ValidID(id):
		c.bad(field, ErrID, "%q is not a site ID like \"jiangxian/chexiangcheng\"", id)
	case id == c.s.ID:
		c.bad(field, ErrReference, "a site does not refer to itself")
	}
}

// event checks one event; field is its JSON path.
func (c *siteCheck) event(field string, e *Event) {
	if strings.TrimSpace(e.Name.Zh) == "" {
		c.missing(field + ".name.zh")
	}
	switch {
	case e.Lunar == "" && e.Date == "":
		c.bad(field, ErrDate, "give a lunar date \"M-D\" or a date \"MM-DD\"")
	case e.Lunar != "" && e.Date != "":
		c.bad(field, ErrDate, "give a lunar date or a date, not both")
	case e.Lunar != "":
		if _, _, ok := lunarDate(e.Lunar); !ok {
			c.bad(field+".lunar", ErrDate, "%q is not a lunar month and day \"M-D\" (month 1–12, day 1–30)", e.Lunar)
		}
	default:
		if _, _, ok := gregorianDate(e.Date); !ok {
			c.bad(field+".date", ErrDate, "%q is not a date \"MM-DD\"", e.Date)
		}
	}
	if e.Days < 0 || e.Days > maxEventDays {
		c.bad(field+".days", ErrRange, "%d days is not 1–%d", e.Days, maxEventDays)
	}
	c.cites(field+".source", e.Source)
}
