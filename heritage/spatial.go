package heritage

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// newSpatialIndex indexes the sites' locations. The sites are validated,
// so an error here means a broken invariant; it is returned, not hidden.
func newSpatialIndex(rows []row) (*geo.Index, error) {
	points := make([]orb.Point, len(rows))
	for i := range rows {
		points[i] = rows[i].location
	}
	ix, err := geo.NewIndex(points)
	if err != nil {
		return nil, fmt.Errorf("heritage: spatial index: %w", err)
	}
	return ix, nil
}

// pick returns the sites at the given catalog indices, in that order; nil
// when there are none.
func (c *Catalog) pick(ids []int) []Site {
	if len(ids) == 0 {
		return nil
	}
	out := make([]Site, len(ids))
	for k, i := range ids {
		out[k] = c.site(i)
	}
	return out
}

// Nearest returns the k sites nearest to p by great-circle distance
// ([geo.Distance]), nearest first; sites at equal distance come in catalog
// order. It returns every site, ranked, when k exceeds [Catalog.Len], and
// nil when k <= 0 or p is not a valid [lon, lat] point. It uses the
// catalog's [geo.Index]: about O(log n + k).
//
// Nearest ranks every site, so the neighbours of a site s, asked as
// Nearest(s.Location, k+1), start with s itself (and any site sharing its
// point): drop the first, or the entries whose ID is s.ID.
func (c *Catalog) Nearest(p orb.Point, k int) []Site {
	return c.pick(c.space.Nearest(p, k))
}

// Within returns the sites at most metres from p by great-circle distance
// (boundary included), nearest first; sites at equal distance come in
// catalog order. It returns nil when there are none, metres is negative
// or NaN, or p is not a valid point.
func (c *Catalog) Within(p orb.Point, metres float64) []Site {
	return c.pick(c.space.Within(p, metres))
}

// InBound returns the sites whose location lies inside b, edges included,
// in catalog order (see [geo.Index.InBound] for bounds that cross the
// antimeridian). It returns nil when there are none or b is invalid.
func (c *Catalog) InBound(b orb.Bound) []Site {
	return c.pick(c.space.InBound(b))
}
