package vroom

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"
)

// ErrUnsupported is wrapped by errors about VROOM features outside the
// supported subset (shipments, capacities, skills, …).
var ErrUnsupported = errors.New("vroom: unsupported feature")

// ErrInvalid is wrapped by errors about malformed input.
var ErrInvalid = errors.New("vroom: invalid problem")

// fieldError is an error about the member at path ("jobs[3] (id 7).service",
// "matrix[0][1]", "problem" for the whole input); it wraps ErrInvalid or
// ErrUnsupported.
type fieldError struct {
	kind error
	path string
	msg  string
}

func (e *fieldError) Error() string { return e.kind.Error() + ": " + e.path + ": " + e.msg }
func (e *fieldError) Unwrap() error { return e.kind }

func invalid(path, format string, args ...any) error {
	return &fieldError{kind: ErrInvalid, path: path, msg: fmt.Sprintf(format, args...)}
}

func unsupported(path, format string, args ...any) error {
	return &fieldError{kind: ErrUnsupported, path: path, msg: fmt.Sprintf(format, args...)}
}

// valueError is the error of a value that is not what its member wants,
// returned by the UnmarshalJSONFrom methods of this package; at is
// appended to the member's path ("[1]" for the second number of a window).
type valueError struct {
	at  string
	msg string
}

func (e *valueError) Error() string { return e.msg }

func notValue(format string, args ...any) error {
	return &valueError{msg: fmt.Sprintf(format, args...)}
}

// describe turns an error of the JSON decoder into a fieldError naming the
// member at fault. base names the value decoded ("jobs[2] (id 5)"), ""
// for the whole problem.
func describe(err error, base string) error {
	var fe *fieldError
	var ve *valueError
	var sem *jsonv2.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &fe):
		return fe
	case errors.As(err, &syn) && errors.Is(syn.Err, jsontext.ErrDuplicateName):
		return invalid(pathAt(base, syn.JSONPointer.Parent()), "key %q appears twice", syn.JSONPointer.LastToken())
	case errors.As(err, &sem) && errors.Is(sem.Err, jsonv2.ErrUnknownName):
		return invalid(pathAt(base, sem.JSONPointer.Parent()), "unknown field %q", sem.JSONPointer.LastToken())
	case errors.As(err, &sem) && errors.As(sem.Err, &ve):
		return invalid(pathAt(base, sem.JSONPointer)+ve.at, "%s", ve.msg)
	case errors.As(err, &syn):
		return invalid(pathAt(base, ""), "%s", strings.TrimPrefix(syn.Error(), "jsontext: "))
	case errors.As(err, &sem):
		return invalid(pathAt(base, sem.JSONPointer), "%s", strings.TrimPrefix(sem.Error(), "json: "))
	}
	return invalid(pathAt(base, ""), "%s", err)
}

// pathAt names the value at pointer p inside the value named base, in the
// style of the error messages: "/matrices/car/durations/1" is
// "matrices.car.durations[1]", and "" inside the whole problem is
// "problem".
func pathAt(base string, p jsontext.Pointer) string {
	var b strings.Builder
	b.WriteString(base)
	for tok := range p.Tokens() {
		if _, err := strconv.ParseUint(tok, 10, 64); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	if b.Len() == 0 {
		return "problem"
	}
	return b.String()
}

// short clips s, a JSON value, for an error message on one line.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
