package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logRecords decodes the JSON log lines in buf.
func logRecords(t *testing.T, buf *syncBuffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		out = append(out, rec)
	}
	return out
}

// jsonLogger returns a JSON logger at level debug writing to a buffer.
func jsonLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
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
		var m map[string]int
		m["boom"]++ // a nil map: a real bug's runtime panic
	})
}

func TestPanicRecovered(t *testing.T) {
	log, buf := jsonLogger()
	h := defaultHandler(WithLogger(log))
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
	assert.NotContains(t, body.Error.Message, "nil map", "the panic stays in the log")

	recs := logRecords(t, buf)
	require.Len(t, recs, 2, buf.String())
	assert.Equal(t, "ERROR", recs[0]["level"])
	assert.Equal(t, id, recs[0]["request_id"])
	assert.Contains(t, recs[0]["panic"], "assignment to entry in nil map")
	assert.Contains(t, recs[0]["stack"], "middleware_test.go", "the stack reaches the panicking code")
	assert.Equal(t, float64(500), recs[1]["status"], "the access log has the 500")

	// The handler goes on serving.
	w = call(t, h, http.MethodGet, "/api/sites/jiangxian/chexiangcheng", "")
	assert.Equal(t, http.StatusOK, w.Code)
}

func TestPanicAfterWriteAborts(t *testing.T) {
	log, buf := jsonLogger()
	h := defaultHandler(WithLogger(log))
	addPanicRoute(h, true)
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/test/panic")
	if err == nil {
		_, err = new(bytes.Buffer).ReadFrom(resp.Body)
		resp.Body.Close()
	}
	assert.Error(t, err, "a response cut by a panic is broken, not complete")
	assert.Contains(t, buf.String(), "assignment to entry in nil map")
}

func TestAccessLog(t *testing.T) {
	log, buf := jsonLogger()
	h := defaultHandler(WithLogger(log))
	const secret = "jiangxian/a-secret-body-marker"
	w := call(t, h, http.MethodPost, "/api/plan?format=gpx", `{"sites":["`+secret+`"]}`, "X-Request-ID", "client-id.42")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	assert.Equal(t, "client-id.42", w.Header().Get("X-Request-ID"), "a valid client ID is kept")
	call(t, h, http.MethodGet, "/healthz", "", "X-Request-ID", "bad id\nlevel=ERROR")

	recs := logRecords(t, buf)
	require.Len(t, recs, 2)
	r := recs[0]
	assert.Equal(t, "INFO", r["level"])
	assert.Equal(t, "request", r["msg"])
	assert.Equal(t, "POST", r["method"])
	assert.Equal(t, "/api/plan", r["path"], "the path, without the query")
	assert.Equal(t, float64(422), r["status"])
	assert.Equal(t, "client-id.42", r["request_id"])
	assert.Greater(t, r["bytes"], float64(0))
	assert.Contains(t, r, "duration")
	assert.NotContains(t, buf.String(), "secret", "never the body")

	assert.Equal(t, "DEBUG", recs[1]["level"], "health probes log at debug")
	assert.NotEqual(t, "bad id\nlevel=ERROR", recs[1]["request_id"], "an unsafe client ID is replaced")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-z]+$`, recs[1]["request_id"])
}

func TestNoLoggerNoAccessLog(t *testing.T) {
	var buf syncBuffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	defer slog.SetDefault(old)
	h := defaultHandler()
	call(t, h, http.MethodGet, "/api/sites/jiangxian/chexiangcheng", "")
	assert.Empty(t, buf.String(), "without WithLogger the handler logs no requests")
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

// syncBuffer is a bytes.Buffer safe for concurrent writers and readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
