// Package jsonform owns what chuanzhu's JSON outputs share: a place's
// members (the plan's JSON in route/export and the themed lines' JSON in
// tour write the same ones) and the rounding of durations, distances and
// coordinates, so that the outputs agree to the last digit.
package jsonform

import (
	"math"
	"time"

	"github.com/paulmach/orb"
)

// Place is a place as every JSON output writes it.
type Place struct {
	// ID is the site's or the stop's ID; omitted for a place without one
	// (a hotel given as a point).
	ID string `json:"id,omitempty"`
	// Name is the Chinese name of a catalog site, else the place's own.
	Name string `json:"name"`
	// NameEn is a catalog site's English name.
	NameEn string `json:"name_en,omitempty"`
	// Location is [lon, lat] in the output's datum, see [Location].
	Location [2]float64 `json:"location"`
	// PrecisionM is how precisely the catalog knows the place, in
	// metres; omitted when it is not a catalog site.
	PrecisionM float64 `json:"precision_m,omitempty"`
}

// Seconds rounds d to whole seconds, for every *_s member.
func Seconds(d time.Duration) int64 { return int64(math.Round(d.Seconds())) }

// Decimetres rounds m metres to 0.1 m, for every *_m member.
func Decimetres(m float64) float64 { return math.Round(m*10) / 10 }

// Round rounds p to 6 decimals, RFC 7946's advice for about 0.1 m.
func Round(p orb.Point) orb.Point { return orb.Round(p, 1e6).(orb.Point) }

// Location is p rounded by [Round] as a [lon, lat] pair.
func Location(p orb.Point) [2]float64 { return Round(p) }
