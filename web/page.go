package web

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
)

// pageView is what the page template of /embed and /plan shows.
type pageView struct {
	Lang, Title, Subtitle, Nonce string
	SVG                          template.HTML // the route/export map, or empty before a plan
	Data                         template.JS   // the script's data block
	Script                       template.JS   // the page's script (embed.js)
	PlannerScript                template.JS   // the planner's, on /plan
	Style                        template.CSS
	Attribution                  string
	Words                        map[string]string
	Downloads                    []download
	Form                         *plannerForm // the planner's form, on /plan
	Error, ErrorCode             string       // an error's message and the API's error code
	Reason                       string       // what the error code means, in the page's language
}

// download is one link to the page's plan in an export format.
type download struct{ Name, Href string }

// downloadFormats are the formats a visitor may download from the page.
var downloadFormats = []string{"gpx", "kml", "ics"}

// downloads returns links to the plan of the page at u in each of
// downloadFormats ("…&download=gpx"), named by the format's file
// extension, for each export format that can write the plan (an
// iCalendar file needs dates).
func downloads(u *url.URL, p *route.Plan) []download {
	var out []download
	for _, name := range downloadFormats {
		f, err := export.ParseFormat(name)
		if err != nil || f.Write(io.Discard, p) != nil {
			continue
		}
		v := u.Query()
		v.Set("download", f.Name)
		out = append(out, download{Name: strings.ToUpper(strings.TrimPrefix(f.Ext, ".")), Href: "?" + v.Encode()})
	}
	return out
}

// writeDownload answers a page's download=FORMAT: the plan as a file.
func (h *handler) writeDownload(w http.ResponseWriter, name string, p *route.Plan, lang, title string) {
	f, err := export.ParseFormat(name)
	if err != nil || !slices.Contains(downloadFormats, name) {
		h.writePageError(w, lang, queryError("download", name, "not a download (known: "+strings.Join(downloadFormats, ", ")+")"))
		return
	}
	opts := []export.Option{export.Catalog(h.cat), export.Lang(lang)}
	if title != "" {
		opts = append(opts, export.Title(title))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, p, opts...); err != nil {
		h.writePageError(w, lang, newError(http.StatusUnprocessableEntity, codeUnplannable, err.Error()))
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Disposition", `attachment; filename="chuanzhu`+f.Ext+`"`)
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// writePage writes the page of v with its nonce'd CSP, which lets the
// planner's form submit to the page itself.
func (h *handler) writePage(w http.ResponseWriter, r *http.Request, status int, v pageView, t *tileLayer) {
	nonce, err := newNonce()
	if err != nil {
		writeAPIError(w, err)
		return
	}
	v.Nonce = nonce
	v.Script, v.Style = template.JS(embedScript), template.CSS(embedStyle)
	if v.Form != nil {
		v.PlannerScript, v.Style = template.JS(plannerScript), v.Style+template.CSS(plannerStyle)
	}
	if v.Words == nil {
		v.Words = pageWords(phrase.Lang(v.Lang))
	}
	if v.Error != "" && v.Reason == "" {
		v.Reason = errorReason(phrase.Lang(v.Lang), v.ErrorCode)
	}
	var buf bytes.Buffer
	if err := h.page.Execute(&buf, v); err != nil {
		writeAPIError(w, err)
		return
	}
	hd := w.Header()
	csp := contentSecurityPolicy(nonce, t, v.Form != nil)
	if v.Form != nil {
		// The planner's script posts the form to the page's own origin.
		csp += "; connect-src 'self'"
	}
	hd.Set("Content-Security-Policy", csp)
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r == nil || r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// writePageError answers a page request with an HTML page in lang that
// says what is wrong, with the status of the API's error.
func (h *handler) writePageError(w http.ResponseWriter, lang string, err error) {
	words := pageWords(phrase.Lang(lang))
	v := pageView{Lang: lang, Title: words["errorTitle"], Words: words}
	var status int
	status, v.ErrorCode, v.Error = pageError(err)
	h.writePage(w, nil, status, v, nil)
}

// pageError returns the status, the API's error code and the message of
// err on a page: an *apiError's own, else a 500.
func pageError(err error) (status int, code, msg string) {
	var e *apiError
	if errors.As(err, &e) {
		return e.status, e.code, e.message
	}
	return http.StatusInternalServerError, codeInternal, "internal error: " + err.Error()
}

// errorReasons say in a visitor's words what an error code of the API
// means, in Chinese and English; the page shows the API's message below.
var errorReasons = map[string][2]string{
	codeBadQuery:     {"地址中的某个参数无效。", "A value in the address is not valid."},
	codeBadField:     {"规划请求中的某个值无效。", "A value of the plan request is not valid."},
	codeBadDate:      {"日历上没有这个日期。", "That date is not in the calendar."},
	codeUnknownSite:  {"目录中没有所选的某个地点。", "A chosen site is not in the catalog."},
	codeUnknownTheme: {"没有这个主题的地点。", "No site carries that theme."},
	codeNoSites:      {"没有可以规划的地点：请选择主题或地点。", "There is nothing to plan: choose a theme or sites."},
	codeTooManyStops: {"一次规划的地点太多。", "Too many sites for one plan."},
	codeTooLarge:     {"一次规划的天数或地点太多。", "Too many days or sites for one plan."},
	codeUnplannable:  {"无法排出这条路线：请换出发地、日期或交通方式。", "This trip cannot be planned: try another start, date or way to travel."},
	codeBusy:         {"规划服务正忙，请稍后再试。", "The planner is busy: try again in a moment."},
	codeCanceled:     {"规划被中断，请重试。", "The planning was interrupted: try again."},
	codeNotFound:     {"没有找到这条路线。", "That route was not found."},
	codeInternal:     {"服务器出错了。", "Something went wrong on the server."},
}

// errorReason says what code means in l; "" for a code without words.
func errorReason(l phrase.Lang, code string) string {
	if w, ok := errorReasons[code]; ok {
		return l.Pick(w[0], w[1])
	}
	return ""
}

// pageLang returns the page's language: the lang parameter when it is zh
// or en, else the first of zh and en in the Accept-Language header (by
// its q-values), else zh.
func pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		return l
	}
	return acceptLanguage(r.Header.Get("Accept-Language"))
}

// acceptLanguage picks zh or en from an Accept-Language header: the
// language range of highest q-value whose primary tag is zh or en; zh
// when there is none.
func acceptLanguage(header string) string {
	best, bestQ := "zh", -1.0
	for part := range strings.SplitSeq(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if primary != "zh" && primary != "en" {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}

// pageWords are the words of the page around the map and the itinerary.
func pageWords(l phrase.Lang) map[string]string {
	return map[string]string{
		"zoomIn": l.Pick("放大", "Zoom in"), "zoomOut": l.Pick("缩小", "Zoom out"), "reset": l.Pick("复位", "Reset view"),
		"map": l.Pick("路线地图", "Route map"), "itinerary": l.Pick("行程", "Itinerary"),
		"download": l.Pick("下载", "Download"), "print": l.Pick("打印", "Print"),
		"errorHint":  l.Pick("请检查地址中的参数后重试。", "Check the parameters in the address and try again."),
		"errorTitle": l.Pick("无法显示这条路线", "This route cannot be shown"),
		"formHint":   l.Pick("请修改下面的选择后重试。", "Change your choices below and try again."),
		"empty":      l.Pick("请选择主题或地点，然后点击“规划”。", "Choose a theme or sites, then press Plan."),
	}
}

// pageTemplate parses the page template. The template is a constant that
// the tests parse, so Must cannot panic in a released build.
func pageTemplate() *template.Template {
	return template.Must(template.New("page").Parse(pageHTML))
}

const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style nonce="{{.Nonce}}">{{.Style}}</style>
</head>
{{if and .Error (not .Form)}}<body class="error-page" data-ready="true">
<main class="error"><h1>{{.Title}}</h1>{{if .Reason}}<p>{{.Reason}}</p>{{end}}<p><code>{{.Error}}</code></p><p>{{.Words.errorHint}}</p><p class="code">{{.ErrorCode}}</p></main>
</body>
{{else}}<body class="{{if .Form}}planner{{else}}embed{{end}}" data-ready="false">
<header class="bar"><h1 id="title">{{.Title}}</h1>{{if .Subtitle}}<p>{{.Subtitle}}</p>{{end}}</header>
{{if .Error}}<div class="error" id="plan-error" role="alert"><h2>{{.Words.errorTitle}}</h2>{{if .Reason}}<p>{{.Reason}}</p>{{end}}<p><code>{{.Error}}</code></p><p>{{.Words.formHint}}</p><p class="code">{{.ErrorCode}}</p></div>{{end}}
{{with .Form}}{{template "form" .}}{{end}}
{{if .SVG}}<div class="layout">
<section class="map" id="map" aria-label="{{.Words.map}}">{{.SVG}}
<div class="zoom"><button type="button" id="zoom-in" aria-label="{{.Words.zoomIn}}">+</button><button type="button" id="zoom-out" aria-label="{{.Words.zoomOut}}">−</button><button type="button" id="zoom-reset" aria-label="{{.Words.reset}}">⟲</button></div>
<p class="scale" id="scale"><span></span><b></b></p>
{{if .Attribution}}<p class="attribution">{{.Attribution}}</p>{{end}}
</section>
<section class="itinerary" id="itinerary" aria-label="{{.Words.itinerary}}">
{{if .Downloads}}<p class="downloads">{{range .Downloads}}<a class="button" href="{{.Href}}" download>{{.Name}}</a>{{end}}</p>{{end}}
</section>
</div>
{{else if not .Error}}<p class="empty">{{.Words.empty}}</p>{{end}}
<script type="application/json" id="chuanzhu-data" nonce="{{.Nonce}}">{{.Data}}</script>
<script nonce="{{.Nonce}}" id="page-script">{{.Script}}</script>
{{if .PlannerScript}}<script nonce="{{.Nonce}}" id="planner-script">{{.PlannerScript}}</script>{{end}}
</body>
{{end}}</html>
{{define "form"}}` + plannerFormHTML + `{{end}}`
