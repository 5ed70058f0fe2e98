package web

import (
	"bytes"
	"crypto/rand"
	_ "embed" // the page's script and style
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-json"

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
	hours       float64
	lang        string
	tiles       *tileLayer
	attribution string
	replan      bool // start, date, mode or hours given: a line is planned anew
}

// parseEmbedQuery parses the query string of GET /embed.
func parseEmbedQuery(v url.Values) (embedQuery, error) {
	q := embedQuery{lang: "zh"}
	if err := onlyParams(v, "line", "sites", "start", "date", "mode", "hours", "lang",
		"tiles", "tiles_datum", "tiles_subdomains", "tiles_attribution"); err != nil {
		return q, err
	}
	single := func(name string) (string, bool, error) { return singleParam(v, name) }
	var err error
	var ok bool
	if q.line, _, err = single("line"); err != nil {
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
	if s, given, err := single("start"); err != nil {
		return q, err
	} else if given {
		if q.start, err = parseEndpoint(s); err != nil {
			return q, queryError("start", s, err.Error())
		}
		q.replan = true
	}
	if s, given, err := single("date"); err != nil {
		return q, err
	} else if given {
		if q.date, err = tour.ParseDate(s); err != nil {
			return q, newError(http.StatusBadRequest, codeBadDate, "query parameter date: "+strings.TrimPrefix(err.Error(), "tour: "))
		}
		q.replan = true
	}
	if q.mode, ok, err = single("mode"); err != nil {
		return q, err
	} else if ok {
		q.replan = true
	}
	if s, given, err := single("hours"); err != nil {
		return q, err
	} else if given {
		h, err := strconv.ParseFloat(s, 64)
		if err != nil || !(h > 0 && h <= 24) {
			return q, queryError("hours", s, "want a number of hours more than 0 and at most 24")
		}
		q.hours, q.replan = h, true
	}
	if q.lang, err = langParam(v); err != nil {
		return q, err
	}
	tiles, hasTiles, err := single("tiles")
	if err != nil {
		return q, err
	}
	tilesDatum, hasDatum, err := single("tiles_datum")
	if err != nil {
		return q, err
	}
	subs, hasSubs, err := single("tiles_subdomains")
	if err != nil {
		return q, err
	}
	attribution, hasAttr, err := single("tiles_attribution")
	if err != nil {
		return q, err
	}
	switch {
	case hasTiles:
		if q.tiles, err = parseTileLayer(tiles, tilesDatum, subs); err != nil {
			return q, err
		}
		if len(attribution) > 200 {
			return q, queryError("tiles_attribution", "", "longer than 200 bytes")
		}
		q.attribution = attribution
	case hasDatum || hasSubs || hasAttr:
		return q, queryError("tiles", "", "tiles_datum, tiles_subdomains and tiles_attribution need tiles=URL-template")
	}
	return q, nil
}

// parseEndpoint reads a site ID or "lon,lat".
func parseEndpoint(s string) (tour.Endpoint, error) {
	if strings.Contains(s, ",") {
		p, err := parseNear(s)
		if err != nil {
			return tour.Endpoint{}, err
		}
		return tour.AtPoint(p), nil
	}
	if s == "" {
		return tour.Endpoint{}, fmt.Errorf("empty: give a site ID or lon,lat")
	}
	return tour.AtSite(s), nil
}

// embedStop is what the page's script shows of a place on the map.
type embedStop struct {
	ID        string `json:"id"`
	Role      string `json:"role"` // start, stop, end
	Seq       int    `json:"seq,omitempty"`
	Day       int    `json:"day"`
	Name      string `json:"name"`
	Alt       string `json:"alt,omitempty"`
	Period    string `json:"period,omitempty"`
	Region    string `json:"region,omitempty"`
	Note      string `json:"note,omitempty"`
	Arrival   string `json:"arrival,omitempty"`
	Departure string `json:"departure,omitempty"`
	VisitMin  int    `json:"visit_min,omitempty"`
	WaitMin   int    `json:"wait_min,omitempty"`
}

// embedData is the page's data block.
type embedData struct {
	Lang   string            `json:"lang"`
	Title  string            `json:"title"`
	Stops  []embedStop       `json:"stops"`
	Visits int               `json:"visits"`
	Labels map[string]string `json:"labels"`
}

// getEmbed serves GET /embed.
func (h *handler) getEmbed(w http.ResponseWriter, r *http.Request) {
	q, err := parseEmbedQuery(r.URL.Query())
	if err != nil {
		writeAPIError(w, err)
		return
	}
	plan, title, mode, err := h.embedPlan(r, q)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	opts := []export.Option{export.Catalog(h.cat), export.Lang(q.lang), export.Mode(mode)}
	if title != "" {
		opts = append(opts, export.Title(title))
	}
	m, err := export.Layout(plan, opts...)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	var svg bytes.Buffer
	if err := m.WriteSVG(&svg); err != nil {
		writeAPIError(w, err)
		return
	}
	pic := stripXMLDecl(svg.Bytes())
	tileNote := ""
	if q.tiles != nil {
		if pic, err = addTiles(pic, m, q.tiles); err != nil {
			// The map still works without its background; say why.
			tileNote = err.Error()
		}
	}
	data := h.embedData(plan, q.lang, title)
	dataJSON, err := json.Marshal(data) // escapes <, > and &: safe inside <script>
	if err != nil {
		writeAPIError(w, err)
		return
	}
	nonce, err := newNonce()
	if err != nil {
		writeAPIError(w, err)
		return
	}
	page := embedPage{
		Lang: q.lang, Title: data.Title, Nonce: nonce,
		SVG: template.HTML(pic), Data: template.JS(dataJSON),
		Script: template.JS(embedScript), Style: template.CSS(embedStyle),
		Attribution: q.attribution, TileNote: tileNote,
	}
	var buf bytes.Buffer
	if err := h.page.Execute(&buf, page); err != nil {
		writeAPIError(w, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Security-Policy", contentSecurityPolicy(nonce, q.tiles))
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// embedPlan returns the plan the page draws, its title and travel mode.
func (h *handler) embedPlan(r *http.Request, q embedQuery) (plan *route.Plan, title, mode string, err error) {
	mode = q.mode
	if mode == "" {
		mode = tour.DefaultMode
	}
	req := tour.Request{Sites: q.sites, Start: q.start, Date: q.date, Mode: q.mode, Hours: q.hours}
	if q.line != "" {
		l, err := h.line(q.line)
		if err != nil {
			return nil, "", "", err
		}
		title = l.Name.Zh
		if q.lang == "en" {
			title = l.Name.En
		}
		if !q.replan {
			return l.Plan, title, mode, nil
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
		return nil, "", "", newError(http.StatusUnprocessableEntity, codeTooManyStops,
			fmt.Sprintf("sites: %d sites, at most %d per plan", len(q.sites), h.cfg.maxStops))
	}
	plan, err = h.plan(r.Context(), req)
	if err != nil {
		return nil, "", "", err
	}
	if r.Context().Err() != nil {
		return nil, "", "", newError(http.StatusServiceUnavailable, codeCanceled, "the request was canceled")
	}
	return plan, title, mode, nil
}

// stripXMLDecl drops the XML declaration, which has no place inside HTML.
func stripXMLDecl(svg []byte) []byte {
	svg = bytes.TrimSpace(svg)
	if bytes.HasPrefix(svg, []byte("<?xml")) {
		if i := bytes.Index(svg, []byte("?>")); i >= 0 {
			svg = bytes.TrimSpace(svg[i+2:])
		}
	}
	return svg
}

// addTiles inserts the tile layer into pic, the picture m wrote, placed
// by m's projection: just before the graticule, where export.SVG says a
// background layer belongs (above the paper, below the legs and
// markers).
func addTiles(pic []byte, m *export.Map, t *tileLayer) ([]byte, error) {
	at := bytes.Index(pic, []byte(`<g class="graticule"`))
	if at < 0 {
		return pic, fmt.Errorf("web: no place for the tile layer in the SVG map")
	}
	layer := tilesSVG(t.tiles(m))
	out := make([]byte, 0, len(pic)+len(layer))
	out = append(out, pic[:at]...)
	out = append(out, layer...)
	return append(out, pic[at:]...), nil
}

// embedData collects what the page's script shows about each place.
func (h *handler) embedData(p *route.Plan, lang, title string) embedData {
	pick := func(zh, en string) string {
		if lang == "en" && en != "" || zh == "" {
			return en
		}
		return zh
	}
	data := embedData{Lang: lang, Title: title, Stops: []embedStop{}, Labels: map[string]string{
		"arrival": pick("到达", "Arrive"), "departure": pick("离开", "Leave"), "visit": pick("游览", "Visit"),
		"wait": pick("等候", "Wait"), "min": pick("分钟", "min"), "period": pick("时代", "Period"),
		"region": pick("地点", "Place"), "day": pick("第%d天", "Day %d"), "close": pick("关闭", "Close"),
		"start": pick("起点", "Start"), "end": pick("终点", "End"),
	}}
	if data.Title == "" {
		data.Title = pick("串珠 · 游览路线", "Chuanzhu · route")
	}
	seen := map[string]bool{}
	place := func(pl route.Place, role string, day int) embedStop {
		s := embedStop{ID: pl.ID, Role: role, Day: day, Name: pl.Name}
		if i, ok := h.index[pl.ID]; ok {
			site := &h.sites[i]
			other := "zh"
			if lang == "zh" {
				other = "en"
			}
			s.Name, s.Alt = site.Name.In(lang), site.Name.In(other)
			if s.Alt == s.Name {
				s.Alt = ""
			}
			if site.Period != nil {
				s.Period = pick(site.Period.NameZh, site.Period.Name)
			}
			s.Region = site.Region
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
			s := place(d.Start, "start", d.Day+1)
			s.Departure = clockOf(d.Depart)
			data.Stops = append(data.Stops, s)
		}
		for _, v := range d.Visits {
			seq++
			s := place(v.Stop.Place, "stop", d.Day+1)
			s.Seq = seq
			s.Arrival, s.Departure = clockOf(v.Arrival), clockOf(v.Departure)
			s.VisitMin, s.WaitMin = int(v.Stop.Visit/time.Minute), int(v.Wait/time.Minute)
			data.Stops = append(data.Stops, s)
		}
		if d.End != nil && !seen[d.End.ID] {
			seen[d.End.ID] = true
			s := place(*d.End, "end", d.Day+1)
			s.Arrival = clockOf(d.Return)
			data.Stops = append(data.Stops, s)
		}
	}
	data.Visits = seq
	return data
}

// clockOf writes t as "01-02 15:04", or only "15:04" for a plan without
// calendar dates (a themed line's day, which tour counts from 08:30 of
// the zero date).
func clockOf(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case !hasCalendar(t):
		return t.Format("15:04")
	}
	return t.Format("01-02 15:04")
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
// (by nonce), images from the tile host only, and nothing else.
func contentSecurityPolicy(nonce string, t *tileLayer) string {
	csp := "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce +
		"'; base-uri 'none'; form-action 'none'"
	if t != nil {
		csp += "; img-src " + strings.Join(t.origins, " ")
	}
	return csp
}

// embedPage is the data of the page template.
type embedPage struct {
	Lang, Title, Nonce    string
	SVG                   template.HTML
	Data                  template.JS
	Script                template.JS
	Style                 template.CSS
	Attribution, TileNote string
}

// embedTemplate parses the page template. The template is a constant
// that the tests parse, so Must cannot panic in a released build.
func embedTemplate() *template.Template {
	return template.Must(template.New("embed").Parse(embedHTML))
}

const embedHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style nonce="{{.Nonce}}">{{.Style}}</style>
</head>
<body data-ready="false">
<main class="map" id="map">{{.SVG}}</main>
<div id="tip" class="tip" role="tooltip" hidden></div>
<aside id="panel" class="panel" aria-live="polite" hidden>
<button type="button" id="panel-close" class="close" aria-label="close">×</button>
<h2 id="panel-name"></h2>
<p id="panel-alt" class="alt"></p>
<dl id="panel-facts"></dl>
<p id="panel-note" class="note"></p>
</aside>
{{if .Attribution}}<p class="attribution">{{.Attribution}}</p>{{end}}
{{if .TileNote}}<p class="tile-note">{{.TileNote}}</p>{{end}}
<script type="application/json" id="chuanzhu-data" nonce="{{.Nonce}}">{{.Data}}</script>
<script nonce="{{.Nonce}}">{{.Script}}</script>
</body>
</html>
`

// hasCalendar reports whether t is a calendar time rather than a clock
// counted from year 1 (the plans of themed lines have no dates).
func hasCalendar(t time.Time) bool { return t.Year() > 1 }
