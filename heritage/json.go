package heritage

import (
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/goccy/go-json"
)

// The JSON shapes of the catalog schema (see README.md) as the loader
// reads them. The parts of a site that are their own types (Name, Period,
// Designation, Note, Source, Visit) carry their JSON names as struct
// tags; pointers keep "absent" apart from zero values where that matters
// (an absent name or visit is the zero value, which the validator reports
// as it should).

type jsonCollection struct {
	Type     string        `json:"type"`
	Features []jsonFeature `json:"features"`
	BBox     []float64     `json:"bbox,omitempty"`
}

type jsonFeature struct {
	Type       string     `json:"type"`
	ID         *string    `json:"id,omitempty"`
	Geometry   *jsonPoint `json:"geometry"`
	Properties *jsonProps `json:"properties"`
	BBox       []float64  `json:"bbox,omitempty"`
}

type jsonPoint struct {
	Type        string    `json:"type"`
	Coordinates []float64 `json:"coordinates"`
}

type jsonPolygon struct {
	Type        string        `json:"type"`
	Coordinates [][][]float64 `json:"coordinates"`
}

type jsonProps struct {
	ID             string       `json:"id"`
	Name           Name         `json:"name"`
	Aliases        []string     `json:"aliases,omitempty"`
	Kind           string       `json:"kind"`
	Period         *Period      `json:"period,omitempty"`
	Designation    *Designation `json:"designation,omitempty"`
	PrecisionM     float64      `json:"precision_m"`
	LocationSource string       `json:"location_source"`
	Region         string       `json:"region,omitempty"`
	Footprint      *jsonPolygon `json:"footprint,omitempty"`
	Themes         []string     `json:"themes,omitempty"`
	Notes          []Note       `json:"notes,omitempty"`
	Sources        []Source     `json:"sources,omitempty"`
	Visit          jsonVisit    `json:"visit,omitempty"`
	Score          *int         `json:"score,omitempty"`

	Address            *Text     `json:"address,omitempty"`
	Entrance           []float64 `json:"entrance,omitempty"`
	EntrancePrecisionM *float64  `json:"entrance_precision_m,omitempty"`
	Rating             *Rating   `json:"rating,omitempty"`
	PresentedAt        []string  `json:"presented_at,omitempty"`
	VisitVia           *string   `json:"visit_via,omitempty"`
	Events             []Event   `json:"events,omitempty"`
}

// jsonVisit is a [Visit] as JSON has it: its Duration as a whole number
// of "minutes", its other fields under their own tags.
type jsonVisit struct {
	Minutes int64 `json:"minutes,omitempty"`
	visitFields
}

// visitFields is Visit without its methods, so that jsonVisit takes its
// members from Visit's tags.
type visitFields Visit

// maxVisitMinutes is the longest visit a Duration holds, in minutes.
const maxVisitMinutes = int64(math.MaxInt64 / time.Minute)

// MarshalJSON writes v as the catalog schema has it (heritage/README.md):
// Duration as "minutes", a whole number (rounded down), and the other
// known fields under their member names.
func (v Visit) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonVisit{Minutes: int64(v.Duration / time.Minute), visitFields: visitFields(v)})
}

// visit returns the Visit jv stands for; ok is false when its minutes
// are more than a Duration holds.
func (jv *jsonVisit) visit() (v Visit, ok bool) {
	v = Visit(jv.visitFields)
	if jv.Minutes > maxVisitMinutes || jv.Minutes < -maxVisitMinutes {
		return v, false
	}
	v.Duration = time.Duration(jv.Minutes) * time.Minute
	return v, true
}

// jsonItem is one element of the plain-array format: the properties plus
// a "location" [lon, lat].
type jsonItem struct {
	jsonProps
	Location []float64 `json:"location"`
}

// propFields maps each member name of jsonProps, read from its struct
// tags, to the field's index, so that the schema's member names are
// written once.
var propFields = func() map[string]int {
	t := reflect.TypeFor[jsonProps]()
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		m[name] = i
	}
	return m
}()

// field returns a pointer to the member with JSON name key, or nil if the
// schema has no such member.
func (p *jsonProps) field(key string) any {
	i, ok := propFields[key]
	if !ok {
		return nil
	}
	return reflect.ValueOf(p).Elem().Field(i).Addr().Interface()
}
