package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// readyz returns h's /readyz report.
func readyz(t testing.TB, h http.Handler) readyReport {
	t.Helper()
	w := call(t, h, http.MethodGet, "/readyz", "")
	var rep readyReport
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &rep), w.Body.String())
	if rep.Ready {
		assert.Equal(t, http.StatusOK, w.Code)
	} else {
		assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	}
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	return rep
}

func TestHealthz(t *testing.T) {
	h := defaultHandler()
	w := call(t, h, http.MethodGet, "/healthz", "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"status":"ok"}`, w.Body.String())
	w = call(t, h, http.MethodHead, "/healthz", "")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String())
	w = call(t, h, http.MethodPost, "/healthz", "{}")
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
}

func TestReadyz(t *testing.T) {
	h := defaultHandler(MaxConcurrentPlans(1), MaxQueuedPlans(1), PlanTimeout(time.Hour))
	rep := readyz(t, h)
	assert.True(t, rep.Ready)
	assert.Equal(t, heritage.Default().Len(), rep.Catalog.Sites)
	assert.NotEmpty(t, rep.Catalog.ETag)
	assert.Nil(t, rep.Reload, "no reload yet")
	assert.Equal(t, plansReport{Solvers: 1, MaxWaiting: 1, TypicalSolve: (time.Hour / 4).Milliseconds()}, rep.Plans)

	// Fill the only solver and the queue: the pool is saturated.
	b := newBlockingSolve()
	h.solve = b.solve
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	for range 2 {
		go func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/api/plan",
				strings.NewReader(`{"sites":["jiangxian/chexiangcheng"]}`)).WithContext(ctx))
			done <- struct{}{}
		}()
	}
	<-b.started
	require.Eventually(t, func() bool { return h.queue.waiting.Load() == 1 }, 5*time.Second, time.Millisecond)
	rep = readyz(t, h)
	assert.False(t, rep.Ready)
	assert.True(t, rep.Plans.Saturated)
	assert.Equal(t, 1, rep.Plans.Running)
	assert.Equal(t, int64(1), rep.Plans.Waiting)
	assert.Contains(t, rep.Reasons[0], "solver")
	cancel()
	<-done
	<-done
	assert.True(t, readyz(t, h).Ready, "ready again once the solvers are free")
}
