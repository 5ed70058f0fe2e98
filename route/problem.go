package route

import (
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/paulmach/orb"
)

// Limits on the size of a [Problem] and on its values. They keep every sum
// the solvers form far from integer overflow and the travel times in
// memory: Solve holds a dense table of travel times, 8 bytes per pair of
// places (n places: the stops and the days' distinct starts and ends),
// for a Matrix and for up to 5,792 places by locations (256 MiB); above,
// it computes them from the locations when the solvers read them (see
// the package documentation, "Large problems"). Distances are not
// tabled; they are computed for the legs of the plan.
const (
	// MaxStops is the largest number of stops in a Problem given by
	// locations (no Matrix): a county's or a province's whole register,
	// or the 5,058 national key units, four times over. Memory is not
	// what bounds it (a 20,000-stop, 5-day plan with windows takes about
	// 0.1 GB, see bench/README.md) but time: the search's cost per
	// iteration grows with the stops.
	MaxStops = 20_000
	// MaxMatrixStops is the largest number of stops in a Problem with a
	// Matrix: enough for TSPLIB's instances up to pr2392. The caller's
	// Matrix (16 bytes per pair with distances) and the travel table
	// then stay within about 150 MB.
	MaxMatrixStops = 2500
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
	// Precision is the radius in metres around Location within which the
	// true place lies, 0 to MaxPrecision; 0 means exact. Places known to
	// within CoarsePrecision (500 m) are planned as points; legs to and
	// from coarser ones get a range of durations and distances (see the
	// package documentation, "Imprecise places").
	Precision float64
	// Via is the ID of another place through which this one is visited
	// (a site seen only inside its museum: heritage's visit_via). When
	// the two share a Location, a leg between them stays inside one place
	// and takes no travel, however coarse their precision.
	Via string
}

// Window is an interval of time [Open, Close]: for a stop, the whole visit
// must fit inside it — arrive, wait if early, and start no later than
// Close minus the visit duration. This is the library's rule, stricter than
// VROOM's (there only the service start must lie in the window); package
// route/vroom maps VROOM's windows onto it exactly, and
// [WindowFromInterval] a heritage site's half-open opening interval.
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
	// Stops are the places that may be visited; 1 to MaxStops of them
	// (MaxMatrixStops with a Matrix), with unique IDs.
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
