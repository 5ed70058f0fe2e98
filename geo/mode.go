package geo

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Mode is a way of travelling that turns a straight-line distance into a
// road distance and a duration. The zero Mode is not usable; take a preset
// ([Walking], [Cycling], [CountyDrive], [MountainDrive], [TouristBus]) or
// fill every field.
type Mode struct {
	// Name identifies the mode, e.g. "drive".
	Name string
	// Speed is the average door-to-door speed in km/h, stops included.
	Speed float64
	// Circuity is road length over straight-line length (>= 1): how much
	// longer the way is than the great circle.
	Circuity float64
}

// Validate reports a problem with the mode's fields, or nil.
func (m Mode) Validate() error {
	switch {
	case !(m.Speed > 0) || math.IsInf(m.Speed, 0):
		return fmt.Errorf("geo: mode %q: speed %v km/h must be positive and finite", m.Name, m.Speed)
	case !(m.Circuity >= 1) || math.IsInf(m.Circuity, 0):
		return fmt.Errorf("geo: mode %q: circuity %v must be at least 1 and finite", m.Name, m.Circuity)
	}
	return nil
}

// RoadDistance returns the travelled distance in metres for a straight-line
// distance of metres. Negative, NaN or infinite input gives NaN.
func (m Mode) RoadDistance(metres float64) float64 {
	if !(metres >= 0) || math.IsInf(metres, 0) {
		return math.NaN()
	}
	return metres * m.Circuity
}

// Duration returns the travel time for a straight-line distance of metres:
// the road distance at the mode's average speed, rounded to the second.
// It returns an error for negative, NaN or infinite distances and for an
// invalid mode.
func (m Mode) Duration(metres float64) (time.Duration, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	if !(metres >= 0) || math.IsInf(metres, 0) {
		return 0, fmt.Errorf("geo: distance %v m is not a finite non-negative number", metres)
	}
	secs := m.RoadDistance(metres) / (m.Speed / 3.6)
	if secs > float64(math.MaxInt64/int64(time.Second)) {
		return 0, fmt.Errorf("geo: distance %v m overflows a duration", metres)
	}
	return time.Duration(math.Round(secs)) * time.Second, nil
}

// Walking is a visitor on foot: 4.5 km/h, circuity 1.3.
//
// 4.5 km/h (1.25 m/s) sits at the low end of measured free walking speeds
// of adults (about 1.2–1.4 m/s), as sightseers stop and look; 1.3 is a
// typical ratio of path length to straight line in villages and
// fields, where paths follow field edges.
func Walking() Mode { return Mode{Name: "walk", Speed: 4.5, Circuity: 1.3} }

// Cycling is a leisure cyclist: 14 km/h, circuity 1.3.
//
// 14 km/h is a usual leisure (not sport) cycling pace on rural roads; the
// circuity is that of walking, as bikes use the same village roads.
func Cycling() Mode { return Mode{Name: "cycle", Speed: 14, Circuity: 1.3} }

// CountyDrive is a car on the county's plain roads: 45 km/h, circuity 1.3.
//
// China's county roads (县道) and provincial roads on the Fen–Sushui plain
// are designed for 40–60 km/h and pass through villages; 45 km/h door to
// door allows for villages and junctions. Measured road circuity factors
// for whole countries lie around 1.2–1.4 (Ballou, Rahardja and Sakai 2002),
// so 1.3 is the middle.
func CountyDrive() Mode { return Mode{Name: "drive", Speed: 45, Circuity: 1.3} }

// MountainDrive is a car on the mountain roads of the Zhongtiao range:
// 30 km/h, circuity 1.6.
//
// Mountain roads of the lowest classes (四级公路) are designed for
// 20–30 km/h and wind along valleys, so both the speed is lower and the
// road much longer than the straight line than on the plain.
func MountainDrive() Mode { return Mode{Name: "drive-mountain", Speed: 30, Circuity: 1.6} }

// TouristBus is a coach carrying a tour group: 40 km/h, circuity 1.35.
//
// A coach is slower than a car on county roads (speed limits for buses and
// time to park and unload), and keeps to larger roads, which makes its
// way slightly longer.
func TouristBus() Mode { return Mode{Name: "bus", Speed: 40, Circuity: 1.35} }

// Modes returns the presets, in a fixed order.
func Modes() []Mode {
	return []Mode{Walking(), Cycling(), CountyDrive(), MountainDrive(), TouristBus()}
}

// ParseMode returns the preset whose Name is name (case-insensitive), or an
// error listing the known names.
func ParseMode(name string) (Mode, error) {
	var names []string
	for _, m := range Modes() {
		if strings.EqualFold(m.Name, strings.TrimSpace(name)) {
			return m, nil
		}
		names = append(names, m.Name)
	}
	return Mode{}, fmt.Errorf("geo: unknown mode %q (known: %s)", name, strings.Join(names, ", "))
}
