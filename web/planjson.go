package web

import (
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

// The JSON form of a plan (POST /api/plan without format). Times are RFC
// 3339 in the plan's zone (tour plans in China Standard Time), durations
// whole seconds (_s), distances metres (_m), coordinates [lon, lat] in
// "datum".

type planOut struct {
	Datum     string    `json:"datum"`
	Status    string    `json:"status"`
	Score     int       `json:"score"`
	Visited   int       `json:"visited"`
	DistanceM float64   `json:"distance_m"`
	TravelS   int64     `json:"travel_s"`
	VisitS    int64     `json:"visit_s"`
	WaitS     int64     `json:"wait_s"`
	Days      []dayOut  `json:"days"`
	Skipped   []skipOut `json:"skipped"`
	Stats     statsOut  `json:"stats"`
}

type dayOut struct {
	Day       int        `json:"day"` // from 1
	Date      string     `json:"date,omitempty"`
	Start     placeOut   `json:"start"`
	End       *placeOut  `json:"end"`
	Depart    string     `json:"depart,omitempty"`
	Return    string     `json:"return,omitempty"`
	Visits    []visitOut `json:"visits"`
	Legs      []legOut   `json:"legs"`
	Break     *breakOut  `json:"break"`
	Score     int        `json:"score"`
	DistanceM float64    `json:"distance_m"`
	TravelS   int64      `json:"travel_s"`
	VisitS    int64      `json:"visit_s"`
	WaitS     int64      `json:"wait_s"`
}

type placeOut struct {
	ID       string     `json:"id,omitempty"`
	Name     string     `json:"name"`
	NameEn   string     `json:"name_en,omitempty"`
	Location [2]float64 `json:"location"`
}

type visitOut struct {
	Seq int `json:"seq"` // through the whole trip, from 1, as on the SVG map
	placeOut
	Score     int    `json:"score"`
	Arrival   string `json:"arrival,omitempty"`
	Start     string `json:"start,omitempty"`
	Departure string `json:"departure,omitempty"`
	WaitS     int64  `json:"wait_s"`
	VisitS    int64  `json:"visit_s"`
}

type legOut struct {
	From      string  `json:"from"`
	To        string  `json:"to"`
	DistanceM float64 `json:"distance_m"`
	DurationS int64   `json:"duration_s"`
}

type breakOut struct {
	After int      `json:"after"` // visits before the break; 0: before leaving
	Place placeOut `json:"place"`
	Start string   `json:"start,omitempty"`
	End   string   `json:"end,omitempty"`
	WaitS int64    `json:"wait_s"`
}

type skipOut struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	NameEn string `json:"name_en,omitempty"`
	Reason string `json:"reason"`
	Detail string `json:"detail"`
}

type statsOut struct {
	Iterations int     `json:"iterations"`
	RuntimeMS  float64 `json:"runtime_ms"`
}

// planJSON returns the JSON form of p with coordinates in d.
func (h *handler) planJSON(p *route.Plan, d geo.Datum) planOut {
	out := planOut{
		Datum: d.String(), Status: p.Status.String(), Score: p.Score, Visited: p.Visited,
		DistanceM: metres(p.Distance), TravelS: secs(p.Travel), VisitS: secs(p.Visit), WaitS: secs(p.Wait),
		Days: []dayOut{}, Skipped: []skipOut{},
		Stats: statsOut{Iterations: p.Stats.Iterations, RuntimeMS: math.Round(float64(p.Stats.Runtime)/1e4) / 100},
	}
	seq := 0
	for _, dp := range p.Days {
		day := dayOut{
			Day: dp.Day + 1, Start: h.place(dp.Start, d), Depart: stamp(dp.Depart), Return: stamp(dp.Return),
			Visits: []visitOut{}, Legs: []legOut{},
			Score: dp.Score, DistanceM: metres(dp.Distance), TravelS: secs(dp.Travel), VisitS: secs(dp.Visit), WaitS: secs(dp.Wait),
		}
		if hasCalendar(dp.Depart) {
			day.Date = dp.Depart.Format(time.DateOnly)
		}
		if dp.End != nil {
			e := h.place(*dp.End, d)
			day.End = &e
		}
		for _, v := range dp.Visits {
			seq++
			day.Visits = append(day.Visits, visitOut{
				Seq: seq, placeOut: h.place(v.Stop.Place, d), Score: v.Stop.Score,
				Arrival: stamp(v.Arrival), Start: stamp(v.Start), Departure: stamp(v.Departure),
				WaitS: secs(v.Wait), VisitS: secs(v.Stop.Visit),
			})
		}
		for _, lg := range dp.Legs {
			day.Legs = append(day.Legs, legOut{From: placeKey(lg.From), To: placeKey(lg.To), DistanceM: metres(lg.Distance), DurationS: secs(lg.Duration)})
		}
		if b := dp.Break; b != nil {
			day.Break = &breakOut{After: b.After + 1, Place: h.place(b.Place, d), Start: stamp(b.Start), End: stamp(b.End), WaitS: secs(b.Wait)}
		}
		out.Days = append(out.Days, day)
	}
	for _, sk := range p.Skipped {
		so := skipOut{ID: sk.ID, Reason: sk.Reason.String(), Detail: sk.Detail}
		if i, ok := h.index[sk.ID]; ok {
			so.Name, so.NameEn = h.sites[i].Name.Zh, h.sites[i].Name.En
		}
		out.Skipped = append(out.Skipped, so)
	}
	return out
}

// place returns the JSON form of a route place, named from the catalog
// when it is a site.
func (h *handler) place(pl route.Place, d geo.Datum) placeOut {
	out := placeOut{ID: pl.ID, Name: pl.Name, Location: lonLat(convertPoint(pl.Location, d))}
	if i, ok := h.index[pl.ID]; ok {
		out.Name, out.NameEn = h.sites[i].Name.Zh, h.sites[i].Name.En
	}
	return out
}

// placeKey names a place in a leg: its ID, or its name for a point.
func placeKey(pl route.Place) string {
	if pl.ID != "" {
		return pl.ID
	}
	return pl.Name
}

func lonLat(p orb.Point) [2]float64 { return [2]float64{p[0], p[1]} }

// hasCalendar reports whether t is a calendar time rather than a clock
// counted from year 1 (the plans of themed lines have no dates).
func hasCalendar(t time.Time) bool { return t.Year() > 1 }

// stamp writes t in RFC 3339, or "" for a time without a calendar date.
func stamp(t time.Time) string {
	if !hasCalendar(t) {
		return ""
	}
	return t.Format(time.RFC3339)
}

func secs(d time.Duration) int64 { return int64(math.Round(d.Seconds())) }

func metres(m float64) float64 { return math.Round(m*10) / 10 }
