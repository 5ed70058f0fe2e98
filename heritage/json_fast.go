package heritage

import (
	"strconv"

	"github.com/goccy/go-json/jsontext"
)

// fastReader decodes the catalog schema straight from the input, with
// its own [scanner]: no reflection, no intermediate values, and the
// scratch of one item reused for the next. It takes only input that the
// strict goccy decode ([strictGoccy]) takes, to the same values: member
// names exact and never repeated, strings of valid UTF-8, the JSON
// grammar, nothing after the top-level value. At whatever it is unsure
// of (null, a number that is not a plain integer where an integer goes,
// an unknown or escaped member name, a value of another kind) it stops,
// and the loader starts again with the general decoder, which accepts
// or reports it. Text is copied into the packer's arena; the strings a
// catalog repeats are looked up without a copy.
type fastReader struct {
	s  scanner
	pk *packer
	d  decoded   // the item being read, d.props = &p
	p  jsonProps // reused for every item

	plain bool // the plain-array format: a site object has "location"

	// Scratch of the item being read.
	unq                []byte // an unquoted string value
	featID             []byte
	loc, entrance, box []float64
	aliases, themes    []string
	presented, est     []string
	sources            []Source
	notes              []Note
	spans              []noteURL // the URLs the notes cite, in tmp
	tmp                []byte
	urls               []string
	period             Period // the item's, until the catalog keeps a copy
	designation        Designation
	from, to           int
	score              int
	entrancePrecision  float64
	visitVia           string
}

func newFastReader(data []byte, pk *packer) *fastReader {
	r := &fastReader{s: scanner{data: data}, pk: pk}
	r.d.props = &r.p
	return r
}

// maxMembers is more members than an object of the schema has.
const maxMembers = 32

// object reads an object, calling member for each name to read its
// value. A repeated name is refused.
func (r *fastReader) object(member func(name []byte) bool) bool {
	if !r.s.take('{') {
		return false
	}
	if r.s.take('}') {
		return true
	}
	var seen [maxMembers][]byte
	var mask uint64 // bits of a hash of the names seen
	for n := 0; ; n++ {
		name, ok := r.s.name()
		if !ok || n == maxMembers || !r.s.take(':') {
			return false
		}
		bit := uint64(1) << ((uint(len(name))*7 + uint(name[0]) + uint(name[len(name)-1])*3) & 63)
		if mask&bit != 0 {
			for _, prev := range seen[:n] {
				if string(prev) == string(name) {
					return false
				}
			}
		}
		mask |= bit
		seen[n] = name
		if !member(name) {
			return false
		}
		if !r.s.take(',') {
			return r.s.take('}')
		}
	}
}

// array reads an array, calling elem for each element.
func (r *fastReader) array(elem func() bool) bool {
	if !r.s.take('[') {
		return false
	}
	if r.s.take(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if !r.s.take(',') {
			return r.s.take(']')
		}
	}
}

// unquote appends the value of the string whose text between the quotes
// is raw to dst.
func (r *fastReader) unquote(dst, raw []byte, escaped bool) ([]byte, bool) {
	if !escaped {
		return append(dst, raw...), true
	}
	// AppendUnquote wants the quotes: the scanner left them around raw.
	start := r.s.pos - len(raw) - 2
	out, err := jsontext.AppendUnquote(dst, r.s.data[start:r.s.pos])
	return out, err == nil
}

// bytes reads a string into r.unq, valid until the next read of a
// string.
func (r *fastReader) bytes() ([]byte, bool) {
	raw, escaped, ok := r.s.str()
	if !ok {
		return nil, false
	}
	r.unq, ok = r.unquote(r.unq[:0], raw, escaped)
	return r.unq, ok
}

// text reads a string of free text, kept in the arena.
func (r *fastReader) text(dst *string) bool {
	b, ok := r.bytes()
	*dst = r.pk.text(b)
	return ok
}

// shared reads a string of the kind a catalog repeats, kept once.
func (r *fastReader) shared(dst *string) bool {
	b, ok := r.bytes()
	*dst = r.pk.strBytes(b)
	return ok
}

// texts reads an array of strings into dst[:0]; with shared, each is kept
// once per catalog.
func (r *fastReader) texts(dst []string, shared bool) ([]string, bool) {
	dst = dst[:0]
	ok := r.array(func() bool {
		var s string
		ok := false
		if shared {
			ok = r.shared(&s)
		} else {
			ok = r.text(&s)
		}
		dst = append(dst, s)
		return ok
	})
	return dst, ok
}

// float reads a number.
func (r *fastReader) float(dst *float64) bool {
	raw, _, ok := r.s.num()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	*dst = f
	return err == nil
}

// int reads a number written as a plain integer (no fraction, no
// exponent) that an int holds.
func (r *fastReader) int(dst *int) bool {
	raw, integer, ok := r.s.num()
	if !ok || !integer {
		return false
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	*dst = int(n)
	return err == nil
}

// floats reads an array of numbers into dst[:0], which is not nil.
func (r *fastReader) floats(dst []float64) ([]float64, bool) {
	dst = dst[:0]
	if dst == nil {
		dst = make([]float64, 0, 2)
	}
	ok := r.array(func() bool {
		var f float64
		ok := r.float(&f)
		dst = append(dst, f)
		return ok
	})
	return dst, ok
}

// is reads a string and reports whether it is want.
func (r *fastReader) is(want string) bool {
	b, ok := r.bytes()
	return ok && string(b) == want
}
