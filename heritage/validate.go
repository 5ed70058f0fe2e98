package heritage

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

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
	seenID map[string]int   // ID -> index of its first site
}

func newValidator(ps *problems, names fieldNames, bound *orb.Bound, n int) *validator {
	return &validator{
		ps:     ps,
		names:  names,
		bound:  bound,
		hours:  make(map[string]error),
		seenID: make(map[string]int, n),
	}
}

// skip, when non-nil, names top-level properties whose JSON did not decode
// and so must not be reported again as missing.
func (v *validator) site(i int, s *Site, skip map[string]bool) {
	id := s.ID // as written, even when malformed: it helps to find the item
	f := func(name string) string { return v.names.prefix + name }
	bad := func(field string, sentinel error, format string, args ...any) {
		v.ps.addf(i, id, field, sentinel, format, args...)
	}
	missing := func(field string) { v.ps.add(i, id, field, ErrMissing) }
	skipped := func(name string) bool { return skip[name] }

	switch {
	case skipped("id"):
	case s.ID == "":
		missing(f("id"))
	case !ValidID(s.ID):
		bad(f("id"), ErrID, "%q is not a lowercase slug path like \"jiangxian/chexiangcheng\"", s.ID)
	default:
		if first, dup := v.seenID[s.ID]; dup {
			bad(f("id"), ErrDuplicateID, "%q is also the ID of item %d", s.ID, first)
		} else {
			v.seenID[s.ID] = i
		}
	}

	if !skipped("name") {
		if strings.TrimSpace(s.Name.Zh) == "" {
			missing(f("name.zh"))
		}
		if strings.TrimSpace(s.Name.Pinyin) == "" {
			missing(f("name.pinyin"))
		}
		if strings.TrimSpace(s.Name.En) == "" {
			missing(f("name.en"))
		}
	}
	for j, a := range s.Aliases {
		if strings.TrimSpace(a) == "" {
			missing(f("aliases[" + strconv.Itoa(j) + "]"))
		}
	}

	switch {
	case skipped("kind"):
	case s.Kind == "":
		missing(f("kind"))
	case !s.Kind.Valid():
		bad(f("kind"), ErrKind, "%q (known kinds: %s)", s.Kind, kindList())
	}
	anchor := s.Kind.Anchor()

	if p := s.Period; p != nil {
		switch {
		case anchor:
			bad(f("period"), ErrAnchor, "anchor places (%s) have no period", s.Kind)
		case p.Name == "" && p.NameZh == "" && p.From == nil && p.To == nil:
			bad(f("period"), ErrMissing, "empty period object; omit it when the period is unknown")
		}
		if p.From != nil && *p.From == 0 {
			bad(f("period.from"), ErrPeriod, "there is no year 0 (1 BCE is -1)")
		}
		if p.To != nil && *p.To == 0 {
			bad(f("period.to"), ErrPeriod, "there is no year 0 (1 BCE is -1)")
		}
		if p.From != nil && p.To != nil && *p.From > *p.To {
			bad(f("period"), ErrPeriod, "from %d is after to %d", *p.From, *p.To)
		}
	}

	if d := s.Designation; d != nil {
		if anchor {
			bad(f("designation"), ErrAnchor, "anchor places (%s) have no designation", s.Kind)
		}
		switch {
		case d.Level == "":
			missing(f("designation.level"))
		case !d.Level.Valid():
			bad(f("designation.level"), ErrLevel, "%q (known: national, provincial, city, county)", d.Level)
		}
		if d.Batch < 0 {
			bad(f("designation.batch"), ErrRange, "batch %d is negative", d.Batch)
		}
		if d.Year < 0 {
			bad(f("designation.year"), ErrRange, "year %d is negative", d.Year)
		}
	}

	if !skip["geometry"] && !skip["location"] {
		v.point(i, id, v.names.location, s.Location)
	}
	switch pm := s.PrecisionM; {
	case skipped("precision_m"):
	case math.IsNaN(pm) || math.IsInf(pm, 0) || pm < 0:
		bad(f("precision_m"), ErrRange, "precision %v m is not a positive number", pm)
	case pm == 0:
		bad(f("precision_m"), ErrMissing, "precision in metres is required and must be > 0")
	}
	if !skipped("location_source") && strings.TrimSpace(s.LocationSource) == "" {
		missing(f("location_source"))
	}
	if s.Footprint != nil && !skipped("footprint") {
		v.polygon(i, id, f("footprint.coordinates"), s.Footprint)
	}

	// Field paths are built only when there is a problem to report.
	at := func(list string, j int) string { return f(list + "[" + strconv.Itoa(j) + "]") }
	for j, t := range s.Themes {
		switch {
		case !validSlug(t):
			bad(at("themes", j), ErrID, "theme %q is not a lowercase slug like \"jin-culture\"", t)
		case slices.Contains(s.Themes[:j], t):
			bad(at("themes", j), ErrID, "theme %q is repeated", t)
		}
	}
	if anchor && len(s.Themes) > 0 {
		bad(f("themes"), ErrAnchor, "anchor places (%s) are not on themed lines", s.Kind)
	}

	// first returns the index of the first source with URL u, -1 if none:
	// a scan for short lists, a map for long ones (no quadratic work).
	first := func(u string) int {
		return slices.IndexFunc(s.Sources, func(src Source) bool { return src.URL == u })
	}
	if len(s.Sources) > 16 {
		index := make(map[string]int, len(s.Sources))
		for j := len(s.Sources) - 1; j >= 0; j-- {
			index[s.Sources[j].URL] = j
		}
		first = func(u string) int {
			if j, ok := index[u]; ok {
				return j
			}
			return -1
		}
	}
	for j, src := range s.Sources {
		if strings.TrimSpace(src.Title) == "" {
			missing(at("sources", j) + ".title")
		}
		switch {
		case src.URL == "":
			missing(at("sources", j) + ".url")
		case !httpURL(src.URL):
			bad(at("sources", j)+".url", ErrSource, "%q is not an http(s) URL", src.URL)
		case first(src.URL) < j:
			bad(at("sources", j)+".url", ErrSource, "%q is listed twice", src.URL)
		}
	}
	for j, n := range s.Notes {
		switch n.Lang {
		case "zh", "en":
		case "":
			missing(at("notes", j) + ".lang")
		default:
			bad(at("notes", j)+".lang", ErrLang, "%q (use \"zh\" or \"en\")", n.Lang)
		}
		if strings.TrimSpace(n.Text) == "" {
			missing(at("notes", j) + ".text")
		}
		for k, u := range n.Sources {
			if first(u) < 0 {
				bad(at("notes", j)+".sources["+strconv.Itoa(k)+"]", ErrSource, "%q is not listed in the site's sources", u)
			}
		}
	}

	if !skipped("visit") {
		v.visit(i, id, f("visit"), &s.Visit)
	}

	switch {
	case skipped("score"):
	case s.Score < 0 || s.Score > 100:
		bad(f("score"), ErrRange, "score %d is outside 0–100", s.Score)
	case anchor && s.Score != 0:
		bad(f("score"), ErrAnchor, "anchor places (%s) score 0, not %d", s.Kind, s.Score)
	}
}

func (v *validator) visit(i int, id, field string, vis *Visit) {
	if vis.Minutes < 0 {
		v.ps.addf(i, id, field+".minutes", ErrRange, "%d minutes is negative", vis.Minutes)
	}
	if h := vis.OpeningHours; h != "" {
		err, seen := v.hours[h]
		if !seen {
			_, err = ParseOpeningHours(h)
			v.hours[h] = err
		}
		if err != nil {
			v.ps.add(i, id, field+".opening_hours", err)
		}
	}
	seen := make(map[string]bool, len(vis.Estimated))
	for j, e := range vis.Estimated {
		ef := field + ".estimated[" + strconv.Itoa(j) + "]"
		var has bool
		switch e {
		case "minutes":
			has = vis.Minutes != 0
		case "opening_hours":
			has = vis.OpeningHours != ""
		case "ticket":
			has = vis.Ticket != ""
		default:
			v.ps.addf(i, id, ef, ErrEstimated, "%q is not a visit field (minutes, opening_hours, ticket)", e)
			continue
		}
		switch {
		case seen[e]:
			v.ps.addf(i, id, ef, ErrEstimated, "%q is repeated", e)
		case !has:
			v.ps.addf(i, id, ef, ErrEstimated, "%q is marked estimated but has no value", e)
		}
		seen[e] = true
	}
}

func (v *validator) point(i int, id, field string, p orb.Point) {
	switch {
	case !finitePoint(p) || !geo.Valid(p):
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
			if !finitePoint(p) || !geo.Valid(p) || (v.bound != nil && !v.bound.Contains(p)) {
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

func kindList() string {
	ks := Kinds()
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
