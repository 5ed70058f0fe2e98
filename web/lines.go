package web

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

// linesOut is the JSON body of GET /api/lines.
type linesOut struct {
	Datum string    `json:"datum"`
	Lines []lineOut `json:"lines"`
}

type lineOut struct {
	ID          string     `json:"id"`
	Theme       themeOut   `json:"theme"`
	Name        tour.Text  `json:"name"`
	Base        *placeOut  `json:"base"` // null: an open path
	Sites       []placeOut `json:"sites"`
	LengthM     float64    `json:"length_m"`
	TravelS     int64      `json:"travel_s"`
	DurationS   int64      `json:"duration_s"`
	Description tour.Text  `json:"description"`
	LeftOut     []leftOut  `json:"left_out"`
	Story       *storyOut  `json:"story,omitempty"`
}

// storyOut is tour.Story: how a story-ordered line compares with the
// shortest order.
type storyOut struct {
	MaxExtra           float64 `json:"max_extra"`
	Extra              float64 `json:"extra"`
	ExtraTravel        float64 `json:"extra_travel"`
	ShortestM          float64 `json:"shortest_m"`
	Inversions         int     `json:"inversions"`
	ShortestInversions int     `json:"shortest_inversions"`
	Pairs              int     `json:"pairs"`
	Exact              bool    `json:"exact"`
}

type themeOut struct {
	Slug string `json:"slug"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
}

type leftOut struct {
	ID     string    `json:"id"`
	Name   string    `json:"name"`
	NameEn string    `json:"name_en"`
	Reason string    `json:"reason"`
	Detail tour.Text `json:"detail"`
}

// buildLines makes the catalog's themed lines with tour's defaults. It
// runs once, without a deadline: lines are deterministic and the same
// for every request.
func (h *handler) buildLines() ([]tour.Line, error) {
	lines, err := tour.Lines(context.Background(), h.cat)
	if err != nil {
		return nil, fmt.Errorf("web: themed lines: %w", err)
	}
	return lines, nil
}

// getLines serves GET /api/lines.
func (h *handler) getLines(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := onlyParams(v, "theme", "datum"); err != nil {
		writeAPIError(w, err)
		return
	}
	d, err := datumParam(v)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	themes, err := listParam(v, "theme")
	if err != nil {
		writeAPIError(w, err)
		return
	}
	for _, t := range themes {
		if !slices.Contains(h.themes, t) {
			writeError(w, http.StatusBadRequest, codeBadQuery, fmt.Sprintf(
				"query parameter theme %q: no site of the catalog carries it (themes: %s)", clip(t, 60), strings.Join(h.themes, ", ")))
			return
		}
	}
	lines, err := h.lines()
	if err != nil {
		writeAPIError(w, err)
		return
	}
	out := linesOut{Datum: d.String(), Lines: []lineOut{}}
	for i := range lines {
		l := &lines[i]
		if len(themes) > 0 && !slices.Contains(themes, l.Theme.Slug) {
			continue
		}
		out.Lines = append(out.Lines, h.lineJSON(l, d))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		writeAPIError(w, err)
		return
	}
	serveCached(w, r, newCached(buf.Bytes(), "application/json"))
}

func (h *handler) lineJSON(l *tour.Line, d geo.Datum) lineOut {
	out := lineOut{
		ID: l.ID, Theme: themeOut{l.Theme.Slug, l.Theme.Zh, l.Theme.En}, Name: l.Name,
		Sites: []placeOut{}, LengthM: metres(l.Length), TravelS: secs(l.Travel), DurationS: secs(l.Duration),
		Description: l.Description, LeftOut: []leftOut{},
	}
	if st := l.Story; st != nil {
		out.Story = &storyOut{
			MaxExtra: st.MaxExtra, Extra: st.Extra, ExtraTravel: st.ExtraTravel, ShortestM: metres(st.Shortest),
			Inversions: st.Inversions, ShortestInversions: st.ShortestInversions, Pairs: st.Pairs, Exact: st.Exact,
		}
	}
	if l.Base != nil {
		b := sitePlace(*l.Base, d)
		out.Base = &b
	}
	for _, s := range l.Sites {
		out.Sites = append(out.Sites, sitePlace(s, d))
	}
	for _, lo := range l.LeftOut {
		out.LeftOut = append(out.LeftOut, leftOut{ID: lo.Site.ID, Name: lo.Site.Name.Zh, NameEn: lo.Site.Name.En, Reason: string(lo.Reason), Detail: lo.Detail})
	}
	return out
}

func sitePlace(s heritage.Site, d geo.Datum) placeOut {
	return placeOut{ID: s.ID, Name: s.Name.Zh, NameEn: s.Name.En, Location: lonLat(convertPoint(s.Location, d))}
}

// line returns the themed line with the given ID.
func (h *handler) line(id string) (*tour.Line, error) {
	lines, err := h.lines()
	if err != nil {
		return nil, err
	}
	for i := range lines {
		if lines[i].ID == id {
			return &lines[i], nil
		}
	}
	ids := make([]string, len(lines))
	for i := range lines {
		ids[i] = lines[i].ID
	}
	return nil, newError(http.StatusNotFound, codeNotFound, fmt.Sprintf("no themed line %q (lines: %s)", clip(id, 80), strings.Join(ids, ", ")))
}

// placeOut is a place in the lines' JSON, as in export.JSON's plans.
type placeOut struct {
	ID       string     `json:"id,omitempty"`
	Name     string     `json:"name"`
	NameEn   string     `json:"name_en,omitempty"`
	Location [2]float64 `json:"location"`
}

func lonLat(p orb.Point) [2]float64 { return [2]float64{p[0], p[1]} }

// secs rounds d to whole seconds, as export.JSON does.
func secs(d time.Duration) int64 { return int64(math.Round(d.Seconds())) }

// metres rounds m to 0.1 m, as export.JSON does.
func metres(m float64) float64 { return math.Round(m*10) / 10 }
