package route

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/paulmach/orb"
)

// Limits on the size of a [Problem] and on its values. They keep every sum
// the solvers form far from integer overflow and the travel matrix in
// memory (the solvers hold a few dense tables of 8 bytes per pair of
// places: 50 MB each for MaxStops places).
const (
	// MaxStops is the largest number of stops in a Problem: enough for
	// TSPLIB's instances up to pr2392.
	MaxStops = 2500
	// MaxDays is the largest number of days (routes) in a Problem: a month
	// of days, or a month's worth of guides.
	MaxDays = 31
	// MaxScore is the largest score of one stop.
	MaxScore = 1_000_000
	// MaxDuration is the longest visit or break, and the longest travel
	// leg computed from locations and a Mode: a longer leg is taken as
	// unreachable by that mode.
	MaxDuration = 7 * 24 * time.Hour
	// MaxLeg is the longest leg of a caller's Matrix. Matrix entries are
	// costs in the problem's own unit, read as durations; a long one is
	// not unreachable. The bound (about 833 days) keeps the solvers'
	// arithmetic exact.
	MaxLeg = 20_000 * time.Hour
	// MaxLegSum bounds the sum, over the matrix rows of the places a
	// Problem uses, of each row's longest leg (about 34 years), so that
	// no tour or sum of legs the solvers form can overflow.
	MaxLegSum = 300_000 * time.Hour
)

// Place is a point a route starts from, ends at or visits.
type Place struct {
	// ID identifies the place in plans and errors. Stops need unique,
	// non-empty IDs; a day's start and end places may leave it empty.
	ID string
	// Name is a human-readable name; optional.
	Name string
	// Location is [lon, lat] in degrees, WGS-84. It is required when the
	// problem has no Matrix (travel is computed from locations); with a
	// Matrix it is optional and only carried into the plan (the zero
	// point counts as absent).
	Location orb.Point
	// MatrixIndex is the place's row and column in [Problem].Matrix; it
	// is ignored when the problem has no Matrix.
	MatrixIndex int
}

// Window is an interval of time [Open, Close]: for a stop, the whole visit
// must fit inside it — arrive, wait if early, and start no later than
// Close minus the visit duration. This is the library's rule, stricter than
// VROOM's (there only the service start must lie in the window); package
// route/vroom maps VROOM's windows onto it exactly.
//
// Times are absolute instants; they may be in any time zone (Location),
// and plans report times in the zone of the day's Window.Open.
type Window struct {
	Open, Close time.Time
}

// Contains reports whether an activity of duration d starting at start
// lies inside w, both ends included.
func (w Window) Contains(start time.Time, d time.Duration) bool {
	return !start.Before(w.Open) && !start.Add(d).After(w.Close)
}

// Stop is a place a visitor may visit: a heritage site, a customer, a job.
type Stop struct {
	Place
	// Visit is how long a visit takes (>= 0, at most MaxDuration).
	Visit time.Duration
	// Score is the stop's value to the visitor, 0 to MaxScore; VROOM's
	// priority maps here. Plans maximise the total score of visited stops.
	Score int
	// Windows are the intervals when the stop can be visited, sorted and
	// non-overlapping (touching is allowed and treated as one interval).
	// Empty means always open. A visit must fit whole inside one window.
	Windows []Window
	// Closed reports that the stop cannot be visited at all during the
	// trip (e.g. closed on the plan's only day); it is left out with
	// ReasonClosed.
	Closed bool
	// Required stops must be visited: Solve returns an error rather than a
	// plan without them.
	Required bool
}

// Break is a pause a day must include, such as lunch: it is taken at the
// place the visitor is at (after a visit, or at the day's start before
// leaving), and lies whole inside Window.
type Break struct {
	// Duration is the length of the break (>= 0, at most MaxDuration).
	Duration time.Duration
	// Window is when the break may be taken; the zero Window means any
	// time during the day.
	Window Window
}

// Day is one route: a day of a multi-day trip (with its own hotel, say),
// or the tour of one of several guides or vehicles on the same day.
type Day struct {
	// Start is where the day begins.
	Start Place
	// End is where the day must end; nil leaves the day open, ending at
	// its last visit. For a loop set End to the Start place (End = &Start).
	End *Place
	// Window bounds the day: leave Start at or after Window.Open, and be
	// at End (or, for an open day, done with the last visit) by
	// Window.Close. A zero Close means no limit. Window.Open is also the
	// clock the plan's times are counted from; with a zero Open, times
	// start at year 1, which is fine for problems without clock times.
	Window Window
	// Break, if not nil, must be scheduled during the day.
	Break *Break
}

// Problem is what Solve plans: stops to visit over one or more days.
//
// Travel durations and distances come from Matrix when it is set (places
// are matched to it by Place.MatrixIndex), otherwise from the places'
// locations and Mode. A Problem is plain data; Solve and Validate do not
// modify it.
type Problem struct {
	// Stops are the places that may be visited; 1 to MaxStops of them,
	// with unique IDs.
	Stops []Stop
	// Days are the routes to fill; 1 to MaxDays of them.
	Days []Day
	// Mode turns straight-line distances into road distances and travel
	// times when Matrix is nil. The zero Mode means [geo.CountyDrive].
	Mode geo.Mode
	// Matrix, if not nil, gives the travel durations (required) and
	// distances (optional; without them plans report zero distances)
	// between places, indexed by Place.MatrixIndex. It may be asymmetric
	// and need not satisfy the triangle inequality.
	Matrix *geo.Matrix
}

// maxErrors caps the problems one Validate call lists.
const maxErrors = 20

// Validate reports every problem with p's data, or nil: no stops or days,
// too many of either, empty or duplicate stop IDs, bad locations or
// matrix indices, negative or too long durations, scores out of range,
// windows that close before they open or overlap, day windows that end
// before they start, breaks that cannot fit, and matrices of the wrong
// size, with negative entries, with legs longer than MaxLeg or row maxima
// adding up to more than MaxLegSum.
//
// The error is a [*ValidationError] listing [*StopError], [*DayError] and
// other errors, each wrapping one of the package's sentinel errors, so
// errors.Is(err, ErrBadWindow) and errors.As(err, &stopErr) work.
func (p *Problem) Validate() error {
	v := &validator{}
	v.problem(p)
	return v.result()
}

type validator struct {
	errs []error
	more int
}

func (v *validator) add(err error) {
	if len(v.errs) == maxErrors {
		v.more++
		return
	}
	v.errs = append(v.errs, err)
}

func (v *validator) result() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Errs: v.errs, More: v.more}
}

func (v *validator) stop(i int, s *Stop, field string, err error, format string, args ...any) {
	v.add(&StopError{Index: i, ID: s.ID, Field: field, Reason: fmt.Sprintf(format, args...), Err: err})
}

func (v *validator) day(i int, field string, err error, format string, args ...any) {
	v.add(&DayError{Index: i, Field: field, Reason: fmt.Sprintf(format, args...), Err: err})
}

func (v *validator) problem(p *Problem) {
	switch {
	case len(p.Stops) == 0:
		v.add(ErrNoStops)
	case len(p.Stops) > MaxStops:
		v.add(fmt.Errorf("%w: %d stops, at most %d", ErrTooManyStops, len(p.Stops), MaxStops))
	}
	switch {
	case len(p.Days) == 0:
		v.add(ErrNoDays)
	case len(p.Days) > MaxDays:
		v.add(fmt.Errorf("%w: %d days, at most %d", ErrTooManyDays, len(p.Days), MaxDays))
	}
	if len(p.Stops) > MaxStops || len(p.Days) > MaxDays {
		return // do not walk absurdly large inputs
	}
	n := -1 // matrix size, -1 without a usable matrix
	if p.Matrix != nil {
		if err := p.Matrix.Validate(); err != nil {
			v.add(&matrixError{msg: strings.TrimPrefix(err.Error(), "geo: "), errs: []error{ErrBadMatrix, err}})
		} else if p.Matrix.Durations == nil {
			v.add(&matrixError{msg: "matrix has no durations", errs: []error{ErrBadMatrix}})
		} else {
			n = p.Matrix.Len()
		}
	} else if p.Mode != (geo.Mode{}) {
		if err := p.Mode.Validate(); err != nil {
			v.add(fmt.Errorf("route: mode: %w", err))
		}
	}
	ids := make(map[string]int, len(p.Stops))
	for i := range p.Stops {
		s := &p.Stops[i]
		if s.ID == "" {
			v.stop(i, s, "id", ErrBadPlace, "empty ID")
		} else if j, dup := ids[s.ID]; dup {
			v.stop(i, s, "id", ErrDuplicateID, "same ID as stop %d", j)
		} else {
			ids[s.ID] = i
		}
		if reason := v.place(p, &s.Place, n); reason != "" {
			v.stop(i, s, "place", ErrBadPlace, "%s", reason)
		}
		if reason := badDuration(s.Visit); reason != "" {
			v.stop(i, s, "visit", ErrBadDuration, "%s", reason)
		}
		if s.Score < 0 || s.Score > MaxScore {
			v.stop(i, s, "score", ErrBadScore, "%d is outside [0, %d]", s.Score, MaxScore)
		}
		for k, w := range s.Windows {
			field := fmt.Sprintf("window %d", k)
			if w.Close.Before(w.Open) {
				v.stop(i, s, field, ErrBadWindow, "closes before it opens")
			}
			if k > 0 && w.Open.Before(s.Windows[k-1].Close) {
				if w.Open.Before(s.Windows[k-1].Open) {
					v.stop(i, s, field, ErrBadWindow, "opens before window %d: windows must be sorted", k-1)
				} else {
					v.stop(i, s, field, ErrBadWindow, "overlaps window %d", k-1)
				}
			}
		}
	}
	for i := range p.Days {
		d := &p.Days[i]
		if reason := v.place(p, &d.Start, n); reason != "" {
			v.day(i, "start", ErrBadPlace, "%s", reason)
		}
		if d.End != nil {
			if reason := v.place(p, d.End, n); reason != "" {
				v.day(i, "end", ErrBadPlace, "%s", reason)
			}
		}
		if !d.Window.Close.IsZero() && d.Window.Close.Before(d.Window.Open) {
			v.day(i, "window", ErrBadWindow, "closes before it opens (%s)", d.Window.Close.Sub(d.Window.Open))
		}
		if b := d.Break; b != nil {
			if reason := badDuration(b.Duration); reason != "" {
				v.day(i, "break", ErrBadDuration, "%s", reason)
			}
			if b.Window != (Window{}) {
				switch {
				case b.Window.Close.Before(b.Window.Open):
					v.day(i, "break window", ErrBadWindow, "closes before it opens")
				case b.Window.Close.Sub(b.Window.Open) < b.Duration:
					v.day(i, "break window", ErrBadWindow, "%s is shorter than the %s break",
						b.Window.Close.Sub(b.Window.Open), b.Duration)
				case b.Window.Close.Before(d.Window.Open):
					v.day(i, "break window", ErrBadWindow, "closes before the day starts")
				case !d.Window.Close.IsZero() && b.Window.Open.After(d.Window.Close):
					v.day(i, "break window", ErrBadWindow, "opens after the day ends")
				}
			}
			if !d.Window.Close.IsZero() && d.Window.Close.Sub(d.Window.Open) < b.Duration {
				v.day(i, "break", ErrBadDuration, "the %s break is longer than the day", b.Duration)
			}
		}
	}
	if n >= 0 {
		v.legs(p)
	}
}

// place checks a place's location or matrix index and returns what is
// wrong with it, or "".
func (v *validator) place(p *Problem, pl *Place, n int) string {
	loc := pl.Location
	finite := !math.IsNaN(loc[0]) && !math.IsNaN(loc[1]) && !math.IsInf(loc[0], 0) && !math.IsInf(loc[1], 0)
	if p.Matrix == nil {
		if !finite || !geo.Valid(loc) {
			return fmt.Sprintf("location (%v, %v) is not a valid longitude and latitude", loc[0], loc[1])
		}
		return ""
	}
	if loc != (orb.Point{}) && (!finite || !geo.Valid(loc)) {
		return fmt.Sprintf("location (%v, %v) is not a valid longitude and latitude", loc[0], loc[1])
	}
	if n >= 0 && (pl.MatrixIndex < 0 || pl.MatrixIndex >= n) {
		return fmt.Sprintf("matrix index %d is outside the %d×%d matrix", pl.MatrixIndex, n, n)
	}
	return ""
}

// legs checks the matrix entries between the places p uses.
func (v *validator) legs(p *Problem) {
	n := p.Matrix.Len()
	used := make([]bool, n)
	mark := func(pl *Place) {
		if pl.MatrixIndex >= 0 && pl.MatrixIndex < n {
			used[pl.MatrixIndex] = true
		}
	}
	for i := range p.Stops {
		mark(&p.Stops[i].Place)
	}
	for i := range p.Days {
		mark(&p.Days[i].Start)
		if p.Days[i].End != nil {
			mark(p.Days[i].End)
		}
	}
	var total time.Duration // the longest leg out of every used place, added up
	for i := range n {
		if !used[i] {
			continue
		}
		var longest time.Duration
		at := 0
		for j := range n {
			if d := p.Matrix.Durations[i][j]; used[j] && i != j && d > longest {
				longest, at = d, j
			}
		}
		if longest > MaxLeg {
			v.add(&matrixError{msg: fmt.Sprintf("matrix durations[%d][%d]: %s is longer than MaxLeg (%s)", i, at, longest, MaxLeg), errs: []error{ErrBadMatrix}})
			return
		}
		if total += longest; total > MaxLegSum {
			v.add(&matrixError{msg: fmt.Sprintf("matrix durations: the longest legs out of rows 0 to %d add up to more than MaxLegSum (%s)", i, MaxLegSum), errs: []error{ErrBadMatrix}})
			return
		}
	}
}

func badDuration(d time.Duration) string {
	switch {
	case d < 0:
		return fmt.Sprintf("%s is negative", d)
	case d > MaxDuration:
		return fmt.Sprintf("%s is longer than %s", d, MaxDuration)
	}
	return ""
}
