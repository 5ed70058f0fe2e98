package route

import (
	"fmt"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Plan is the answer to a [Problem]: what to visit on each day and when,
// what was left out and why, and how the search ended.
//
// All times are in the time zone of the corresponding day's Window.Open.
// Totals are exact sums of the per-day values, and per-day values exact
// sums over the day's visits and legs.
type Plan struct {
	// Days holds one DayPlan per Problem.Days entry, in the same order;
	// a day may have no visits.
	Days []DayPlan
	// Skipped lists every stop not visited, in stop order, with the
	// reason.
	Skipped []Skip
	// Score is the total score of the visited stops.
	Score int
	// Visited is the number of visited stops.
	Visited int
	// Travel is the total travel time.
	Travel time.Duration
	// Distance is the total travelled distance in metres (0 when the
	// problem's Matrix has no distances).
	Distance float64
	// Visit is the total time spent visiting.
	Visit time.Duration
	// Wait is the total idle time: waiting for stops or breaks to open.
	Wait time.Duration
	// Overrun is the sum of the days' Overrun: 0 when every day fits its
	// window even if every leg to or from an imprecise place takes its
	// pessimistic time.
	Overrun time.Duration
	// Mode is the travel mode that turned distances into times: the
	// problem's Mode, or geo.CountyDrive for the zero Mode; the zero Mode
	// when the problem gave a Matrix.
	Mode geo.Mode
	// Status says how the search ended.
	Status Status
	// Stats describes the search.
	Stats Stats
}

// DayPlan is the schedule of one day.
type DayPlan struct {
	// Day is the index of the day in Problem.Days.
	Day int
	// Start and End are the day's places (End nil for an open day).
	Start Place
	End   *Place
	// Open is the earliest time the day may leave Start: the Day's
	// Window.Open (what the visitor asked for).
	Open time.Time
	// Depart is when to leave Start: Open, or later when leaving then
	// would only mean waiting at the first stop (or for the break) and the
	// later start keeps the buffer imprecise places need; the first visit
	// (or the break) then starts without a wait, at its opening.
	Depart time.Time
	// Return is when the day ends: the arrival at End, or for an open day
	// the end of its last visit (or break); Depart when nothing happens
	// (a day without visits that ends where it starts, or an open one).
	Return time.Time
	// Visits are the stops visited, in order.
	Visits []Visit
	// Legs are the journeys: Start to the first visit, between visits, and
	// the last visit (or Start) to End. An open day has no final leg, so
	// an open day without visits has no legs.
	Legs []Leg
	// Break is the day's scheduled break, nil when the day has none or
	// visits nothing (a day without visits takes no break).
	Break *BreakPlan
	// Score is the total score of the day's visits.
	Score int
	// Travel, Distance (metres), Visit and Wait are the day's totals;
	// Return - Depart = Travel + Visit + Wait + the break's duration.
	Travel   time.Duration
	Distance float64
	Visit    time.Duration
	Wait     time.Duration
	// Overrun is how much later than the Day's Window.Close the day may
	// end if every leg to or from an imprecise place takes its pessimistic
	// time (DurationMax), leaving at Depart and waiting less where the
	// plan waits; 0 when that still fits, and for days without a Close.
	Overrun time.Duration
}

// Visit is one stop in a day's schedule.
type Visit struct {
	// Index is the stop's index in Problem.Stops.
	Index int
	// Stop is a copy of the stop; its Windows slice is shared with the
	// problem.
	Stop Stop
	// Arrival is when the visitor arrives; Start when the visit begins
	// (after Wait); Departure when it ends (Start + Stop.Visit).
	Arrival, Start, Departure time.Time
	// Wait is Start - Arrival.
	Wait time.Duration
}

// Leg is one journey between two places.
//
// Between places known to within CoarsePrecision the range is a point:
// DistanceMin = Distance = DistanceMax and DurationMin = Duration =
// DurationMax. With an imprecise end the values are expected ones, and
// the range is what the true places allow (see the package
// documentation, "Imprecise places").
type Leg struct {
	From, To Place
	// Distance is the expected road distance in metres; 0 when the
	// problem's Matrix has no distances. DistanceMin and DistanceMax bound
	// it.
	Distance, DistanceMin, DistanceMax float64
	// Duration is the expected travel time, the one the schedule plans
	// with; DurationMin and DurationMax bound it.
	Duration, DurationMin, DurationMax time.Duration
}

// BreakPlan is a scheduled break.
type BreakPlan struct {
	// After is the index in DayPlan.Visits of the visit after which the
	// break is taken, at that stop; -1 means at the day's start, before
	// leaving.
	After int
	// Place is where the break is taken.
	Place Place
	// Start and End bound the break; End - Start is Break.Duration.
	Start, End time.Time
	// Wait is the idle time before the break, spent waiting for its
	// window to open.
	Wait time.Duration
}

// Skip is a stop left out of a plan.
type Skip struct {
	// Index is the stop's index in Problem.Stops; ID its ID.
	Index int
	ID    string
	// Reason says why the stop was left out; Detail explains it in words.
	Reason Reason
	Detail string
}

// Reason says why a stop was not visited.
type Reason int

const (
	// ReasonBudget: the stop could be visited on its own but did not fit
	// with the better-scoring choice of stops (time budget, windows).
	ReasonBudget Reason = iota
	// ReasonClosed: the stop is Closed, or none of its windows can hold
	// the visit within any day's window.
	ReasonClosed
	// ReasonUnreachable: the stop cannot be visited even alone, on an empty
	// day: the travel there and on to the day's end does not fit.
	ReasonUnreachable
)

var reasonNames = []string{"budget", "closed", "unreachable"}

// String returns "budget", "closed" or "unreachable".
func (r Reason) String() string { return enumString(reasonNames, "Reason", int(r)) }

// MarshalText encodes r as its String.
func (r Reason) MarshalText() ([]byte, error) { return enumMarshal(reasonNames, "reason", int(r)) }

// UnmarshalText decodes a String value.
func (r *Reason) UnmarshalText(b []byte) error {
	return enumUnmarshal(reasonNames, "reason", b, (*int)(r))
}

// Status says how the search for a plan ended.
type Status int

const (
	// Converged: the local search met its stopping rule (no improvement
	// for a while); the plan is good but not proven optimal.
	Converged Status = iota
	// Optimal: the plan is proven optimal (exact solver, or no choice).
	Optimal
	// DeadlineReached: the time limit or the context's deadline stopped
	// the search; the plan is the best found by then.
	DeadlineReached
	// Canceled: the context was canceled; the plan is the best found by
	// then.
	Canceled
)

var statusNames = []string{"converged", "optimal", "deadline-reached", "canceled"}

// String returns "converged", "optimal", "deadline-reached" or "canceled".
func (s Status) String() string { return enumString(statusNames, "Status", int(s)) }

// MarshalText encodes s as its String.
func (s Status) MarshalText() ([]byte, error) { return enumMarshal(statusNames, "status", int(s)) }

// UnmarshalText decodes a String value.
func (s *Status) UnmarshalText(b []byte) error {
	return enumUnmarshal(statusNames, "status", b, (*int)(s))
}

// enumString returns the name of value i of an enumeration, or
// "Type(i)" for a value without one.
func enumString(names []string, typ string, i int) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s(%d)", typ, i)
}

// enumMarshal returns the name of value i, or an error naming what.
func enumMarshal(names []string, what string, i int) ([]byte, error) {
	if i < 0 || i >= len(names) {
		return nil, fmt.Errorf("route: unknown %s %d", what, i)
	}
	return []byte(names[i]), nil
}

// enumUnmarshal sets *v to the value named b, or returns an error naming
// what.
func enumUnmarshal(names []string, what string, b []byte, v *int) error {
	for i, n := range names {
		if string(b) == n {
			*v = i
			return nil
		}
	}
	return fmt.Errorf("route: unknown %s %q", what, b)
}

// Stats describes a search.
type Stats struct {
	// Iterations counts the solver's search rounds (0 for exact solves).
	Iterations int
	// Runtime is the wall-clock time Solve took.
	Runtime time.Duration
}
