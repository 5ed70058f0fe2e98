package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Points holds points prepared for many [Distance] calls among them: each
// point's latitude in radians and its cosine are computed once rather
// than once per pair, which halves the cost of filling an n × n table.
type Points struct {
	lon, lat, cos []float64
}

// NewPoints prepares ps for [Points.Distance].
func NewPoints(ps []orb.Point) Points {
	p := Points{make([]float64, len(ps)), make([]float64, len(ps)), make([]float64, len(ps))}
	for i, pt := range ps {
		p.lon[i], p.lat[i] = pt[0], rad(pt[1])
		p.cos[i] = math.Cos(p.lat[i])
	}
	return p
}

// Distance returns Distance(ps[i], ps[j]) for valid points: the same
// haversine formula with the same operations in the same order, so the
// result is equal to the last bit.
func (p Points) Distance(i, j int) float64 {
	sinLat := math.Sin((p.lat[j] - p.lat[i]) / 2)
	sinLon := math.Sin(rad(p.lon[j]-p.lon[i]) / 2)
	h := min(sinLat*sinLat+p.cos[i]*p.cos[j]*sinLon*sinLon, 1)
	return 2 * EarthRadius * math.Asin(math.Sqrt(h))
}
