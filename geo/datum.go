package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Datum is a geodetic datum used by map providers in China.
type Datum int

// The datums chuanzhu converts between.
const (
	// WGS84 is the GPS datum, used inside chuanzhu and by OpenStreetMap.
	WGS84 Datum = iota
	// GCJ02 is the offset datum of China's national surveying rules, used by
	// AMap (Gaode), Tencent Maps and Google Maps in mainland China.
	GCJ02
	// BD09 is Baidu's further offset of GCJ-02, used by Baidu Maps.
	BD09
)

// String returns "wgs84", "gcj02" or "bd09".
func (d Datum) String() string {
	switch d {
	case WGS84:
		return "wgs84"
	case GCJ02:
		return "gcj02"
	case BD09:
		return "bd09"
	}
	return fmt.Sprintf("Datum(%d)", int(d))
}

// ParseDatum returns the datum named by s ("wgs84", "gcj02", "bd09").
func ParseDatum(s string) (Datum, error) {
	for _, d := range []Datum{WGS84, GCJ02, BD09} {
		if s == d.String() {
			return d, nil
		}
	}
	return 0, fmt.Errorf("geo: unknown datum %q (known: wgs84, gcj02, bd09)", s)
}

// Convert returns p, given in datum from, in datum to. Unknown datums
// return p unchanged.
func Convert(p orb.Point, from, to Datum) orb.Point {
	if from == to {
		return p
	}
	var wgs orb.Point
	switch from {
	case WGS84:
		wgs = p
	case GCJ02:
		wgs = GCJ02ToWGS84(p)
	case BD09:
		wgs = BD09ToWGS84(p)
	default:
		return p
	}
	switch to {
	case GCJ02:
		return WGS84ToGCJ02(wgs)
	case BD09:
		return WGS84ToBD09(wgs)
	}
	return wgs
}

// The published GCJ-02 parameters: the Krasovsky 1940 ellipsoid.
const (
	krasovskyA  = 6378245.0
	krasovskyEE = 0.00669342162296594323
)

// InChina reports whether p lies in the rectangle where the GCJ-02 offset
// is applied: longitude 72.004–137.8347 and latitude 0.8293–55.8271, the
// bounding box commonly used with the published algorithm. Points outside
// it (and NaN or infinite points) are not offset by any conversion. The box
// is generous: it also covers parts of neighbouring countries.
func InChina(p orb.Point) bool {
	return p[0] >= 72.004 && p[0] <= 137.8347 && p[1] >= 0.8293 && p[1] <= 55.8271
}

// WGS84ToGCJ02 converts a WGS-84 point to GCJ-02. Points outside
// [InChina]'s box and NaN or infinite points are returned unchanged.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if !InChina(p) {
		return p
	}
	dlon, dlat := gcjDelta(p[0], p[1])
	return orb.Point{p[0] + dlon, p[1] + dlat}
}

// gcjDelta returns the GCJ-02 offset in degrees at WGS-84 (lon, lat).
func gcjDelta(lon, lat float64) (dlon, dlat float64) {
	x, y := lon-105.0, lat-35.0
	dlat = -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	dlat += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dlat += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	dlat += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	dlon = 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	dlon += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dlon += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	dlon += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - krasovskyEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dlat = (dlat * 180.0) / ((krasovskyA * (1 - krasovskyEE)) / (magic * sqrtMagic) * math.Pi)
	dlon = (dlon * 180.0) / (krasovskyA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dlon, dlat
}

// GCJ02ToWGS84 converts a GCJ-02 point to WGS-84 by fixed-point iteration
// on the forward transform, to a residual below 1e-10 degrees (about
// 0.01 mm). Points outside [InChina]'s box and NaN or infinite points are
// returned unchanged.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	if !InChina(p) {
		return p
	}
	w := p
	for range 30 {
		g := WGS84ToGCJ02(w)
		ex, ey := g[0]-p[0], g[1]-p[1]
		w = orb.Point{w[0] - ex, w[1] - ey}
		if math.Abs(ex) < 1e-10 && math.Abs(ey) < 1e-10 {
			break
		}
	}
	return w
}

// xPi is Baidu's published constant: π × 3000 / 180.
const xPi = math.Pi * 3000.0 / 180.0

// GCJ02ToBD09 converts a GCJ-02 point to BD-09. NaN or infinite points are
// returned unchanged; the offset is applied everywhere, as Baidu does.
func GCJ02ToBD09(p orb.Point) orb.Point {
	if !finite(p) {
		return p
	}
	x, y := p[0], p[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*xPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*xPi)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// BD09ToGCJ02 converts a BD-09 point to GCJ-02 by fixed-point iteration on
// [GCJ02ToBD09], to a residual below 1e-10 degrees. NaN or infinite points
// are returned unchanged.
func BD09ToGCJ02(p orb.Point) orb.Point {
	if !finite(p) {
		return p
	}
	g := orb.Point{p[0] - 0.0065, p[1] - 0.006}
	for range 30 {
		b := GCJ02ToBD09(g)
		ex, ey := b[0]-p[0], b[1]-p[1]
		g = orb.Point{g[0] - ex, g[1] - ey}
		if math.Abs(ex) < 1e-10 && math.Abs(ey) < 1e-10 {
			break
		}
	}
	return g
}

// WGS84ToBD09 converts a WGS-84 point to BD-09 through GCJ-02.
func WGS84ToBD09(p orb.Point) orb.Point { return GCJ02ToBD09(WGS84ToGCJ02(p)) }

// BD09ToWGS84 converts a BD-09 point to WGS-84 through GCJ-02.
func BD09ToWGS84(p orb.Point) orb.Point { return GCJ02ToWGS84(BD09ToGCJ02(p)) }
