package errlist

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMessage(t *testing.T) {
	many := make([]error, 12)
	for i := range many {
		many[i] = fmt.Errorf("pkg: e%d", i)
	}
	one := []error{errors.New("pkg: stop 0: id: empty")}
	two := []error{errors.New("pkg: a"), errors.New("b")}
	tests := []struct {
		name   string
		f      Format
		source string
		errs   []error
		want   string
	}{
		{"lone, counted", Format{Prefix: "pkg: ", CountOne: true}, "", one, "pkg: 1 problem: pkg: stop 0: id: empty"},
		{"lone, trimmed", Format{Prefix: "pkg: ", Trim: true}, "", one, "pkg: stop 0: id: empty"},
		{"source named", Format{Prefix: "pkg: ", Trim: true}, "x.json", two, "pkg: x.json: 2 problems: a; b"},
		{"kept prefix", Format{Prefix: "pkg: "}, "", two, "pkg: 2 problems: pkg: a; b"},
		{"beyond Shown", Format{Prefix: "pkg: ", Trim: true}, "", many,
			"pkg: 12 problems: e0; e1; e2; e3; e4; e5; e6; e7; e8; e9 (and 2 more)"},
		{"none", Format{Prefix: "pkg: "}, "", nil, "pkg: 0 problems: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.f.Message(tt.source, tt.errs))
		})
	}
}
