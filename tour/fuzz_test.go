package tour_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
	"github.com/goccy/go-json"
)

// FuzzRequestJSON decodes arbitrary bodies with DecodeRequest, as the web
// API does, and converts what decodes into a problem: neither may panic,
// a decoded request survives a JSON round trip, and a problem that
// converts must validate.
func FuzzRequestJSON(f *testing.F) {
	f.Add([]byte(`{"theme": "jin-culture", "date": "2027-05-04"}`))
	f.Add([]byte(`{"sites": ["jiangxian/chexiangcheng"], "start": [111.57, 35.49], "hours": 3, "date": "2027-05-04"}`))
	cat := heritage.Default()
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := tour.DecodeRequest(body)
		if err != nil {
			var fe *tour.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("DecodeRequest(%s): %v is not a *FieldError", body, err)
			}
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("decoded %s but cannot encode %+v: %v", body, r, err)
		}
		back, err := tour.DecodeRequest(b)
		if err != nil {
			t.Fatalf("cannot decode %s again: %v", b, err)
		}
		if b2, _ := json.Marshal(back); !bytes.Equal(b, b2) {
			t.Fatalf("round trip: %s became %s", b, b2)
		}
		if r.Date.IsZero() {
			r.Date = tour.Date{Year: 2027, Month: 5, Day: 4}
		}
		p, err := tour.Problem(cat, r)
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("Problem(%s) made an invalid problem: %v", body, err)
		}
	})
}

// fuzzParse checks that parse never panics and that what it accepts is
// valid and prints back as it was read.
func fuzzParse[T textValue](f *testing.F, seed string, parse func(string) (T, error)) {
	f.Add(seed)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parse(s)
		if err != nil {
			return
		}
		if !v.Valid() || v.String() != s {
			t.Fatalf("parse(%q) = %v", s, v)
		}
	})
}

func FuzzParseDate(f *testing.F)  { fuzzParse(f, "2027-05-04", tour.ParseDate) }
func FuzzParseClock(f *testing.F) { fuzzParse(f, "08:30", tour.ParseClock) }

// FuzzEndpointJSON checks that decoding an endpoint never panics and that
// what decodes encodes again.
func FuzzEndpointJSON(f *testing.F) {
	f.Add([]byte(`"anchor/jiangxian-county-seat"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var e tour.Endpoint
		if err := e.UnmarshalJSON(b); err != nil {
			return
		}
		if _, err := e.MarshalJSON(); err != nil {
			t.Fatalf("decoded %q but cannot encode %+v: %v", b, e, err)
		}
	})
}
