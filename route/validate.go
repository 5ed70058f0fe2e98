package route

import (
	"fmt"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/paulmach/orb"
)

// Validate reports every problem with p's data, or nil: no stops or days,
// too many of either, empty or duplicate stop IDs, bad locations,
// precisions or matrix indices, an invalid mode, negative or too long durations, scores out of range,
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
}

func (v *validator) add(err error) { v.errs = append(v.errs, err) }

func (v *validator) result() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Errs: v.errs}
}

func (v *validator) stopErr(i int, s *Stop, field string, err error, format string, args ...any) {
	v.add(&StopError{Index: i, ID: s.ID, Field: field, Reason: fmt.Sprintf(format, args...), Err: err})
}

func (v *validator) dayErr(i int, field string, err error, format string, args ...any) {
	v.add(&DayError{Index: i, Field: field, Reason: fmt.Sprintf(format, args...), Err: err})
}

func (v *validator) problem(p *Problem) {
	if !v.sizes(p) {
		return // do not walk absurdly large inputs
	}
	n := v.matrix(p)
	ids := make(map[string]int, len(p.Stops))
	for i := range p.Stops {
		v.stop(p, i, ids, n)
	}
	for i := range p.Days {
		v.day(p, i, n)
	}
	if n >= 0 {
		v.legs(p)
	}
}

// sizes checks the numbers of stops and days and reports whether they
// are small enough to check further.
func (v *validator) sizes(p *Problem) bool {
	most := MaxStops
	if p.Matrix != nil {
		most = MaxMatrixStops
	}
	switch {
	case len(p.Stops) == 0:
		v.add(ErrNoStops)
	case len(p.Stops) > most && p.Matrix != nil:
		v.add(fmt.Errorf("%w: %d stops, at most %d with a matrix", ErrTooManyStops, len(p.Stops), most))
	case len(p.Stops) > most:
		v.add(fmt.Errorf("%w: %d stops, at most %d", ErrTooManyStops, len(p.Stops), most))
	}
	switch {
	case len(p.Days) == 0:
		v.add(ErrNoDays)
	case len(p.Days) > MaxDays:
		v.add(fmt.Errorf("%w: %d days, at most %d", ErrTooManyDays, len(p.Days), MaxDays))
	}
	return len(p.Stops) <= most && len(p.Days) <= MaxDays
}

// matrix checks the matrix and the mode (which a matrix problem uses for
// the ranges of coarse places) and returns the matrix's size, -1 without
// a usable matrix.
func (v *validator) matrix(p *Problem) int {
	if p.Mode != (geo.Mode{}) {
		if err := p.Mode.Validate(); err != nil {
			v.add(fmt.Errorf("route: mode: %w", err))
		}
	}
	if p.Matrix == nil {
		return -1
	}
	if err := p.Matrix.Validate(); err != nil {
		v.add(&matrixError{msg: strings.TrimPrefix(err.Error(), "geo: "), errs: []error{ErrBadMatrix, err}})
		return -1
	}
	if p.Matrix.Durations == nil {
		v.add(&matrixError{msg: "matrix has no durations", errs: []error{ErrBadMatrix}})
		return -1
	}
	return p.Matrix.Len()
}

// stop checks stop i; ids maps the IDs seen so far to their stops.
func (v *validator) stop(p *Problem, i int, ids map[string]int, n int) {
	s := &p.Stops[i]
	if s.ID == "" {
		v.stopErr(i, s, "id", ErrBadPlace, "empty ID")
	} else if j, dup := ids[s.ID]; dup {
		v.stopErr(i, s, "id", ErrDuplicateID, "same ID as stop %d", j)
	} else {
		ids[s.ID] = i
	}
	if reason := v.place(p, &s.Place, n); reason != "" {
		v.stopErr(i, s, "place", ErrBadPlace, "%s", reason)
	}
	if reason := badDuration(s.Visit); reason != "" {
		v.stopErr(i, s, "visit", ErrBadDuration, "%s", reason)
	}
	if s.Score < 0 || s.Score > MaxScore {
		v.stopErr(i, s, "score", ErrBadScore, "%d is outside [0, %d]", s.Score, MaxScore)
	}
	for k, w := range s.Windows {
		field := fmt.Sprintf("window %d", k)
		if w.Close.Before(w.Open) {
			v.stopErr(i, s, field, ErrBadWindow, "closes before it opens")
		}
		if k > 0 && w.Open.Before(s.Windows[k-1].Close) {
			if w.Open.Before(s.Windows[k-1].Open) {
				v.stopErr(i, s, field, ErrBadWindow, "opens before window %d: windows must be sorted", k-1)
			} else {
				v.stopErr(i, s, field, ErrBadWindow, "overlaps window %d", k-1)
			}
		}
	}
}

// day checks day i: its places, window and break.
func (v *validator) day(p *Problem, i int, n int) {
	d := &p.Days[i]
	if reason := v.place(p, &d.Start, n); reason != "" {
		v.dayErr(i, "start", ErrBadPlace, "%s", reason)
	}
	if d.End != nil {
		if reason := v.place(p, d.End, n); reason != "" {
			v.dayErr(i, "end", ErrBadPlace, "%s", reason)
		}
	}
	if !d.Window.Close.IsZero() && d.Window.Close.Before(d.Window.Open) {
		v.dayErr(i, "window", ErrBadWindow, "closes before it opens (%s)", d.Window.Close.Sub(d.Window.Open))
	}
	if d.Break != nil {
		v.dayBreak(i, d)
	}
}

// dayBreak checks the break of day i.
func (v *validator) dayBreak(i int, d *Day) {
	b := d.Break
	if reason := badDuration(b.Duration); reason != "" {
		v.dayErr(i, "break", ErrBadDuration, "%s", reason)
	}
	if b.Window != (Window{}) {
		switch {
		case b.Window.Close.Before(b.Window.Open):
			v.dayErr(i, "break window", ErrBadWindow, "closes before it opens")
		case b.Window.Close.Sub(b.Window.Open) < b.Duration:
			v.dayErr(i, "break window", ErrBadWindow, "%s is shorter than the %s break",
				b.Window.Close.Sub(b.Window.Open), b.Duration)
		case b.Window.Close.Before(d.Window.Open):
			v.dayErr(i, "break window", ErrBadWindow, "closes before the day starts")
		case !d.Window.Close.IsZero() && b.Window.Open.After(d.Window.Close):
			v.dayErr(i, "break window", ErrBadWindow, "opens after the day ends")
		}
	}
	if !d.Window.Close.IsZero() && d.Window.Close.Sub(d.Window.Open) < b.Duration {
		v.dayErr(i, "break", ErrBadDuration, "the %s break is longer than the day", b.Duration)
	}
}

// place checks a place's precision, location or matrix index and returns what is
// wrong with it, or "".
func (v *validator) place(p *Problem, pl *Place, n int) string {
	if reason := badPrecision(pl.Precision); reason != "" {
		return reason
	}
	// With a matrix the location is optional: the zero point means none.
	loc := pl.Location
	if (p.Matrix == nil || loc != (orb.Point{})) && !geo.Valid(loc) { // NaN and ±Inf are not valid
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
