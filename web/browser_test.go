package web

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// findChromium returns the Chromium to drive: $CHROMIUM, else Debian's
// /usr/bin/chromium, else a chromium on PATH; "" when there is none.
func findChromium() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// screenshotDir is where the browser test writes its screenshots:
// $CHUANZHU_SCREENSHOTS when set (to look at them), else a test temp dir.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("CHUANZHU_SCREENSHOTS"); d != "" {
		require.NoError(t, os.MkdirAll(d, 0o755))
		return d
	}
	return t.TempDir()
}

// tileServer serves test map tiles: a pale grid with a blue ring around
// each site of cat, drawn in the tiles' datum, so that a screenshot shows
// whether the route's markers sit in their rings.
type tileServer struct {
	cat   *heritage.Catalog
	datum geo.Datum
	hits  atomic.Int64
}

func (ts *tileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".png"), "/")
	if len(parts) != 3 {
		http.NotFound(w, r)
		return
	}
	z, err1 := strconv.Atoi(parts[0])
	x, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		http.NotFound(w, r)
		return
	}
	ts.hits.Add(1)
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	paper, grid, ring := color.RGBA{0xE4, 0xEC, 0xF2, 0xFF}, color.RGBA{0xB8, 0xC6, 0xD2, 0xFF}, color.RGBA{0x1F, 0x5F, 0xC0, 0xFF}
	for py := range 256 {
		for px := range 256 {
			c := paper
			if px%64 == 0 || py%64 == 0 {
				c = grid
			}
			img.Set(px, py, c)
		}
	}
	for _, s := range ts.cat.Sites() {
		mx, my := mercator(geo.Convert(s.Location, geo.WGS84, ts.datum), z)
		cx, cy := (mx-float64(x))*256, (my-float64(y))*256
		for py := range 256 {
			for px := range 256 {
				if d := math.Hypot(float64(px)-cx, float64(py)-cy); d >= 19 && d <= 23 {
					img.Set(px, py, ring)
				}
			}
		}
	}
	w.Header().Set("Content-Type", "image/png")
	_ = png.Encode(w, img)
}

// consoleLog collects the page's console errors, exceptions and browser
// log errors.
type consoleLog struct {
	mu     sync.Mutex
	errors []string
}

func (c *consoleLog) listen(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			c.errors = append(c.errors, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		msg := ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
		c.errors = append(c.errors, "exception: "+msg)
	case *log.EventEntryAdded:
		e := ev.Entry
		// Chromium asks every page's server for /favicon.ico; the
		// handler's JSON 404 for it is not an error of the page.
		if (e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning) && !strings.HasSuffix(e.URL, "/favicon.ico") {
			c.errors = append(c.errors, fmt.Sprintf("log %s (%s): %s %s", e.Level, e.Source, e.Text, e.URL))
		}
	}
}

func (c *consoleLog) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errors...)
}

// TestBrowserEmbed loads /embed in headless Chromium and checks, as a
// visitor would see it, that the map shows every stop, that hovering and
// clicking a stop show its name and details, that the page logs no error
// (a CSP violation would be one), and that it renders to a screenshot.
func TestBrowserEmbed(t *testing.T) {
	path := findChromium()
	if path == "" {
		const msg = "no Chromium found (/usr/bin/chromium or $CHROMIUM): .ci/install-chromium installs Debian's chromium"
		if os.Getenv("CHUANZHU_REQUIRE_BROWSER") != "" {
			t.Fatal(msg + ", and CHUANZHU_REQUIRE_BROWSER is set")
		}
		t.Skip(msg)
	}
	cat := heritage.Default()
	h := newHandler(cat)
	lines, err := h.lines()
	require.NoError(t, err)
	require.NotEmpty(t, lines)
	line := lines[0]

	tiles := &tileServer{cat: cat, datum: geo.GCJ02}
	tileSrv := httptest.NewServer(tiles)
	defer tileSrv.Close()
	srv := httptest.NewServer(h) // listens on 127.0.0.1
	defer srv.Close()
	dir := screenshotDir(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 820))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	// Bound the whole test: a hung browser fails it rather than CI.
	watchdog := time.AfterFunc(2*time.Minute, cancelBrowser)
	defer watchdog.Stop()
	require.NoError(t, chromedp.Do(browser), "starting %s", path)

	tests := []struct {
		name      string
		query     string
		wantStops int // 0: as many as the page's plan visits
		wantTiles bool
	}{
		{name: "line", query: "line=" + url.QueryEscape(line.ID), wantStops: len(line.Sites)},
		{name: "sites-gcj02-tiles", query: "sites=" + strings.Join(tenSites(), ",") + "&date=2027-05-04&hours=10&lang=en" +
			"&tiles=" + url.QueryEscape(tileSrv.URL+"/{z}/{x}/{y}.png") + "&tiles_datum=gcj02&tiles_attribution=" + url.QueryEscape("test tiles, rings around the sites in GCJ-02"),
			wantTiles: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, cancelTab := chromedp.NewContext(browser)
			defer cancelTab()
			var console consoleLog
			require.NoError(t, chromedp.Listen(tab, console.listen))
			tiles.hits.Store(0)

			step, cancelStep := context.WithTimeout(tab, time.Minute)
			defer cancelStep()
			require.NoError(t, chromedp.Do(step,
				chromedp.Navigate(srv.URL+"/embed?"+tc.query),
				chromedp.WaitVisible(`body[data-ready="true"]`),
			))

			// The map shows every stop: as many visit markers as the plan
			// has visits, each drawn inside the picture.
			type markerBox struct {
				ID, Name    string
				X, Y, W, H  float64
				Inside      bool
				Interactive bool
			}
			markers, err := chromedp.Run(step, chromedp.Evaluate[[]markerBox](`(() => {
				const svg = document.querySelector('#map svg').getBoundingClientRect();
				return Array.from(document.querySelectorAll('#map svg g.stop[data-role="stop"]')).map(g => {
					const r = g.getBoundingClientRect();
					return {ID: g.dataset.id, Name: g.getAttribute('aria-label') || '', X: r.x, Y: r.y, W: r.width, H: r.height,
						Inside: r.width > 0 && r.height > 0 && r.left >= svg.left && r.right <= svg.right && r.top >= svg.top && r.bottom <= svg.bottom,
						Interactive: g.classList.contains('interactive')};
				});
			})()`))
			require.NoError(t, err)
			visits, err := chromedp.Run(step, chromedp.Evaluate[int](`JSON.parse(document.getElementById('chuanzhu-data').textContent).visits`))
			require.NoError(t, err)
			want := tc.wantStops
			if want == 0 {
				want = visits
				assert.Greater(t, want, 5, "a 10-hour day visits most of the ten sites")
			}
			require.Len(t, markers, want, "stop markers in the DOM")
			assert.Equal(t, want, visits)
			for _, m := range markers {
				assert.True(t, m.Inside, "marker %s is drawn inside the map", m.ID)
				assert.True(t, m.Interactive, "marker %s has the script's handlers", m.ID)
				assert.NotEmpty(t, m.Name)
			}

			// Hover shows the name and note; a click shows the details.
			first := markers[0]
			x, y := first.X+first.W/2, first.Y+first.H/2
			require.NoError(t, chromedp.Do(step,
				chromedp.MouseEvent(chromedp.MouseMoved, x, y),
				chromedp.WaitVisible(`#tip`),
			))
			tip, err := chromedp.Run(step, chromedp.Text(`#tip`))
			require.NoError(t, err)
			assert.Contains(t, tip, first.Name)
			note, err := chromedp.Run(step, chromedp.Evaluate[string](`document.querySelector('#tip span') ? document.querySelector('#tip span').textContent : ''`))
			require.NoError(t, err)
			assert.NotEmpty(t, note, "the tooltip shows the site's note")

			require.NoError(t, chromedp.Do(step,
				chromedp.MouseClickXY(x, y),
				chromedp.WaitVisible(`#panel`),
			))
			panel, err := chromedp.Run(step, chromedp.Text(`#panel`))
			require.NoError(t, err)
			assert.Contains(t, panel, first.Name)
			panelID, err := chromedp.Run(step, chromedp.Evaluate[string](`document.getElementById('panel').dataset.id`))
			require.NoError(t, err)
			assert.Equal(t, first.ID, panelID)

			if tc.wantTiles {
				images, err := chromedp.Run(step, chromedp.Evaluate[int](`document.querySelectorAll('#map svg g.tiles image').length`))
				require.NoError(t, err)
				require.Positive(t, images)
				// Give the tile images a moment to arrive, then check the
				// browser fetched every one (the CSP let them through).
				_, err = chromedp.Run(step, chromedp.Poll[bool](`true`, chromedp.WithPollingTimeout(time.Second)))
				require.NoError(t, err)
				deadline := time.Now().Add(10 * time.Second)
				for tiles.hits.Load() < int64(images) && time.Now().Before(deadline) {
					time.Sleep(50 * time.Millisecond)
				}
				assert.Equal(t, int64(images), tiles.hits.Load(), "tile requests")
			}

			shot, err := chromedp.Run(step, chromedp.CaptureScreenshot())
			require.NoError(t, err)
			require.NotEmpty(t, shot)
			img, err := png.Decode(bytes.NewReader(shot))
			require.NoError(t, err, "the screenshot is a PNG")
			b := img.Bounds()
			assert.True(t, b.Dx() >= 600 && b.Dx() <= 4000 && b.Dy() >= 400 && b.Dy() <= 4000, "screenshot size %v", b)
			assert.Greater(t, distinctColours(img), 8, "the screenshot is not blank")
			file := filepath.Join(dir, "embed-"+tc.name+".png")
			require.NoError(t, os.WriteFile(file, shot, 0o644))
			t.Logf("screenshot: %s (%dx%d)", file, b.Dx(), b.Dy())

			assert.Empty(t, console.all(), "console errors")
		})
	}
}

// distinctColours counts the colours of a sample of img's pixels.
func distinctColours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}
