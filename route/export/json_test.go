package export

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/internal/jsonform"
	"github.com/chuanzhu/chuanzhu/route"
)

// The tests below decode the JSON into the encoder's own types and check
// every value against the plan. The members' names and order, which the
// package doc promises, are pinned by the golden files (golden_test.go):
// a renamed, added or dropped member changes them.

// decodeJSON writes p with opts and decodes it strictly.
func decodeJSON(t *testing.T, p *route.Plan, opts ...Option) (jsonPlan, string) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, JSON(&b, p, opts...))
	require.True(t, strings.HasSuffix(b.String(), "}\n"), "one object and a newline")
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	dec.DisallowUnknownFields()
	var out jsonPlan
	require.NoError(t, dec.Decode(&out))
	assert.False(t, dec.More(), "nothing after the object")
	return out, b.String()
}

// checkTime checks a written time: RFC 3339, the same instant and offset
// as want, or absent ("") when want has no calendar date.
func checkTime(t *testing.T, want time.Time, got string, what string) {
	t.Helper()
	if !hasDate(want) {
		assert.Empty(t, got, "%s: no time without a calendar date", what)
		return
	}
	require.NotEmpty(t, got, what)
	at, err := time.Parse(time.RFC3339, got)
	require.NoError(t, err, what)
	assert.True(t, want.Truncate(time.Second).Equal(at), "%s: %s, want %s", what, at, want)
	_, wantOff := want.Zone()
	_, gotOff := at.Zone()
	assert.Equal(t, wantOff, gotOff, "%s: the plan's own offset", what)
}

func TestJSONRoundTrip(t *testing.T) {
	cat := catalog(t)
	tests := []struct {
		name   string
		plan   *route.Plan
		opts   []Option
		status string
	}{
		{"one day with a break and skips", buildPlan(t, jinDay(t), jinSkipped()), []Option{Catalog(cat)}, "optimal"},
		{"three days, no catalog", buildPlan(t, threeDays(t), nil), nil, "optimal"},
		{"three days in GCJ-02", buildPlan(t, threeDays(t), nil), []Option{Catalog(cat), Datum(geo.GCJ02), Lang("en")}, "optimal"},
		{"open day without dates", buildPlan(t, openDay(), []route.Skip{{ID: "c", Reason: route.ReasonUnreachable, Detail: "too far"}}), []Option{Datum(geo.BD09)}, "optimal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.plan
			p.Stats = route.Stats{Iterations: 1234, Runtime: 5678912 * time.Nanosecond}
			o, err := newOptions(tt.opts)
			require.NoError(t, err)
			at := func(pt orb.Point) [2]float64 {
				q := jsonform.Round(o.point(pt))
				return [2]float64{q[0], q[1]}
			}
			placeOK := func(want route.Place, got jsonPlace, what string) {
				t.Helper()
				assert.Equal(t, want.ID, got.ID, what)
				assert.Equal(t, at(want.Location), got.Location, "%s: location in %v", what, o.datum)
				if site, ok := o.site(want.ID); ok {
					assert.Equal(t, site.Name.Zh, got.Name, "%s: the catalog's Chinese name whatever the Lang", what)
					assert.Equal(t, site.Name.En, got.NameEn, what)
					assert.Equal(t, site.PrecisionM, got.PrecisionM, what)
				} else {
					assert.Equal(t, want.Name, got.Name, what)
					assert.Empty(t, got.NameEn, what)
					assert.Zero(t, got.PrecisionM, "%s: precision unknown without the catalog", what)
				}
				require.NotNil(t, got.Nav, what)
				assert.True(t, strings.HasPrefix(got.Nav.Geo, "geo:"), what)
				assert.True(t, strings.HasPrefix(got.Nav.AMap, "https://uri.amap.com/"), what)
				assert.True(t, strings.HasPrefix(got.Nav.Baidu, "https://api.map.baidu.com/"), what)

			}

			got, _ := decodeJSON(t, p, tt.opts...)
			assert.Equal(t, o.datum.String(), got.Datum)
			assert.Equal(t, tt.status, got.Status)
			assert.Equal(t, p.Score, got.Score)
			assert.Equal(t, p.Visited, got.Visited)
			assert.InDelta(t, p.Distance, got.DistanceM, 0.05)
			assert.Equal(t, int64(p.Travel/time.Second), got.TravelS)
			assert.Equal(t, int64(p.Visit/time.Second), got.VisitS)
			assert.Equal(t, int64(p.Wait/time.Second), got.WaitS)
			assert.Equal(t, 1234, got.Stats.Iterations)
			assert.Equal(t, 5.68, got.Stats.RuntimeMS)

			require.Len(t, got.Days, len(p.Days))
			seq := 0
			for i, dp := range p.Days {
				d := got.Days[i]
				assert.Equal(t, dp.Day+1, d.Day)
				if hasDate(dp.Depart) {
					assert.Equal(t, dp.Depart.Format(time.DateOnly), d.Date)
				} else {
					assert.Empty(t, d.Date)
				}
				checkTime(t, dp.Depart, d.Depart, "depart")
				checkTime(t, dp.Return, d.Return, "return")
				placeOK(dp.Start, d.Start, "start")
				if dp.End == nil {
					assert.Nil(t, d.End, "an open day's end is null")
				} else {
					require.NotNil(t, d.End)
					placeOK(*dp.End, *d.End, "end")
				}
				require.Len(t, d.Visits, len(dp.Visits))
				for j, v := range dp.Visits {
					seq++
					gv := d.Visits[j]
					assert.Equal(t, seq, gv.Seq, "seq runs through the trip")
					placeOK(v.Stop.Place, gv.jsonPlace, v.Stop.ID)
					assert.Equal(t, v.Stop.Score, gv.Score)
					checkTime(t, v.Arrival, gv.Arrival, "arrival")
					checkTime(t, v.Start, gv.Start, "start")
					checkTime(t, v.Departure, gv.Departure, "departure")
					assert.Equal(t, int64(v.Wait/time.Second), gv.WaitS)
					assert.Equal(t, int64(v.Stop.Visit/time.Second), gv.VisitS)
				}
				require.Len(t, d.Legs, len(dp.Legs))
				for j, lg := range dp.Legs {
					assert.Equal(t, jsonLeg{From: lg.From.ID, To: lg.To.ID,
						DistanceM: jsonform.Decimetres(lg.Distance), DurationS: int64(lg.Duration / time.Second),
						DistanceMinM: jsonform.Decimetres(lg.DistanceMin), DistanceMaxM: jsonform.Decimetres(lg.DistanceMax),
						DurationMinS: int64(lg.DurationMin / time.Second), DurationMaxS: int64(lg.DurationMax / time.Second)}, d.Legs[j])
					assert.InDelta(t, lg.Distance, d.Legs[j].DistanceM, 0.05)
				}
				if dp.Break == nil {
					assert.Nil(t, d.Break)
				} else {
					require.NotNil(t, d.Break)
					assert.Equal(t, dp.Break.After+1, d.Break.After)
					placeOK(dp.Break.Place, d.Break.Place, "break")
					checkTime(t, dp.Break.Start, d.Break.Start, "break start")
					checkTime(t, dp.Break.End, d.Break.End, "break end")
				}
				assert.Equal(t, dp.Score, d.Score)
				assert.InDelta(t, dp.Distance, d.DistanceM, 0.05)
				assert.Equal(t, int64(dp.Travel/time.Second), d.TravelS)
				assert.Equal(t, int64(dp.Visit/time.Second), d.VisitS)
				assert.Equal(t, int64(dp.Wait/time.Second), d.WaitS)
			}
			require.Len(t, got.Skipped, len(p.Skipped))
			for i, sk := range p.Skipped {
				gs := got.Skipped[i]
				assert.Equal(t, sk.ID, gs.ID)
				assert.Equal(t, sk.Reason.String(), gs.Reason)
				assert.Equal(t, sk.Detail, gs.Detail)
				if site, ok := o.site(sk.ID); ok {
					assert.Equal(t, site.Name.Zh, gs.Name)
					assert.Equal(t, site.Name.En, gs.NameEn)
				} else {
					assert.Empty(t, gs.Name)
				}
			}
		})
	}
}

func TestJSONDetails(t *testing.T) {
	cat := catalog(t)
	p := buildPlan(t, jinDay(t), jinSkipped())

	t.Run("deterministic", func(t *testing.T) {
		_, a := decodeJSON(t, p, Catalog(cat))
		_, b := decodeJSON(t, p, Catalog(cat))
		assert.Equal(t, a, b)
	})
	t.Run("Lang, Title and Size do not apply", func(t *testing.T) {
		_, a := decodeJSON(t, p, Catalog(cat))
		_, b := decodeJSON(t, p, Catalog(cat), Lang("en"), Title("x"), Size(300, 300))
		assert.Equal(t, a, b)
	})
	t.Run("no HTML escaping", func(t *testing.T) {
		q := buildPlan(t, []fixtureDay{{start: route.Place{ID: "a&b", Name: "<A & B>", Location: orb.Point{111.5, 35.5}}, breakAfter: -2}}, nil)
		_, s := decodeJSON(t, q)
		assert.Contains(t, s, `"name":"<A & B>"`)
	})
	t.Run("empty lists are [] not null", func(t *testing.T) {
		_, s := decodeJSON(t, &route.Plan{})
		assert.Contains(t, s, `"days":[]`)
		assert.Contains(t, s, `"skipped":[]`)
		q := buildPlan(t, []fixtureDay{{start: countySeat(), breakAfter: -2}}, nil)
		_, s = decodeJSON(t, q)
		assert.Contains(t, s, `"visits":[]`)
		assert.Contains(t, s, `"legs":[]`)
		assert.Contains(t, s, `"end":null`)
		assert.Contains(t, s, `"break":null`)
	})
	t.Run("a place without a location takes the catalog's", func(t *testing.T) {
		q := buildPlan(t, jinDay(t), nil)
		site, ok := cat.Get("jiangxian/taiyin-temple")
		require.True(t, ok)
		for i, v := range q.Days[0].Visits {
			if v.Stop.ID == site.ID {
				q.Days[0].Visits[i].Stop.Location = orb.Point{}
			}
		}
		got, _ := decodeJSON(t, q, Catalog(cat))
		var found bool
		for _, v := range got.Days[0].Visits {
			if v.ID == site.ID {
				found = true
				assert.Equal(t, [2]float64{jsonform.Round(site.Location)[0], jsonform.Round(site.Location)[1]}, v.Location)
			}
		}
		assert.True(t, found)
	})
	t.Run("legs name places without an ID", func(t *testing.T) {
		hotel := route.Place{Name: "Hotel", Location: orb.Point{111.57, 35.49}}
		q := buildPlan(t, []fixtureDay{{start: hotel, end: &hotel, breakAfter: -2,
			visits: []fixtureStop{{id: "x", name: "X", loc: orb.Point{111.6, 35.5}, visit: time.Hour}}}}, nil)
		got, _ := decodeJSON(t, q)
		require.Len(t, got.Days[0].Legs, 2)
		assert.Equal(t, "Hotel", got.Days[0].Legs[0].From)
		assert.Equal(t, "x", got.Days[0].Legs[0].To)
	})
}

func TestJSONErrors(t *testing.T) {
	var b bytes.Buffer
	assert.ErrorContains(t, JSON(&b, nil), "nil plan")
	assert.ErrorContains(t, JSON(&b, &route.Plan{}, Datum(geo.Datum(99))), "datum")
	assert.ErrorContains(t, JSON(&b, &route.Plan{}, Lang("fr")), "language")
	assert.Zero(t, b.Len(), "nothing written on error")
}

func BenchmarkJSON(b *testing.B) {
	for name, days := range map[string][]fixtureDay{"n=7": jinDay(b), "n=18": threeDays(b)} {
		p := buildPlan(b, days, nil)
		cat := catalog(b)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := JSON(io.Discard, p, Catalog(cat)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A leg to a roughly located place carries its range; a precise leg a
// point.
func TestJSONLegRanges(t *testing.T) {
	hotel := route.Place{ID: "hotel", Location: orb.Point{111.576, 35.491}}
	p := route.Problem{
		Stops: []route.Stop{
			{Place: route.Place{ID: "tomb", Location: orb.Point{111.65, 35.50}, Precision: 5500}, Visit: 30 * time.Minute},
			{Place: route.Place{ID: "temple", Location: orb.Point{111.60, 35.52}, Precision: 50}, Visit: 30 * time.Minute},
		},
		Days: []route.Day{{Start: hotel, Window: route.Window{Open: time.Date(2026, 5, 12, 8, 30, 0, 0, time.UTC)}}},
	}
	plan, err := route.Schedule(p, [][]int{{1, 0}})
	require.NoError(t, err)
	got, _ := decodeJSON(t, plan)
	legs := got.Days[0].Legs
	require.Len(t, legs, 2)
	precise, coarse := legs[0], legs[1]
	assert.Equal(t, [3]int64{precise.DurationS, precise.DurationS, precise.DurationS},
		[3]int64{precise.DurationMinS, precise.DurationS, precise.DurationMaxS})
	assert.Equal(t, precise.DistanceM, precise.DistanceMaxM)
	assert.Less(t, coarse.DurationMinS, coarse.DurationS)
	assert.Less(t, coarse.DurationS, coarse.DurationMaxS)
	assert.Less(t, coarse.DistanceMinM, coarse.DistanceM)
	assert.Less(t, coarse.DistanceM, coarse.DistanceMaxM)
	assert.Equal(t, int64(plan.Days[0].Legs[1].DurationMax/time.Second), coarse.DurationMaxS)
}
