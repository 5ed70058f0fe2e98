package vroom

import (
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/goccy/go-json/jsontext"
)

// vehicleJSON is a VROOM vehicle as its JSON has it. The members of raw
// JSON values are features outside the subset, accepted only when empty
// or neutral (see check.go).
type vehicleJSON struct {
	ID          natural                 `json:"id"`
	Description text                    `json:"description"`
	Profile     text                    `json:"profile"`
	Start       point                   `json:"start"`
	StartIndex  natural                 `json:"start_index"`
	End         point                   `json:"end"`
	EndIndex    natural                 `json:"end_index"`
	TimeWindow  window                  `json:"time_window"`
	Breaks      list[object[breakJSON]] `json:"breaks"`

	Capacity      jsontext.Value `json:"capacity"`
	Skills        jsontext.Value `json:"skills"`
	Costs         jsontext.Value `json:"costs"`
	Type          jsontext.Value `json:"type"`
	SpeedFactor   jsontext.Value `json:"speed_factor"`
	MaxTasks      jsontext.Value `json:"max_tasks"`
	MaxTravelTime jsontext.Value `json:"max_travel_time"`
	MaxDistance   jsontext.Value `json:"max_distance"`
	Steps         jsontext.Value `json:"steps"`
}

// breakJSON is a vehicle's break as its JSON has it.
type breakJSON struct {
	ID          natural        `json:"id"`
	TimeWindows list[window]   `json:"time_windows"`
	Service     natural        `json:"service"`
	Description text           `json:"description"`
	MaxLoad     jsontext.Value `json:"max_load"`
}

// vehicle adds in, vehicles[i], as a day.
func (b *builder) vehicle(i int, in *vehicleJSON, seen map[uint64]int) error {
	path, err := identify("vehicles", i, in.ID, seen, in.unsupported)
	if err != nil {
		return err
	}
	profile := "car"
	if in.Profile.set {
		profile = in.Profile.s
	}
	if b.matrix > 0 && profile != b.profile {
		return unsupported(path+".profile", "%q has no matrix (the matrices are for %q)", profile, b.profile)
	}
	v := vehicle{id: in.ID.v, desc: in.Description.s}
	var day route.Day
	start, sloc, ok, err := b.place(path, "start", in.Start, in.StartIndex)
	if err != nil {
		return err
	}
	if !ok {
		return unsupported(path, "no start: routes that begin at their first job are not supported")
	}
	day.Start, v.start = start, &sloc
	end, eloc, ok, err := b.place(path, "end", in.End, in.EndIndex)
	if err != nil {
		return err
	}
	if ok {
		day.End, v.end = &end, &eloc
	}
	day.Window.Open = Epoch()
	if w := in.TimeWindow; w.set {
		day.Window = route.Window{Open: Epoch().Add(seconds(w.a)), Close: Epoch().Add(seconds(w.b))}
	}
	if day.Break, err = b.brk(path+".breaks", in.Breaks, &v); err != nil {
		return err
	}
	b.p.vehicles = append(b.p.vehicles, v)
	b.p.Days = append(b.p.Days, day)
	return nil
}

// brk maps the breaks of a vehicle, at path, onto a route.Break (nil
// without breaks) and records the break's id in v.
func (b *builder) brk(path string, breaks list[object[breakJSON]], v *vehicle) (*route.Break, error) {
	switch len(breaks) {
	case 0:
		return nil, nil
	case 1:
	default:
		return nil, unsupported(path, "%d breaks; at most one per vehicle is supported", len(breaks))
	}
	in := &breaks[0].v
	path += "[0]"
	if err := in.unsupported(path); err != nil {
		return nil, err
	}
	if !in.ID.set {
		return nil, invalid(path, "no id")
	}
	v.breakID, v.hasBreak, v.breakDesc = in.ID.v, true, in.Description.s
	service, err := in.Service.atMost(path+".service", maxTime)
	if err != nil {
		return nil, err
	}
	br := &route.Break{Duration: seconds(service)}
	switch tws := in.TimeWindows; {
	case tws == nil:
	case len(tws) == 0:
		return nil, invalid(path+".time_windows", "empty; omit the key for a break at any time")
	case len(tws) == 1:
		br.Window = route.Window{Open: Epoch().Add(seconds(tws[0].a)), Close: Epoch().Add(seconds(tws[0].b) + br.Duration)}
	default:
		return nil, unsupported(path+".time_windows", "%d windows; at most one per break is supported", len(tws))
	}
	return br, nil
}
