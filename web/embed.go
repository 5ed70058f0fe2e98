package web

import (
	"bytes"
	"crypto/rand"
	_ "embed" // the page's script and style
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

//go:embed embed.js
var embedScript string

//go:embed embed.css
var embedStyle string

// embedQuery is the parsed query string of GET /embed.
type embedQuery struct {
	line        string
	sites       []string
	start       tour.Endpoint
	date        tour.Date
	mode        string
	hours       time.Duration
	lang        string
	tiles       *tileLayer
	attribution string
	replan      bool // start, date, mode or hours given: a line is planned anew
	download    string
	// The planner's own parameters (GET /plan).
	theme     string
	days      int
	startTime tour.Clock
}

// parseEmbedQuery parses the query string of GET /embed.
// The page's language is lang unless the query has its own.
func parseEmbedQuery(v url.Values, lang string) (embedQuery, error) {
	q := embedQuery{lang: lang}
	if err := onlyParams(v, "line", "sites", "start", "date", "mode", "hours", "lang", "download",
		"tiles", "tiles_datum", "tiles_subdomains", "tiles_attribution"); err != nil {
		return q, err
	}
	var err error
	if q.download, _, err = singleParam(v, "download"); err != nil {
		return q, err
	}
	if q.line, _, err = singleParam(v, "line"); err != nil {
		return q, err
	}
	if q.sites, err = listParam(v, "sites"); err != nil {
		return q, err
	}
	switch {
	case q.line == "" && len(q.sites) == 0:
		return q, queryError("line", "", "give line=ID (see /api/lines) or sites=id1,id2,…")
	case q.line != "" && len(q.sites) > 0:
		return q, queryError("sites", "", "give line or sites, not both")
	}
	if err := q.parsePlanParams(v); err != nil {
		return q, err
	}
	if _, given := v["lang"]; given {
		if q.lang, err = langParam(v); err != nil {
			return q, err
		}
	}
	return q, q.parseTileParams(v)
}

// parsePlanParams reads start, date, mode and hours; any of them given
// asks for a line to be planned anew.
func (q *embedQuery) parsePlanParams(v url.Values) error {
	if s, given, err := singleParam(v, "start"); err != nil {
		return err
	} else if given {
		if q.start, err = tour.ParseEndpoint(s); err != nil {
			return queryError("start", s, err.Error())
		}
		q.replan = true
	}
	if s, given, err := singleParam(v, "date"); err != nil {
		return err
	} else if given {
		if q.date, err = tour.ParseDate(s); err != nil {
			return newError(http.StatusBadRequest, codeBadDate, "query parameter date: "+strings.TrimPrefix(err.Error(), "tour: "))
		}
		q.replan = true
	}
	if s, given, err := singleParam(v, "mode"); err != nil {
		return err
	} else if given {
		q.mode, q.replan = s, true
	}
	if s, given, err := singleParam(v, "hours"); err != nil {
		return err
	} else if given {
		h, err := strconv.ParseFloat(s, 64)
		if err == nil {
			q.hours, err = tour.Hours(h)
		}
		if err != nil {
			return queryError("hours", s, "want a number of hours more than 0 and at most 24")
		}
		q.replan = true
	}
	return nil
}

// parseTileParams reads the tile layer: tiles (a URL template) with its
// tiles_datum, tiles_subdomains and tiles_attribution, which need it.
func (q *embedQuery) parseTileParams(v url.Values) error {
	names := [...]string{"tiles", "tiles_datum", "tiles_subdomains", "tiles_attribution"}
	var value [len(names)]string
	var given [len(names)]bool
	for i, name := range names {
		var err error
		if value[i], given[i], err = singleParam(v, name); err != nil {
			return err
		}
	}
	switch {
	case given[0]:
		var err error
		if q.tiles, err = parseTileLayer(value[0], value[1], value[2]); err != nil {
			return err
		}
		if len(value[3]) > 200 {
			return queryError("tiles_attribution", "", "longer than 200 bytes")
		}
		q.attribution = value[3]
	case given[1] || given[2] || given[3]:
		return queryError("tiles", "", "tiles_datum, tiles_subdomains and tiles_attribution need tiles=URL-template")
	}
	return nil
}

// embedStop is what the page's script shows of a place beyond the plan
// JSON: its names, era and note from the catalog, and its role on the
// map.
type embedStop struct {
	ID      string `json:"id"`
	Role    string `json:"role"` // start, stop, end
	Name    string `json:"name"`
	Alt     string `json:"alt,omitempty"`
	Address string `json:"address,omitempty"` // the site's sourced address, for a roughly located place
	Note    string `json:"note,omitempty"`
}

// embedData is the page's data block.
type embedData struct {
	Lang   string            `json:"lang"`
	Title  string            `json:"title"`
	Stops  []embedStop       `json:"stops"`
	Visits int               `json:"visits"`
	Labels map[string]string `json:"labels"`
	// Plan is the plan in route/export's JSON form: the structure the
	// script lays the itinerary out by (ids, the break's place, the
	// navigation links, the hours notes).
	Plan json.RawMessage `json:"plan,omitempty"`
	// Text is the itinerary's words, parallel to Plan.
	Text *embedText `json:"text,omitempty"`
	// Scale is the scale bar's lengths with their words, shortest first.
	Scale []scaleStep `json:"scale"`
	// Tiles is the tile layer, for the script to follow the view with.
	Tiles *embedTiles `json:"tiles,omitempty"`
}

// scaleStep is one length the page's scale bar may show.
type scaleStep struct {
	M    float64 `json:"m"`
	Text string  `json:"text"` // [phrase.Lang.Distance] of M
}

// scaleLengths are the lengths the scale bar shows, in metres.
var scaleLengths = [...]float64{10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000}

// scaleSteps are the scale bar's lengths in l.
func scaleSteps(l phrase.Lang) []scaleStep {
	out := make([]scaleStep, len(scaleLengths))
	for i, m := range scaleLengths {
		out[i] = scaleStep{M: m, Text: l.Distance(m)}
	}
	return out
}

// embedTiles is the tile layer as the page's script reads it.
type embedTiles struct {
	Template   string   `json:"template"`
	Subdomains []string `json:"subdomains"`
	// Shift is the datum shift of tiles drawn in GCJ-02 over the region
	// the view can show; nil for WGS-84 tiles.
	Shift *shiftGrid `json:"shift,omitempty"`
}

// getEmbed serves GET /embed: the page, or with download=FORMAT the
// page's plan as a file. Bad parameters get an HTML error page in the
// page's language.
func (h *handler) getEmbed(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	q, err := parseEmbedQuery(r.URL.Query(), lang)
	if err != nil {
		h.writePageError(w, lang, err)
		return
	}
	plan, title, err := h.embedPlan(r, q)
	if err != nil {
		h.writePageError(w, lang, err)
		return
	}
	if q.download != "" {
		h.writeDownload(w, q.download, plan, q.lang, title)
		return
	}
	v, err := h.planView(r, plan, q, title)
	if err != nil {
		h.writePageError(w, lang, err)
		return
	}
	h.writePage(w, r, http.StatusOK, v, q.tiles)
}

// planView makes the page view of plan: the SVG map (with the query's
// tiles), the data block with the plan's JSON for the itinerary, and the
// download links.
func (h *handler) planView(r *http.Request, plan *route.Plan, q embedQuery, title string) (pageView, error) {
	opts := []export.Option{export.Catalog(h.cat), export.Lang(q.lang), export.Inline()}
	if title != "" {
		opts = append(opts, export.Title(title))
	}
	var shift *shiftGrid
	if q.tiles != nil {
		opts = append(opts, export.Underlay(func(w io.Writer, m *export.Map) error {
			shift = q.tiles.shiftGrid(m)
			return q.tiles.draw(w, m)
		}))
	}
	var svg, planJSON bytes.Buffer
	if err := export.SVG(&svg, plan, opts...); err != nil {
		return pageView{}, err
	}
	if err := export.JSON(&planJSON, plan, export.Catalog(h.cat), export.Lang(q.lang)); err != nil {
		return pageView{}, err
	}
	data := h.embedData(plan, q.lang, title)
	data.Plan = json.RawMessage(bytes.TrimSpace(planJSON.Bytes()))
	text := h.embedText(plan, q.lang)
	data.Text = &text
	if t := q.tiles; t != nil {
		data.Tiles = &embedTiles{Template: t.template, Subdomains: append([]string{}, t.subdomains...), Shift: shift}
	}
	dataJSON, err := json.Marshal(data) // escapes <, > and &: safe inside <script>
	if err != nil {
		return pageView{}, err
	}
	return pageView{
		Lang: q.lang, Title: data.Title, Subtitle: planSubtitle(plan, q.lang),
		SVG: template.HTML(svg.Bytes()), Data: template.JS(dataJSON),
		Attribution: q.attribution, Downloads: downloads(r.URL, plan),
	}, nil
}

// planSubtitle sums the plan up: "2027年5月4日 · 8 处"; "4 May 2027 · 8 sites".
func planSubtitle(p *route.Plan, lang string) string {
	l := phrase.Lang(lang)
	n := 0
	for _, d := range p.Days {
		n += len(d.Visits)
	}
	s := l.Sites(n)
	if len(p.Days) > 0 && hasCalendar(p.Days[0].Depart) {
		s = l.Date(p.Days[0].Depart) + " · " + s
	}
	if len(p.Days) > 1 {
		s += " · " + l.Days(len(p.Days))
	}
	return s
}

// embedPlan returns the plan the page draws and its title.
func (h *handler) embedPlan(r *http.Request, q embedQuery) (plan *route.Plan, title string, err error) {
	req := tour.Request{Sites: q.sites, Theme: q.theme, Start: q.start, Date: q.date, DayLength: q.hours,
		Days: q.days, StartTime: q.startTime}
	if q.mode != "" {
		if req.Mode, err = geo.ParseMode(q.mode); err != nil {
			return nil, "", newError(http.StatusBadRequest, codeBadField, fmt.Sprintf("mode %q: %s", clip(q.mode, 40), strings.TrimPrefix(err.Error(), "geo: ")))
		}
	}
	if q.line != "" {
		l, err := h.line(q.line)
		if err != nil {
			return nil, "", err
		}
		title = l.Name.Zh
		if q.lang == "en" {
			title = l.Name.En
		}
		if !q.replan {
			return l.Plan, title, nil
		}
		req.Sites = make([]string, len(l.Sites))
		for i, s := range l.Sites {
			req.Sites[i] = s.ID
		}
		switch {
		case !req.Start.IsZero():
		case l.Base != nil:
			req.Start = tour.AtSite(l.Base.ID)
		case len(l.Sites) > 0:
			req.Start = tour.AtSite(l.Sites[0].ID)
			req.End = tour.AtSite(l.Sites[len(l.Sites)-1].ID)
		}
	} else if len(q.sites) > h.cfg.maxStops {
		return nil, "", newError(http.StatusUnprocessableEntity, codeTooManyStops,
			fmt.Sprintf("sites: %d sites, at most %d per plan", len(q.sites), h.cfg.maxStops))
	}
	plan, err = h.plan(r.Context(), req)
	if err != nil {
		return nil, "", err
	}
	if r.Context().Err() != nil {
		return nil, "", newError(http.StatusServiceUnavailable, codeCanceled, "the request was canceled")
	}
	return plan, title, nil
}

// embedData collects what the page's script shows about each place.
func (h *handler) embedData(p *route.Plan, lang, title string) embedData {
	l := phrase.Lang(lang)
	pick := l.Pick
	data := embedData{Lang: lang, Title: title, Stops: []embedStop{}, Labels: embedLabels(l), Scale: scaleSteps(l)}
	if data.Title == "" {
		data.Title = pick("串珠 · 游览路线", "Chuanzhu · route")
	}
	seen := map[string]bool{}
	place := func(pl route.Place, role string) embedStop {
		s := embedStop{ID: pl.ID, Role: role, Name: pl.Name}
		if site, ok := h.cat.Get(pl.ID); ok {
			other := "zh"
			if lang == "zh" {
				other = "en"
			}
			s.Name, s.Alt = site.Name.In(lang), site.Name.In(other)
			if s.Alt == s.Name {
				s.Alt = ""
			}
			if site.Address != nil {
				s.Address = site.Address.In(lang)
			}
			if n, ok := site.Note(lang); ok {
				s.Note = n.Text
			}
		}
		return s
	}
	seq := 0
	for _, d := range p.Days {
		if !seen[d.Start.ID] {
			seen[d.Start.ID] = true
			data.Stops = append(data.Stops, place(d.Start, "start"))
		}
		for _, v := range d.Visits {
			seq++
			data.Stops = append(data.Stops, place(v.Stop.Place, "stop"))
		}
		if d.End != nil && !seen[d.End.ID] {
			seen[d.End.ID] = true
			data.Stops = append(data.Stops, place(*d.End, "end"))
		}
	}
	data.Visits = seq
	return data
}

// embedLabels are the words of the page's panel that are not the plan's
// (those are in embedText): the headings and the navigation buttons.
func embedLabels(l phrase.Lang) map[string]string {
	return map[string]string{
		"left_out": l.Pick("未安排的地点", "Left out"),
		"amap":     l.Pick("高德导航", "AMap"), "baidu": l.Pick("百度导航", "Baidu Maps"), "geo": l.Pick("地图应用", "Map app"),
	}
}

// newNonce returns a fresh CSP nonce: 128 random bits in base64.
func newNonce() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("web: nonce: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// contentSecurityPolicy allows the page's own inline script and style
// (by nonce), images from the tile host only, forms that submit to the
// page's own origin when it has one (the planner's), and nothing else.
func contentSecurityPolicy(nonce string, t *tileLayer, form bool) string {
	formAction := "'none'"
	if form {
		formAction = "'self'"
	}
	csp := "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce +
		"'; base-uri 'none'; form-action " + formAction
	if t != nil {
		csp += "; img-src " + strings.Join(t.origins, " ")
	}
	return csp
}

// hasCalendar reports whether t is a calendar time rather than a clock
// counted from year 1 (the plans of themed lines have no dates).
func hasCalendar(t time.Time) bool { return t.Year() > 1 }
