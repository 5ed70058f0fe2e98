package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// The GPX, KML and GeoJSON outputs are checked against the formats'
// published schemas by validators that are not chuanzhu's code:
//
//   - GPX 1.1: Topografix's gpx.xsd (http://www.topografix.com/GPX/1/1/gpx.xsd),
//     the copy Debian's pytrainer package ships;
//   - KML 2.2: OGC's ogckml22.xsd with the atom-author-link.xsd and xAL.xsd
//     it imports, the OGC schema repository's kml/2.2.0 folder as Debian's
//     python3-mapproxy package ships it;
//   - both validated by libxml2's xmllint (Debian's libxml2-utils);
//   - GeoJSON: the JSON Schema of github.com/geojson/schema (the schemas
//     geojson.org publishes for RFC 7946 objects, MIT licence), from its npm
//     package geojson-schema, validated by github.com/santhosh-tekuri/jsonschema,
//     a JSON Schema implementation that passes the official JSON Schema
//     test suite. That schema cannot check what RFC 7946 leaves to parsers
//     (closed rings, winding order): chuanzhu writes no polygons.
//
// None of the schema files is kept in the repository (their licences do
// not clearly allow it, or ship no notice to keep): .ci/install-schemas
// fetches them from those packages into $CHUANZHU_SCHEMAS (by default
// $XDG_CACHE_HOME/chuanzhu-schemas) and installs xmllint. Without them the
// test skips, unless CHUANZHU_REQUIRE_SCHEMAS is set, as CI does: then it
// fails.

// schemaDir returns the directory .ci/install-schemas fills.
func schemaDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("CHUANZHU_SCHEMAS"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		missingValidator(t, "no cache directory for the schemas (%v); set CHUANZHU_SCHEMAS", err)
	}
	return filepath.Join(d, "chuanzhu-schemas")
}

// missingValidator skips the test for a validator or schema that is not
// installed, or fails it when CHUANZHU_REQUIRE_SCHEMAS asks that it run.
func missingValidator(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...) + "; run bash .ci/install-schemas"
	if os.Getenv("CHUANZHU_REQUIRE_SCHEMAS") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// schemaFile returns the path of a schema under the schema directory, or
// skips (see missingValidator) when it is absent.
func schemaFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(schemaDir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missingValidator(t, "schema %s is missing", p)
	}
	return p
}

// schemaPlan is a plan to validate, named for the test's messages.
type schemaPlan struct {
	name string
	plan *route.Plan
}

// builtSchemaPlans keeps schemaPlans' plans for the tests after the first.
var builtSchemaPlans struct {
	sync.Mutex
	plans []schemaPlan
}

// schemaPlans returns the plans every schema test writes: a solved day on
// the embedded catalog's Jin-culture sites, a plan with a day that visits
// nothing, the fixture through the coarse dukes' tombs and 车厢城, three
// days by bus, an open day, a start the user named (no ID, with
// characters XML escapes), and random solved plans.
func schemaPlans(t *testing.T, c *heritage.Catalog) []schemaPlan {
	t.Helper()
	builtSchemaPlans.Lock()
	defer builtSchemaPlans.Unlock()
	if builtSchemaPlans.plans != nil {
		return builtSchemaPlans.plans
	}
	plans := []schemaPlan{
		{"jin-culture", solvedJinDay(t)},
		{"empty-day", twoDaysOneSite(t)},
		{"coarse", buildPlan(t, jinDay(t), jinSkipped())},
		{"three-days", threeDaysByBus(t)},
		{"open-day", buildPlan(t, openDay(), nil)},
		{"named-start", namedStartPlan(t, c)},
	}
	for seed := range uint64(30) {
		if p := solveRandom(t, seed, c); p != nil {
			plans = append(plans, schemaPlan{fmt.Sprint("random-", seed), p})
		}
	}
	builtSchemaPlans.plans = plans
	return plans
}

// namedStartPlan solves a day from a hotel the user named, not a catalog
// site, to two sites and back.
func namedStartPlan(t *testing.T, c *heritage.Catalog) *route.Plan {
	t.Helper()
	hotel := route.Place{Name: `Inn "Jin" & <Spa> 晋府客栈`, Location: orb.Point{111.5801, 35.4962}}
	open := time.Date(2025, 5, 3, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	p := route.Problem{Days: []route.Day{{Start: hotel, End: &hotel, Window: route.Window{Open: open, Close: open.Add(8 * time.Hour)}}}}
	for _, id := range []string{"jiangxian/taiyin-temple", "jiangxian/jin-wengong-tomb"} {
		s, ok := c.Get(id)
		require.True(t, ok, id)
		p.Stops = append(p.Stops, route.Stop{Place: route.Place{ID: s.ID, Name: s.Name.Zh, Location: s.Location}, Visit: 40 * time.Minute, Score: 10})
	}
	plan, err := route.Solve(context.Background(), p, route.Seed(1))
	require.NoError(t, err)
	require.Len(t, plan.Days[0].Visits, 2)
	return plan
}

// schemaOptions are the option sets every plan is written with: no
// catalog, the catalog in Chinese and in English, and another datum
// with a title XML must escape.
func schemaOptions(c *heritage.Catalog) map[string][]Option {
	return map[string][]Option{
		"bare":   nil,
		"zh":     {Catalog(c)},
		"en":     {Catalog(c), Lang("en")},
		"gcj02":  {Catalog(c), Lang("en"), Datum(geo.GCJ02), Title(`Jin <trip> & "tombs"`)},
		"bd09zh": {Catalog(c), Datum(geo.BD09)},
	}
}

// writeAll writes every plan with every option set through write and
// returns the outputs by name.
func writeAll(t *testing.T, plans []schemaPlan, opts map[string][]Option, write writer, ext string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range plans {
		for on, o := range opts {
			var b bytes.Buffer
			require.NoError(t, write(&b, p.plan, o...), "%s %s", p.name, on)
			out[p.name+"."+on+"."+ext] = b.Bytes()
		}
	}
	return out
}

// xmllint validates docs against the XSD at schema with libxml2's
// xmllint, in one run, and fails the test with its report of the
// documents it rejects.
func xmllint(t *testing.T, schema string, docs map[string][]byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		missingValidator(t, "xmllint (Debian's libxml2-utils) is not installed")
	}
	dir := t.TempDir()
	args := []string{"--noout", "--nonet", "--schema", schema}
	for name, b := range docs {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		args = append(args, p)
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	var rejected []string
	for _, line := range strings.Split(string(out), "\n") {
		if line != "" && !strings.HasSuffix(line, " validates") {
			rejected = append(rejected, strings.TrimPrefix(line, dir+string(filepath.Separator)))
		}
	}
	require.NoError(t, err, "xmllint rejects:\n%s", strings.Join(rejected, "\n"))
	require.Empty(t, rejected)
	require.Equal(t, len(docs), strings.Count(string(out), " validates\n"), "every document validated")
}

func TestGPXValidatesAgainstXSD(t *testing.T) {
	xsd := schemaFile(t, "gpx/1.1/gpx.xsd")
	c := catalog(t)
	xmllint(t, xsd, writeAll(t, schemaPlans(t, c), schemaOptions(c), GPX, "gpx"))
}

func TestKMLValidatesAgainstXSD(t *testing.T) {
	xsd := schemaFile(t, "kml/2.2.0/ogckml22.xsd")
	c := catalog(t)
	xmllint(t, xsd, writeAll(t, schemaPlans(t, c), schemaOptions(c), KML, "kml"))
}

func TestGeoJSONValidatesAgainstSchema(t *testing.T) {
	path := schemaFile(t, "geojson/FeatureCollection.json")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	const id = "https://geojson.org/schema/FeatureCollection.json"
	comp := jsonschema.NewCompiler()
	require.NoError(t, comp.AddResource(id, doc))
	schema, err := comp.Compile(id)
	require.NoError(t, err)

	// The checker is not vacuous: it rejects a Point with one coordinate.
	bad, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[111.5]}}]}`))
	require.NoError(t, err)
	require.Error(t, schema.Validate(bad))

	c := catalog(t)
	for name, b := range writeAll(t, schemaPlans(t, c), schemaOptions(c), GeoJSON, "geojson") {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err, name)
		require.NoError(t, schema.Validate(inst), name)
	}
}
