package vroom

import (
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-json/jsontext"
	"github.com/stretchr/testify/assert"
)

// Every member kept as raw JSON is a feature outside the subset, with a
// reason to give when it is used.
func TestFeaturesHaveReasons(t *testing.T) {
	raw := reflect.TypeFor[jsontext.Value]()
	n := 0
	for _, typ := range []reflect.Type{reflect.TypeFor[problemJSON](), reflect.TypeFor[jobJSON](), reflect.TypeFor[vehicleJSON](), reflect.TypeFor[breakJSON]()} {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Type != raw {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			assert.NotEmpty(t, features[name].why, "%s.%s", typ.Name(), name)
			n++
		}
	}
	assert.Equal(t, len(features), n-1, "every feature is a member (skills twice)")
}
