package heritage

import (
	"bytes"

	"github.com/goccy/go-json/jsontext"
)

// streamMinBytes is the size from which Load streams a FeatureCollection:
// below it, one decode of the whole input costs less (each Feature's
// text is scanned once, not twice), and the memory streaming saves is
// small. A variable, so that the tests stream small inputs too.
var streamMinBytes = 1 << 20

// streamCollection decodes a GeoJSON FeatureCollection feature by
// feature, strictly (unmarshal rejects what is wrong inside a Feature;
// the collection's own members are checked here), and gives each
// item to add in order as soon as it is decoded: the input is never
// copied whole, and an item's decoded form can be dropped once its site
// is built. It returns false at the first thing it does not accept,
// perhaps after calling add for some items; the caller then starts again
// with the member-by-member diagnosis, which reports every problem.
func streamCollection(data []byte, unmarshal unmarshalFunc, add func(i int, d *decoded)) bool {
	dec, err := openTop(data, '{')
	if err != nil {
		return false
	}
	var sawType, sawFeatures, sawBBox bool
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return false
		}
		switch name := tok.String(); {
		case name == "type" && !sawType:
			var t string
			if !readInto(dec, unmarshal, &t) || t != "FeatureCollection" {
				return false
			}
			sawType = true
		case name == "features" && !sawFeatures:
			if !streamFeatures(dec, unmarshal, add) {
				return false
			}
			sawFeatures = true
		case name == "bbox" && !sawBBox:
			var bb []float64
			if !readInto(dec, unmarshal, &bb) {
				return false
			}
			sawBBox = true
		default:
			return false
		}
	}
	return sawType && sawFeatures && closeTop(dec) == nil
}

// streamFeatures reads the features array dec is at.
func streamFeatures(dec *jsontext.Decoder, unmarshal unmarshalFunc, add func(i int, d *decoded)) bool {
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '[' {
		return false
	}
	for i := 0; dec.PeekKind() != ']'; i++ {
		var f jsonFeature
		if !readInto(dec, unmarshal, &f) || f.Type != "Feature" || f.Geometry == nil || f.Properties == nil {
			return false
		}
		add(i, &decoded{
			props:    f.Properties,
			loc:      f.Geometry.Coordinates,
			hasLoc:   f.Geometry.Coordinates != nil,
			featID:   f.ID,
			geomType: f.Geometry.Type,
		})
	}
	_, err := dec.ReadToken()
	return err == nil
}

// readInto decodes the next value of dec into v.
func readInto(dec *jsontext.Decoder, unmarshal unmarshalFunc, v any) bool {
	raw, err := dec.ReadValue()
	return err == nil && unmarshal(raw, v) == nil
}

// countFeatures estimates the number of Features in a FeatureCollection,
// to size the site list: the "Feature" strings, each Feature's type (an
// upper bound for input that loads), but no more than the input can
// hold, so that hostile input cannot make it large.
func countFeatures(data []byte) int {
	const minFeature = 100 // bytes: a Feature with the required members takes more
	return min(bytes.Count(data, []byte(`"Feature"`)), len(data)/minFeature)
}
