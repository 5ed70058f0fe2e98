package geo

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/goccy/go-json"
)

// OSRMError is the error response of an OSRM service: a code other than
// "Ok", such as "InvalidQuery", "NoTable" or "TooBig", and its message.
type OSRMError struct {
	Code    string
	Message string
}

func (e *OSRMError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("geo: OSRM table: code %q", e.Code)
	}
	return fmt.Sprintf("geo: OSRM table: code %q: %s", e.Code, e.Message)
}

// osrmTable is the part of an OSRM table response that DecodeOSRMTable
// reads. Entries are pointers so that null (unreachable) is told apart
// from 0; waypoints are only counted.
type osrmTable struct {
	Code         *string           `json:"code"`
	Message      string            `json:"message"`
	Durations    [][]*float64      `json:"durations"`
	Distances    [][]*float64      `json:"distances"`
	Sources      []json.RawMessage `json:"sources"`
	Destinations []json.RawMessage `json:"destinations"`
}

// DecodeOSRMTable reads the JSON response of an OSRM table service
// (/table/v1/{profile}/…?annotations=duration,distance) into a Matrix.
// durations are seconds, converted to time.Duration rounded to the
// nanosecond, and distances are metres; either may be absent (or null),
// and the other table is then nil in the result. Other fields are ignored.
//
// The table must be square: the same N points as sources and destinations,
// as OSRM returns when neither sources nor destinations is given. The
// matrix may be asymmetric, and diagonal entries are kept as given.
//
// It returns an [*OSRMError] when the code is not "Ok"; [ErrEmptyMatrix]
// (wrapped) when both tables are absent or have no rows; a
// [*MatrixError] naming the table, row and column for a row of the wrong
// length, tables of different sizes, a null entry (wrapping
// [ErrUnreachable]), a negative entry or a duration that overflows
// time.Duration; an error when sources or destinations are listed but
// their number is not N; and a wrapped decoding error for anything that
// is not such a JSON object, including empty input and trailing data. JSON has
// no NaN or infinity, so numbers too large for float64 are decoding
// errors. It reads r to the end and holds the whole response in memory:
// bound r (e.g. [net/http.MaxBytesReader]) when the source is not trusted.
func DecodeOSRMTable(r io.Reader) (*Matrix, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("geo: OSRM table: %w", err)
	}
	var t osrmTable
	if err := unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("geo: OSRM table: %w", err)
	}
	n, err := t.size()
	if err != nil {
		return nil, err
	}
	m := &Matrix{}
	if t.Durations != nil {
		if m.Durations, err = osrmDurations(t.Durations, n); err != nil {
			return nil, err
		}
	}
	if t.Distances != nil {
		if m.Distances, err = osrmDistances(t.Distances, n); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// size checks the response's code and shape and returns its number of
// rows. Every row's length is checked before anything of n×n entries is
// allocated, so that the memory used stays proportional to the input.
func (t *osrmTable) size() (int, error) {
	switch {
	case t.Code == nil:
		return 0, fmt.Errorf("geo: OSRM table: no code in the response")
	case *t.Code != "Ok":
		return 0, &OSRMError{Code: *t.Code, Message: t.Message}
	case t.Durations == nil && t.Distances == nil:
		return 0, fmt.Errorf("geo: OSRM table has neither durations nor distances: %w", ErrEmptyMatrix)
	}
	n := len(t.Durations)
	if t.Durations == nil {
		n = len(t.Distances)
	}
	switch {
	case n == 0:
		return 0, fmt.Errorf("geo: OSRM table has no rows: %w", ErrEmptyMatrix)
	case t.Durations != nil && t.Distances != nil && len(t.Distances) != n:
		return 0, &MatrixError{Table: "distances", Row: -1, Col: -1,
			Reason: fmt.Sprintf("has %d rows, durations has %d", len(t.Distances), n)}
	case t.Sources != nil && len(t.Sources) != n:
		return 0, fmt.Errorf("geo: OSRM table lists %d sources for %d rows", len(t.Sources), n)
	case t.Destinations != nil && len(t.Destinations) != n:
		return 0, fmt.Errorf("geo: OSRM table lists %d destinations for %d columns", len(t.Destinations), n)
	}
	for _, tab := range []struct {
		name string
		rows [][]*float64
	}{{"durations", t.Durations}, {"distances", t.Distances}} {
		for i, row := range tab.rows {
			if len(row) != n {
				return 0, &MatrixError{Table: tab.name, Row: i, Col: -1,
					Reason: fmt.Sprintf("has %d entries, want %d (the table must be square)", len(row), n)}
			}
		}
	}
	return n, nil
}

// osrmDurations reads an n×n table of seconds.
func osrmDurations(rows [][]*float64, n int) ([][]time.Duration, error) {
	flat := make([]time.Duration, n*n)
	err := osrmEntries("durations", rows, func(i, j int, v float64) error {
		ns := math.Round(v * float64(time.Second))
		if !(ns < math.MaxInt64) { // float64(MaxInt64) is 2^63, one past the range
			return &MatrixError{Table: "durations", Row: i, Col: j,
				Reason: fmt.Sprintf("%v s overflows time.Duration", v)}
		}
		flat[i*n+j] = time.Duration(ns)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return square(flat, n), nil
}

// osrmDistances reads an n×n table of metres.
func osrmDistances(rows [][]*float64, n int) ([][]float64, error) {
	flat := make([]float64, n*n)
	err := osrmEntries("distances", rows, func(i, j int, v float64) error {
		flat[i*n+j] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	return square(flat, n), nil
}

// square cuts flat, n×n entries, into n rows that share its storage.
func square[T any](flat []T, n int) [][]T {
	rows := make([][]T, n)
	for i := range n {
		rows[i] = flat[i*n : (i+1)*n : (i+1)*n]
	}
	return rows
}

// osrmEntries checks that the entries of a table are finite non-negative
// numbers and passes each to set, which may reject it.
func osrmEntries(table string, rows [][]*float64, set func(i, j int, v float64) error) error {
	for i, row := range rows {
		for j, p := range row {
			switch {
			case p == nil:
				return &MatrixError{Table: table, Row: i, Col: j, Reason: "null: no route", Err: ErrUnreachable}
			case math.IsNaN(*p) || math.IsInf(*p, 0) || *p < 0:
				return &MatrixError{Table: table, Row: i, Col: j,
					Reason: fmt.Sprintf("%v is not a finite non-negative number", *p)}
			}
			if err := set(i, j, *p); err != nil {
				return err
			}
		}
	}
	return nil
}

// unmarshal decodes data into v with goccy/go-json, turning a panic inside
// the decoder into an error: the input is untrusted and the decoder is
// third-party code, so a decoder bug must not crash the caller.
func unmarshal(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("JSON decoder failed: %v", r)
		}
	}()
	return json.Unmarshal(data, v)
}
