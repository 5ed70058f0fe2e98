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

// Len returns the number of places, N: the number of rows of Durations,
// or of Distances when Durations is nil. It is 0 for a nil *Matrix.
func (m *Matrix) Len() int {
	if m == nil {
		return 0
	}
	if m.Durations != nil {
		return len(m.Durations)
	}
	return len(m.Distances)
}

// ErrEmptyMatrix is returned for a matrix without places or without tables.
var ErrEmptyMatrix = errors.New("geo: empty matrix")

// ErrUnreachable is wrapped by the [MatrixError] for a matrix entry that a
// table service reports as unreachable (a JSON null).
var ErrUnreachable = errors.New("geo: unreachable")

// ErrInvalidPoint is wrapped by the errors for points with a NaN or
// infinite coordinate, a longitude outside [-180, 180] or a latitude
// outside [-90, 90].
var ErrInvalidPoint = errors.New("geo: invalid point")

// invalidPoint returns the error for points[i] = p failing [Valid].
func invalidPoint(i int, p orb.Point) error {
	return fmt.Errorf("%w %d (%v, %v): want a longitude in [-180, 180] and a latitude in [-90, 90]", ErrInvalidPoint, i, p[0], p[1])
}

// MatrixError describes a bad matrix entry or shape.
type MatrixError struct {
	Table string // "distances" or "durations"
	// Row and Col are zero-based. Col is -1 for a row of the wrong
	// length; Row and Col are both -1 for a table of the wrong size.
	Row, Col int
	Reason   string
	// Err is the sentinel behind Reason, such as [ErrUnreachable], or nil.
	Err error
}

func (e *MatrixError) Error() string {
	switch {
	case e.Row < 0:
		return fmt.Sprintf("geo: matrix %s: %s", e.Table, e.Reason)
	case e.Col < 0:
		return fmt.Sprintf("geo: matrix %s row %d: %s", e.Table, e.Row, e.Reason)
	}
	return fmt.Sprintf("geo: matrix %s[%d][%d]: %s", e.Table, e.Row, e.Col, e.Reason)
}

// Unwrap returns e.Err.
func (e *MatrixError) Unwrap() error { return e.Err }

// Validate reports the first problem found: [ErrEmptyMatrix] for a nil
// matrix, no tables or no places, and otherwise a [*MatrixError] for tables
// of different sizes, a row of the wrong length (every table must be
// N×N), or a negative, NaN or infinite entry. Diagonal entries need not be
// zero and the tables need not be symmetric. Validate does not modify m.
func (m *Matrix) Validate() error {
	if m == nil || (m.Distances == nil && m.Durations == nil) || m.Len() == 0 {
		return ErrEmptyMatrix
	}
	n := m.Len()
	if m.Distances != nil {
		if len(m.Distances) != n {
			return &MatrixError{Table: "distances", Row: -1, Col: -1,
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
// all pairs of points: Distances[i][j] is [Distance] times the mode's
// circuity, in metres, and Durations[i][j] is that distance at the mode's
// speed, rounded to the second, as [Mode.Duration] gives it. The work is
// spread over GOMAXPROCS goroutines; the result is the same for any
// number. It is symmetric with a zero diagonal; points is not modified.
//
// It returns [ErrEmptyMatrix] for no points, an error wrapping
// [ErrInvalidPoint] that names the first point with a NaN or infinite
// coordinate or a longitude or latitude out of range, and an error for an
// invalid mode or one so slow that a duration would overflow
// [time.Duration]. Time and memory are O(N²).
func NewMatrix(points []orb.Point, mode Mode) (*Matrix, error) {
	return newMatrix(points, mode, runtime.GOMAXPROCS(0))
}

// maxSeconds is the longest time.Duration in whole seconds.
const maxSeconds = float64(math.MaxInt64 / int64(time.Second))

// newMatrix is NewMatrix with the number of goroutines given; workers < 1
// counts as 1.
func newMatrix(points []orb.Point, mode Mode, workers int) (*Matrix, error) {
	if len(points) == 0 {
		return nil, ErrEmptyMatrix
	}
	if err := mode.Validate(); err != nil {
		return nil, err
	}
	for i, p := range points {
		if !Valid(p) {
			return nil, invalidPoint(i, p)
		}
	}
	mps := mode.Speed / 3.6
	// No two points are farther apart than half the circumference.
	if longest := math.Pi * EarthRadius * mode.Circuity / mps; !(longest <= maxSeconds) {
		return nil, fmt.Errorf("geo: mode %q: speed %v km/h and circuity %v give durations that overflow time.Duration",
			mode.Name, mode.Speed, mode.Circuity)
	}
	n := len(points)
	m := &Matrix{Distances: make([][]float64, n), Durations: make([][]time.Duration, n)}
	dist := make([]float64, n*n)
	dur := make([]time.Duration, n*n)
	for i := range n {
		m.Distances[i] = dist[i*n : (i+1)*n : (i+1)*n]
		m.Durations[i] = dur[i*n : (i+1)*n : (i+1)*n]
	}
	// Each entry above the diagonal is computed once, into its own row
	// only; a second pass copies it below the diagonal. Writing both
	// halves at once would have neighbouring rows, on different
	// goroutines, write to the same cache lines of every lower row.
	forEachRow(n, workers, func(i int) {
		for j := i + 1; j < n; j++ {
			d := Distance(points[i], points[j]) * mode.Circuity
			m.Distances[i][j] = d
			m.Durations[i][j] = time.Duration(math.Round(d/mps)) * time.Second
		}
	})
	forEachRow(n, workers, func(i int) {
		for j := range i {
			m.Distances[i][j] = m.Distances[j][i]
			m.Durations[i][j] = m.Durations[j][i]
		}
	})
	return m, nil
}

// forEachRow calls f(i) for i in [0, n) on workers goroutines (at least
// one) and returns when all calls have returned. Rows are handed out one
// at a time, as their costs differ.
func forEachRow(n, workers int, f func(i int)) {
	next := make(chan int, max(workers, 1))
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
