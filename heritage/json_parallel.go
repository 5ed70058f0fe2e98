package heritage

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// A large FeatureCollection is decoded in chunks at once, one per
// processor: its features array is cut before Features found at about
// equal distances, each chunk is read and checked by a [fastReader] and
// a builder of its own, and the rows are joined in input order. A chunk
// must read to exactly where the next one starts, so the Features read
// are those one reader reading the whole array would read. Whatever a
// chunk's reader does not take, and any problem a chunk finds, stops
// every chunk, and [fastLoad] loads the input on one thread instead: the
// catalog, the errors and their order are always those of a load on one
// thread.

// Sizes for the chunks, in bytes: inputs smaller than parallelMinBytes
// load on one thread; a chunk has at least chunkMinBytes. Each chunk
// leaves the unused end of its packer's last blocks (up to about 1 MB),
// so chunks are large: then that is a few bytes per site. Variables, so
// that the tests cut small inputs too.
var (
	parallelMinBytes = 64 << 20
	chunkMinBytes    = 32 << 20
	maxChunks        = 0 // if > 0, at most this many chunks instead of GOMAXPROCS
)

// chunkCount returns how many chunks to cut n bytes of input into.
func chunkCount(n int) int {
	if n < parallelMinBytes {
		return 1
	}
	p := maxChunks
	if p <= 0 {
		p = runtime.GOMAXPROCS(0)
	}
	return max(1, min(p, n/max(chunkMinBytes, 1)))
}

// chunk is one run of Features of the array, data[start:end], each
// followed by a comma; the last chunk's Features end the array instead.
type chunk struct {
	start, end int
	n          int // at most this many Features, to size the rows
	ps         problems
	b          *builder
	r          *fastReader
}

// parallelLoad is [fastLoad] for a FeatureCollection, in chunks at once;
// it returns nil when the input is too small to be cut, is not cut where
// expected, or does not load without problems: the caller loads it on
// one thread then.
func parallelLoad(data []byte, bound *orb.Bound) *builder {
	parts := chunkCount(len(data))
	if parts < 2 {
		return nil
	}
	var b *builder
	r := newFastReader(data, newPacker())
	ok := r.collectionWith(func() bool {
		b = readChunked(r, parts, bound)
		return b != nil
	})
	if !ok || !r.end() {
		return nil
	}
	return b
}

// readChunked reads the features array at r in chunks, and leaves r
// after it.
func readChunked(r *fastReader, parts int, bound *orb.Bound) *builder {
	if !r.s.take('[') {
		return nil
	}
	if r.s.take(']') {
		return newBuilder(&problems{}, geojsonFields(), bound, 0)
	}
	data := r.s.data
	starts := featureStarts(data, r.s.pos, parts)
	cs := make([]chunk, len(starts))
	for k := range cs {
		cs[k].start, cs[k].end = starts[k], len(data)
		if k+1 < len(cs) {
			cs[k].end = starts[k+1]
		}
	}
	inParallel(cs, func(c *chunk) {
		part := data[c.start:c.end]
		c.n = countFeatures(part) + 1
	})
	total := 0
	for k := range cs {
		total += cs[k].n
	}
	rows := make([]row, total)
	var stop atomic.Bool
	base := 0
	for k := range cs {
		c := &cs[k]
		c.b = newBuilder(&c.ps, geojsonFields(), bound, 0)
		c.b.rows = rows[base : base : base+c.n]
		c.b.v.seenID = nil // checked once all are joined
		c.r = newFastReader(data[:c.end], c.b.pk)
		c.r.s.pos = c.start
		base += c.n
	}
	inParallel(cs, func(c *chunk) { c.readRun(c == &cs[len(cs)-1], &stop) })
	if stop.Load() {
		return nil
	}
	r.s.pos = cs[len(cs)-1].r.s.pos
	return join(cs, rows[:0])
}

// readRun reads the chunk's Features into its builder; last says whether
// it is the last chunk. A chunk that fails or finds a problem sets stop,
// and every chunk stops at the next Feature.
func (c *chunk) readRun(last bool, stop *atomic.Bool) {
	r := c.r
	for i := 0; !stop.Load(); i++ {
		if !r.feature() {
			stop.Store(true)
			return
		}
		c.b.add(i, &r.d)
		switch {
		case len(c.ps.list) > 0:
			stop.Store(true)
			return
		case !r.s.take(','):
			if !last || !r.s.take(']') {
				stop.Store(true)
			}
			return
		case !last && r.s.end():
			return
		}
	}
}

// join returns a builder of the chunks' rows, in order, moved into all
// (which holds each chunk's rows where its builder began them, unless
// they outgrew it), and of an index of their IDs; nil if two sites share
// an ID.
func join(cs []chunk, all []row) *builder {
	n := 0
	for k := range cs {
		rows := cs[k].b.rows
		n += len(rows)
		if len(rows) > cs[k].n {
			all = nil // a chunk outgrew its place: join in a new slice
		}
	}
	if all == nil {
		all = make([]row, 0, n)
	}
	for k := range cs {
		all = append(all, cs[k].b.rows...) // moves left, if at all
	}
	byID := newIDIndex(len(all))
	if byID.addAll(len(all), func(i int) string { return all[i].id }) {
		return nil
	}
	b := cs[0].b
	b.rows, b.v.seenID = all, byID
	return b
}

// inParallel calls f on each chunk, all at once, the first on this
// goroutine. A panic is raised again here once all are done (a fault
// reading a mapped file, see loadFaulting, is an error then), never
// while another chunk still reads the input.
func inParallel(cs []chunk, f func(c *chunk)) {
	panics := make([]any, len(cs))
	call := func(k int) {
		defer func() { panics[k] = recover() }()
		f(&cs[k])
	}
	var wg sync.WaitGroup
	for k := 1; k < len(cs); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			debug.SetPanicOnFault(true)
			call(k)
		}()
	}
	call(0)
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// featureStarts returns where the chunks of a features array whose
// first element is at start begin: start, then the first Feature after
// each of parts-1 points at equal distances, where there is one.
func featureStarts(data []byte, start, parts int) []int {
	starts := []int{start}
	for k := 1; k < parts; k++ {
		from := max(start+k*(len(data)-start)/parts, starts[len(starts)-1]+1)
		p := nextFeature(data, from)
		if p < 0 {
			break
		}
		starts = append(starts, p)
	}
	return starts
}

// nextFeature returns the position of the first object in data[from:]
// that follows a comma and whose first member is "type": "Feature", or
// its "id" and then that (as WriteGeoJSON and most writers put them), or
// -1. In JSON, a string cannot hold such text (its quotes would end it),
// so it is an array element that is a Feature; the chunk before it
// checks that it is one of the features array's.
func nextFeature(data []byte, from int) int {
	word := []byte(`"Feature"`)
	for from < len(data) {
		j := bytes.Index(data[from:], word)
		if j < 0 {
			return -1
		}
		if p := featureOpening(data, from+j); p >= from {
			return p
		}
		from += j + len(word)
	}
	return -1
}

// featureOpening returns the position of the '{' of the Feature whose
// "type" is the string at data[at:], if it is the object's first member
// or follows a first member "id" with a string value, and a comma comes
// before the '{'; else -1.
func featureOpening(data []byte, at int) int {
	i, ok := backOver(data, at, `:`, `"type"`)
	if !ok {
		return -1
	}
	if i = lastNonSpace(data, i); i >= 0 && data[i] == ',' {
		if i = stringBefore(data, i); i < 0 {
			return -1
		}
		if i, ok = backOver(data, i, `:`, `"id"`); !ok {
			return -1
		}
		i = lastNonSpace(data, i)
	}
	if i < 0 || data[i] != '{' {
		return -1
	}
	if c := lastNonSpace(data, i); c < 0 || data[c] != ',' {
		return -1
	}
	return i
}

// backOver returns the position of the first of the tokens that come,
// in order and after white space, before data[at], and whether they do.
func backOver(data []byte, at int, tokens ...string) (int, bool) {
	for _, t := range tokens {
		i := lastNonSpace(data, at)
		if i+1 < len(t) || string(data[i+1-len(t):i+1]) != t {
			return 0, false
		}
		at = i + 1 - len(t)
	}
	return at, true
}

// stringBefore returns the position of the opening quote of the string
// that ends, after white space, before data[at], or -1.
func stringBefore(data []byte, at int) int {
	i := lastNonSpace(data, at)
	if i < 0 || data[i] != '"' {
		return -1
	}
	for {
		i = bytes.LastIndexByte(data[:i], '"')
		if i < 0 {
			return -1
		}
		k := i // an odd number of backslashes before it escapes it
		for k > 0 && data[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			return i
		}
	}
}

// lastNonSpace returns the position of the last byte before data[at]
// that is not JSON white space, or -1.
func lastNonSpace(data []byte, at int) int {
	i := at - 1
	for i >= 0 && isSpace(data[i]) {
		i--
	}
	return i
}
