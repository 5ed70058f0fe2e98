package tour

import (
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// placeOf returns the route place of a site: its ID, Chinese name and
// location.
func placeOf(s heritage.Site) route.Place {
	return route.Place{ID: s.ID, Name: s.Name.Zh, Location: s.Location}
}

// stopsFor converts sites into route stops for a trip on dates in loc:
// visit duration, score, and windows from the opening hours on those
// dates; a site with known hours that is closed on all of them is Closed.
func stopsFor(sites []heritage.Site, dates []Date, loc *time.Location) []route.Stop {
	stops := make([]route.Stop, len(sites))
	for i, s := range sites {
		st := route.Stop{Place: placeOf(s), Visit: s.VisitDuration(), Score: s.Score}
		if h, ok := s.OpeningHours(); ok {
			for _, d := range dates {
				for _, iv := range h.On(d.At(0, loc)) {
					st.Windows = append(st.Windows, route.Window{Open: iv.Start, Close: iv.End})
				}
			}
			st.Closed = len(st.Windows) == 0
		}
		stops[i] = st
	}
	return stops
}
