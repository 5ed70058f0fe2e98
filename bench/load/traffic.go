package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/tour"
)

// siteQueries are the GET /api/sites requests the clients choose from.
func siteQueries() []string {
	return []string{
		"/api/sites",
		"/api/sites?kind=tomb,temple",
		"/api/sites?theme=jin-culture",
		"/api/sites?q=jin",
		"/api/sites?q=%E6%99%8B%E6%96%87%E5%85%AC", // 晋文公
		"/api/sites?near=111.57067,35.49072&radius=15000",
		"/api/sites?near=111.36,35.62&radius=5000&kind=museum",
		"/api/sites?datum=gcj02&theme=archaeology",
		"/api/sites?datum=bd09",
		"/api/sites/jiangxian/chexiangcheng",
		"/api/sites/houma/jin-state-site?datum=gcj02",
	}
}

// lineQueries are the GET /api/lines requests.
func lineQueries() []string {
	return []string{"/api/lines", "/api/lines?theme=jin-culture", "/api/lines?datum=gcj02"}
}

// endpoints are the statistics of each kind of request.
type endpoints struct {
	sites, site, lines, plan stats
}

func newEndpoints() *endpoints {
	return &endpoints{sites: stats{name: "GET /api/sites"}, site: stats{name: "GET /api/sites/{id}"},
		lines: stats{name: "GET /api/lines"}, plan: stats{name: "POST /api/plan"}}
}

func (e *endpoints) all() []*stats { return []*stats{&e.sites, &e.site, &e.lines, &e.plan} }

// traffic is what the clients share.
type traffic struct {
	client *http.Client
	base   string
	ids    []string // heritage site IDs to plan over
	stops  int
	share  float64 // of plans among a mixed client's requests
	st     *endpoints

	etagMu sync.Mutex
	etags  map[string]string // learnt ETags, for revalidation
}

// mixed is one client of mixed traffic: plans with probability share,
// else catalog queries (a tenth of them lines), a quarter of those
// revalidating with If-None-Match. It runs until ctx ends.
func (tr *traffic) mixed(ctx context.Context, rng *rand.Rand) {
	queries, lines := siteQueries(), lineQueries()
	for ctx.Err() == nil {
		if rng.Float64() < tr.share {
			r := tr.postPlan(ctx, planBody(rng, tr.ids, tr.stops))
			if ctx.Err() == nil {
				tr.st.plan.add(r)
			}
			continue
		}
		path, st := queries[rng.IntN(len(queries))], &tr.st.sites
		switch {
		case rng.IntN(10) == 0:
			path, st = lines[rng.IntN(len(lines))], &tr.st.lines
		case strings.HasPrefix(path, "/api/sites/"):
			st = &tr.st.site
		}
		etag := ""
		if rng.IntN(4) == 0 {
			tr.etagMu.Lock()
			etag = tr.etags[path]
			tr.etagMu.Unlock()
		}
		r, newTag := tr.get(ctx, path, etag)
		if ctx.Err() != nil {
			return // the run ended during the request
		}
		st.add(r)
		if newTag != "" {
			tr.etagMu.Lock()
			tr.etags[path] = newTag
			tr.etagMu.Unlock()
		}
	}
}

// planner is a client that only asks for plans and, when shed, waits as
// the Retry-After header says.
func (tr *traffic) planner(ctx context.Context, rng *rand.Rand) {
	for ctx.Err() == nil {
		r := tr.postPlan(ctx, planBody(rng, tr.ids, tr.stops))
		if ctx.Err() != nil {
			return
		}
		tr.st.plan.add(r)
		if r.shed {
			select {
			case <-ctx.Done():
			case <-time.After(r.retryAfter):
			}
		}
	}
}

// planBody is a plan request over n distinct random sites on a random
// day of 2027.
func planBody(rng *rand.Rand, ids []string, n int) []byte {
	perm := rng.Perm(len(ids))[:n]
	sites := make([]string, n)
	for i, k := range perm {
		sites[i] = ids[k]
	}
	req := tour.Request{
		Sites:     sites,
		Date:      tour.Date{Year: 2027, Month: time.January, Day: 1}.AddDays(rng.IntN(365)),
		StartTime: tour.DefaultStartTime,
		DayLength: 9 * time.Hour,
		Mode:      geo.CountyDrive(),
	}
	b, err := req.MarshalJSON()
	if err != nil {
		panic(err) // every field above has a JSON form
	}
	return b
}

// get fetches path, revalidating with etag when given.
func (tr *traffic) get(ctx context.Context, path, etag string) (r result, newTag string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tr.base+path, nil)
	if err != nil {
		return result{err: err}, ""
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	t0 := time.Now()
	resp, err := tr.client.Do(req)
	if err != nil {
		return result{err: err}, ""
	}
	defer resp.Body.Close()
	r.bytes, err = io.Copy(io.Discard, resp.Body)
	r.took = time.Since(t0)
	switch {
	case err != nil:
		r.err = err
	case resp.StatusCode == http.StatusNotModified && etag != "":
		r.notModified = true
		return r, etag
	case resp.StatusCode != http.StatusOK:
		r.err = fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
	case resp.Header.Get("ETag") == "":
		r.err = fmt.Errorf("GET %s: no ETag", path)
	}
	return r, resp.Header.Get("ETag")
}

// postPlan posts a plan request and checks the answer is a plan, or a
// 503 busy with Retry-After (shed).
func (tr *traffic) postPlan(ctx context.Context, body []byte) result {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tr.base+"/api/plan", bytes.NewReader(body))
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	t0 := time.Now()
	resp, err := tr.client.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r := result{took: time.Since(t0), bytes: int64(len(b)), err: err}
	if err != nil {
		return r
	}
	ra, raErr := strconv.Atoi(resp.Header.Get("Retry-After"))
	switch {
	case resp.StatusCode == http.StatusServiceUnavailable && bytes.Contains(b, []byte(`"busy"`)) && raErr == nil && ra > 0:
		r.shed, r.retryAfter = true, time.Duration(ra)*time.Second
		return r
	case resp.StatusCode != http.StatusOK:
		r.err = fmt.Errorf("POST /api/plan: status %d: %.200s (body %s)", resp.StatusCode, b, body)
		return r
	}
	var p struct {
		Status string `json:"status"`
		Days   []any  `json:"days"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		r.err = fmt.Errorf("POST /api/plan: %w", err)
	} else if p.Status == "" || p.Status == "canceled" || len(p.Days) != 1 {
		r.err = errors.New("POST /api/plan: an answer that is not a one-day plan: " + string(b[:min(len(b), 200)]))
	}
	r.planStatus = p.Status
	return r
}
