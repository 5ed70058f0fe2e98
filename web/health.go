package web

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
)

// readyReport is the body of GET /readyz.
type readyReport struct {
	Ready   bool          `json:"ready"`
	Reasons []string      `json:"reasons,omitempty"` // why not ready
	Catalog catalogReport `json:"catalog"`
	Plans   plansReport   `json:"plans"`
	Reload  *reloadReport `json:"reload"` // null before the first reload
}

type catalogReport struct {
	Sites  int    `json:"sites"`
	Loaded string `json:"loaded"` // RFC 3339
	ETag   string `json:"etag"`   // of GET /api/sites: changes with the catalog
}

type plansReport struct {
	Solvers      int    `json:"solvers"`
	Running      int    `json:"running"`
	Waiting      int64  `json:"waiting"`
	MaxWaiting   int    `json:"max_waiting"`
	TypicalSolve int64  `json:"typical_solve_ms"`
	Solved       uint64 `json:"solved"`
	Shed         uint64 `json:"shed"`
	Saturated    bool   `json:"saturated"`
}

// reloadReport is the outcome of the last catalog reload.
type reloadReport struct {
	Count        int      `json:"count"` // reloads so far, failed ones included
	At           string   `json:"at"`    // RFC 3339, when it started
	OK           bool     `json:"ok"`
	Error        string   `json:"error,omitempty"`
	Problems     []string `json:"problems,omitempty"` // the first maxReportedProblems
	ProblemCount int      `json:"problem_count,omitempty"`
}

// getHealth serves GET /healthz: the process is up and serving.
func (h *handler) getHealth(w http.ResponseWriter, r *http.Request) {
	writeHealthJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

// getReady serves GET /readyz: 200 when the catalog is loaded (its
// GeoJSON built) and the solvers are not saturated, else 503; the body
// says why and reports the solvers and the last catalog reload. A failed
// reload is reported but leaves the handler ready: it still serves the
// previous catalog.
func (h *handler) getReady(w http.ResponseWriter, r *http.Request) {
	rep := readyReport{Ready: true, Reload: h.reload.report()}
	rep.Catalog = catalogReport{Sites: len(h.sites), Loaded: h.loaded.UTC().Format(time.RFC3339)}
	if all, err := h.allSites[geo.WGS84](); err != nil {
		rep.Ready = false
		rep.Reasons = append(rep.Reasons, "the catalog's GeoJSON failed: "+err.Error())
	} else {
		rep.Catalog.ETag = all.etag
	}
	rep.Plans = plansReport{Solvers: cap(h.solver), Running: len(h.solver), Waiting: h.queue.waiting.Load(),
		MaxWaiting: h.cfg.maxQueue, TypicalSolve: h.solveEstimate().Milliseconds(),
		Solved: h.queue.solved.Load(), Shed: h.queue.shed.Load(), Saturated: h.saturated()}
	if rep.Plans.Saturated {
		rep.Ready = false
		rep.Reasons = append(rep.Reasons, "every solver is busy and new plan requests are shed")
	}
	status := http.StatusOK
	if !rep.Ready {
		status = http.StatusServiceUnavailable
	}
	writeHealthJSON(w, r, status, rep)
}

// writeHealthJSON writes a health answer, never cached.
func writeHealthJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		writeAPIError(w, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}
