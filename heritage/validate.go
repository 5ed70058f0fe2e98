package heritage

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// ValidID reports whether id is a site ID: one or more lowercase ASCII
// slugs (letters a–z, digits, single inner hyphens) joined by "/", such as
// "jiangxian/chexiangcheng" or "anchor/jiangxian-county-seat".
func ValidID(id string) bool {
	if id == "" {
		return false
	}
	for seg := range strings.SplitSeq(id, "/") {
		if !validSlug(seg) {
			return false
		}
	}
	return true
}

// validSlug reports whether s matches ^[a-z0-9]+(-[a-z0-9]+)*$.
func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// fieldNames are the JSON names of the fields whose paths differ between
// the GeoJSON and the plain-array formats.
type fieldNames struct {
	prefix   string // before every property, "properties." or ""
	location string // the point: "geometry.coordinates" or "location"
}

// geojsonFields and arrayFields are the paths used by the two input formats.
func geojsonFields() fieldNames { return fieldNames{"properties.", "geometry.coordinates"} }
func arrayFields() fieldNames   { return fieldNames{"", "location"} }

// validator checks sites and records problems.
type validator struct {
	ps     *problems
	names  fieldNames
	bound  *orb.Bound
	hours  map[string]error // parse results of opening-hours strings seen so far
	seenID *idIndex         // ID -> index of its first site; nil: not checked
	ids    func(int) string // the ID of an earlier site, for seenID
	check  siteCheck        // the site being checked, reused
}

func newValidator(ps *problems, names fieldNames, bound *orb.Bound, n int) *validator {
	return &validator{
		ps:     ps,
		names:  names,
		bound:  bound,
		hours:  make(map[string]error),
		seenID: newIDIndex(n),
	}
}

// site checks s, item i of the input. skip, when non-nil, names
// top-level properties whose JSON did not decode and so must not be
// reported again as missing.
func (v *validator) site(i int, s *Site, skip map[string]bool) {
	// The ID as written, even when malformed: it helps to find the item.
	c := &v.check
	*c = siteCheck{v: v, i: i, id: s.ID, s: s, skip: skip}
	c.first.reset(s.Sources)
	c.identity()
	c.era()
	c.location()
	c.themes()
	c.sources()
	if !c.skipped("visit") {
		c.visit()
		c.visitStatus()
	}
	c.visitor()
	switch {
	case c.skipped("score"):
	case s.Score < 0 || s.Score > 100:
		c.bad(c.f("score"), ErrRange, "score %d is outside 0–100", s.Score)
	case s.Kind.Anchor() && s.Score != 0:
		c.bad(c.f("score"), ErrAnchor, "anchor places (%s) score 0, not %d", s.Kind, s.Score)
	}
}

// siteCheck is the validation of one site.
type siteCheck struct {
	v    *validator
	i    int
	id   string
	s    *Site
	skip map[string]bool
	// first gives the index of the first of the site's sources with a
	// URL.
	first sourceIndex
}

// f returns the JSON path of the property name.
func (c *siteCheck) f(name string) string { return c.v.names.prefix + name }

// at returns the JSON path of element j of the list property list; paths
// are built only when there is a problem to report.
func (c *siteCheck) at(list string, j int) string { return c.f(list + "[" + strconv.Itoa(j) + "]") }

func (c *siteCheck) skipped(name string) bool { return c.skip[name] }

func (c *siteCheck) bad(field string, sentinel error, format string, args ...any) {
	c.v.ps.addf(c.i, c.id, field, sentinel, format, args...)
}

func (c *siteCheck) missing(field string) { c.v.ps.add(c.i, c.id, field, ErrMissing) }

// identity checks the ID, names and kind.
func (c *siteCheck) identity() {
	s := c.s
	switch {
	case c.skipped("id"):
	case s.ID == "":
		c.missing(c.f("id"))
	case !ValidID(s.ID):
		c.bad(c.f("id"), ErrID, "%q is not a lowercase slug path like \"jiangxian/chexiangcheng\"", s.ID)
	case c.v.seenID == nil: // the caller checks the IDs
	default:
		if first, dup := c.v.seenID.add(s.ID, c.i, c.v.ids); dup {
			c.bad(c.f("id"), ErrDuplicateID, "%q is also the ID of item %d", s.ID, first)
		}
	}
	if !c.skipped("name") {
		for _, n := range []struct{ field, value string }{{"name.zh", s.Name.Zh}, {"name.pinyin", s.Name.Pinyin}, {"name.en", s.Name.En}} {
			if strings.TrimSpace(n.value) == "" {
				c.missing(c.f(n.field))
			}
		}
	}
	for j, a := range s.Aliases {
		if strings.TrimSpace(a) == "" {
			c.missing(c.at("aliases", j))
		}
	}
	switch {
	case c.skipped("kind"):
	case s.Kind == "":
		c.missing(c.f("kind"))
	case !s.Kind.Valid():
		c.bad(c.f("kind"), ErrKind, "%q (known kinds: %s)", s.Kind, list(Kinds()))
	}
}

// era checks the period and designation, which anchors do not have.
func (c *siteCheck) era() {
	s := c.s
	anchor := s.Kind.Anchor()
	if p := s.Period; p != nil {
		switch {
		case anchor:
			c.bad(c.f("period"), ErrAnchor, "anchor places (%s) have no period", s.Kind)
		case p.Name == "" && p.NameZh == "" && p.From == nil && p.To == nil:
			c.bad(c.f("period"), ErrMissing, "empty period object; omit it when the period is unknown")
		}
		if p.From != nil && *p.From == 0 {
			c.bad(c.f("period.from"), ErrPeriod, "there is no year 0 (1 BCE is -1)")
		}
		if p.To != nil && *p.To == 0 {
			c.bad(c.f("period.to"), ErrPeriod, "there is no year 0 (1 BCE is -1)")
		}
		if p.From != nil && p.To != nil && *p.From > *p.To {
			c.bad(c.f("period"), ErrPeriod, "from %d is after to %d", *p.From, *p.To)
		}
	}
	if d := s.Designation; d != nil {
		if anchor {
			c.bad(c.f("designation"), ErrAnchor, "anchor places (%s) have no designation", s.Kind)
		}
		switch {
		case d.Level == "":
			c.missing(c.f("designation.level"))
		case !d.Level.Valid():
			c.bad(c.f("designation.level"), ErrLevel, "%q (known: national, provincial, city, county)", d.Level)
		}
		if d.Batch < 0 {
			c.bad(c.f("designation.batch"), ErrRange, "batch %d is negative", d.Batch)
		}
		if d.Year < 0 {
			c.bad(c.f("designation.year"), ErrRange, "year %d is negative", d.Year)
		}
	}
}

// location checks the point, its precision and source, and the footprint.
func (c *siteCheck) location() {
	s := c.s
	if !c.skipped("geometry") && !c.skipped("location") {
		c.v.point(c.i, c.id, c.v.names.location, s.Location)
	}
	if !c.skipped("precision_m") {
		c.precision("precision_m", s.PrecisionM)
	}
	if !c.skipped("location_source") && strings.TrimSpace(s.LocationSource) == "" {
		c.missing(c.f("location_source"))
	}
	if s.Footprint != nil && !c.skipped("footprint") {
		c.v.polygon(c.i, c.id, c.f("footprint.coordinates"), s.Footprint)
	}
}

// precision checks a precision in metres, which is required; name is
// its property.
func (c *siteCheck) precision(name string, pm float64) {
	switch {
	case math.IsNaN(pm) || math.IsInf(pm, 0) || pm < 0:
		c.bad(c.f(name), ErrRange, "precision %v m is not a positive number", pm)
	case pm == 0:
		c.bad(c.f(name), ErrMissing, "precision in metres is required and must be > 0")
	}
}

// themes checks the theme slugs.
func (c *siteCheck) themes() {
	s := c.s
	for j, t := range s.Themes {
		switch {
		case !validSlug(t):
			c.bad(c.at("themes", j), ErrID, "theme %q is not a lowercase slug like \"jin-culture\"", t)
		case slices.Contains(s.Themes[:j], t):
			c.bad(c.at("themes", j), ErrID, "theme %q is repeated", t)
		}
	}
	if s.Kind.Anchor() && len(s.Themes) > 0 {
		c.bad(c.f("themes"), ErrAnchor, "anchor places (%s) are not on themed lines", s.Kind)
	}
}

// sources checks the sources and the notes that cite them.
func (c *siteCheck) sources() {
	s, first := c.s, c.first.of
	for j, src := range s.Sources {
		if strings.TrimSpace(src.Title) == "" {
			c.missing(c.at("sources", j) + ".title")
		}
		switch {
		case src.URL == "":
			c.missing(c.at("sources", j) + ".url")
		case !httpURL(src.URL):
			c.bad(c.at("sources", j)+".url", ErrSource, "%q is not an http(s) URL", src.URL)
		case first(src.URL) < j:
			c.bad(c.at("sources", j)+".url", ErrSource, "%q is listed twice", src.URL)
		}
	}
	for j, n := range s.Notes {
		switch n.Lang {
		case "zh", "en":
		case "":
			c.missing(c.at("notes", j) + ".lang")
		default:
			c.bad(c.at("notes", j)+".lang", ErrLang, "%q (use \"zh\" or \"en\")", n.Lang)
		}
		if strings.TrimSpace(n.Text) == "" {
			c.missing(c.at("notes", j) + ".text")
		}
		for k, u := range n.Sources {
			if first(u) < 0 {
				c.bad(c.at("notes", j)+".sources["+strconv.Itoa(k)+"]", ErrSource, "%q is not listed in the site's sources", u)
			}
		}
	}
}

// sourceIndex finds the first of a site's sources with a given URL: a
// scan for short lists, a map for long ones (no quadratic work).
type sourceIndex struct {
	sources []Source
	byURL   map[string]int // for long lists only
}

func (x *sourceIndex) reset(sources []Source) {
	x.sources = sources
	if len(sources) <= 16 {
		clear(x.byURL)
		return
	}
	x.byURL = make(map[string]int, len(sources))
	for j := len(sources) - 1; j >= 0; j-- {
		x.byURL[sources[j].URL] = j
	}
}

// of returns the index of the first source with URL u, -1 if none.
func (x *sourceIndex) of(u string) int {
	if len(x.sources) <= 16 {
		return slices.IndexFunc(x.sources, func(src Source) bool { return src.URL == u })
	}
	if j, ok := x.byURL[u]; ok {
		return j
	}
	return -1
}

// visit checks the visit facts a plan uses: minutes, opening hours and
// which of them are estimated.
func (c *siteCheck) visit() {
	vis := &c.s.Visit
	switch {
	case vis.Duration < 0:
		c.bad(c.f("visit.minutes"), ErrRange, "%d minutes is negative", vis.Duration/time.Minute)
	case vis.Duration%time.Minute != 0:
		c.bad(c.f("visit.minutes"), ErrRange, "%v is not a whole number of minutes", vis.Duration)
	}
	if h := vis.OpeningHours; h != "" {
		err, seen := c.v.hours[h]
		if !seen {
			_, err = ParseOpeningHours(h)
			c.v.hours[h] = err
		}
		if err != nil {
			c.v.ps.add(c.i, c.id, c.f("visit.opening_hours"), err)
		}
	}
	for j, e := range vis.Estimated {
		var has bool
		switch e {
		case "minutes":
			has = vis.Duration != 0
		case "opening_hours":
			has = vis.OpeningHours != ""
		case "ticket":
			has = vis.Ticket != ""
		default:
			c.bad(c.at("visit.estimated", j), ErrEstimated, "%q is not a visit field (minutes, opening_hours, ticket)", e)
			continue
		}
		switch {
		case slices.Contains(vis.Estimated[:j], e):
			c.bad(c.at("visit.estimated", j), ErrEstimated, "%q is repeated", e)
		case !has:
			c.bad(c.at("visit.estimated", j), ErrEstimated, "%q is marked estimated but has no value", e)
		}
	}
}

// visitStatus checks what there is to see, whether one can get in and how
// sure the opening hours are.
func (c *siteCheck) visitStatus() {
	vis := &c.s.Visit
	if e := vis.Experience; e != "" && !e.Valid() {
		c.bad(c.f("visit.experience"), ErrUnknownValue, "%q (known: %s)", e, list(experiences()))
	}
	if a := vis.Access; a != "" && !a.Valid() {
		c.bad(c.f("visit.access"), ErrUnknownValue, "%q (known: %s)", a, list(accesses()))
	}
	if vis.AccessSource != "" {
		if vis.Access == "" {
			c.bad(c.f("visit.access_source"), ErrMissing, "a source for an access that is not given")
		}
		c.cites(c.f("visit.access_source"), vis.AccessSource)
	}
	h := vis.HoursStatus
	estimated := slices.Contains(vis.Estimated, "opening_hours")
	switch {
	case h == "":
	case !h.Valid():
		c.bad(c.f("visit.hours_status"), ErrUnknownValue, "%q (known: %s)", h, list(hoursStatuses()))
	case h == HoursUnknown && vis.OpeningHours != "":
		c.bad(c.f("visit.hours_status"), ErrEstimated, "\"unknown\" but opening_hours %q is given; say \"estimated\" or where it is from", vis.OpeningHours)
	case h == HoursEstimated && vis.OpeningHours != "" && !estimated:
		c.bad(c.f("visit.hours_status"), ErrEstimated, "\"estimated\" but opening_hours is not listed in visit.estimated")
	case h != HoursEstimated && estimated:
		c.bad(c.f("visit.hours_status"), ErrEstimated, "%q but opening_hours is listed in visit.estimated", h)
	}
}

// cites checks that u, the source a field cites, is one of the site's
// sources.
func (c *siteCheck) cites(field, u string) {
	switch {
	case u == "":
		c.missing(field)
	case c.first.of(u) < 0:
		c.bad(field, ErrSource, "%q is not listed in the site's sources", u)
	}
}

func (v *validator) point(i int, id, field string, p orb.Point) {
	switch {
	case !geo.Valid(p): // also false for NaN and infinities
		v.ps.addf(i, id, field, ErrCoordinates, "%v is not a [lon, lat] point in range", p)
	case v.bound != nil && !v.bound.Contains(p):
		v.ps.addf(i, id, field, ErrOutOfBound, "%v lies outside %s", p, boundString(*v.bound))
	}
}

func (v *validator) polygon(i int, id, field string, poly orb.Polygon) {
	if len(poly) == 0 {
		v.ps.addf(i, id, field, ErrCoordinates, "a polygon needs at least one ring")
		return
	}
	for r, ring := range poly {
		rf := field + "[" + strconv.Itoa(r) + "]"
		if len(ring) < 4 {
			v.ps.addf(i, id, rf, ErrCoordinates, "a ring needs at least 4 positions, has %d", len(ring))
			continue
		}
		if ring[0] != ring[len(ring)-1] {
			v.ps.addf(i, id, rf, ErrCoordinates, "ring is not closed (first and last positions differ)")
		}
		for k, p := range ring {
			if !geo.Valid(p) || (v.bound != nil && !v.bound.Contains(p)) {
				v.point(i, id, rf+"["+strconv.Itoa(k)+"]", p)
				break // one report per ring is enough
			}
		}
	}
}

// httpURL reports whether u is an absolute http or https URL with a host
// and no spaces or control characters.
func httpURL(u string) bool {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(u, "http://"); !ok {
			return false
		}
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
	}
	if host == "" {
		return false
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] == 0x7f {
			return false
		}
	}
	return true
}

func finitePoint(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

func boundString(b orb.Bound) string {
	return fmt.Sprintf("the region [%g, %g]–[%g, %g]", b.Min[0], b.Min[1], b.Max[0], b.Max[1])
}
