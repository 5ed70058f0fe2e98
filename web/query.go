package web

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// Limits of the query-string parameters.
const (
	// DefaultRadius is the radius of a "near" query without "radius": 10 km.
	DefaultRadius = 10_000.0
	// maxRadius is the largest "radius": half the Earth's circumference.
	maxRadius = math.Pi * geo.EarthRadius
	// maxQueryText bounds "q", in bytes.
	maxQueryText = 200
	// maxListItems bounds the values of a list parameter ("theme", "kind",
	// "sites").
	maxListItems = 200
)

// siteQuery is the parsed query string of GET /api/sites.
type siteQuery struct {
	themes []string
	kinds  []heritage.Kind
	text   string
	near   *orb.Point // WGS-84
	radius float64    // metres, with near
	datum  geo.Datum
}

// parseSitesQuery parses the query string of GET /api/sites. Unknown
// parameters, repeated single-valued parameters and bad values are
// errors naming the parameter. A "near" point is read in the query's
// datum and returned in WGS-84.
func parseSitesQuery(v url.Values) (siteQuery, error) {
	var q siteQuery
	if err := onlyParams(v, "theme", "kind", "q", "near", "radius", "datum"); err != nil {
		return q, err
	}
	var err error
	if q.datum, err = datumParam(v); err != nil {
		return q, err
	}
	if q.themes, err = listParam(v, "theme"); err != nil {
		return q, err
	}
	for _, t := range q.themes {
		if !validSlug(t) {
			return q, queryError("theme", t, "not a theme slug such as jin-culture")
		}
	}
	kinds, err := listParam(v, "kind")
	if err != nil {
		return q, err
	}
	for _, k := range kinds {
		if !heritage.Kind(k).Valid() {
			return q, queryError("kind", k, "not a kind (known: "+kindNames()+")")
		}
		q.kinds = append(q.kinds, heritage.Kind(k))
	}
	if text, ok, err := singleParam(v, "q"); err != nil {
		return q, err
	} else if ok {
		if len(text) > maxQueryText {
			return q, queryError("q", "", fmt.Sprintf("longer than %d bytes", maxQueryText))
		}
		if strings.TrimSpace(text) == "" {
			return q, queryError("q", text, "empty search text")
		}
		q.text = text
	}
	near, hasNear, err := singleParam(v, "near")
	if err != nil {
		return q, err
	}
	radius, hasRadius, err := singleParam(v, "radius")
	if err != nil {
		return q, err
	}
	switch {
	case hasNear:
		p, err := geo.ParsePoint(near)
		if err != nil {
			return q, queryError("near", near, strings.TrimPrefix(err.Error(), "geo: "))
		}
		p = geo.Convert(p, q.datum, geo.WGS84)
		q.near = &p
		q.radius = DefaultRadius
		if hasRadius {
			if q.radius, err = parseRadius(radius); err != nil {
				return q, queryError("radius", radius, err.Error())
			}
		}
	case hasRadius:
		return q, queryError("radius", radius, "given without near=lon,lat")
	}
	return q, nil
}

// parseRadius parses a radius in metres: a finite number in (0, half the
// Earth's circumference].
func parseRadius(s string) (float64, error) {
	r, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("want a number of metres")
	}
	if !(r > 0) || r > maxRadius {
		return 0, fmt.Errorf("must be more than 0 and at most %.0f metres", maxRadius)
	}
	return r, nil
}

// datumParam reads the optional "datum" parameter (default WGS-84).
func datumParam(v url.Values) (geo.Datum, error) {
	s, ok, err := singleParam(v, "datum")
	if err != nil || !ok {
		return geo.WGS84, err
	}
	d, err := geo.ParseDatum(s)
	if err != nil {
		return geo.WGS84, queryError("datum", s, "not a datum (known: wgs84, gcj02, bd09)")
	}
	return d, nil
}

// onlyParams returns an error naming the first parameter of v (in sorted
// order) that is not one of known.
func onlyParams(v url.Values, known ...string) error {
	var unknown []string
	for k := range v {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	return newError(400, codeBadQuery, fmt.Sprintf("unknown query parameter %q (known: %s)", unknown[0], strings.Join(known, ", ")))
}

// singleParam returns the value of a parameter that may be given once.
func singleParam(v url.Values, name string) (value string, ok bool, err error) {
	vs := v[name]
	switch len(vs) {
	case 0:
		return "", false, nil
	case 1:
		return vs[0], true, nil
	}
	return "", false, queryError(name, "", "given more than once")
}

// listParam returns the values of a list parameter, given either
// repeated (theme=a&theme=b) or comma-separated (theme=a,b); empty items
// are errors.
func listParam(v url.Values, name string) ([]string, error) {
	var out []string
	for _, s := range v[name] {
		for item := range strings.SplitSeq(s, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				return nil, queryError(name, s, "empty item in the list")
			}
			if len(out) == maxListItems {
				return nil, queryError(name, "", fmt.Sprintf("more than %d items", maxListItems))
			}
			out = append(out, item)
		}
	}
	return out, nil
}

// queryError is a 400 naming the parameter and, when not empty, its value.
func queryError(param, value, reason string) *apiError {
	msg := "query parameter " + param
	if value != "" {
		msg += fmt.Sprintf(" %q", clip(value, 80))
	}
	return newError(400, codeBadQuery, msg+": "+reason)
}

// validSlug reports whether s is a lowercase ASCII slug: letters, digits
// and single hyphens between them (as theme slugs are).
func validSlug(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

func kindNames() string {
	ks := heritage.Kinds()
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// clip shortens s to at most n bytes, on a rune boundary, marking the cut
// with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
