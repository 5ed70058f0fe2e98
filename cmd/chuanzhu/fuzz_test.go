package main

import (
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// FuzzParseEndpoint: -start, -end and -hotels values never panic, and
// what they accept is a valid site ID or a valid point.
func FuzzParseEndpoint(f *testing.F) {
	f.Add("anchor/jiangxian-county-seat", uint8(0))
	f.Add("111.576,35.491", uint8(1))
	f.Fuzz(func(t *testing.T, s string, _ uint8) {
		e, err := parseEndpoint(s)
		if err != nil {
			return
		}
		switch {
		case e.Point != nil && e.ID != "":
			t.Fatalf("%q: both an ID and a point", s)
		case e.Point != nil && !geo.Valid(*e.Point):
			t.Fatalf("%q: invalid point %v", s, *e.Point)
		case e.Point == nil && !heritage.ValidID(e.ID):
			t.Fatalf("%q: invalid ID %q", s, e.ID)
		}
	})
}

// FuzzParseBreak: -break values never panic, and what they accept is a
// break tour takes: minutes within a day, a window inside the day.
func FuzzParseBreak(f *testing.F) {
	f.Add("60")
	f.Add("45@11:00-14:00")
	f.Fuzz(func(t *testing.T, s string) {
		b, err := parseBreak(s)
		if err != nil {
			return
		}
		if b.Duration < 0 || b.Duration > 24*time.Hour || b.Duration%time.Minute != 0 {
			t.Fatalf("%q: a break of %s", s, b.Duration)
		}
		if (b.From != 0 || b.To != 0) && (!b.From.Valid() || !b.To.Valid() || b.To <= b.From) {
			t.Fatalf("%q: window %s-%s", s, b.From, b.To)
		}
	})
}
