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
)

// FieldError reports a bad field of a [Request]. Field names the field
// as in the JSON form ("sites[2]", "start", "hotels[0]", "hours",
// "break"); Err is one of the package's sentinels, possibly joined with
// the error of a lower layer.
type FieldError struct {
	// Field is the JSON name of the field, with an index for list items.
	Field string
	// Value is the offending value as text; may be empty.
	Value string
	// Reason says what is wrong.
	Reason string
	// Err is the sentinel class (ErrUnknownSite, ErrInvalid, …).
	Err error
}

func (e *FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("tour: %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("tour: %s %q: %s", e.Field, e.Value, e.Reason)
}

// Unwrap returns the sentinel class.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, value string, err error, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Value: value, Reason: fmt.Sprintf(format, args...), Err: err}
}
