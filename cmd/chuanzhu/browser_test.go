package main

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// skipOrFail skips the test, or fails it when CHUANZHU_REQUIRE_BROWSER is
// set (as .ci/run does), so that CI never silently skips the browser test.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CHUANZHU_REQUIRE_BROWSER") != "" {
		t.Fatal(msg + ", and CHUANZHU_REQUIRE_BROWSER is set")
	}
	t.Skip(msg)
}

// TestBrowserServeEmbed does what a user does: builds the chuanzhu binary,
// runs "chuanzhu serve -addr 127.0.0.1:0", opens /embed for the first
// themed line in headless Chromium, checks that the map draws every stop
// of the line without a console error and renders to a screenshot, then
// stops the server with SIGINT and expects a clean exit.
func TestBrowserServeEmbed(t *testing.T) {
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("/usr/bin/chromium")
	}
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	if chromium == "" {
		skipOrFail(t, "no Chromium found (/usr/bin/chromium, chromium on PATH or $CHROMIUM): .ci/install-chromium installs Debian's chromium")
	}
	goTool, err := exec.LookPath("go") // go test puts its own GOROOT/bin first on PATH
	if err != nil {
		skipOrFail(t, "no go command to build chuanzhu with: "+err.Error())
	}
	bin := filepath.Join(t.TempDir(), "chuanzhu")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	var stderr syncBuffer
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	exited, stopped := make(chan error, 1), false
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { // a failed test must not leave the server running
		if !stopped {
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	var base string
	for deadline := time.Now().Add(15 * time.Second); base == ""; time.Sleep(20 * time.Millisecond) {
		select {
		case err := <-exited:
			stopped = true
			t.Fatalf("chuanzhu serve exited early (%v): %s", err, stderr.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "no address on stderr: %s", stderr.String())
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
	}

	// The first themed line, as a website would fetch it.
	resp, err := http.Get(base + "/api/lines")
	require.NoError(t, err)
	var body bytes.Buffer
	_, err = body.ReadFrom(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, body.String())
	var lines struct {
		Lines []struct {
			ID    string `json:"id"`
			Sites []struct {
				ID string `json:"id"`
			} `json:"sites"`
		} `json:"lines"`
	}
	require.NoError(t, jsonUnmarshal(body.String(), &lines))
	require.NotEmpty(t, lines.Lines)
	line := lines.Lines[0]
	require.NotEmpty(t, line.Sites)
	var wantIDs []string
	for _, s := range line.Sites {
		wantIDs = append(wantIDs, s.ID)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 820))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(tab, 25*time.Second) // a hung browser fails the test
	defer cancel()

	var mu sync.Mutex
	var problems []string
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeAssert {
				msg := "console." + string(ev.Type) + ":"
				for _, a := range ev.Args {
					msg += " " + string(a.Value) + a.Description
				}
				problems = append(problems, msg)
			}
		case *cdpruntime.EventExceptionThrown:
			msg := "exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			problems = append(problems, msg)
		case *log.EventEntryAdded: // CSP violations, failed loads; /favicon.ico is the browser's own ask
			if ev.Entry.Level == log.EntryLevelError && !strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	}))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/embed?line="+url.QueryEscape(line.ID)),
		chromedp.WaitVisible(`body:not([data-ready="false"])`),
	), "loading /embed: %s", stderr.String())
	ready, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.ready`))
	require.NoError(t, err)
	assert.Equal(t, "true", ready, "the page's script wired every stop")
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('#map svg g.stop[data-role="stop"]')).filter(g => {
			const r = g.getBoundingClientRect(); return r.width > 0 && r.height > 0;
		}).map(g => g.dataset.id)`))
	require.NoError(t, err)
	assert.ElementsMatch(t, wantIDs, ids, "every stop of line %s is drawn", line.ID)

	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err, "the screenshot is a PNG")
	b := img.Bounds()
	assert.True(t, b.Dx() >= 600 && b.Dx() <= 4000 && b.Dy() >= 400 && b.Dy() <= 4000, "screenshot size %v", b)
	if dir := os.Getenv("CHUANZHU_SCREENSHOTS"); dir != "" {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "serve-embed-line.png"), shot, 0o644))
	}
	mu.Lock()
	assert.Empty(t, problems, "console errors")
	mu.Unlock()

	// SIGINT, as Ctrl-C would send it: a graceful shutdown, exit status 0.
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	select {
	case err := <-exited:
		stopped = true
		require.NoError(t, err, "chuanzhu serve's exit status: %s", stderr.String())
	case <-time.After(15 * time.Second):
		t.Fatalf("chuanzhu serve did not stop on SIGINT: %s", stderr.String())
	}
	assert.Contains(t, stderr.String(), "chuanzhu serve: stopped")
}
