package export

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// randomProblem makes a small planning problem from rng, of the shapes
// that once broke the writers: days that visit nothing (a site closed on
// the day, more days than sites), stops closed for the whole trip, open
// and looping days and days ending elsewhere, single stops, several stops
// at one point, lunch breaks, and catalog sites known only to a township
// (precision of kilometres) beside invented precise places.
func randomProblem(rng *rand.Rand, c *heritage.Catalog) route.Problem {
	cst := time.FixedZone("CST", 8*3600)
	open := time.Date(2025, 5, 1, 8, 30, 0, 0, cst)
	sites := c.Sites()
	var p route.Problem
	n := 1 + rng.IntN(6)
	for i := range n {
		var pl route.Place
		switch rng.IntN(3) {
		case 0: // a catalog site, often coarse
			s := sites[rng.IntN(len(sites))]
			pl = route.Place{ID: s.ID, Name: s.Name.Zh, Location: s.Location}
		case 1: // the point of the stop before: two places at one point
			pl = route.Place{ID: fmt.Sprintf("same-%d", i), Name: "同点", Location: orb.Point{111.575048, 35.492035}}
		default:
			pl = route.Place{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("地点 %d", i),
				Location: orb.Point{111.4 + rng.Float64()*0.3, 35.4 + rng.Float64()*0.2}}
		}
		if slices.ContainsFunc(p.Stops, func(s route.Stop) bool { return s.ID == pl.ID }) {
			pl.ID = fmt.Sprintf("%s#%d", pl.ID, i)
		}
		st := route.Stop{Place: pl, Visit: time.Duration(rng.IntN(120)) * time.Minute, Score: rng.IntN(100)}
		switch rng.IntN(5) {
		case 0:
			st.Closed = true
		case 1: // open on the first day only
			st.Windows = []route.Window{{Open: open, Close: open.Add(9 * time.Hour)}}
		}
		p.Stops = append(p.Stops, st)
	}
	seat, _ := c.Get("anchor/jiangxian-county-seat")
	start := route.Place{ID: seat.ID, Name: seat.Name.Zh, Location: seat.Location}
	hotel := route.Place{ID: "hotel", Name: "宾馆", Location: orb.Point{111.58, 35.50}}
	for d := range 1 + rng.IntN(3) {
		at := open.Add(time.Duration(d) * 24 * time.Hour)
		day := route.Day{Start: start, Window: route.Window{Open: at, Close: at.Add(time.Duration(2+rng.IntN(8)) * time.Hour)}}
		switch rng.IntN(3) {
		case 0:
			day.End = &start
		case 1:
			day.End = &hotel
		}
		if rng.IntN(2) == 0 {
			day.Break = &route.Break{Duration: time.Hour}
		}
		p.Days = append(p.Days, day)
	}
	return p
}

// writeEveryFormat writes p in every format and language, with and
// without the catalog, and fails on the first error or on output that
// does not parse.
func writeEveryFormat(t *testing.T, p *route.Plan, c *heritage.Catalog) {
	t.Helper()
	for _, opts := range [][]Option{nil, {Catalog(c)}, {Catalog(c), Lang("en")}} {
		var b bytes.Buffer
		for _, f := range []struct {
			name  string
			write writer
			xml   bool
		}{{"svg", SVG, true}, {"gpx", GPX, true}, {"kml", KML, true}, {"geojson", GeoJSON, false}, {"jsonld", JSONLD, false}, {"json", JSON, false}} {
			b.Reset()
			require.NoError(t, f.write(&b, p, opts...), f.name)
			if f.xml {
				requireXML(t, b.Bytes())
			} else {
				require.True(t, gojson.Valid(b.Bytes()), "%s: invalid JSON", f.name)
			}
		}
		for _, lang := range []string{"zh", "en"} {
			for _, write := range []func(io.Writer, *route.Plan, ...Option) error{Text, Markdown} {
				b.Reset()
				require.NoError(t, write(&b, p, append([]Option{Lang(lang)}, opts...)...))
				requireHonestWording(t, b.String())
			}
		}
	}
}

// requireHonestWording fails on wording no itinerary may contain: Go's
// duration syntax, "1 days", a lunch break on a day without visits.
func requireHonestWording(t *testing.T, s string) {
	t.Helper()
	require.NotRegexp(t, `\d+h\d+m\d+(\.\d+)?s|\d+m\d+s`, s)
	require.NotContains(t, s, " 1 days")
	for _, day := range strings.Split(s, "\n\n") {
		if strings.Contains(day, "No visits this day") || strings.Contains(day, "当日没有安排游览") {
			require.NotRegexp(t, `Lunch break|Break,|午休|休息`, day)
		}
	}
}

// requireXML fails unless b is well-formed XML.
func requireXML(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err, "malformed XML")
	}
}

// solveRandom solves the random problem of seed, or returns nil when
// route refuses the problem (a required stop that cannot fit, say).
func solveRandom(t *testing.T, seed uint64, c *heritage.Catalog) *route.Plan {
	t.Helper()
	p := randomProblem(rand.New(rand.NewPCG(seed, seed>>32|1)), c)
	plan, err := route.Solve(context.Background(), p, route.Seed(int64(seed)), route.TimeLimit(20*time.Millisecond))
	if err != nil {
		require.NoError(t, p.Validate(), "Solve failed on a valid problem: %v", err)
		return nil
	}
	return plan
}

// Every plan Solve returns for the random problems is written by every
// format without error.
func TestEverySolvedPlanIsWritten(t *testing.T) {
	c := catalog(t)
	n := 150
	if testing.Short() {
		n = 20
	}
	for seed := range uint64(n) {
		if plan := solveRandom(t, seed, c); plan != nil {
			t.Run(fmt.Sprint(seed), func(t *testing.T) { writeEveryFormat(t, plan, c) })
		}
	}
}

// twoDaysOneSite solves "-days 2" with one site: the second day visits
// nothing (and the lunch break the problem asks for is not taken there).
func twoDaysOneSite(t *testing.T) *route.Plan {
	t.Helper()
	c := catalog(t)
	seat, ok := c.Get("anchor/jiangxian-county-seat")
	require.True(t, ok)
	site, ok := c.Get("jiangxian/taiyin-temple")
	require.True(t, ok)
	start := route.Place{ID: seat.ID, Name: seat.Name.Zh, Location: seat.Location}
	cst := time.FixedZone("CST", 8*3600)
	var p route.Problem
	p.Stops = []route.Stop{{Place: route.Place{ID: site.ID, Name: site.Name.Zh, Location: site.Location}, Visit: 45 * time.Minute, Score: 10}}
	for d := range 2 {
		at := time.Date(2025, 5, 1+d, 8, 30, 0, 0, cst)
		p.Days = append(p.Days, route.Day{Start: start, End: &start, Window: route.Window{Open: at, Close: at.Add(8 * time.Hour)},
			Break: &route.Break{Duration: time.Hour, Window: route.Window{Open: at.Add(3 * time.Hour), Close: at.Add(5 * time.Hour)}}})
	}
	plan, err := route.Solve(context.Background(), p, route.Seed(1))
	require.NoError(t, err)
	require.Len(t, plan.Days, 2)
	require.Empty(t, plan.Days[1].Visits)
	return plan
}

func TestIdleDayItinerary(t *testing.T) {
	p := twoDaysOneSite(t)
	for _, tc := range []struct {
		lang, day2 string
	}{
		{"en", "\nDay 2 · Friday 2 May 2025\nNo visits this day.\n\nWhole trip, 2 days: 1 site"},
		{"zh", "\n第 2 天 · 2025年5月2日 星期五\n当日没有安排游览。\n\n全程 2 天：游览 1 处"},
	} {
		var b bytes.Buffer
		require.NoError(t, Text(&b, p, Lang(tc.lang), Catalog(catalog(t))))
		require.Contains(t, b.String(), tc.day2)
		requireHonestWording(t, b.String())
		b.Reset()
		require.NoError(t, Markdown(&b, p, Lang(tc.lang), Catalog(catalog(t))))
		require.NotContains(t, b.String(), "\n\n\n")
	}
}

// The JSON of a day that visits nothing shows no break, and its depart and
// return are the day's opening: nothing is scheduled on it.
func TestIdleDayJSON(t *testing.T) {
	p := twoDaysOneSite(t)
	var b bytes.Buffer
	require.NoError(t, JSON(&b, p, Catalog(catalog(t))))
	var doc struct {
		Days []struct {
			Depart string            `json:"depart"`
			Return string            `json:"return"`
			Break  gojson.RawMessage `json:"break"`
			Legs   []any             `json:"legs"`
			WaitS  int64             `json:"wait_s"`
		} `json:"days"`
	}
	require.NoError(t, gojson.Unmarshal(b.Bytes(), &doc))
	require.Len(t, doc.Days, 2)
	assert.NotEqual(t, "null", string(doc.Days[0].Break), "the day that visits keeps its lunch")
	idle := doc.Days[1]
	assert.Equal(t, "null", string(idle.Break))
	assert.Equal(t, "2025-05-02T08:30:00+08:00", idle.Depart)
	assert.Equal(t, idle.Depart, idle.Return)
	assert.Empty(t, idle.Legs)
	assert.Zero(t, idle.WaitS)
}
