package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// Defaults of the handler's limits; see the options that change them.
const (
	// DefaultPlanTimeout bounds one plan request, the wait for a solver
	// included: 2 s, about ten times the largest plan of the embedded
	// catalog (every site over 3 days: 0.15–0.25 s of one core, see
	// BenchmarkPostPlanCatalog), so a solver can clear a queue of such
	// plans within it.
	DefaultPlanTimeout = 2 * time.Second
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
	maxQueue    int          // plan requests waiting for a solver; 0: queuePerSolver per solver
	log         *slog.Logger // nil: no access log
}

// queuePerSolver is the default bound of waiting plan requests per
// solver ([MaxQueuedPlans]).
const queuePerSolver = 32

// CORS allows cross-origin requests from the listed origins
// ("https://tour.example.cn", scheme and host and an optional port, as
// browsers send them in the Origin header); "*" allows any origin. The
// handler then answers CORS preflight requests (OPTIONS with
// Access-Control-Request-Method) and adds Access-Control-Allow-Origin to
// the responses to allowed origins. Without CORS the handler is
// same-origin only: it sends no CORS headers and refuses preflights with
// 403. Later calls add to the list.
func CORS(origins ...string) Option {
	return func(c *config) { c.origins = append(c.origins, origins...) }
}

// positive is the Option that sets the limit field points at to v, or
// keeps its default when v <= 0: the rule of every limit option.
func positive[T int | int64 | time.Duration](v T, field func(*config) *T) Option {
	return func(c *config) {
		if v > 0 {
			*field(c) = v
		}
	}
}

// PlanTimeout sets the deadline of one plan's solve (default
// [DefaultPlanTimeout]). When it passes, the best plan found so far is
// returned with status "deadline-reached". Values <= 0 keep the default.
func PlanTimeout(d time.Duration) Option {
	return positive(d, func(c *config) *time.Duration { return &c.planTimeout })
}

// MaxBody sets the largest request body in bytes (default
// [DefaultMaxBody]); larger bodies are refused with 413. Values <= 0 keep
// the default.
func MaxBody(n int64) Option {
	return positive(n, func(c *config) *int64 { return &c.maxBody })
}

// MaxStops sets the largest number of sites a plan may choose from
// (default [DefaultMaxStops]): the listed sites, or the sites of the
// requested theme. Larger plans are refused with 422. Values <= 0 keep
// the default; the planner's own limit (tour.MaxSites) still applies.
func MaxStops(n int) Option {
	return positive(n, func(c *config) *int { return &c.maxStops })
}

// MaxConcurrentPlans sets how many plans are solved at once (default
// one less than runtime.GOMAXPROCS when the handler is made, at least
// one). Solving is CPU-bound: more solves at once only share the cores,
// and a solve on every core starves the cheap catalog requests, which
// then wait for the scheduler to preempt a solve; the core left over
// keeps them fast. Further plan requests wait for a free solver within their
// deadline ([PlanTimeout]) when the handler expects one to be free in
// time; otherwise, or when one finds none in time, they are answered 503
// with code "busy" and a Retry-After header (see the package
// documentation, "Overload"). Values <= 0 keep the default.
func MaxConcurrentPlans(n int) Option {
	return positive(n, func(c *config) *int { return &c.maxSolves })
}

// MaxQueuedPlans bounds the plan requests that wait for a free solver
// (default 32 per solver, see [MaxConcurrentPlans]); more are shed at
// once with 503 "busy". The handler sheds earlier still when it expects
// the wait to outlast the plan deadline. Values <= 0 keep the default.
func MaxQueuedPlans(n int) Option {
	return positive(n, func(c *config) *int { return &c.maxQueue })
}

// Logger makes the handler write an access log to l: one record per
// request at level Info (Debug for the health probes) with its method,
// path (without the query), status, bytes written, duration and request
// ID, never the body. Panics and catalog reloads are logged to l too, or
// to [slog.Default] without Logger (the handler writes no access log
// then).
func Logger(l *slog.Logger) Option {
	return func(c *config) { c.log = l }
}

// defaultSolvers is the default of MaxConcurrentPlans: a solver per
// core but one, kept for the other requests.
func defaultSolvers() int { return max(1, runtime.GOMAXPROCS(0)-1) }

// solveFunc is route.Solve; tests replace it.
type solveFunc func(ctx context.Context, p route.Problem, opts ...route.Option) (*route.Plan, error)

// handler serves the API over one catalog. A handler value pairs one
// catalog's derived data with the core all catalogs share; requests are
// routed to the value over the current catalog (core.current), which a
// reload replaces while requests in flight keep theirs.
type handler struct {
	*catalogState
	*core
}

// core is what a handler keeps across catalog reloads.
type core struct {
	cfg    config
	solve  solveFunc
	solver chan struct{} // a token per running solve, cap maxSolves
	queue  admission
	page   *template.Template // the embed page
	ids    requestIDs

	current atomic.Pointer[handler] // the handler over the current catalog
	reload  reloadStatus
}

// Handler is the HTTP handler of the chuanzhu web API (see the package
// documentation). Its catalog can be replaced while it serves
// ([Handler.SetCatalog], [Handler.Reload]). It is safe for concurrent use.
type Handler struct {
	h *handler
}

// NewHandler returns the HTTP handler of the chuanzhu web API and embed
// page over cat (see the package documentation for the endpoints). The
// handler routes the paths "/api/sites", "/api/sites/{id...}",
// "/api/lines", "/api/plan", "/embed", "/plan", "/healthz" and "/readyz" and
// answers every other path with a 404 JSON error; mount it at the root of
// a server, or under a prefix with [http.StripPrefix].
//
// NewHandler panics if cat is nil (a programmer error). The handler is
// safe for concurrent use; it computes the catalog's GeoJSON and the
// themed lines once, on first request.
func NewHandler(cat *heritage.Catalog, opts ...Option) *Handler {
	return &Handler{newHandler(cat, opts...)}
}

// ServeHTTP serves one request on the current catalog.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.h.ServeHTTP(w, r) }

// Catalog returns the catalog new requests are served from.
func (h *Handler) Catalog() *heritage.Catalog { return h.h.current.Load().cat }

func newHandler(cat *heritage.Catalog, opts ...Option) *handler {
	if cat == nil {
		panic("web: NewHandler: nil catalog")
	}
	cfg := config{planTimeout: DefaultPlanTimeout, maxBody: DefaultMaxBody, maxStops: DefaultMaxStops, maxSolves: defaultSolvers()}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.maxQueue == 0 {
		cfg.maxQueue = queuePerSolver * cfg.maxSolves
	}
	c := &core{cfg: cfg, solve: route.Solve, solver: make(chan struct{}, cfg.maxSolves),
		page: pageTemplate(), ids: newRequestIDs()}
	h := c.handlerFor(cat)
	c.current.Store(h)
	return h
}

// ServeHTTP gives the request an ID, logs it, recovers a panic into a 500,
// applies the CORS policy and routes the request on the current catalog.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.observe(w, r, func(w http.ResponseWriter, r *http.Request) {
		cur := h.current.Load()
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if cur.cors(w, r) {
			return
		}
		cur.mux.ServeHTTP(w, r)
	})
}

// routes returns the mux of h's endpoints, bound to h.
func (h *handler) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /api/sites", apiFunc(h.getSites))
	mux.Handle("GET /api/sites/{id...}", apiFunc(h.getSite))
	mux.Handle("GET /api/lines", apiFunc(h.getLines))
	mux.Handle("POST /api/plan", apiFunc(h.postPlan))
	mux.HandleFunc("GET /embed", h.getEmbed)
	mux.HandleFunc("GET /plan", h.getPlan)
	mux.HandleFunc("POST /plan", h.postPlanPage)
	mux.HandleFunc("GET /healthz", h.getHealth)
	mux.HandleFunc("GET /readyz", h.getReady)
	// The same paths without a method catch the other methods, so that
	// they get a JSON 405 rather than the mux's plain-text one.
	for path, allow := range map[string]string{
		"/api/sites":         "GET, HEAD",
		"/api/sites/{id...}": "GET, HEAD",
		"/api/lines":         "GET, HEAD",
		"/api/plan":          "POST",
		"/embed":             "GET, HEAD",
		"/plan":              "GET, HEAD, POST",
		"/healthz":           "GET, HEAD",
		"/readyz":            "GET, HEAD",
	} {
		mux.HandleFunc(path, methodNotAllowed(allow))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, codeNotFound, "no such endpoint: "+r.URL.Path)
	})
	return mux
}

func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed,
			"method "+r.Method+" is not allowed here; use "+allow)
	}
}
