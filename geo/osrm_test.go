package geo

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// osrmTable3 has the shape of an OSRM table response for three points
// (the waypoint objects as OSRM writes them); the numbers are made up for
// the test, with different times each way.
const osrmTable3 = `{
  "code": "Ok",
  "durations": [[0, 1025.3, 1432.1], [1019.8, 0, 842.5], [1440.2, 850.1, 0]],
  "distances": [[0, 15234.5, 21890.2], [15190.7, 0, 11745.9], [21920.4, 11801.3, 0]],
  "sources": [
    {"hint": "AAAAgP___38", "distance": 4.2, "name": "", "location": [111.570671, 35.490721]},
    {"hint": "BBBBgP___38", "distance": 12.9, "name": "S233", "location": [111.372056, 35.621161]},
    {"hint": "CCCCgP___38", "distance": 0.7, "name": "", "location": [111.6, 35.4]}
  ],
  "destinations": [
    {"hint": "AAAAgP___38", "distance": 4.2, "name": "", "location": [111.570671, 35.490721]},
    {"hint": "BBBBgP___38", "distance": 12.9, "name": "S233", "location": [111.372056, 35.621161]},
    {"hint": "CCCCgP___38", "distance": 0.7, "name": "", "location": [111.6, 35.4]}
  ]
}`

func TestDecodeOSRMTable(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		distances [][]float64
		durations [][]time.Duration
	}{
		{
			name:      "both tables, asymmetric",
			in:        osrmTable3,
			distances: [][]float64{{0, 15234.5, 21890.2}, {15190.7, 0, 11745.9}, {21920.4, 11801.3, 0}},
			durations: [][]time.Duration{
				{0, 1025300 * time.Millisecond, 1432100 * time.Millisecond},
				{1019800 * time.Millisecond, 0, 842500 * time.Millisecond},
				{1440200 * time.Millisecond, 850100 * time.Millisecond, 0},
			},
		},
		{
			name:      "durations only",
			in:        `{"code":"Ok","durations":[[0,60.5],[61,0]]}`,
			durations: [][]time.Duration{{0, 60500 * time.Millisecond}, {61 * time.Second, 0}},
		},
		{
			name:      "distances only, durations null",
			in:        `{"code":"Ok","durations":null,"distances":[[0,1200],[1250.25,0]]}`,
			distances: [][]float64{{0, 1200}, {1250.25, 0}},
		},
		{
			name:      "one point, non-zero diagonal kept",
			in:        `{"code":"Ok","durations":[[3]],"distances":[[7]],"sources":[{}],"destinations":[{}]}`,
			distances: [][]float64{{7}},
			durations: [][]time.Duration{{3 * time.Second}},
		},
		{
			name:      "unknown fields ignored",
			in:        `{"code":"Ok","fallback_speed_cells":[[0,1]],"durations":[[0,1],[2,0]]}`,
			durations: [][]time.Duration{{0, time.Second}, {2 * time.Second, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := DecodeOSRMTable(strings.NewReader(tt.in))
			require.NoError(t, err)
			require.NoError(t, m.Validate())
			assert.Equal(t, tt.distances, m.Distances)
			assert.Equal(t, tt.durations, m.Durations)
			assert.Equal(t, max(len(tt.distances), len(tt.durations)), m.Len())
		})
	}
}

func TestDecodeOSRMTableErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		is       error  // errors.Is target, if any
		contains string // part of the message
		table    string // for a *MatrixError
		row, col int
	}{
		{name: "empty input", in: ``, contains: "geo: OSRM table:"},
		{name: "not JSON", in: `<html>502 Bad Gateway</html>`, contains: "geo: OSRM table:"},
		{name: "truncated", in: osrmTable3[:200], contains: "geo: OSRM table:"},
		{name: "trailing data", in: `{"code":"Ok","durations":[[0]]} {}`, contains: "geo: OSRM table:"},
		{name: "array, not object", in: `[[0,1],[1,0]]`, contains: "geo: OSRM table:"},
		{name: "string entry", in: `{"code":"Ok","durations":[[0,"5"],[5,0]]}`, contains: "geo: OSRM table:"},
		{name: "number too large", in: `{"code":"Ok","durations":[[0,1e999],[5,0]]}`, contains: "geo: OSRM table:"},
		{name: "no code", in: `{"durations":[[0]]}`, contains: "no code"},
		{name: "error code with message", in: `{"code":"InvalidQuery","message":"Query string malformed close to position 28"}`,
			contains: `code "InvalidQuery": Query string malformed close to position 28`},
		{name: "error code without message", in: `{"code":"NoTable"}`, contains: `code "NoTable"`},
		{name: "lower-case ok", in: `{"code":"ok","durations":[[0]]}`, contains: `code "ok"`},
		{name: "no tables", in: `{"code":"Ok"}`, is: ErrEmptyMatrix, contains: "neither durations nor distances"},
		{name: "both tables null", in: `{"code":"Ok","durations":null,"distances":null}`, is: ErrEmptyMatrix},
		{name: "no rows", in: `{"code":"Ok","durations":[]}`, is: ErrEmptyMatrix, contains: "no rows"},
		{name: "ragged row", in: `{"code":"Ok","durations":[[0,1,2],[1,0],[2,1,0]]}`,
			table: "durations", row: 1, col: -1, contains: "durations row 1: has 2 entries, want 3"},
		{name: "empty row", in: `{"code":"Ok","distances":[[]]}`, table: "distances", row: 0, col: -1},
		{name: "not square", in: `{"code":"Ok","durations":[[0,1,2],[1,0,3]]}`, table: "durations", row: 0, col: -1},
		{name: "tables of different sizes", in: `{"code":"Ok","durations":[[0,1],[1,0]],"distances":[[0]]}`,
			table: "distances", row: -1, col: -1, contains: "distances: has 1 rows, durations has 2"},
		{name: "null duration", in: `{"code":"Ok","durations":[[0,1,2],[1,0,null],[2,1,0]]}`,
			is: ErrUnreachable, table: "durations", row: 1, col: 2, contains: "durations[1][2]"},
		{name: "null distance", in: `{"code":"Ok","durations":[[0,1],[1,0]],"distances":[[0,null],[1,0]]}`,
			is: ErrUnreachable, table: "distances", row: 0, col: 1},
		{name: "negative duration", in: `{"code":"Ok","durations":[[0,1],[-1,0]]}`, table: "durations", row: 1, col: 0},
		{name: "negative distance", in: `{"code":"Ok","distances":[[0,-0.5],[1,0]]}`, table: "distances", row: 0, col: 1},
		{name: "duration overflows", in: `{"code":"Ok","durations":[[0,1e10],[1,0]]}`,
			table: "durations", row: 0, col: 1, contains: "overflows time.Duration"},
		{name: "too few sources", in: `{"code":"Ok","durations":[[0,1],[1,0]],"sources":[{}]}`, contains: "1 sources for 2 rows"},
		{name: "too many destinations", in: `{"code":"Ok","durations":[[0,1],[1,0]],"destinations":[{},{},{}]}`,
			contains: "3 destinations for 2 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := DecodeOSRMTable(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Nil(t, m)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
			if tt.contains != "" {
				assert.Contains(t, err.Error(), tt.contains)
			}
			var me *MatrixError
			if tt.table != "" {
				require.ErrorAs(t, err, &me)
				assert.Equal(t, tt.table, me.Table)
				assert.Equal(t, tt.row, me.Row, "row")
				assert.Equal(t, tt.col, me.Col, "column")
			} else {
				assert.False(t, errors.As(err, &me), "unexpected MatrixError %v", err)
			}
		})
	}
}

func TestDecodeOSRMTableErrorCode(t *testing.T) {
	_, err := DecodeOSRMTable(strings.NewReader(`{"code":"TooBig","message":"Too many table coordinates"}`))
	var oe *OSRMError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, OSRMError{Code: "TooBig", Message: "Too many table coordinates"}, *oe)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestDecodeOSRMTableReadError(t *testing.T) {
	_, err := DecodeOSRMTable(failingReader{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "connection reset")
}

func FuzzDecodeOSRMTable(f *testing.F) {
	f.Add([]byte(osrmTable3))
	f.Add([]byte(`{"code":"Ok","durations":[[0,1,null],[1,0,2],[3,4,0]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeOSRMTable(bytes.NewReader(data))
		if err != nil {
			if m != nil {
				t.Fatalf("matrix %v returned with error %v", m, err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("decoded matrix is invalid: %v", err)
		}
		n := m.Len()
		if n == 0 || (m.Distances != nil && len(m.Distances) != n) || (m.Durations != nil && len(m.Durations) != n) {
			t.Fatalf("decoded matrix has inconsistent size %d: %v", n, m)
		}
	})
}

func TestDecodeOSRMTableShapeBeforeAllocation(t *testing.T) {
	// 200 000 empty rows: a decoder that allocated n×n entries before
	// checking the rows would ask for 320 GB here.
	in := `{"code":"Ok","durations":[` + strings.Repeat("[],", 199_999) + `[]]}`
	_, err := DecodeOSRMTable(strings.NewReader(in))
	var me *MatrixError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, MatrixError{Table: "durations", Row: 0, Col: -1, Reason: "has 0 entries, want 200000 (the table must be square)"}, *me)
}
