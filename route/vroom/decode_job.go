package vroom

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/goccy/go-json/jsontext"
)

// jobJSON is a VROOM job as its JSON has it. The members of raw JSON
// values are features outside the subset, accepted only when empty or
// zero (see check.go).
type jobJSON struct {
	ID            natural      `json:"id"`
	Description   text         `json:"description"`
	Location      point        `json:"location"`
	LocationIndex natural      `json:"location_index"`
	Service       natural      `json:"service"`
	Priority      natural      `json:"priority"`
	TimeWindows   list[window] `json:"time_windows"`

	Setup          jsontext.Value `json:"setup"`
	SetupPerType   jsontext.Value `json:"setup_per_type"`
	ServicePerType jsontext.Value `json:"service_per_type"`
	Delivery       jsontext.Value `json:"delivery"`
	Pickup         jsontext.Value `json:"pickup"`
	Amount         jsontext.Value `json:"amount"`
	Skills         jsontext.Value `json:"skills"`
}

// job adds in, jobs[i], as a stop: its location, service time, priority
// (the stop's score) and time windows.
func (b *builder) job(i int, in *jobJSON, seen map[uint64]int) error {
	path, err := identify("jobs", i, in.ID, seen, in.unsupported)
	if err != nil {
		return err
	}
	j := job{id: in.ID.v, desc: in.Description.s}
	var s route.Stop
	var ok bool
	if s.Place, j.loc, ok, err = b.place(path, "location", in.Location, in.LocationIndex); err != nil {
		return err
	}
	s.ID, s.Name = strconv.FormatUint(j.id, 10), j.desc
	if !ok && b.matrix > 0 {
		return invalid(path, "no location_index")
	}
	if !ok {
		return invalid(path, "no location")
	}
	service, err := in.Service.atMost(path+".service", maxTime)
	if err != nil {
		return err
	}
	s.Visit = seconds(service)
	priority, err := in.Priority.atMost(path+".priority", 100)
	if err != nil {
		return err
	}
	s.Score = int(priority)
	if s.Windows, err = visitWindows(path+".time_windows", in.TimeWindows, s.Visit); err != nil {
		return err
	}
	b.p.jobs = append(b.p.jobs, j)
	b.p.Stops = append(b.p.Stops, s)
	return nil
}

// visitWindows maps a job's time windows, at path, which bound the start
// of a visit lasting visit, onto route's windows, which hold the whole
// visit.
func visitWindows(path string, tws list[window], visit time.Duration) ([]route.Window, error) {
	if tws == nil {
		return nil, nil
	}
	if len(tws) == 0 {
		return nil, invalid(path, "empty; omit the key for no time constraint")
	}
	for k := 1; k < len(tws); k++ {
		if tws[k].a <= tws[k-1].b {
			return nil, invalid(fmt.Sprintf("%s[%d]", path, k), "unsorted or overlapping with the previous window")
		}
	}
	out := make([]route.Window, len(tws))
	for k, w := range tws {
		closes := seconds(w.b) + visit
		if k+1 < len(tws) && closes >= seconds(tws[k+1].a) {
			// Keep the visit windows disjoint (route merges touching
			// ones): end just before the next window opens.
			closes = seconds(tws[k+1].a) - time.Nanosecond
		}
		out[k] = route.Window{Open: Epoch().Add(seconds(w.a)), Close: Epoch().Add(closes)}
	}
	return out, nil
}

// place reads a location given as coordinates (member key) and/or a
// matrix index (key_index) of the entry at path; ok is false when neither
// is present.
func (b *builder) place(path, key string, pt point, index natural) (pl route.Place, loc location, ok bool, err error) {
	loc.point, loc.hasPoint = pt.p, pt.set
	switch {
	case b.matrix > 0 && index.set:
		if index.v >= uint64(b.matrix) || index.v > math.MaxInt32 {
			return pl, loc, false, invalid(path+"."+key+"_index", "%d is outside the %d×%d matrix", index.v, b.matrix, b.matrix)
		}
		loc.index = int(index.v)
	case b.matrix > 0 && pt.set:
		return pl, loc, false, invalid(path, "%s without %s_index: with custom matrices every location needs an index", key, key)
	case index.set:
		return pl, loc, false, invalid(path+"."+key+"_index", "no matrices to index")
	}
	pl = route.Place{Location: loc.point, MatrixIndex: loc.index}
	return pl, loc, pt.set || index.set, nil
}
