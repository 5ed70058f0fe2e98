package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/goccy/go-json"
)

// requestIDHeader carries the request ID in both directions.
const requestIDHeader = "X-Request-ID"

// requestIDs makes request IDs: a random prefix per handler and a counter,
// unique across restarts and cheap.
type requestIDs struct {
	prefix string
	n      atomic.Uint64
}

func newRequestIDs() requestIDs {
	var b [4]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return requestIDs{prefix: hex.EncodeToString(b[:])}
}

func (ids *requestIDs) next() string {
	return ids.prefix + "-" + strconv.FormatUint(ids.n.Add(1), 36)
}

// validRequestID reports whether a client's X-Request-ID may be reused
// (logged and echoed): 1 to 64 letters, digits and "-", "_", ".", so that
// it cannot forge log records.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// statusWriter records the status and the bytes written.
type statusWriter struct {
	http.ResponseWriter
	status int // 0 until the header is written
	bytes  int64
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 && status >= 200 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe serves the request with next under a request ID (the client's
// X-Request-ID when valid, else a new one, echoed in the response),
// recovers a panic of next into a JSON 500 naming the ID, with the stack
// logged, and writes the access log record.
func (c *core) observe(w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
	id := r.Header.Get(requestIDHeader)
	if !validRequestID(id) {
		id = c.ids.next()
	}
	w.Header().Set(requestIDHeader, id)
	sw := &statusWriter{ResponseWriter: w}
	start := time.Now()
	defer func() {
		p := recover()
		answered := p == nil || c.recovered(sw, r, id, p)
		c.logAccess(r, sw, id, time.Since(start))
		if !answered {
			// The response had started: abort it, so that the client
			// sees a broken response rather than a truncated one.
			panic(http.ErrAbortHandler)
		}
	}()
	next(sw, r)
}

// recovered handles a panic of a request: it logs the panic with its
// stack and answers a JSON 500 with the request ID, unless the response
// had started; it reports whether it answered.
func (c *core) recovered(w *statusWriter, r *http.Request, id string, p any) bool {
	if p == http.ErrAbortHandler {
		panic(p) // net/http's own way to abort a response: not a bug
	}
	c.logger().Error("panic serving a request", "request_id", id, "method", r.Method, "path", r.URL.Path,
		"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	if w.status != 0 {
		return false
	}
	type detail struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id"`
	}
	b, _ := json.Marshal(struct {
		Error detail `json:"error"`
	}{detail{codeInternal, "internal error (request ID " + id + "); it has been logged", id}})
	hd := w.Header()
	for k := range hd {
		switch k {
		case http.CanonicalHeaderKey(requestIDHeader), "X-Content-Type-Options", "Vary",
			"Access-Control-Allow-Origin", "Access-Control-Expose-Headers":
		default:
			delete(hd, k) // what the handler set for the answer it did not give
		}
	}
	hd.Set("Content-Type", "application/json")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(append(b, '\n'))
	return true
}

// logAccess writes the access log record of a request, if the handler
// has a logger: Info, or Debug for the health probes.
func (c *core) logAccess(r *http.Request, w *statusWriter, id string, d time.Duration) {
	if c.cfg.log == nil {
		return
	}
	level := slog.LevelInfo
	if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
		level = slog.LevelDebug
	}
	ctx := r.Context()
	if !c.cfg.log.Enabled(ctx, level) {
		return
	}
	status := w.status
	if status == 0 {
		status = http.StatusOK // a handler that wrote nothing
	}
	c.cfg.log.LogAttrs(ctx, level, "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", status),
		slog.Int64("bytes", w.bytes), slog.Duration("duration", d), slog.String("request_id", id))
}
