package vroom

import (
	"strconv"

	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"
)

// feature is a VROOM member outside the supported subset: present with
// any value but a harmless one (VROOM ignores an empty list of skills, a
// zero setup, a speed factor of 1), it is refused with the reason why.
type feature struct {
	why      string
	harmless func(jsontext.Value) bool // nil: no value is harmless
}

// features are the members outside the subset, by name.
var features = map[string]feature{
	"amount":           {"amounts are not supported", emptyArray},
	"capacity":         {"capacities are not supported", emptyArray},
	"costs":            {"vehicle costs are not supported: the cost is the travel duration", emptyObject},
	"delivery":         {"amounts (delivery) are not supported", emptyArray},
	"max_distance":     {"max_distance is not supported", nil},
	"max_load":         {"break max_load is not supported", emptyArray},
	"max_tasks":        {"max_tasks is not supported", nil},
	"max_travel_time":  {"max_travel_time is not supported", nil},
	"pickup":           {"amounts (pickup) are not supported", emptyArray},
	"service_per_type": {"per-type service times are not supported", emptyObject},
	"setup":            {"setup times are not supported", zero},
	"setup_per_type":   {"per-type setup times are not supported", emptyObject},
	"shipments":        {"shipments (pickup and delivery pairs) are not supported", emptyArray},
	"skills":           {"skills are not supported", emptyArray},
	"speed_factor":     {"speed factors are not supported", one},
	"steps":            {"custom vehicle steps are not supported", nil},
	"type":             {"vehicle types are not supported", nil},
}

// member is a member of an object that may hold a feature: its name and
// value, nil when absent.
type member struct {
	name  string
	value jsontext.Value
}

// refuse returns an error wrapping ErrUnsupported for the first of the
// members of the object at path, in the order given (by name, so errors
// are deterministic), that uses its feature.
func refuse(path string, members ...member) error {
	for _, m := range members {
		f := features[m.name]
		if m.value != nil && (f.harmless == nil || !f.harmless(m.value)) {
			return unsupported(path+"."+m.name, "%s", f.why)
		}
	}
	return nil
}

func emptyArray(v jsontext.Value) bool {
	var a []jsontext.Value
	return v.Kind() == '[' && jsonv2.Unmarshal(v, &a) == nil && len(a) == 0
}

func emptyObject(v jsontext.Value) bool {
	var m map[string]jsontext.Value
	return v.Kind() == '{' && jsonv2.Unmarshal(v, &m) == nil && len(m) == 0
}

func zero(v jsontext.Value) bool { return string(v) == "0" }

func one(v jsontext.Value) bool {
	f, err := strconv.ParseFloat(string(v), 64)
	return v.Kind() == '0' && err == nil && f == 1
}

func (p *problemJSON) unsupported() error {
	return refuse("problem", member{"shipments", p.Shipments})
}

func (j *jobJSON) unsupported(path string) error {
	return refuse(path, member{"amount", j.Amount}, member{"delivery", j.Delivery}, member{"pickup", j.Pickup},
		member{"service_per_type", j.ServicePerType}, member{"setup", j.Setup},
		member{"setup_per_type", j.SetupPerType}, member{"skills", j.Skills})
}

func (v *vehicleJSON) unsupported(path string) error {
	return refuse(path, member{"capacity", v.Capacity}, member{"costs", v.Costs}, member{"max_distance", v.MaxDistance},
		member{"max_tasks", v.MaxTasks}, member{"max_travel_time", v.MaxTravelTime}, member{"skills", v.Skills},
		member{"speed_factor", v.SpeedFactor}, member{"steps", v.Steps}, member{"type", v.Type})
}

func (br *breakJSON) unsupported(path string) error {
	return refuse(path, member{"max_load", br.MaxLoad})
}
