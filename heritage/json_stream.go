package heritage

import (
	"bytes"

	"github.com/paulmach/orb"
)

// fastDecode says whether [Load] reads with [fastReader] first. A
// variable, so that the tests run the general decoder alone too.
var fastDecode = true

// fastLoad builds and checks the sites of data as [fastReader] reads
// them, one at a time: the input is never copied, and an item's scratch
// is reused for the next. It returns nil at the first thing the reader
// does not take, perhaps after building some sites; the caller then
// starts again with the general decoder, which reports every problem.
func fastLoad(data []byte, ps *problems, bound *orb.Bound) *builder {
	if !fastDecode {
		return nil
	}
	var b *builder
	var read func(r *fastReader) bool
	switch firstByte(data) {
	case '{':
		if b := parallelLoad(data, bound); b != nil {
			return b
		}
		b = newBuilder(ps, geojsonFields(), bound, sizeHint(data, countFeatures))
		read = func(r *fastReader) bool { return r.collection(b.add) }
	case '[':
		b = newBuilder(ps, arrayFields(), bound, sizeHint(data, countItems))
		read = func(r *fastReader) bool { return r.items(b.add) }
	default:
		return nil
	}
	if !read(newFastReader(data, b.pk)) {
		return nil
	}
	return b
}

// streamCollection reads the GeoJSON FeatureCollection data with
// [fastReader], giving add each item in order; it reports whether the
// reader took the whole input.
func streamCollection(data []byte, add func(i int, d *decoded)) bool {
	return newFastReader(data, newPacker()).collection(add)
}

// minItem is fewer bytes than a site object with the required members
// takes.
const minItem = 100

// countFeatures estimates the number of Features in a FeatureCollection,
// to size the site list: the "Feature" strings, each Feature's type (an
// upper bound for input that loads), but no more than the input can
// hold, so that hostile input cannot make it large.
func countFeatures(data []byte) int {
	return min(bytes.Count(data, []byte(`"Feature"`)), len(data)/minItem)
}

// countMinBytes is the size from which counting the items to size the
// site list costs less than growing it.
const countMinBytes = 1 << 20

// sizeHint is count(data) for large inputs, 0 for small ones.
func sizeHint(data []byte, count func([]byte) int) int {
	if len(data) < countMinBytes {
		return 0
	}
	return count(data)
}

// countItems is countFeatures for the plain-array format, counting the
// "location" members.
func countItems(data []byte) int {
	return min(bytes.Count(data, []byte(`"location"`)), len(data)/minItem)
}
