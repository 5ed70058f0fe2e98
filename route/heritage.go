package route

import (
	"fmt"
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// PlaceFromSite returns the place of a heritage site (a hotel, a town, a
// site), for a Day's start or end or a stop: its ID, its Chinese name (the
// English one when there is none), where one arrives and how precisely
// that is known. One arrives at the visitor entrance when the catalog
// gives one ([heritage.Site.Entrance]; a large site's centre is not where
// one arrives), with the entrance's precision
// ([heritage.Site.EntrancePrecisionM]) when given, else the site's;
// otherwise at the site's point, with its precision
// ([heritage.Site.PrecisionM]). A site seen only through another
// ([heritage.Site.VisitVia]) records it in Via.
func PlaceFromSite(s heritage.Site) Place {
	name := s.Name.Zh
	if name == "" {
		name = s.Name.En
	}
	loc, precision := s.Location, s.PrecisionM
	if s.Entrance != nil {
		loc = *s.Entrance
		if s.EntrancePrecisionM > 0 {
			precision = s.EntrancePrecisionM
		}
	}
	return Place{ID: s.ID, Name: name, Location: loc, Precision: precision, Via: s.VisitVia}
}

// WindowFromInterval returns the window of a site's open interval: the
// same two instants. The interval is half-open, [Start, End): the site is
// open at Start and closed at End. A Window is closed, [Open, Close],
// because it bounds a visit rather than an instant: a visit may start at
// opening time and end at closing time, so a visit fits the interval
// exactly when it fits the window with the same ends. This is the one
// place an opening interval becomes a window.
func WindowFromInterval(iv heritage.Interval) Window {
	return Window{Open: iv.Start, Close: iv.End}
}

// StopsFromSites returns one stop per site, in order, for a trip of days
// days starting on the calendar day of date in date.Location(): the
// site's place, its visit duration ([heritage.Visit.Duration]) and
// score, and as windows its opening hours on each day of the trip
// ([heritage.OpeningHours.On], converted by [WindowFromInterval]). A site
// with opening hours that is closed on every day of the trip, or whose
// access is closed (say, under restoration), gets Closed set; a site
// without opening hours
// (unknown) gets no windows, which means always open — the day windows
// still bound it.
//
// Windows are built in date.Location(): pass dates in the sites' local
// time zone (China Standard Time for the embedded catalog). It returns an
// error for days outside [1, MaxDays] and for opening hours that do not
// parse, naming the site.
func StopsFromSites(sites []heritage.Site, date time.Time, days int) ([]Stop, error) {
	if days < 1 || days > MaxDays {
		return nil, fmt.Errorf("route: %d days: want 1 to %d", days, MaxDays)
	}
	y, m, d := date.Date()
	stops := make([]Stop, len(sites))
	for i, s := range sites {
		stops[i] = Stop{Place: PlaceFromSite(s), Visit: s.Visit.Duration, Score: s.Score}
		if s.Visit.Access == heritage.Closed {
			stops[i].Closed = true
			continue
		}
		if s.Visit.OpeningHours == "" {
			continue
		}
		h, err := heritage.ParseOpeningHours(s.Visit.OpeningHours)
		if err != nil {
			return nil, fmt.Errorf("route: site %s: %w", s.ID, err)
		}
		for k := range days {
			for _, iv := range h.On(time.Date(y, m, d+k, 12, 0, 0, 0, date.Location())) {
				stops[i].Windows = append(stops[i].Windows, WindowFromInterval(iv))
			}
		}
		stops[i].Closed = len(stops[i].Windows) == 0
	}
	return stops, nil
}
