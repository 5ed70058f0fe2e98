package main

import (
	"testing"
	"time"
)

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
