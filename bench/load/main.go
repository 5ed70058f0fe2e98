// Command load is a bounded load test of chuanzhu's web handler. It
// starts web.NewHandler over the embedded catalog in-process on a
// loopback port (127.0.0.1:0), behind an http.Server with the timeouts of
// "chuanzhu serve", and runs concurrent clients against it for a fixed
// time, mixing GET /api/sites queries (filters, search, near, datums, one
// site, revalidation with If-None-Match), GET /api/lines and POST
// /api/plan requests for plans over a random choice of sites. It prints
// the throughput, the latency percentiles per endpoint, the errors (any
// status other than 200 or 304, any transport error, any plan without a
// status), the plans shed (503 busy with Retry-After: not errors) and the
// process's heap and resident memory before and after. It exits 1 when
// there was any error.
//
// Usage:
//
//	go run ./bench/load -clients 50 -duration 20s -plans 0.3 -stops 10
//
// Overload: -plan-clients adds clients that only ask for plans and wait
// as Retry-After says when shed; compare the site queries' p99 with and
// without them:
//
//	go run ./bench/load -clients 4 -plans 0 -duration 30s
//	go run ./bench/load -clients 4 -plans 0 -plan-clients 200 -duration 30s
//
// Soak: -soak runs mixed traffic for the given time (at most 1h, and at
// most -max-requests requests) and prints a Markdown table row every
// -sample (30s): requests, errors and sheds in the interval, p50/p99 per
// endpoint, and the heap after a GC, the resident memory and the
// goroutines; -reload swaps the catalog every so often, as SIGHUP does:
//
//	go run ./bench/load -soak 10m -clients 20 -plans 0.1 -reload 1m
//
// Traffic goes to the loopback interface only; the load generator and the
// server share the machine's cores (and the memory figures), so the
// figures are a lower bound of what the handler does on its own.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/web"
)

// Bounds of the flags: the test must stop by itself.
const (
	maxClients  = 1000
	maxDuration = time.Hour
)

// options are the flags.
type options struct {
	clients, planClients, stops int
	duration, sample, reload    time.Duration
	planShare                   float64
	planTimeout                 time.Duration
	maxRequests                 int64
	seed                        uint64
	soak                        bool
}

func main() {
	var o options
	flag.IntVar(&o.clients, "clients", 50, "concurrent clients of mixed traffic (1–1000)")
	flag.IntVar(&o.planClients, "plan-clients", 0, "more clients that only ask for plans, honouring Retry-After (0–1000)")
	flag.DurationVar(&o.duration, "duration", 20*time.Second, "how long the clients send requests (at most 1h)")
	soak := flag.Duration("soak", 0, "soak: run this long (at most 1h), printing figures every -sample")
	flag.DurationVar(&o.sample, "sample", 30*time.Second, "with -soak: the interval of the figures")
	flag.DurationVar(&o.reload, "reload", 0, "swap the handler's catalog this often (0: never)")
	flag.Int64Var(&o.maxRequests, "max-requests", 0, "stop after this many requests (0: no bound but the time)")
	flag.Float64Var(&o.planShare, "plans", 0.3, "share of a mixed client's requests that are POST /api/plan (0–1)")
	flag.IntVar(&o.stops, "stops", 10, "sites per plan")
	flag.DurationVar(&o.planTimeout, "plan-timeout", web.DefaultPlanTimeout, "the handler's plan deadline")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the clients' random choices")
	flag.Parse()
	if *soak != 0 {
		o.duration, o.soak = *soak, true
	}
	switch {
	case o.clients < 1 || o.clients > maxClients:
		usage("-clients must be 1–%d", maxClients)
	case o.planClients < 0 || o.planClients > maxClients:
		usage("-plan-clients must be 0–%d", maxClients)
	case o.duration <= 0 || o.duration > maxDuration:
		usage("-duration and -soak must be more than 0 and at most %s", maxDuration)
	case o.soak && (o.sample < time.Second || o.sample > o.duration):
		usage("-sample must be 1s or more, and at most the -soak time")
	case o.reload < 0 || o.maxRequests < 0:
		usage("-reload and -max-requests must not be negative")
	case !(o.planShare >= 0 && o.planShare <= 1):
		usage("-plans must be 0–1")
	case o.stops < 1 || o.stops > web.DefaultMaxStops:
		usage("-stops must be 1–%d", web.DefaultMaxStops)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func usage(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
	os.Exit(2)
}

func run(o options) error {
	cat := heritage.Default()
	var ids []string
	for _, s := range cat.Sites() {
		if !s.Anchor() {
			ids = append(ids, s.ID)
		}
	}
	if o.stops > len(ids) {
		return fmt.Errorf("-stops %d: the catalog has %d heritage sites", o.stops, len(ids))
	}
	before := snapshot()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	h := web.NewHandler(cat, web.PlanTimeout(o.planTimeout))
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second,
		WriteTimeout: o.planTimeout + 25*time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 16 << 10}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	conns := o.clients + o.planClients
	transport := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute}
	defer transport.CloseIdleConnections()
	tr := &traffic{client: &http.Client{Transport: transport, Timeout: 2 * (o.planTimeout + 25*time.Second)},
		base: "http://" + ln.Addr().String(), ids: ids, stops: o.stops, share: o.planShare, st: newEndpoints(), etags: map[string]string{}}

	fmt.Printf("chuanzhu web load test: %d clients (%.0f%% plans of %d sites) and %d plan clients for %s on %s (GOMAXPROCS %d), plan deadline %s\n",
		o.clients, o.planShare*100, o.stops, o.planClients, o.duration, tr.base, runtime.GOMAXPROCS(0), o.planTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), o.duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range o.clients {
		wg.Go(func() { tr.mixed(ctx, rand.New(rand.NewPCG(o.seed, uint64(c)))) })
	}
	for c := range o.planClients {
		wg.Go(func() { tr.planner(ctx, rand.New(rand.NewPCG(o.seed, uint64(maxClients+c)))) })
	}
	reloads := watch(ctx, cancel, o, tr.st, h, start)
	wg.Wait()
	elapsed := time.Since(start)
	transport.CloseIdleConnections()
	_ = srv.Close()
	after := snapshot()
	for _, s := range tr.st.all() {
		s.sample() // fold the last window into the totals
	}
	return report(tr.st, elapsed, before, after, reloads)
}

// watch runs until ctx ends: it prints a soak row every o.sample (with
// -soak), swaps the catalog every o.reload, and ends the run at
// o.maxRequests requests. It returns the number of reloads.
func watch(ctx context.Context, cancel func(), o options, st *endpoints, h *web.Handler, start time.Time) int {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	nextSample, nextReload := start.Add(o.sample), start.Add(o.reload)
	cats := []*heritage.Catalog{heritage.Default(), edited()}
	reloads, sent := 0, int64(0)
	if o.soak {
		printSoakHeader(st)
	}
	for {
		select {
		case <-ctx.Done():
			if o.soak && pending(st) > 0 {
				printSoakRow(st, time.Since(start)) // the last, shorter interval
			}
			return reloads
		case now := <-tick.C:
			if o.reload > 0 && now.After(nextReload) {
				reloads++
				if err := h.SetCatalog(cats[reloads%2]); err != nil {
					fmt.Fprintln(os.Stderr, "load: reload:", err)
				}
				nextReload = nextReload.Add(o.reload)
			}
			if o.soak && now.After(nextSample) {
				sent += printSoakRow(st, now.Sub(start))
				nextSample = nextSample.Add(o.sample)
			}
			if o.maxRequests > 0 && sent+pending(st) >= o.maxRequests {
				cancel()
			}
		}
	}
}

// edited is the embedded catalog with every English name changed: the
// other catalog of the reloads.
func edited() *heritage.Catalog {
	sites := heritage.Default().Sites()
	for i := range sites {
		sites[i] = sites[i].Clone()
		sites[i].Name.En += " (reloaded)"
	}
	cat, err := heritage.NewCatalog(sites)
	if err != nil {
		panic(err) // the embedded catalog is valid
	}
	return cat
}

// pending counts the requests of the current windows.
func pending(st *endpoints) int64 {
	var n int64
	for _, s := range st.all() {
		s.mu.Lock()
		n += s.window.n + int64(s.winErrs+s.winShed)
		s.mu.Unlock()
	}
	return n
}

func printSoakHeader(st *endpoints) {
	var b strings.Builder
	b.WriteString("\n| time | requests | errors | shed |")
	for _, s := range st.all() {
		fmt.Fprintf(&b, " %s p50 / p99 |", strings.TrimPrefix(strings.TrimPrefix(s.name, "GET "), "POST "))
	}
	b.WriteString(" heap MiB | RSS MiB | goroutines |\n|---:|---:|---:|---:|")
	b.WriteString(strings.Repeat("---:|", len(st.all())+3))
	fmt.Println(b.String())
}

// printSoakRow prints the figures of the window since the last row and
// returns its number of requests.
func printSoakRow(st *endpoints, at time.Duration) int64 {
	var b strings.Builder
	var n int64
	errs, shed := 0, 0
	var cells []string
	for _, s := range st.all() {
		h, e, sh := s.sample()
		n += h.n + int64(e+sh)
		errs += e
		shed += sh
		cells = append(cells, fmt.Sprintf("%s / %s", ms(h.percentile(50)), ms(h.percentile(99))))
	}
	m := snapshot()
	fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s | %s | %d |", at.Round(time.Second), n, errs, shed,
		strings.Join(cells, " | "), mib(m.heapAlloc), mib(m.rss), m.goroutines)
	fmt.Println(b.String())
	return n
}

// report prints the totals and returns an error when a request failed.
func report(st *endpoints, elapsed time.Duration, before, after memory, reloads int) error {
	total, errs := 0, 0
	fmt.Printf("\n%-22s %8s %9s %9s %9s %9s %9s %6s %6s %7s\n", "endpoint", "requests", "req/s", "p50", "p90", "p99", "max", "304s", "shed", "errors")
	for _, s := range st.all() {
		h := &s.total
		n := int(h.n) + s.errs + s.shed
		total += n
		errs += s.errs
		fmt.Printf("%-22s %8d %9.1f %9s %9s %9s %9s %6d %6d %7d\n", s.name, n, float64(n)/elapsed.Seconds(),
			ms(h.percentile(50)), ms(h.percentile(90)), ms(h.percentile(99)), ms(h.max), s.notMod, s.shed, s.errs)
	}
	fmt.Printf("%-22s %8d %9.1f %56s %7d\n", "all", total, float64(total)/elapsed.Seconds(), "", errs)
	if reloads > 0 {
		fmt.Printf("\ncatalog reloads during the run: %d\n", reloads)
	}
	if ps := st.plan.statuses; len(ps) > 0 {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range ps {
				if !yield(k) {
					return
				}
			}
		})
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d", k, ps[k]))
		}
		fmt.Printf("\nplan statuses: %s\n", strings.Join(parts, ", "))
	}
	fmt.Printf("\nmemory        %12s %12s %12s %12s %12s %11s\n", "heap MiB", "in use MiB", "Go sys MiB", "RSS MiB", "peak RSS MiB", "goroutines")
	for _, row := range []struct {
		name string
		m    memory
	}{{"before", before}, {"after", after}} {
		m := row.m
		fmt.Printf("%-13s %12s %12s %12s %12s %12s %11d\n", row.name, mib(m.heapAlloc), mib(m.heapInuse), mib(m.sys), mib(m.rss), mib(m.hwm), m.goroutines)
	}
	for _, s := range st.all() {
		if s.firstErr != "" {
			fmt.Println("first error:", s.firstErr)
		}
	}
	if errs > 0 {
		return fmt.Errorf("%d of %d requests failed", errs, total)
	}
	return nil
}
