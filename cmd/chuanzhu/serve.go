package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/chuanzhu/chuanzhu/web"
)

// serve runs the web API and embed page (web.NewHandler) on -addr until
// ctx ends (SIGINT or SIGTERM in main), then shuts down gracefully.
func serve(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var (
		addr        = fs.String("addr", "127.0.0.1:8080", "listen on this `host:port` (port 0: any free port, reported on standard error)")
		origins     listFlag
		planTimeout = fs.Duration("plan-timeout", web.DefaultPlanTimeout, "deadline of one plan's solve")
		maxStops    = fs.Int("max-stops", web.DefaultMaxStops, "largest number of sites one plan may choose from")
		maxPlans    = fs.Int("max-plans", 0, "plans solved at once (0: one per CPU)")
		grace       = fs.Duration("shutdown-timeout", 10*time.Second, "on SIGINT or SIGTERM, wait this long for requests in flight before closing them")
		cf          catalogFlags
	)
	fs.Var(&origins, "cors", "allow cross-origin requests from these `origins` (comma-separated, repeatable; * for any)")
	cf.register(fs)
	fs.Usage = usageFunc(fs, "[flags]", `
Serves chuanzhu's web API (GET /api/sites, /api/sites/{id}, /api/lines,
POST /api/plan) and the embeddable map page (GET /embed) over HTTP, logging the
address it listens on to standard error. SIGINT or SIGTERM stops it gracefully:
it stops accepting connections and lets requests in flight finish.`)
	if err := parseFlags(fs, args, stderr, 0); err != nil {
		return err
	}
	switch {
	case *planTimeout <= 0:
		return usagef("-plan-timeout %s: want a positive duration", *planTimeout)
	case *maxStops <= 0:
		return usagef("-max-stops %d: want 1 or more", *maxStops)
	case *maxPlans < 0:
		return usagef("-max-plans %d: want 0 or more", *maxPlans)
	case *grace <= 0:
		return usagef("-shutdown-timeout %s: want a positive duration", *grace)
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("-addr %q: want host:port", *addr)
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	opts := []web.Option{web.WithPlanTimeout(*planTimeout), web.WithMaxStops(*maxStops), web.WithMaxConcurrentPlans(*maxPlans)}
	if len(origins) > 0 {
		opts = append(opts, web.WithCORS(origins...))
	}
	srv := &http.Server{
		Handler:           web.NewHandler(cat, opts...),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// A plan may take its whole deadline, and waits for a free solver
		// within it.
		WriteTimeout: *planTimeout + 30*time.Second,
		IdleTimeout:  2 * time.Minute,
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "chuanzhu serve: listening on http://%s (%d sites)\n", ln.Addr(), cat.Len())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "chuanzhu serve: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: requests still running after %s were closed: %w", *grace, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stderr, "chuanzhu serve: stopped")
	return nil
}
