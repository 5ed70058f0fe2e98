package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/chuanzhu/chuanzhu/web"
)

// Defaults of serve's server limits.
const (
	defaultReadHeaderTimeout = 5 * time.Second
	defaultReadTimeout       = 15 * time.Second
	defaultWriteTimeout      = 30 * time.Second
	defaultIdleTimeout       = 60 * time.Second
	defaultMaxHeaderBytes    = 16 << 10
)

// serveFlags are serve's flags.
type serveFlags struct {
	addr                          string
	origins                       listFlag
	planTimeout, grace            time.Duration
	readHeader, read, write, idle time.Duration
	maxStops, maxPlans, maxQueued int
	maxHeaderBytes                int
	logFormat, logLevel           *choice
	cf                            catalogFlags
}

func parseServeFlags(args []string, stderr io.Writer) (*serveFlags, error) {
	f := &serveFlags{logFormat: newChoice("text", "text", "json"), logLevel: newChoice("info", "debug", "info", "warn", "error")}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen on this `host:port` (port 0: any free port, reported on standard error)")
	fs.Var(&f.origins, "cors", "allow cross-origin requests from these `origins` (comma-separated, repeatable; * for any)")
	fs.DurationVar(&f.planTimeout, "plan-timeout", web.DefaultPlanTimeout, "deadline of one plan's solve, waiting for a solver included")
	fs.IntVar(&f.maxStops, "max-stops", web.DefaultMaxStops, "largest number of sites one plan may choose from")
	fs.IntVar(&f.maxPlans, "max-plans", 0, "plans solved at once (0: one per CPU but one, at least one, so that a core is left for the catalog queries)")
	fs.IntVar(&f.maxQueued, "max-queued-plans", 0, "plan requests waiting for a solver before more are shed with 503 (0: 32 per solver)")
	fs.DurationVar(&f.readHeader, "read-header-timeout", defaultReadHeaderTimeout, "close a connection whose request headers take longer than this (slow clients)")
	fs.DurationVar(&f.read, "read-timeout", defaultReadTimeout, "close a connection whose request, headers and body, takes longer than this")
	fs.DurationVar(&f.write, "write-timeout", defaultWriteTimeout, "longest time from the end of a request's headers to the end of its response; must exceed -plan-timeout")
	fs.DurationVar(&f.idle, "idle-timeout", defaultIdleTimeout, "close a keep-alive connection idle for longer than this")
	fs.IntVar(&f.maxHeaderBytes, "max-header-bytes", defaultMaxHeaderBytes, "largest request line and headers in `bytes` (larger: 431)")
	fs.DurationVar(&f.grace, "shutdown-timeout", 10*time.Second, "on SIGINT or SIGTERM, wait this long for requests in flight before closing them")
	fs.Var(f.logFormat, "log-format", "log records as text or json (one object per line)")
	fs.Var(f.logLevel, "log-level", "least level logged: debug (adds the health probes), info (adds one record per request), warn or error")
	f.cf.register(fs)
	fs.Usage = usageFunc(fs, "[flags]", `
Serves chuanzhu's web API (GET /api/sites, /api/sites/{id}, /api/lines,
POST /api/plan), the embeddable map page (GET /embed) and the health probes
(GET /healthz, /readyz) over HTTP, logging the address it listens on to
standard error, then a log record per request. Plan requests beyond what the
solvers can answer within -plan-timeout get 503 with Retry-After at once.
SIGHUP reloads the -data files: a catalog with an error is logged, problem by
problem, and reported by /readyz while the running catalog keeps serving.
SIGINT or SIGTERM stops it gracefully: it stops accepting connections and lets
requests in flight finish.`)
	if err := parseFlags(fs, args, stderr, 0); err != nil {
		return nil, err
	}
	return f, f.check()
}

// check refuses flag values out of range.
func (f *serveFlags) check() error {
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"plan-timeout", f.planTimeout}, {"read-header-timeout", f.readHeader}, {"read-timeout", f.read},
		{"write-timeout", f.write}, {"idle-timeout", f.idle}, {"shutdown-timeout", f.grace}} {
		if d.v <= 0 {
			return usagef("-%s %s: want a positive duration", d.name, d.v)
		}
	}
	switch {
	case f.write <= f.planTimeout:
		return usagef("-write-timeout %s: want more than -plan-timeout %s, or plans are cut off before they are written", f.write, f.planTimeout)
	case f.maxStops <= 0:
		return usagef("-max-stops %d: want 1 or more", f.maxStops)
	case f.maxPlans < 0:
		return usagef("-max-plans %d: want 0 or more", f.maxPlans)
	case f.maxQueued < 0:
		return usagef("-max-queued-plans %d: want 0 or more", f.maxQueued)
	case f.maxHeaderBytes < 1<<10:
		return usagef("-max-header-bytes %d: want 1024 or more", f.maxHeaderBytes)
	}
	if _, _, err := net.SplitHostPort(f.addr); err != nil {
		return usagef("-addr %q: want host:port", f.addr)
	}
	return nil
}

// logger returns the logger the flags ask for, writing to w.
func (f *serveFlags) logger(w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(f.logLevel.String())) // one of the choices
	opts := &slog.HandlerOptions{Level: level}
	if f.logFormat.String() == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// server returns the http.Server serving h with the flags' limits.
func (f *serveFlags) server(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: f.readHeader,
		ReadTimeout:       f.read,
		WriteTimeout:      f.write,
		IdleTimeout:       f.idle,
		MaxHeaderBytes:    f.maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// serve runs the web API and embed page (web.NewHandler) on -addr until
// ctx ends (SIGINT or SIGTERM in main), then shuts down gracefully.
// SIGHUP reloads the catalog from the -data files.
func serve(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	f, err := parseServeFlags(args, stderr)
	if err != nil {
		return err
	}
	cat, err := f.cf.load()
	if err != nil {
		return err
	}
	log := f.logger(stderr)
	opts := []web.Option{web.PlanTimeout(f.planTimeout), web.MaxStops(f.maxStops),
		web.MaxConcurrentPlans(f.maxPlans), web.MaxQueuedPlans(f.maxQueued), web.Logger(log)}
	if len(f.origins) > 0 {
		opts = append(opts, web.CORS(f.origins...))
	}
	h := web.NewHandler(cat, opts...)
	srv := f.server(h, log)
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", f.addr)
	if err != nil {
		return err
	}
	stopReloads := reloadOnHangup(h, &f.cf, log)
	defer stopReloads()
	fmt.Fprintf(stderr, "chuanzhu serve: listening on http://%s (%d sites)\n", ln.Addr(), cat.Len())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "chuanzhu serve: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), f.grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: requests still running after %s were closed: %w", f.grace, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stderr, "chuanzhu serve: stopped")
	return nil
}

// reloadOnHangup reloads h's catalog from the -data files on each SIGHUP
// until the returned function is called. web.Handler.Reload validates the
// files completely before it swaps the catalog and logs every problem of
// a bad one.
func reloadOnHangup(h *web.Handler, cf *catalogFlags, log *slog.Logger) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-sig:
			}
			if len(cf.data) == 0 {
				log.Warn("SIGHUP: serving the embedded catalog, there are no -data files to reload")
				continue
			}
			log.Info("SIGHUP: reloading the catalog", "files", []string(cf.data))
			_ = h.Reload(cf.load) // logs and reports its outcome itself
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
