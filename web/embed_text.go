package web

import (
	"strings"

	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
)

// The itinerary's words. The page's script places them and writes none:
// every figure (a duration, a distance, a range, a clock time) is spelled
// here by internal/phrase, and whether a place is known only roughly is
// decided here by route.CoarsePrecision, the threshold the plan itself
// uses.

// embedText is the itinerary of a page in words: its totals, one entry
// per day of the plan, and the reasons the skipped sites were left out.
// Days, and within them visits and legs, are parallel to the plan JSON's
// days, visits and legs, which give the script the structure (ids, the
// break's place, the navigation links).
type embedText struct {
	Totals string `json:"totals"`
	// Halos explains the map's precision halos; "" when every place of
	// the plan is precise.
	Halos   string          `json:"halos,omitempty"`
	Days    []embedDayText  `json:"days"`
	LeftOut []embedSkipText `json:"left_out,omitempty"` // parallel to the plan's skipped
}

// embedSkipText is a site left out: its name and why.
type embedSkipText struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// embedDayText is one day's words.
type embedDayText struct {
	Heading string           `json:"heading"`         // "Day 1 · 4 May 2027"
	Depart  string           `json:"depart"`          // "08:30 leave Jiang County seat"
	Legs    []string         `json:"legs"`            // [phrase.Lang.Leg] of each leg
	Visits  []embedVisitText `json:"visits"`          // one per visit
	Break   string           `json:"break,omitempty"` // "12:00–13:00 lunch break"
	Back    string           `json:"back,omitempty"`  // "17:05 back at Jiang County seat"
}

// embedVisitText is one visit's words.
type embedVisitText struct {
	Time  string `json:"time,omitempty"` // "08:52–09:40"; "" in a plan without dates
	Facts string `json:"facts"`          // "Wait 5 min · Visit 1 h · Tang"
	// Approx says how roughly the place is known and what to ask for
	// there; "" for a precise place.
	Approx string `json:"approx,omitempty"`
}

// legWords is the [phrase.Leg] of lg; name names the place it stays
// inside ([route.Leg.Host]).
func legWords(lg route.Leg, name func(route.Place) string) phrase.Leg {
	g := phrase.Leg{Duration: lg.Duration, DurationMin: lg.DurationMin, DurationMax: lg.DurationMax,
		Distance: lg.Distance, Rough: lg.From.Coarse() || lg.To.Coarse()}
	if host, ok := lg.Host(); ok {
		g.Inside = name(host)
	}
	return g
}

// embedText writes the words of p's itinerary in lang.
func (h *handler) embedText(p *route.Plan, lang string) embedText {
	l := phrase.Lang(lang)
	out := embedText{Days: []embedDayText{}}
	anyRough, roughLeg := false, false
	for _, d := range p.Days {
		out.Days = append(out.Days, h.dayText(d, l))
		for _, lg := range d.Legs {
			roughLeg = roughLeg || lg.From.Coarse() || lg.To.Coarse()
		}
		anyRough = anyRough || d.Start.Coarse() || (d.End != nil && d.End.Coarse())
		for _, v := range d.Visits {
			anyRough = anyRough || v.Stop.Coarse()
		}
	}
	road := l.Duration(p.Travel)
	if roughLeg {
		road = l.About(road)
	}
	out.Totals = l.Sites(p.Visited) + " · " + l.Distance(p.Distance) + " · " + l.Pick("路上 "+road, road+" on the road")
	if anyRough {
		out.Halos = l.Pick("地图上的浅色圆圈：只知大致位置的地点，圆圈为其误差范围",
			"Shaded circles on the map: places known only roughly, drawn as far as they may lie")
	}
	for _, sk := range p.Skipped {
		why := l.LeftOut(sk.Reason.String())
		if why == sk.Reason.String() && sk.Detail != "" {
			why = sk.Detail
		}
		out.LeftOut = append(out.LeftOut, embedSkipText{Name: h.placeName(route.Place{ID: sk.ID}, l), Reason: why})
	}
	return out
}

// dayText writes one day's words.
func (h *handler) dayText(d route.DayPlan, l phrase.Lang) embedDayText {
	dated := hasCalendar(d.Depart)
	// at puts a clock time before s on a dated day.
	at := func(clock, s string) string {
		if !dated {
			return s
		}
		return clock + " " + s
	}
	out := embedDayText{Heading: l.Day(d.Day + 1), Legs: []string{}, Visits: []embedVisitText{}}
	if dated {
		out.Heading += " · " + l.ShortDate(d.Depart)
	}
	out.Depart = at(phrase.Clock(d.Depart), l.Pick("出发：", "leave ")+h.placeName(d.Start, l))
	for _, lg := range d.Legs {
		out.Legs = append(out.Legs, l.Leg(legWords(lg, func(pl route.Place) string { return h.placeName(pl, l) })))
	}
	for _, v := range d.Visits {
		out.Visits = append(out.Visits, h.visitText(v, l, dated))
	}
	if b := d.Break; b != nil {
		out.Break = at(phrase.Clock(b.Start)+"–"+phrase.Clock(b.End), l.Pick("午休", "lunch break"))
	}
	if d.End != nil {
		out.Back = at(phrase.Clock(d.Return), l.Pick("回到 ", "back at ")+h.placeName(*d.End, l))
	}
	return out
}

// visitText writes one visit's words.
func (h *handler) visitText(v route.Visit, l phrase.Lang, dated bool) embedVisitText {
	var out embedVisitText
	if dated {
		out.Time = phrase.Clock(v.Arrival) + "–" + phrase.Clock(v.Departure)
	}
	var facts []string
	if v.Wait > 0 {
		facts = append(facts, l.Pick("等候", "Wait")+" "+l.Duration(v.Wait))
	}
	facts = append(facts, l.Pick("游览", "Visit")+" "+l.Duration(v.Stop.Visit))
	pl := v.Stop.Place
	site, known := h.cat.Get(pl.ID)
	if known && site.Period != nil {
		facts = append(facts, l.Pick(site.Period.NameZh, site.Period.Name))
	}
	out.Facts = strings.Join(facts, " · ")
	if pl.Coarse() {
		// What to ask for: the sourced address, else the name.
		ask := pl.Name
		if known {
			ask = site.Name.Zh
			if site.Address != nil && site.Address.Zh != "" {
				ask = site.Address.Zh
			}
		}
		out.Approx = l.Locate(pl.Precision, ask)
	}
	return out
}

// placeName is pl's name in the page's language: the catalog's when pl is
// a site, else the plan's.
func (h *handler) placeName(pl route.Place, l phrase.Lang) string {
	if site, ok := h.cat.Get(pl.ID); ok {
		return site.Name.In(string(l))
	}
	if pl.Name != "" {
		return pl.Name
	}
	return pl.ID
}
