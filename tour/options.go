package tour

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// Option configures [Lines] and [ThemeLines].
type Option func(*options)

type options struct {
	mode       geo.Mode
	budget     time.Duration
	span       float64
	crossSpan  float64
	baseRadius float64
	minSites   int
	story      float64 // < 0: off
	seed       int64
}

// Defaults of the line options.
const (
	// DefaultDayBudget is the time a line may take, travel and visits,
	// from leaving its base to coming back: 8 hours.
	DefaultDayBudget = 8 * time.Hour
	// DefaultMaxSpan is the largest distance between two sites of one
	// line in the same area: 30 km, about 50 minutes by car on county
	// roads, enough for a line across a county (Jiang County's sites span
	// about 26 km east to west).
	DefaultMaxSpan = 30_000.0
	// DefaultMaxCrossSpan is the largest distance between two sites of
	// one line in different areas: 25 km, so a line joins neighbouring
	// towns across a county border (Houma and Xinjiang's Liuquan, 13 km)
	// but does not stretch from one county's sites to the next county's
	// (Jiang County's Jin tombs and the Quwo–Yicheng Jin sites, 29 km).
	DefaultMaxCrossSpan = 25_000.0
	// DefaultBaseRadius is how far from the middle of a line its base
	// anchor (a town, station or hotel) may lie: 30 km.
	DefaultBaseRadius = 30_000.0
	// DefaultMinSites is the fewest sites a line strings together: 2.
	DefaultMinSites = 2
)

func newOptions(opts []Option) (options, error) {
	o := options{
		mode:       geo.CountyDrive(),
		budget:     DefaultDayBudget,
		span:       DefaultMaxSpan,
		crossSpan:  DefaultMaxCrossSpan,
		baseRadius: DefaultBaseRadius,
		minSites:   DefaultMinSites,
		story:      -1,
		seed:       1,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	switch {
	case o.mode.Validate() != nil:
		return o, fmt.Errorf("tour: Mode: %w", o.mode.Validate())
	case o.budget <= 0:
		return o, fmt.Errorf("tour: DayBudget %s must be positive", o.budget)
	case !(o.span > 0) || math.IsInf(o.span, 0):
		return o, fmt.Errorf("tour: MaxSpan %v m must be positive and finite", o.span)
	case !(o.crossSpan > 0) || math.IsInf(o.crossSpan, 0):
		return o, fmt.Errorf("tour: MaxCrossSpan %v m must be positive and finite", o.crossSpan)
	case !(o.baseRadius >= 0) || math.IsInf(o.baseRadius, 0):
		return o, fmt.Errorf("tour: BaseRadius %v m must be non-negative and finite", o.baseRadius)
	case o.minSites < 1:
		return o, fmt.Errorf("tour: MinSites %d must be at least 1", o.minSites)
	case math.IsNaN(o.story) || math.IsInf(o.story, 0):
		return o, fmt.Errorf("tour: StoryOrder %v must be finite", o.story)
	}
	return o, nil
}

// Mode sets the travel mode lines are planned for (default
// [geo.CountyDrive]).
func Mode(m geo.Mode) Option { return func(o *options) { o.mode = m } }

// DayBudget sets the time one line may take from leaving its base to
// coming back, travel and visits (default [DefaultDayBudget]).
func DayBudget(d time.Duration) Option { return func(o *options) { o.budget = d } }

// MaxSpan sets the largest great-circle distance in metres between two
// sites of one line that lie in the same area (default
// [DefaultMaxSpan]). A site's area is the first segment of its ID, the
// county or city by the catalog's convention ("jiangxian/…", "houma/…");
// IDs without a slash share one area.
func MaxSpan(metres float64) Option { return func(o *options) { o.span = metres } }

// MaxCrossSpan sets the largest great-circle distance in metres between
// two sites of one line that lie in different areas (default
// [DefaultMaxCrossSpan]); see [MaxSpan].
func MaxCrossSpan(metres float64) Option { return func(o *options) { o.crossSpan = metres } }

// limit returns the largest distance allowed between a and b on one line.
func (o options) limit(a, b heritage.Site) float64 {
	if areaOf(a) == areaOf(b) {
		return o.span
	}
	return o.crossSpan
}

// stretch returns how far apart a and b are relative to the distance
// allowed between them on one line: at most 1 when they may share one.
func (o options) stretch(a, b heritage.Site) float64 {
	return geo.Distance(a.Location, b.Location) / o.limit(a, b)
}

// areaOf returns the first segment of a site's ID, "" without a slash.
func areaOf(s heritage.Site) string {
	area, _, ok := strings.Cut(s.ID, "/")
	if !ok {
		return ""
	}
	return area
}

// BaseRadius sets how far in metres from the centre of a line its base
// anchor may be (default [DefaultBaseRadius]); a line without an anchor
// that near is an open path from its first site to its last.
func BaseRadius(metres float64) Option { return func(o *options) { o.baseRadius = metres } }

// MinSites sets the fewest sites a line must have (default
// [DefaultMinSites]); sites that cannot join such a line are reported as
// left out.
func MinSites(n int) Option { return func(o *options) { o.minSites = n } }

// StoryOrder orders each line so that its history unfolds in time, oldest
// period first, while the line stays at most maxExtra longer than its
// shortest order (0.2: at most 20% longer) and within the day budget.
// Among the orders within the bound it takes the one with the fewest
// chronological inversions, and among those the shortest; the line's
// [Story] reports the cost. maxExtra 0 keeps the shortest length (possibly
// a more chronological order of the same length); a negative maxExtra
// turns story ordering off, the default.
func StoryOrder(maxExtra float64) Option { return func(o *options) { o.story = maxExtra } }

// Seed sets the seed of the route searches behind the lines (default 1).
func Seed(n int64) Option { return func(o *options) { o.seed = n } }
