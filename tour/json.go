package tour

import (
	"fmt"
	"io"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/jsonform"
)

// WriteJSON writes lines as one JSON object followed by a newline, with
// every coordinate in datum d: the body of the web API's GET /api/lines
// and the output of "chuanzhu lines -format json". The schema is given in
// the package documentation under "JSON". An unknown datum is an error;
// no lines give an empty "lines" array. It does not modify lines.
func WriteJSON(w io.Writer, lines []Line, d geo.Datum) error {
	switch d {
	case geo.WGS84, geo.GCJ02, geo.BD09:
	default:
		return fmt.Errorf("tour: unknown datum %v", d)
	}
	out := jsonLines{Datum: d.String(), Lines: make([]jsonLine, 0, len(lines))}
	for i := range lines {
		out.Lines = append(out.Lines, lineJSON(&lines[i], d))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("tour: writing lines as JSON: %w", err)
	}
	return nil
}

// The types below are the JSON form of lines, documented in doc.go.

type jsonLines struct {
	Datum string     `json:"datum"`
	Lines []jsonLine `json:"lines"`
}

type jsonLine struct {
	ID          string           `json:"id"`
	Theme       jsonTheme        `json:"theme"`
	Name        heritage.Text    `json:"name"`
	Base        *jsonform.Place  `json:"base"` // null: an open path
	Sites       []jsonform.Place `json:"sites"`
	LengthM     float64          `json:"length_m"`
	TravelS     int64            `json:"travel_s"`
	DurationS   int64            `json:"duration_s"`
	Description heritage.Text    `json:"description"`
	LeftOut     []jsonLeft       `json:"left_out"`
	Story       *jsonStory       `json:"story,omitempty"`
}

type jsonTheme struct {
	Slug string `json:"slug"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
}

type jsonLeft struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	NameEn string        `json:"name_en"`
	Reason string        `json:"reason"`
	Detail heritage.Text `json:"detail"`
}

type jsonStory struct {
	MaxExtra           float64 `json:"max_extra"`
	Extra              float64 `json:"extra"`
	ExtraTravel        float64 `json:"extra_travel"`
	ShortestM          float64 `json:"shortest_m"`
	Inversions         int     `json:"inversions"`
	ShortestInversions int     `json:"shortest_inversions"`
	Pairs              int     `json:"pairs"`
	Exact              bool    `json:"exact"`
}

func lineJSON(l *Line, d geo.Datum) jsonLine {
	out := jsonLine{
		ID:    l.ID,
		Theme: jsonTheme{Slug: l.Theme.Slug, Zh: l.Theme.Zh, En: l.Theme.En},
		Name:  l.Name, Sites: make([]jsonform.Place, 0, len(l.Sites)),
		LengthM: jsonform.Decimetres(l.Length), TravelS: jsonform.Seconds(l.Travel), DurationS: jsonform.Seconds(l.Duration),
		Description: l.Description, LeftOut: make([]jsonLeft, 0, len(l.LeftOut)),
	}
	if l.Base != nil {
		b := placeJSON(*l.Base, d)
		out.Base = &b
	}
	for _, s := range l.Sites {
		out.Sites = append(out.Sites, placeJSON(s, d))
	}
	for _, lo := range l.LeftOut {
		out.LeftOut = append(out.LeftOut, jsonLeft{
			ID: lo.Site.ID, Name: lo.Site.Name.Zh, NameEn: lo.Site.Name.En, Reason: string(lo.Reason), Detail: lo.Detail,
		})
	}
	if st := l.Story; st != nil {
		out.Story = &jsonStory{
			MaxExtra: st.MaxExtra, Extra: st.Extra, ExtraTravel: st.ExtraTravel, ShortestM: jsonform.Decimetres(st.Shortest),
			Inversions: st.Inversions, ShortestInversions: st.ShortestInversions, Pairs: st.Pairs, Exact: st.Exact,
		}
	}
	return out
}

// placeJSON is s with its location converted to d and rounded to 1e-6
// degrees (about 0.1 m), and how precisely the catalog knows it.
func placeJSON(s heritage.Site, d geo.Datum) jsonform.Place {
	loc := jsonform.Location(geo.Convert(s.Location, geo.WGS84, d))
	return jsonform.Place{ID: s.ID, Name: s.Name.Zh, NameEn: s.Name.En, Location: loc, PrecisionM: s.PrecisionM}
}
