package web

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
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
