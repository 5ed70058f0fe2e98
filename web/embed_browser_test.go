package web

import (
	"context"
	"image"
	"image/png"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// TestBrowserEmbed checks the embed page in headless Chromium, at a
// phone's and a desktop's size, for what TestBrowserPages leaves out: the
// honest plans (a plan through coarse places shows its ranges, what to
// ask for at each place and the unconfirmed hours; a plan of precise
// places shows no range), the map's limits (it zooms out no further than
// the whole map, and cannot be dragged away from the route), labels
// legible and apart at every zoom, and the A4 print (Page.printToPDF,
// rendered with pdftoppm when installed). Screenshots and the PDFs go to
// $CHUANZHU_SCREENSHOTS or a temp dir.
func TestBrowserEmbed(t *testing.T) {
	b := browser(t)
	cat := heritage.Default()
	h := newHandler(cat)
	srv := httptest.NewServer(h)
	defer srv.Close()
	tiles := &tileServer{cat: cat, datum: geo.GCJ02}
	tileSrv := httptest.NewServer(tiles)
	defer tileSrv.Close()
	dir := screenshotDir(t)
	line, err := h.line("jin-culture/jiangxian")
	require.NoError(t, err)
	var ids []string
	for _, s := range line.Sites {
		ids = append(ids, s.ID)
	}
	lone := loneSite(t, cat, ids)
	for _, vp := range viewports[:2] {
		t.Run(vp.name, func(t *testing.T) {
			ctx, console := openTab(t, b, vp.width, vp.height, vp.phone, 90*time.Second)
			open := func(query string) {
				t.Helper()
				require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/embed?"+query), chromedp.WaitVisible(`body[data-ready="true"]`)))
			}

			t.Run("coarse", func(t *testing.T) {
				open("lang=en&date=2027-05-04&start=anchor/jiangxian-county-seat&sites=" + url.QueryEscape(coarseSites))
				checkPage(t, ctx, vp.phone)
				checkHonest(t, ctx, true)
				shoot(t, ctx, dir, "embed-coarse-"+vp.name, false, "")
			})
			t.Run("precise", func(t *testing.T) {
				open("lang=en&date=2027-05-04&start=" + preciseStart + "&sites=" + url.QueryEscape(preciseSites))
				checkPage(t, ctx, vp.phone)
				checkHonest(t, ctx, false)
				shoot(t, ctx, dir, "embed-precise-"+vp.name, false, "")
			})
			t.Run("limits", func(t *testing.T) {
				open("lang=en&line=jin-culture/jiangxian")
				checkLimits(t, ctx, dir, vp.name)
			})
			t.Run("tiles", func(t *testing.T) {
				open("lang=en&line=jin-culture/jiangxian&tiles_datum=gcj02&tiles=" + url.QueryEscape(tileSrv.URL+"/{z}/{x}/{y}.png"))
				checkTilesZoomed(t, ctx, lone, dir, vp.name)
			})
			t.Run("print", func(t *testing.T) {
				open("lang=en&date=2027-05-04&line=jin-culture/jiangxian")
				checkPrinted(t, ctx, dir, "print-embed-"+vp.name)
			})
			assert.Empty(t, console.all(), "console errors and CSP violations")
		})
	}
}

// honestList is what the itinerary of the page shows about precision.
type honestList struct {
	Stops         int
	Legs, Approx  []string // every leg's words; the visible location advice
	Hours         []string // the visible hours marks
	Legend        string   // the halos' legend
	Halos         int      // precision halos on the map
	HiddenWarning int      // location advice or hours marks not shown
}

const honestJS = `(() => {
	const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
	const texts = sel => Array.from(document.querySelectorAll(sel)).filter(shown).map(e => e.textContent);
	const all = Array.from(document.querySelectorAll('#itinerary li.stop > p.approx, #itinerary li.stop > p.warn'));
	return {
		Stops: document.querySelectorAll('#itinerary li.stop').length,
		Legs: texts('#itinerary li.leg'),
		Approx: texts('#itinerary li.stop > p.approx'),
		Hours: texts('#itinerary li.stop > p.warn'),
		Legend: (document.querySelector('#itinerary .legend') || {textContent: ''}).textContent,
		Halos: document.querySelectorAll('#map svg circle[data-id][fill-opacity]').length,
		HiddenWarning: all.filter(e => !shown(e)).length,
	};
})()`

// rangeRE matches a leg's time range: "about 20–45 min", "about 50 min –
// 1 h 20 min", "up to 12 min".
var rangeRE = regexp.MustCompile(`^↓ (about \d+(–\d+ min| min – \d+ h)|up to \d+ (min|h))`)

// checkHonest reads the itinerary of a plan of the honest-plans sites
// (embed_test.go): coarse ones, or precise ones.
func checkHonest(t *testing.T, ctx context.Context, coarse bool) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[honestList](honestJS))
	require.NoError(t, err)
	stops := len(strings.Split(preciseSites, ","))
	if coarse {
		stops = len(strings.Split(coarseSites, ","))
	}
	require.Equal(t, stops, got.Stops, "every site is visited")
	require.Len(t, got.Legs, stops+1, "the legs there and back")
	assert.Zero(t, got.HiddenWarning, "the warnings show without a tap")
	// Every site of both plans has hours nobody confirmed.
	assert.Len(t, got.Hours, stops)
	for _, h := range got.Hours {
		assert.Equal(t, "Opening hours not confirmed: call ahead", h)
	}
	if !coarse {
		assert.Empty(t, got.Approx, "no location advice for precise places")
		assert.Empty(t, got.Legend)
		assert.Zero(t, got.Halos)
		for _, lg := range got.Legs {
			assert.Regexp(t, `^↓ \d+ (h|min)( \d+ min)? · [\d.]+ k?m$`, lg, "one time and one distance")
		}
		return
	}
	assert.NotEmpty(t, got.Legend)
	assert.GreaterOrEqual(t, got.Halos, stops, "a halo around each rough place")
	require.Len(t, got.Approx, stops)
	for _, a := range got.Approx {
		assert.Regexp(t, `^Location known only to within [\d.]+ km: ask for 山西省运城市绛县`, a)
	}
	ranges := 0
	for _, lg := range got.Legs {
		assert.Contains(t, lg, "straight-line estimate")
		if rangeRE.MatchString(lg) {
			ranges++
		}
	}
	assert.GreaterOrEqual(t, ranges, stops, "legs to rough places show a time range")
}

// mapState is what the map shows: its zoom, where its markers are and
// how its labels read.
type mapState struct {
	Zoom            string
	Markers, InView int     // markers, and those whose centre is in the map
	Spread          float64 // the markers' extent against the map's, the larger of width and height
	Labels          int     // labels shown
	LabelPx         float64 // the smallest shown label's font size on the screen
	Overlaps        []string
	Outside         []string // shown labels reaching outside the map
}

const mapStateJS = `(() => {
	const svg = document.querySelector('#map svg'), m = document.getElementById('map').getBoundingClientRect();
	const centres = Array.from(svg.querySelectorAll('g.stop')).map(g => {
		const r = g.querySelector('circle:not(.hit), rect').getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2];
	});
	const xs = centres.map(c => c[0]), ys = centres.map(c => c[1]);
	const out = {Zoom: svg.dataset.zoom, Markers: centres.length, LabelPx: 1e9, Overlaps: [], Outside: [],
		InView: centres.filter(c => c[0] >= m.left && c[0] <= m.right && c[1] >= m.top && c[1] <= m.bottom).length,
		Spread: Math.max((Math.max(...xs) - Math.min(...xs)) / m.width, (Math.max(...ys) - Math.min(...ys)) / m.height)};
	const shown = Array.from(svg.querySelectorAll('g.labels text')).filter(t => getComputedStyle(t).display !== 'none');
	out.Labels = shown.length;
	const boxes = shown.map(t => [t, t.getBoundingClientRect()]);
	for (const [t, r] of boxes) {
		out.LabelPx = Math.min(out.LabelPx, parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
		if (r.left < m.left - 0.5 || r.right > m.right + 0.5 || r.top < m.top - 0.5 || r.bottom > m.bottom + 0.5) { out.Outside.push(t.textContent); }
	}
	boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, o]) => {
		if (r.left < o.right - 1 && r.right > o.left + 1 && r.top < o.bottom - 1 && r.bottom > o.top + 1) { out.Overlaps.push(a.textContent + ' / ' + b.textContent); }
	}));
	return out;
})()`

// checkLimits zooms the map out and in and drags it far away, and checks
// that it stays a map of the route with legible labels.
func checkLimits(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	state := func(what string) mapState {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[mapState](mapStateJS))
		require.NoError(t, err)
		assert.Positive(t, s.InView, "%s: a marker in view", what)
		assert.Positive(t, s.Labels, "%s: some label shown", what)
		assert.GreaterOrEqual(t, s.LabelPx, 12.0, "%s: labels of 12 px or more", what)
		assert.Empty(t, s.Overlaps, "%s: labels apart", what)
		assert.Empty(t, s.Outside, "%s: labels inside the map", what)
		return s
	}
	box, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('#map svg').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()`))
	require.NoError(t, err)
	cx, cy := box[0]+box[2]*0.4, box[1]+box[3]*0.6
	wheel := func(deltaY float64) {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#map svg').dispatchEvent(new WheelEvent('wheel', {deltaY: `+
			strconv.FormatFloat(deltaY, 'f', 0, 64)+`, clientX: `+strconv.FormatFloat(cx, 'f', 1, 64)+`, clientY: `+strconv.FormatFloat(cy, 'f', 1, 64)+`, cancelable: true, bubbles: true}))`))
		require.NoError(t, err)
	}
	drag := func(dx, dy float64) {
		actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, cx, cy, chromedp.ButtonLeft)}
		for i := 1; i <= 10; i++ {
			f := float64(i) / 10
			actions = append(actions, chromedp.MouseEvent(chromedp.MouseMoved, cx+dx*f, cy+dy*f, chromedp.ButtonLeft))
		}
		actions = append(actions, chromedp.MouseEvent(chromedp.MouseReleased, cx+dx, cy+dy, chromedp.ButtonLeft))
		require.NoError(t, chromedp.Do(ctx, actions...))
	}
	whole := state("at load")
	assert.Equal(t, "1.000", whole.Zoom)
	for range 10 {
		wheel(500)
	}
	out := state("zoomed out")
	assert.Equal(t, "1.000", out.Zoom, "the map zooms out no further than the whole map")
	assert.Equal(t, out.Markers, out.InView, "the whole route in view")
	assert.Greater(t, out.Spread, 0.3, "the route is not shrunk to a dot")
	for _, d := range [][2]float64{{3000, 2000}, {-6000, -4000}} {
		drag(d[0], d[1])
		state("dragged away")
	}
	shoot(t, ctx, dir, "embed-dragged-"+name, false, "")
	// Zoom in on each stop in turn (the list entry centres the map on it
	// at zoom 2, the button doubles the zoom about the centre).
	for i, clicks := range []int{1, 3, 5} {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.getElementById('zoom-reset').click();
			document.querySelectorAll('#itinerary li.stop .entry')[`+strconv.Itoa(i)+`].click(); window.scrollTo(0, 0); return true; })()`))
		require.NoError(t, err)
		for range clicks - 1 {
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#zoom-in`, chromedp.NodeVisible)))
		}
		s := state("zoom " + strconv.Itoa(1<<clicks))
		assert.Equal(t, strconv.Itoa(1<<clicks)+".000", s.Zoom)
	}
	for range 5 {
		wheel(-500)
	}
	assert.Equal(t, "32.000", state("zoomed in further").Zoom, "zoom stops at 32")
	drag(4000, 3000)
	state("zoomed in and dragged away")
	shoot(t, ctx, dir, "embed-zoom32-"+name, false, "")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#zoom-reset`, chromedp.NodeVisible)))
}

// checkTilesZoomed selects site in the list (the map centres on it),
// zooms in to the closest zoom step by step and checks at each that the
// marker sits on its site's pixel of the GCJ-02 tiles.
func checkTilesZoomed(t *testing.T, ctx context.Context, site heritage.Site, dir, name string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = Array.from(document.querySelectorAll('#itinerary li.stop')).find(li => JSON.parse(document.getElementById('chuanzhu-data').textContent).stops.some(s => s.id === `+jsString(site.ID)+` && s.name === li.querySelector('.name').textContent)); e.querySelector('.entry').click(); window.scrollTo(0, 0); return true; })()`))
	require.NoError(t, err)
	for k := 2; ; k *= 2 {
		a := tileAlignment(t, ctx, site, "zoom "+strconv.Itoa(k))
		require.Equal(t, strconv.Itoa(k)+".000", a.Zoom)
		if k == 32 {
			shoot(t, ctx, dir, "embed-tiles32-"+name, false, "")
			return
		}
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(`#zoom-in`, chromedp.NodeVisible)))
	}
}

// checkPrinted prints the page to an A4 PDF and checks that the printed
// map's labels and markers are of a legible size: the labels' words, as
// pdftotext reads them, at least 9 pt tall, and the markers, on the page
// rendered by pdftoppm, at least 4 mm across. The map's view on the screen
// is restored after printing.
func checkPrinted(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	var before string
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('zoom-in').click(), true`))
	require.NoError(t, err)
	before, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#map svg').dataset.zoom`))
	require.NoError(t, err)
	pdf := printPDF(t, ctx, dir, name)
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#map svg').dataset.zoom`))
	require.NoError(t, err)
	assert.Equal(t, before, after, "the screen's view after printing")
	const dpi = 150
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("no pdftoppm (Debian's poppler-utils): the printed page is not measured")
	}
	pngPath := filepath.Join(dir, name)
	run(t, ctx, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, pngPath)
	discs := markerDiscs(t, pngPath+".png", dpi)
	assert.GreaterOrEqual(t, len(discs), 5, "the line's five stops on the printed map, at least 4 mm across: %v mm", discs)

	words := filepath.Join(dir, name+"-words.html")
	run(t, ctx, "pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, words)
	b, err := os.ReadFile(words)
	require.NoError(t, err)
	// The labels' first words; each is drawn twice (its white halo, then
	// the text): the smaller box is the text's.
	heights := map[string]float64{}
	wordRE := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(Tomb|Claimed|Chexiang)</word>`)
	for _, m := range wordRE.FindAllStringSubmatch(string(b), -1) {
		y0, _ := strconv.ParseFloat(m[2], 64)
		y1, _ := strconv.ParseFloat(m[3], 64)
		if y0 < 150/25.4*72 { // on the map, above the itinerary
			key := m[4] + "@" + m[1]
			if h, ok := heights[key]; !ok || y1-y0 < h {
				heights[key] = y1 - y0
			}
		}
	}
	require.NotEmpty(t, heights, "labels on the printed map")
	for k, h := range heights {
		assert.GreaterOrEqual(t, h, 9.0, "%s: label height in pt", k)
	}
	t.Logf("%s: printed marker discs %v mm; label words %v pt tall", name, discs, heights)
}

// printPDF prints the tab to an A4 PDF, dir/name.pdf, and returns its
// path.
func printPDF(t *testing.T, ctx context.Context, dir, name string) string {
	t.Helper()
	var pdf []byte
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 210 / 25.4, PaperHeight: 297 / 25.4, PreferCSSPageSize: new(true)})
		pdf = res.Data
		return err
	})))
	path := filepath.Join(dir, name+".pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	return path
}

// run runs a command, failing the test with its output.
func run(t *testing.T, ctx context.Context, name string, args ...string) {
	t.Helper()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	require.NoError(t, err, "%s: %s", name, out)
}

// markerDiscs finds the stop markers on a printed page rendered at dpi:
// blobs of the markers' red (#CC3311) about as tall as wide and filling
// most of their box (not the thin route lines), in the top 150 mm (the
// map; the itinerary's numbers are below it). It returns their diameters
// in mm, those of 4 mm or more.
func markerDiscs(t *testing.T, path string, dpi float64) []float64 {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	bounds := img.Bounds()
	h := min(bounds.Dy(), int(150/25.4*dpi))
	red := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return r>>8 > 170 && g>>8 < 90 && b>>8 < 80
	}
	seen := make([]bool, bounds.Dx()*h)
	var out []float64
	for y := range h {
		for x := range bounds.Dx() {
			if seen[y*bounds.Dx()+x] || !red(x, y) {
				continue
			}
			r, n := fill(bounds.Dx(), h, x, y, seen, red)
			w, ht := r.Dx(), r.Dy()
			if d := float64(max(w, ht)) / dpi * 25.4; d >= 4 && abs(w-ht) <= 3 && float64(n) > 0.5*float64(w*ht) {
				out = append(out, float64(int(d*10))/10)
			}
		}
	}
	return out
}

// fill marks the blob of pixels where in is true that holds (x, y) in a
// w×h image, and returns its bounds and size.
func fill(w, h, x, y int, seen []bool, in func(x, y int) bool) (image.Rectangle, int) {
	r := image.Rect(x, y, x+1, y+1)
	n := 0
	stack := [][2]int{{x, y}}
	seen[y*w+x] = true
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n++
		r = r.Union(image.Rect(p[0], p[1], p[0]+1, p[1]+1))
		for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
			q := [2]int{p[0] + d[0], p[1] + d[1]}
			if q[0] >= 0 && q[1] >= 0 && q[0] < w && q[1] < h && !seen[q[1]*w+q[0]] && in(q[0], q[1]) {
				seen[q[1]*w+q[0]] = true
				stack = append(stack, q)
			}
		}
	}
	return r, n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
