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

// projection is a local equirectangular projection: x grows with longitude
// scaled by the cosine of the centre latitude, y falls with latitude. Over
// a county-sized area (tens of kilometres) its scale is true to well under
// 1% everywhere, which is what a scale bar needs; it is not meant for
// areas spanning many degrees of latitude.
type projection struct {
	lon0, lat0 float64 // the centre, degrees
	k          float64 // cos(lat0)
	s          float64 // pixels per degree of latitude
	cx, cy     float64 // pixel position of the centre
}

// fitProjection returns the projection that shows b as large as possible
// inside area, centred. A bound smaller than minSpan metres across (a
// single point, say) is widened to minSpan around its centre so that the
// picture keeps a sensible scale.
func fitProjection(b orb.Bound, area rect, minSpan float64) (projection, error) {
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return projection{}, fmt.Errorf("export: bound %v is not finite", b)
		}
	}
	if b.Min[1] < -85 || b.Max[1] > 85 {
		return projection{}, fmt.Errorf("export: latitudes %.4f–%.4f are too near a pole for a local map", b.Min[1], b.Max[1])
	}
	if area.w() <= 0 || area.h() <= 0 {
		return projection{}, fmt.Errorf("export: map area %.0f×%.0f px is empty", area.w(), area.h())
	}
	c := b.Center()
	p := projection{lon0: c[0], lat0: c[1], k: math.Cos(c[1] * math.Pi / 180)}
	wDeg := (b.Max[0] - b.Min[0]) * p.k
	hDeg := b.Max[1] - b.Min[1]
	minDeg := minSpan / metresPerDegree
	wDeg, hDeg = math.Max(wDeg, minDeg), math.Max(hDeg, minDeg)
	p.s = math.Min(area.w()/wDeg, area.h()/hDeg)
	p.cx, p.cy = (area.x0+area.x1)/2, (area.y0+area.y1)/2
	return p, nil
}

// project returns the picture position of pt.
func (p projection) project(pt orb.Point) (x, y float64) {
	return p.cx + (pt[0]-p.lon0)*p.k*p.s, p.cy - (pt[1]-p.lat0)*p.s
}

// unproject is the inverse of project.
func (p projection) unproject(x, y float64) orb.Point {
	return orb.Point{p.lon0 + (x-p.cx)/(p.k*p.s), p.lat0 - (y-p.cy)/p.s}
}

// metresPerPixel is the ground distance one pixel covers, true along every
// meridian and along the centre parallel.
func (p projection) metresPerPixel() float64 { return metresPerDegree / p.s }

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
