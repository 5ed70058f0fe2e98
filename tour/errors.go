package tour

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by [*FieldError]; test for them with errors.Is.
var (
	// ErrUnknownSite: an ID that is not in the catalog.
	ErrUnknownSite = errors.New("tour: unknown site")
	// ErrUnknownTheme: a theme no site of the catalog carries and that is
	// not a known theme.
	ErrUnknownTheme = errors.New("tour: unknown theme")
	// ErrNoSites: nothing to plan, e.g. a known theme that no site of the
	// catalog carries.
	ErrNoSites = errors.New("tour: no sites to plan")
	// ErrTooLarge: more than MaxSites sites or MaxDays days.
	ErrTooLarge = errors.New("tour: request too large")
	// ErrInvalid: any other bad value (a date that does not exist, hours
	// outside (0, 24], an unknown mode, a point off the globe, …).
	ErrInvalid = errors.New("tour: invalid request")
	// ErrSyntax: a JSON request that is not one JSON object (malformed,
	// empty, trailing data, a member given twice, invalid UTF-8), from
	// [DecodeRequest].
	ErrSyntax = errors.New("tour: malformed JSON request")
	// ErrUnknownField: a JSON member the request does not have (names
	// are case-sensitive), from [DecodeRequest].
	ErrUnknownField = errors.New("tour: unknown field")
	// ErrUnplannable: a well-formed request that cannot give a plan
	// visiting anything, such as a start so far from every site that none
	// can be reached, visited and left within a day.
	ErrUnplannable = errors.New("tour: nothing can be planned")
)

// FieldError reports a bad field of a [Request]. Field names the field
// as in the JSON form ("sites[2]", "start", "hotels[0]", "hours",
// "break.from"), or is empty when the request as a whole is at fault (a
// body that is not JSON); Err is one of the package's sentinels.
type FieldError struct {
	// Field is the JSON name of the field, with an index for list items
	// and a dot before a nested member; empty for the whole request.
	Field string
	// Value is the offending value as text; may be empty.
	Value string
	// Reason says what is wrong.
	Reason string
	// Err is the sentinel class (ErrUnknownSite, ErrInvalid, …).
	Err error
}

func (e *FieldError) Error() string {
	switch {
	case e.Field == "":
		return "tour: " + e.Reason
	case e.Value == "":
		return fmt.Sprintf("tour: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("tour: %s %.80q: %s", e.Field, e.Value, e.Reason)
}

// Unwrap returns the sentinel class.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, value string, err error, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Value: value, Reason: fmt.Sprintf(format, args...), Err: err}
}
