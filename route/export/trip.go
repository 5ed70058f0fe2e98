package export

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// trip is the renderer-neutral view of a plan that every output is written
// from: built once per call by fromPlan, with names resolved in the chosen
// language and sites looked up in the catalog. Locations stay WGS-84; the
// writers convert them with options.point.
type trip struct {
	title   string
	lex     lexicon // words in the chosen language and the plan's travel mode
	days    []tripDay
	skipped []tripSkip
	total   tripTotals
}

// tripTotals sums a day or the whole trip.
type tripTotals struct {
	visits   int
	distance float64 // metres
	travel   time.Duration
	visit    time.Duration
	wait     time.Duration
	// approx is set when some of the travel is an estimate: a leg to or
	// from a place known only roughly ([tripStop.coarse]).
	approx bool
}

// role is a stop's part in a day.
type role string

const (
	roleStart role = "start"
	roleStop  role = "stop"
	roleEnd   role = "end"
)

type tripDay struct {
	day    int    // 1-based
	color  string // "#rrggbb"
	stops  []tripStop
	legs   []tripLeg // legs[i] joins stops[i] and stops[i+1]
	brk    *tripBreak
	depart time.Time
	open   time.Time // when the day was asked to start (route.DayPlan.Open)
	ret    time.Time // arrival at the end (or the last departure on an open day)
	total  tripTotals
}

type tripStop struct {
	role  role
	order int // 1-based position among the day's visits; 0 for start and end
	seq   int // 1-based position among all the trip's visits; 0 for start and end
	id    string
	name  string    // in the chosen language
	alt   string    // the other language's name, when a catalog knows it
	loc   orb.Point // WGS-84
	// hasLoc is false for a place the plan gives no location and the
	// catalog does not know: the map outputs refuse such a plan.
	hasLoc bool
	// arrival, start and departure are the visit's times; a start has only
	// departure, an end only arrival.
	arrival, start, departure time.Time
	wait                      time.Duration
	visit                     time.Duration
	site                      *heritage.Site
	// precision is the radius in metres within which the place lies, from
	// the catalog; 0 when unknown.
	precision float64
	// nav finds the place on the ground; empty without a location.
	nav navLinks
}

type tripLeg struct {
	from, to int // indices into the day's stops
	distance float64
	duration time.Duration
	// durMin and durMax bound the duration where an end is known only
	// roughly (route's "Imprecise places"); equal to it otherwise.
	durMin, durMax time.Duration
	// host names the place the leg stays inside (route's Leg.Host), in
	// the chosen language; "" for a leg that travels.
	host string
}

type tripBreak struct {
	after    int // index into the day's stops of the place the break is taken at
	start    time.Time
	duration time.Duration
}

type tripSkip struct {
	name   string // in the chosen language, from the catalog; else the ID
	reason string // a route.Reason's name (budget, closed, unreachable), which phrase.Lang.LeftOut words
}

// point returns p in the output datum.
func (o *options) point(p orb.Point) orb.Point {
	if o.datum == geo.WGS84 {
		return p
	}
	return geo.Convert(p, geo.WGS84, o.datum)
}

// dayColor returns day's colour (1-based): Paul Tol's "vibrant" qualitative
// scheme (its six colours, without the grey), chosen to stay apart for
// colour-blind readers, then four darker colours of his "muted" scheme;
// after ten days the colours repeat.
func dayColor(day int) string {
	palette := [...]string{
		"#CC3311", "#0077BB", "#009988", "#EE7733", "#EE3377",
		"#33BBEE", "#882255", "#117733", "#999933", "#332288",
	}
	if day < 1 {
		day = 1
	}
	return palette[(day-1)%len(palette)]
}

// hasDate reports whether t is a real calendar time rather than a clock
// counted from year 1 (a plan whose days have no Window.Open).
func hasDate(t time.Time) bool { return t.Year() > 1 }

// mappedTrip reads the options and builds the trip view of p for the
// writers that put every place on a map (GeoJSON, GPX, KML, JSON-LD), so
// every place must have a location.
func mappedTrip(p *route.Plan, opts []Option) (*trip, options, error) {
	o, err := newOptions(opts)
	if err != nil {
		return nil, o, err
	}
	t, err := fromPlan(p, &o)
	if err != nil {
		return nil, o, err
	}
	if err := t.requireLocations(); err != nil {
		return nil, o, err
	}
	return t, o, nil
}

// writeMapped writes p in an output that puts every place on a map: it
// reads the options, builds the trip (see mappedTrip), makes the output's
// document of it with build and writes that with write.
func writeMapped(w io.Writer, p *route.Plan, opts []Option, build func(*trip, *options) any, write func(io.Writer, any) error) error {
	t, o, err := mappedTrip(p, opts)
	if err != nil {
		return err
	}
	return write(w, build(t, &o))
}

// fromPlan builds the trip view of p. It fails on a nil plan and on a day
// whose legs do not join its places; a place without a location is kept
// (hasLoc false) for the writers that need none.
func fromPlan(p *route.Plan, o *options) (*trip, error) {
	if p == nil {
		return nil, errors.New("export: nil plan")
	}
	t := &trip{title: o.title, lex: newLexicon(o.lang, p.Mode)}
	seq := 0
	for di := range p.Days {
		d, err := o.tripDay(&p.Days[di], &seq)
		if err != nil {
			return nil, err
		}
		t.total.add(d.total)
		t.days = append(t.days, d)
	}
	for _, sk := range p.Skipped {
		s := tripSkip{name: sk.ID, reason: sk.Reason.String()}
		if site, ok := o.site(sk.ID); ok {
			s.name = siteName(site, o.lang)
		}
		t.skipped = append(t.skipped, s)
	}
	if t.title == "" {
		start := ""
		if len(t.days) > 0 {
			start = t.days[0].stops[0].name
		}
		t.title = t.lex.defaultTitle(start, len(t.days))
	}
	return t, nil
}

// add adds u to t.
func (t *tripTotals) add(u tripTotals) {
	t.visits += u.visits
	t.distance += u.distance
	t.travel += u.travel
	t.visit += u.visit
	t.wait += u.wait
	t.approx = t.approx || u.approx
}

// tripDay builds the trip view of one day; seq counts the trip's visits
// so far. A day without visits or legs (a closed day, a day with nothing
// left to visit) is its start alone when it ends where it starts, and has
// no break: nothing happens on it.
func (o *options) tripDay(dp *route.DayPlan, seq *int) (tripDay, error) {
	d := tripDay{
		day:    dp.Day + 1,
		color:  dayColor(dp.Day + 1),
		depart: dp.Depart,
		open:   dp.Open,
		ret:    dp.Return,
		total: tripTotals{
			visits: len(dp.Visits), distance: dp.Distance,
			travel: dp.Travel, visit: dp.Visit, wait: dp.Wait,
		},
	}
	start := o.place(dp.Start, roleStart)
	start.departure = dp.Depart
	d.stops = append(d.stops, start)
	for vi, v := range dp.Visits {
		*seq++
		s := o.place(v.Stop.Place, roleStop)
		s.order, s.seq = vi+1, *seq
		s.arrival, s.start, s.departure = v.Arrival, v.Start, v.Departure
		s.wait, s.visit = v.Wait, v.Stop.Visit
		d.stops = append(d.stops, s)
	}
	idle := len(dp.Visits) == 0 && len(dp.Legs) == 0
	if dp.End != nil && !(idle && samePlace(dp.Start, *dp.End)) {
		end := o.place(*dp.End, roleEnd)
		end.arrival = dp.Return
		d.stops = append(d.stops, end)
	}
	if len(dp.Legs) != len(d.stops)-1 && !idle {
		return d, fmt.Errorf("export: day %d has %d legs for %d places", d.day, len(dp.Legs), len(d.stops))
	}
	for i, lg := range dp.Legs {
		tl := tripLeg{from: i, to: i + 1, distance: lg.Distance, duration: lg.Duration, durMin: lg.DurationMin, durMax: lg.DurationMax}
		if host, ok := lg.Host(); ok && lg.DurationMax == 0 { // a Matrix's value stands
			tl.host = d.stops[i+1].name
			if host.ID == lg.From.ID {
				tl.host = d.stops[i].name
			}
		}
		d.legs = append(d.legs, tl)
		d.total.approx = d.total.approx || d.stops[i].coarse() || d.stops[i+1].coarse()
	}
	if b := dp.Break; b != nil && len(dp.Visits) > 0 {
		if b.After < -1 || b.After >= len(dp.Visits) {
			return d, fmt.Errorf("export: day %d: break after visit %d of %d", d.day, b.After, len(dp.Visits))
		}
		d.brk = &tripBreak{after: b.After + 1, start: b.Start, duration: b.End.Sub(b.Start)}
	}
	return d, nil
}

// samePlace reports whether a and b are one place: the same ID and
// location.
func samePlace(a, b route.Place) bool { return a.ID == b.ID && a.Location == b.Location }

// site looks id up in the catalog option.
func (o *options) site(id string) (*heritage.Site, bool) {
	if o.catalog == nil || id == "" {
		return nil, false
	}
	s, ok := o.catalog.Get(id)
	if !ok {
		return nil, false
	}
	return &s, true
}

// place makes a trip stop of a route place, enriched from the catalog: the
// catalog's name in the chosen language wins over the plan's name, and
// its location fills in a place without one.
func (o *options) place(p route.Place, r role) tripStop {
	s := tripStop{role: r, id: p.ID, name: p.Name, loc: p.Location, hasLoc: p.Location != orb.Point{}}
	if site, ok := o.site(p.ID); ok {
		s.site = site
		s.name = siteName(site, o.lang)
		other := "en"
		if o.lang == "en" {
			other = "zh"
		}
		if alt := siteName(site, other); alt != s.name {
			s.alt = alt
		}
		if !s.hasLoc {
			s.loc, s.hasLoc = site.Location, true
		}
		s.precision = sitePrecision(site)
	}
	if s.name == "" {
		s.name = p.ID
	}
	if s.hasLoc {
		s.nav = navigate(&s)
	}
	return s
}

// requireLocations reports the first place without a location, for the
// outputs that draw or position places.
func (t *trip) requireLocations() error {
	for _, d := range t.days {
		for _, s := range d.stops {
			if !s.hasLoc {
				return fmt.Errorf("export: day %d: place %q has no location (give it one, or pass a Catalog that knows it)", d.day, s.id)
			}
		}
	}
	return nil
}
