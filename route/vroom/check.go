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
	name     string
	value    jsontext.Value // nil when absent
	why      string
	harmless func(jsontext.Value) bool // nil: no value is harmless
}

// refuse returns an error wrapping ErrUnsupported for the first feature,
// in the order given (by name, so errors are deterministic), that is used.
func refuse(path string, features ...feature) error {
	for _, f := range features {
		if f.value != nil && (f.harmless == nil || !f.harmless(f.value)) {
			return unsupported(path+"."+f.name, "%s", f.why)
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
	return refuse("problem",
		feature{"shipments", p.Shipments, "shipments (pickup and delivery pairs) are not supported", emptyArray},
	)
}

func (j *jobJSON) unsupported(path string) error {
	return refuse(path,
		feature{"amount", j.Amount, "amounts are not supported", emptyArray},
		feature{"delivery", j.Delivery, "amounts (delivery) are not supported", emptyArray},
		feature{"pickup", j.Pickup, "amounts (pickup) are not supported", emptyArray},
		feature{"service_per_type", j.ServicePerType, "per-type service times are not supported", emptyObject},
		feature{"setup", j.Setup, "setup times are not supported", zero},
		feature{"setup_per_type", j.SetupPerType, "per-type setup times are not supported", emptyObject},
		feature{"skills", j.Skills, "skills are not supported", emptyArray},
	)
}

func (v *vehicleJSON) unsupported(path string) error {
	return refuse(path,
		feature{"capacity", v.Capacity, "capacities are not supported", emptyArray},
		feature{"costs", v.Costs, "vehicle costs are not supported: the cost is the travel duration", emptyObject},
		feature{"max_distance", v.MaxDistance, "max_distance is not supported", nil},
		feature{"max_tasks", v.MaxTasks, "max_tasks is not supported", nil},
		feature{"max_travel_time", v.MaxTravelTime, "max_travel_time is not supported", nil},
		feature{"skills", v.Skills, "skills are not supported", emptyArray},
		feature{"speed_factor", v.SpeedFactor, "speed factors are not supported", one},
		feature{"steps", v.Steps, "custom vehicle steps are not supported", nil},
		feature{"type", v.Type, "vehicle types are not supported", nil},
	)
}

func (br *breakJSON) unsupported(path string) error {
	return refuse(path,
		feature{"max_load", br.MaxLoad, "break max_load is not supported", emptyArray},
	)
}
