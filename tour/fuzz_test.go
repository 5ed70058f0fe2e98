package tour_test

import (
	"bytes"
	"testing"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
	"github.com/goccy/go-json"
)

// FuzzRequestJSON decodes arbitrary bodies as the web API would and
// converts what decodes into a problem: neither may panic, and a problem
// that converts must validate.
func FuzzRequestJSON(f *testing.F) {
	f.Add([]byte(`{"theme": "jin-culture", "date": "2027-05-04"}`))
	f.Add([]byte(`{"sites": ["jiangxian/chexiangcheng"], "start": [111.57, 35.49], "hours": 3, "date": "2027-05-04"}`))
	cat := heritage.Default()
	f.Fuzz(func(t *testing.T, body []byte) {
		var r tour.Request
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return
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

// FuzzParseDate checks that ParseDate never panics and that what it
// accepts prints back as it was read.
func FuzzParseDate(f *testing.F) {
	f.Add("2027-05-04")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := tour.ParseDate(s)
		if err != nil {
			return
		}
		if !d.Valid() || d.String() != s {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

// FuzzParseClock checks that ParseClock never panics and round-trips.
func FuzzParseClock(f *testing.F) {
	f.Add("08:30")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := tour.ParseClock(s)
		if err != nil {
			return
		}
		if !c.Valid() || c.String() != s {
			t.Fatalf("ParseClock(%q) = %v", s, c)
		}
	})
}

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
