package heritage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"
)

// decoded is one input item after JSON decoding, before validation.
type decoded struct {
	props    *jsonProps // never nil
	loc      []float64
	hasLoc   bool            // the point member was present and decoded
	featID   *string         // GeoJSON Feature "id", if any
	skip     map[string]bool // members that failed to decode (slow path only)
	geomType string          // GeoJSON geometry type, when decoded
}

// unmarshalFunc decodes JSON strictly: unknown or repeated object members
// are errors.
type unmarshalFunc func(data []byte, v any) error

// strictGoccy is the decoder Load uses: goccy/go-json's encoding/json/v2
// API, which matches member names case-sensitively, rejects repeated
// member names, invalid UTF-8 and trailing data, and here also unknown
// members.
func strictGoccy(data []byte, v any) error {
	return jsonv2.Unmarshal(data, v, jsonv2.RejectUnknownMembers(true))
}

// decode turns data into items. It first tries one strict decode of the
// whole document with fast; only if that fails does it split the document
// member by member (with goccy, whatever fast is) to report every
// JSON-level problem with its item and field.
func decode(data []byte, fast unmarshalFunc, ps *problems) ([]decoded, fieldNames) {
	before := len(ps.list)
	var out []decoded
	var names fieldNames
	var fastErr error
	switch firstByte(data) {
	case '[':
		names = arrayFields()
		var items []*jsonItem
		if fastErr = fast(data, &items); fastErr == nil && !slices.Contains(items, nil) {
			out = make([]decoded, len(items))
			for i, it := range items {
				out[i] = decoded{props: &it.jsonProps, loc: it.Location, hasLoc: it.Location != nil}
			}
			return out, names
		}
		out = diagnoseArray(data, ps)
	case '{':
		names = geojsonFields()
		var fc jsonCollection
		if fastErr = fast(data, &fc); fastErr == nil && fc.Type == "FeatureCollection" && fc.Features != nil &&
			!slices.ContainsFunc(fc.Features, func(f jsonFeature) bool {
				return f.Type != "Feature" || f.Geometry == nil || f.Properties == nil
			}) {
			out = make([]decoded, len(fc.Features))
			for i := range fc.Features {
				f := &fc.Features[i]
				out[i] = decoded{
					props:    f.Properties,
					loc:      f.Geometry.Coordinates,
					hasLoc:   f.Geometry.Coordinates != nil,
					featID:   f.ID,
					geomType: f.Geometry.Type,
				}
			}
			return out, names
		}
		out = diagnoseCollection(data, ps)
	case 0:
		ps.add(-1, "", "", fmt.Errorf("%w: empty input", ErrSyntax))
		return nil, geojsonFields()
	default:
		ps.add(-1, "", "", fmt.Errorf("%w: expected a GeoJSON FeatureCollection object or a JSON array of sites", ErrSyntax))
		return nil, geojsonFields()
	}
	if len(ps.list) == before {
		// The strict decode failed but the member-by-member one found
		// nothing: never load such input; report the strict error.
		if fastErr == nil {
			fastErr = errors.New("not a FeatureCollection of Features")
		}
		ps.add(-1, "", "", jsonProblem(fastErr))
	}
	return out, names
}

func firstByte(data []byte) byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return 0
	}
	return data[0]
}

// member is one member of a JSON object, as written.
type member struct {
	name  string
	value jsontext.Value
}

// openTop returns a decoder over raw, past the opening token of its
// top-level value, which must be of kind ('{' or '['). It is how the slow
// path reads containers: syntax is checked, but repeated names and
// invalid UTF-8 inside the values are left for the strict decoding of
// each value, where they can be reported in place.
func openTop(raw []byte, kind jsontext.Kind) (*jsontext.Decoder, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(raw), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	if tok.Kind() != kind {
		return nil, fmt.Errorf("want %s, got %s", kindName(kind), kindName(tok.Kind()))
	}
	return dec, nil
}

// splitObject returns the members of the JSON object raw in order,
// repeated names included.
func splitObject(raw []byte) ([]member, error) {
	dec, err := openTop(raw, '{')
	if err != nil {
		return nil, err
	}
	var ms []member
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		name := tok.String() // a token is void after the next read
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		ms = append(ms, member{name, bytes.Clone(v)})
	}
	return ms, closeTop(dec)
}

// closeTop reads the closing token of the top-level container dec is in
// and checks that nothing follows it.
func closeTop(dec *jsontext.Decoder) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return errors.New("unexpected data after the top-level value")
	}
	return nil
}

// splitArray returns the elements of the JSON array raw.
func splitArray(raw []byte) ([]jsontext.Value, error) {
	dec, err := openTop(raw, '[')
	if err != nil {
		return nil, err
	}
	var vs []jsontext.Value
	for dec.PeekKind() != ']' {
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		vs = append(vs, bytes.Clone(v))
	}
	return vs, closeTop(dec)
}

// repeated reports, once per name, members whose name came earlier, and
// returns the members without them.
func repeated(ms []member, report func(name string)) []member {
	seen := make(map[string]bool, len(ms))
	out := ms[:0:0]
	for _, m := range ms {
		if seen[m.name] {
			report(m.name)
			continue
		}
		seen[m.name] = true
		out = append(out, m)
	}
	return out
}

func has(ms []member, name string) bool {
	return slices.ContainsFunc(ms, func(m member) bool { return m.name == name })
}

func find(ms []member, name string) (jsontext.Value, bool) {
	i := slices.IndexFunc(ms, func(m member) bool { return m.name == name })
	if i < 0 {
		return nil, false
	}
	return ms[i].value, true
}

// diagnoseCollection decodes a FeatureCollection member by member.
func diagnoseCollection(data []byte, ps *problems) []decoded {
	top, err := splitObject(data)
	if err != nil {
		ps.add(-1, "", "", jsonProblem(err))
		return nil
	}
	top = repeated(top, func(name string) {
		ps.addf(-1, "", name, ErrSyntax, "member %q is repeated", name)
	})
	var rawFeatures []jsontext.Value
	for _, m := range top {
		switch m.name {
		case "type":
			var t string
			if err := strictGoccy(m.value, &t); err != nil || t != "FeatureCollection" {
				ps.addf(-1, "", "type", ErrSyntax, "want \"FeatureCollection\", got %s", short(m.value))
			}
		case "features":
			if rawFeatures, err = splitArray(m.value); err != nil {
				ps.addf(-1, "", "features", ErrSyntax, "want an array of Features, got %s", short(m.value))
			}
		case "bbox":
			var bb []float64
			if err := strictGoccy(m.value, &bb); err != nil {
				ps.add(-1, "", "bbox", jsonProblem(err))
			}
		default:
			ps.addf(-1, "", m.name, ErrUnknownField, "a FeatureCollection has type, features and bbox")
		}
	}
	for _, name := range []string{"type", "features"} {
		if !has(top, name) {
			ps.add(-1, "", name, ErrMissing)
		}
	}
	out := make([]decoded, len(rawFeatures))
	for i, raw := range rawFeatures {
		out[i] = diagnoseFeature(i, raw, ps)
	}
	return out
}

func diagnoseFeature(i int, raw []byte, ps *problems) decoded {
	d := decoded{props: new(jsonProps), skip: map[string]bool{}}
	if firstByte(raw) != '{' {
		ps.addf(i, "", "", ErrSyntax, "a Feature must be a JSON object, got %s", short(raw))
		d.skip["all"] = true
		return d
	}
	ms, err := splitObject(raw)
	if err != nil {
		ps.add(i, "", "", jsonProblem(err))
		d.skip["all"] = true
		return d
	}
	// Decode the properties first so that problems can name the site ID.
	if praw, ok := find(ms, "properties"); ok && !isNull(praw) {
		d.skip = diagnoseProps(i, praw, "properties.", d.props, nil, ps)
	} else {
		ps.add(i, "", "properties", ErrMissing)
		d.skip["all"] = true
	}
	id := d.props.ID
	ms = repeated(ms, func(name string) {
		ps.addf(i, id, name, ErrSyntax, "member %q is repeated", name)
	})
	for _, m := range ms {
		switch m.name {
		case "type":
			var t string
			if err := strictGoccy(m.value, &t); err != nil || t != "Feature" {
				ps.addf(i, id, "type", ErrSyntax, "want \"Feature\", got %s", short(m.value))
			}
		case "id":
			if !isNull(m.value) {
				var s string
				if err := strictGoccy(m.value, &s); err != nil {
					ps.addf(i, id, "id", ErrSyntax, "a Feature id must be a string equal to properties.id, got %s", short(m.value))
				} else {
					d.featID = &s
				}
			}
		case "geometry":
			diagnoseGeometry(i, id, m.value, &d, ps)
		case "properties":
		case "bbox":
			var bb []float64
			if err := strictGoccy(m.value, &bb); err != nil {
				ps.add(i, id, "bbox", jsonProblem(err))
			}
		default:
			ps.addf(i, id, m.name, ErrUnknownField, "a Feature has type, id, geometry, properties and bbox; site facts go in properties")
		}
	}
	if !has(ms, "geometry") {
		ps.add(i, id, "geometry", ErrMissing)
		d.skip["geometry"] = true
	}
	return d
}

func diagnoseGeometry(i int, id string, raw []byte, d *decoded, ps *problems) {
	d.skip["geometry"] = true
	if isNull(raw) {
		ps.add(i, id, "geometry", ErrMissing)
		return
	}
	var g struct {
		Type        string         `json:"type"`
		Coordinates jsontext.Value `json:"coordinates"`
		BBox        []float64      `json:"bbox"`
	}
	if err := strictGoccy(raw, &g); err != nil {
		ps.add(i, id, "geometry", jsonProblem(err))
		return
	}
	if g.Type != "Point" {
		ps.addf(i, id, "geometry.type", ErrCoordinates, "want a Point, got %q (an outline goes in properties.footprint)", g.Type)
		return
	}
	if err := strictGoccy(g.Coordinates, &d.loc); err != nil || d.loc == nil {
		ps.addf(i, id, "geometry.coordinates", ErrCoordinates, "want [lon, lat], got %s", short(g.Coordinates))
		return
	}
	d.geomType, d.hasLoc = g.Type, true
	delete(d.skip, "geometry")
}

// diagnoseArray decodes a plain JSON array of sites member by member.
func diagnoseArray(data []byte, ps *problems) []decoded {
	raws, err := splitArray(data)
	if err != nil {
		ps.add(-1, "", "", jsonProblem(err))
		return nil
	}
	out := make([]decoded, len(raws))
	for i, raw := range raws {
		d := &out[i]
		d.props = new(jsonProps)
		if firstByte(raw) != '{' {
			ps.addf(i, "", "", ErrSyntax, "a site must be a JSON object, got %s", short(raw))
			d.skip = map[string]bool{"all": true}
			continue
		}
		locBad := false
		d.skip = diagnoseProps(i, raw, "", d.props, func(key string, raw []byte) bool {
			if key != "location" {
				return false
			}
			if err := strictGoccy(raw, &d.loc); err != nil {
				ps.addf(i, d.props.ID, "location", ErrCoordinates, "want [lon, lat], got %s", short(raw))
				locBad = true
			}
			return true
		}, ps)
		switch {
		case locBad:
			d.skip["location"] = true
		case d.loc != nil:
			d.hasLoc = true
		}
	}
	return out
}

// diagnoseProps decodes a properties object member by member into p and
// returns the set of members that failed. extra, if not nil, is offered
// each member first and reports whether it handled it.
func diagnoseProps(i int, raw []byte, prefix string, p *jsonProps,
	extra func(key string, raw []byte) bool, ps *problems) map[string]bool {
	skip := map[string]bool{}
	if firstByte(raw) != '{' {
		ps.addf(i, "", strings.TrimSuffix(prefix, "."), ErrSyntax, "want a JSON object, got %s", short(raw))
		skip["all"] = true
		return skip
	}
	ms, err := splitObject(raw)
	if err != nil {
		ps.add(i, "", strings.TrimSuffix(prefix, "."), jsonProblem(err))
		skip["all"] = true
		return skip
	}
	// The ID first, so that later problems can name it.
	if raw, ok := find(ms, "id"); ok {
		if err := strictGoccy(raw, &p.ID); err != nil {
			ps.add(i, "", prefix+"id", jsonProblem(err))
			skip["id"] = true
		}
	}
	ms = repeated(ms, func(name string) {
		ps.addf(i, p.ID, prefix+name, ErrSyntax, "member %q is repeated", name)
	})
	for _, m := range ms {
		if m.name == "id" || (extra != nil && extra(m.name, m.value)) {
			continue
		}
		dst := p.field(m.name)
		if dst == nil {
			ps.addf(i, p.ID, prefix+m.name, ErrUnknownField, "not in the schema (see the heritage README)")
			continue
		}
		if err := strictGoccy(m.value, dst); err != nil {
			ps.add(i, p.ID, prefix+m.name, jsonProblem(err))
			skip[m.name] = true
			// Drop what was decoded before the error, so that the value is
			// not checked (and reported) again.
			reflect.ValueOf(dst).Elem().SetZero()
		}
	}
	return skip
}

// jsonProblem turns a JSON decoding error into a problem reason that names
// JSON kinds and the JSON pointer of the value, not Go types.
func jsonProblem(err error) error {
	var se *jsonv2.SemanticError
	var ste *jsontext.SyntacticError
	switch {
	case errors.As(err, &se) && errors.Is(se.Err, jsonv2.ErrUnknownName):
		return fmt.Errorf("%w: %q", ErrUnknownField, strings.TrimPrefix(string(se.JSONPointer), "/"))
	case errors.As(err, &se):
		where := ""
		if se.JSONPointer != "" {
			where = " at " + string(se.JSONPointer)
		}
		return fmt.Errorf("%w: want %s%s, got %s", ErrSyntax, jsonTypeName(se.GoType), where, kindName(se.JSONKind))
	case errors.As(err, &ste):
		return fmt.Errorf("%w: %s", ErrSyntax, strings.TrimPrefix(ste.Error(), "jsontext: "))
	}
	return fmt.Errorf("%w: %s", ErrSyntax, strings.TrimPrefix(err.Error(), "json: "))
}

// kindName names a JSON kind for messages.
func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "another value"
}

func jsonTypeName(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a value"
}

func isNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

// short quotes at most 40 bytes of raw JSON for an error message.
func short(raw []byte) string {
	s := string(bytes.TrimSpace(raw))
	if s == "" {
		return "nothing"
	}
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
