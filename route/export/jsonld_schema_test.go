package export

import (
	"bytes"
	"sort"
	"testing"

	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

// schemaOrg lists, for each schema.org type the JSON-LD writer may emit,
// its parent type and the properties defined on it, taken from the
// schema.org vocabulary, release 30.0 (2026-03-19;
// https://schema.org/version/30.0/schemaorg-current-https.jsonld, as shown
// on the types' pages https://schema.org/Thing, /Trip, /TouristTrip,
// /ItemList, /ListItem, /Place, /TouristAttraction, /GeoCoordinates,
// /GeoShape, /GeoCircle, /ContactPoint and /PostalAddress). A type may
// use its own properties and its ancestors'. The lists of Place and
// ContactPoint are the subsets a trip could use, not all they allow; the
// others are whole.
var schemaOrg = map[string]struct {
	parent     string
	properties []string
}{
	"Thing": {"", []string{"additionalType", "alternateName", "description", "disambiguatingDescription",
		"identifier", "image", "mainEntityOfPage", "name", "potentialAction", "sameAs", "subjectOf", "url"}},
	"Intangible":  {"Thing", nil},
	"Trip":        {"Intangible", []string{"arrivalTime", "departureTime", "itinerary", "offers", "partOfTrip", "provider", "subTrip"}},
	"TouristTrip": {"Trip", []string{"touristType"}},
	"ItemList":    {"Intangible", []string{"itemListElement", "itemListOrder", "numberOfItems"}},
	"ListItem":    {"Intangible", []string{"item", "nextItem", "position", "previousItem"}},
	"Place": {"Thing", []string{"address", "containedInPlace", "geo", "hasMap", "isAccessibleForFree", "latitude",
		"longitude", "openingHoursSpecification", "photo", "publicAccess", "telephone"}},
	"TouristAttraction": {"Place", []string{"availableLanguage", "touristType"}},
	"StructuredValue":   {"Intangible", nil},
	"GeoCoordinates":    {"StructuredValue", []string{"address", "addressCountry", "elevation", "latitude", "longitude", "postalCode"}},
	"GeoShape":          {"StructuredValue", []string{"address", "addressCountry", "box", "circle", "elevation", "line", "polygon", "postalCode"}},
	"GeoCircle":         {"GeoShape", []string{"geoMidpoint", "geoRadius"}},
	"ContactPoint":      {"StructuredValue", []string{"areaServed", "availableLanguage", "contactType", "email", "telephone"}},
	"PostalAddress": {"ContactPoint", []string{"addressCountry", "addressLocality", "addressRegion", "extendedAddress",
		"postOfficeBoxNumber", "postalCode", "streetAddress"}},
}

// allowed reports whether schema.org allows property on type t.
func allowed(t, property string) bool {
	for ; t != ""; t = schemaOrg[t].parent {
		for _, p := range schemaOrg[t].properties {
			if p == property {
				return true
			}
		}
	}
	return false
}

// checkSchemaOrg walks a decoded JSON-LD value: every object must name a
// known @type, and every property of it must be one schema.org allows on
// that type. It returns the types seen.
func checkSchemaOrg(t *testing.T, v any, path string, seen map[string]bool) {
	t.Helper()
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			checkSchemaOrg(t, e, path+"[]", seen)
		}
	case map[string]any:
		typ, _ := x["@type"].(string)
		_, known := schemaOrg[typ]
		if !assert.True(t, known, "%s: @type %q is not in the list", path, typ) {
			return
		}
		seen[typ] = true
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "@type" || (k == "@context" && path == "$") {
				continue
			}
			assert.True(t, allowed(typ, k), "%s: schema.org does not allow %q on %s", path, k, typ)
			checkSchemaOrg(t, x[k], path+"."+k, seen)
		}
	}
}

func TestJSONLDUsesOnlySchemaOrgProperties(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range []struct {
		name string
		plan *route.Plan
		opts []Option
	}{
		{"one day, catalog", buildPlan(t, jinDay(t), jinSkipped()), []Option{Catalog(catalog(t)), Lang("en")}},
		{"three days, catalog, GCJ-02", buildPlan(t, threeDays(t), nil), []Option{Catalog(catalog(t)), Datum(geo.GCJ02)}},
		{"no catalog", buildPlan(t, openDay(), nil), nil},
		{"an idle day", twoDaysOneSite(t), []Option{Catalog(catalog(t))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, JSONLD(&b, tc.plan, tc.opts...))
			var doc any
			require.NoError(t, gojson.Unmarshal(b.Bytes(), &doc))
			checkSchemaOrg(t, doc, "$", seen)
		})
	}
	for _, typ := range []string{"TouristTrip", "ItemList", "ListItem", "TouristAttraction", "GeoCoordinates", "GeoCircle", "PostalAddress"} {
		assert.True(t, seen[typ], "the fixtures exercise %s", typ)
	}
	assert.False(t, allowed("TouristTrip", "inLanguage"), "inLanguage belongs to CreativeWork, Event and others, not Trip")
}
