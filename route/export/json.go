package export

import (
	"errors"
	"io"
	"math"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/jsonform"
	"github.com/chuanzhu/chuanzhu/route"
)

// JSON writes p as one JSON object followed by a newline: the plan as
// data, for programs (chuanzhu's web API and its CLI print this form).
// The schema is given in the package documentation under "JSON".
//
// [Datum] sets the datum of the coordinates, and the "datum" member says
// which it is. [Catalog] names the places that are sites of the catalog
// (its Chinese name as "name", its English one as "name_en") and names
// the sites left out. Both names are written whatever the [Lang], and
// [Title], [Size], [Underlay] and [Inline] do not apply: the output holds data, not
// prose. It does not modify p.
func JSON(w io.Writer, p *route.Plan, opts ...Option) error {
	o, err := newOptions(opts)
	if err != nil {
		return err
	}
	if p == nil {
		return errors.New("export: nil plan")
	}
	enc := gojson.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(o.planJSON(p))
}

// The types below are the JSON form of a plan, documented in doc.go.

type jsonPlan struct {
	Datum     string     `json:"datum"`
	Status    string     `json:"status"`
	Score     int        `json:"score"`
	Visited   int        `json:"visited"`
	DistanceM float64    `json:"distance_m"`
	TravelS   int64      `json:"travel_s"`
	VisitS    int64      `json:"visit_s"`
	WaitS     int64      `json:"wait_s"`
	Days      []jsonDay  `json:"days"`
	Skipped   []jsonSkip `json:"skipped"`
	Stats     jsonStats  `json:"stats"`
}

type jsonDay struct {
	Day       int         `json:"day"` // from 1
	Date      string      `json:"date,omitempty"`
	Start     jsonPlace   `json:"start"`
	End       *jsonPlace  `json:"end"`
	Depart    string      `json:"depart,omitempty"`
	Return    string      `json:"return,omitempty"`
	Visits    []jsonVisit `json:"visits"`
	Legs      []jsonLeg   `json:"legs"`
	Break     *jsonBreak  `json:"break"`
	Score     int         `json:"score"`
	DistanceM float64     `json:"distance_m"`
	TravelS   int64       `json:"travel_s"`
	VisitS    int64       `json:"visit_s"`
	WaitS     int64       `json:"wait_s"`
}

type jsonPlace struct {
	jsonform.Place
	Nav *navLinks `json:"nav,omitempty"`
}

type jsonVisit struct {
	Seq int `json:"seq"` // through the whole trip, from 1, as on the SVG map
	jsonPlace
	Score     int    `json:"score"`
	Arrival   string `json:"arrival,omitempty"`
	Start     string `json:"start,omitempty"`
	Departure string `json:"departure,omitempty"`
	WaitS     int64  `json:"wait_s"`
	VisitS    int64  `json:"visit_s"`
	// HoursStatus, Note and Events come from the catalog (see notice.go).
	HoursStatus string         `json:"hours_status,omitempty"`
	Note        *heritage.Text `json:"note,omitempty"`
	Events      []jsonEvent    `json:"events,omitempty"`
}

type jsonLeg struct {
	From         string  `json:"from"`
	To           string  `json:"to"`
	DistanceM    float64 `json:"distance_m"`
	DurationS    int64   `json:"duration_s"`
	DistanceMinM float64 `json:"distance_min_m"`
	DistanceMaxM float64 `json:"distance_max_m"`
	DurationMinS int64   `json:"duration_min_s"`
	DurationMaxS int64   `json:"duration_max_s"`
}

type jsonBreak struct {
	After int       `json:"after"` // visits before the break; 0: before leaving
	Place jsonPlace `json:"place"`
	Start string    `json:"start,omitempty"`
	End   string    `json:"end,omitempty"`
	WaitS int64     `json:"wait_s"`
}

type jsonSkip struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	NameEn string `json:"name_en,omitempty"`
	Reason string `json:"reason"`
	Detail string `json:"detail"`
}

type jsonStats struct {
	Iterations int     `json:"iterations"`
	RuntimeMS  float64 `json:"runtime_ms"`
}

// planJSON returns the JSON form of p. Slices are never nil, so that
// empty lists are written as [] rather than null.
func (o *options) planJSON(p *route.Plan) jsonPlan {
	out := jsonPlan{
		Datum: o.datum.String(), Status: p.Status.String(), Score: p.Score, Visited: p.Visited,
		DistanceM: jsonform.Decimetres(p.Distance), TravelS: jsonform.Seconds(p.Travel), VisitS: jsonform.Seconds(p.Visit), WaitS: jsonform.Seconds(p.Wait),
		Days: []jsonDay{}, Skipped: []jsonSkip{},
		Stats: jsonStats{Iterations: p.Stats.Iterations, RuntimeMS: math.Round(float64(p.Stats.Runtime)/1e4) / 100},
	}
	seq := 0
	for _, dp := range p.Days {
		day := jsonDay{
			Day: dp.Day + 1, Start: o.jsonPlace(dp.Start), Depart: jsonTime(dp.Depart), Return: jsonTime(dp.Return),
			Visits: []jsonVisit{}, Legs: []jsonLeg{},
			Score: dp.Score, DistanceM: jsonform.Decimetres(dp.Distance), TravelS: jsonform.Seconds(dp.Travel), VisitS: jsonform.Seconds(dp.Visit), WaitS: jsonform.Seconds(dp.Wait),
		}
		if hasDate(dp.Depart) {
			day.Date = dp.Depart.Format(time.DateOnly)
		}
		if dp.End != nil {
			e := o.jsonPlace(*dp.End)
			day.End = &e
		}
		for _, v := range dp.Visits {
			seq++
			st := o.place(v.Stop.Place, roleStop)
			jv := jsonVisit{
				Seq: seq, jsonPlace: o.jsonStop(v.Stop.Place, &st), Score: v.Stop.Score,
				Arrival: jsonTime(v.Arrival), Start: jsonTime(v.Start), Departure: jsonTime(v.Departure),
				WaitS: jsonform.Seconds(v.Wait), VisitS: jsonform.Seconds(v.Stop.Visit),
			}
			jv.notices(st.site, v.Start)
			day.Visits = append(day.Visits, jv)
		}
		for _, lg := range dp.Legs {
			day.Legs = append(day.Legs, jsonLeg{From: legKey(lg.From), To: legKey(lg.To),
				DistanceM: jsonform.Decimetres(lg.Distance), DurationS: jsonform.Seconds(lg.Duration),
				DistanceMinM: jsonform.Decimetres(lg.DistanceMin), DistanceMaxM: jsonform.Decimetres(lg.DistanceMax),
				DurationMinS: jsonform.Seconds(lg.DurationMin), DurationMaxS: jsonform.Seconds(lg.DurationMax)})
		}
		if b := dp.Break; b != nil {
			day.Break = &jsonBreak{After: b.After + 1, Place: o.jsonPlace(b.Place), Start: jsonTime(b.Start), End: jsonTime(b.End), WaitS: jsonform.Seconds(b.Wait)}
		}
		out.Days = append(out.Days, day)
	}
	for _, sk := range p.Skipped {
		s := jsonSkip{ID: sk.ID, Reason: sk.Reason.String(), Detail: sk.Detail}
		if site, ok := o.site(sk.ID); ok {
			s.Name, s.NameEn = site.Name.Zh, site.Name.En
		}
		out.Skipped = append(out.Skipped, s)
	}
	return out
}

// jsonPlace returns the JSON form of a route place: named from the
// catalog when it is a site, located there when the plan gives no
// location, in the output datum rounded to 6 decimals, with the site's
// precision and the place's navigation links.
func (o *options) jsonPlace(pl route.Place) jsonPlace {
	st := o.place(pl, roleStop)
	return o.jsonStop(pl, &st)
}

// jsonStop is [options.jsonPlace] of pl, already made the trip stop st.
func (o *options) jsonStop(pl route.Place, st *tripStop) jsonPlace {
	out := jsonPlace{Place: jsonform.Place{ID: pl.ID, Name: pl.Name}}
	if site := st.site; site != nil {
		out.Name, out.NameEn = site.Name.Zh, site.Name.En
		out.PrecisionM = st.precision
	}
	out.Location = jsonform.Location(o.point(st.loc))
	if st.hasLoc {
		out.Nav = &st.nav
	}
	return out
}

// legKey names a place in a leg: its ID, or its name for a place without
// one.
func legKey(pl route.Place) string {
	if pl.ID != "" {
		return pl.ID
	}
	return pl.Name
}

// jsonTime writes t in RFC 3339 with its own offset, or "" for a time
// without a calendar date (a plan whose days have no Window.Open), which
// omits the member.
func jsonTime(t time.Time) string {
	if !hasDate(t) {
		return ""
	}
	return t.Format(time.RFC3339)
}
