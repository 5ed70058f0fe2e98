package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// syncBuffer is a bytes.Buffer safe for a writer and readers in different
// goroutines.
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

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startServe runs "chuanzhu serve -addr 127.0.0.1:0 args…" until ctx
// ends and returns its base URL, its standard error and the channel of
// its exit status.
func startServe(t *testing.T, ctx context.Context, args ...string) (base string, stderr *syncBuffer, done <-chan int) {
	t.Helper()
	stderr = &syncBuffer{}
	var stdout syncBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &stdout, stderr)
		if stdout.String() != "" {
			t.Errorf("serve wrote to standard output: %s", stdout.String())
		}
	}()
	// Wait for the address on stderr (or an early exit).
	for base == "" {
		select {
		case code := <-exit:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
	}
	return base, stderr, exit
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, stderr, done := startServe(t, ctx, "-cors", "https://tour.example.cn")
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, base)

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/sites?q="+"文公", nil)
	require.NoError(t, err)
	req.Header.Set("Origin", "https://tour.example.cn")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			ID string `json:"id"`
		} `json:"features"`
	}
	var body bytes.Buffer
	_, err = body.ReadFrom(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, body.String())
	assert.Equal(t, "https://tour.example.cn", resp.Header.Get("Access-Control-Allow-Origin"))
	require.NoError(t, jsonUnmarshal(body.String(), &fc))
	assert.Equal(t, "FeatureCollection", fc.Type)
	require.NotEmpty(t, fc.Features)
	assert.Equal(t, "jiangxian/jin-wengong-tomb", fc.Features[0].ID)

	resp, err = http.Get(base + "/api/sites")
	require.NoError(t, err)
	body.Reset()
	_, _ = body.ReadFrom(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	back, err := heritage.Load(&body)
	require.NoError(t, err)
	assert.Equal(t, heritage.Default().Len(), back.Len())

	// Cancelling the context (SIGINT in main) shuts the server down.
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.Contains(t, stderr.String(), "chuanzhu serve: stopped")
	assert.Contains(t, stderr.String(), `msg=request method=GET path=/api/sites status=200`, "the access log")
	_, err = http.Get(base + "/api/sites")
	assert.Error(t, err, "nothing listens after shutdown")
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	code, out, errs := runCLI(t, "", "serve", "-addr", ln.Addr().String())
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "chuanzhu serve: ")
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
}
