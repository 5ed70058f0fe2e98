package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logRecorder is a slog.Handler that keeps every record, as a map of its
// attributes with "level" and "msg".
type logRecorder struct {
	mu   sync.Mutex
	recs []map[string]any
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logRecorder) WithGroup(string) slog.Handler            { return l }

func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	m := map[string]any{"level": r.Level.String(), "msg": r.Message}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.Any()
		return true
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, m)
	return nil
}

func (l *logRecorder) records() []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.recs)
}

// String writes every record, for searching them all.
func (l *logRecorder) String() string { return fmt.Sprint(l.records()) }

// recordingLogger returns a logger keeping its records.
func recordingLogger() (*slog.Logger, *logRecorder) {
	rec := &logRecorder{}
	return slog.New(rec), rec
}

// The panic test hook: a route that panics, added to the handler's own
// mux (not reachable in a handler that tests did not change).
func addPanicRoute(h *handler, writeFirst bool) {
	h.mux.HandleFunc("GET /test/panic", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"x"`)
		if writeFirst {
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte("partial"))
		}
		words := strings.Fields(r.URL.Query().Get("words"))
		_, _ = w.Write([]byte(words[0])) // no words: a real bug's runtime panic
	})
}

func TestPanicRecovered(t *testing.T) {
	log, buf := recordingLogger()
	h := defaultHandler(Logger(log))
	addPanicRoute(h, false)

	w := call(t, h, http.MethodGet, "/test/panic", "")
	require.Equal(t, http.StatusInternalServerError, w.Code)
	id := w.Header().Get("X-Request-ID")
	require.NotEmpty(t, id)
	assert.Empty(t, w.Header().Get("ETag"), "headers set before the panic are dropped")
	var body struct {
		Error struct {
			Code, Message string
			RequestID     string `json:"request_id"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body), w.Body.String())
	assert.Equal(t, codeInternal, body.Error.Code)
	assert.Equal(t, id, body.Error.RequestID)
	assert.Contains(t, body.Error.Message, id)
	assert.NotContains(t, body.Error.Message, "index", "the panic stays in the log")

	recs := buf.records()
	require.Len(t, recs, 2, buf.String())
	assert.Equal(t, "ERROR", recs[0]["level"])
	assert.Equal(t, id, recs[0]["request_id"])
	assert.Contains(t, recs[0]["panic"], "index out of range")
	assert.Contains(t, recs[0]["stack"], "middleware_test.go", "the stack reaches the panicking code")
	assert.Equal(t, int64(500), recs[1]["status"], "the access log has the 500")

	// The handler goes on serving.
	w = call(t, h, http.MethodGet, "/api/sites/jiangxian/chexiangcheng", "")
	assert.Equal(t, http.StatusOK, w.Code)
}

func TestPanicAfterWriteAborts(t *testing.T) {
	log, buf := recordingLogger()
	h := defaultHandler(Logger(log))
	addPanicRoute(h, true)
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/test/panic")
	if err == nil {
		_, err = new(bytes.Buffer).ReadFrom(resp.Body)
		resp.Body.Close()
	}
	assert.Error(t, err, "a response cut by a panic is broken, not complete")
	assert.Contains(t, buf.String(), "index out of range")
}

func TestAccessLog(t *testing.T) {
	log, buf := recordingLogger()
	h := defaultHandler(Logger(log))
	const secret = "jiangxian/a-secret-body-marker"
	w := call(t, h, http.MethodPost, "/api/plan?format=gpx", `{"sites":["`+secret+`"]}`, "X-Request-ID", "client-id.42")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	assert.Equal(t, "client-id.42", w.Header().Get("X-Request-ID"), "a valid client ID is kept")
	call(t, h, http.MethodGet, "/healthz", "", "X-Request-ID", "bad id\nlevel=ERROR")

	recs := buf.records()
	require.Len(t, recs, 2)
	r := recs[0]
	assert.Equal(t, "INFO", r["level"])
	assert.Equal(t, "request", r["msg"])
	assert.Equal(t, "POST", r["method"])
	assert.Equal(t, "/api/plan", r["path"], "the path, without the query")
	assert.Equal(t, int64(422), r["status"])
	assert.Equal(t, "client-id.42", r["request_id"])
	assert.Greater(t, r["bytes"], int64(0))
	assert.Contains(t, r, "duration")
	assert.NotContains(t, buf.String(), "secret", "never the body")

	assert.Equal(t, "DEBUG", recs[1]["level"], "health probes log at debug")
	assert.NotEqual(t, "bad id\nlevel=ERROR", recs[1]["request_id"], "an unsafe client ID is replaced")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-z]+$`, recs[1]["request_id"])
}

func TestNoLoggerNoAccessLog(t *testing.T) {
	log, buf := recordingLogger()
	old := slog.Default()
	slog.SetDefault(log)
	defer slog.SetDefault(old)
	h := defaultHandler()
	call(t, h, http.MethodGet, "/api/sites/jiangxian/chexiangcheng", "")
	assert.Empty(t, buf.records(), "without Logger the handler logs no requests")
	addPanicRoute(h, false)
	call(t, h, http.MethodGet, "/test/panic", "")
	assert.Contains(t, buf.String(), "panic", "panics go to slog.Default")
}

func TestRequestIDsUnique(t *testing.T) {
	h := defaultHandler()
	seen := map[string]bool{}
	for range 100 {
		id := call(t, h, http.MethodGet, "/healthz", "").Header().Get("X-Request-ID")
		require.False(t, seen[id], id)
		seen[id] = true
	}
	for _, tc := range []struct {
		id string
		ok bool
	}{{"abc-123_x.y", true}, {"", false}, {strings.Repeat("a", 65), false}, {"a b", false}, {"ü", false}} {
		assert.Equal(t, tc.ok, validRequestID(tc.id), tc.id)
	}
}
