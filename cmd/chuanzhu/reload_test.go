//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// catalogFile returns the embedded catalog as GeoJSON, each English name
// with suffix added.
func catalogFile(t *testing.T, suffix string) []byte {
	t.Helper()
	sites := heritage.Default().Sites()
	for i := range sites {
		sites[i] = sites[i].Clone()
		sites[i].Name.En += suffix
	}
	cat, err := heritage.NewCatalog(sites)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, cat.WriteGeoJSON(&buf))
	return buf.Bytes()
}

// editFeatures applies f to the features of the GeoJSON catalog good.
func editFeatures(t *testing.T, good []byte, f func([]any)) []byte {
	t.Helper()
	var fc map[string]any
	require.NoError(t, json.Unmarshal(good, &fc))
	fs := fc["features"].([]any)
	f(fs)
	fc["features"] = fs
	b, err := json.Marshal(fc)
	require.NoError(t, err)
	return b
}

// readiness is the part of /readyz the test reads.
type readiness struct {
	Ready   bool `json:"ready"`
	Catalog struct {
		ETag string `json:"etag"`
	} `json:"catalog"`
	Reload *struct {
		Count    int      `json:"count"`
		OK       bool     `json:"ok"`
		Problems []string `json:"problems"`
	} `json:"reload"`
}

func getText(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// hangup sends SIGHUP to the test process (serve handles it) and waits
// for /readyz to report the reload it starts, the n-th.
func hangup(t *testing.T, base string, n int) readiness {
	t.Helper()
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGHUP))
	var r readiness
	require.Eventually(t, func() bool {
		_, body := getText(t, base+"/readyz")
		require.NoError(t, json.Unmarshal([]byte(body), &r), body)
		return r.Reload != nil && r.Reload.Count == n
	}, 10*time.Second, 5*time.Millisecond)
	return r
}

// TestServeReload edits the -data file under a running server: a good
// edit is served after SIGHUP, with clients running all along and no
// request failing; bad edits leave the good catalog serving, are logged
// problem by problem and reported by /readyz.
func TestServeReload(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sites.geojson")
	good := catalogFile(t, "")
	require.NoError(t, os.WriteFile(file, good, 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Deadline and solvers to spare: no plan is shed even on a slow
	// machine, so that every failure is the reload's.
	base, stderr, done := startServe(t, ctx, "-data", file, "-log-level", "warn",
		"-plan-timeout", "30s", "-write-timeout", "60s", "-max-plans", "4")
	reloads := 0
	_, body := getText(t, base+"/readyz")
	var r0 readiness
	require.NoError(t, json.Unmarshal([]byte(body), &r0))
	require.True(t, r0.Ready)
	assert.Nil(t, r0.Reload)

	// A good edit, under load.
	failures, requests := clients(t, base, func() {
		require.NoError(t, os.WriteFile(file, catalogFile(t, " (edited)"), 0o644))
		reloads++
		r := hangup(t, base, reloads)
		require.True(t, r.Reload.OK, "%+v", r.Reload)
		assert.NotEqual(t, r0.Catalog.ETag, r.Catalog.ETag, "the ETag changes with the catalog")
		time.Sleep(100 * time.Millisecond) // requests on the new catalog
	})
	assert.Empty(t, failures, "no request fails during the reload")
	assert.Greater(t, requests, 20)
	_, body = getText(t, base+"/api/sites/jiangxian/chexiangcheng")
	assert.Contains(t, body, "(edited)")
	edited := hangupState(t, base)

	bad := map[string][]byte{
		"truncated JSON": good[:len(good)/3],
		"duplicate ID":   editFeatures(t, good, func(fs []any) { fs[2] = fs[1] }),
		"bad coordinate": editFeatures(t, good, func(fs []any) {
			fs[4].(map[string]any)["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{111.5, 135.5}}
		}),
	}
	for name, data := range bad {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(file, data, 0o644))
			reloads++
			r := hangup(t, base, reloads)
			assert.True(t, r.Ready, "still ready: the previous catalog serves")
			require.False(t, r.Reload.OK)
			require.NotEmpty(t, r.Reload.Problems)
			assert.Equal(t, edited, r.Catalog.ETag, "the running catalog is unchanged")
			_, body := getText(t, base+"/api/sites/jiangxian/chexiangcheng")
			assert.Contains(t, body, "(edited)")
			// The log line may land just after /readyz shows the reload.
			for _, p := range r.Reload.Problems {
				assert.Eventually(t, func() bool {
					out := stderr.String()
					return strings.Contains(out, "catalog reload problem") && strings.Contains(out, strings.Split(p, ":")[0])
				}, 5*time.Second, 20*time.Millisecond, "every problem is logged: %s", p)
			}
			ids := heritage.Default().Sites()
			switch name {
			case "duplicate ID":
				assert.Contains(t, r.Reload.Problems[0], ids[1].ID, "the problem names the site")
				assert.Contains(t, r.Reload.Problems[0], "properties.id", "and the field")
			case "bad coordinate":
				assert.Contains(t, r.Reload.Problems[0], ids[4].ID)
				assert.Contains(t, r.Reload.Problems[0], "geometry.coordinates")
			}
		})
	}
	cancel()
	assert.Equal(t, 0, <-done)
}

// hangupState returns the ETag /readyz reports for the current catalog.
func hangupState(t *testing.T, base string) string {
	t.Helper()
	_, body := getText(t, base+"/readyz")
	var r readiness
	require.NoError(t, json.Unmarshal([]byte(body), &r))
	return r.Catalog.ETag
}

// clients runs 4 clients on the sites, lines and plan endpoints while
// during runs, and returns the failed requests and the number sent.
func clients(t *testing.T, base string, during func()) (failures []string, requests int) {
	t.Helper()
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	plan := `{"sites":["jiangxian/chexiangcheng","jiangxian/taiyin-temple"],"date":"2027-05-04"}`
	for c := range 4 {
		wg.Go(func() {
			for i := c; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var resp *http.Response
				var err error
				switch i % 3 {
				case 0:
					resp, err = http.Get(base + "/api/sites?q=jin")
				case 1:
					resp, err = http.Get(base + "/api/lines")
				default:
					resp, err = http.Post(base+"/api/plan", "application/json", strings.NewReader(plan))
				}
				msg := ""
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						msg = fmt.Sprintf("request %d: status %d", i, resp.StatusCode)
					}
				}
				if err != nil {
					msg = err.Error()
				}
				mu.Lock()
				requests++
				if msg != "" {
					failures = append(failures, msg)
				}
				mu.Unlock()
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	during()
	close(stop)
	wg.Wait()
	return failures, requests
}
