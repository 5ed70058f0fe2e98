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

// Validate returns an error naming the mode and field when Speed is not a
// positive finite number or Circuity is not a finite number of at least 1
// (NaN fails both), and nil otherwise.
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
// distance of metres: metres times m.Circuity. Negative, NaN or infinite
// input gives NaN. It does not validate m; see [Mode.Validate].
func (m Mode) RoadDistance(metres float64) float64 {
	if !(metres >= 0) || math.IsInf(metres, 0) {
		return math.NaN()
	}
	return metres * m.Circuity
}

// Duration returns the travel time for a straight-line distance of metres:
// the road distance ([Mode.RoadDistance]) at the mode's average speed,
// rounded to the second. It returns an error for a negative, NaN or
// infinite distance, for an invalid mode, and for a duration too long for
// [time.Duration] (about 292 years).
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
// 4.5 km/h is 1.25 m/s. Bohannon and Andrews (2011, Physiotherapy
// 97(3):182–189), pooling 41 studies of 23 111 healthy adults, found mean
// normal walking speeds from 0.94 m/s (women aged 80–99) to 1.43 m/s (men
// aged 40–49); 1.25 m/s is below the means of adults under 60, for
// mixed-age groups on rural paths. Time spent at a site is its visit
// duration, not part of the walk. The circuity is an assumption: Newell
// (1980) put network distance between random urban points at about 1.2
// times the straight line, and paths between villages and fields, which
// follow field edges, are taken to be longer.
func Walking() Mode { return Mode{Name: "walk", Speed: 4.5, Circuity: 1.3} }

// Cycling is a leisure cyclist: 14 km/h, circuity 1.3.
//
// 14 km/h is an assumption for an unhurried rider on rural roads, with
// stops for junctions and villages; no measured figure for visitors in
// Jiang County is known to us. The circuity is that of walking, as bikes
// use the same village roads.
func Cycling() Mode { return Mode{Name: "cycle", Speed: 14, Circuity: 1.3} }

// CountyDrive is a car on the county's plain roads: 45 km/h, circuity 1.3.
//
// China's highway standard JTG B01-2014 sets design speeds of 60–80 km/h
// for second-grade roads, 30–40 km/h for third-grade and 20–30 km/h for
// fourth-grade; county and township roads on the plain are of these
// grades and pass through villages, so 45 km/h door to door allows for
// villages and junctions. Measured circuity factors of road networks lie
// near 1.2–1.3: about 1.2 between random urban points (Newell 1980), 1.26
// for the whole of South Korea and 1.22 for its least circuitous province,
// Gyeonggi (Kim, Shin, Lee and Suh 2015, J. Korean Soc. Agric. Eng.
// 57(4):39–49). 1.3 allows for short trips, which are more circuitous
// than long ones (Giacomin and Levinson 2015, Environment and Planning B
// 42(6):1040–1053).
func CountyDrive() Mode { return Mode{Name: "drive", Speed: 45, Circuity: 1.3} }

// MountainDrive is a car on the mountain roads of the Zhongtiao range:
// 30 km/h, circuity 1.6.
//
// Fourth-grade roads (四级公路), the usual class of mountain village
// roads, have design speeds of 20–30 km/h (JTG B01-2014). Mountain roads
// wind along valleys: the mountainous Gangwon province of South Korea has
// a circuity factor of 1.435 against 1.26 for the country (Kim et al.
// 2015). 1.6 is a judgement above that provincial average, for short
// valley trips; no measured factor for the Zhongtiao range is known to us.
func MountainDrive() Mode { return Mode{Name: "drive-mountain", Speed: 30, Circuity: 1.6} }

// TouristBus is a coach carrying a tour group: 40 km/h, circuity 1.35.
//
// On ordinary roads China's speed limits are the same for coaches as for
// cars (Regulations for the Implementation of the Road Traffic Safety
// Law, art. 45); 40 km/h, below [CountyDrive], allows for a large vehicle
// on narrow village roads and for parking and boarding a group. A coach
// keeps to roads wide enough for it, which makes its way slightly longer
// than a car's.
func TouristBus() Mode { return Mode{Name: "bus", Speed: 40, Circuity: 1.35} }

// Modes returns the presets in a fixed order: walk, cycle, drive,
// drive-mountain, bus. The slice is new on every call.
func Modes() []Mode {
	return []Mode{Walking(), Cycling(), CountyDrive(), MountainDrive(), TouristBus()}
}

// ParseMode returns the preset whose Name is name, ignoring case and
// surrounding spaces, or an error listing the known names (also for an
// empty name).
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
