package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// renamed returns the embedded catalog with suffix added to every English
// name: the same IDs, other content.
func renamed(t testing.TB, suffix string) *heritage.Catalog {
	t.Helper()
	sites := heritage.Default().Sites()
	for i := range sites {
		sites[i] = sites[i].Clone()
		sites[i].Name.En += suffix
	}
	cat, err := heritage.NewCatalog(sites)
	require.NoError(t, err)
	return cat
}

// badCatalogs are catalog files with the errors a site operator makes.
func badCatalogs(t testing.TB) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, heritage.Default().WriteGeoJSON(&buf))
	good := buf.Bytes()
	edit := func(f func(features []map[string]any) []map[string]any) []byte {
		var fc map[string]any
		require.NoError(t, json.Unmarshal(good, &fc))
		var fs []map[string]any
		for _, x := range fc["features"].([]any) {
			fs = append(fs, x.(map[string]any))
		}
		fc["features"] = f(fs)
		b, err := json.Marshal(fc)
		require.NoError(t, err)
		return b
	}
	return map[string][]byte{
		"truncated JSON": good[:len(good)/2],
		"duplicate ID": edit(func(fs []map[string]any) []map[string]any {
			return append(fs, fs[3])
		}),
		"bad coordinate": edit(func(fs []map[string]any) []map[string]any {
			fs[5]["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{211.5, 35.5}}
			return fs
		}),
	}
}

func getETag(t testing.TB, h http.Handler, target string) (etag string, body string) {
	t.Helper()
	w := call(t, h, http.MethodGet, target, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	return w.Header().Get("ETag"), w.Body.String()
}

func TestSetCatalog(t *testing.T) {
	h := NewHandler(heritage.Default())
	tag1, body1 := getETag(t, h, "/api/sites")
	siteTag1, _ := getETag(t, h, "/api/sites/jiangxian/chexiangcheng")
	linesTag1, _ := getETag(t, h, "/api/lines")
	assert.NotContains(t, body1, "(edited)")

	next := renamed(t, " (edited)")
	require.NoError(t, h.SetCatalog(next))
	assert.Same(t, next, h.Catalog())
	tag2, body2 := getETag(t, h, "/api/sites")
	assert.Contains(t, body2, "(edited)")
	assert.NotEqual(t, tag1, tag2, "ETags change with the catalog")
	siteTag2, _ := getETag(t, h, "/api/sites/jiangxian/chexiangcheng")
	assert.NotEqual(t, siteTag1, siteTag2)
	linesTag2, _ := getETag(t, h, "/api/lines")
	assert.NotEqual(t, linesTag1, linesTag2)
	w := call(t, h, http.MethodGet, "/api/sites", "", "If-None-Match", tag1)
	assert.Equal(t, http.StatusOK, w.Code, "an old ETag no longer matches")

	ready := readyz(t, h.h)
	assert.Equal(t, tag2, ready.Catalog.ETag, "/readyz names the catalog's ETag")
	assert.Error(t, h.SetCatalog(nil))
	assert.Same(t, next, h.Catalog())
}

// A request in flight during a reload finishes on the catalog it started
// with; the next one sees the new catalog.
func TestSetCatalogInFlight(t *testing.T) {
	// The blocking solve ends at the plan deadline with its best plan.
	h := NewHandler(heritage.Default(), PlanTimeout(time.Second))
	b := newBlockingSolve()
	h.h.solve = b.solve
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		done <- call(t, h, http.MethodPost, "/api/plan", `{"sites":["jiangxian/chexiangcheng"]}`)
	}()
	<-b.started
	require.NoError(t, h.SetCatalog(renamed(t, " (edited)")))
	_, body := getETag(t, h, "/api/sites/jiangxian/chexiangcheng")
	assert.Contains(t, body, "(edited)", "new requests see the new catalog")

	w := <-done
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"name_en"`)
	assert.NotContains(t, w.Body.String(), "(edited)", "the request in flight kept its catalog")
	h.h.solve = route.Solve
	w = call(t, h, http.MethodPost, "/api/plan", `{"sites":["jiangxian/chexiangcheng"],"date":"2027-05-04"}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), "(edited)", "the next plan names the new catalog's places")
}

func TestReloadBad(t *testing.T) {
	for name, data := range badCatalogs(t) {
		t.Run(name, func(t *testing.T) {
			log, buf := recordingLogger()
			h := NewHandler(heritage.Default(), Logger(log))
			tag, _ := getETag(t, h, "/api/sites")
			err := h.Reload(func() (*heritage.Catalog, error) { return heritage.Load(bytes.NewReader(data)) })
			require.Error(t, err)
			assert.Same(t, heritage.Default(), h.Catalog(), "the running catalog keeps serving")
			tag2, _ := getETag(t, h, "/api/sites")
			assert.Equal(t, tag, tag2)

			ready := readyz(t, h.h)
			assert.True(t, ready.Ready, "a failed reload leaves the previous catalog serving")
			require.NotNil(t, ready.Reload)
			assert.False(t, ready.Reload.OK)
			require.NotEmpty(t, ready.Reload.Problems)
			for _, p := range ready.Reload.Problems {
				assert.Contains(t, buf.String(), p, "every problem is logged")
			}
			switch name {
			case "duplicate ID":
				assert.Contains(t, ready.Reload.Problems[0], heritage.Default().Sites()[3].ID, "the problem names the site")
			case "bad coordinate":
				assert.Contains(t, ready.Reload.Problems[0], heritage.Default().Sites()[5].ID)
				assert.Contains(t, ready.Reload.Problems[0], "geometry", "and the field")
			}

			// A good reload clears the report.
			require.NoError(t, h.Reload(func() (*heritage.Catalog, error) { return renamed(t, "!"), nil }))
			ready = readyz(t, h.h)
			require.NotNil(t, ready.Reload)
			assert.True(t, ready.Reload.OK)
			assert.Empty(t, ready.Reload.Problems)
		})
	}
}

func TestErrorItems(t *testing.T) {
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	assert.Equal(t, []string{"a"}, errorItems(a))
	assert.Equal(t, []string{"a", "b", "c"}, errorItems(fmt.Errorf("wrapped: %w", errors.Join(a, errors.Join(b, c)))))
}

// Reloads under load: clients on every endpoint see no failed request
// while the catalog is swapped back and forth, and a bad reload in
// between changes nothing.
func TestReloadUnderLoad(t *testing.T) {
	// Deadline and solvers to spare: no plan is shed even on a slow
	// machine (under the race detector), so that every failure is the
	// reload's.
	h := NewHandler(heritage.Default(), PlanTimeout(30*time.Second), MaxConcurrentPlans(4),
		Logger(slog.New(slog.DiscardHandler)))
	srv := httptest.NewServer(h)
	defer srv.Close()
	targets := []string{"/api/sites", "/api/sites?q=jin", "/api/sites/jiangxian/chexiangcheng", "/api/lines?theme=jin-culture", "plan"}
	var requests, failures atomic.Int64
	var firstFailure atomic.Value
	var sawEdited atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for c := range 6 {
		wg.Go(func() {
			for i := c; ctx.Err() == nil; i++ {
				code, body, err := fetch(srv.URL, targets[i%len(targets)])
				requests.Add(1)
				if err != nil || code != http.StatusOK {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("%s: %d %v %.200s", targets[i%len(targets)], code, err, body))
				}
				if strings.Contains(body, "(edited)") {
					sawEdited.Store(true)
				}
			}
		})
	}
	edited, bad := renamed(t, " (edited)"), badCatalogs(t)["duplicate ID"]
	for i := range 12 {
		time.Sleep(40 * time.Millisecond)
		switch i % 3 {
		case 0:
			require.NoError(t, h.SetCatalog(edited))
		case 1:
			require.Error(t, h.Reload(func() (*heritage.Catalog, error) { return heritage.Load(bytes.NewReader(bad)) }))
		case 2:
			require.NoError(t, h.SetCatalog(heritage.Default()))
		}
	}
	cancel()
	wg.Wait()
	t.Logf("%d requests during 12 reloads", requests.Load())
	assert.Zero(t, failures.Load(), "first failure: %v", firstFailure.Load())
	assert.Greater(t, requests.Load(), int64(50))
	assert.True(t, sawEdited.Load(), "clients saw the edited catalog")
}

// fetch sends one request of the reload test: a GET of target, or a small
// plan for "plan".
func fetch(base, target string) (int, string, error) {
	var resp *http.Response
	var err error
	if target == "plan" {
		resp, err = http.Post(base+"/api/plan", "application/json",
			strings.NewReader(`{"sites":["jiangxian/chexiangcheng","jiangxian/taiyin-temple","jiangxian/jin-wengong-tomb"],"date":"2027-05-04"}`))
	} else {
		resp, err = http.Get(base + target)
	}
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}
