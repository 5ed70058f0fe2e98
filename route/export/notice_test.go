package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// A visit to a site whose hours nobody confirmed says so, in every
// language and in the JSON; a visit on the day of a site's sourced event
// names the event; a site with official hours and no event says neither.
func TestVisitNotices(t *testing.T) {
	c := catalog(t)
	mountain, ok := c.Get("jiangxian/donghua-shan")
	require.True(t, ok)
	require.NotEmpty(t, mountain.Events, "the catalog's temple fair at Donghua Mountain")
	museum, ok := c.Get("quwo/jinguo-museum")
	require.True(t, ok)
	require.Equal(t, heritage.HoursOfficial, museum.Visit.HoursStatus)

	cst := time.FixedZone("CST", 8*3600)
	var fair, plain time.Time // a day of the fair and a day without it, in 2027
	for d := time.Date(2027, 1, 1, 8, 30, 0, 0, cst); d.Year() == 2027; d = d.AddDate(0, 0, 1) {
		if len(mountain.EventsOn(d)) > 0 {
			if fair.IsZero() {
				fair = d
			}
		} else if plain.IsZero() && d.Weekday() != time.Monday {
			plain = d
		}
	}
	require.False(t, fair.IsZero(), "the fair falls in 2027")
	seat := countySeat()
	plan := func(depart time.Time) []fixtureDay {
		return []fixtureDay{{start: seat, end: &seat, depart: depart, breakAfter: -2, visits: []fixtureStop{
			{id: mountain.ID, name: mountain.Name.Zh, loc: mountain.Location, visit: time.Hour, score: 10},
			{id: museum.ID, name: museum.Name.Zh, loc: museum.Location, visit: 90 * time.Minute, score: 10},
		}}}
	}

	p := buildPlan(t, plan(fair), nil)
	var b bytes.Buffer
	require.NoError(t, Text(&b, p, Lang("en"), Catalog(c)))
	en := b.String()
	assert.Equal(t, 1, strings.Count(en, "Opening hours not confirmed: call ahead"), "the mountain's hours are not confirmed; the museum's are official\n%s", en)
	assert.Contains(t, en, "On this day: "+mountain.Events[0].Name.En)
	b.Reset()
	require.NoError(t, Text(&b, p, Lang("zh"), Catalog(c)))
	assert.Contains(t, b.String(), "开放时间未经证实，请提前致电确认")
	assert.Contains(t, b.String(), "当天有："+mountain.Events[0].Name.Zh)

	b.Reset()
	require.NoError(t, JSON(&b, p, Catalog(c)))
	var doc struct {
		Days []struct {
			Visits []struct {
				ID          string                   `json:"id"`
				HoursStatus string                   `json:"hours_status"`
				Note        *struct{ Zh, En string } `json:"note"`
				Events      []struct {
					Name struct{ Zh, En string } `json:"name"`
				} `json:"events"`
			} `json:"visits"`
		} `json:"days"`
	}
	require.NoError(t, gojson.Unmarshal(b.Bytes(), &doc))
	vs := doc.Days[0].Visits
	require.Len(t, vs, 2)
	assert.Equal(t, "unknown", vs[0].HoursStatus)
	require.NotNil(t, vs[0].Note)
	assert.Equal(t, "Opening hours not confirmed: call ahead", vs[0].Note.En)
	require.Len(t, vs[0].Events, 1)
	assert.Equal(t, mountain.Events[0].Name.Zh, vs[0].Events[0].Name.Zh)
	assert.Equal(t, "official", vs[1].HoursStatus)
	assert.Nil(t, vs[1].Note)
	assert.Empty(t, vs[1].Events)

	b.Reset()
	require.NoError(t, Text(&b, buildPlan(t, plan(plain), nil), Lang("en"), Catalog(c)))
	assert.NotContains(t, b.String(), "On this day")
}

// A leg to a roughly located place says its range, the way a guide
// would: "about 12 min drive (8.6 km; 5 min to 40 min)", "up to …" when
// the places may touch.
func TestLegRangeWording(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	legs := p.Days[0].Legs
	legs[2].DurationMin, legs[2].DurationMax = 5*time.Minute, 40*time.Minute // county museum → Duke Wen's tomb
	legs[0].DurationMin, legs[0].DurationMax = 0, 12*time.Minute             // seat → 车厢城
	tests := []struct{ lang, ranged, upTo string }{
		{"en", "; 5 min to 40 min)", "; up to 12 min)"},
		{"zh", "，实际 5 分钟 至 40 分钟）", "，实际至多 12 分钟）"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		require.NoError(t, Text(&b, p, Lang(tt.lang), Catalog(catalog(t))))
		assert.Contains(t, b.String(), tt.ranged)
		assert.Contains(t, b.String(), tt.upTo)
	}
}

// A day that leaves later than asked says why, next to its departure.
func TestLateStartSaysWhy(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	p.Days[0].Open = p.Days[0].Depart.Add(-2 * time.Hour) // asked for 06:30, leaves 08:30
	for lang, want := range map[string]string{
		"en": "08:30 Leave Jiang County seat (Gujiang town)",
		"zh": "08:30 从绛县县城（古绛镇）出发",
	} {
		var b bytes.Buffer
		require.NoError(t, Text(&b, p, Lang(lang), Catalog(catalog(t))))
		out := b.String()
		i := strings.Index(out, want)
		require.GreaterOrEqual(t, i, 0, out)
		next := out[i:]
		next = next[strings.IndexByte(next, '\n')+1:]
		assert.Contains(t, next[:strings.IndexByte(next, '\n')], "06:30", "the line below the departure says why")
	}
	p.Days[0].Open = p.Days[0].Depart
	var b bytes.Buffer
	require.NoError(t, Text(&b, p, Lang("en"), Catalog(catalog(t))))
	assert.NotContains(t, b.String(), "Leaving later")
}
