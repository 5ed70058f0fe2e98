package heritage

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// scanner reads JSON text in place, for [fastReader]: it checks the
// grammar (RFC 8259) of what it reads and takes only valid UTF-8 in
// strings, and it refuses some valid JSON that the schema never needs
// (member names other than [a-z_]+, escaped ones among them), for the
// general decoder to take instead.
type scanner struct {
	data []byte
	pos  int
}

// peek returns the next byte after white space, 0 at the end.
func (s *scanner) peek() byte {
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if !isSpace(c) {
			return c
		}
		s.pos++
	}
	return 0
}

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// take reads c, the next byte after white space.
func (s *scanner) take(c byte) bool {
	if s.peek() != c {
		return false
	}
	s.pos++
	return true
}

// plain marks the bytes that a string holds as they are: not a quote, a
// backslash or a control character. (Bytes of multi-byte characters are
// checked together, at the end of the string.)
var plain = func() (t [256]bool) {
	for c := 0x20; c < len(t); c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string and returns the text between its quotes, as
// written; escaped says whether it holds escape sequences, which the
// caller must unquote (and so check) before use.
func (s *scanner) str() (raw []byte, escaped, ok bool) {
	if !s.take('"') {
		return nil, false, false
	}
	// Most strings have no escapes: one pass, eight bytes at a time,
	// finds their end and checks for control characters; only a string
	// with bytes of multi-byte characters is checked again, for UTF-8.
	b, start := s.data, s.pos
	i, high := start, uint64(0)
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		high |= x
		if m := special(x); m != 0 {
			i += bits.TrailingZeros64(m) / 8
			break
		}
	}
	for ; i < len(b) && plain[b[i]]; i++ {
		high |= uint64(b[i]) << 56
	}
	switch {
	case i == len(b) || b[i] < 0x20:
		return nil, false, false
	case b[i] == '\\':
		return s.escapedStr(start)
	}
	raw, s.pos = b[start:i], i+1
	return raw, false, high&highBits == 0 || utf8.Valid(raw)
}

// highBits are the high bits of the bytes of a word; lowBits their
// lowest bits.
const (
	highBits = 0x8080808080808080
	lowBits  = 0x0101010101010101
)

// special has the high bit of each byte of the word x (read little
// endian) set that is a quote, a backslash or a control character, and
// perhaps of later bytes: the lowest bit set is exact.
func special(x uint64) uint64 {
	q, bs := x^(lowBits*'"'), x^(lowBits*'\\')
	return ((q-lowBits)&^q | (bs-lowBits)&^bs | (x-lowBits*0x20)&^x) & highBits
}

// escapedStr is str for a string, from b[start:], that holds escapes.
func (s *scanner) escapedStr(start int) (raw []byte, escaped, ok bool) {
	b := s.data
	for i := start; i < len(b); i++ {
		for i < len(b) && plain[b[i]] {
			i++
		}
		if i == len(b) {
			break
		}
		switch b[i] {
		case '"':
			s.pos = i + 1
			raw = b[start:i]
			return raw, escaped, utf8.Valid(raw)
		case '\\':
			escaped = true
			i++ // the escaped byte, perhaps a quote
		default: // a control character
			return nil, false, false
		}
	}
	return nil, false, false
}

// nameByte marks the bytes of the schema's member names.
var nameByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	t['_'] = true
	return t
}()

// name reads a member name made of lowercase ASCII letters and
// underscores, as all of the schema's are; ok is false for any other
// (the reader takes no other member).
func (s *scanner) name() (name []byte, ok bool) {
	if !s.take('"') {
		return nil, false
	}
	b, start := s.data, s.pos
	i := start
	for i < len(b) && nameByte[b[i]] {
		i++
	}
	if i == start || i == len(b) || b[i] != '"' {
		return nil, false
	}
	s.pos = i + 1
	return b[start:i], true
}

// num reads a number and returns its text; integer says whether it has
// neither a fraction nor an exponent.
func (s *scanner) num() (text []byte, integer, ok bool) {
	s.peek()
	b, start := s.data, s.pos
	i := start
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return nil, false, false
	}
	integer = true
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return nil, false, false
		}
		i, integer = j, false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return nil, false, false
		}
		i, integer = j, false
	}
	s.pos = i
	return b[start:i], integer, true
}

// digits returns the end of the run of ASCII digits at b[i:].
func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// end reports whether only white space is left.
func (s *scanner) end() bool { return s.peek() == 0 && s.pos == len(s.data) }
