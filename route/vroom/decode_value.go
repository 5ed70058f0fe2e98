package vroom

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"
	"github.com/paulmach/orb"
)

// The value types of the problem's members. Each reads one JSON value
// with its own UnmarshalJSONFrom method, so that null and values of the
// wrong kind are errors (the v2 API stores the zero value for a null) and
// so that each says what it wanted in VROOM's words. A member that is
// absent leaves its value zero: set, or a nil list, tells it apart.

// natural is an unsigned integer: no sign, fraction or exponent, as VROOM
// wants for ids, indices, times and durations.
type natural struct {
	v   uint64
	set bool
}

func (n *natural) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	n.v, err = parseNatural(raw)
	n.set = err == nil
	return err
}

// parseNatural parses raw, one JSON value, as an unsigned integer.
func parseNatural(raw jsontext.Value) (uint64, error) {
	s := string(raw)
	v, err := strconv.ParseUint(s, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, notValue("%s is too large", s)
	case err != nil:
		return 0, notValue("%s is not a non-negative integer", short(s))
	}
	return v, nil
}

// atMost returns the value of n, a member at path, if it is at most max.
func (n natural) atMost(path string, max uint64) (uint64, error) {
	if n.v > max {
		return 0, invalid(path, "%d is above %d", n.v, max)
	}
	return n.v, nil
}

// text is a string.
type text struct {
	s   string
	set bool
}

func (t *text) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if k := dec.PeekKind(); k != '"' && k != 0 {
		return notValue("not a string")
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	t.s, t.set = tok.String(), true
	return nil
}

// point is a [lon, lat] pair of coordinates.
type point struct {
	p   orb.Point
	set bool
}

func (pt *point) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	a, err := readPair(dec, "[lon, lat]")
	if err != nil {
		return err
	}
	for i, raw := range a {
		v, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return notValue("%s is not a number", short(string(raw)))
		}
		pt.p[i] = v
	}
	if !geo.Valid(pt.p) {
		return notValue("(%v, %v) is not a valid longitude and latitude", pt.p[0], pt.p[1])
	}
	pt.set = true
	return nil
}

// window is a [start, end] pair of times in seconds, start <= end <=
// maxTime.
type window struct {
	a, b uint64
	set  bool
}

func (w *window) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	pair, err := readPair(dec, "[start, end]")
	if err != nil {
		return err
	}
	var ends [2]uint64
	for i, raw := range pair {
		v, err := parseNatural(raw)
		if err == nil && v > maxTime {
			err = notValue("%d is above %d", v, uint64(maxTime))
		}
		if err != nil {
			return &valueError{at: "[" + strconv.Itoa(i) + "]", msg: err.Error()}
		}
		ends[i] = v
	}
	if ends[1] < ends[0] {
		return notValue("ends (%d) before it starts (%d)", ends[1], ends[0])
	}
	w.a, w.b, w.set = ends[0], ends[1], true
	return nil
}

// readPair reads a JSON array of two values, as want shows them.
func readPair(dec *jsontext.Decoder, want string) ([]jsontext.Value, error) {
	raw, err := dec.ReadValue()
	if err != nil {
		return nil, err
	}
	if raw.Kind() != '[' {
		return nil, notValue("not a JSON array")
	}
	var a []jsontext.Value
	if err := jsonv2.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	if len(a) != 2 {
		return nil, notValue("want %s, got %d numbers", want, len(a))
	}
	return a, nil
}

// list is a JSON array of values of type T; a present list is never nil,
// even when empty.
type list[T any] []T

func (l *list[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if err := open(dec, '['); err != nil {
		return err
	}
	*l = list[T]{}
	for dec.PeekKind() != ']' {
		var v T
		if err := jsonv2.UnmarshalDecode(dec, &v); err != nil {
			return err
		}
		*l = append(*l, v)
	}
	_, err := dec.ReadToken()
	return err
}

// expect reports an error unless the next value is an array ('[') or an
// object ('{'), as kind says. Malformed JSON is left for the next read to
// report, except at the top, where it is not an object either.
func expect(dec *jsontext.Decoder, kind jsontext.Kind) error {
	k := dec.PeekKind()
	switch {
	case k == kind || k == 0 && dec.StackDepth() > 0:
		return nil
	case kind == '[':
		return notValue("not a JSON array")
	}
	return notValue("not a JSON object")
}

// open reads the token that opens an array ('[') or an object ('{').
func open(dec *jsontext.Decoder, kind jsontext.Kind) error {
	if err := expect(dec, kind); err != nil {
		return err
	}
	_, err := dec.ReadToken()
	return err
}

// object is a JSON object decoded into v, a struct, as UnmarshalDecode
// does, but null and values of other kinds are errors.
type object[T any] struct{ v T }

func (o *object[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if err := expect(dec, '{'); err != nil {
		return err
	}
	return jsonv2.UnmarshalDecode(dec, &o.v)
}

// entry is an element of the jobs or the vehicles array, an object named
// by its id; array names the array and its largest size.
type entry interface {
	array() (name string, max int)
}

// entries is the array of jobs or vehicles. More than its largest size
// is refused as soon as it is read. Each entry is read whole and then
// decoded, so that an error inside it names it by index and id:
// "jobs[3] (id 17).service".
type entries[T entry] []T

func (l *entries[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	var zero T
	name, max := zero.array()
	if err := open(dec, '['); err != nil {
		return err
	}
	*l = entries[T]{}
	for i := 0; dec.PeekKind() != ']'; i++ {
		if i == max {
			return tooMany(dec, name, max)
		}
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		*l = append(*l, zero)
		if err := decodeEntry(raw, &(*l)[i], fmt.Sprintf("%s[%d]", name, i)); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}

// tooMany counts the rest of the array name, which has more than max
// elements, and reports how many there are.
func tooMany(dec *jsontext.Decoder, name string, max int) error {
	n := max
	for ; dec.PeekKind() != ']'; n++ {
		if err := dec.SkipValue(); err != nil {
			return err
		}
	}
	return invalid(name, "%d %s, at most %d", n, name, max)
}

func decodeEntry(raw jsontext.Value, v any, path string) error {
	if raw.Kind() != '{' {
		return invalid(path, "not a JSON object")
	}
	err := jsonv2.Unmarshal(raw, v, jsonv2.RejectUnknownMembers(true))
	if err == nil {
		return nil
	}
	var named struct {
		ID natural `json:"id"`
	}
	if jsonv2.Unmarshal(raw, &named) == nil && named.ID.set {
		path = fmt.Sprintf("%s (id %d)", path, named.ID.v)
	}
	return describe(err, path)
}
