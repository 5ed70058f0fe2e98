package export

import (
	"bytes"
	"io"
	"math"
	"testing"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// FuzzOutputs feeds every writer a plan with arbitrary names, coordinates
// and durations, followed by an idle day: none may panic, and what they
// write when they succeed must parse (XML for SVG, GPX and KML; JSON for
// GeoJSON, JSON-LD and JSON). Then it solves the random problem the
// minutes and metres seed (see randomProblem), and every format must
// write that plan without error.
func FuzzOutputs(f *testing.F) {
	f.Add("车厢城", "Jiang <County> & seat", 111.575048, 35.492035, int64(45), 8400.0)
	f.Add("\x00\xff\"'", "]]>", 0.0, 0.0, int64(0), 0.0)
	f.Add("晋文公墓", "", 111.646014, 35.504974, int64(3), 1.5)
	f.Add("same", "seat", 111.57, 35.49, int64(-7), -1.0)
	f.Add("far", "北京", 116.4, 39.9, int64(1<<40), 1e9)
	c := heritage.Default()
	f.Fuzz(func(t *testing.T, name, startName string, lon, lat float64, minutes int64, metres float64) {
		at := time.Date(2025, 5, 1, 8, 30, 0, 0, time.UTC)
		seat := route.Place{ID: "seat", Name: startName, Location: orb.Point{111.57, 35.49}}
		site := route.Place{ID: name, Name: name, Location: orb.Point{lon, lat}}
		visit := time.Duration(minutes) * time.Minute
		p := &route.Plan{Visited: 1, Days: []route.DayPlan{{
			Start: seat, End: &seat, Depart: at, Return: at.Add(visit),
			Visits:   []route.Visit{{Stop: route.Stop{Place: site, Visit: visit}, Arrival: at, Start: at, Departure: at.Add(visit)}},
			Legs:     []route.Leg{{From: seat, To: site, Distance: metres, Duration: time.Minute}, {From: site, To: seat, Distance: metres, Duration: time.Minute}},
			Distance: 2 * metres, Visit: visit,
		}, {Day: 1, Start: seat, End: &seat, Depart: at.Add(24 * time.Hour), Return: at.Add(24 * time.Hour)}}}
		var b bytes.Buffer
		for _, write := range []func(io.Writer, *route.Plan, ...Option) error{SVG, GPX, KML} {
			b.Reset()
			if write(&b, p) == nil {
				requireXML(t, b.Bytes())
			}
		}
		for _, write := range []func(io.Writer, *route.Plan, ...Option) error{GeoJSON, JSONLD, JSON} {
			b.Reset()
			if write(&b, p) == nil && !gojson.Valid(b.Bytes()) {
				t.Fatalf("invalid JSON: %s", b.String())
			}
		}
		for _, lang := range []string{"zh", "en"} {
			_ = Text(io.Discard, p, Lang(lang))
			_ = Markdown(io.Discard, p, Lang(lang))
		}
		if plan := solveRandom(t, uint64(minutes)^math.Float64bits(metres), c); plan != nil {
			writeEveryFormat(t, plan, c)
		}
	})
}
