package heritage

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// scanner reads JSON text in place, for [fastReader]: it checks the
// grammar (RFC 8259) of what it reads and takes only valid UTF-8 in
// strings, and it refuses some valid JSON that the schema never needs
// (escaped member names), for the general decoder to take instead.
type scanner struct {
	data []byte
	pos  int
}

// peek returns the next byte after white space, 0 at the end.
func (s *scanner) peek() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

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
	b, start := s.data, s.pos
	// Most strings have no escapes: their end is the next quote, found
	// with IndexByte, and their bytes are checked eight at a time.
	if j := bytes.IndexByte(b[start:], '"'); j >= 0 {
		raw = b[start : start+j]
		if bytes.IndexByte(raw, '\\') < 0 {
			if hasControl(raw) {
				return nil, false, false
			}
			s.pos = start + j + 1
			return raw, false, utf8.Valid(raw)
		}
	}
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

// hasControl reports whether b holds a byte below 0x20.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		if (x-ones*0x20)&^x&highs != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
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
