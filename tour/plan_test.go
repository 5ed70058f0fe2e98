package tour_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/tour"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const seat = "anchor/jiangxian-county-seat"

var cst = time.FixedZone("CST", 8*3600)

// tuesday is a fixed trip date: Tuesday 12 May 2026.
var tuesday = tour.Date{Year: 2026, Month: time.May, Day: 12}

func TestProblemErrors(t *testing.T) {
	bad := orb.Point{200, 35}
	tests := []struct {
		name  string
		req   tour.Request
		field string
		err   error
	}{
		{"unknown site", tour.Request{Sites: []string{"jiangxian/chexiangcheng", "jiangxian/nowhere"}}, "sites[1]", tour.ErrUnknownSite},
		{"anchor as site", tour.Request{Sites: []string{seat}}, "sites[0]", tour.ErrInvalid},
		{"duplicate site", tour.Request{Sites: []string{"jiangxian/wenmiao", "jiangxian/wenmiao"}}, "sites[1]", tour.ErrInvalid},
		{"sites and theme", tour.Request{Sites: []string{"jiangxian/wenmiao"}, Theme: "jin-culture"}, "theme", tour.ErrInvalid},
		{"unknown theme", tour.Request{Theme: "dinosaurs"}, "theme", tour.ErrUnknownTheme},
		{"too many sites", tour.Request{Sites: make([]string, tour.MaxSites+1)}, "sites", tour.ErrTooLarge},
		{"negative day length", tour.Request{DayLength: -time.Hour}, "hours", tour.ErrInvalid},
		{"too long a day", tour.Request{DayLength: 25 * time.Hour}, "hours", tour.ErrInvalid},
		{"day shorter than a minute", tour.Request{DayLength: 30 * time.Second}, "hours", tour.ErrInvalid},
		{"negative days", tour.Request{Days: -2}, "days", tour.ErrInvalid},
		{"too many days", tour.Request{Days: tour.MaxDays + 1}, "days", tour.ErrTooLarge},
		{"impossible date", tour.Request{Date: tour.Date{Year: 2027, Month: time.February, Day: 30}}, "date", tour.ErrInvalid},
		{"start time past midnight", tour.Request{StartTime: tour.Clock(25 * time.Hour)}, "start_time", tour.ErrInvalid},
		{"bad mode", tour.Request{Mode: geo.Mode{Name: "horse", Speed: -1}}, "mode", tour.ErrInvalid},
		{"unknown datum", tour.Request{Datum: geo.Datum(7)}, "datum", tour.ErrInvalid},
		{"unknown start", tour.Request{Start: tour.AtSite("anchor/moon")}, "start", tour.ErrUnknownSite},
		{"start off the globe", tour.Request{Start: tour.AtPoint(bad)}, "start", tour.ErrInvalid},
		{"start with both", tour.Request{Start: tour.Endpoint{ID: seat, Point: &orb.Point{111, 35}}}, "start", tour.ErrInvalid},
		{"unknown end", tour.Request{End: tour.AtSite("nowhere")}, "end", tour.ErrUnknownSite},
		{"hotel count", tour.Request{Days: 3, Hotels: []tour.Endpoint{tour.AtSite(seat)}}, "hotels", tour.ErrInvalid},
		{"unknown hotel", tour.Request{Days: 2, Hotels: []tour.Endpoint{tour.AtSite("hotel/ritz")}}, "hotels[0]", tour.ErrUnknownSite},
		{"empty hotel", tour.Request{Days: 2, Hotels: []tour.Endpoint{{}}}, "hotels[0]", tour.ErrInvalid},
		{"negative break", tour.Request{Break: &tour.Break{Duration: -5 * time.Minute}}, "break", tour.ErrInvalid},
		{"break window too short", tour.Request{Break: &tour.Break{Duration: 90 * time.Minute, From: tour.Clock(12 * time.Hour), To: tour.Clock(13 * time.Hour)}}, "break", tour.ErrInvalid},
		{"break outside the day", tour.Request{DayLength: 3 * time.Hour, Break: &tour.Break{Duration: time.Hour}}, "break", tour.ErrInvalid},
		{"break backwards", tour.Request{Break: &tour.Break{Duration: 30 * time.Minute, From: tour.Clock(14 * time.Hour), To: tour.Clock(12 * time.Hour)}}, "break", tour.ErrInvalid},
	}
	cat := heritage.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.req.Date.IsZero() {
				tt.req.Date = tuesday
			}
			_, err := tour.Problem(cat, tt.req)
			require.Error(t, err)
			requireFieldError(t, err, tt.field, tt.err)
			assert.Contains(t, err.Error(), tt.field)
		})
	}
}

func TestProblemDefaults(t *testing.T) {
	cat := heritage.Default()
	p, err := tour.Problem(cat, tour.Request{Date: tuesday})
	require.NoError(t, err)
	require.NoError(t, p.Validate())

	require.Len(t, p.Days, 1)
	d := p.Days[0]
	assert.Equal(t, seat, d.Start.ID)
	require.NotNil(t, d.End)
	assert.Equal(t, d.Start, *d.End, "the default trip is a loop")
	assert.Equal(t, time.Date(2026, 5, 12, 8, 30, 0, 0, cst), d.Window.Open)
	assert.Equal(t, time.Date(2026, 5, 12, 16, 30, 0, 0, cst), d.Window.Close)
	require.NotNil(t, d.Break, "an 8-hour day spanning 11:30–13:30 gets lunch")
	assert.Equal(t, 60*time.Minute, d.Break.Duration)
	assert.Equal(t, time.Date(2026, 5, 12, 11, 30, 0, 0, cst), d.Break.Window.Open)
	assert.Equal(t, time.Date(2026, 5, 12, 13, 30, 0, 0, cst), d.Break.Window.Close)
	assert.Equal(t, geo.CountyDrive(), p.Mode)

	var heritageSites int
	for _, s := range cat.Sites() {
		if !s.Anchor() {
			heritageSites++
		}
	}
	assert.Len(t, p.Stops, heritageSites, "no sites or theme: every heritage site, no anchor")
	for _, st := range p.Stops {
		s, ok := cat.Get(st.ID)
		require.True(t, ok)
		assert.False(t, s.Anchor())
		assert.Equal(t, s.Score, st.Score)
		assert.Equal(t, s.Visit.Duration, st.Visit)
		assert.False(t, st.Required)
	}

	// A short morning has no lunch break.
	p, err = tour.Problem(cat, tour.Request{Date: tuesday, DayLength: 3 * time.Hour})
	require.NoError(t, err)
	assert.Nil(t, p.Days[0].Break)
	// A Break of 0 turns the break off.
	p, err = tour.Problem(cat, tour.Request{Date: tuesday, Break: &tour.Break{}})
	require.NoError(t, err)
	assert.Nil(t, p.Days[0].Break)
}

// Points are read in the request's datum and planned in WGS-84.
func TestProblemDatum(t *testing.T) {
	cat := heritage.Default()
	seatSite, ok := cat.Get(seat)
	require.True(t, ok)
	for _, d := range []geo.Datum{geo.WGS84, geo.GCJ02, geo.BD09} {
		t.Run(d.String(), func(t *testing.T) {
			at := tour.AtPoint(geo.Convert(seatSite.Location, geo.WGS84, d))
			p, err := tour.Problem(cat, tour.Request{Date: tuesday, Days: 2, Datum: d, Start: at, End: at, Hotels: []tour.Endpoint{at}})
			require.NoError(t, err)
			for _, pl := range []route.Place{p.Days[0].Start, *p.Days[0].End, p.Days[1].Start} {
				assert.InDelta(t, seatSite.Location[0], pl.Location[0], 1e-7)
				assert.InDelta(t, seatSite.Location[1], pl.Location[1], 1e-7)
			}
		})
	}
}

func TestProblemOpeningHours(t *testing.T) {
	cat := heritage.Default()
	const museum = "quwo/jinguo-museum" // "Tu-Su 09:00-17:00"
	monday := tour.Date{Year: 2026, Month: time.May, Day: 11}
	p, err := tour.Problem(cat, tour.Request{Sites: []string{museum, "jiangxian/chexiangcheng"}, Date: monday})
	require.NoError(t, err)
	assert.True(t, p.Stops[0].Closed, "closed on Mondays")
	assert.False(t, p.Stops[1].Closed, "no known hours: always open")
	assert.Empty(t, p.Stops[1].Windows)

	p, err = tour.Problem(cat, tour.Request{Sites: []string{museum}, Date: monday, Days: 2})
	require.NoError(t, err)
	require.False(t, p.Stops[0].Closed)
	assert.Equal(t, []route.Window{{
		Open:  time.Date(2026, 5, 12, 9, 0, 0, 0, cst),
		Close: time.Date(2026, 5, 12, 17, 0, 0, 0, cst),
	}}, p.Stops[0].Windows, "open on the Tuesday only")
}

func TestProblemMultiDay(t *testing.T) {
	cat := heritage.Default()
	p, err := tour.Problem(cat, tour.Request{Theme: "temples-architecture", Date: tuesday, Days: 3})
	require.NoError(t, err)
	require.Len(t, p.Days, 3)
	for i, d := range p.Days {
		assert.Equal(t, seat, d.Start.ID, "day %d starts at the base", i)
		require.NotNil(t, d.End)
		assert.Equal(t, seat, d.End.ID, "day %d ends at the base", i)
		assert.Equal(t, time.Date(2026, 5, 12+i, 8, 30, 0, 0, cst), d.Window.Open)
	}

	p, err = tour.Problem(cat, tour.Request{
		Theme: "jin-culture", Date: tuesday, Days: 3, End: tour.AtSite("anchor/houma-west-station"),
		Hotels: []tour.Endpoint{tour.AtSite("anchor/houma-station"), tour.AtPoint(orb.Point{111.6, 35.5})},
	})
	require.NoError(t, err)
	assert.Equal(t, seat, p.Days[0].Start.ID)
	assert.Equal(t, "anchor/houma-station", p.Days[0].End.ID)
	assert.Equal(t, "anchor/houma-station", p.Days[1].Start.ID)
	assert.Equal(t, orb.Point{111.6, 35.5}, p.Days[1].End.Location)
	assert.Equal(t, orb.Point{111.6, 35.5}, p.Days[2].Start.Location)
	assert.Equal(t, "anchor/houma-west-station", p.Days[2].End.ID)
}

func TestPlanJinCulture(t *testing.T) {
	cat := heritage.Default()
	plan, err := tour.Plan(context.Background(), cat, tour.Request{Theme: heritage.ThemeJinCulture, Date: tuesday})
	require.NoError(t, err)
	require.Len(t, plan.Days, 1)
	d := plan.Days[0]
	assert.Equal(t, seat, d.Start.ID)
	assert.GreaterOrEqual(t, len(d.Visits), 3)
	open := time.Date(2026, 5, 12, 8, 30, 0, 0, cst)
	assert.False(t, d.Depart.Before(open))
	assert.False(t, d.Return.After(open.Add(8*time.Hour)))
	require.NotNil(t, d.Break, "lunch is scheduled")
	assert.False(t, d.Break.Start.Before(time.Date(2026, 5, 12, 11, 30, 0, 0, cst)))
	assert.False(t, d.Break.End.After(time.Date(2026, 5, 12, 13, 30, 0, 0, cst)))
	seen := map[string]bool{}
	for _, v := range d.Visits {
		s, ok := cat.Get(v.Stop.ID)
		require.True(t, ok)
		assert.True(t, s.HasTheme(heritage.ThemeJinCulture), v.Stop.ID)
		assert.False(t, seen[v.Stop.ID])
		seen[v.Stop.ID] = true
	}
	assert.Equal(t, len(plan.Skipped)+len(d.Visits), countTheme(cat, heritage.ThemeJinCulture))
	// The best-scoring Jin site reachable in a day is on the plan.
	best := ""
	for _, s := range cat.Sites() {
		if s.HasTheme(heritage.ThemeJinCulture) && (best == "" || s.Score > mustGet(t, cat, best).Score) {
			best = s.ID
		}
	}
	assert.True(t, seen[best], "the top Jin site %s is visited", best)
}

func TestPlanCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	plan, err := tour.Plan(ctx, heritage.Default(), tour.Request{Date: tuesday})
	if err != nil {
		assert.True(t, errors.Is(err, context.Canceled), "%v", err)
		return
	}
	assert.Contains(t, []route.Status{route.Canceled, route.Optimal}, plan.Status)
}

func countTheme(cat *heritage.Catalog, theme string) int {
	n := 0
	for _, s := range cat.Sites() {
		if s.HasTheme(theme) {
			n++
		}
	}
	return n
}

func mustGet(t *testing.T, cat *heritage.Catalog, id string) heritage.Site {
	t.Helper()
	s, ok := cat.Get(id)
	require.True(t, ok, id)
	return s
}

// A start far outside the catalog's region is refused, naming the
// nearest site; the same start with a long enough day is planned.
func TestPlanFarStart(t *testing.T) {
	beijing := orb.Point{116.397, 39.909}
	req := tour.Request{Theme: heritage.ThemeJinCulture, Date: tour.Date{Year: 2027, Month: time.May, Day: 4},
		Start: tour.AtNamedPoint(beijing, "北京饭店")}
	plan, err := tour.Plan(context.Background(), heritage.Default(), req)
	assert.Nil(t, plan)
	requireFieldError(t, err, "start", tour.ErrUnplannable)
	assert.Contains(t, err.Error(), "km from the start")

	// Starting near the sites but ending in Beijing: the end is at fault.
	req.Start, req.End = tour.Endpoint{}, tour.AtPoint(beijing)
	_, err = tour.Problem(heritage.Default(), req)
	requireFieldError(t, err, "end", tour.ErrUnplannable)

	// A 24-hour day by car from Beijing reaches Jiang County and back.
	req.Start, req.End = tour.AtPoint(beijing), tour.Endpoint{}
	req.StartTime, req.DayLength = tour.Clock(time.Minute), 24*time.Hour-time.Minute
	req.Mode = geo.Mode{Name: "expressway", Speed: 100, Circuity: 1.2}
	_, err = tour.Problem(heritage.Default(), req)
	assert.NoError(t, err)
}

// A day whose only site opens after the requested start: the plan keeps
// the requested time as Open and leaves later (Depart), early enough to
// be at the gate at opening even if the leg from the roughly located
// county seat takes its longest (without a break, whose window would
// absorb a late arrival, that buffer is what keeps the day's pessimistic
// end), so the reason a writer gives is the first visit's opening. The
// site is the Jiangshou garden in Xinjiang (known to 250 m, opens 08:00),
// about an hour's drive from the seat: leaving at 06:30 would wait.
func TestPlanLateOpening(t *testing.T) {
	req := tour.Request{Sites: []string{"xinjiang/jiangshou-garden"}, Date: tour.Date{Year: 2027, Month: time.May, Day: 4},
		StartTime: tour.Clock(6*time.Hour + 30*time.Minute), Break: &tour.Break{}}
	plan, err := tour.Plan(context.Background(), heritage.Default(), req)
	require.NoError(t, err)
	day := plan.Days[0]
	require.Len(t, day.Visits, 1)
	opens := time.Date(2027, 5, 4, 8, 0, 0, 0, cst)
	assert.True(t, day.Open.Equal(time.Date(2027, 5, 4, 6, 30, 0, 0, cst)), "Open is the requested start")
	assert.True(t, day.Depart.After(day.Open), "leaves later than asked")
	assert.True(t, day.Visits[0].Start.Equal(opens), "the visit starts at opening")
	leg := day.Legs[0]
	assert.Less(t, leg.Duration, leg.DurationMax, "the county seat is known to 1 km")
	assert.True(t, day.Depart.Add(leg.DurationMax).Equal(opens), "at the gate at opening even at the longest")
	assert.Equal(t, leg.DurationMax-leg.Duration, day.Visits[0].Wait, "the buffer shows as a wait")
}
