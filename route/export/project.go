package export

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// rect is an axis-aligned box in picture pixels, y growing downwards.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// overlaps reports whether r and s share interior area.
func (r rect) overlaps(s rect) bool {
	return r.x0 < s.x1 && s.x0 < r.x1 && r.y0 < s.y1 && s.y0 < r.y1
}

// contains reports whether s lies inside r.
func (r rect) contains(s rect) bool {
	return s.x0 >= r.x0 && s.x1 <= r.x1 && s.y0 >= r.y0 && s.y1 <= r.y1
}

// inset returns r shrunk by d on every side.
func (r rect) inset(d float64) rect { return rect{r.x0 + d, r.y0 + d, r.x1 - d, r.y1 - d} }

// metresPerDegree is the length of one degree of latitude (and of longitude
// on the equator) on the sphere of radius geo.EarthRadius.
const metresPerDegree = geo.EarthRadius * math.Pi / 180

// Projection is the map projection of an [SVG] picture: a local
// equirectangular projection from WGS-84 [lon, lat] in degrees to the
// picture's CSS pixels, x to the right and y downwards,
//
//	x = X0 + (lon − Lon0) · cos(Lat0) · Scale
//	y = Y0 − (lat − Lat0) · Scale
//
// so north is up, a degree of longitude is cos(Lat0) times as long as a
// degree of latitude, and distances are true along every meridian and
// along the centre parallel. Over a county-sized area (tens of
// kilometres) the scale is true to well under 1% everywhere, which is
// what the picture's scale bar needs; it is not meant for areas spanning
// many degrees of latitude.
//
// [Map.Projection] returns a picture's projection, and the picture states
// it in data attributes of its root element (see [SVG]), so that tiles,
// overlays or a script can be placed on it exactly. A Projection is a
// plain value, safe to copy and to share. Its zero value is not usable:
// Scale must be positive and finite.
type Projection struct {
	// Lon0 and Lat0 are the centre in degrees, WGS-84; Lat0 lies within
	// ±85°.
	Lon0, Lat0 float64
	// X0 and Y0 are the centre's position in the picture, px.
	X0, Y0 float64
	// Scale is the length of one degree of latitude in the picture, px.
	Scale float64
}

// fitProjection returns the projection that shows b as large as possible
// inside area, centred. A bound smaller than minSpan metres across (a
// single point, say) is widened to minSpan around its centre so that the
// picture keeps a sensible scale.
func fitProjection(b orb.Bound, area rect, minSpan float64) (Projection, error) {
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Projection{}, fmt.Errorf("export: bound %v is not finite", b)
		}
	}
	if b.Min[1] < -85 || b.Max[1] > 85 {
		return Projection{}, fmt.Errorf("export: latitudes %.4f–%.4f are too near a pole for a local map", b.Min[1], b.Max[1])
	}
	if area.w() <= 0 || area.h() <= 0 {
		return Projection{}, fmt.Errorf("export: map area %.0f×%.0f px is empty", area.w(), area.h())
	}
	c := b.Center()
	p := Projection{Lon0: c[0], Lat0: c[1]}
	k := p.k()
	wDeg := (b.Max[0] - b.Min[0]) * k
	hDeg := b.Max[1] - b.Min[1]
	minDeg := minSpan / metresPerDegree
	wDeg, hDeg = math.Max(wDeg, minDeg), math.Max(hDeg, minDeg)
	p.Scale = math.Min(area.w()/wDeg, area.h()/hDeg)
	p.X0, p.Y0 = (area.x0+area.x1)/2, (area.y0+area.y1)/2
	return p, nil
}

// k is cos(Lat0), the length of a degree of longitude in degrees of
// latitude.
func (p Projection) k() float64 { return math.Cos(p.Lat0 * math.Pi / 180) }

// Project returns the picture position of pt, a WGS-84 [lon, lat] point,
// in px. It is defined for every point; those outside the picture's map
// frame land outside it.
func (p Projection) Project(pt orb.Point) (x, y float64) {
	return p.X0 + (pt[0]-p.Lon0)*p.k()*p.Scale, p.Y0 - (pt[1]-p.Lat0)*p.Scale
}

// Unproject is the inverse of [Projection.Project]: the WGS-84 point drawn
// at picture position x, y (px).
func (p Projection) Unproject(x, y float64) orb.Point {
	return orb.Point{p.Lon0 + (x-p.X0)/(p.k()*p.Scale), p.Lat0 - (y-p.Y0)/p.Scale}
}

// MetresPerPixel returns the ground distance one pixel covers, in metres:
// true along every meridian and along the centre parallel. Its unit sphere
// has radius [geo.EarthRadius].
func (p Projection) MetresPerPixel() float64 { return metresPerDegree / p.Scale }

// scaleBar returns the longest round distance (1, 2 or 5 × 10^k metres)
// whose bar is at most maxPx long at mpp metres per pixel, and that bar's
// length in pixels.
func scaleBar(mpp, maxPx float64) (metres, px float64) {
	if !(mpp > 0) || !(maxPx > 0) || math.IsInf(mpp, 0) || math.IsInf(maxPx, 0) {
		return 0, 0
	}
	limit := mpp * maxPx
	exp := math.Floor(math.Log10(limit))
	for exp > -3 {
		base := math.Pow(10, exp)
		for _, m := range []float64{5, 2, 1} {
			if m*base <= limit*(1+1e-12) {
				return m * base, m * base / mpp
			}
		}
		exp--
	}
	return 0, 0
}

// formatMetres writes a round scale-bar distance: "500 m", "2 km", "0.5 m".
func formatMetres(m float64) string {
	if m >= 1000 {
		return strconv.FormatFloat(m/1000, 'f', -1, 64) + " km"
	}
	return strconv.FormatFloat(m, 'f', -1, 64) + " m"
}
