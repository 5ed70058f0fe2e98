package web

import (
	_ "embed" // the planner's script and style
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/tour"
)

//go:embed planner.js
var plannerScript string

//go:embed planner.css
var plannerStyle string

// plannerParams are the query parameters of GET /plan.
var plannerParams = []string{"theme", "sites", "start", "date", "start_time", "hours", "days", "mode", "lang", "download"}

// parsePlannerQuery reads the query of GET /plan into the query the
// embed page plans from; empty parameters (a form's unfilled fields)
// count as not given. It reports whether the query asks for a plan (a
// theme or sites).
func parsePlannerQuery(v url.Values, lang string) (q embedQuery, plan bool, err error) {
	v = nonEmpty(v)
	q = embedQuery{lang: lang}
	if err := onlyParams(v, plannerParams...); err != nil {
		return q, false, err
	}
	if q.theme, _, err = singleParam(v, "theme"); err != nil {
		return q, false, err
	}
	if q.sites, err = listParam(v, "sites"); err != nil {
		return q, false, err
	}
	if q.theme != "" && len(q.sites) > 0 {
		return q, false, queryError("sites", "", "give theme or sites, not both")
	}
	if q.download, _, err = singleParam(v, "download"); err != nil {
		return q, false, err
	}
	if err := q.parsePlanParams(v); err != nil {
		return q, false, err
	}
	if s, given, err := singleParam(v, "start_time"); err != nil {
		return q, false, err
	} else if given {
		if q.startTime, err = tour.ParseClock(s); err != nil {
			return q, false, queryError("start_time", s, "want a time of day such as 08:30")
		}
	}
	if s, given, err := singleParam(v, "days"); err != nil {
		return q, false, err
	} else if given {
		if q.days, err = strconv.Atoi(s); err != nil || q.days < 1 || q.days > tour.MaxDays {
			return q, false, queryError("days", s, "want a number of days from 1 to "+strconv.Itoa(tour.MaxDays))
		}
	}
	if _, given := v["lang"]; given {
		if q.lang, err = langParam(v); err != nil {
			return q, false, err
		}
	}
	return q, q.theme != "" || len(q.sites) > 0, nil
}

// nonEmpty returns v without its empty values.
func nonEmpty(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		for _, s := range vs {
			if strings.TrimSpace(s) != "" {
				out[k] = append(out[k], s)
			}
		}
	}
	return out
}

// getPlan serves GET /plan: the planner's form and, when the query names
// a theme or sites, the plan in the embed page's layout (or, with
// download=FORMAT, the plan as a file). The form submits to the page
// itself, so the plan's state is its URL. A bad query or a plan that
// cannot be made is said above the form, in the page's language.
func (h *handler) getPlan(w http.ResponseWriter, r *http.Request) {
	q, wanted, err := parsePlannerQuery(r.URL.Query(), pageLang(r))
	if err == nil && wanted && q.download != "" {
		plan, _, err := h.embedPlan(r, q)
		if err != nil {
			h.writePageError(w, q.lang, err)
			return
		}
		h.writeDownload(w, q.download, plan, q.lang, "")
		return
	}
	h.writePlanner(w, r, q, wanted, err)
}

// postPlanPage serves POST /plan, which the planner's script submits the
// form to: the body is a tour.Request in its JSON form, as POST /api/plan
// reads it, with the members the form sets; the answer is the page GET
// /plan gives for the same plan, with that page's address in
// Content-Location, so that the script shows it in place and puts the
// plan in the address bar. Errors come as the planner page with the
// message above the form, as for GET /plan.
func (h *handler) postPlanPage(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	q := embedQuery{lang: lang}
	err := onlyParams(r.URL.Query(), "lang")
	var req tour.Request
	if err == nil {
		req, err = h.readPlanBody(w, r)
	}
	if err == nil {
		q, err = plannerQueryOf(req, lang)
	}
	h.writePlanner(w, r, q, err == nil && (q.theme != "" || len(q.sites) > 0), err)
}

// readPlanBody reads the JSON body of POST /plan: application/json, at
// most the handler's body limit, a tour.Request read strictly.
func (h *handler) readPlanBody(w http.ResponseWriter, r *http.Request) (tour.Request, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return tour.Request{}, newError(http.StatusUnsupportedMediaType, codeUnsupportedMedia, "send the plan request as application/json")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		return tour.Request{}, newError(http.StatusRequestEntityTooLarge, codeBodyTooLarge, fmt.Sprintf("reading the body (at most %d bytes): %v", h.cfg.maxBody, err))
	}
	return decodePlanRequest(body, h.cfg.maxStops)
}

// plannerQueryOf is the planner's query of req: the members the form
// sets. The others (end, hotels, break, datum) have no place in the
// page's address, which must give the same plan, and are refused.
func plannerQueryOf(req tour.Request, lang string) (embedQuery, error) {
	q := embedQuery{lang: lang, theme: req.Theme, sites: req.Sites, start: req.Start, date: req.Date,
		hours: req.DayLength, days: req.Days, startTime: req.StartTime, mode: req.Mode.Name}
	for member, given := range map[string]bool{"end": !req.End.IsZero(), "hotels": len(req.Hotels) > 0,
		"break": req.Break != nil, "datum": req.Datum != geo.WGS84} {
		if given {
			return q, newError(http.StatusBadRequest, codeBadField, member+
				": the planner page plans from theme, sites, start, date, start_time, hours, days and mode; send "+member+" to /api/plan")
		}
	}
	return q, nil
}

// plannerValues is the query of GET /plan that asks for q's plan: the
// page's address, which its language link and downloads build on and
// POST /plan names in Content-Location. Fields not given stay out.
func plannerValues(q embedQuery) url.Values {
	v := url.Values{}
	set := func(name, value string) {
		if value != "" {
			v.Set(name, value)
		}
	}
	set("theme", q.theme)
	for _, s := range q.sites {
		v.Add("sites", s)
	}
	set("start", q.start.String())
	if !q.date.IsZero() {
		set("date", q.date.String())
	}
	if q.startTime != 0 {
		set("start_time", q.startTime.String())
	}
	if q.hours > 0 {
		set("hours", strconv.FormatFloat(q.hours.Hours(), 'f', -1, 64))
	}
	if q.days > 0 {
		set("days", strconv.Itoa(q.days))
	}
	set("mode", q.mode)
	set("lang", q.lang)
	return v
}

// writePlanner writes the planner page of q: the form and, when wanted,
// q's plan; or, when err (from reading q) is not nil or the plan cannot
// be made, the form with the error above it and the error's status.
func (h *handler) writePlanner(w http.ResponseWriter, r *http.Request, q embedQuery, wanted bool, err error) {
	l := phrase.Lang(q.lang)
	title := l.Pick("串珠 · 绛县文化遗产游线规划", "Chuanzhu · Jiang County heritage trip planner")
	v := pageView{Lang: q.lang, Data: template.JS(`{"labels":{},"stops":[],"visits":0}`)}
	var plan *route.Plan
	if err == nil && wanted {
		if plan, _, err = h.embedPlan(r, q); err == nil {
			v, err = h.planView(r, plan, q, "")
		}
	}
	address := plannerValues(q)
	status := http.StatusOK
	if err != nil {
		v = pageView{Lang: q.lang, Data: v.Data}
		status, v.ErrorCode, v.Error = pageError(err)
		plan = nil
	} else {
		w.Header().Set("Content-Location", "?"+address.Encode())
		if plan != nil {
			v.Downloads = downloads(&url.URL{RawQuery: address.Encode()}, plan)
		}
	}
	v.Title = title
	v.Form = h.plannerForm(q, l, plan == nil)
	h.writePage(w, r, status, v, nil)
}

// plannerForm is the data of the planner's form.
type plannerForm struct {
	Open                               bool // shown unfolded (no plan yet)
	Themes, Starts, Modes              []option
	Sites                              []option
	Date, StartTime, Hours, Days, Lang string
	OtherLang                          string // the query of this page in the other language
	MaxDays                            int    // tour.MaxDays
	Words                              map[string]string
}

// option is one choice of a select or a list of check boxes.
type option struct {
	Value, Label, Alt string
	Selected          bool
}

// plannerForm fills the form from q: the catalog's themes, its heritage
// sites (for the list) and anchors (for the start), the travel modes.
func (h *handler) plannerForm(q embedQuery, l phrase.Lang, open bool) *plannerForm {
	v := plannerValues(q)
	f := &plannerForm{Open: open, Lang: string(l), MaxDays: tour.MaxDays, Words: formWords(l),
		Date: v.Get("date"), StartTime: v.Get("start_time"), Hours: v.Get("hours"), Days: v.Get("days")}
	v.Set("lang", f.Words["otherLang"])
	f.OtherLang = "?" + v.Encode()
	f.Themes = append(f.Themes, option{Value: "", Label: l.Pick("（按地点选择）", "(choose sites)")})
	for _, t := range heritage.Themes() {
		if slices.Contains(h.themes, t.Slug) {
			f.Themes = append(f.Themes, option{Value: t.Slug, Label: l.Pick(t.Zh, t.En), Selected: q.theme == t.Slug})
		}
	}
	start := q.start.String()
	for _, s := range h.sites {
		name, alt := l.Pick(s.Name.Zh, s.Name.En), l.Pick(s.Name.En, s.Name.Zh)
		if alt == name {
			alt = ""
		}
		if s.Anchor() {
			if s.Kind == heritage.Town || s.Kind == heritage.RailStation {
				f.Starts = append(f.Starts, option{Value: s.ID, Label: name, Selected: start == s.ID})
			}
			continue
		}
		f.Sites = append(f.Sites, option{Value: s.ID, Label: name, Alt: alt, Selected: slices.Contains(q.sites, s.ID)})
	}
	if !q.start.IsZero() && !slices.ContainsFunc(f.Starts, func(o option) bool { return o.Selected }) {
		label := start
		if q.start.Point != nil {
			label = f.Words["here"] + " (" + start + ")"
		}
		f.Starts = append(f.Starts, option{Value: start, Label: label, Selected: true})
	}
	f.Modes = modeOptions(l, q.mode)
	return f
}

// modeOptions are the travel modes of the form, the default mode
// first (the choice a visitor who leaves the field makes), named by
// phrase.
func modeOptions(l phrase.Lang, chosen string) []option {
	modes := geo.Modes()
	rank := func(m geo.Mode) int {
		if m.Name == tour.DefaultMode {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(modes, func(a, b geo.Mode) int { return rank(a) - rank(b) })
	out := make([]option, len(modes))
	for i, m := range modes {
		out[i] = option{Value: m.Name, Label: l.ModeName(m), Selected: chosen == m.Name}
	}
	return out
}

// formWords are the form's labels.
func formWords(l phrase.Lang) map[string]string {
	return map[string]string{
		"change": l.Pick("修改行程", "Change the plan"), "new": l.Pick("规划行程", "Plan a trip"), "theme": l.Pick("主题", "Theme"),
		"sites": l.Pick("或选择地点", "Or choose sites"), "search": l.Pick("搜索地点（中文或英文）", "Search sites (Chinese or English)"),
		"start": l.Pick("出发地", "Start"), "here": l.Pick("我的位置", "My location"),
		"defaultStart": l.Pick("（默认：县城）", "(default: the county seat)"),
		"date":         l.Pick("日期", "Date"), "startTime": l.Pick("出发时间", "Start time"), "hours": l.Pick("每天小时数", "Hours a day"),
		"days": l.Pick("天数", "Days"), "mode": l.Pick("交通方式", "Travel"), "submit": l.Pick("规划", "Plan"),
		"lang": l.Pick("English", "中文"), "otherLang": l.Pick("en", "zh"),
		"locating": l.Pick("正在定位…", "Locating…"), "noLocation": l.Pick("无法获取位置", "Location unavailable"),
		"planning": l.Pick("正在规划…", "Planning…"),
		"offline":  l.Pick("无法连接规划服务，请检查网络后重试。", "The planner could not be reached: check the connection and try again."),
	}
}

const plannerFormHTML = `<form class="form" id="plan-form" method="get" action="" data-planning="{{.Words.planning}}" data-offline="{{.Words.offline}}">
<details{{if .Open}} open{{end}}><summary>{{if .Open}}{{.Words.new}}{{else}}{{.Words.change}}{{end}}</summary>
<div class="fields">
<label class="wide">{{.Words.theme}}<select name="theme" id="f-theme">{{range .Themes}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<div class="wide"><label>{{.Words.sites}}<input type="search" id="f-search" placeholder="{{.Words.search}}" aria-label="{{.Words.search}}"></label>
<div class="sites" id="f-sites">{{range .Sites}}<label data-search="{{.Label}} {{.Alt}} {{.Value}}"><input type="checkbox" name="sites" value="{{.Value}}"{{if .Selected}} checked{{end}}><span>{{.Label}}{{if .Alt}} <small>{{.Alt}}</small>{{end}}</span></label>{{end}}</div></div>
<label class="wide">{{.Words.start}}<span class="row"><select name="start" id="f-start"><option value="">{{.Words.defaultStart}}</option>{{range .Starts}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select><button type="button" class="button" id="f-here" data-locating="{{.Words.locating}}" data-fail="{{.Words.noLocation}}">{{.Words.here}}</button></span></label>
<label>{{.Words.date}}<input type="date" name="date" id="f-date" value="{{.Date}}"></label>
<label>{{.Words.startTime}}<input type="time" name="start_time" value="{{.StartTime}}"></label>
<label>{{.Words.hours}}<input type="number" name="hours" min="1" max="24" step="0.5" value="{{.Hours}}" placeholder="8"></label>
<label>{{.Words.days}}<input type="number" name="days" min="1" max="{{.MaxDays}}" value="{{.Days}}" placeholder="1"></label>
<label>{{.Words.mode}}<select name="mode">{{range .Modes}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<input type="hidden" name="lang" value="{{.Lang}}">
<span class="row wide"><button type="submit" id="f-submit">{{.Words.submit}}</button><a class="button" id="f-lang" href="{{.OtherLang}}">{{.Words.lang}}</a></span>
</div>
</details>
</form>`
