package geo

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Datum is a geodetic datum used by web maps in China.
type Datum int

// The datums chuanzhu converts between.
const (
	// WGS84 is the GPS datum, used inside chuanzhu and by OpenStreetMap.
	WGS84 Datum = iota
	// GCJ02 is the offset datum of China's national surveying rules, used by
	// AMap (Gaode), Tencent Maps and Google Maps in mainland China.
	GCJ02
	// BD09 is Baidu's further offset of GCJ-02, used by Baidu Maps (its
	// "BD09ll" longitude/latitude form, not the metric "BD09mc").
	BD09
)

// String returns "wgs84", "gcj02" or "bd09", and "Datum(n)" for other values.
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

// ParseDatum returns the datum named by s ("wgs84", "gcj02", "bd09"; case
// and surrounding spaces are ignored), or an error listing the known names
// for any other string, the empty one included.
func ParseDatum(s string) (Datum, error) {
	for _, d := range []Datum{WGS84, GCJ02, BD09} {
		if strings.EqualFold(strings.TrimSpace(s), d.String()) {
			return d, nil
		}
	}
	return 0, fmt.Errorf("geo: unknown datum %q (known: wgs84, gcj02, bd09)", s)
}

// Convert returns p, given in datum from, in datum to, using the matching
// one of the six conversion functions (p itself when from == to). Unknown
// datums return p unchanged. Like those functions it never panics: NaN,
// infinite and out-of-range coordinates, and points whose WGS-84 position
// is outside [InChina]'s box, come back unchanged.
func Convert(p orb.Point, from, to Datum) orb.Point {
	switch {
	case from == to:
		return p
	case from == WGS84 && to == GCJ02:
		return WGS84ToGCJ02(p)
	case from == WGS84 && to == BD09:
		return WGS84ToBD09(p)
	case from == GCJ02 && to == WGS84:
		return GCJ02ToWGS84(p)
	case from == GCJ02 && to == BD09:
		return GCJ02ToBD09(p)
	case from == BD09 && to == WGS84:
		return BD09ToWGS84(p)
	case from == BD09 && to == GCJ02:
		return BD09ToGCJ02(p)
	}
	return p
}

// The published GCJ-02 parameters: the Krasovsky 1940 ellipsoid.
const (
	krasovskyA  = 6378245.0
	krasovskyEE = 0.00669342162296594323
)

// The box where the GCJ-02 offset applies, in WGS-84 degrees.
const (
	chinaMinLon = 72.004
	chinaMaxLon = 137.8347
	chinaMinLat = 0.8293
	chinaMaxLat = 55.8271
)

// offsetMargin bounds, in degrees, how far any of the offsets moves a point
// in either coordinate: the GCJ-02 offset is at most about 0.011° in
// longitude and 0.004° in latitude over the box, the BD-09 offset about
// 0.008°; 0.05° leaves room for both together.
const offsetMargin = 0.05

// InChina reports whether p lies in the rectangle where the offsets are
// applied: longitude 72.004–137.8347 and latitude 0.8293–55.8271 (WGS-84,
// bounds included), the bounding box used with the published GCJ-02
// algorithm by the common open implementations. It is false for NaN and
// infinite coordinates. The box is generous: it also covers parts of
// neighbouring countries and seas, where the conversions offset points
// just as in China.
func InChina(p orb.Point) bool {
	return p[0] >= chinaMinLon && p[0] <= chinaMaxLon && p[1] >= chinaMinLat && p[1] <= chinaMaxLat
}

// nearChina reports whether p is within offsetMargin of InChina's box, so
// that it may be an offset image of a point in the box.
func nearChina(p orb.Point) bool {
	return p[0] >= chinaMinLon-offsetMargin && p[0] <= chinaMaxLon+offsetMargin &&
		p[1] >= chinaMinLat-offsetMargin && p[1] <= chinaMaxLat+offsetMargin
}

// deepInChina reports whether p is more than offsetMargin inside InChina's
// box, so that every point it can be an offset image of is in the box.
func deepInChina(p orb.Point) bool {
	return p[0] >= chinaMinLon+offsetMargin && p[0] <= chinaMaxLon-offsetMargin &&
		p[1] >= chinaMinLat+offsetMargin && p[1] <= chinaMaxLat-offsetMargin
}

// edgeTol is the tolerance, in degrees (about 0.1 mm), with which a solved
// WGS-84 point counts as inside InChina's box: an inverse solution of a
// point on the box's edge may land a rounding error outside it.
const edgeTol = 1e-9

// solvedInChina is InChina for the result w of an inverse iteration.
func solvedInChina(w orb.Point) bool {
	return w[0] >= chinaMinLon-edgeTol && w[0] <= chinaMaxLon+edgeTol &&
		w[1] >= chinaMinLat-edgeTol && w[1] <= chinaMaxLat+edgeTol
}

// WGS84ToGCJ02 converts a WGS-84 point to GCJ-02 with the published
// algorithm. Points outside [InChina]'s box, including NaN, infinite and
// out-of-range ones, are returned unchanged.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if !InChina(p) {
		return p
	}
	return gcjForward(p)
}

// gcjForward applies the GCJ-02 offset at p regardless of the box.
func gcjForward(p orb.Point) orb.Point {
	dlon, dlat := gcjDelta(p[0], p[1])
	return orb.Point{p[0] + dlon, p[1] + dlat}
}

// gcjDelta returns the GCJ-02 offset in degrees at WGS-84 (lon, lat).
func gcjDelta(lon, lat float64) (dlon, dlat float64) {
	x, y := lon-105.0, lat-35.0
	// The published formula adds this term to both offsets; it is
	// computed once here (same value, bit for bit).
	wave := (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	dlat = -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	dlat += wave
	dlat += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	dlat += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	dlon = 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	dlon += wave
	dlon += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	dlon += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	sinLat, cosLat := math.Sincos(lat / 180.0 * math.Pi)
	magic := 1 - krasovskyEE*sinLat*sinLat
	sqrtMagic := math.Sqrt(magic)
	dlat = (dlat * 180.0) / ((krasovskyA * (1 - krasovskyEE)) / (magic * sqrtMagic) * math.Pi)
	dlon = (dlon * 180.0) / (krasovskyA / sqrtMagic * cosLat * math.Pi)
	return dlon, dlat
}

// Inverse iterations stop when the forward transform of the estimate is
// within invTol degrees (about 1 µm) of the target, or after invMaxIter
// steps. Over the box the derivatives of the GCJ-02 offset stay below 0.01
// and those of Baidu's below 0.03 (except within a few µm of longitude
// 105°, where a square-root term is steep but moves points by less than
// 1e-12°), so each step gains one and a half digits or more and at most
// eight steps are needed.
const (
	invTol     = 1e-11
	invMaxIter = 25
)

// invert solves forward(x) = target for x by fixed-point iteration,
// starting from start.
func invert(target, start orb.Point, forward func(orb.Point) orb.Point) orb.Point {
	x := start
	for range invMaxIter {
		f := forward(x)
		ex, ey := f[0]-target[0], f[1]-target[1]
		x = orb.Point{x[0] - ex, x[1] - ey}
		if math.Abs(ex) < invTol && math.Abs(ey) < invTol {
			break
		}
	}
	return x
}

// gcjInverse returns the WGS-84 point whose GCJ-02 offset lands on g,
// ignoring the box.
func gcjInverse(g orb.Point) orb.Point {
	dlon, dlat := gcjDelta(g[0], g[1])
	return invert(g, orb.Point{g[0] - dlon, g[1] - dlat}, gcjForward)
}

// GCJ02ToWGS84 converts a GCJ-02 point to WGS-84, solving the forward
// transform iteratively to a residual below 1e-11 degrees (about 1 µm), so
// that GCJ02ToWGS84(WGS84ToGCJ02(p)) == p to well under 1 cm for every p
// in [InChina]'s box.
//
// A point is returned unchanged when no WGS-84 point inside the box maps to
// it, which includes every point farther than a few hundred metres outside
// the box and NaN, infinite and out-of-range points. In a strip of up to
// about 1 km along the box's edge a GCJ-02 value can be both the offset image of a
// point inside the box and an unchanged point outside it; the inside reading
// is chosen.
func GCJ02ToWGS84(g orb.Point) orb.Point { return unoffset(g, gcjInverse, solvedInChina) }

// unoffset is the shape of every inverse conversion: p unchanged unless
// it lies near [InChina]'s box and its inverse solve(p) is inside the
// domain of the offset (inside reports that), and solve(p) then.
func unoffset(p orb.Point, solve func(orb.Point) orb.Point, inside func(orb.Point) bool) orb.Point {
	if !nearChina(p) {
		return p
	}
	if q := solve(p); inside(q) {
		return q
	}
	return p
}

// gcjOffset reports whether the GCJ-02 point g is the offset image of a
// WGS-84 point in InChina's box, and so whether Baidu's offset applies.
func gcjOffset(g orb.Point) bool {
	if deepInChina(g) {
		return true
	}
	return nearChina(g) && solvedInChina(gcjInverse(g))
}

// xPi is Baidu's published constant: π × 3000 / 180.
const xPi = math.Pi * 3000.0 / 180.0

// bdForward applies Baidu's offset to the GCJ-02 point g regardless of the
// box.
func bdForward(g orb.Point) orb.Point {
	x, y := g[0], g[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*xPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*xPi)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// bdInverse returns the GCJ-02 point whose Baidu offset lands on b,
// ignoring the box.
func bdInverse(b orb.Point) orb.Point {
	return invert(b, orb.Point{b[0] - 0.0065, b[1] - 0.006}, bdForward)
}

// GCJ02ToBD09 converts a GCJ-02 point to BD-09 with Baidu's published
// formula. Baidu uses WGS-84 outside China, so points whose WGS-84
// position is outside [InChina]'s box, including NaN, infinite and
// out-of-range ones, are returned unchanged.
func GCJ02ToBD09(g orb.Point) orb.Point {
	if !gcjOffset(g) {
		return g
	}
	return bdForward(g)
}

// BD09ToGCJ02 converts a BD-09 point to GCJ-02, solving Baidu's formula
// iteratively to a residual below 1e-11 degrees. Points that are not the
// BD-09 image of a place in [InChina]'s box, including NaN, infinite and
// out-of-range ones, are returned unchanged; along the box's edge the
// inside reading is chosen, as in [GCJ02ToWGS84].
func BD09ToGCJ02(b orb.Point) orb.Point { return unoffset(b, bdInverse, gcjOffset) }

// WGS84ToBD09 converts a WGS-84 point to BD-09 (GCJ-02, then Baidu's
// offset). Points outside [InChina]'s box, including NaN, infinite and
// out-of-range ones, are returned unchanged: Baidu uses WGS-84 there.
func WGS84ToBD09(p orb.Point) orb.Point {
	if !InChina(p) {
		return p
	}
	return bdForward(gcjForward(p))
}

// BD09ToWGS84 converts a BD-09 point to WGS-84 by inverting both offsets
// iteratively, so that BD09ToWGS84(WGS84ToBD09(p)) == p to well under
// 1 cm for every p in [InChina]'s box. Points that are not the BD-09 image
// of a point in the box, including NaN, infinite and out-of-range ones,
// are returned unchanged; along the box's edge the inside reading is
// chosen, as in [GCJ02ToWGS84].
func BD09ToWGS84(b orb.Point) orb.Point {
	return unoffset(b, func(b orb.Point) orb.Point { return gcjInverse(bdInverse(b)) }, solvedInChina)
}
