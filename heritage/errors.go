package heritage

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, one per class of problem a catalog can have. Every
// [Problem] wraps exactly one of them (or [ErrOpeningHours]), so callers can
// test a [*ValidationError] with [errors.Is].
var (
	// ErrSyntax: the input is not well-formed JSON, or a value has the
	// wrong JSON type.
	ErrSyntax = errors.New("heritage: malformed JSON")
	// ErrUnknownField: a member the schema does not define (often a typo).
	ErrUnknownField = errors.New("heritage: unknown field")
	// ErrMissing: a required value is absent, null or empty.
	ErrMissing = errors.New("heritage: missing value")
	// ErrID: an ID or theme that is not a lowercase ASCII slug.
	ErrID = errors.New("heritage: malformed slug")
	// ErrDuplicateID: two sites share an ID.
	ErrDuplicateID = errors.New("heritage: duplicate ID")
	// ErrCoordinates: a geometry that is not a valid WGS-84 point or
	// polygon (NaN, infinite, out of range, wrong shape).
	ErrCoordinates = errors.New("heritage: invalid coordinates")
	// ErrOutOfBound: a point outside the catalog's declared region.
	ErrOutOfBound = errors.New("heritage: outside the catalog's region")
	// ErrPeriod: a year range with from after to, or a year 0.
	ErrPeriod = errors.New("heritage: invalid period")
	// ErrKind: an unknown kind.
	ErrKind = errors.New("heritage: unknown kind")
	// ErrLevel: an unknown designation level.
	ErrLevel = errors.New("heritage: unknown designation level")
	// ErrRange: a number outside its allowed range (negative minutes,
	// non-positive precision, score outside 0–100, …).
	ErrRange = errors.New("heritage: value out of range")
	// ErrSource: a note source not listed among the site's sources, a
	// source without a URL, or a repeated source.
	ErrSource = errors.New("heritage: invalid source")
	// ErrLang: a note language other than "zh" or "en".
	ErrLang = errors.New("heritage: unknown note language")
	// ErrAnchor: an anchor place with a period, designation or non-zero
	// score.
	ErrAnchor = errors.New("heritage: anchor with heritage facts")
	// ErrEstimated: visit.estimated names something other than a visit
	// field, or a field twice.
	ErrEstimated = errors.New("heritage: invalid estimated field")
)

// Problem is one thing wrong with one site (or with the input as a whole)
// found while loading or merging a catalog.
type Problem struct {
	// Index is the position of the feature (or array element) in the
	// input, from 0; -1 when the problem is not tied to one item.
	Index int
	// ID is the site's ID when it is known, else "".
	ID string
	// Field is the JSON path of the offending value, e.g.
	// "properties.period.from"; "" for the item as a whole.
	Field string
	// Err says what is wrong; it wraps one of the package's sentinel
	// errors.
	Err error
}

func (p Problem) Error() string {
	var b strings.Builder
	switch {
	case p.Index >= 0 && p.ID != "":
		fmt.Fprintf(&b, "item %d (%s)", p.Index, p.ID)
	case p.Index >= 0:
		fmt.Fprintf(&b, "item %d", p.Index)
	case p.ID != "":
		b.WriteString(p.ID)
	default:
		b.WriteString("input")
	}
	if p.Field != "" {
		b.WriteString(": ")
		b.WriteString(p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Err.Error())
	return b.String()
}

// Unwrap returns p.Err.
func (p Problem) Unwrap() error { return p.Err }

// ValidationError lists every problem found in a catalog. A function that
// returns one has built no catalog.
type ValidationError struct {
	// Source names the input (a file path) when known.
	Source string
	// Problems are in input order; there is at least one.
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("heritage: ")
	if e.Source != "" {
		b.WriteString(e.Source)
		b.WriteString(": ")
	}
	if len(e.Problems) == 1 {
		b.WriteString("1 problem: ")
	} else {
		fmt.Fprintf(&b, "%d problems: ", len(e.Problems))
	}
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the problems as errors, so [errors.Is] and [errors.As]
// look at each of them.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// problems collects problems while validating.
type problems struct {
	list []Problem
}

func (ps *problems) add(index int, id, field string, err error) {
	ps.list = append(ps.list, Problem{Index: index, ID: id, Field: field, Err: err})
}

func (ps *problems) addf(index int, id, field string, sentinel error, format string, args ...any) {
	ps.add(index, id, field, fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...))
}

func (ps *problems) err(source string) error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Source: source, Problems: ps.list}
}
