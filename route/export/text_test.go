package export

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
)

// englishNames renames the fixture's places for the English goldens
// (without a catalog, a plan's names are written as they are).
func englishNames(days []fixtureDay) []fixtureDay {
	en := map[string]string{
		"anchor/jiangxian-county-seat": "Jiang County seat",
		"anchor/houma-west-station":    "Houma West station",
	}
	rename := func(p route.Place) route.Place {
		if n, ok := en[p.ID]; ok {
			p.Name = n
		} else {
			p.Name = p.ID[strings.LastIndex(p.ID, "/")+1:]
		}
		return p
	}
	out := make([]fixtureDay, len(days))
	for i, d := range days {
		d.start = rename(d.start)
		if d.end != nil {
			e := rename(*d.end)
			d.end = &e
		}
		vs := make([]fixtureStop, len(d.visits))
		for j, v := range d.visits {
			v.name = rename(route.Place{ID: v.id}).Name
			vs[j] = v
		}
		d.visits = vs
		out[i] = d
	}
	return out
}

func openDay() []fixtureDay {
	seat := route.Place{ID: "seat", Name: "绛县县城", Location: orb.Point{111.57067, 35.49072}}
	return []fixtureDay{{start: seat, breakAfter: -1, breakLen: 30 * time.Minute, visits: []fixtureStop{
		{id: "a", name: "车厢城", loc: orb.Point{111.575048, 35.492035}, visit: 45 * time.Minute},
		{id: "b", name: "太阴寺", loc: orb.Point{111.64861, 35.49333}, visit: 40 * time.Minute},
	}}}
}

func TestTextGolden(t *testing.T) {
	tests := []struct {
		file string
		days []fixtureDay
		skip []route.Skip
		lang string
		md   bool
		mode geo.Mode // the plan's; the zero Mode as for a plan from a matrix
		opts []Option
	}{
		{"jin-zh.txt", jinDay(t), jinSkipped(), "zh", false, geo.CountyDrive(), nil},
		{"jin-en.txt", englishNames(jinDay(t)), jinSkipped(), "en", false, geo.CountyDrive(), nil},
		{"jin-zh.md", jinDay(t), jinSkipped(), "zh", true, geo.CountyDrive(), nil},
		{"jin-en.md", englishNames(jinDay(t)), jinSkipped(), "en", true, geo.CountyDrive(), nil},
		{"three-zh.txt", threeDays(t), nil, "zh", false, geo.TouristBus(), []Option{Title("晋国故地三日游")}},
		{"three-en.md", englishNames(threeDays(t)), nil, "en", true, geo.TouristBus(), []Option{Title("Three days in the land of Jin")}},
		{"open-zh.txt", openDay(), nil, "zh", false, geo.Mode{}, nil},
		{"open-en.txt", englishNames(openDay()), nil, "en", false, geo.Mode{}, nil},
		// With the catalog, the tombs and 车厢城 are known only to within
		// kilometres: legs are estimates, visits say how to find them.
		{"coarse-zh.txt", jinDay(t), jinSkipped(), "zh", false, geo.CountyDrive(), []Option{Catalog(catalog(t))}},
		{"coarse-en.md", jinDay(t), jinSkipped(), "en", true, geo.CountyDrive(), []Option{Catalog(catalog(t))}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := buildPlan(t, tt.days, tt.skip)
			p.Mode = tt.mode
			var b bytes.Buffer
			write := Text
			if tt.md {
				write = Markdown
			}
			require.NoError(t, write(&b, p, append([]Option{Lang(tt.lang)}, tt.opts...)...))
			checkGolden(t, filepath.Join("itinerary", tt.file), b.Bytes())
		})
	}
}

// The sentences of the brief, on a leg of exactly 12 minutes and 8.4 km.
func TestTextPhrases(t *testing.T) {
	at := time.Date(2025, 5, 1, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	tests := []struct {
		lang string
		mode geo.Mode
		want []string
	}{
		{"zh", geo.CountyDrive(), []string{"08:30 从绛县县城出发，车程 12 分钟（约 8.4 公里）", "08:42 到达车厢城，游览 1 小时", "09:42 离开车厢城，车程 1 小时 5 分钟（约 52.0 公里）", "10:47 返回绛县县城"}},
		{"en", geo.CountyDrive(), []string{"08:30 Leave 绛县县城; 12 min drive (8.4 km)", "08:42 Arrive at 车厢城; visit 1 h", "10:47 Back at 绛县县城"}},
		{"zh", geo.Walking(), []string{"步行 12 分钟（约 8.4 公里）"}},
		{"en", geo.Mode{}, []string{"12 min travel (8.4 km)"}},
		{"en", geo.Cycling(), []string{"12 min ride (8.4 km)"}},
	}
	seat := route.Place{ID: "seat", Name: "绛县县城"}
	site := route.Place{ID: "site", Name: "车厢城"}
	p := &route.Plan{Visited: 1, Days: []route.DayPlan{{
		Start: seat, End: &seat, Depart: at, Return: at.Add(137 * time.Minute),
		Visits: []route.Visit{{Stop: route.Stop{Place: site, Visit: time.Hour}, Arrival: at.Add(12 * time.Minute), Start: at.Add(12 * time.Minute), Departure: at.Add(72 * time.Minute)}},
		Legs:   []route.Leg{{From: seat, To: site, Distance: 8400, Duration: 12 * time.Minute}, {From: site, To: seat, Distance: 52000, Duration: 65 * time.Minute}},
	}}}
	for _, tt := range tests {
		p.Mode = tt.mode
		var b bytes.Buffer
		require.NoError(t, Text(&b, p, Lang(tt.lang)))
		for _, w := range tt.want {
			assert.Contains(t, b.String(), w)
		}
	}
}

func TestLexicon(t *testing.T) {
	zh, en := newLexicon("zh", geo.CountyDrive()), newLexicon("en", geo.CountyDrive())
	assert.Equal(t, "午休 1 小时", zh.rest(time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC), time.Hour))
	assert.Equal(t, "Break, 20 min", en.rest(time.Date(2025, 5, 1, 15, 0, 0, 0, time.UTC), 20*time.Minute))
	assert.Equal(t, "下一处与此处为同一坐标点", zh.travel(0, 0))
	assert.Equal(t, "绛县县城出发 · 三日游", zh.defaultTitle("绛县县城", 3))
	assert.Equal(t, "3-day route from X", en.defaultTitle("X", 3))
	assert.Equal(t, "X：时间不够", zh.reasonLine("X", "budget"))
	assert.Equal(t, "X: closed on the day", en.reasonLine("X", "closed"))
}

func TestTextWithCatalog(t *testing.T) {
	p := buildPlan(t, jinDay(t), jinSkipped())
	c := catalog(t)
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		require.NoError(t, Text(&b, p, Lang(lang), Catalog(c)))
		l := newLexicon(lang, p.Mode)
		for _, d := range p.Days {
			for _, v := range d.Visits {
				s, ok := c.Get(v.Stop.ID)
				require.True(t, ok)
				assert.Contains(t, b.String(), siteName(&s, lang))
				assert.Contains(t, b.String(), "      "+l.siteFacts(&s)+"\n")
			}
		}
		for _, sk := range p.Skipped {
			s, ok := c.Get(sk.ID)
			require.True(t, ok)
			assert.Contains(t, b.String(), l.reasonLine(siteName(&s, lang), sk.Reason.String()))
		}
	}
}

func TestTextErrors(t *testing.T) {
	p := buildPlan(t, jinDay(t), nil)
	var b bytes.Buffer
	assert.ErrorContains(t, Text(&b, p, Lang("fr")), `unknown language "fr"`)
	assert.ErrorContains(t, Markdown(&b, nil, Lang("en")), "nil plan")
	bad := buildPlan(t, jinDay(t), nil)
	bad.Days[0].Legs = bad.Days[0].Legs[:3]
	assert.ErrorContains(t, Text(&b, bad, Lang("en")), "day 1 has 3 legs for 9 places")
}

func TestMarkdownEscape(t *testing.T) {
	assert.Equal(t, `\*a\_b\* \[c\](d) \<e\> \#1 \| \~ \`+"`", markdownEscape("*a_b* [c](d) <e> #1 | ~ `"))
	assert.Equal(t, "two lines", markdownEscape("two\nlines"))
}

// The day heading's end time is an estimate, like the day's travel, when
// a leg goes to or from a coarse place; the departure never is.
func TestDayHeadingAbout(t *testing.T) {
	at := time.Date(2025, 5, 1, 8, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang   string
		approx bool
		want   string
	}{
		{"en", false, "Day 1 · Thursday 1 May 2025 · 08:30–15:35"},
		{"en", true, "Day 1 · Thursday 1 May 2025 · 08:30–about 15:35"},
		{"zh", false, "第 1 天 · 2025年5月1日 星期四 · 08:30–15:35"},
		{"zh", true, "第 1 天 · 2025年5月1日 星期四 · 08:30–约 15:35"},
	} {
		d := tripDay{day: 1, depart: at, ret: at.Add(7*time.Hour + 5*time.Minute),
			total: tripTotals{visits: 1, travel: time.Hour, approx: tc.approx}}
		assert.Equal(t, tc.want, dayHeading(&d, newLexicon(tc.lang, geo.CountyDrive())))
	}
}
