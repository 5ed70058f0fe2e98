package geo

import (
	"errors"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ParsePoint reads a point written "lon,lat": two numbers in degrees
// separated by a comma, with optional spaces around each. Each number is
// read by [strconv.ParseFloat], so besides decimals such as 111.57 it
// takes its other forms too (1.1157e2, hexadecimal 0x1p-2, underscores as
// in 0x_1p0 or 1_0). The point must be [Valid]; NaN and infinities are
// refused. The error does not repeat s: callers name the flag or
// parameter and its value. The datum is the caller's to know: ParsePoint
// converts nothing.
func ParsePoint(s string) (orb.Point, error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return orb.Point{}, errors.New("geo: want lon,lat in degrees")
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return orb.Point{}, errors.New("geo: want lon,lat in degrees as two decimal numbers")
	}
	p := orb.Point{lon, lat}
	if !Valid(p) { // also false for NaN
		return orb.Point{}, errors.New("geo: not a point: lon must lie in [-180, 180] and lat in [-90, 90]")
	}
	return p, nil
}
