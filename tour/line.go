package tour

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
)

// Line is a themed line (串珠成线): a named day trip that strings the
// sites of one theme together, as a county would print it on a brochure.
type Line struct {
	// ID identifies the line: the theme slug, a slash and the slugs of
	// its areas, e.g. "jin-culture/jiangxian"; unique among the lines of
	// one call.
	ID string
	// Theme is the line's theme.
	Theme heritage.Theme
	// Name is the line's title, e.g. "晋文化寻根·绛县线" / "Jin culture
	// roots: Jiangxian line".
	Name heritage.Text
	// Base is the anchor (town, station, hotel) the line starts from and
	// returns to; nil when no anchor lies within the base radius, and the
	// line is then an open path from its first site to its last.
	Base *heritage.Site
	// Sites are the line's sites in visiting order.
	Sites []heritage.Site
	// Plan is the line's day as a route plan. A line has no date: the
	// day starts at 08:30 on the zero date (January 1 of year 1, UTC),
	// which route/export writes as times without a date. Its stops carry
	// the site IDs, so route/export with export.Catalog renders it.
	Plan *route.Plan
	// Length is the distance travelled in metres, base to base.
	Length float64
	// Travel is the time spent travelling; Duration the whole day,
	// travel and visits.
	Travel, Duration time.Duration
	// Description is a short factual text built from the sites' names,
	// periods and notes and the line's figures.
	Description heritage.Text
	// LeftOut lists every site of the theme that is not on this line,
	// with the reason.
	LeftOut []LeftOut
	// Story reports the cost of the story order; nil unless [StoryOrder]
	// was given.
	Story *Story
}

// LeftOut is a site of a line's theme that the line does not visit.
type LeftOut struct {
	// Site is the site left out.
	Site heritage.Site
	// Reason says why; Detail explains it in words.
	Reason LeftOutReason
	Detail heritage.Text
}

// LeftOutReason says why a site of a theme is not on a line. It is a
// wider concept than [route.Reason], which says why a plan left a stop
// out: a line also leaves a site to another line of its theme, or finds
// none near it. When the line's day plan left the site out, the reason
// is the plan's route.Reason under the same name ([PlanReason]). Its text
// is the JSON form.
type LeftOutReason string

// The reasons a site is not on a line.
const (
	// ReasonOtherLine: the site is on another line of the same theme.
	ReasonOtherLine LeftOutReason = "other-line"
	// ReasonOutside: no line of the theme runs near enough (within the
	// maximum span) to take the site in.
	ReasonOutside LeftOutReason = "outside"
	// ReasonBudget: route.ReasonBudget: the site is near the line but did
	// not fit in the day together with the line's higher-scoring sites.
	ReasonBudget LeftOutReason = "budget"
	// ReasonClosed: route.ReasonClosed: the site's opening hours never
	// open.
	ReasonClosed LeftOutReason = "closed"
	// ReasonUnreachable: route.ReasonUnreachable: the site cannot be
	// visited within a day even on its own (its visit or the journey is
	// too long).
	ReasonUnreachable LeftOutReason = "unreachable"
)

// PlanReason returns the reason a site is not on a line when the line's
// day plan left it out for r: r's name.
func PlanReason(r route.Reason) LeftOutReason { return LeftOutReason(r.String()) }

// Lines generates the themed lines of every theme carried by cat's
// heritage sites, themes in heritage.Themes order (unknown themes after,
// sorted), and within a theme the most important line (highest total
// score) first. See [ThemeLines] for how lines are made.
func Lines(ctx context.Context, cat *heritage.Catalog, opts ...Option) ([]Line, error) {
	if cat == nil {
		return nil, fmt.Errorf("tour: Lines: no catalog")
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	var out []Line
	for _, slug := range Themes(cat) {
		ls, err := themeLines(ctx, cat, slug, o)
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

// ThemeLines generates the lines of one theme:
//
//  1. The theme's heritage sites are grouped by complete-linkage
//     clustering: the two nearest groups (by their farthest pair of sites)
//     are merged as long as no two sites of a group lie farther apart
//     than [MaxSpan] (same area, e.g. both in Jiang County) or
//     [MaxCrossSpan] (different areas) and the group still fits in one
//     day — the shortest loop from its base through all its sites, visits
//     included, within [DayBudget].
//  2. Each group of at least [MinSites] sites becomes a line based at
//     the nearest anchor within [BaseRadius] of its centre (or an open
//     path without one). Single sites that could not join a group are
//     offered to the nearest line within those spans, which then keeps
//     its highest-scoring day (orienteering by route.Solve); the others
//     are left out.
//  3. Each line's sites are ordered by route.Solve for the shortest loop
//     (exact for lines of up to 15 sites), or by [StoryOrder].
//
// Every site of the theme not on a line is reported in that line's
// LeftOut with its reason. A theme whose sites cannot form any line of
// MinSites sites yields no line. The result is deterministic: the same
// catalog and options give the same lines.
func ThemeLines(ctx context.Context, cat *heritage.Catalog, theme string, opts ...Option) ([]Line, error) {
	if cat == nil {
		return nil, fmt.Errorf("tour: ThemeLines: no catalog")
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	return themeLines(ctx, cat, theme, o)
}

// themeInfo returns the theme with the given slug; unknown slugs get the
// slug as both titles.
func themeInfo(slug string) heritage.Theme {
	for _, t := range heritage.Themes() {
		if t.Slug == slug {
			return t
		}
	}
	return heritage.Theme{Slug: slug, Zh: slug, En: slug}
}

// builder holds what one call to themeLines works with.
type builder struct {
	ctx     context.Context
	o       options
	anchors []heritage.Site
	fit     map[string]bool // cluster key -> fits in a day
}

// pending is a line in the making.
type pending struct {
	sites  []heritage.Site // cluster members
	extras []heritage.Site // single sites offered to it
	line   Line
	left   []LeftOut
}

func themeLines(ctx context.Context, cat *heritage.Catalog, slug string, o options) ([]Line, error) {
	theme := themeInfo(slug)
	b := &builder{ctx: ctx, o: o, fit: map[string]bool{}}
	members, early := b.members(cat, slug)
	if len(members) == 0 && len(early) == 0 {
		if heritage.KnownTheme(slug) {
			return nil, nil
		}
		return nil, fieldErr("theme", slug, ErrUnknownTheme, "not a theme of the catalog (themes present: %s)", strings.Join(Themes(cat), ", "))
	}
	groups, err := b.cluster(members)
	if err != nil {
		return nil, err
	}
	lines, outside := attachSingles(groups, members, o)
	for _, pl := range lines {
		if err := b.build(pl, theme); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(lines, func(x, y *pending) int {
		if c := cmp.Compare(y.line.Plan.Score, x.line.Plan.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.line.Sites[0].ID, y.line.Sites[0].ID)
	})
	out := make([]Line, 0, len(lines))
	for _, pl := range lines {
		out = append(out, pl.line)
	}
	nameLines(out, theme)
	for i := range out {
		out[i].LeftOut = leftOut(out, i, lines, append(outside, early...))
	}
	return out, nil
}

// members returns the catalog's sites with the theme, and those of them
// left out before clustering because they are never open; it collects the
// catalog's anchors into b.
func (b *builder) members(cat *heritage.Catalog, slug string) (members []heritage.Site, early []LeftOut) {
	for _, s := range cat.Sites() {
		if s.Anchor() { // catalogs reject anchors with themes
			b.anchors = append(b.anchors, s)
			continue
		}
		if !s.HasTheme(slug) {
			continue
		}
		if neverOpen(s) {
			early = append(early, LeftOut{Site: s, Reason: ReasonClosed, Detail: heritage.Text{
				Zh: "开放时间（" + s.Visit.OpeningHours + "）全年都不开放",
				En: "its opening hours (" + s.Visit.OpeningHours + ") are never open",
			}})
			continue
		}
		members = append(members, s)
	}
	return members, early
}

// attachSingles turns the groups of at least o.minSites sites into pending
// lines and gives each smaller group's site to the nearest line it fits
// (as an extra the line may take); the sites that fit none are left out.
func attachSingles(groups [][]heritage.Site, members []heritage.Site, o options) (lines []*pending, outside []LeftOut) {
	var singles []heritage.Site
	for _, g := range groups {
		if len(g) >= o.minSites {
			lines = append(lines, &pending{sites: g})
		} else {
			singles = append(singles, g...)
		}
	}
	for _, s := range singles {
		best, bestD := -1, 0.0
		for i, pl := range lines {
			if d := o.farthest(s, pl.sites); d <= 1 && (best < 0 || d < bestD) {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			lines[best].extras = append(lines[best].extras, s)
			continue
		}
		outside = append(outside, LeftOut{Site: s, Reason: ReasonOutside, Detail: outsideDetail(s, members, o)})
	}
	return lines, outside
}

// leftOut is line i's report of every theme site not on it: the sites of
// the other lines, the sites the lines' plans left out (said to be near
// their line when it is another), and the sites left out of every line;
// best score first.
func leftOut(out []Line, i int, lines []*pending, everywhere []LeftOut) []LeftOut {
	onLine := map[string]bool{}
	for j := range out {
		for _, s := range out[j].Sites {
			onLine[s.ID] = true
		}
	}
	var left []LeftOut
	for j := range out {
		if j == i {
			continue
		}
		for _, s := range out[j].Sites {
			left = append(left, LeftOut{Site: s, Reason: ReasonOtherLine, Detail: heritage.Text{
				Zh: "在" + out[j].Name.Zh + "上", En: "on the line " + out[j].Name.En,
			}})
		}
	}
	for j, pl := range lines {
		for _, lo := range pl.left {
			if onLine[lo.Site.ID] {
				continue
			}
			if j != i {
				lo.Detail = heritage.Text{
					Zh: "靠近" + out[j].Name.Zh + "：" + lo.Detail.Zh,
					En: "near the line " + out[j].Name.En + ": " + lo.Detail.En,
				}
			}
			left = append(left, lo)
		}
	}
	left = append(left, everywhere...)
	slices.SortStableFunc(left, func(x, y LeftOut) int {
		if c := cmp.Compare(y.Site.Score, x.Site.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.Site.ID, y.Site.ID)
	})
	return left
}

// build plans one line: chooses its sites (if it has extras), its base
// and its order, and fills pl.line except its ID and name.
func (b *builder) build(pl *pending, theme heritage.Theme) error {
	sites := pl.sites
	if len(pl.extras) > 0 {
		var err error
		if sites, err = b.withExtras(pl, theme); err != nil {
			return err
		}
	}
	base := b.base(sites)
	plan, err := b.solve(sites, base, 0)
	if err != nil {
		return err
	}
	ordered := make([]heritage.Site, len(sites))
	for i, v := range plan.Days[0].Visits {
		ordered[i] = sites[v.Index]
	}
	line := Line{Theme: theme, Base: base, Sites: ordered, Plan: plan}
	if b.o.story >= 0 {
		if err := b.storyOrder(&line); err != nil {
			return err
		}
	}
	dp := line.Plan.Days[0]
	line.Length, line.Travel, line.Duration = dp.Distance, dp.Travel, dp.Return.Sub(dp.Depart)
	line.Description = describe(&line, b.o.mode)
	pl.line = line
	return nil
}

// withExtras chooses a line's sites among its group and the single sites
// offered to it: the highest-scoring day (route.Solve), the others left
// out with their reason. If that day has fewer than MinSites sites (the
// extras outscore the group but leave no room for it), the line keeps its
// group, which fits a day by construction, and leaves the extras out.
func (b *builder) withExtras(pl *pending, theme heritage.Theme) ([]heritage.Site, error) {
	all := slices.Concat(pl.sites, pl.extras)
	plan, err := b.solve(all, b.base(all), b.o.budget)
	if err != nil {
		return nil, err
	}
	var sites []heritage.Site
	for _, v := range plan.Days[0].Visits {
		sites = append(sites, all[v.Index])
	}
	skipped := plan.Skipped
	if len(sites) < b.o.minSites {
		reason := map[int]route.Reason{}
		for _, sk := range plan.Skipped {
			reason[sk.Index] = sk.Reason
		}
		sites, skipped = pl.sites, nil
		for i := len(pl.sites); i < len(all); i++ {
			r, ok := reason[i]
			if !ok {
				r = route.ReasonBudget
			}
			skipped = append(skipped, route.Skip{Index: i, Reason: r})
		}
	}
	for _, sk := range skipped {
		pl.left = append(pl.left, b.leftOut(all[sk.Index], sk.Reason))
	}
	if len(sites) == 0 {
		return nil, fmt.Errorf("tour: line of %s: no site fits in a day", theme.Slug)
	}
	return sites, nil
}

// leftOut reports a site offered to a line and not taken, for the
// route's reason.
func (b *builder) leftOut(s heritage.Site, reason route.Reason) LeftOut {
	lo := LeftOut{Site: s, Reason: PlanReason(reason), Detail: heritage.Text{
		Zh: "在线路附近，但与评分更高的地点一起在一天（" + phrase.Chinese.Duration(b.o.budget) + "）内走不完",
		En: "near the line, but it does not fit in the day (" + phrase.English.Duration(b.o.budget) + ") with the higher-scoring sites",
	}}
	switch reason {
	case route.ReasonUnreachable:
		lo.Detail = heritage.Text{
			Zh: "即使单独前往，路程加参观也超过一天（" + phrase.Chinese.Duration(b.o.budget) + "）",
			En: "even on its own, the journey and visit take more than the day (" + phrase.English.Duration(b.o.budget) + ")",
		}
	case route.ReasonClosed:
		lo.Detail = heritage.Text{Zh: "不开放", En: "closed"}
	}
	return lo
}

// base returns the nearest anchor to the centre of sites within the base
// radius, or nil.
func (b *builder) base(sites []heritage.Site) *heritage.Site {
	c := centre(sites)
	var best *heritage.Site
	bestD := 0.0
	for i := range b.anchors {
		d := geo.Distance(c, b.anchors[i].Location)
		if d <= b.o.baseRadius && (best == nil || d < bestD) {
			best, bestD = &b.anchors[i], d
		}
	}
	return best
}

// neverOpen reports whether s has known opening hours that are closed on
// every day of a year (2025; the rules repeat yearly).
func neverOpen(s heritage.Site) bool {
	h, ok := s.OpeningHours()
	if !ok {
		return false
	}
	for d := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() == 2025; d = d.AddDate(0, 0, 1) {
		if len(h.On(d)) > 0 {
			return false
		}
	}
	return true
}

// outsideDetail explains why s is outside every line.
func outsideDetail(s heritage.Site, members []heritage.Site, o options) heritage.Text {
	var near *heritage.Site
	nearD := 0.0
	for i := range members {
		if members[i].ID == s.ID {
			continue
		}
		if d := o.stretch(s, members[i]); near == nil || d < nearD {
			near, nearD = &members[i], d
		}
	}
	if near == nil {
		return heritage.Text{Zh: "是本主题唯一的地点，串不成线", En: "the only site of its theme: there is no line to join"}
	}
	dist := geo.Distance(s.Location, near.Location) // metres
	if nearD > 1 {
		limit := o.limit(s, *near)
		return heritage.Text{
			Zh: fmt.Sprintf("离本主题其他地点都太远（最近的%s约 %s，一条线上最多相距 %s）", near.Name.Zh, phrase.Chinese.Distance(dist), phrase.Chinese.Distance(limit)),
			En: fmt.Sprintf("too far from every other site of the theme (nearest: %s, %s; a line allows %s)", near.Name.En, phrase.English.Distance(dist), phrase.English.Distance(limit)),
		}
	}
	return heritage.Text{
		Zh: fmt.Sprintf("附近的地点（如%s，约 %s）所在的线路加上它会超出范围或一天走不完", near.Name.Zh, phrase.Chinese.Distance(dist)),
		En: fmt.Sprintf("the line of the sites near it (e.g. %s, %s) would grow too wide or too long for a day with it", near.Name.En, phrase.English.Distance(dist)),
	}
}
