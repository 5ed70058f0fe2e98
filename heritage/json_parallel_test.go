package heritage

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inChunks makes Load cut every FeatureCollection, however small, into
// up to parts chunks for the rest of the test.
func inChunks(t *testing.T, parts int) {
	t.Helper()
	oldMin, oldChunk, oldMax := parallelMinBytes, chunkMinBytes, maxChunks
	parallelMinBytes, chunkMinBytes, maxChunks = 1, 1, parts
	t.Cleanup(func() { parallelMinBytes, chunkMinBytes, maxChunks = oldMin, oldChunk, oldMax })
}

// loadOneThread is loadWith(data, true) with no input cut into chunks.
func loadOneThread(data []byte) outcome {
	defer func(m int) { parallelMinBytes = m }(parallelMinBytes)
	parallelMinBytes = 1 << 62
	return loadWith(data, true)
}

// synthGeoJSON is WriteGeoJSON of n synthetic sites, optionally indented.
func synthGeoJSON(t *testing.T, n int, seed uint64, indent bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteGeoJSON(&buf, synthSites(n, seed)))
	if !indent {
		return buf.Bytes()
	}
	var out bytes.Buffer
	require.NoError(t, stdjson.Indent(&out, buf.Bytes(), "", "  "))
	return out.Bytes()
}

// A catalog loaded in chunks is the one loaded on one thread, for
// random catalogs of every size cut into any number of chunks, written
// compact or indented.
func TestParallelLoadEqualsSequential(t *testing.T) {
	for _, parts := range []int{2, 3, 5, 16} {
		for seed, n := range []int{1, 2, 7, 40, 333} {
			for _, indent := range []bool{false, true} {
				t.Run(fmt.Sprintf("parts=%d/n=%d/indent=%v", parts, n, indent), func(t *testing.T) {
					data := synthGeoJSON(t, n, uint64(seed), indent)
					want := loadOneThread(data)
					require.Empty(t, want.err)
					inChunks(t, parts)
					b := parallelLoad(data, nil)
					require.NotNil(t, b, "not loaded in chunks")
					if n >= 40 {
						assert.Len(t, featureStarts(data, bytes.IndexByte(data, '[')+1, parts), parts)
					}
					c, err := Load(bytes.NewReader(data))
					require.NoError(t, err)
					assert.Equal(t, want.sites, c.Sites())
					for i, s := range want.sites {
						at, ok := c.byID.get(s.ID, c.rowID)
						require.True(t, ok, s.ID)
						assert.Equal(t, i, at)
					}
				})
			}
		}
	}
}

// Input that does not load, or that the chunks' readers do not take,
// fails or loads exactly as on one thread, wherever the fault is: each
// of these changes is made to every site in turn, so to the first and
// last of every chunk too.
func TestParallelLoadFaultsAnywhere(t *testing.T) {
	const n = 24
	data := synthGeoJSON(t, n, 3, false)
	id := func(i int) string { return fmt.Sprintf("synth/s%07d", i) }
	start := func(i int) int { return bytes.Index(data, []byte(`{"id":"`+id(i)+`"`)) }
	props := func(i int) int {
		return start(i) + bytes.Index(data[start(i):], []byte(`"properties":{`)) + len(`"properties":{`)
	}
	insert := func(at int, s string) []byte {
		return append(append(bytes.Clone(data[:at]), s...), data[at:]...)
	}
	// replace gives the member name of site i, a number or a string,
	// the value v.
	replace := func(i int, name, v string) []byte {
		at := props(i) + bytes.Index(data[props(i):], []byte(`"`+name+`":`)) + len(name) + 3
		end := at + bytes.IndexAny(data[at+1:], `,}`) + 1
		return append(append(bytes.Clone(data[:at]), v...), data[end:]...)
	}
	changes := map[string]func(i int) []byte{
		"duplicate ID": func(i int) []byte {
			return bytes.ReplaceAll(data, []byte(`"`+id(i)+`"`), []byte(`"`+id((i+n/2)%n)+`"`))
		},
		"unknown member":    func(i int) []byte { return insert(props(i), `"extra":1,`) },
		"null":              func(i int) []byte { return insert(props(i), `"region":null,`) },
		"escaped name":      func(i int) []byte { return insert(props(i), `"\u0072egion":"x",`) },
		"invalid score":     func(i int) []byte { return replace(i, "score", "200") },
		"unknown kind":      func(i int) []byte { return replace(i, "kind", `"bogus"`) },
		"no precision":      func(i int) []byte { return replace(i, "precision_m", "-1") },
		"bad ID":            func(i int) []byte { return replace(i, "id", `"Bad ID"`) },
		"score in words":    func(i int) []byte { return replace(i, "score", `"high"`) },
		"score 1e1":         func(i int) []byte { return replace(i, "score", `1e1`) },
		"repeated score":    func(i int) []byte { return insert(props(i), `"score":200,`) },
		"missing reference": func(i int) []byte { return insert(props(i), `"visit_via":"synth/none",`) },
		"repeated member":   func(i int) []byte { return insert(props(i), `"id":"`+id(i)+`",`) },
		"extra comma":       func(i int) []byte { return insert(start(i), `,`) },
		"white space":       func(i int) []byte { return insert(start(i), " \n\t") },
		"cut short":         func(i int) []byte { return bytes.Clone(data[:start(i)+10]) },
		"cut after a comma": func(i int) []byte { return bytes.Clone(data[:start(i)]) },
		"not a Feature": func(i int) []byte {
			return bytes.Replace(data, []byte(`"type":"Feature"`), []byte(`"type":"Point"`), i+1)
		},
	}
	for name, change := range changes {
		for _, parts := range []int{2, 3, 7} {
			t.Run(fmt.Sprintf("%s/parts=%d", name, parts), func(t *testing.T) {
				for i := range n {
					in := change(i)
					want := loadOneThread(in)
					inChunks(t, parts)
					assert.Equal(t, want, loadWith(in, true), "site %d", i)
				}
			})
		}
	}
}

// A mapped file cut short while chunks of it are read at once is an
// error, not a crash, whichever chunk finds it.
func TestParallelLoadMappedTruncated(t *testing.T) {
	inChunks(t, 4)
	b := synthGeoJSON(t, 200, 5, false)
	loadTruncated(t, b, int64(len(b)/3))
}

// Chunks start only at Features of the array, found by their first
// members, however they are spaced.
func TestFeatureOpening(t *testing.T) {
	for in, want := range map[string]int{
		`[{"type":"Feature"`:                                 -1, // no comma before it
		`[1, {"type":"Feature"`:                              4,
		`[1,{ "type" : "Feature"`:                            3,
		"[1,\n  {\n\"id\": \"a\\\"b\", \"type\":\"Feature\"": 6,
		`[1,{"id":1,"type":"Feature"`:                        -1, // an id that is not a string
		`[1,{"x":"a","type":"Feature"`:                       -1,
		`[1,{"type":"Point","name":"Feature"`:                -1,
		`"Feature"`:                                          -1,
		`,{"id":"x","type":"Feature"`:                        1,
		`[1,{"id":"\\","type":"Feature"`:                     3,
		`{"id":"x","type":"Feature"`:                         -1,
		`1,{"id":"x"type":"Feature"`:                         -1,
		`1,{"id":x","type":"Feature"`:                        -1,
		`1,{"id":"x":"y","type":"Feature"`:                   -1,
		`1,{"id""x","type":"Feature"`:                        -1,
		`1,{type":"Feature"`:                                 -1,
		`1,{"type":`:                                         -1,
		`1,{"type":"Feature","type":"Feature"`:               2,
		`1,{"type":"FeatureCollection"`:                      -1,
		`1,{"id":"a\\\\","type":"Feature"`:                   2,
		`{"features":[{"type":"Feature"}, {"type":"Feature"`: 33,
	} {
		assert.Equal(t, want, nextFeature([]byte(in), 0), "%s", in)
	}
}

// Any input loads in chunks as it loads on one thread: the same sites
// or the same error.
func FuzzParallelLoad(f *testing.F) {
	for _, n := range []int{2, 5} {
		var buf bytes.Buffer
		if err := WriteGeoJSON(&buf, synthSites(n, uint64(n))); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feature"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := loadOneThread(data)
		inChunks(t, 3)
		assert.Equal(t, want, loadWith(data, true))
	})
}
