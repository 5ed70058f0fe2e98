package route

import (
	"fmt"
	"math"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Limits and thresholds of place precision; see the package
// documentation, section "Imprecise places".
const (
	// CoarsePrecision is the largest Place.Precision, in metres, that
	// counts as exact: a place known to within 500 m (a site's car park,
	// its gate, the far end of a ruin) is planned as a point, as the
	// mode's circuity already allows for that much.
	CoarsePrecision = 500.0
	// MaxPrecision is the largest Place.Precision, in metres: 1000 km,
	// far more than any place worth planning a visit to.
	MaxPrecision = 1_000_000.0
)

// Coarse reports whether the place is known only roughly: its Precision
// is above CoarsePrecision, so its legs get ranges (see the package
// documentation, "Imprecise places").
func (p Place) Coarse() bool { return p.Precision > CoarsePrecision }

// coarseRadius is the radius a place's precision adds to its legs: 0 for
// a place known to within CoarsePrecision, else its Precision.
func coarseRadius(pl Place) float64 {
	if !pl.Coarse() {
		return 0
	}
	return pl.Precision
}

// badPrecision returns what is wrong with a precision, or "".
func badPrecision(r float64) string {
	if !(r >= 0 && r <= MaxPrecision) { // NaN fails too
		return fmt.Sprintf("precision %v m is outside [0, %g]", r, MaxPrecision)
	}
	return ""
}

// legRange is a leg's travel between places known only to their
// precision: the expected value the schedule plans with, and the least
// and the most it can be.
type legRange struct {
	dur, durMin, durMax    time.Duration
	dist, distMin, distMax float64
}

// exact is the range of a leg between exactly known places.
func exact(dur time.Duration, dist float64) legRange {
	return legRange{dur, dur, dur, dist, dist, dist}
}

// straightRange returns the expected, least and greatest straight-line
// distance between a place somewhere within r1 of one point and a place
// somewhere within r2 of another point d metres away: max(d, ⅔·max(r1,
// r2)), max(0, d − r1 − r2) and d + r1 + r2 (see the package
// documentation, "Imprecise places").
func straightRange(d, r1, r2 float64) (exp, lo, hi float64) {
	return max(d, 2*max(r1, r2)/3), max(0, d-r1-r2), d + r1 + r2
}

// roadTime is the travel time of mode over straight metres, rounded to
// the second as geo.NewMatrix rounds it, and saturated far beyond
// MaxDuration rather than overflowing.
func roadTime(mode geo.Mode, straight float64) time.Duration {
	secs := math.Round(mode.RoadDistance(straight) / (mode.Speed / 3.6))
	return time.Duration(min(secs, float64(4*MaxDuration/time.Second))) * time.Second
}

// legRange returns the travel range from node i to node j. Between
// exactly known places (and between equal places, such as a stop that is
// also a day's start) the range is the travel matrix's value. Otherwise,
// without a Matrix, it is LegBetween's: the three straight distances of
// straightRange become road distances and times through the mode; with a
// Matrix its value stays the expected one and the range widens by the
// mode's distance and time over r1 + r2 straight metres (the distance
// only when the Matrix has distances).
func (m *model) legRange(i, j int) legRange {
	a, b := m.places[i], m.places[j]
	r1, r2 := coarseRadius(a), coarseRadius(b)
	if i == j || r1+r2 == 0 || a == b {
		return exact(time.Duration(m.travel.At(i, j)), m.distance(i, j))
	}
	mode := m.mode()
	if m.p.Matrix != nil {
		dt, dd := roadTime(mode, r1+r2), mode.RoadDistance(r1+r2)
		lr := legRange{dur: time.Duration(m.travel.At(i, j)), dist: m.distance(i, j)}
		lr.durMin, lr.durMax = max(0, lr.dur-dt), lr.dur+dt
		lr.distMin, lr.distMax = lr.dist, lr.dist
		if m.p.Matrix.Distances != nil {
			lr.distMin, lr.distMax = max(0, lr.dist-dd), lr.dist+dd
		}
		return lr
	}
	l := LegBetween(a, b, mode)
	return legRange{l.Duration, l.DurationMin, l.DurationMax, l.Distance, l.DistanceMin, l.DistanceMax}
}

// inside reports whether a leg between a and b stays inside one place:
// one is visited through the other (Place.Via) and both are given the
// same location.
func inside(a, b Place) bool {
	_, ok := Leg{From: a, To: b}.Host()
	return ok
}

// Host returns the place the leg stays inside, when one end is visited
// through the other (Place.Via) and both are given the same location: a
// cemetery seen in its museum. Without a Matrix such a leg takes no
// travel; a Matrix's value stands, as for every leg.
func (l Leg) Host() (Place, bool) {
	if l.From.Location != l.To.Location {
		return Place{}, false
	}
	switch {
	case l.From.Via != "" && l.From.Via == l.To.ID:
		return l.To, true
	case l.To.Via != "" && l.To.Via == l.From.ID:
		return l.From, true
	}
	return Place{}, false
}

// LegBetween returns the leg from one place to another by mode, without
// a matrix, as [Solve] and [Schedule] compute it: the great-circle
// distance between the locations turned into road distance and time by
// the mode ([geo.Mode.RoadDistance], whole seconds as [geo.NewMatrix]
// rounds them), with the range the places' precisions allow (see the
// package documentation, "Imprecise places"). Equal places, and a place
// and the one it is visited through at the same location (Place.Via),
// are 0 apart.
// It does not validate its arguments; an invalid mode gives meaningless
// values.
func LegBetween(from, to Place, mode geo.Mode) Leg {
	l := Leg{From: from, To: to}
	if from == to || inside(from, to) {
		return l
	}
	exp, lo, hi := straightRange(geo.Distance(from.Location, to.Location), coarseRadius(from), coarseRadius(to))
	l.Duration, l.DurationMin, l.DurationMax = roadTime(mode, exp), roadTime(mode, lo), roadTime(mode, hi)
	l.Distance, l.DistanceMin, l.DistanceMax = mode.RoadDistance(exp), mode.RoadDistance(lo), mode.RoadDistance(hi)
	return l
}

// legTime is the Duration of LegBetween(from, to, mode), the expected
// travel time without the range, given the distance between the
// locations (geo.Distance, or geo.Points.Distance, equal to the bit).
func legTime(from, to Place, straight float64, mode geo.Mode) time.Duration {
	if from == to || inside(from, to) {
		return 0
	}
	exp, _, _ := straightRange(straight, coarseRadius(from), coarseRadius(to))
	return roadTime(mode, exp)
}

// coarsen replaces the dense travel table's values between locations by
// their expected value wherever a coarse place is an end, and returns an
// error for an expected leg longer than MaxDuration. Problems with a
// Matrix keep its values. Legs between locations are symmetric: each
// pair is computed once.
func (m *model) coarsen() error {
	if m.p.Matrix != nil {
		return nil
	}
	travel := m.travel.Dense()
	for i := range m.n {
		ci := coarseRadius(m.places[i]) > 0
		for j := i + 1; j < m.n; j++ {
			if !ci && coarseRadius(m.places[j]) == 0 {
				continue
			}
			lr := m.legRange(i, j)
			if lr.dur > MaxDuration {
				return m.unreachable(i, j, lr.dur, true)
			}
			travel[i*m.n+j], travel[j*m.n+i] = int64(lr.dur), int64(lr.dur)
		}
	}
	return nil
}
