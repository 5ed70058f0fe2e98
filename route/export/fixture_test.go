package export

import (
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// fixtureStop is one visit of a hand-built plan.
type fixtureStop struct {
	id    string
	name  string
	loc   orb.Point
	visit time.Duration
	wait  time.Duration // waiting on arrival before the visit starts
	score int
}

// fixtureDay is one day of a hand-built plan.
type fixtureDay struct {
	start      route.Place
	end        *route.Place
	depart     time.Time
	visits     []fixtureStop
	breakAfter int // index in visits; -2 for no break
	breakLen   time.Duration
}

// buildPlan makes a consistent plan by hand: legs by route.LegBetween with
// geo.CountyDrive (the plan's Mode), times chained from each day's departure, totals
// summed, so tests do not depend on the solver.
func buildPlan(t testing.TB, days []fixtureDay, skipped []route.Skip) *route.Plan {
	t.Helper()
	mode := geo.CountyDrive()
	p := &route.Plan{Skipped: skipped, Status: route.Optimal, Mode: mode}
	for di, fd := range days {
		d := route.DayPlan{Day: di, Start: fd.start, End: fd.end, Depart: fd.depart}
		now := fd.depart
		prev := fd.start
		leg := func(to route.Place) {
			l := route.LegBetween(prev, to, mode)
			d.Legs = append(d.Legs, l)
			d.Travel += l.Duration
			d.Distance += l.Distance
			now = now.Add(l.Duration)
			prev = to
		}
		takeBreak := func(after int) {
			if fd.breakLen > 0 && fd.breakAfter == after {
				d.Break = &route.BreakPlan{After: after, Place: prev, Start: now, End: now.Add(fd.breakLen)}
				now = now.Add(fd.breakLen)
			}
		}
		takeBreak(-1)
		for vi, fs := range fd.visits {
			pl := route.Place{ID: fs.id, Name: fs.name, Location: fs.loc}
			leg(pl)
			v := route.Visit{Index: vi, Stop: route.Stop{Place: pl, Visit: fs.visit, Score: fs.score}, Arrival: now, Wait: fs.wait}
			v.Start = now.Add(fs.wait)
			v.Departure = v.Start.Add(fs.visit)
			now = v.Departure
			d.Visits = append(d.Visits, v)
			d.Visit += fs.visit
			d.Wait += fs.wait
			d.Score += fs.score
			takeBreak(vi)
		}
		if fd.end != nil {
			leg(*fd.end)
		}
		d.Return = now
		p.Days = append(p.Days, d)
		p.Visited += len(d.Visits)
		p.Score += d.Score
		p.Travel += d.Travel
		p.Distance += d.Distance
		p.Visit += d.Visit
		p.Wait += d.Wait
	}
	return p
}

// testLayout lays out the map of p with opts, failing the test on error.
func testLayout(t *testing.T, p *route.Plan, opts ...Option) *mapLayout {
	t.Helper()
	o, err := newOptions(opts)
	require.NoError(t, err)
	tr, err := fromPlan(p, &o)
	require.NoError(t, err)
	m, err := layoutMap(tr, &o)
	require.NoError(t, err)
	return m
}

// Sites of Jiang County from the embedded catalog (heritage/data), with
// their catalog IDs, so that Catalog enrichment can be tested.
func countySeat() route.Place {
	return route.Place{ID: "anchor/jiangxian-county-seat", Name: "绛县县城", Location: orb.Point{111.57067, 35.49072}}
}

func jinDay(t testing.TB) []fixtureDay {
	t.Helper()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		shanghai = time.FixedZone("CST", 8*3600)
	}
	seat := countySeat()
	return []fixtureDay{{
		start:      seat,
		end:        &seat,
		depart:     time.Date(2025, 5, 1, 8, 30, 0, 0, shanghai),
		breakAfter: 2,
		breakLen:   time.Hour,
		visits: []fixtureStop{
			{id: "jiangxian/chexiangcheng", name: "车厢城城址", loc: orb.Point{111.575048, 35.492035}, visit: 45 * time.Minute, score: 80},
			{id: "jiangxian/county-museum", name: "绛县博物馆", loc: orb.Point{111.575048, 35.492035}, visit: 90 * time.Minute, wait: 10 * time.Minute, score: 70},
			{id: "jiangxian/jin-wengong-tomb", name: "晋文公墓", loc: orb.Point{111.646014, 35.504974}, visit: 30 * time.Minute, score: 60},
			{id: "jiangxian/taiyin-temple", name: "太阴寺", loc: orb.Point{111.64861, 35.49333}, visit: 45 * time.Minute, score: 60},
			{id: "jiangxian/jin-linggong-tomb", name: "晋灵公墓", loc: orb.Point{111.691384, 35.527618}, visit: 30 * time.Minute, score: 50},
			{id: "jiangxian/dongfeng-stage", name: "董封戏台", loc: orb.Point{111.637778, 35.580556}, visit: 20 * time.Minute, score: 40},
			{id: "jiangxian/jin-xiangong-tomb", name: "晋献公墓", loc: orb.Point{111.605926, 35.598788}, visit: 30 * time.Minute, score: 60},
		},
	}}
}

func jinSkipped() []route.Skip {
	return []route.Skip{
		{Index: 7, ID: "jiangxian/hengbei-peng-cemetery", Reason: route.ReasonBudget},
		{Index: 8, ID: "jiangxian/zhoujiazhuang-site", Reason: route.ReasonClosed},
	}
}

// catalog returns the embedded catalog.
func catalog(t testing.TB) *heritage.Catalog {
	t.Helper()
	return heritage.Default()
}

// threeDays is a three-day trip over the catalog's Jin sites: from Houma
// West station through Houma to the county seat, a loop round the county,
// and west to Xinjiang and back to the station. Several of its sites share
// one village's coordinate, as in the catalog, which stresses the map.
func threeDays(t testing.TB) []fixtureDay {
	t.Helper()
	c := catalog(t)
	place := func(id string) route.Place {
		s, ok := c.Get(id)
		require.True(t, ok, id)
		return route.Place{ID: s.ID, Name: s.Name.Zh, Location: s.Location}
	}
	visits := func(ids ...string) []fixtureStop {
		var out []fixtureStop
		for _, id := range ids {
			s, ok := c.Get(id)
			require.True(t, ok, id)
			d := s.Visit.Duration
			if d == 0 {
				d = 30 * time.Minute
			}
			out = append(out, fixtureStop{id: s.ID, name: s.Name.Zh, loc: s.Location, visit: d, score: s.Score})
		}
		return out
	}
	cst := time.FixedZone("CST", 8*3600)
	station, seat := place("anchor/houma-west-station"), place("anchor/jiangxian-county-seat")
	return []fixtureDay{
		{
			start: station, end: &seat, depart: time.Date(2025, 10, 3, 9, 0, 0, 0, cst), breakAfter: 1, breakLen: time.Hour,
			visits: visits("houma/jin-state-site", "houma/covenant-site", "houma/jin-capital-museum", "houma/fengcheng-ancient-city"),
		},
		{
			start: seat, end: &seat, depart: time.Date(2025, 10, 4, 8, 30, 0, 0, cst), breakAfter: 3, breakLen: time.Hour,
			visits: visits("jiangxian/chexiangcheng", "jiangxian/county-museum", "jiangxian/wenmiao", "jiangxian/jin-wengong-tomb",
				"jiangxian/donghua-shan", "jiangxian/taiyin-temple", "jiangxian/changchun-guan"),
		},
		{
			start: seat, end: &station, depart: time.Date(2025, 10, 5, 8, 30, 0, 0, cst), breakAfter: 3, breakLen: time.Hour,
			visits: visits("jiangxian/hengbei-peng-cemetery", "jiangxian/zhoujiazhuang-site", "jiangxian/jingyun-palace",
				"jiangxian/qiaosi-stele-tower", "xinjiang/longxing-temple", "xinjiang/jiangzhou-hall", "xinjiang/jiangshou-garden"),
		},
	}
}
