package heritage

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/chuanzhu/chuanzhu/internal/cputime"
	"github.com/paulmach/orb"
)

// Benchmarks on synthetic catalogs of 1,000 and 1,000,000 sites, built in
// memory on first use (the 1e6 one takes a while and a few GB) and never
// written to disk. Run, for example:
//
//	go test ./heritage -run '^$' -bench . -benchtime 3x

// synthFixture is the GeoJSON encoding of a synthetic catalog, and the
// catalog loaded from it once a benchmark asks for it: the Load
// benchmarks keep only the JSON, so that the collector does not mark a
// second catalog of n sites in every load they measure.
type synthFixture struct {
	data []byte
	cat  *Catalog
}

// fixtures caches synthetic fixtures by size for the benchmarks of one run.
type fixtureCache struct {
	mu sync.Mutex
	m  map[int]*synthFixture
}

var benchFixtures fixtureCache

func synthFixtureFor(b *testing.B, n int) *synthFixture {
	b.Helper()
	benchFixtures.mu.Lock()
	defer benchFixtures.mu.Unlock()
	if f, ok := benchFixtures.m[n]; ok {
		return f
	}
	c, err := NewCatalog(synthSites(n, 42), WithinBound(DefaultBound()))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.WriteGeoJSON(&buf); err != nil {
		b.Fatal(err)
	}
	if benchFixtures.m == nil {
		benchFixtures.m = map[int]*synthFixture{}
	}
	f := &synthFixture{data: bytes.Clone(buf.Bytes())}
	benchFixtures.m[n] = f
	return f
}

// catalog returns the fixture's catalog, loaded on first use.
func (f *synthFixture) catalog(b *testing.B) *Catalog {
	b.Helper()
	benchFixtures.mu.Lock()
	defer benchFixtures.mu.Unlock()
	if f.cat == nil {
		c, err := Load(bytes.NewReader(f.data))
		if err != nil {
			b.Fatal(err)
		}
		f.cat = c
	}
	return f.cat
}

var benchSizes = []int{1_000, 1_000_000}

// strictStd is strictGoccy with encoding/json, for the comparison.
func strictStd(data []byte, v any) error {
	dec := stdjson.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	var extra any
	if err := dec.Decode(&extra); err != io.EOF {
		return errors.New("unexpected data after the top-level value")
	}
	return nil
}

// BenchmarkDefault loads and merges the embedded data files (what the first
// call of Default does).
func BenchmarkDefault(b *testing.B) {
	names, err := fs.Glob(data, "data/*.geojson")
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, name := range names {
		st, err := fs.Stat(data, name)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0, cpuOK := cputime.Process()
	for b.Loop() {
		if _, err := loadEmbedded(data); err != nil {
			b.Fatal(err)
		}
	}
	if cpu1, ok := cputime.Process(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkLoad measures Load (decode, validate, index) of a synthetic
// GeoJSON catalog, and reports the process CPU time per load and the heap
// the loaded catalog keeps.
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			benchLoad(b, synthFixtureFor(b, n).data, n)
		})
	}
}

// BenchmarkLoadFile is BenchmarkLoad through a file: LoadFile, and Load
// of an *os.File (a reader that does not say how long it is).
func BenchmarkLoadFile(b *testing.B) {
	for _, n := range benchSizes {
		data := synthFixtureFor(b, n).data
		path := filepath.Join(b.TempDir(), "synth.geojson")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d/LoadFile", n), func(b *testing.B) {
			benchLoadWith(b, func() (*Catalog, error) { return LoadFile(path) }, int64(len(data)), n)
		})
		b.Run(fmt.Sprintf("n=%d/os.File", n), func(b *testing.B) {
			benchLoadWith(b, func() (*Catalog, error) {
				f, err := os.Open(path)
				if err != nil {
					return nil, err
				}
				defer f.Close()
				return Load(f)
			}, int64(len(data)), n)
		})
	}
}

// BenchmarkLoadRealistic is BenchmarkLoad on copies of the embedded
// catalog's sites, which carry much more text than the synthetic ones
// (long notes, many sources, addresses, events).
func BenchmarkLoadRealistic(b *testing.B) {
	const copies = 300
	sites := realisticSites(copies)
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, sites); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("n=%d", len(sites)), func(b *testing.B) {
		benchLoad(b, buf.Bytes(), len(sites))
	})
}

// realisticSites returns k copies of the embedded catalog's sites, the
// IDs of copy j (and the references between its sites) ending in -j.
func realisticSites(k int) []Site {
	base := Default().Sites()
	out := make([]Site, 0, k*len(base))
	for j := range k {
		rename := func(id string) string { return fmt.Sprintf("%s-%d", id, j) }
		for _, s := range base {
			c := s.Clone()
			c.ID = rename(c.ID)
			for i, id := range c.PresentedAt {
				c.PresentedAt[i] = rename(id)
			}
			if c.VisitVia != "" {
				c.VisitVia = rename(c.VisitVia)
			}
			out = append(out, c)
		}
	}
	return out
}

// benchLoad loads data, n sites, reporting the CPU time per load and the
// heap the catalog keeps.
func benchLoad(b *testing.B, data []byte, n int) {
	benchLoadWith(b, func() (*Catalog, error) { return Load(bytes.NewReader(data)) }, int64(len(data)), n)
}

// benchLoadWith measures load, which loads a catalog of n sites from
// size bytes of JSON, as benchLoad does.
func benchLoadWith(b *testing.B, load func() (*Catalog, error), size int64, n int) {
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0, cpuOK := cputime.Process()
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time, GC included: on a shared machine wall time also counts
	// the other processes.
	if cpu1, ok := cputime.Process(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(retained(b, func() any {
		c, err := load()
		if err != nil {
			b.Fatal(err)
		}
		return c
	}))/float64(n), "retained-B/site")
	b.ReportMetric(float64(size)/float64(n), "json-B/site")
}

// BenchmarkCatalogGC measures a full garbage collection while a loaded
// catalog is live: what a program holding the catalog pays in every
// collection cycle to mark it.
func BenchmarkCatalogGC(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := synthFixtureFor(b, n).catalog(b)
			runtime.GC()
			cpu0, cpuOK := cputime.Process()
			for b.Loop() {
				runtime.GC()
			}
			if cpu1, ok := cputime.Process(); ok && cpuOK {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
			runtime.KeepAlive(c)
		})
	}
}

// retained returns the heap bytes still held, after a GC, by the value
// build returns.
func retained(b *testing.B, build func() any) uint64 {
	b.StopTimer()
	defer b.StartTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// BenchmarkDecode compares goccy/go-json with encoding/json decoding the
// same synthetic catalog into the loader's structs (strict, unknown fields
// rejected), side by side.
func BenchmarkDecode(b *testing.B) {
	for _, n := range benchSizes {
		for _, lib := range []struct {
			name      string
			unmarshal unmarshalFunc
		}{{"goccy", strictGoccy}, {"encoding-json", strictStd}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, lib.name), func(b *testing.B) {
				f := synthFixtureFor(b, n)
				b.SetBytes(int64(len(f.data)))
				b.ReportAllocs()
				for b.Loop() {
					var fc jsonCollection
					if err := lib.unmarshal(f.data, &fc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSearch runs a pinyin and a Chinese query over every name.
func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes {
		for _, q := range []struct{ name, text string }{{"pinyin", "Wén Gōng"}, {"zh", "文公"}} {
			b.Run(fmt.Sprintf("n=%d/q=%s", n, q.name), func(b *testing.B) {
				c := synthFixtureFor(b, n).catalog(b)
				b.ReportAllocs()
				hits := 0
				for b.Loop() {
					hits = len(c.Search(q.text))
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}

// BenchmarkNearest finds the 10 sites nearest to points across the region.
func BenchmarkNearest(b *testing.B) {
	for _, n := range benchSizes {
		bound := DefaultBound()
		var pts []orb.Point
		for i := range 64 {
			pts = append(pts, orb.Point{
				bound.Min[0] + float64(i%8+1)/9*(bound.Max[0]-bound.Min[0]),
				bound.Min[1] + float64(i/8+1)/9*(bound.Max[1]-bound.Min[1]),
			})
		}
		b.Run(fmt.Sprintf("n=%d/k=10", n), func(b *testing.B) {
			c := synthFixtureFor(b, n).catalog(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if len(c.Nearest(pts[i%len(pts)], 10)) != 10 {
					b.Fatal("short result")
				}
				i++
			}
		})
	}
}

// BenchmarkParseOpeningHours parses a typical seasonal value.
func BenchmarkParseOpeningHours(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseOpeningHours("Apr-Oct Tu-Su 08:00-18:00; Nov-Mar Tu-Su 08:30-17:00; PH off"); err != nil {
			b.Fatal(err)
		}
	}
}
