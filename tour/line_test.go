package tour_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/tour"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func lines(t *testing.T, opts ...tour.Option) []tour.Line {
	t.Helper()
	ls, err := tour.Lines(context.Background(), heritage.Default(), opts...)
	require.NoError(t, err)
	require.NotEmpty(t, ls)
	return ls
}

// checkLine checks the invariants every line must keep.
func checkLine(t *testing.T, cat *heritage.Catalog, l tour.Line, span, cross float64, budget time.Duration, minSites int) {
	t.Helper()
	require.GreaterOrEqual(t, len(l.Sites), minSites, l.ID)
	assert.True(t, strings.HasPrefix(l.ID, l.Theme.Slug+"/"), l.ID)
	assert.NotEmpty(t, l.Name.Zh)
	assert.NotEmpty(t, l.Name.En)
	for _, s := range l.Sites {
		assert.True(t, s.HasTheme(l.Theme.Slug), "%s: %s", l.ID, s.ID)
		assert.False(t, s.Anchor())
		assert.Contains(t, l.Description.Zh, s.Name.Zh, l.ID)
		assert.Contains(t, l.Description.En, s.Name.En, l.ID)
		for _, u := range l.Sites {
			limit := span
			if strings.SplitN(s.ID, "/", 2)[0] != strings.SplitN(u.ID, "/", 2)[0] {
				limit = cross
			}
			assert.LessOrEqual(t, geo.Distance(s.Location, u.Location), limit, "%s: %s–%s", l.ID, s.ID, u.ID)
		}
	}
	if l.Base != nil {
		assert.True(t, l.Base.Anchor())
		assert.Contains(t, l.Description.Zh, l.Base.Name.Zh)
	}
	// The plan matches the line.
	require.Len(t, l.Plan.Days, 1)
	d := l.Plan.Days[0]
	require.Len(t, d.Visits, len(l.Sites))
	for i, v := range d.Visits {
		assert.Equal(t, l.Sites[i].ID, v.Stop.ID)
	}
	assert.Empty(t, l.Plan.Skipped)
	var dist float64
	var travel, visit time.Duration
	for _, lg := range d.Legs {
		dist += lg.Distance
		travel += lg.Duration
	}
	for _, v := range d.Visits {
		visit += v.Stop.Visit
		assert.Equal(t, v.Start.Add(v.Stop.Visit), v.Departure)
	}
	assert.InDelta(t, dist, l.Length, 1e-6)
	assert.InDelta(t, l.Plan.Distance, l.Length, 1e-6)
	assert.Equal(t, travel, l.Travel)
	assert.Equal(t, travel+visit, l.Duration)
	assert.Equal(t, d.Return.Sub(d.Depart), l.Duration)
	assert.LessOrEqual(t, l.Duration, budget, l.ID)
	// Left out: exactly the theme's other sites, each once.
	onLine := map[string]bool{}
	for _, s := range l.Sites {
		onLine[s.ID] = true
	}
	var want, got []string
	for _, s := range cat.Sites() {
		if s.HasTheme(l.Theme.Slug) && !onLine[s.ID] {
			want = append(want, s.ID)
		}
	}
	for _, lo := range l.LeftOut {
		got = append(got, lo.Site.ID)
		assert.NotEmpty(t, lo.Reason)
		assert.NotEmpty(t, lo.Detail.Zh)
		assert.NotEmpty(t, lo.Detail.En)
	}
	slices.Sort(want)
	slices.Sort(got)
	assert.Equal(t, want, got, l.ID)
}

func TestLines(t *testing.T) {
	cat := heritage.Default()
	ls := lines(t)
	ids := map[string]bool{}
	themes := map[string]bool{}
	placed := map[string]string{} // theme/site -> line
	for _, l := range ls {
		checkLine(t, cat, l, tour.DefaultMaxSpan, tour.DefaultMaxCrossSpan, tour.DefaultDayBudget, tour.DefaultMinSites)
		assert.False(t, ids[l.ID], "duplicate line ID %s", l.ID)
		ids[l.ID] = true
		themes[l.Theme.Slug] = true
		assert.Nil(t, l.Story)
		for _, s := range l.Sites {
			key := l.Theme.Slug + " " + s.ID
			assert.Empty(t, placed[key], "%s is on two lines", key)
			placed[key] = l.ID
		}
	}
	// Every theme the catalog carries has a line.
	for _, s := range cat.Sites() {
		for _, th := range s.Themes {
			assert.True(t, themes[th], "theme %s has no line", th)
		}
	}
}

// TestLinesJinCultureSplitsByArea checks the brochure's main wish: the
// Jin sites of Jiang County form one line of their own, apart from the
// neighbours' (Houma, Quwo, Yicheng, Xinjiang), and the line visits the
// Jiang County dukes' tombs from the county seat.
func TestLinesJinCultureSplitsByArea(t *testing.T) {
	ls, err := tour.ThemeLines(context.Background(), heritage.Default(), heritage.ThemeJinCulture)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(ls), 2)
	var jiang *tour.Line
	for i, l := range ls {
		counties := map[string]bool{}
		for _, s := range l.Sites {
			counties[strings.SplitN(s.ID, "/", 2)[0]] = true
		}
		if counties["jiangxian"] {
			assert.Len(t, counties, 1, "%s mixes Jiang County with its neighbours", l.ID)
			jiang = &ls[i]
		}
	}
	require.NotNil(t, jiang, "no Jiang County line")
	assert.Equal(t, "jin-culture/jiangxian", jiang.ID)
	require.NotNil(t, jiang.Base)
	assert.Equal(t, seat, jiang.Base.ID)
	var ids []string
	for _, s := range jiang.Sites {
		ids = append(ids, s.ID)
	}
	for _, want := range []string{"jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb", "jiangxian/jin-linggong-tomb", "jiangxian/jin-xiangong-tomb"} {
		assert.Contains(t, ids, want)
	}
}

// TestLinesShortestOrder checks by brute force that every line is visited
// in a shortest loop from its base: no zig-zag.
func TestLinesShortestOrder(t *testing.T) {
	for _, l := range lines(t) {
		if len(l.Sites) > 8 || l.Base == nil {
			continue
		}
		// Legs to roughly located sites count at their expected length.
		places := []route.Place{route.PlaceFromSite(*l.Base)}
		for _, s := range l.Sites {
			places = append(places, route.PlaceFromSite(s))
		}
		dist := func(a, b int) float64 {
			return route.LegBetween(places[a], places[b], geo.CountyDrive()).Distance
		}
		best := math.Inf(1)
		perm := make([]int, len(l.Sites))
		for i := range perm {
			perm[i] = i + 1
		}
		permute(perm, 0, func(p []int) {
			d, prev := 0.0, 0
			for _, x := range p {
				d += dist(prev, x)
				prev = x
			}
			best = min(best, d+dist(prev, 0))
		})
		assert.InDelta(t, best, l.Length, 1e-6*best, "%s is not a shortest loop", l.ID)
	}
}

func permute(a []int, k int, f func([]int)) {
	if k == len(a) {
		f(a)
		return
	}
	for i := k; i < len(a); i++ {
		a[k], a[i] = a[i], a[k]
		permute(a, k+1, f)
		a[k], a[i] = a[i], a[k]
	}
}

func TestLinesDeterministic(t *testing.T) {
	a := lines(t, tour.StoryOrder(0.2))
	b := lines(t, tour.StoryOrder(0.2))
	require.Len(t, b, len(a))
	for i := range a {
		assert.Equal(t, a[i].ID, b[i].ID)
		assert.Equal(t, a[i].Sites, b[i].Sites)
		assert.Equal(t, a[i].Length, b[i].Length)
		assert.Equal(t, a[i].Description, b[i].Description)
		assert.Equal(t, a[i].LeftOut, b[i].LeftOut)
	}
}

func TestLinesWithoutBase(t *testing.T) {
	cat := heritage.Default()
	looped := lines(t)
	open := lines(t, tour.BaseRadius(0))
	byID := map[string]tour.Line{}
	for _, l := range looped {
		byID[l.ID] = l
	}
	for _, l := range open {
		checkLine(t, cat, l, tour.DefaultMaxSpan, tour.DefaultMaxCrossSpan, tour.DefaultDayBudget, tour.DefaultMinSites)
		assert.Nil(t, l.Base)
		d := l.Plan.Days[0]
		assert.Nil(t, d.End, "an open path")
		assert.Equal(t, l.Sites[0].ID, d.Start.ID, "starts at its first site")
		assert.Zero(t, d.Legs[0].Distance)
		if lp, ok := byID[l.ID]; ok && slices.Equal(siteIDs(lp.Sites), sortedIDs(l.Sites)) {
			assert.LessOrEqual(t, l.Length, lp.Length, "%s: a path is no longer than a loop through a base", l.ID)
		}
	}
}

func siteIDs(ss []heritage.Site) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	slices.Sort(out)
	return out
}

func sortedIDs(ss []heritage.Site) []string { return siteIDs(ss) }

func TestLinesSmallBudget(t *testing.T) {
	cat := heritage.Default()
	budget := 2 * time.Hour
	ls := lines(t, tour.DayBudget(budget))
	for _, l := range ls {
		checkLine(t, cat, l, tour.DefaultMaxSpan, tour.DefaultMaxCrossSpan, budget, tour.DefaultMinSites)
	}
	// Donghua Mountain's 2-hour visit cannot fit a 2-hour day with travel.
	for _, l := range ls {
		for _, lo := range l.LeftOut {
			if lo.Site.ID == "jiangxian/donghua-shan" {
				assert.Contains(t, []tour.LeftOutReason{tour.ReasonUnreachable, tour.ReasonOutside}, lo.Reason, l.ID)
			}
		}
	}
}

func TestLinesMinSitesAndSpan(t *testing.T) {
	cat := heritage.Default()
	const span, cross = 12_000, 8_000
	for _, l := range lines(t, tour.MaxSpan(span), tour.MaxCrossSpan(cross), tour.MinSites(3)) {
		checkLine(t, cat, l, span, cross, tour.DefaultDayBudget, 3)
	}
}

func TestStoryOrder(t *testing.T) {
	cat := heritage.Default()
	shortest := map[string]tour.Line{}
	for _, l := range lines(t) {
		shortest[l.ID] = l
	}
	for _, x := range []float64{0, 0.05, 0.2, 0.5} {
		for _, l := range lines(t, tour.StoryOrder(x)) {
			checkLine(t, cat, l, tour.DefaultMaxSpan, tour.DefaultMaxCrossSpan, tour.DefaultDayBudget, tour.DefaultMinSites)
			st := l.Story
			require.NotNil(t, st, l.ID)
			assert.InDelta(t, x, st.MaxExtra, 0)
			assert.LessOrEqual(t, st.Extra, x+1e-9, "%s exceeds the bound", l.ID)
			assert.GreaterOrEqual(t, st.Extra, -1e-9, l.ID)
			assert.LessOrEqual(t, st.Inversions, st.ShortestInversions, "%s: the story is no less chronological than the shortest order", l.ID)
			assert.LessOrEqual(t, st.Inversions, st.Pairs)
			sh, ok := shortest[l.ID]
			require.True(t, ok, l.ID)
			assert.InDelta(t, sh.Length, st.Shortest, 1e-3, l.ID)
			assert.InDelta(t, sh.Length*(1+st.Extra), l.Length, 1e-3, l.ID)
			assert.Equal(t, siteIDs(sh.Sites), siteIDs(l.Sites), "%s: story order keeps the sites", l.ID)
			if x == 0 {
				assert.InDelta(t, sh.Length, l.Length, 1e-3, "%s: bound 0 keeps the shortest length", l.ID)
			}
		}
	}
}

// TestStoryOrderGenerous checks that with a generous bound every line is
// told fully oldest first, and that the Jiang County Jin line then starts
// with Duke Xian's tomb (676 BCE), the oldest of its dated sites.
func TestStoryOrderGenerous(t *testing.T) {
	for _, l := range lines(t, tour.StoryOrder(5)) {
		assert.Zero(t, l.Story.Inversions, "%s is not chronological", l.ID)
		if l.ID == "jin-culture/jiangxian" {
			// 车厢城's listed era (春秋、汉、魏) begins the Spring and
			// Autumn, before Duke Xian's reign, the earliest tomb.
			assert.Equal(t, "jiangxian/chexiangcheng", l.Sites[0].ID)
			assert.Contains(t, l.Description.Zh, "按年代先后游览")
		}
	}
}

func TestLineOptionErrors(t *testing.T) {
	cat := heritage.Default()
	ctx := context.Background()
	for name, opt := range map[string]tour.Option{
		"budget":   tour.DayBudget(0),
		"span":     tour.MaxSpan(-1),
		"cross":    tour.MaxCrossSpan(0),
		"radius":   tour.BaseRadius(math.Inf(1)),
		"minSites": tour.MinSites(0),
		"story":    tour.StoryOrder(math.NaN()),
		"mode":     tour.Mode(geo.Mode{Name: "teleport"}),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := tour.Lines(ctx, cat, opt)
			assert.Error(t, err)
		})
	}
	_, err := tour.ThemeLines(ctx, cat, "dinosaurs")
	assert.ErrorIs(t, err, tour.ErrUnknownTheme)
	_, err = tour.Lines(ctx, nil)
	assert.Error(t, err)
}

// A site the line's plan left out carries the plan's route.Reason under
// its own name: the two reason types agree on the three they share.
func TestPlanReason(t *testing.T) {
	for r, want := range map[route.Reason]tour.LeftOutReason{
		route.ReasonBudget: tour.ReasonBudget, route.ReasonClosed: tour.ReasonClosed, route.ReasonUnreachable: tour.ReasonUnreachable,
	} {
		assert.Equal(t, want, tour.PlanReason(r))
		text, err := r.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, string(want), string(text), "the JSON forms agree")
	}
}
