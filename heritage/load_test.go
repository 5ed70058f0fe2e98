package heritage

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validFeature returns a fresh, valid GeoJSON Feature as a generic map, for
// tests to break one field at a time.
func validFeature(id string) map[string]any {
	return map[string]any{
		"type":     "Feature",
		"geometry": map[string]any{"type": "Point", "coordinates": []any{111.6, 35.5}},
		"properties": map[string]any{
			"id":              id,
			"name":            map[string]any{"zh": "测试墓", "pinyin": "Cèshì Mù", "en": "Test tomb"},
			"kind":            "tomb",
			"period":          map[string]any{"name": "Spring and Autumn", "from": -700, "to": -600},
			"designation":     map[string]any{"level": "county", "batch": 1, "year": 1990},
			"precision_m":     500,
			"location_source": "test fixture",
			"themes":          []any{"jin-culture"},
			"notes":           []any{map[string]any{"lang": "en", "text": "A test.", "sources": []any{"https://example.org/t"}}},
			"sources":         []any{map[string]any{"title": "T", "url": "https://example.org/t"}},
			"visit":           map[string]any{"minutes": 30, "opening_hours": "Mo-Fr 09:00-17:00", "estimated": []any{"minutes"}},
			"score":           55,
		},
	}
}

// validAnchor returns a fresh, valid anchor Feature.
func validAnchor(id string) map[string]any {
	return map[string]any{
		"type":     "Feature",
		"geometry": map[string]any{"type": "Point", "coordinates": []any{111.57, 35.49}},
		"properties": map[string]any{
			"id":              id,
			"name":            map[string]any{"zh": "县城", "pinyin": "Xiànchéng", "en": "County seat"},
			"kind":            "town",
			"precision_m":     1000,
			"location_source": "test fixture",
		},
	}
}

// set assigns v at a dotted path of nested maps ("properties.period.from").
func set(m map[string]any, path string, v any) map[string]any {
	keys := strings.Split(path, ".")
	cur := m
	for _, k := range keys[:len(keys)-1] {
		next, ok := cur[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[k] = next
		}
		cur = next
	}
	cur[keys[len(keys)-1]] = v
	return m
}

// del removes the value at a dotted path.
func del(m map[string]any, path string) map[string]any {
	keys := strings.Split(path, ".")
	cur := m
	for _, k := range keys[:len(keys)-1] {
		cur = cur[k].(map[string]any)
	}
	delete(cur, keys[len(keys)-1])
	return m
}

func collection(features ...any) []byte {
	b, err := stdjson.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
	if err != nil {
		panic(err)
	}
	return b
}

// toArray turns GeoJSON features into the plain-array format.
func toArray(features ...map[string]any) []byte {
	items := make([]any, len(features))
	for i, f := range features {
		p := f["properties"].(map[string]any)
		if g, ok := f["geometry"].(map[string]any); ok {
			p["location"] = g["coordinates"]
		}
		items[i] = p
	}
	b, err := stdjson.Marshal(items)
	if err != nil {
		panic(err)
	}
	return b
}

var sentinels = map[string]error{
	"syntax": ErrSyntax, "unknown-field": ErrUnknownField, "missing": ErrMissing, "id": ErrID,
	"duplicate-id": ErrDuplicateID, "coordinates": ErrCoordinates, "out-of-bound": ErrOutOfBound,
	"period": ErrPeriod, "kind": ErrKind, "level": ErrLevel, "range": ErrRange, "source": ErrSource,
	"lang": ErrLang, "anchor": ErrAnchor, "estimated": ErrEstimated, "opening-hours": ErrOpeningHours,
	"value": ErrUnknownValue, "date": ErrDate, "reference": ErrReference,
}

// describe renders each problem as "index field class" for comparison.
func describe(t *testing.T, err error) []string {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var out []string
	for _, err := range ve.Errs {
		p := err.(*SiteError)
		var classes []string
		for name, s := range sentinels {
			if errors.Is(p, s) {
				classes = append(classes, name)
			}
		}
		require.Len(t, classes, 1, "problem %q must wrap exactly one sentinel", p)
		out = append(out, fmt.Sprintf("%d %s %s", p.Index, p.Field, classes[0]))
	}
	return out
}

func TestLoadProblems(t *testing.T) {
	f := validFeature
	tests := []struct {
		name string
		data []byte
		opts []Option
		want []string
	}{
		{"duplicate ID", collection(f("a/x"), f("a/y"), f("a/x")), nil,
			[]string{"2 properties.id duplicate-id"}},
		{"bad slug", collection(set(f("a/x"), "properties.id", "Jiangxian/Tomb A")), nil,
			[]string{"0 properties.id id"}},
		{"slug with empty segment", collection(set(f("a/x"), "properties.id", "a//x")), nil,
			[]string{"0 properties.id id"}},
		{"missing ID", collection(del(f("a/x"), "properties.id")), nil,
			[]string{"0 properties.id missing"}},
		{"missing names", collection(set(del(f("a/x"), "properties.name.zh"), "properties.name.en", "  ")), nil,
			[]string{"0 properties.name.zh missing", "0 properties.name.en missing"}},
		{"null name", collection(set(f("a/x"), "properties.name", nil)), nil,
			[]string{"0 properties.name.zh missing", "0 properties.name.pinyin missing", "0 properties.name.en missing"}},
		{"empty alias", collection(set(f("a/x"), "properties.aliases", []any{"ok", ""})), nil,
			[]string{"0 properties.aliases[1] missing"}},
		{"longitude out of range", collection(set(f("a/x"), "geometry.coordinates", []any{200.0, 35.5})), nil,
			[]string{"0 geometry.coordinates coordinates"}},
		{"latitude out of range", collection(set(f("a/x"), "geometry.coordinates", []any{111.0, -95.0})), nil,
			[]string{"0 geometry.coordinates coordinates"}},
		{"altitude", collection(set(f("a/x"), "geometry.coordinates", []any{111.0, 35.0, 500.0})), nil,
			[]string{"0 geometry.coordinates coordinates"}},
		{"outside the region", collection(f("a/x"), set(f("a/y"), "geometry.coordinates", []any{35.5, 111.6})),
			[]Option{WithinBound(DefaultBound())},
			[]string{"1 geometry.coordinates coordinates"}},
		{"outside the region, in range", collection(set(f("a/x"), "geometry.coordinates", []any{116.4, 39.9})),
			[]Option{WithinBound(DefaultBound())},
			[]string{"0 geometry.coordinates out-of-bound"}},
		{"from after to", collection(set(f("a/x"), "properties.period.from", -500)), nil,
			[]string{"0 properties.period period"}},
		{"year zero", collection(set(f("a/x"), "properties.period.to", 0)), nil,
			[]string{"0 properties.period.to period"}},
		{"empty period", collection(set(f("a/x"), "properties.period", map[string]any{})), nil,
			[]string{"0 properties.period missing"}},
		{"unknown kind", collection(set(f("a/x"), "properties.kind", "pyramid")), nil,
			[]string{"0 properties.kind kind"}},
		{"missing kind", collection(del(f("a/x"), "properties.kind")), nil,
			[]string{"0 properties.kind missing"}},
		{"unknown level", collection(set(f("a/x"), "properties.designation.level", "world")), nil,
			[]string{"0 properties.designation.level level"}},
		{"missing level", collection(del(f("a/x"), "properties.designation.level")), nil,
			[]string{"0 properties.designation.level missing"}},
		{"negative batch", collection(set(f("a/x"), "properties.designation.batch", -1)), nil,
			[]string{"0 properties.designation.batch range"}},
		{"negative minutes", collection(set(f("a/x"), "properties.visit.minutes", -5)), nil,
			[]string{"0 properties.visit.minutes range"}},
		{"fractional minutes", collection(set(f("a/x"), "properties.visit.minutes", 30.5)), nil,
			[]string{"0 properties.visit syntax"}},
		{"minutes beyond a Duration", collection(set(f("a/x"), "properties.visit.minutes", int64(1)<<60)), nil,
			[]string{"0 properties.visit.minutes range"}},
		{"estimated without value", collection(set(f("a/x"), "properties.visit.minutes", 0)), nil,
			[]string{"0 properties.visit.estimated[0] estimated"}},
		{"malformed opening hours", collection(set(f("a/x"), "properties.visit.opening_hours", "Mo-Fr 9-17")), nil,
			[]string{"0 properties.visit.opening_hours opening-hours"}},
		{"note source not listed", collection(set(f("a/x"), "properties.notes",
			[]any{map[string]any{"lang": "zh", "text": "测试", "sources": []any{"https://example.org/other"}}})), nil,
			[]string{"0 properties.notes[0].sources[0] source"}},
		{"note language and text", collection(set(f("a/x"), "properties.notes",
			[]any{map[string]any{"lang": "fr", "text": ""}, map[string]any{"text": "x"}})), nil,
			[]string{"0 properties.notes[0].lang lang", "0 properties.notes[0].text missing", "0 properties.notes[1].lang missing"}},
		{"bad sources", collection(set(f("a/x"), "properties.sources", []any{
			map[string]any{"title": "T", "url": "https://example.org/t"},
			map[string]any{"title": "", "url": "ftp://example.org/x"},
			map[string]any{"title": "T2", "url": "https://example.org/t"},
			map[string]any{"title": "T3"},
		})), nil,
			[]string{"0 properties.sources[1].title missing", "0 properties.sources[1].url source",
				"0 properties.sources[2].url source", "0 properties.sources[3].url missing"}},
		{"many sources", collection(func() map[string]any {
			var srcs []any
			for i := range 20 {
				srcs = append(srcs, map[string]any{"title": "T", "url": fmt.Sprintf("https://example.org/%d", i%18)})
			}
			return set(set(f("a/x"), "properties.sources", srcs), "properties.notes", []any{
				map[string]any{"lang": "en", "text": "x", "sources": []any{"https://example.org/17", "https://example.org/99"}}})
		}()), nil,
			[]string{"0 properties.sources[18].url source", "0 properties.sources[19].url source", "0 properties.notes[0].sources[1] source"}},
		{"missing precision", collection(del(f("a/x"), "properties.precision_m")), nil,
			[]string{"0 properties.precision_m missing"}},
		{"negative precision", collection(set(f("a/x"), "properties.precision_m", -1)), nil,
			[]string{"0 properties.precision_m range"}},
		{"missing location source", collection(set(f("a/x"), "properties.location_source", "")), nil,
			[]string{"0 properties.location_source missing"}},
		{"score out of range", collection(set(f("a/x"), "properties.score", 101)), nil,
			[]string{"0 properties.score range"}},
		{"bad themes", collection(set(f("a/x"), "properties.themes", []any{"Jin Culture", "museums", "museums"})), nil,
			[]string{"0 properties.themes[0] id", "0 properties.themes[2] id"}},
		{"bad estimated", collection(set(f("a/x"), "properties.visit.estimated", []any{"price", "ticket", "minutes", "minutes"})), nil,
			[]string{"0 properties.visit.estimated[0] estimated", "0 properties.visit.estimated[1] estimated", "0 properties.visit.estimated[3] estimated"}},
		{"anchor with heritage facts", collection(
			set(set(set(set(validAnchor("anchor/x"), "properties.designation", map[string]any{"level": "national"}),
				"properties.period", map[string]any{"name": "Ming"}), "properties.score", 10), "properties.themes", []any{"jin-culture"})), nil,
			[]string{"0 properties.period anchor", "0 properties.designation anchor", "0 properties.themes anchor", "0 properties.score anchor"}},
		{"footprint", collection(set(f("a/x"), "properties.footprint", map[string]any{"type": "Polygon", "coordinates": []any{
			[]any{[]any{111.0, 35.0}, []any{111.1, 35.0}, []any{111.1, 35.1}, []any{111.0, 35.2}},
			[]any{[]any{111.0, 35.0}, []any{111.1, 35.0}, []any{111.0, 35.0}},
			[]any{[]any{111.0, 35.0}, []any{111.1, 35.0}, []any{111.1, 95.1}, []any{111.0, 35.0}},
		}})), nil,
			[]string{"0 properties.footprint.coordinates[0] coordinates", "0 properties.footprint.coordinates[1] coordinates",
				"0 properties.footprint.coordinates[2][2] coordinates"}},
		{"footprint type", collection(set(f("a/x"), "properties.footprint", map[string]any{"type": "Point", "coordinates": []any{}})), nil,
			[]string{"0 properties.footprint.type coordinates"}},
		{"feature id differs", collection(set(f("a/x"), "id", "a/y")), nil,
			[]string{"0 id id"}},
		{"unknown property", collection(set(f("a/x"), "properties.precison_m", 5)), nil,
			[]string{"0 properties.precison_m unknown-field"}},
		{"unknown nested field", collection(set(f("a/x"), "properties.period.start", 5)), nil,
			[]string{"0 properties.period unknown-field"}},
		{"unknown feature member", collection(set(f("a/x"), "score", 5)), nil,
			[]string{"0 score unknown-field"}},
		{"wrong type, other fields still checked", collection(set(set(f("a/x"), "properties.precision_m", "500"), "properties.kind", "pyramid")), nil,
			[]string{"0 properties.precision_m syntax", "0 properties.kind kind"}},
		{"geometry not a point", collection(set(f("a/x"), "geometry", map[string]any{"type": "Polygon", "coordinates": []any{}})), nil,
			[]string{"0 geometry.type coordinates"}},
		{"geometry missing", collection(del(f("a/x"), "geometry"), set(f("a/y"), "geometry", nil)), nil,
			[]string{"0 geometry missing", "1 geometry missing"}},
		{"properties missing", collection(del(f("a/x"), "properties")), nil,
			[]string{"0 properties missing"}},
		{"feature not an object", collection(f("a/x"), 42, f("a/y")), nil,
			[]string{"1  syntax"}},
		{"feature type", collection(set(f("a/x"), "type", "Place")), nil,
			[]string{"0 type syntax"}},
		{"collection type", []byte(`{"type":"Feature","features":[]}`), nil,
			[]string{"-1 type syntax"}},
		{"collection members", []byte(`{"type":"FeatureCollection","crs":{}}`), nil,
			[]string{"-1 crs unknown-field", "-1 features missing"}},
		{"truncated", collection(f("a/x"))[:100], nil,
			[]string{"-1  syntax"}},
		{"empty input", []byte("  \n"), nil,
			[]string{"-1  syntax"}},
		{"not an object or array", []byte(`"sites"`), nil,
			[]string{"-1  syntax"}},
		{"trailing data", append(collection(f("a/x")), []byte(` {}`)...), nil,
			[]string{"-1  syntax"}},
		{"array: missing location", toArray(del(del(f("a/x"), "geometry"), "properties.kind")), nil,
			[]string{"0 location missing", "0 kind missing"}},
		{"array: bad location", []byte(`[{"id":"a/x","location":"here"}]`), nil,
			[]string{"0 location coordinates", "0 name.zh missing", "0 name.pinyin missing", "0 name.en missing",
				"0 kind missing", "0 precision_m missing", "0 location_source missing"}},
		{"member names are case-sensitive", collection(set(f("a/x"), "properties.Kind", "tomb")), nil,
			[]string{"0 properties.Kind unknown-field"}},
		{"repeated member", []byte(`[{"id":"a/x","id":"a/y","name":{"zh":"甲","pinyin":"Jiǎ","en":"A"},"kind":"tomb","location":[111.6,35.5],"precision_m":10,"location_source":"s"}]`), nil,
			[]string{"0 id syntax"}},
		{"repeated collection member", []byte(`{"type":"FeatureCollection","features":[],"type":"FeatureCollection"}`), nil,
			[]string{"-1 type syntax"}},
		{"repeated nested member", bytes.Replace(collection(f("a/x")), []byte(`"zh":"测试墓"`), []byte(`"zh":"测试墓","zh":"测试"`), 1), nil,
			[]string{"0 properties.name syntax"}},
		{"invalid UTF-8", []byte("[{\"id\":\"a/x\",\"name\":{\"zh\":\"\xff\",\"pinyin\":\"Jiǎ\",\"en\":\"A\"},\"kind\":\"tomb\",\"location\":[111.6,35.5],\"precision_m\":10,\"location_source\":\"s\"}]"), nil,
			[]string{"0 name syntax"}},
		{"repeated features and bbox", []byte(`{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[],"features":[],"bbox":[0,0,1,1]}`), nil,
			[]string{"-1 features syntax", "-1 bbox syntax"}},
		{"invalid UTF-8 in a Feature", bytes.Replace(collection(f("a/x")), []byte(`"测试墓"`), []byte("\"\xff\""), 1), nil,
			[]string{"0 properties.name syntax"}},
		{"data after the collection", append(collection(f("a/x")), `{}`...), nil,
			[]string{"-1  syntax"}},
		{"array: element not an object", []byte(`[null]`), nil,
			[]string{"0  syntax"}},
		{"array: unknown field and duplicate", toArray(set(f("a/x"), "properties.geometry", 1), f("a/x")), nil,
			[]string{"0 geometry unknown-field", "1 id duplicate-id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(bytes.NewReader(tt.data), tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c, "no partial catalog")
			assert.Equal(t, tt.want, describe(t, err))
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	// One catalog, one different problem in each of many features, plus
	// valid features in between: every problem is reported, in order.
	f := validFeature
	features := []any{
		f("ok/one"),
		set(f("bad/kind"), "properties.kind", "castle"),
		set(f("bad/period"), "properties.period.to", -800),
		f("ok/two"),
		set(f("bad/hours"), "properties.visit.opening_hours", "always"),
		set(f("bad/minutes"), "properties.visit.minutes", -1),
		set(f("bad/level"), "properties.designation.level", "village"),
		set(f("bad/coords"), "geometry.coordinates", []any{181.0, 0.0}),
		set(f("bad/json"), "properties.score", "high"),
		f("ok/one"),
		set(f("bad/unknown"), "properties.colour", "red"),
	}
	_, err := Load(bytes.NewReader(collection(features...)))
	require.Error(t, err)
	assert.Equal(t, []string{
		"1 properties.kind kind",
		"2 properties.period period",
		"4 properties.visit.opening_hours opening-hours",
		"5 properties.visit.minutes range",
		"6 properties.designation.level level",
		"7 geometry.coordinates coordinates",
		"8 properties.score syntax",
		"9 properties.id duplicate-id",
		"10 properties.colour unknown-field",
	}, describe(t, err))

	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "bad/kind", ve.Errs[0].(*SiteError).ID, "problems name the site")
	for _, s := range []error{ErrKind, ErrPeriod, ErrOpeningHours, ErrRange, ErrLevel, ErrCoordinates, ErrSyntax, ErrDuplicateID, ErrUnknownField} {
		assert.ErrorIs(t, err, s)
	}
	assert.NotErrorIs(t, err, ErrAnchor)
	var he *OpeningHoursError
	require.ErrorAs(t, err, &he, "the opening-hours problem keeps its detail")
	assert.Equal(t, "always", he.Text)
	assert.Contains(t, err.Error(), "9 problems")
	assert.Contains(t, err.Error(), `item 1 (bad/kind): properties.kind: heritage: unknown kind: "castle"`)
}

func TestLoadSyntaxMessages(t *testing.T) {
	f := validFeature
	_, err := Load(bytes.NewReader(collection(set(f("a/x"), "properties.period.from", "700 BCE"))))
	require.Error(t, err)
	// JSON types, not Go types, and the member path.
	assert.Equal(t, `heritage: 1 problem: item 0 (a/x): properties.period: heritage: malformed JSON: want an integer at /from, got a string`, err.Error())
	assert.NotContains(t, err.Error(), "jsonPeriod")
}

func loadFixture(t *testing.T) *Catalog {
	t.Helper()
	c, err := LoadFile(filepath.Join("testdata", "sites.geojson"), WithinBound(DefaultBound()))
	require.NoError(t, err)
	return c
}

func TestLoadFixture(t *testing.T) {
	c := loadFixture(t)
	require.Equal(t, 5, c.Len())
	s, ok := c.Get("fixture/jin-wengong-tomb")
	require.True(t, ok)
	assert.Equal(t, Site{
		ID:             "fixture/jin-wengong-tomb",
		Name:           Name{Zh: "晋文公墓", Pinyin: "Jìn Wéngōng Mù", En: "Tomb of Duke Wen of Jin"},
		Aliases:        []string{"三公墓"},
		Kind:           Tomb,
		Period:         &Period{Name: "Spring and Autumn", NameZh: "春秋", From: Year(-636), To: Year(-628)},
		Designation:    &Designation{Level: Provincial},
		Location:       orb.Point{111.646, 35.505},
		PrecisionM:     5000,
		LocationSource: "test fixture: township-seat point, rounded",
		Region:         "绛县卫庄镇",
		Themes:         []string{"jin-culture"},
		Notes: []Note{
			{Lang: "zh", Text: "测试数据：传为晋文公墓。", Sources: []string{"https://example.org/a"}},
			{Lang: "en", Text: "Test data: a mound attributed to Duke Wen.", Sources: []string{"https://example.org/a"}},
		},
		Sources: []Source{{Title: "Fixture source A", URL: "https://example.org/a"}},
		Visit:   Visit{Duration: 30 * time.Minute, Estimated: []string{"minutes"}},
		Score:   70,
	}, s)
	assert.Equal(t, 30*60e9, float64(s.Visit.Duration))
	assert.False(t, s.Anchor())
	assert.Equal(t, s.Location, s.Point())

	ch, _ := c.Get("fixture/chexiangcheng")
	require.Len(t, ch.Footprint, 1)
	assert.Len(t, ch.Footprint[0], 5)
	assert.Equal(t, &Designation{Level: Provincial, Batch: 5, Year: 2016}, ch.Designation)
	assert.Nil(t, ch.Period.To, "unknown stays unknown")

	m, _ := c.Get("fixture/museum")
	assert.Equal(t, DefaultScore(m), m.Score, "a missing score is the default score")
	assert.Equal(t, 35, m.Score, "unlisted Jin museum, nothing known of its sight or access: 10 + 10 + 15")

	a, _ := c.Get("fixture/anchor/county-seat")
	assert.True(t, a.Anchor())

	_, ok = c.Get("fixture/nothing")
	assert.False(t, ok)
	region, ok := c.Region()
	assert.True(t, ok)
	assert.Equal(t, DefaultBound(), region)
}

func TestLoadArrayEqualsGeoJSON(t *testing.T) {
	geo := loadFixture(t)
	arr, err := LoadFile(filepath.Join("testdata", "sites.json"), WithinBound(DefaultBound()))
	require.NoError(t, err)
	assert.Equal(t, geo.Sites(), arr.Sites())
}

func TestRoundTrip(t *testing.T) {
	catalogs := map[string]*Catalog{"fixture": loadFixture(t), "default": Default()}
	for name, c := range catalogs {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, c.WriteGeoJSON(&out))
			again, err := Load(bytes.NewReader(out.Bytes()))
			require.NoError(t, err, out.String())
			assert.Equal(t, c.Sites(), again.Sites())

			var out2 bytes.Buffer
			require.NoError(t, again.WriteGeoJSON(&out2))
			assert.Equal(t, out.String(), out2.String(), "writing is deterministic")
			assert.True(t, stdjson.Valid(out.Bytes()))
			assert.Equal(t, c.Len()+2, strings.Count(out.String(), "\n"), "one Feature per line")
		})
	}
}

func TestWriteEmpty(t *testing.T) {
	var c Catalog
	var out bytes.Buffer
	require.NoError(t, c.WriteGeoJSON(&out))
	again, err := Load(&out)
	require.NoError(t, err)
	assert.Equal(t, 0, again.Len())
}

func TestLoadFileErrors(t *testing.T) {
	_, err := LoadFile(filepath.Join("testdata", "no-such-file.geojson"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	path := filepath.Join(t.TempDir(), "bad.geojson")
	require.NoError(t, os.WriteFile(path, collection(set(validFeature("a/x"), "properties.kind", "x")), 0o600))
	_, err = LoadFile(path)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, path, ve.Source)
	assert.Contains(t, err.Error(), path)
}

func TestWithinBoundInvalid(t *testing.T) {
	for _, b := range []orb.Bound{
		{Min: orb.Point{112, 35}, Max: orb.Point{111, 36}},
		{Min: orb.Point{0, 0}, Max: orb.Point{nan(), 1}},
	} {
		_, err := Load(bytes.NewReader(collection(validFeature("a/x"))), WithinBound(b))
		assert.ErrorContains(t, err, "WithinBound")
	}
}

func TestNewCatalog(t *testing.T) {
	sites := loadFixture(t).Sites()
	c, err := NewCatalog(sites, WithinBound(DefaultBound()))
	require.NoError(t, err)
	assert.Equal(t, sites, c.Sites())

	// NewCatalog copies deeply: changing the input does not change the catalog.
	sites[0].Themes[0] = "changed"
	sites[0].Period.From = Year(1)
	got, _ := c.Get(sites[0].ID)
	assert.Equal(t, "jin-culture", got.Themes[0])
	assert.Equal(t, -636, *got.Period.From)

	bad := []Site{
		{ID: "a/x", Name: Name{"甲", "Jiǎ", "A"}, Kind: Tomb, Location: orb.Point{nan(), 35}, PrecisionM: 10, LocationSource: "s"},
		{ID: "a/y", Name: Name{"乙", "Yǐ", "B"}, Kind: Tomb, Location: orb.Point{111, 35}, PrecisionM: nan(), LocationSource: "s"},
		{ID: "a/x", Name: Name{"丙", "Bǐng", "C"}, Kind: Town, Location: orb.Point{111, 35}, PrecisionM: 1, LocationSource: "s", Score: 3},
		{ID: "a/z", Name: Name{"丁", "Dīng", "D"}, Kind: Tomb, Location: orb.Point{111, 35}, PrecisionM: 1, LocationSource: "s",
			Visit: Visit{Duration: 90 * time.Second}},
		{ID: "a/w", Name: Name{"戊", "Wù", "E"}, Kind: Tomb, Location: orb.Point{111, 35}, PrecisionM: 1, LocationSource: "s",
			Visit: Visit{Duration: -time.Hour}},
	}
	_, err = NewCatalog(bad)
	assert.Equal(t, []string{
		"0 location coordinates",
		"1 precision_m range",
		"2 id duplicate-id",
		"2 score anchor",
		"3 visit.minutes range",
		"4 visit.minutes range",
	}, describe(t, err))
}

func TestMerge(t *testing.T) {
	a := loadFixture(t)
	b, err := Load(bytes.NewReader(collection(validFeature("other/one"), validAnchor("other/anchor"))), WithinBound(DefaultBound()))
	require.NoError(t, err)

	m, err := Merge(a, nil, b)
	require.NoError(t, err)
	assert.Equal(t, append(a.Sites(), b.Sites()...), m.Sites())
	region, ok := m.Region()
	assert.True(t, ok, "same declared region is kept")
	assert.Equal(t, DefaultBound(), region)

	noRegion, err := Load(bytes.NewReader(collection(validFeature("third/one"))))
	require.NoError(t, err)
	m, err = Merge(a, noRegion)
	require.NoError(t, err)
	_, ok = m.Region()
	assert.False(t, ok)

	_, err = Merge(a, b, a)
	assert.Len(t, describe(t, err), a.Len())
	assert.ErrorIs(t, err, ErrDuplicateID)
	assert.ErrorContains(t, err, "fixture/museum: id: heritage: duplicate ID: in catalogs 0 and 2")

	empty, err := Merge()
	require.NoError(t, err)
	assert.Equal(t, 0, empty.Len())
}

func TestValidID(t *testing.T) {
	for _, id := range []string{"a", "jiangxian/chexiangcheng", "houma/jin-state-site", "anchor/jiangxian-county-seat", "a1/b-2/c"} {
		assert.True(t, ValidID(id), id)
	}
	for _, id := range []string{"", "/", "a/", "/a", "A", "a b", "a--b", "-a", "a-", "a_b", "晋", "a//b", "a/-b"} {
		assert.False(t, ValidID(id), id)
	}
}

func TestSiteClone(t *testing.T) {
	s, _ := loadFixture(t).Get("fixture/chexiangcheng")
	c := s.Clone()
	require.Equal(t, s, c)
	c.Footprint[0][0][0] = 0
	c.Themes[0] = "x"
	c.Notes[0].Sources[0] = "x"
	*c.Period.From = 1
	c.Designation.Batch = 9
	assert.NotEqual(t, s.Footprint[0][0][0], 0.0)
	assert.Equal(t, "jin-culture", s.Themes[0])
	assert.Equal(t, "https://example.org/b", s.Notes[0].Sources[0])
	assert.Equal(t, -669, *s.Period.From)
	assert.Equal(t, 5, s.Designation.Batch)
}

func nan() float64 { return math.NaN() }

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sites.geojson")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

func TestSiteOpeningHours(t *testing.T) {
	c := loadFixture(t)
	temple, _ := c.Get("fixture/taiyin-temple")
	h, ok := temple.OpeningHours()
	require.True(t, ok)
	mon := day(t, 2025, time.January, 6, time.Monday)
	assert.Nil(t, h.On(mon), "closed on Mondays")
	assert.Len(t, h.On(mon.AddDate(0, 0, 1)), 2, "two ranges on Tuesday")
	tomb, _ := c.Get("fixture/jin-wengong-tomb")
	_, ok = tomb.OpeningHours()
	assert.False(t, ok, "unknown hours")
	tomb.Visit.OpeningHours = "whenever"
	_, ok = tomb.OpeningHours()
	assert.False(t, ok, "malformed hours")
}

func TestLoadReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Load(iotest.ErrReader(boom))
	assert.ErrorIs(t, err, boom)
}
