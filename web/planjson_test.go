package web

// The plan answer's JSON as the tests decode it: written out here from
// the documented schema (route/export's package doc, "JSON"), apart from
// the encoder in route/export, so that a change of a member's name or
// type there fails the tests.

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
