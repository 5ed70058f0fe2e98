package heritage

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The scanner takes strings and numbers by the JSON grammar, strings
// only of valid UTF-8 and without raw control characters.
func TestScanner(t *testing.T) {
	for _, tc := range []struct {
		in      string
		raw     string // the string's text, or the number
		escaped bool
		ok      bool
	}{
		{`"abc"`, "abc", false, true},
		{` "晋文公" `, "晋文公", false, true},
		{`""`, "", false, true},
		{`"a\"b"`, `a\"b`, true, true},
		{`"a\\"`, `a\\`, true, true},
		{"\"a\x01b\"", "", false, false},
		{"\"abcdefghijklmnop\x1fq\"", "", false, false},
		{"\"晋文公墓 Jìn Wéngōng Mù\"", "晋文公墓 Jìn Wéngōng Mù", false, true},
		{"\"abcdefghijklmnop\x7f\"", "abcdefghijklmnop\x7f", false, true},
		{"\"\xff\"", "", false, false},
		{`"abc`, "", false, false},
		{`"a\"`, "", false, false},
		{`abc`, "", false, false},
	} {
		s := scanner{data: []byte(tc.in)}
		raw, escaped, ok := s.str()
		assert.Equal(t, tc.ok, ok, tc.in)
		if tc.ok {
			assert.Equal(t, tc.raw, string(raw), tc.in)
			assert.Equal(t, tc.escaped, escaped, tc.in)
		}
	}
	for _, tc := range []struct {
		in      string
		num     string
		integer bool
		ok      bool
	}{
		{"0", "0", true, true},
		{"-0", "-0", true, true},
		{"123,", "123", true, true},
		{" -12.5e+3]", "-12.5e+3", false, true},
		{"1E5", "1E5", false, true},
		{"0.5", "0.5", false, true},
		{"01", "0", true, true}, // the next value starts at 1: the reader refuses it
		{"-", "", false, false},
		{"1.", "", false, false},
		{".5", "", false, false},
		{"1e", "", false, false},
		{"1e+", "", false, false},
		{"+1", "", false, false},
	} {
		s := scanner{data: []byte(tc.in)}
		num, integer, ok := s.num()
		assert.Equal(t, tc.ok, ok, tc.in)
		if tc.ok {
			assert.Equal(t, tc.num, string(num), tc.in)
			assert.Equal(t, tc.integer, integer, tc.in)
		}
	}
}

// str finds what a byte-by-byte reading finds, wherever a quote, an
// escape, a control character or a multi-byte character falls in the
// eight-byte words it reads.
func TestScannerStrEveryPosition(t *testing.T) {
	byteByByte := func(in []byte) (raw string, escaped, ok bool) {
		for i := 1; i < len(in); i++ {
			switch c := in[i]; {
			case c == '"':
				return string(in[1:i]), escaped, utf8.Valid(in[1:i])
			case c == '\\':
				escaped = true
				i++
			case c < 0x20:
				return "", false, false
			}
		}
		return "", false, false
	}
	for n := range 26 {
		for p := range n + 1 {
			for _, odd := range []string{`"`, `\"`, `\\`, "\x01", "\x1f", "\xff", "é", "\x7f", "晋", `\`} {
				in := []byte(`"` + strings.Repeat("a", p) + odd + strings.Repeat("b", n-p))
				for _, end := range []string{`"`, `" `, `"abcdefgh`, ""} {
					in := append(bytes.Clone(in), end...)
					s := scanner{data: in}
					raw, escaped, ok := s.str()
					wantRaw, wantEscaped, wantOK := byteByByte(in)
					require.Equal(t, wantOK, ok, "%q", in)
					if ok {
						assert.Equal(t, wantRaw, string(raw), "%q", in)
						assert.Equal(t, wantEscaped, escaped, "%q", in)
						assert.Equal(t, 1+len(raw)+1, s.pos, "%q", in)
					}
				}
			}
		}
	}
}

// Member names are taken when they are made of lowercase letters and
// underscores, as the schema's are; any other is refused.
func TestScannerName(t *testing.T) {
	for in, want := range map[string]string{
		`"type"`:      "type",
		` "name_zh":`: "name_zh",
		`"Type"`:      "",
		`""`:          "",
		`"a b"`:       "",
		`"abc`:        "",
		`"a\u0062"`:   "",
		`"zh1"`:       "",
		`type`:        "",
	} {
		s := scanner{data: []byte(in)}
		name, ok := s.name()
		assert.Equal(t, want != "", ok, in)
		assert.Equal(t, want, string(name), in)
	}
}
