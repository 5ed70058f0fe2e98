package web

import (
	"context"
	"html/template"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/tour"
)

// Defaults of the handler's limits; see the options that change them.
const (
	// DefaultPlanTimeout bounds the solve of one plan: 5 s.
	DefaultPlanTimeout = 5 * time.Second
	// DefaultMaxBody is the largest request body accepted: 64 KiB.
	DefaultMaxBody = 64 << 10
	// DefaultMaxStops is the largest number of sites one plan may choose
	// from: 40, enough for every heritage site of the embedded catalog.
	DefaultMaxStops = 40
	// MaxTiles is the largest number of map tiles the embed page draws.
	MaxTiles = 64
)

// An Option configures [NewHandler].
type Option func(*config)

type config struct {
	origins     []string // allowed CORS origins; "*" allows any
	planTimeout time.Duration
	maxBody     int64
	maxStops    int
	maxSolves   int
}

// WithCORS allows cross-origin requests from the listed origins
// ("https://tour.example.cn", scheme and host and an optional port, as
// browsers send them in the Origin header); "*" allows any origin. The
// handler then answers CORS preflight requests (OPTIONS with
// Access-Control-Request-Method) and adds Access-Control-Allow-Origin to
// the responses to allowed origins. Without WithCORS the handler is
// same-origin only: it sends no CORS headers and refuses preflights with
// 403. Later calls add to the list.
func WithCORS(origins ...string) Option {
	return func(c *config) { c.origins = append(c.origins, origins...) }
}

// WithPlanTimeout sets the deadline of one plan's solve (default
// [DefaultPlanTimeout]). When it passes, the best plan found so far is
// returned with status "deadline-reached". Values <= 0 keep the default.
func WithPlanTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.planTimeout = d
		}
	}
}

// WithMaxBody sets the largest request body in bytes (default
// [DefaultMaxBody]); larger bodies are refused with 413. Values <= 0 keep
// the default.
func WithMaxBody(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithMaxStops sets the largest number of sites a plan may choose from
// (default [DefaultMaxStops]): the listed sites, or the sites of the
// requested theme. Larger plans are refused with 422. Values <= 0 keep
// the default; the planner's own limit (tour.MaxSites) still applies.
func WithMaxStops(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxStops = n
		}
	}
}

// WithMaxConcurrentPlans sets how many plans are solved at once (default
// runtime.GOMAXPROCS when the handler is made). Solving is CPU-bound: more
// solves at once only share the cores, and starve the cheap catalog
// requests. Further plan requests wait for a free solver within their
// deadline ([WithPlanTimeout]); one that finds none in time is answered
// 503 with code "busy". Values <= 0 keep the default.
func WithMaxConcurrentPlans(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxSolves = n
		}
	}
}

// solveFunc is route.Solve; tests replace it.
type solveFunc func(ctx context.Context, p route.Problem, opts ...route.Option) (*route.Plan, error)

// handler serves the API over one catalog.
type handler struct {
	cat    *heritage.Catalog
	cfg    config
	mux    *http.ServeMux
	solve  solveFunc
	solver chan struct{} // a token per running solve, cap maxSolves

	themes []string // theme slugs the catalog's sites carry, sorted
	index  map[string]int
	sites  []heritage.Site

	page     *template.Template             // the embed page
	features [3]func() (*featureSet, error) // per geo.Datum, computed once
	lines    func() ([]tour.Line, error)
}

// NewHandler returns the HTTP handler of the chuanzhu web API and embed
// page over cat (see the package documentation for the endpoints). The
// handler routes the paths "/api/sites", "/api/sites/{id...}",
// "/api/lines", "/api/plan" and "/embed" and answers every other path
// with a 404 JSON error; mount it at the root of a server, or under a
// prefix with [http.StripPrefix].
//
// NewHandler panics if cat is nil (a programmer error). The handler is
// safe for concurrent use; it computes the catalog's GeoJSON and the
// themed lines once, on first request.
func NewHandler(cat *heritage.Catalog, opts ...Option) http.Handler {
	return newHandler(cat, opts...)
}

func newHandler(cat *heritage.Catalog, opts ...Option) *handler {
	if cat == nil {
		panic("web: NewHandler: nil catalog")
	}
	cfg := config{planTimeout: DefaultPlanTimeout, maxBody: DefaultMaxBody, maxStops: DefaultMaxStops, maxSolves: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	h := &handler{cat: cat, cfg: cfg, solve: route.Solve, solver: make(chan struct{}, cfg.maxSolves),
		sites: cat.Sites(), page: pageTemplate()}
	h.index = make(map[string]int, len(h.sites))
	seen := map[string]bool{}
	for i, s := range h.sites {
		h.index[s.ID] = i
		for _, t := range s.Themes {
			if !seen[t] {
				seen[t] = true
				h.themes = append(h.themes, t)
			}
		}
	}
	slices.Sort(h.themes)
	for d := range h.features {
		h.features[d] = sync.OnceValues(func() (*featureSet, error) { return h.buildFeatures(geo.Datum(d)) })
	}
	h.lines = sync.OnceValues(h.buildLines)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/sites", h.getSites)
	mux.HandleFunc("GET /api/sites/{id...}", h.getSite)
	mux.HandleFunc("GET /api/lines", h.getLines)
	mux.HandleFunc("POST /api/plan", h.postPlan)
	mux.HandleFunc("GET /embed", h.getEmbed)
	mux.HandleFunc("GET /plan", h.getPlan)
	// The same paths without a method catch the other methods, so that
	// they get a JSON 405 rather than the mux's plain-text one.
	for path, allow := range map[string]string{
		"/api/sites":         "GET, HEAD",
		"/api/sites/{id...}": "GET, HEAD",
		"/api/lines":         "GET, HEAD",
		"/api/plan":          "POST",
		"/embed":             "GET, HEAD",
		"/plan":              "GET, HEAD",
	} {
		mux.HandleFunc(path, methodNotAllowed(allow))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, codeNotFound, "no such endpoint: "+r.URL.Path)
	})
	h.mux = mux
	return h
}

// ServeHTTP applies the CORS policy and routes the request.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if h.cors(w, r) {
		return
	}
	h.mux.ServeHTTP(w, r)
}

func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed,
			"method "+r.Method+" is not allowed here; use "+allow)
	}
}
