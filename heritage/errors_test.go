package heritage

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSiteErrorMessages(t *testing.T) {
	tests := []struct {
		p    *SiteError
		want string
	}{
		{&SiteError{Index: 3, ID: "a/x", Field: "properties.kind", Err: ErrKind}, "item 3 (a/x): properties.kind: heritage: unknown kind"},
		{&SiteError{Index: 3, Field: "properties.id", Err: ErrMissing}, "item 3: properties.id: heritage: missing value"},
		{&SiteError{Index: -1, ID: "a/x", Field: "id", Err: ErrDuplicateID}, "a/x: id: heritage: duplicate ID"},
		{&SiteError{Index: -1, Err: ErrSyntax}, "input: heritage: malformed JSON"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.p.Error())
	}
	ve := &ValidationError{Source: "x.geojson", Errs: []error{tests[0].p}}
	assert.Equal(t, "heritage: x.geojson: 1 problem: "+tests[0].want, ve.Error())

	// Twelve problems: the message lists ten, Errs holds all twelve.
	ve = &ValidationError{}
	var listed []string
	for i := range 12 {
		e := &SiteError{Index: i, Field: "kind", Err: ErrKind}
		ve.Errs = append(ve.Errs, e)
		if i < 10 {
			listed = append(listed, e.Error())
		}
	}
	assert.Equal(t, "heritage: 12 problems: "+strings.Join(listed, "; ")+" (and 2 more)", ve.Error())
	assert.Len(t, ve.Unwrap(), 12)
	assert.ErrorIs(t, ve, ErrKind)
}
