package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

// catalogState is what the handler derives from one catalog. It never
// changes: a reload makes a new one.
type catalogState struct {
	cat    *heritage.Catalog
	loaded time.Time // when the handler took the catalog

	themes []string // theme slugs the catalog's sites carry, sorted
	sites  []heritage.Site

	allSites [3]func() (*cached, error) // GET /api/sites per geo.Datum, computed once
	lines    func() ([]tour.Line, error)
	mux      *http.ServeMux // the routes, bound to the handler over this catalog
}

// handlerFor returns the handler over cat. Its GeoJSON and themed lines
// are computed on first use.
func (c *core) handlerFor(cat *heritage.Catalog) *handler {
	st := &catalogState{cat: cat, loaded: time.Now(), sites: cat.Sites()}
	h := &handler{catalogState: st, core: c}
	for _, s := range st.sites {
		st.themes = append(st.themes, s.Themes...)
	}
	slices.Sort(st.themes)
	st.themes = slices.Compact(st.themes)
	for d := range st.allSites {
		st.allSites[d] = sync.OnceValues(func() (*cached, error) { return writeSites(st.sites, geo.Datum(d)) })
	}
	st.lines = sync.OnceValues(h.buildLines)
	st.mux = h.routes()
	return h
}

// warm computes everything h serves from its catalog: the GeoJSON in
// every datum and the themed lines.
func (h *handler) warm() error {
	for _, f := range h.allSites {
		if _, err := f(); err != nil {
			return err
		}
	}
	_, err := h.lines()
	return err
}

// SetCatalog makes cat the catalog of the requests that start from now
// on; requests in flight finish on the catalog they started with. It
// first computes what the handler serves from cat (its GeoJSON in every
// datum, its themed lines), so new requests do not wait for it, and
// returns an error, keeping the current catalog, when that fails. The
// ETags of the catalog responses follow their content, so they change
// with the catalog. SetCatalog is safe to call while the handler serves.
func (h *Handler) SetCatalog(cat *heritage.Catalog) error {
	if cat == nil {
		return errors.New("web: SetCatalog: nil catalog")
	}
	next := h.h.handlerFor(cat)
	if err := next.warm(); err != nil {
		return fmt.Errorf("web: SetCatalog: %w", err)
	}
	h.h.current.Store(next)
	return nil
}

// Reload replaces the catalog with the one load returns (see
// [Handler.SetCatalog]). When load or SetCatalog fails, the current
// catalog keeps serving, every problem of the error is logged (a
// [heritage.ValidationError] names the site and field of each), and GET
// /readyz reports the failed reload until a reload succeeds. Reload
// returns load's or SetCatalog's error.
func (h *Handler) Reload(load func() (*heritage.Catalog, error)) error {
	start := time.Now()
	cat, err := load()
	if err == nil {
		err = h.SetCatalog(cat)
	}
	h.h.reload.record(start, err)
	log := h.h.logger()
	if err != nil {
		probs := errorItems(err)
		var attrs []any
		if ve := (*heritage.ValidationError)(nil); errors.As(err, &ve) && ve.Source != "" {
			attrs = append(attrs, "source", ve.Source)
		}
		log.Error("catalog reload failed; still serving the previous catalog", append(attrs, "problems", len(probs))...)
		for _, p := range probs {
			log.Error("catalog reload problem", append(attrs, "problem", p)...)
		}
		return err
	}
	log.Info("catalog reloaded", "sites", cat.Len(), "duration", time.Since(start))
	return nil
}

// errorItems lists the messages of err's items: the leaves of the tree
// of errors joined by Unwrap() []error (a heritage.ValidationError's
// problems, errors.Join), or err's own message when it joins none.
func errorItems(err error) []string {
	var multi interface{ Unwrap() []error }
	if !errors.As(err, &multi) {
		return []string{err.Error()}
	}
	var out []string
	for _, e := range multi.Unwrap() {
		if e != nil {
			out = append(out, errorItems(e)...)
		}
	}
	return out
}

// maxReportedProblems bounds the problems /readyz lists for a failed
// reload (all of them are logged).
const maxReportedProblems = 20

// reloadStatus is the outcome of the last catalog reload, for /readyz.
type reloadStatus struct {
	mu       sync.Mutex
	count    int
	at       time.Time // zero: no reload yet
	err      error
	problems []string
}

func (s *reloadStatus) record(at time.Time, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	s.at, s.err, s.problems = at, err, nil
	if err != nil {
		s.problems = errorItems(err)
	}
}

// report returns the last reload's outcome; nil before any reload.
func (s *reloadStatus) report() *reloadReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at.IsZero() {
		return nil
	}
	r := &reloadReport{Count: s.count, At: s.at.UTC().Format(time.RFC3339), OK: s.err == nil}
	if s.err != nil {
		r.Error = s.err.Error()
		r.Problems = s.problems[:min(len(s.problems), maxReportedProblems)]
		r.ProblemCount = len(s.problems)
	}
	return r
}

// logger is the logger of panics and reloads: Logger's, else
// slog.Default().
func (c *core) logger() *slog.Logger {
	if c.cfg.log != nil {
		return c.cfg.log
	}
	return slog.Default()
}
