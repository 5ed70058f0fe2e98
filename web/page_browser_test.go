package web

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	ical "github.com/emersion/go-ical"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// screenshotsFlag writes the README's screenshots: go test ./web -run
// TestBrowserPages -screenshots ../docs
var screenshotsFlag = flag.String("screenshots", "", "also write the README's screenshots (phone planner, phone embed) to this directory")

// browser starts headless Chromium for a test, or skips it when there
// is none (and fails under CHUANZHU_REQUIRE_BROWSER).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		const msg = "no Chromium found (/usr/bin/chromium or $CHROMIUM): .ci/install-chromium installs Debian's chromium"
		if os.Getenv("CHUANZHU_REQUIRE_BROWSER") != "" {
			t.Fatal(msg + ", and CHUANZHU_REQUIRE_BROWSER is set")
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 800))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	b, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// Bound the whole test: a hung browser fails it rather than CI.
	watchdog := time.AfterFunc(3*time.Minute, cancel)
	t.Cleanup(func() { watchdog.Stop() })
	require.NoError(t, chromedp.Do(b), "starting %s", path)
	return b
}

// viewports are the sizes the pages are tested at: a common phone, a
// laptop, and the narrowest frame the pages promise to fill.
var viewports = []struct {
	name          string
	width, height int64
	phone         bool
}{
	{"phone", 390, 844, true},
	{"desktop", 1280, 800, false},
	{"small-phone", 320, 568, true},
}

// openTab opens a tab of browser b at width × height CSS pixels (with
// touch for a phone), listening to its console; its context ends after
// timeout, and the tab with the test.
func openTab(t *testing.T, b context.Context, width, height int64, phone bool, timeout time.Duration) (context.Context, *consoleLog) {
	t.Helper()
	tab, cancel := chromedp.NewContext(b)
	t.Cleanup(cancel)
	console := &consoleLog{}
	require.NoError(t, chromedp.Listen(tab, console.listen))
	ctx, cancelStep := context.WithTimeout(tab, timeout)
	t.Cleanup(cancelStep)
	emulate := chromedp.EmulateViewport(width, height)
	if phone {
		emulate = chromedp.EmulateViewport(width, height, chromedp.EmulateTouch)
	}
	require.NoError(t, chromedp.Do(ctx, emulate))
	return ctx, console
}

// pageChecks are the layout measures every page must meet.
type pageChecks struct {
	ScrollWidth, Width float64
	SmallText          []string // visible texts under 12 px, with their size
	SmallTargets       []string // markers and list entries under 40 × 40 px
	AttributionInside  bool
	Attribution        bool
}

const measureJS = `(() => {
	const out = {ScrollWidth: document.documentElement.scrollWidth, Width: window.innerWidth, SmallText: [], SmallTargets: []};
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const seen = new Set();
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const e = n.parentElement;
		if (!e || seen.has(e) || !n.textContent.trim() || e.closest('script,style,title')) { continue; }
		seen.add(e);
		const r = e.getBoundingClientRect();
		const cs = getComputedStyle(e);
		if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') { continue; }
		let size = parseFloat(cs.fontSize);
		if (e instanceof SVGElement) { size *= e.getScreenCTM().a; }
		if (size < 11.95) { out.SmallText.push(size.toFixed(1) + 'px: ' + n.textContent.trim().slice(0, 30)); }
	}
	const targets = Array.from(document.querySelectorAll('#map g.stop.interactive, .entry, .zoom button'));
	for (const e of targets) {
		const r = e.getBoundingClientRect();
		if (r.width < 39.5 || r.height < 39.5) { out.SmallTargets.push((e.dataset.id || e.textContent.trim().slice(0, 20)) + ' ' + r.width.toFixed(0) + '×' + r.height.toFixed(0)); }
	}
	const a = document.querySelector('.attribution');
	out.Attribution = !!a;
	if (a) {
		const r = a.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
		out.AttributionInside = r.width > 0 && r.left >= m.left - 0.5 && r.right <= m.right + 0.5 && r.top >= m.top - 0.5 && r.bottom <= m.bottom + 0.5 &&
			r.right <= window.innerWidth && r.bottom <= window.innerHeight;
	}
	return out;
})()`

// checkPage measures the page in the tab against the layout rules.
func checkPage(t *testing.T, ctx context.Context, phone bool) {
	t.Helper()
	m, err := chromedp.Run(ctx, chromedp.Evaluate[pageChecks](measureJS))
	require.NoError(t, err)
	assert.LessOrEqual(t, m.ScrollWidth, m.Width, "no horizontal scroll")
	if phone {
		assert.Empty(t, m.SmallText, "visible text under 12 px")
		assert.Empty(t, m.SmallTargets, "tap targets under 40 × 40 px")
	}
	if m.Attribution {
		assert.True(t, m.AttributionInside, "the attribution is inside the map and the viewport")
	}
}

// alignment is a marker's screen centre and where the test tiles put its
// site: the tile image's screen box and the site's place within it.
type alignment struct {
	MX, MY   float64 // marker centre
	TX, TY   float64 // the site on the tile
	Zoom     string  // the view's zoom
	TileZoom int     // the tiles' zoom
}

// tilePixelJS measures marker id against the tile image holding its
// site: id and suffix are the marker's ID and the tile's URL suffix, fx
// and fy the site's place in the tile (0–1). It takes the tile image's
// own overlap off (a quarter of a screen pixel at zoom 1 on each side,
// embed.js's tileImage) in the drawing's units, and finds the site's
// pixel on the screen through the image's transform, so it holds at any
// zoom.
const tilePixelJS = `((id, suffix, fx, fy) => {
	const svg = document.querySelector('#map svg');
	const g = svg.querySelector('g.stop[data-id="' + id + '"] circle:not(.hit), g.stop[data-id="' + id + '"] rect');
	const r = g.getBoundingClientRect();
	const img = Array.from(svg.querySelectorAll('g.live-tiles image')).find(i => i.getAttribute('href').endsWith(suffix));
	if (!img) { return {MX: r.x + r.width / 2, MY: r.y + r.height / 2, TX: -1, TY: -1, Zoom: ''}; }
	const k = +svg.dataset.zoom, a = n => +img.getAttribute(n);
	const pt = svg.createSVGPoint();
	pt.x = a('x') + 0.25 / k + fx * (a('width') - 0.5 / k);
	pt.y = a('y') + 0.25 / k + fy * (a('height') - 0.5 / k);
	const p = pt.matrixTransform(img.getScreenCTM());
	return {MX: r.x + r.width / 2, MY: r.y + r.height / 2, TX: p.x, TY: p.y, Zoom: svg.dataset.zoom};
})`

// tileAlignment waits until the tiles the script placed for the present
// view (g.live-tiles) follow its last draw, then measures site's marker
// against its site's pixel on the GCJ-02 tile that holds it and checks
// that they meet; what names the moment in the messages.
func tileAlignment(t *testing.T, ctx context.Context, site heritage.Site, what string) alignment {
	t.Helper()
	z, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => { const g = document.querySelector('#map g.live-tiles');
		return g && g.dataset.draws === document.querySelector('#map svg').dataset.draws ? +g.dataset.zoom : null; })()`,
		chromedp.WithPollingTimeout(5*time.Second)))
	require.NoError(t, err, "%s: the tiles follow the view", what)
	mx, my := mercator(geo.Convert(site.Location, geo.WGS84, geo.GCJ02), z)
	suffix := "/" + strconv.Itoa(z) + "/" + strconv.Itoa(int(mx)) + "/" + strconv.Itoa(int(my)) + ".png"
	a, err := chromedp.Run(ctx, chromedp.Evaluate[alignment](tilePixelJS+`(`+jsString(site.ID)+`, `+jsString(suffix)+`, `+
		strconv.FormatFloat(mx-math.Floor(mx), 'f', -1, 64)+`, `+strconv.FormatFloat(my-math.Floor(my), 'f', -1, 64)+`)`))
	require.NoError(t, err)
	require.GreaterOrEqual(t, a.TX, 0.0, "%s: a tile of zoom %d holds %s", what, z, site.ID)
	assert.InDelta(t, a.TX, a.MX, 2, "%s (tiles %d): marker x on its tile pixel", what, z)
	assert.InDelta(t, a.TY, a.MY, 2, "%s (tiles %d): marker y on its tile pixel", what, z)
	a.TileZoom = z
	return a
}

// loneSite returns the stop of the page's plan farthest from any other
// place of it, whose marker the map draws on its own point.
func loneSite(t *testing.T, cat *heritage.Catalog, ids []string) heritage.Site {
	t.Helper()
	var best heritage.Site
	bestD := -1.0
	for _, a := range ids {
		sa, ok := cat.Get(a)
		require.True(t, ok, a)
		d := math.Inf(1)
		for _, b := range ids {
			if b != a {
				sb, _ := cat.Get(b)
				d = math.Min(d, orbgeo.Distance(sa.Location, sb.Location))
			}
		}
		if d > bestD {
			best, bestD = sa, d
		}
	}
	return best
}

// TestBrowserPages loads /embed and /plan in headless Chromium at a
// phone's and a desktop's size and checks them as a visitor would see
// them: layout (no sideways scroll, text of 12 px, tap targets of 40 px,
// the attribution in view), the movable map (drag and zoom change the
// view and keep a marker on its site's tile pixel), the itinerary and the
// map selecting each other, the planner from form to shared URL, the
// iCalendar download, and no console error or CSP violation. Screenshots
// go to $CHUANZHU_SCREENSHOTS or a temp dir.
func TestBrowserPages(t *testing.T) {
	b := browser(t)
	cat := heritage.Default()
	h := newHandler(cat)
	tiles := &tileServer{cat: cat, datum: geo.GCJ02}
	tileSrv := httptest.NewServer(tiles)
	defer tileSrv.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	dir := screenshotDir(t)

	lines, err := h.lines()
	require.NoError(t, err)
	var line = lines[0]
	for _, l := range lines {
		if l.ID == "jin-culture/jiangxian" {
			line = l
		}
	}
	var ids []string
	for _, s := range line.Sites {
		ids = append(ids, s.ID)
	}
	lone := loneSite(t, cat, ids)
	embedURL := srv.URL + "/embed?line=" + url.QueryEscape(line.ID) + "&tiles=" + url.QueryEscape(tileSrv.URL+"/{z}/{x}/{y}.png") +
		"&tiles_datum=gcj02&tiles_attribution=" + url.QueryEscape("test tiles: rings around the sites, in GCJ-02")

	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			ctx, console := openTab(t, b, vp.width, vp.height, vp.phone, time.Minute)

			t.Run("embed", func(t *testing.T) {
				require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(embedURL), chromedp.WaitVisible(`body[data-ready="true"]`)))
				paint, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime`))
				require.NoError(t, err)
				t.Logf("first contentful paint of %s: %.0f ms after navigation", line.ID, paint)
				waitTiles(t, ctx, tiles)
				checkPage(t, ctx, vp.phone)
				shoot(t, ctx, dir, "embed-"+vp.name, vp.phone && *screenshotsFlag != "", "embed-phone")
				stops, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#itinerary li.stop').length`))
				require.NoError(t, err)
				assert.Equal(t, len(line.Sites), stops, "one list entry per stop")
				checkMovableMap(t, ctx, lone, vp.phone)
				checkSelection(t, ctx)
				checkPrint(t, ctx, dir, vp.name)
				shoot(t, ctx, dir, "embed-"+vp.name+"-selected", false, "")
			})
			t.Run("planner", func(t *testing.T) {
				checkPlanner(t, ctx, srv.URL, vp.phone, dir, vp.name)
			})
			t.Run("hours", func(t *testing.T) {
				checkHoursNotes(t, ctx, srv.URL)
			})
			assert.Empty(t, console.all(), "console errors and CSP violations")
		})
	}
}

// waitTiles waits until the browser fetched every tile image of the page.
func waitTiles(t *testing.T, ctx context.Context, tiles *tileServer) {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#map g.tiles image').length`))
	require.NoError(t, err)
	require.Positive(t, n)
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll('#map g.tiles image')).length > 0`, chromedp.WithPollingTimeout(5*time.Second)))
	require.NoError(t, err)
	deadline := time.Now().Add(10 * time.Second)
	for tiles.hits.Load() < int64(n) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	tiles.hits.Store(0)
}

// checkMovableMap drags and zooms the map and checks that the view
// changed and that site's marker stays on its site's pixel of the tiles.
func checkMovableMap(t *testing.T, ctx context.Context, site heritage.Site, touch bool) {
	t.Helper()
	before := tileAlignment(t, ctx, site, "at load")
	box, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('#map svg').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()`))
	require.NoError(t, err)
	// Drag from a quarter of the map, away from the buttons.
	x, y := box[0]+box[2]*0.3, box[1]+box[3]*0.55
	require.NoError(t, chromedp.Do(ctx,
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, x+20, y+10, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, x+60, y+30, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, x+60, y+30, chromedp.ButtonLeft),
	))
	dragged := tileAlignment(t, ctx, site, "after a drag")
	assert.InDelta(t, before.MX+60, dragged.MX, 3, "the marker moves with the drag")
	assert.InDelta(t, before.MY+30, dragged.MY, 3, "the marker moves with the drag")

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#zoom-in`, chromedp.NodeVisible)))
	zoomed := tileAlignment(t, ctx, site, "after the zoom button")
	assert.Equal(t, "2.000", zoomed.Zoom)
	assert.Equal(t, before.TileZoom+1, zoomed.TileZoom, "zooming in twice as close loads the next zoom's tiles")

	// A wheel turn towards the page zooms in about the pointer, here
	// near the marker so that it stays in view.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#map svg').dispatchEvent(new WheelEvent('wheel', {deltaY: -200, clientX: `+
		strconv.FormatFloat(zoomed.MX+15, 'f', 1, 64)+`, clientY: `+strconv.FormatFloat(zoomed.MY+10, 'f', 1, 64)+`, cancelable: true, bubbles: true}))`))
	require.NoError(t, err)
	wheeled := tileAlignment(t, ctx, site, "after the wheel")
	assert.NotEqual(t, zoomed.Zoom, wheeled.Zoom, "the wheel zooms")
	if touch {
		// Two fingers spread from 40 to 120 px apart about the marker.
		cx, cy := wheeled.MX, wheeled.MY
		require.NoError(t, chromedp.Do(ctx,
			touchEvent(input.DispatchTouchEventTypeTouchStart, [2]float64{cx - 20, cy}, [2]float64{cx + 20, cy}),
			touchEvent(input.DispatchTouchEventTypeTouchMove, [2]float64{cx - 40, cy}, [2]float64{cx + 40, cy}),
			touchEvent(input.DispatchTouchEventTypeTouchMove, [2]float64{cx - 60, cy}, [2]float64{cx + 60, cy}),
			touchEvent(input.DispatchTouchEventTypeTouchEnd),
		))
		pinched := tileAlignment(t, ctx, site, "after a pinch")
		k0, _ := strconv.ParseFloat(wheeled.Zoom, 64)
		k1, _ := strconv.ParseFloat(pinched.Zoom, 64)
		assert.InDelta(t, 3, k1/k0, 0.3, "spreading two fingers threefold zooms about threefold")
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#zoom-reset`, chromedp.NodeVisible)))
	reset := tileAlignment(t, ctx, site, "after reset")
	assert.InDelta(t, before.MX, reset.MX, 1)
}

// touchEvent dispatches a touch event with a finger at each of points.
func touchEvent(typ input.DispatchTouchEventType, points ...[2]float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
		for i, pt := range points {
			id := float64(i + 1)
			p.TouchPoints = append(p.TouchPoints, &input.TouchPoint{X: pt[0], Y: pt[1], ID: &id})
		}
		_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, p)
		return err
	})
}

// checkPrint checks the print layout: no buttons or form, the map and
// every stop's details shown; it saves a screenshot of it.
func checkPrint(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	setMedia := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	require.NoError(t, chromedp.Do(ctx, setMedia("print")))
	defer func() { require.NoError(t, chromedp.Do(ctx, setMedia(""))) }()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[getComputedStyle(document.querySelector('.zoom')).display,
		getComputedStyle(document.querySelector('.downloads')).display,
		String(document.getElementById('map').getBoundingClientRect().height > 200),
		String(Array.from(document.querySelectorAll('#itinerary .details')).every(d => getComputedStyle(d).display !== 'none'))]`))
	require.NoError(t, err)
	assert.Equal(t, []string{"none", "none", "true", "true"}, got, "print: no buttons, the map, every stop's details")
	shoot(t, ctx, dir, "print-"+name, false, "")
}

// checkSelection taps a list entry and a marker and checks that each
// selects the other.
func checkSelection(t *testing.T, ctx context.Context) {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const b = document.querySelectorAll('#itinerary li.stop .entry')[1]; b.scrollIntoView(); b.click(); return document.body.dataset.selected; })()`))
	require.NoError(t, err)
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#map g.stop.selected') || {dataset: {}}).dataset.id || ''`))
	require.NoError(t, err)
	assert.Equal(t, id, marked, "the list entry selects its marker")
	// Back to the whole map, then tap the first stop's marker.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollTo(0, 0), true`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#zoom-reset`, chromedp.NodeVisible)))
	pos, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const g = document.querySelector('#map g.stop[data-role="stop"] circle:not(.hit)'); const r = g.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseClickXY(pos[0], pos[1])))
	sel, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.body.dataset.selected, (document.querySelector('#itinerary li.stop.selected .name') || {}).textContent || '', document.querySelector('#itinerary li.stop.selected .details').hidden ? 'closed' : 'open']`))
	require.NoError(t, err)
	assert.NotEqual(t, id, sel[0], "the tap selected another stop")
	assert.NotEmpty(t, sel[1], "the marker selects its list entry")
	assert.Equal(t, "open", sel[2], "with its details shown")
}

// checkPlanner goes through the planner as a visitor: theme and date,
// submit, the itinerary, the shared URL, the back button and the
// iCalendar download.
func checkPlanner(t *testing.T, ctx context.Context, base string, phone bool, dir, name string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/plan?lang=en"), chromedp.WaitVisible(`#plan-form`)))
	checkPage(t, ctx, phone)
	shoot(t, ctx, dir, "planner-form-"+name, false, "")
	checkFormTools(t, ctx, base)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(`#f-theme`, "jin-culture"),
		chromedp.SetValue(`#f-date`, "2027-05-04"),
		chromedp.Click(`#f-submit`, chromedp.NodeVisible),
		chromedp.WaitVisible(`body[data-ready="true"] #itinerary li.stop`),
	))
	checkPage(t, ctx, phone)
	type result struct {
		URL     string
		Names   []string
		Visited int
		ICS     string
	}
	const readJS = `(() => ({URL: location.href, Names: Array.from(document.querySelectorAll('#itinerary li.stop .name')).map(e => e.textContent),
		Visited: JSON.parse(document.getElementById('chuanzhu-data').textContent).plan.visited,
		ICS: (Array.from(document.querySelectorAll('.downloads a')).find(a => a.textContent === 'ICS') || {href: ''}).href}))()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[result](readJS))
	require.NoError(t, err)
	assert.Contains(t, got.URL, "theme=jin-culture")
	assert.Contains(t, got.URL, "date=2027-05-04")
	assert.NotContains(t, got.URL, "hours=", "empty fields stay out of the URL")
	assert.Positive(t, got.Visited)
	assert.Len(t, got.Names, got.Visited, "the itinerary lists every visit")
	shoot(t, ctx, dir, "planner-"+name, phone && *screenshotsFlag != "", "planner-phone")

	// The URL is the plan: opened again, it shows the same itinerary.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(got.URL), chromedp.WaitVisible(`body[data-ready="true"] #itinerary li.stop`)))
	again, err := chromedp.Run(ctx, chromedp.Evaluate[result](readJS))
	require.NoError(t, err)
	assert.Equal(t, got.Names, again.Names, "the shared URL reproduces the plan")

	// The back button returns to the page before (here: the empty form;
	// opening the same URL again replaced its history entry).
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`history.back(), true`))
	require.NoError(t, err)
	// The page changes under the evaluation: ask again until it settles.
	var back string
	for deadline := time.Now().Add(10 * time.Second); back != "?lang=en" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		back, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('plan-form') && document.readyState === 'complete' ? location.search : ''`))
	}
	assert.Equal(t, "?lang=en", back)

	// The iCalendar download parses, one event per visit.
	require.NotEmpty(t, got.ICS)
	resp, err := http.Get(got.ICS)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Equal(t, "text/calendar; charset=utf-8", resp.Header.Get("Content-Type"))
	cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
	require.NoError(t, err)
	assert.Len(t, cal.Events(), got.Visited)
}

// checkFormTools checks the planner form's site search (Chinese or
// English) and "my location", which asks the browser for the position
// only when tapped and makes it the start.
func checkFormTools(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	for query, want := range map[string]string{"duke wen": "jiangxian/jin-wengong-tomb", "晋文公": "jiangxian/jin-wengong-tomb"} {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const s = document.getElementById('f-search'); s.value = `+jsString(query)+`;
			s.dispatchEvent(new Event('input')); const v = Array.from(document.querySelectorAll('#f-sites label')).filter(l => !l.hidden).map(l => l.querySelector('input').value);
			s.value = ''; s.dispatchEvent(new Event('input')); return v; })()`))
		require.NoError(t, err)
		assert.Equal(t, []string{want}, got, "search %q", query)
	}
	lat, lon, accuracy := 35.49, 111.57, 20.0 // degrees, degrees, metres
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		b := chromedp.FromContext(ctx).Browser
		if _, err := cdp.Call(ctx, b, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: "geolocation"}, Setting: cdpbrowser.PermissionSettingGranted, Origin: base}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lon, Accuracy: &accuracy})
		return err
	})))
	start, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('f-start').value`))
	require.NoError(t, err)
	assert.Empty(t, start, "no location before the tap")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#f-here`, chromedp.NodeVisible)))
	start, err = chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById('f-start').value || null`, chromedp.WithPollingTimeout(5*time.Second)))
	require.NoError(t, err)
	assert.Equal(t, "111.57000,35.49000", start, "the tap makes the visitor's position (lon,lat) the start")
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('f-start').value = '', true`))
	require.NoError(t, err)
}

// shoot saves a screenshot of the tab as name.png in dir and, when
// readme is set, as readmeName.png in the -screenshots directory.
func shoot(t *testing.T, ctx context.Context, dir, name string, readme bool, readmeName string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	assert.Greater(t, distinctColours(img), 8, "the screenshot is not blank")
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644))
	if readme {
		require.NoError(t, os.MkdirAll(*screenshotsFlag, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(*screenshotsFlag, readmeName+".png"), shot, 0o644))
	}
}

// jsString writes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// checkHoursNotes plans over sites with official, reported and unknown
// hours: only the stop whose hours nobody confirmed is marked, with the
// plan's own note in the page's language.
func checkHoursNotes(t *testing.T, ctx context.Context, base string) {
	const official, reported, unknown = "quwo/jinguo-museum", "xinjiang/jiangshou-garden", "jiangxian/taiyin-temple"
	u := base + "/embed?lang=en&date=2027-05-04&sites=" + url.QueryEscape(official+","+reported+","+unknown)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(`body[data-ready="true"] #itinerary li.stop`)))
	type stop struct{ ID, Warn, Text string }
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]stop](`(() => {
		const byName = {};
		JSON.parse(document.getElementById('chuanzhu-data').textContent).stops.forEach(s => { byName[s.name] = s.id; });
		return Array.from(document.querySelectorAll('#itinerary li.stop')).map(li => ({
			ID: byName[li.querySelector('.name').textContent] || '',
			Warn: Array.from(li.querySelectorAll(':scope > p.warn')).map(p => p.textContent).join('|'),
			Text: li.textContent}));
	})()`))
	require.NoError(t, err)
	require.Len(t, got, 3, "every site is visited")
	for _, s := range got {
		assert.NotContains(t, s.Text, "[object", s.ID)
		if s.ID == unknown {
			assert.Equal(t, "Opening hours not confirmed: call ahead", s.Warn, s.ID)
		} else {
			assert.Empty(t, s.Warn, s.ID+": its hours are %s", map[string]string{official: "official", reported: "reported"}[s.ID])
		}
	}
}
