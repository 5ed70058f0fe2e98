package heritage

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/chuanzhu/chuanzhu/internal/errlist"
)

// Sentinel errors, one per class of problem a catalog can have. Every
// [SiteError] wraps exactly one of them (or [ErrOpeningHours]), so callers can
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
	// field, or a field twice, or disagrees with visit.hours_status.
	ErrEstimated = errors.New("heritage: invalid estimated field")
	// ErrUnknownValue: a visit.experience, visit.access or
	// visit.hours_status outside its list.
	ErrUnknownValue = errors.New("heritage: unknown value")
	// ErrDate: an event without a lunar or Gregorian date, with both, or
	// with one that is not a month and day.
	ErrDate = errors.New("heritage: invalid event date")
	// ErrReference: a presented_at or visit_via that names no site of the
	// catalog, the site itself, or (presented_at) a site that is not a
	// museum.
	ErrReference = errors.New("heritage: invalid reference")
)

// SiteError is one thing wrong with one site (or with the input as a
// whole) found while loading or merging a catalog. A [*ValidationError]
// lists them as *SiteError values.
type SiteError struct {
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

func (e *SiteError) Error() string {
	var b strings.Builder
	switch {
	case e.Index >= 0 && e.ID != "":
		fmt.Fprintf(&b, "item %d (%s)", e.Index, e.ID)
	case e.Index >= 0:
		fmt.Fprintf(&b, "item %d", e.Index)
	case e.ID != "":
		b.WriteString(e.ID)
	default:
		b.WriteString("input")
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns e.Err.
func (e *SiteError) Unwrap() error { return e.Err }

// ValidationError lists every problem found in a catalog. A function that
// returns one has built no catalog.
//
// It has the shape of route.ValidationError (a Source and a list of
// problems) but is a different concept, kept apart on purpose: it says
// that a catalog's data is wrong, item by item and JSON field by field
// ([*SiteError]), while route's says that a routing problem or an order
// of stops is; a caller that loads a catalog and then plans on it (the
// web server, the CLI) tells the two apart with errors.As, and each
// message starts with its own package's name. A shared type would also
// have to live here, in a package about sites, for route to use.
type ValidationError struct {
	// Source names the input (a file path) when known.
	Source string
	// Errs are the problems, each a [*SiteError], in input order; there
	// is at least one.
	Errs []error
}

// wording is how a [ValidationError] spells out its problems.
var wording = errlist.Format{Prefix: "heritage: ", CountOne: true}

// Error returns "heritage: <source>: N problems: " and the problems,
// separated by "; ", the first ten of them and then "(and N more)".
func (e *ValidationError) Error() string { return wording.Message(e.Source, e.Errs) }

// Unwrap returns the problems, so [errors.Is] and [errors.As] look at
// each of them.
func (e *ValidationError) Unwrap() []error { return e.Errs }

// problems collects problems while validating.
type problems struct {
	list []error // of *SiteError
}

func (ps *problems) add(index int, id, field string, err error) {
	ps.list = append(ps.list, &SiteError{Index: index, ID: id, Field: field, Err: err})
}

func (ps *problems) addf(index int, id, field string, sentinel error, format string, args ...any) {
	ps.add(index, id, field, fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...))
}

// err returns the problems found as a [*ValidationError] sorted by item
// (input-level ones first, the order found kept within an item), or nil.
func (ps *problems) err(source string) error {
	if len(ps.list) == 0 {
		return nil
	}
	slices.SortStableFunc(ps.list, func(a, b error) int { return a.(*SiteError).Index - b.(*SiteError).Index })
	return &ValidationError{Source: source, Errs: ps.list}
}
