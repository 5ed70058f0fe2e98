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
	switch {
	case t.Code == nil:
		return nil, fmt.Errorf("geo: OSRM table: no code in the response")
	case *t.Code != "Ok":
		return nil, &OSRMError{Code: *t.Code, Message: t.Message}
	case t.Durations == nil && t.Distances == nil:
		return nil, fmt.Errorf("geo: OSRM table has neither durations nor distances: %w", ErrEmptyMatrix)
	}
	n := len(t.Durations)
	if t.Durations == nil {
		n = len(t.Distances)
	}
	if n == 0 {
		return nil, fmt.Errorf("geo: OSRM table has no rows: %w", ErrEmptyMatrix)
	}
	if t.Durations != nil && t.Distances != nil && len(t.Distances) != n {
		return nil, &MatrixError{Table: "distances", Row: -1, Col: -1,
			Reason: fmt.Sprintf("has %d rows, durations has %d", len(t.Distances), n)}
	}
	if t.Sources != nil && len(t.Sources) != n {
		return nil, fmt.Errorf("geo: OSRM table lists %d sources for %d rows", len(t.Sources), n)
	}
	if t.Destinations != nil && len(t.Destinations) != n {
		return nil, fmt.Errorf("geo: OSRM table lists %d destinations for %d columns", len(t.Destinations), n)
	}

	// Check every row's length before allocating n×n entries, so that the
	// memory used stays proportional to the input.
	for _, tab := range []struct {
		name string
		rows [][]*float64
	}{{"durations", t.Durations}, {"distances", t.Distances}} {
		for i, row := range tab.rows {
			if len(row) != n {
				return nil, &MatrixError{Table: tab.name, Row: i, Col: -1,
					Reason: fmt.Sprintf("has %d entries, want %d (the table must be square)", len(row), n)}
			}
		}
	}

	m := &Matrix{}
	if t.Durations != nil {
		flat := make([]time.Duration, n*n)
		err := osrmEntries("durations", t.Durations, func(i, j int, v float64) error {
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
		m.Durations = make([][]time.Duration, n)
		for i := range n {
			m.Durations[i] = flat[i*n : (i+1)*n : (i+1)*n]
		}
	}
	if t.Distances != nil {
		flat := make([]float64, n*n)
		err := osrmEntries("distances", t.Distances, func(i, j int, v float64) error {
			flat[i*n+j] = v
			return nil
		})
		if err != nil {
			return nil, err
		}
		m.Distances = make([][]float64, n)
		for i := range n {
			m.Distances[i] = flat[i*n : (i+1)*n : (i+1)*n]
		}
	}
	return m, nil
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
