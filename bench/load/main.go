// Command load is a bounded load test of chuanzhu's web handler. It
// starts web.NewHandler over the embedded catalog in-process on a
// loopback port (127.0.0.1:0) and runs concurrent clients against it for
// a fixed time, mixing GET /api/sites queries (filters, search, near,
// datums, one site, revalidation with If-None-Match) and POST /api/plan
// requests for plans over a random choice of sites. It prints the
// throughput, the latency percentiles per endpoint, the errors (any
// status other than 200 or 304, any transport error, any plan without a
// status) and the process's heap and resident memory before and after.
// It exits 1 when there was any error.
//
// Usage:
//
//	go run ./bench/load -clients 50 -duration 20s -plans 0.3 -stops 10
//
// Traffic goes to the loopback interface only; the load generator and the
// server share the machine's cores, so the figures are a lower bound of
// what the handler does on its own.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/web"
)

// Bounds of the flags: the test must stop by itself.
const (
	maxClients  = 1000
	maxDuration = 10 * time.Minute
)

func main() {
	clients := flag.Int("clients", 50, "concurrent clients (1–1000)")
	duration := flag.Duration("duration", 20*time.Second, "how long the clients send requests (at most 10m)")
	planShare := flag.Float64("plans", 0.3, "share of requests that are POST /api/plan (0–1)")
	stops := flag.Int("stops", 10, "sites per plan")
	planTimeout := flag.Duration("plan-timeout", web.DefaultPlanTimeout, "the handler's plan deadline")
	seed := flag.Uint64("seed", 1, "seed of the clients' random choices")
	flag.Parse()
	switch {
	case *clients < 1 || *clients > maxClients:
		usage("-clients must be 1–%d", maxClients)
	case *duration <= 0 || *duration > maxDuration:
		usage("-duration must be more than 0 and at most %s", maxDuration)
	case !(*planShare >= 0 && *planShare <= 1):
		usage("-plans must be 0–1")
	case *stops < 1 || *stops > web.DefaultMaxStops:
		usage("-stops must be 1–%d", web.DefaultMaxStops)
	}
	if err := run(*clients, *duration, *planShare, *stops, *planTimeout, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func usage(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
	os.Exit(2)
}

// memory is a snapshot of the process's memory.
type memory struct {
	heapAlloc, heapInuse, sys uint64 // bytes, from runtime.MemStats after a GC
	rss, hwm                  uint64 // bytes, VmRSS and VmHWM from /proc; 0 when unknown
}

func snapshot() memory {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := memory{heapAlloc: ms.HeapAlloc, heapInuse: ms.HeapInuse, sys: ms.Sys}
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if !ok {
				continue
			}
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				continue
			}
			switch k {
			case "VmRSS":
				m.rss = kb << 10
			case "VmHWM":
				m.hwm = kb << 10
			}
		}
	}
	return m
}

func mib(b uint64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}

// stats collects one endpoint's results.
type stats struct {
	mu       sync.Mutex
	lat      []time.Duration
	errs     int
	firstErr string
	bytes    int64
	notMod   int
	statuses map[string]int // plan statuses
}

func (s *stats) add(d time.Duration, n int64, err error, notModified bool, planStatus string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.errs++
		if s.firstErr == "" {
			s.firstErr = err.Error()
		}
		return
	}
	s.lat = append(s.lat, d)
	s.bytes += n
	if notModified {
		s.notMod++
	}
	if planStatus != "" {
		if s.statuses == nil {
			s.statuses = map[string]int{}
		}
		s.statuses[planStatus]++
	}
}

// percentile returns the p-th percentile (0–100) of sorted latencies by
// the nearest-rank method.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[max(0, min(len(sorted)-1, k))]
}

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

func run(clients int, duration time.Duration, planShare float64, stops int, planTimeout time.Duration, seed uint64) error {
	cat := heritage.Default()
	var heritageIDs []string
	for _, s := range cat.Sites() {
		if !s.Anchor() {
			heritageIDs = append(heritageIDs, s.ID)
		}
	}
	if stops > len(heritageIDs) {
		return fmt.Errorf("-stops %d: the catalog has %d heritage sites", stops, len(heritageIDs))
	}
	before := snapshot()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: web.NewHandler(cat, web.WithPlanTimeout(planTimeout)), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	queries := siteQueries()
	// ETags learnt by the clients, for revalidation requests.
	var etagMu sync.Mutex
	etags := map[string]string{}

	var sitesStats, siteStats, planStats stats
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(c)))
			for ctx.Err() == nil {
				if rng.Float64() < planShare {
					body := planBody(rng, heritageIDs, stops)
					t0 := time.Now()
					n, status, err := postPlan(client, base, body)
					if ctx.Err() != nil && err != nil {
						return // the run ended during the request
					}
					planStats.add(time.Since(t0), n, err, false, status)
					continue
				}
				path := queries[rng.IntN(len(queries))]
				st := &sitesStats
				if strings.HasPrefix(path, "/api/sites/") {
					st = &siteStats
				}
				etagMu.Lock()
				etag := etags[path]
				etagMu.Unlock()
				if rng.IntN(4) != 0 {
					etag = "" // a quarter of the requests revalidate
				}
				t0 := time.Now()
				n, newTag, notModified, err := get(client, base+path, etag)
				if ctx.Err() != nil && err != nil {
					return
				}
				st.add(time.Since(t0), n, err, notModified, "")
				if newTag != "" {
					etagMu.Lock()
					etags[path] = newTag
					etagMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	tr.CloseIdleConnections()
	_ = srv.Close()
	after := snapshot()

	fmt.Printf("chuanzhu web load test: %d clients for %s on %s (GOMAXPROCS %d), %.0f%% plans of %d sites, plan deadline %s\n",
		clients, duration, base, runtime.GOMAXPROCS(0), planShare*100, stops, planTimeout)
	total, errs := 0, 0
	fmt.Printf("\n%-22s %8s %9s %9s %9s %9s %9s %6s %7s\n", "endpoint", "requests", "req/s", "p50", "p90", "p99", "max", "304s", "errors")
	for _, row := range []struct {
		name string
		s    *stats
	}{{"GET /api/sites", &sitesStats}, {"GET /api/sites/{id}", &siteStats}, {"POST /api/plan", &planStats}} {
		s := row.s
		slices.Sort(s.lat)
		n := len(s.lat) + s.errs
		total += n
		errs += s.errs
		maxLat := time.Duration(0)
		if len(s.lat) > 0 {
			maxLat = s.lat[len(s.lat)-1]
		}
		fmt.Printf("%-22s %8d %9.1f %9s %9s %9s %9s %6d %7d\n", row.name, n, float64(n)/elapsed.Seconds(),
			ms(percentile(s.lat, 50)), ms(percentile(s.lat, 90)), ms(percentile(s.lat, 99)), ms(maxLat), s.notMod, s.errs)
	}
	fmt.Printf("%-22s %8d %9.1f %49s %7d\n", "all", total, float64(total)/elapsed.Seconds(), "", errs)
	if len(planStats.statuses) > 0 {
		keys := make([]string, 0, len(planStats.statuses))
		for k := range planStats.statuses {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d", k, planStats.statuses[k]))
		}
		fmt.Printf("\nplan statuses: %s\n", strings.Join(parts, ", "))
	}
	fmt.Printf("\nmemory        %12s %12s %12s %12s %12s\n", "heap alloc", "heap in use", "Go sys", "RSS", "peak RSS")
	fmt.Printf("before        %12s %12s %12s %12s %12s\n", mib(before.heapAlloc), mib(before.heapInuse), mib(before.sys), mib(before.rss), mib(before.hwm))
	fmt.Printf("after         %12s %12s %12s %12s %12s\n", mib(after.heapAlloc), mib(after.heapInuse), mib(after.sys), mib(after.rss), mib(after.hwm))
	for _, s := range []*stats{&sitesStats, &siteStats, &planStats} {
		if s.firstErr != "" {
			fmt.Println("first error:", s.firstErr)
		}
	}
	if errs > 0 {
		return fmt.Errorf("%d of %d requests failed", errs, total)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// planBody is a plan request over n distinct random sites on a random
// day of 2027.
func planBody(rng *rand.Rand, ids []string, n int) []byte {
	perm := rng.Perm(len(ids))[:n]
	sites := make([]string, n)
	for i, k := range perm {
		sites[i] = ids[k]
	}
	date := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(365))
	b, _ := json.Marshal(map[string]any{
		"sites": sites, "date": date.Format(time.DateOnly), "start_time": "08:30", "hours": 9, "mode": "drive",
	})
	return b
}

// get fetches url, revalidating with etag when given.
func get(c *http.Client, url, etag string) (n int64, newTag string, notModified bool, err error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, "", false, err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", false, err
	}
	defer resp.Body.Close()
	n, err = io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, "", false, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && etag != "":
		return n, etag, true, nil
	case resp.StatusCode != http.StatusOK:
		return n, "", false, fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	case resp.Header.Get("ETag") == "":
		return n, "", false, fmt.Errorf("GET %s: no ETag", url)
	}
	return n, resp.Header.Get("ETag"), false, nil
}

// postPlan posts a plan request and checks the answer is a plan.
func postPlan(c *http.Client, base string, body []byte) (n int64, status string, err error) {
	resp, err := c.Post(base+"/api/plan", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return int64(len(b)), "", err
	}
	if resp.StatusCode != http.StatusOK {
		return int64(len(b)), "", fmt.Errorf("POST /api/plan: status %d: %.200s (body %s)", resp.StatusCode, b, body)
	}
	var p struct {
		Status  string `json:"status"`
		Visited int    `json:"visited"`
		Days    []any  `json:"days"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return int64(len(b)), "", fmt.Errorf("POST /api/plan: %w", err)
	}
	if p.Status == "" || p.Status == "canceled" || len(p.Days) != 1 {
		return int64(len(b)), "", errors.New("POST /api/plan: an answer that is not a one-day plan: " + string(b[:min(len(b), 200)]))
	}
	return int64(len(b)), p.Status, nil
}
