package geo

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/paulmach/orb"
)

// Matrix holds travel distances and durations between N places. Row i is
// the place travelled from, column j the place travelled to; the matrix may
// be asymmetric (one-way streets, climbs). Either table may be nil when it
// is unknown, but not both.
//
// A Matrix is a plain value: callers may build one by hand, from
// [NewMatrix], or from an external table service with [DecodeOSRMTable].
// Call [Matrix.Validate] on matrices that come from outside the program.
type Matrix struct {
	// Distances[i][j] is the travelled distance in metres from i to j.
	Distances [][]float64
	// Durations[i][j] is the travel time from i to j.
	Durations [][]time.Duration
}

// Len returns the number of places, N.
func (m *Matrix) Len() int {
	if m.Durations != nil {
		return len(m.Durations)
	}
	return len(m.Distances)
}

// ErrEmptyMatrix is returned for a matrix without places or without tables.
var ErrEmptyMatrix = errors.New("geo: empty matrix")

// MatrixError describes a bad matrix entry or shape.
type MatrixError struct {
	Table    string // "distances" or "durations"
	Row, Col int    // zero-based; Col is -1 for a row of the wrong length
	Reason   string
}

func (e *MatrixError) Error() string {
	if e.Col < 0 {
		return fmt.Sprintf("geo: matrix %s row %d: %s", e.Table, e.Row, e.Reason)
	}
	return fmt.Sprintf("geo: matrix %s[%d][%d]: %s", e.Table, e.Row, e.Col, e.Reason)
}

// Validate reports the first problem found: no tables, tables of different
// sizes, a row of the wrong length, or a negative, NaN or infinite entry.
// Diagonal entries need not be zero.
func (m *Matrix) Validate() error {
	if m == nil || (m.Distances == nil && m.Durations == nil) || m.Len() == 0 {
		return ErrEmptyMatrix
	}
	n := m.Len()
	if m.Distances != nil {
		if len(m.Distances) != n {
			return &MatrixError{Table: "distances", Row: len(m.Distances), Col: -1,
				Reason: fmt.Sprintf("has %d rows, durations has %d", len(m.Distances), n)}
		}
		for i, row := range m.Distances {
			if len(row) != n {
				return &MatrixError{Table: "distances", Row: i, Col: -1, Reason: fmt.Sprintf("has %d entries, want %d", len(row), n)}
			}
			for j, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					return &MatrixError{Table: "distances", Row: i, Col: j, Reason: fmt.Sprintf("%v is not a finite non-negative distance", v)}
				}
			}
		}
	}
	if m.Durations != nil {
		for i, row := range m.Durations {
			if len(row) != n {
				return &MatrixError{Table: "durations", Row: i, Col: -1, Reason: fmt.Sprintf("has %d entries, want %d", len(row), n)}
			}
			for j, v := range row {
				if v < 0 {
					return &MatrixError{Table: "durations", Row: i, Col: j, Reason: fmt.Sprintf("%v is negative", v)}
				}
			}
		}
	}
	return nil
}

// NewMatrix returns the road distances and travel durations by mode between
// all pairs of points, computed from great-circle distances ([Distance]
// times the mode's circuity) in parallel over GOMAXPROCS goroutines. The
// result is symmetric with a zero diagonal.
//
// It returns an error naming the first invalid point (NaN, infinite or out
// of range), for an invalid mode, and [ErrEmptyMatrix] for no points.
// Time and memory are O(N²).
func NewMatrix(points []orb.Point, mode Mode) (*Matrix, error) {
	return newMatrix(points, mode, runtime.GOMAXPROCS(0))
}

func newMatrix(points []orb.Point, mode Mode, workers int) (*Matrix, error) {
	if len(points) == 0 {
		return nil, ErrEmptyMatrix
	}
	if err := mode.Validate(); err != nil {
		return nil, err
	}
	for i, p := range points {
		if !finite(p) || !Valid(p) {
			return nil, fmt.Errorf("geo: point %d (%v, %v): not a valid longitude and latitude", i, p[0], p[1])
		}
	}
	n := len(points)
	m := &Matrix{Distances: make([][]float64, n), Durations: make([][]time.Duration, n)}
	dist := make([]float64, n*n)
	dur := make([]time.Duration, n*n)
	for i := range n {
		m.Distances[i] = dist[i*n : (i+1)*n : (i+1)*n]
		m.Durations[i] = dur[i*n : (i+1)*n : (i+1)*n]
	}
	mps := mode.Speed / 3.6
	fill := func(i int) {
		for j := i + 1; j < n; j++ {
			d := Distance(points[i], points[j]) * mode.Circuity
			t := time.Duration(math.Round(d/mps)) * time.Second
			m.Distances[i][j], m.Distances[j][i] = d, d
			m.Durations[i][j], m.Durations[j][i] = t, t
		}
	}
	if workers < 1 {
		workers = 1
	}
	// Rows are handed out one at a time: row i has n-i-1 entries, so a
	// static split would leave the last worker idle.
	next := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fill(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return m, nil
}
