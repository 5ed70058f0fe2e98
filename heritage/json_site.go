package heritage

import (
	"fmt"

	"github.com/paulmach/orb"
)

// toSite converts a decoded item to the Site at dst, its memory laid
// out by pk; JSON-level shape problems (geometry type, point length,
// footprint shape, feature id) are reported here, the rest by the
// validator.
func toSite(i int, d *decoded, names fieldNames, pk *packer, ps *problems, dst *Site) {
	p := d.props
	*dst = Site{
		ID:             p.ID,
		Aliases:        pk.list(p.Aliases, false),
		Name:           p.Name,
		Kind:           Kind(pk.str(p.Kind)),
		Period:         p.Period,
		Designation:    p.Designation,
		PrecisionM:     p.PrecisionM,
		LocationSource: pk.str(p.LocationSource),
		Region:         pk.str(p.Region),
		Themes:         pk.list(p.Themes, true),
		Sources:        pk.packSources(p.Sources),
		Address:        p.Address,
		Rating:         p.Rating,
		PresentedAt:    pk.list(p.PresentedAt, false),
		Events:         nilIfEmpty(p.Events),
	}
	s := dst
	s.Notes = pk.packNotes(p.Notes, s.Sources)
	if s.Period != nil {
		s.Period.Name, s.Period.NameZh = pk.str(s.Period.Name), pk.str(s.Period.NameZh)
	}
	if s.Designation != nil {
		s.Designation.Level = Level(pk.str(string(s.Designation.Level)))
	}
	s.Location = d.point(i, names, ps)
	if d.featID != nil && *d.featID != p.ID {
		ps.addf(i, p.ID, "id", ErrID, "Feature id %q differs from properties.id %q", *d.featID, p.ID)
	}
	if p.Footprint != nil {
		s.Footprint = d.footprint(i, names.prefix+"footprint", ps)
	}
	var ok bool
	if s.Visit, ok = p.Visit.visit(); !ok {
		ps.addf(i, p.ID, names.prefix+"visit.minutes", ErrRange, "%d minutes is longer than a visit can be", p.Visit.Minutes)
		d.skip = setSkip(d.skip, "visit")
	}
	pk.packVisit(&s.Visit)
	if p.VisitVia != nil {
		s.VisitVia = *p.VisitVia
		if s.VisitVia == "" {
			ps.addf(i, p.ID, names.prefix+"visit_via", ErrMissing, "an empty ID; omit visit_via when there is none")
		}
	}
	s.Entrance = d.entrance(i, names.prefix, pk, ps)
	if p.EntrancePrecisionM != nil {
		s.EntrancePrecisionM = *p.EntrancePrecisionM
	}
	if p.Score != nil {
		s.Score = *p.Score
	} else if !s.Kind.Anchor() {
		s.Score = DefaultScore(*s)
	}
}

// entrance returns the item's entrance point, from pk, nil if it has
// none, reporting a position that is not [lon, lat]; prefix is the JSON
// path of the properties.
func (d *decoded) entrance(i int, prefix string, pk *packer, ps *problems) *orb.Point {
	e := d.props.Entrance
	switch {
	case e == nil:
		return nil
	case len(e) != 2:
		ps.addf(i, d.props.ID, prefix+"entrance", ErrCoordinates, "want [lon, lat], got %d numbers", len(e))
		d.skip = setSkip(d.skip, "entrance")
		return nil
	}
	p := pk.points.new()
	*p = orb.Point{e[0], e[1]}
	return p
}

// point returns the item's location, reporting a missing point, a
// geometry other than a Point and a position that is not [lon, lat].
func (d *decoded) point(i int, names fieldNames, ps *problems) orb.Point {
	id := d.props.ID
	if d.geomType != "" && d.geomType != "Point" {
		ps.addf(i, id, "geometry.type", ErrCoordinates, "want a Point, got %q (an outline goes in properties.footprint)", d.geomType)
		d.skip = setSkip(d.skip, "geometry")
	}
	switch {
	case d.skip["geometry"] || d.skip["location"] || d.skip["all"]:
	case !d.hasLoc:
		ps.add(i, id, names.location, ErrMissing)
		d.skip = setSkip(d.skip, "geometry")
	case len(d.loc) != 2:
		ps.addf(i, id, names.location, ErrCoordinates, "want [lon, lat], got %d numbers", len(d.loc))
		d.skip = setSkip(d.skip, "geometry")
	default:
		return orb.Point{d.loc[0], d.loc[1]}
	}
	return orb.Point{}
}

// footprint returns the item's footprint polygon, reporting a geometry
// other than a Polygon and positions that are not [lon, lat]; field is
// the footprint's JSON path.
func (d *decoded) footprint(i int, field string, ps *problems) orb.Polygon {
	fp, id := d.props.Footprint, d.props.ID
	if fp.Type != "Polygon" {
		ps.addf(i, id, field+".type", ErrCoordinates, "want a Polygon, got %q", fp.Type)
		d.skip = setSkip(d.skip, "footprint")
		return nil
	}
	poly := make(orb.Polygon, len(fp.Coordinates))
	for r, ring := range fp.Coordinates {
		poly[r] = make(orb.Ring, len(ring))
		for k, pos := range ring {
			if len(pos) != 2 {
				ps.addf(i, id, fmt.Sprintf("%s.coordinates[%d][%d]", field, r, k), ErrCoordinates, "want [lon, lat], got %d numbers", len(pos))
				d.skip = setSkip(d.skip, "footprint")
				continue
			}
			poly[r][k] = orb.Point{pos[0], pos[1]}
		}
	}
	return poly
}

func setSkip(m map[string]bool, key string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[key] = true
	return m
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
