package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/tour"
)

// requestLog records the method and path of every request a handler
// serves.
type requestLog struct {
	mu   sync.Mutex
	seen []string
	next http.Handler
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.seen = append(l.seen, r.Method+" "+r.URL.Path)
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

// count returns how many requests were "method path".
func (l *requestLog) count(req string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.seen {
		if s == req {
			n++
		}
	}
	return n
}

// plannerState is what the planner page shows: its address, whether it
// is the document the test started in, the itinerary's stop names, an
// error message above the form, the data block's visit count and the id
// of the element that has the focus.
type plannerState struct {
	Search, Mark, Error, Focus string
	Names                      []string
	Visits                     int
}

const plannerStateJS = `(() => ({Search: location.search, Mark: window.plannerTestMark || '',
	Names: Array.from(document.querySelectorAll('#itinerary li.stop .name')).map(e => e.textContent),
	Error: (document.getElementById('plan-error') || {textContent: ''}).textContent,
	Focus: document.activeElement ? document.activeElement.id : '',
	Visits: (JSON.parse(document.getElementById('chuanzhu-data').textContent).plan || {visited: 0}).visited}))()`

// wantNames returns the names, in lang, of the stops tour.Plan visits for
// req: what the page must list.
func wantNames(t *testing.T, cat *heritage.Catalog, req tour.Request, lang string) []string {
	t.Helper()
	plan, err := tour.Plan(context.Background(), cat, req)
	require.NoError(t, err)
	var names []string
	for _, d := range plan.Days {
		for _, v := range d.Visits {
			s, ok := cat.Get(v.Stop.ID)
			require.True(t, ok, v.Stop.ID)
			names = append(names, s.Name.In(lang))
		}
	}
	require.NotEmpty(t, names)
	return names
}

// formTargetsJS lists the planner's controls smaller than 40 × 40 px (a
// check box counts by its label, which is what a finger taps).
const formTargetsJS = `Array.from(document.querySelectorAll('#plan-form summary, #plan-form select, #plan-form button, #plan-form .button, ` +
	`#plan-form input:not([type=hidden]):not([type=checkbox]), #f-sites label, .downloads a')).filter(e => {
	const r = e.getBoundingClientRect(); return r.width > 0 && (r.width < 39.5 || r.height < 39.5); })
	.map(e => (e.id || e.name || e.textContent.trim().slice(0, 20)) + ' ' + e.getBoundingClientRect().width.toFixed(0) + '×' + e.getBoundingClientRect().height.toFixed(0))`

// TestBrowserPlanner goes through the planner with its script at a
// phone's size (in Chinese) and a desktop's (in English): a theme and a
// date, submitted, give the itinerary tour.Plan makes for the same
// request, in place (the page is not reloaded; the form is posted to POST
// /plan); the address changes to the plan's, which reloaded shows the
// same plan; a second plan and the back and forward buttons move between
// the two; a request the server refuses and a server that cannot be
// reached are said above the form in the page's language. No console
// error or CSP violation; the layout rules of checkPage, and the form's
// controls at least 40 px on the phone. Screenshots go to
// $CHUANZHU_SCREENSHOTS or a temp dir.
func TestBrowserPlanner(t *testing.T) {
	b := browser(t)
	cat := heritage.Default()
	// A deadline no loaded CI machine reaches, so that the page's plans
	// are the ones tour.Plan makes.
	log := &requestLog{next: newHandler(cat, PlanTimeout(time.Minute))}
	srv := httptest.NewServer(log)
	defer srv.Close()
	dir := screenshotDir(t)

	for _, vp := range []struct {
		name, lang    string
		width, height int64
		phone         bool
	}{
		{"phone", "zh", 390, 844, true},
		{"desktop", "en", 1280, 800, false},
	} {
		t.Run(vp.name, func(t *testing.T) {
			ctx, console := openTab(t, b, vp.width, vp.height, vp.phone, 2*time.Minute)
			first := tour.Request{Theme: "jin-culture", Date: tour.Date{Year: 2027, Month: 5, Day: 4}}
			second := tour.Request{Theme: "jin-culture", Date: tour.Date{Year: 2027, Month: 5, Day: 4}, DayLength: 4 * time.Hour}
			p := planner{t: t, ctx: ctx, log: log}

			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/plan?lang="+vp.lang), chromedp.WaitVisible(`#plan-form`)))
			posts := log.count("POST /plan")
			p.eval(`window.plannerTestMark = 'first document'`)
			p.submit(map[string]string{"#f-theme": "jin-culture", "#f-date": "2027-05-04"})
			got := p.state()
			assert.Equal(t, wantNames(t, cat, first, vp.lang), got.Names, "the itinerary is tour.Plan's")
			assert.Equal(t, got.Visits, len(got.Names))
			assert.Equal(t, "first document", got.Mark, "shown in place, not by loading a page")
			assert.Equal(t, posts+1, log.count("POST /plan"), "the form was posted to POST /plan")
			q, err := url.ParseQuery(got.Search[1:])
			require.NoError(t, err)
			assert.Equal(t, url.Values{"theme": {"jin-culture"}, "date": {"2027-05-04"}, "mode": {"drive"}, "lang": {vp.lang}}, q, "the address is the plan")
			p.checkLayout(vp.phone)
			shoot(t, ctx, dir, "planner-script-"+vp.name, false, "")

			// The address, loaded anew, shows the same plan (from the server).
			require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
			p.wait(`document.readyState === 'complete' && document.body.dataset.ready === 'true' && document.querySelector('#itinerary li.stop')`)
			again := p.state()
			assert.Equal(t, got.Names, again.Names, "the address reproduces the plan")
			assert.Equal(t, got.Search, again.Search)
			assert.Empty(t, again.Mark, "a new document")

			// A shorter day: a second plan, then back and forward.
			p.eval(`window.plannerTestMark = 'second document'`)
			p.submit(map[string]string{"input[name=hours]": "4"})
			short := p.state()
			assert.Equal(t, wantNames(t, cat, second, vp.lang), short.Names, "the itinerary is tour.Plan's")
			assert.Contains(t, short.Search, "hours=4")
			assert.Equal(t, "second document", short.Mark)
			p.history("back", got.Search)
			back := p.state()
			assert.Equal(t, got.Names, back.Names, "back shows the plan before")
			assert.Equal(t, "second document", back.Mark, "back without a page load")
			p.history("forward", short.Search)
			assert.Equal(t, short.Names, p.state().Names, "forward shows the shorter plan again")

			assert.Empty(t, console.all(), "console errors and CSP violations")
			p.checkErrors(vp.lang, dir, vp.name)
			// The refused request is the one error the browser logs.
			logged := console.all()
			if assert.Len(t, logged, 1, "console errors and CSP violations") {
				assert.Contains(t, logged[0], "status of 422")
			}
		})
	}
}

// planner drives the planner page in a tab.
type planner struct {
	t   *testing.T
	ctx context.Context
	log *requestLog
}

func (p planner) eval(js string) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Evaluate[any](`(`+js+`, null)`))
	require.NoError(p.t, err)
}

func (p planner) state() plannerState {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[plannerState](plannerStateJS))
	require.NoError(p.t, err)
	return s
}

// submit sets the form's fields (by selector) and submits it as a
// visitor does, then waits for the new plan's itinerary.
func (p planner) submit(fields map[string]string) {
	p.t.Helper()
	// Open the form (it folds away under a plan), fill it in and press
	// its button.
	p.eval(`document.body.dataset.ready = 'old'`)
	p.unfold()
	for sel, v := range fields {
		p.eval(`(e => { e.value = ` + jsString(v) + `; e.dispatchEvent(new Event('change', {bubbles: true})); })(document.querySelector(` + jsString(sel) + `))`)
	}
	p.tap(`#f-submit`)
	p.wait(`document.body.dataset.ready === 'true' && document.querySelector('#itinerary li.stop')`)
	assert.Equal(p.t, "title", p.state().Focus, "the focus goes on from the new plan's title")
}

// wait waits until the JavaScript condition cond holds. (It asks the
// page rather than chromedp's copy of the DOM, which misses the body
// swaps of the planner's script.)
func (p planner) wait(cond string) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[bool](`(`+cond+`) ? true : null`, chromedp.WithPollingTimeout(45*time.Second)))
	require.NoError(p.t, err, "waiting for %s", cond)
}

// tap scrolls the element of selector into view and clicks its centre
// with the mouse, as a visitor does, once nothing else is drawn there.
// (The element is found by the page rather than by chromedp's copy of
// the DOM, which misses the body swaps of the planner's script.)
func (p planner) tap(selector string) {
	p.t.Helper()
	xy, err := chromedp.Run(p.ctx, chromedp.Poll[[]float64](`(() => { const e = document.querySelector(`+jsString(selector)+`);
		e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
		return e.contains(document.elementFromPoint(x, y)) ? [x, y] : null; })()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		dbg, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`(() => { const e = document.querySelector(`+jsString(selector)+`); const r = e.getBoundingClientRect(); const h = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
			return document.querySelectorAll('details').length + ' open=' + document.querySelector('#plan-form details').open + ' ' + JSON.stringify(r) + ' hit=' + (h && h.outerHTML.slice(0, 120)) + ' y=' + scrollY + ' ' + JSON.stringify(document.getElementById('plan-form').getBoundingClientRect()); })()`))
		p.t.Log(dbg)
	}
	require.NoError(p.t, err, "%s in view", selector)
	require.NoError(p.t, chromedp.Do(p.ctx, chromedp.MouseClickXY(xy[0], xy[1])))
}

// inView checks that the element of id is (at least partly) in view.
func (p planner) inView(id string) {
	p.t.Helper()
	visible, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`(() => { const r = document.getElementById(`+jsString(id)+`).getBoundingClientRect();
		return r.bottom > 0 && r.top < window.innerHeight; })()`))
	require.NoError(p.t, err)
	assert.True(p.t, visible, "%s is in view", id)
}

// unfold opens the form, which folds away under a plan, as a visitor
// does: with a tap on its summary.
func (p planner) unfold() {
	p.t.Helper()
	open, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`document.querySelector('#plan-form details').open`))
	require.NoError(p.t, err)
	if !open {
		p.tap(`#plan-form summary`)
		p.wait(`document.querySelector('#plan-form details').open`)
	}
}

// history goes back or forward and waits for the page of search.
func (p planner) history(dir, search string) {
	p.t.Helper()
	p.eval(`document.body.dataset.ready = 'old', history.` + dir + `()`)
	p.wait(`location.search === ` + jsString(search) + ` && document.body.dataset.ready === 'true' && document.querySelector('#itinerary li.stop')`)
}

// checkLayout checks the page's layout rules and, on a phone, the form's
// tap targets with the form unfolded.
func (p planner) checkLayout(phone bool) {
	p.t.Helper()
	checkPage(p.t, p.ctx, phone)
	if !phone {
		return
	}
	p.unfold()
	small, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](formTargetsJS))
	require.NoError(p.t, err)
	assert.Empty(p.t, small, "form controls under 40 × 40 px")
	checkPage(p.t, p.ctx, phone)
	p.tap(`#plan-form summary`)
}

// checkErrors submits a theme the server does not know and then a form
// to a server that cannot be reached: each time the visitor reads, above
// the form, what went wrong in the page's language, and the address
// keeps the last plan.
func (p planner) checkErrors(lang, dir, name string) {
	p.t.Helper()
	before := p.state()
	posts := p.log.count("POST /plan")
	p.unfold()
	p.eval(`document.getElementById('f-theme').add(new Option('opera', 'opera', true, true))`)
	p.tap(`#f-submit`)
	p.wait(`document.getElementById('plan-error')`)
	refused := p.state()
	assert.Equal(p.t, posts+1, p.log.count("POST /plan"))
	assert.Contains(p.t, refused.Error, errorReason(phrase.Lang(lang), codeUnknownTheme), "the reason in the page's language")
	assert.Contains(p.t, refused.Error, "unknown_theme")
	assert.NotContains(p.t, refused.Error, `{"error"`)
	assert.Equal(p.t, before.Search, refused.Search, "the address keeps the last plan")
	assert.Equal(p.t, "plan-error", refused.Focus, "the focus goes to the error")
	p.inView(`plan-error`)
	shoot(p.t, p.ctx, dir, "planner-script-refused-"+name, false, "")

	p.eval(`window.fetch = () => Promise.reject(new TypeError('Failed to fetch')),
		document.getElementById('f-theme').value = 'jin-culture', document.getElementById('plan-error').remove()`)
	p.tap(`#f-submit`)
	p.wait(`document.getElementById('plan-error')`)
	offline, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`[document.getElementById('plan-error').textContent,
		document.getElementById('plan-form').dataset.offline, document.getElementById('f-submit').disabled ? 'disabled' : 'enabled']`))
	require.NoError(p.t, err)
	assert.Equal(p.t, offline[1], offline[0], "the form's words for an unreachable server")
	assert.Equal(p.t, "enabled", offline[2], "the visitor can try again")
	p.inView(`plan-error`)
	shoot(p.t, p.ctx, dir, "planner-script-offline-"+name, false, "")
}
