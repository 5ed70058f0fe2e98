package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadius is the one Earth radius chuanzhu uses, in metres: the IUGG
// mean radius R1 = (2a + b) / 3 of the WGS-84 ellipsoid. Great-circle
// distances on this sphere differ from ellipsoidal (Vincenty) ones by at
// most about 0.5 %, far below the uncertainty of a travel-time estimate.
const EarthRadius = 6371008.8

// Valid reports whether p is a longitude in [-180, 180] and a latitude in
// [-90, 90], bounds included. NaN and infinite coordinates are not valid.
func Valid(p orb.Point) bool {
	lon, lat := p[0], p[1]
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// Distance returns the great-circle distance in metres between a and b
// ([lon, lat] in degrees) on a sphere of radius [EarthRadius], computed
// with the haversine formula, which stays accurate for short distances.
//
// Longitudes outside [-180, 180] are taken modulo 360. If either point has a
// NaN or infinite coordinate, or a latitude outside [-90, 90], the result is
// NaN; check points with [Valid] at the edges of your program.
func Distance(a, b orb.Point) float64 {
	if !finite(a) || !finite(b) || math.Abs(a[1]) > 90 || math.Abs(b[1]) > 90 {
		return math.NaN()
	}
	lat1, lat2 := rad(a[1]), rad(b[1])
	dlat := lat2 - lat1
	dlon := rad(b[0] - a[0])
	s := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dlon/2)*math.Sin(dlon/2)
	if s > 1 {
		s = 1
	}
	return 2 * EarthRadius * math.Asin(math.Sqrt(s))
}

// Bearing returns the initial great-circle bearing from a to b in degrees
// clockwise from true north, in [0, 360). It is 0 when a and b coincide and
// NaN under the same conditions as [Distance].
func Bearing(a, b orb.Point) float64 {
	if !finite(a) || !finite(b) || math.Abs(a[1]) > 90 || math.Abs(b[1]) > 90 {
		return math.NaN()
	}
	lat1, lat2 := rad(a[1]), rad(b[1])
	dlon := rad(b[0] - a[0])
	y := math.Sin(dlon) * math.Cos(lat2)
	x := math.Cos(lat1)*math.Sin(lat2) - math.Sin(lat1)*math.Cos(lat2)*math.Cos(dlon)
	if x == 0 && y == 0 {
		return 0
	}
	d := math.Mod(deg(math.Atan2(y, x))+360, 360)
	if d >= 360 {
		d = 0
	}
	return d
}

// Destination returns the point reached by travelling metres along the
// great circle that leaves p with the given bearing (degrees clockwise from
// north). The longitude of the result is normalised to [-180, 180). It
// returns NaN coordinates under the same conditions as [Distance] or when
// bearing or metres is not finite.
func Destination(p orb.Point, bearing, metres float64) orb.Point {
	if !finite(p) || math.Abs(p[1]) > 90 || math.IsNaN(bearing) || math.IsInf(bearing, 0) ||
		math.IsNaN(metres) || math.IsInf(metres, 0) {
		return orb.Point{math.NaN(), math.NaN()}
	}
	d := metres / EarthRadius
	th := rad(bearing)
	lat1, lon1 := rad(p[1]), rad(p[0])
	lat2 := math.Asin(math.Sin(lat1)*math.Cos(d) + math.Cos(lat1)*math.Sin(d)*math.Cos(th))
	lon2 := lon1 + math.Atan2(math.Sin(th)*math.Sin(d)*math.Cos(lat1), math.Cos(d)-math.Sin(lat1)*math.Sin(lat2))
	lon := math.Mod(deg(lon2)+540, 360) - 180
	return orb.Point{lon, deg(lat2)}
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

func rad(d float64) float64 { return d * math.Pi / 180 }
func deg(r float64) float64 { return r * 180 / math.Pi }
