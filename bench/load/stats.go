package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Latencies are counted in logarithmic buckets 5% wide from 10µs to
// about a minute: fixed memory however long the run, so that the load
// generator's own memory stays flat in a soak.
const (
	bucketBase  = 10 * time.Microsecond
	bucketRatio = 1.05
	nBuckets    = 320
)

// histogram counts latencies in buckets.
type histogram struct {
	counts [nBuckets]int64
	n      int64
	max    time.Duration
}

func bucketOf(d time.Duration) int {
	if d <= bucketBase {
		return 0
	}
	k := int(math.Log(float64(d)/float64(bucketBase))/math.Log(bucketRatio)) + 1
	return min(k, nBuckets-1)
}

// upper is the largest latency bucket k holds.
func upper(k int) time.Duration {
	return time.Duration(float64(bucketBase) * math.Pow(bucketRatio, float64(k)))
}

func (h *histogram) add(d time.Duration) {
	h.counts[bucketOf(d)]++
	h.n++
	h.max = max(h.max, d)
}

func (h *histogram) merge(o *histogram) {
	for k, c := range o.counts {
		h.counts[k] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
}

// percentile returns the p-th percentile (0–100) by the nearest-rank
// method, as the upper bound of its bucket (at most 5% high), never more
// than the largest latency seen.
func (h *histogram) percentile(p float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := int64(math.Ceil(float64(h.n) * p / 100))
	var seen int64
	for k, c := range h.counts {
		seen += c
		if seen >= max(rank, 1) {
			return min(upper(k), h.max)
		}
	}
	return h.max
}

// stats collects one endpoint's results, in total and since the last
// sample.
type stats struct {
	name string

	mu            sync.Mutex
	total, window histogram
	errs, winErrs int
	shed, winShed int // plans answered 503 busy
	notMod        int
	bytes         int64
	firstErr      string
	statuses      map[string]int // plan statuses
}

// result is the outcome of one request.
type result struct {
	took        time.Duration
	bytes       int64
	err         error
	shed        bool          // 503 busy with Retry-After
	retryAfter  time.Duration // of a shed request
	notModified bool          // 304
	planStatus  string        // the plan's status
}

func (s *stats) add(r result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.err != nil:
		s.errs++
		s.winErrs++
		if s.firstErr == "" {
			s.firstErr = r.err.Error()
		}
		return
	case r.shed:
		s.shed++
		s.winShed++
		return
	}
	s.window.add(r.took)
	s.bytes += r.bytes
	if r.notModified {
		s.notMod++
	}
	if r.planStatus != "" {
		if s.statuses == nil {
			s.statuses = map[string]int{}
		}
		s.statuses[r.planStatus]++
	}
}

// sample returns the window since the last sample and starts a new one.
func (s *stats) sample() (h histogram, errs, shed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, errs, shed = s.window, s.winErrs, s.winShed
	s.total.merge(&s.window)
	s.window, s.winErrs, s.winShed = histogram{}, 0, 0
	return h, errs, shed
}

// memory is a snapshot of the process's memory and goroutines.
type memory struct {
	heapAlloc, heapInuse, sys uint64 // bytes, from runtime.MemStats after a GC
	rss, hwm                  uint64 // bytes, VmRSS and VmHWM from /proc; 0 when unknown
	goroutines                int
}

func snapshot() memory {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := memory{heapAlloc: ms.HeapAlloc, heapInuse: ms.HeapInuse, sys: ms.Sys, goroutines: runtime.NumGoroutine()}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmRSS":
			m.rss = kb << 10
		case "VmHWM":
			m.hwm = kb << 10
		}
	}
	return m
}

func mib(b uint64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f", float64(b)/(1<<20))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
