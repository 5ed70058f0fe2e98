package route

import (
	"errors"
	"fmt"
	"strings"

	"github.com/chuanzhu/chuanzhu/internal/errlist"
)

// Sentinel errors. Validate and Solve wrap them in the structured errors
// below; test for them with errors.Is.
var (
	// ErrNoStops: the problem has no stops.
	ErrNoStops = errors.New("route: no stops")
	// ErrNoDays: the problem has no days.
	ErrNoDays = errors.New("route: no days")
	// ErrTooManyStops: more than MaxStops stops (MaxMatrixStops with a
	// Matrix).
	ErrTooManyStops = errors.New("route: too many stops")
	// ErrTooManyDays: more than MaxDays days.
	ErrTooManyDays = errors.New("route: too many days")
	// ErrDuplicateID: two stops share an ID.
	ErrDuplicateID = errors.New("route: duplicate stop ID")
	// ErrBadPlace: an empty stop ID, an invalid location or a matrix index
	// outside the matrix.
	ErrBadPlace = errors.New("route: bad place")
	// ErrBadDuration: a negative visit or break duration, or one longer
	// than MaxDuration.
	ErrBadDuration = errors.New("route: bad duration")
	// ErrBadScore: a score outside [0, MaxScore].
	ErrBadScore = errors.New("route: bad score")
	// ErrBadWindow: a window that closes before it opens, overlapping or
	// unsorted windows, or a break window that cannot hold the break.
	ErrBadWindow = errors.New("route: bad window")
	// ErrBadMatrix: a matrix of the wrong shape, without durations, with
	// negative or non-finite entries, or with legs beyond MaxLeg or
	// MaxLegSum.
	ErrBadMatrix = errors.New("route: bad matrix")
	// ErrUnreachable: a travel leg computed from two places' locations by
	// the problem's Mode is longer than MaxDuration.
	ErrUnreachable = errors.New("route: unreachable leg")
	// ErrBadOrder: a visiting order given to Schedule that names a stop
	// outside the problem or a stop already visited, leaves out a
	// required stop, or does not give one order per day.
	ErrBadOrder = errors.New("route: bad visiting order")
	// ErrInfeasible: no plan can visit all required stops; Solve returns it
	// inside an [*InfeasibleError] that names them. Schedule returns it
	// inside a [*DayError] for an order that cannot be kept.
	ErrInfeasible = errors.New("route: no feasible plan")
)

// StopError is a problem with one stop's data.
type StopError struct {
	Index  int    // index in Problem.Stops
	ID     string // the stop's ID, possibly empty
	Field  string // what is wrong: "id", "place", "visit", "score", "window 2"
	Reason string // how it is wrong, e.g. "closes before it opens"
	Err    error  // the sentinel class, e.g. ErrBadWindow
}

func (e *StopError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("route: stop %d: %s: %s", e.Index, e.Field, e.Reason)
	}
	return fmt.Sprintf("route: stop %d (%s): %s: %s", e.Index, e.ID, e.Field, e.Reason)
}

// Unwrap returns the sentinel class.
func (e *StopError) Unwrap() error { return e.Err }

// DayError is a problem with one day's data.
type DayError struct {
	Index  int    // index in Problem.Days
	Field  string // "start", "end", "window", "break", "break window"
	Reason string
	Err    error // the sentinel class
}

func (e *DayError) Error() string {
	return fmt.Sprintf("route: day %d: %s: %s", e.Index, e.Field, e.Reason)
}

// Unwrap returns the sentinel class.
func (e *DayError) Unwrap() error { return e.Err }

// ValidationError lists every problem found in a [Problem] by
// [Problem.Validate], or in the orders given to [Schedule]: each a
// [*StopError], a [*DayError] or another error wrapping one of the
// package's sentinels, so errors.Is and errors.As look at every one.
// It mirrors heritage.ValidationError in shape but not in concept: that
// one reports a catalog's data, this one a routing problem or an order.
type ValidationError struct {
	// Source names the input (a file path) when the caller knows it;
	// Validate and Schedule leave it empty.
	Source string
	// Errs are the problems in the order found; there is at least one.
	Errs []error
}

// wording is how a [ValidationError] spells out its problems.
var wording = errlist.Format{Prefix: "route: ", Trim: true}

// Error reports a single problem as it is, several as "route: N
// problems: a; b; …", the first ten spelled out and "(and N more)".
func (e *ValidationError) Error() string { return wording.Message(e.Source, e.Errs) }

// Unwrap returns the listed problems.
func (e *ValidationError) Unwrap() []error { return e.Errs }

// InfeasibleError names the required stops that no plan can visit and why.
// It wraps [ErrInfeasible].
type InfeasibleError struct {
	// Stops are the required stops that cannot be visited, each with its
	// reason: ReasonClosed, ReasonUnreachable (not even alone in an empty
	// day), or ReasonBudget (not together with the other required stops).
	Stops []Skip
}

func (e *InfeasibleError) Error() string {
	var b strings.Builder
	b.WriteString("route: no feasible plan: required ")
	if len(e.Stops) == 1 {
		b.WriteString("stop ")
	} else {
		b.WriteString("stops ")
	}
	for i, s := range e.Stops {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%d (%s): %s", s.Index, s.ID, s.Detail)
	}
	return b.String()
}

// Unwrap returns ErrInfeasible.
func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// matrixError is a problem with Problem.Matrix.
type matrixError struct {
	msg  string
	errs []error
}

func (e *matrixError) Error() string   { return "route: " + e.msg }
func (e *matrixError) Unwrap() []error { return e.errs }
