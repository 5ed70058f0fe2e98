package vroom

import (
	"fmt"
	"slices"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"
)

// table is a square matrix of unsigned integers no larger than maxTime
// (seconds or metres), n × n cells row by row; n is 0 when absent.
//
// A matrix is most of a large problem's input (a million numbers for a
// thousand jobs), so it is read a row at a time: the decoder checks the
// row's syntax, and a loop over its bytes reads the numbers; a row with
// anything but unsigned integers is read again number by number to say
// which one is at fault. The first row gives the size, so an over-large
// matrix is refused before the rest of it is read.
type table struct {
	n     int
	cells []uint64
}

func (t *table) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	// Before the value, the decoder's pointer is the member's name.
	path := pathAt("", dec.StackPointer())
	if err := open(dec, '['); err != nil {
		return err
	}
	*t = table{}
	rows := 0
	for ; dec.PeekKind() != ']'; rows++ {
		row, err := dec.ReadValue()
		if err != nil {
			return err
		}
		rowPath := fmt.Sprintf("%s[%d]", path, rows)
		if rows > 0 && rows == t.n {
			return invalid(path, "more than %d rows of %d entries: want a square matrix", t.n, t.n)
		}
		before := len(t.cells)
		if t.cells, err = appendRow(t.cells, row, rowPath); err != nil {
			return err
		}
		got := len(t.cells) - before
		switch {
		case rows > 0 && got != t.n:
			return invalid(rowPath, "%d entries, want %d", got, t.n)
		case rows > 0:
		case got == 0:
			return invalid(rowPath, "empty")
		case got > MaxMatrixSize:
			return invalid(rowPath, "%d entries: a matrix has at most %d rows and columns", got, MaxMatrixSize)
		default:
			t.n = got
			t.cells = slices.Grow(t.cells, got*got-got)
		}
	}
	if rows == 0 {
		return invalid(path, "empty")
	}
	if rows != t.n {
		return invalid(path, "%d rows of %d entries: want a square matrix", rows, t.n)
	}
	_, err := dec.ReadToken()
	return err
}

// appendRow appends the numbers of row, one JSON value, to cells.
func appendRow(cells []uint64, row jsontext.Value, path string) ([]uint64, error) {
	if row.Kind() != '[' {
		return cells, invalid(path, "not a JSON array")
	}
	if out, ok := appendDigits(cells, row); ok {
		return out, nil
	}
	var entries []jsontext.Value
	if err := jsonv2.Unmarshal(row, &entries); err != nil {
		return cells, describe(err, path)
	}
	for j, raw := range entries {
		at := fmt.Sprintf("%s[%d]", path, j)
		if string(raw) == "null" {
			return cells, invalid(at, "null (unreachable)")
		}
		v, err := parseNatural(raw)
		if err != nil {
			return cells, invalid(at, "%v", err)
		}
		if v > maxTime {
			return cells, invalid(at, "%d is above %d", v, uint64(maxTime))
		}
		cells = append(cells, v)
	}
	return cells, nil
}

// appendDigits appends the numbers of row, a valid JSON array, to cells
// and reports true if they are all unsigned integers no larger than
// maxTime; otherwise it returns cells unchanged and false.
func appendDigits(cells []uint64, row []byte) ([]uint64, bool) {
	out := cells
	var v uint64
	digits := 0
	for _, c := range row[1:] {
		if d := c - '0'; d <= 9 {
			v = v*10 + uint64(d)
			digits++
			continue
		}
		switch c {
		case ',', ']':
			if digits > maxDigits || v > maxTime {
				return cells, false
			}
			if digits > 0 {
				out = append(out, v)
			}
			v, digits = 0, 0
		case ' ', '\t', '\n', '\r':
		default:
			return cells, false
		}
	}
	return out, true
}

// maxDigits is the number of digits of maxTime.
const maxDigits = 10

// square returns the table as rows of conv(cell), sharing one array.
func square[T any](t *table, conv func(uint64) T) [][]T {
	out := make([][]T, t.n)
	flat := make([]T, len(t.cells))
	for i, v := range t.cells {
		flat[i] = conv(v)
	}
	for i := range out {
		out[i] = flat[i*t.n : (i+1)*t.n : (i+1)*t.n]
	}
	return out
}

// profiles is the "matrices" object: a matrix set per routing profile.
type profiles map[string]object[matrixSet]

func (ps *profiles) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if err := expect(dec, '{'); err != nil {
		return err
	}
	*ps = profiles{}
	return jsonv2.UnmarshalDecode(dec, (*map[string]object[matrixSet])(ps))
}

// matrixSet is the matrices of one profile.
type matrixSet struct {
	Durations table          `json:"durations"`
	Distances table          `json:"distances"`
	Costs     jsontext.Value `json:"costs"`
}

// matrices sets the problem's matrix from the custom matrices of in, if
// any.
func (b *builder) matrices(in *problemJSON) error {
	switch {
	case in.Matrices != nil && in.Matrix.n > 0:
		return invalid("problem", "both matrices and the legacy matrix")
	case in.Matrix.n > 0:
		b.p.Matrix = &geo.Matrix{Durations: square(&in.Matrix, seconds)}
		b.matrix, b.profile = in.Matrix.n, "car"
	case in.Matrices != nil:
		if len(in.Matrices) != 1 {
			return unsupported("matrices", "%d profiles; exactly one is supported", len(in.Matrices))
		}
		for profile, m := range in.Matrices {
			if err := b.matrixSet(profile, &m.v); err != nil {
				return err
			}
		}
	}
	b.p.indexed = b.p.Matrix != nil
	return nil
}

func (b *builder) matrixSet(profile string, m *matrixSet) error {
	path := "matrices." + profile
	switch {
	case m.Costs != nil:
		return unsupported(path+".costs", "custom costs are not supported: the cost is the travel duration")
	case m.Durations.n == 0:
		return invalid(path, "no durations")
	case m.Distances.n > 0 && m.Distances.n != m.Durations.n:
		return invalid(path+".distances", "%d rows, durations has %d", m.Distances.n, m.Durations.n)
	}
	b.p.Matrix = &geo.Matrix{Durations: square(&m.Durations, seconds)}
	if m.Distances.n > 0 {
		b.p.Matrix.Distances = square(&m.Distances, func(v uint64) float64 { return float64(v) })
		b.p.distances = true
	}
	b.matrix, b.profile = m.Durations.n, profile
	return nil
}
