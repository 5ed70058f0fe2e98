package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// getLatencies times n sequential GETs of path, failing on any error.
func getLatencies(t *testing.T, client *http.Client, url string, n int) []time.Duration {
	t.Helper()
	out := make([]time.Duration, n)
	for i := range out {
		t0 := time.Now()
		resp, err := client.Get(url)
		require.NoError(t, err)
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		out[i] = time.Since(t0)
	}
	slices.Sort(out)
	return out
}

// slowClient opens a connection to addr and sends a request's headers one
// byte every interval, as a slowloris attack does, until the server
// closes the connection; it returns how long the connection lived.
func slowClient(ctx context.Context, addr string, interval time.Duration) (time.Duration, error) {
	start := time.Now() // before the server can accept, and start its timer
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	closed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, conn) // returns when the server closes
		close(closed)
	}()
	head := "GET /api/sites HTTP/1.1\r\nHost: " + addr + "\r\nUser-Agent: slowloris\r\nX-Padding: " + strings.Repeat("a", 10000)
	for i := 0; ; i++ {
		select {
		case <-closed:
			return time.Since(start), nil
		case <-ctx.Done():
			return time.Since(start), ctx.Err()
		case <-time.After(interval):
		}
		_, _ = conn.Write([]byte{head[i%len(head)]})
	}
}

// TestServeSlowloris: 200 connections send their headers one byte every
// 50ms. Other clients are served as fast as before, and the server closes
// each stalled connection at -read-header-timeout.
func TestServeSlowloris(t *testing.T) {
	const headerTimeout = time.Second
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, _, done := startServe(t, ctx, "-read-header-timeout", headerTimeout.String(), "-log-level", "warn")
	addr := strings.TrimPrefix(base, "http://")
	client := &http.Client{Timeout: 10 * time.Second}
	url := base + "/api/sites/jiangxian/chexiangcheng"
	getLatencies(t, client, url, 5)
	before := getLatencies(t, client, url, 40)

	sctx, scancel := context.WithTimeout(ctx, 10*headerTimeout)
	defer scancel()
	lived := make([]time.Duration, 200)
	errs := make([]error, len(lived))
	var wg sync.WaitGroup
	for i := range lived {
		wg.Go(func() { lived[i], errs[i] = slowClient(sctx, addr, 50*time.Millisecond) })
	}
	time.Sleep(headerTimeout / 4) // all are connected and trickling
	during := getLatencies(t, client, url, 40)
	wg.Wait()

	slices.Sort(lived)
	t.Logf("GET p50/max: %s/%s before, %s/%s with 200 slowloris connections; they were closed after %s to %s",
		before[len(before)/2], before[len(before)-1], during[len(during)/2], during[len(during)-1], lived[0], lived[len(lived)-1])
	for i, err := range errs {
		require.NoError(t, err, "slow connection %d was not closed within %s", i, 10*headerTimeout)
	}
	assert.GreaterOrEqual(t, lived[0], headerTimeout*9/10, "closed by the header timeout, not before")
	assert.Less(t, lived[len(lived)-1], headerTimeout+3*time.Second, "every stalled connection is closed soon after the header timeout")
	assert.Less(t, during[len(during)/2], max(50*time.Millisecond, 5*before[len(before)/2]), "others are served at their normal latency")
	assert.Less(t, during[len(during)-1], max(time.Second, 5*before[len(before)-1]))

	cancel()
	assert.Equal(t, 0, <-done)
}
