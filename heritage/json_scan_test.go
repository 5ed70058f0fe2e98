package heritage

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
