package heritage

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outcome is what loading some input gives: the sites, or the error.
type outcome struct {
	sites []Site
	err   string
}

// loadWith loads data as Load does, with or without fastReader.
func loadWith(data []byte, fast bool, opts ...Option) outcome {
	defer func(f bool) { fastDecode = f }(fastDecode)
	fastDecode = fast
	in := bytes.Clone(data)
	c, err := load(in, "", strictGoccy, opts)
	if !bytes.Equal(in, data) {
		panic("load changed its input")
	}
	if err != nil {
		return outcome{err: err.Error()}
	}
	return outcome{sites: c.Sites()}
}

// fastTakes reports whether fastReader takes data whole.
func fastTakes(data []byte) bool {
	var ps problems
	return fastLoad(data, &ps, nil) != nil
}

// asArray writes sites in the plain-array format.
func asArray(t testing.TB, sites []Site) []byte {
	items := make([]map[string]any, len(sites))
	for i, s := range sites {
		p := map[string]any(s.Feature().Properties)
		p["location"] = []float64{s.Location[0], s.Location[1]}
		items[i] = p
	}
	b, err := json.Marshal(items)
	require.NoError(t, err)
	return b
}

// validInputs are inputs that load: the fixtures, the README's
// examples, the embedded files and synthetic catalogs in both formats.
func validInputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{}
	for _, name := range []string{"testdata/sites.geojson", "testdata/sites.json"} {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		in[name] = b
	}
	for _, heading := range []string{"An example Feature", "What a visitor finds"} {
		doc, err := readmeExample(heading)
		require.NoError(t, err)
		in["README "+heading] = []byte(doc)
	}
	names, err := fs.Glob(data, "data/*.geojson")
	require.NoError(t, err)
	for _, name := range names {
		b, err := fs.ReadFile(data, name)
		require.NoError(t, err)
		in[name] = b
	}
	for seed := range uint64(3) {
		sites := synthSites(300, seed)
		var buf bytes.Buffer
		require.NoError(t, WriteGeoJSON(&buf, sites))
		in[fmt.Sprintf("synthetic GeoJSON %d", seed)] = buf.Bytes()
		in[fmt.Sprintf("synthetic array %d", seed)] = asArray(t, sites)
	}
	return in
}

// fastReader takes every valid input, and what it loads equals what the
// general decoder loads.
func TestFastReaderEqualsGeneral(t *testing.T) {
	for name, b := range validInputs(t) {
		t.Run(name, func(t *testing.T) {
			require.True(t, fastTakes(b), "fastReader refused it")
			fast, general := loadWith(b, true), loadWith(b, false)
			require.Empty(t, general.err)
			assert.Equal(t, general, fast)
		})
	}
}

// The embedded catalog loads identically both ways.
func TestFastReaderEmbedded(t *testing.T) {
	fast, err := loadEmbedded(data)
	require.NoError(t, err)
	defer func(f bool) { fastDecode = f }(fastDecode)
	fastDecode = false
	general, err := loadEmbedded(data)
	require.NoError(t, err)
	assert.Equal(t, general.Sites(), fast.Sites())
	assert.Equal(t, general.Sites(), Default().Sites())
}

// oneSite is a Feature with the given properties members after the
// required ones.
func oneSite(extra string) string {
	return `{"type":"FeatureCollection","features":[{"type":"Feature","id":"t/a",
"geometry":{"type":"Point","coordinates":[111.5,35.5]},
"properties":{"id":"t/a","name":{"zh":"甲","pinyin":"Jiǎ","en":"A"},"kind":"tomb",
"precision_m":100,"location_source":"test","sources":[{"title":"S","url":"https://example.org/a"}]` +
		extra + `}}]}`
}

// Input fastReader refuses or reads differently from the obvious: both
// ways give the same catalog or the same problems, which name the site
// and the field.
func TestFastReaderEdges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		takes bool   // fastReader takes it whole
		field string // a problem names this field of item 0 (t/a)
	}{
		{"plain", oneSite(``), true, ""},
		{"escapes in text", oneSite(`,"region":"\"绛\" \u00e9\n\ud83d\ude00"`), true, ""},
		{"number forms", oneSite(`,"score":0,"entrance":[111.5e0,3.55E+1],"entrance_precision_m":1.5e2`), true, ""},
		{"minus zero", oneSite(`,"score":-0`), true, ""},
		{"white space", strings.ReplaceAll(oneSite(` , "score" : 7 `), ",", " \t\r\n,\n"), true, ""},
		{"feature id differs", strings.Replace(oneSite(``), `"id":"t/a",`, `"id":"t/b",`, 1), true, "id"},
		{"empty lists", oneSite(`,"aliases":[],"themes":[],"notes":[],"events":[],"presented_at":[]`), true, ""},
		{"note sources", oneSite(`,"notes":[{"lang":"en","text":"t","sources":["https://example.org/a"]}]`), true, ""},
		{"empty point", strings.Replace(oneSite(``), `[111.5,35.5]`, `[]`, 1), true, "geometry.coordinates"},
		{"no coordinates", strings.Replace(oneSite(``), `,"coordinates":[111.5,35.5]`, ``, 1), true, "geometry.coordinates"},
		{"empty entrance", oneSite(`,"entrance":[],"entrance_precision_m":5`), true, "properties.entrance"},
		{"empty footprint", oneSite(`,"footprint":{"type":"Polygon","coordinates":[]}`), true, ""},
		{"unknown member", oneSite(`,"colour":"red"`), false, "properties.colour"},
		{"case matters", oneSite(`,"Region":"x"`), false, "properties.Region"},
		{"repeated member", oneSite(`,"region":"a","region":"b"`), false, "properties.region"},
		{"escaped name", oneSite(`,"\u0072egion":"a"`), false, ""},
		{"null", oneSite(`,"aliases":null,"region":null`), false, ""},
		{"fraction for an integer", oneSite(`,"score":50.5`), false, "properties.score"},
		{"exponent for an integer", oneSite(`,"score":5e1`), false, ""},
		{"integer overflow", oneSite(`,"score":99999999999999999999`), false, "properties.score"},
		{"float overflow", oneSite(`,"entrance_precision_m":1e400,"entrance":[111.5,35.5]`), false, "properties.entrance_precision_m"},
		{"string for a number", oneSite(`,"score":"50"`), false, "properties.score"},
		{"number for a string", oneSite(`,"region":5`), false, "properties.region"},
		{"invalid UTF-8", oneSite(",\"region\":\"\xff\""), false, ""},
		{"control character", oneSite(",\"region\":\"a\tb\""), false, ""},
		{"lone surrogate", oneSite(`,"region":"\ud800"`), false, ""},
		{"bad escape", oneSite(`,"region":"\x"`), false, ""},
		{"leading zero", oneSite(`,"score":01`), false, ""},
		{"trailing data", oneSite(``) + ` []`, false, ""},
		{"trailing comma", oneSite(`,`), false, ""},
		{"geometry null", strings.Replace(oneSite(``), `{"type":"Point","coordinates":[111.5,35.5]}`, `null`, 1), false, "geometry"},
		{"geometry bbox", strings.Replace(oneSite(``), `"type":"Point",`, `"type":"Point","bbox":[1,2,3,4],`, 1), false, ""},
		{"truncated", oneSite(``)[:200], false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := []byte(tc.input)
			assert.Equal(t, tc.takes, fastTakes(b))
			fast, general := loadWith(b, true), loadWith(b, false)
			assert.Equal(t, general, fast)
			if tc.field != "" {
				assert.Contains(t, fast.err, "item 0 (t/a): "+tc.field)
			}
		})
	}
}

// Random damage to valid inputs: whatever the damage, both ways give
// the same catalog or the same problems.
func TestFastReaderDamaged(t *testing.T) {
	inputs := validInputs(t)
	r := rand.New(rand.NewPCG(7, 11))
	const junk = `{}[],:"\ 0123456789.eE-+ntfu` + "\xff\x00é"
	for _, name := range []string{"testdata/sites.geojson", "testdata/sites.json", "README What a visitor finds", "synthetic array 1"} {
		good := inputs[name]
		for k := range 150 {
			b := bytes.Clone(good)
			for range 1 + r.IntN(3) {
				i := r.IntN(len(b))
				switch r.IntN(3) {
				case 0:
					b = append(b[:i], b[i+1:]...)
				case 1:
					b[i] = junk[r.IntN(len(junk))]
				default:
					b = append(b[:i], append([]byte{junk[r.IntN(len(junk))]}, b[i:]...)...)
				}
			}
			fast, general := loadWith(b, true), loadWith(b, false)
			require.Equal(t, general, fast, "%s, damage %d", name, k)
		}
	}
}

// FuzzFastReader checks that fastReader and the general decoder agree on
// any input.
func FuzzFastReader(f *testing.F) {
	for _, name := range []string{"testdata/sites.geojson", "testdata/sites.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(oneSite(`,"region":"\u00e9","score":5`)))
	f.Fuzz(func(t *testing.T, b []byte) {
		fast, general := loadWith(b, true), loadWith(b, false)
		if fast.err != general.err {
			t.Fatalf("fast: %s\ngeneral: %s", fast.err, general.err)
		}
		assert.Equal(t, general.sites, fast.sites)
	})
}

// Load reads a *bytes.Reader or *bytes.Buffer in place: the catalog
// keeps nothing of the caller's bytes, which may change afterwards.
func TestLoadInPlaceKeepsNoInput(t *testing.T) {
	defer func(f bool) { fastDecode = f }(fastDecode)
	for name, b := range validInputs(t) {
		for _, fast := range []bool{true, false} {
			want := loadWith(b, fast)
			fastDecode = fast
			for _, kind := range []string{"bytes.Reader", "bytes.Buffer"} {
				in := bytes.Clone(b)
				var r io.Reader = bytes.NewReader(in)
				if kind == "bytes.Buffer" {
					r = bytes.NewBuffer(in)
				}
				c, err := Load(r)
				require.NoError(t, err)
				for i := range in {
					in[i] = 'x'
				}
				assert.Equal(t, want.sites, c.Sites(), "%s, fast %v, %s", name, fast, kind)
			}
		}
	}
}

// An empty *bytes.Reader or *bytes.Buffer (nothing is written to the
// in-place loader) is empty input, as from any reader.
func TestLoadInPlaceEmpty(t *testing.T) {
	_, want := Load(strings.NewReader(""))
	require.ErrorIs(t, want, ErrSyntax)
	for _, r := range []io.Reader{bytes.NewReader(nil), new(bytes.Buffer)} {
		c, err := Load(r)
		assert.Nil(t, c)
		require.ErrorIs(t, err, ErrSyntax)
		assert.Equal(t, want.Error(), err.Error())
	}
}
