package heritage

import (
	"cmp"
	"io"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Catalog is a validated, immutable set of sites with unique IDs, indexed
// for queries. Build one with [Load], [LoadFile], [NewCatalog] or [Merge],
// or take the embedded one from [Default]. A *Catalog is safe for
// concurrent use; the zero Catalog is empty.
//
// Methods that return sites return new slices (callers may reorder or
// truncate them) whose Site values share their inner slices with the
// catalog: treat those as read-only, or use [Site.Clone].
type Catalog struct {
	rows   []row // the sites, in catalog order
	byID   *idIndex
	bound  *orb.Bound // declared region, nil if none
	search searchIndex
	space  *geo.Index // nil for the zero Catalog; its methods accept nil
}

// newCatalog indexes the rows of validated sites, which are owned by the
// catalog from now on.
// byID, if not nil, maps each ID to its index in rows (the validator
// builds it while checking for duplicates) and is owned by the catalog.
// A large catalog's indexes are built at once, the search index on a
// goroutine of its own.
func newCatalog(rows []row, bound *orb.Bound, byID *idIndex) (*Catalog, error) {
	c := &Catalog{rows: rows, byID: byID, bound: bound}
	var searchErr, spaceErr error
	together(len(rows) >= concurrentIndexMin, func() {
		c.search, searchErr = newSearchIndex(rows)
	}, func() {
		if c.byID == nil {
			c.byID = indexIDs(rows)
		}
		c.space, spaceErr = newSpatialIndex(rows)
	})
	if err := cmp.Or(searchErr, spaceErr); err != nil {
		return nil, err
	}
	return c, nil
}

// concurrentIndexMin is the number of sites from which newCatalog builds
// indexes at once.
const concurrentIndexMin = 1 << 14

// together calls a and b, at once on two goroutines when concurrent is
// true, else one after the other.
func together(concurrent bool, a, b func()) {
	if !concurrent {
		a()
		b()
		return
	}
	var wg sync.WaitGroup
	wg.Go(a)
	b()
	wg.Wait()
}

// Len returns the number of sites.
func (c *Catalog) Len() int { return len(c.rows) }

// rowID returns the ID of site i.
func (c *Catalog) rowID(i int) string { return c.rows[i].id }

// site returns site i.
func (c *Catalog) site(i int) Site { return c.rows[i].site() }

// Sites returns all sites in catalog order: input order, and for [Merge]d
// catalogs the order of the catalogs.
func (c *Catalog) Sites() []Site {
	out := make([]Site, len(c.rows))
	for i := range c.rows {
		out[i] = c.rows[i].site()
	}
	return out
}

// Get returns the site with the given ID; ok is false if there is none.
func (c *Catalog) Get(id string) (s Site, ok bool) {
	i, ok := c.byID.get(id, c.rowID)
	if !ok {
		return Site{}, false
	}
	return c.site(i), true
}

// Bound returns the smallest bound holding every site's location; the
// zero bound for an empty catalog.
func (c *Catalog) Bound() orb.Bound {
	if len(c.rows) == 0 {
		return orb.Bound{}
	}
	b := c.rows[0].location.Bound()
	for i := range c.rows[1:] {
		b = b.Extend(c.rows[i+1].location)
	}
	return b
}

// Region returns the region declared with [WithinBound] when the catalog
// was loaded; ok is false if none was declared (and for [Merge]d catalogs).
func (c *Catalog) Region() (b orb.Bound, ok bool) {
	if c.bound == nil {
		return orb.Bound{}, false
	}
	return *c.bound, true
}

// WriteGeoJSON writes the catalog's sites with [WriteGeoJSON] in catalog
// order: with every field of every site, so that loading the output (in
// WGS-84, the default) gives an equal catalog.
func (c *Catalog) WriteGeoJSON(w io.Writer, opts ...FeatureOption) error {
	return writeGeoJSON(w, len(c.rows), c.site, opts...)
}

// Query selects sites for [Catalog.Filter]. Each non-empty field is a
// condition; a site must meet all of them. Within a field, any listed value
// matches. The zero Query matches every site.
type Query struct {
	// Kinds keeps sites of any of these kinds.
	Kinds []Kind
	// Themes keeps sites carrying any of these theme slugs.
	Themes []string
	// Levels keeps sites designated at any of these levels; sites without
	// a designation never match.
	Levels []Level
	// Period, when not nil, keeps sites whose period overlaps the closed
	// year range [Period.From, Period.To]. Sites whose period has no known
	// year never match; a period with one known year counts as that year
	// (see [Period.Years]).
	Period *YearRange
}

// YearRange is a closed range of years, BCE negative (see [Period]).
type YearRange struct {
	From, To int
}

// Filter returns the sites matching q, in catalog order. It scans every
// site: O(n).
func (c *Catalog) Filter(q Query) []Site {
	var out []Site
	for i := range c.rows {
		if q.match(&c.rows[i]) {
			out = append(out, c.site(i))
		}
	}
	return out
}

func (q *Query) match(s *row) bool {
	if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, s.kindOf()) {
		return false
	}
	if len(q.Themes) > 0 && !slices.ContainsFunc(q.Themes, func(t string) bool { return slices.Contains(s.themeList(), t) }) {
		return false
	}
	if len(q.Levels) > 0 && (s.designation == nil || !slices.Contains(q.Levels, s.designation.Level)) {
		return false
	}
	if q.Period != nil {
		from, to, ok := s.period.Years()
		if !ok || from > q.Period.To || to < q.Period.From {
			return false
		}
	}
	return true
}

// Timeline returns the sites whose period has a known year, ordered by the
// period's first year, then its last year, then ID (years as in
// [Period.Years]). Sites without a period or without years are left out.
func (c *Catalog) Timeline() []Site {
	type dated struct {
		from, to int
		i        int
	}
	var ds []dated
	for i := range c.rows {
		if from, to, ok := c.rows[i].period.Years(); ok {
			ds = append(ds, dated{from, to, i})
		}
	}
	slices.SortFunc(ds, func(a, b dated) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to),
			cmp.Compare(c.rows[a.i].id, c.rows[b.i].id))
	})
	out := make([]Site, len(ds))
	for k, d := range ds {
		out[k] = c.site(d.i)
	}
	return out
}
