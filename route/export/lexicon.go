package export

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
)

// lexicon writes the itinerary's sentences in one language. The words
// themselves (distances, durations, dates, counts, the mode's travel) are
// internal/phrase's; the sentences built from them are here, so the two
// languages can order their words as each reads naturally rather than
// filling one template.
type lexicon struct {
	phrase.Lang
	// travelWord names the mode's travel: "drive" / "车程".
	travelWord string
}

func newLexicon(lang string, mode geo.Mode) lexicon {
	l := lexicon{Lang: phrase.Lang(lang)}
	l.travelWord = l.Travel(mode)
	return l
}

// zh reports whether the lexicon writes Chinese.
func (l lexicon) zh() bool { return l.Lang == phrase.Chinese }

// travel writes a leg: "12 min drive (8.4 km)"; "车程 12 分钟（约 8.4 公里）".
// A leg of no time and no distance is "the next site is at the same map
// point"; "下一处与此处为同一坐标点": the sites may truly share a place, or
// only share an approximate point (a village or township centre), so the
// wording claims no more than the coordinates do.
func (l lexicon) travel(d time.Duration, m float64) string {
	if d == 0 && m == 0 {
		return l.Pick("下一处与此处为同一坐标点", "the next site is at the same map point")
	}
	if l.zh() {
		return fmt.Sprintf("%s %s（约 %s）", l.travelWord, l.Duration(d), l.Distance(m))
	}
	return fmt.Sprintf("%s %s (%s)", l.Duration(d), l.travelWord, l.Distance(m))
}

// defaultTitle names a trip from its first start and its days:
// "1-day route from Jiang County seat"; "绛县县城出发 · 1 日游".
func (l lexicon) defaultTitle(start string, days int) string {
	if l.zh() {
		if start == "" {
			return zhCount(days) + "日游线路"
		}
		return start + "出发 · " + zhCount(days) + "日游"
	}
	if start == "" {
		return fmt.Sprintf("%d-day route", days)
	}
	return fmt.Sprintf("%d-day route from %s", days, start)
}

// zhCount writes 1–10 as Chinese numerals (一日游, 三日游), larger numbers
// as digits with spaces ("12 日游" reads as 12 日游).
func zhCount(n int) string {
	if n >= 1 && n <= 10 {
		return [...]string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[n-1]
	}
	return fmt.Sprintf("%d ", n)
}

// leave writes the departure from a place: "Leave X; 12 min drive (8.4 km)";
// "从X出发，车程 12 分钟（约 8.4 公里）" for the day's start, "离开X，…" later.
func (l lexicon) leave(name string, first bool, travel string) string {
	if l.zh() {
		if first {
			return fmt.Sprintf("从%s出发，%s", name, travel)
		}
		return fmt.Sprintf("离开%s，%s", name, travel)
	}
	return fmt.Sprintf("Leave %s; %s", name, travel)
}

// arrive writes the arrival at a visited site, with any wait:
// "Arrive at X; visit 1 h" or "Arrive at X; wait 20 min, visit 45 min from
// 10:30"; "到达X，游览 1 小时" or "到达X，等候 20 分钟，10:30 起游览 45 分钟".
func (l lexicon) arrive(name string, wait, visit time.Duration, start time.Time) string {
	if l.zh() {
		if wait > 0 {
			return fmt.Sprintf("到达%s，等候 %s，%s 起游览 %s", name, l.Duration(wait), phrase.Clock(start), l.Duration(visit))
		}
		return fmt.Sprintf("到达%s，游览 %s", name, l.Duration(visit))
	}
	if wait > 0 {
		return fmt.Sprintf("Arrive at %s; wait %s, visit %s from %s", name, l.Duration(wait), l.Duration(visit), phrase.Clock(start))
	}
	return fmt.Sprintf("Arrive at %s; visit %s", name, l.Duration(visit))
}

// finish writes the arrival at the day's end: back at the start, at another
// place (a hotel), or, on an open day, at the last site.
func (l lexicon) finish(name string, loop, open bool) string {
	switch {
	case open && l.zh():
		return fmt.Sprintf("在%s结束当日行程", name)
	case open:
		return fmt.Sprintf("End of the day at %s", name)
	case loop && l.zh():
		return fmt.Sprintf("返回%s", name)
	case loop:
		return fmt.Sprintf("Back at %s", name)
	case l.zh():
		return fmt.Sprintf("到达%s，当日行程结束", name)
	}
	return fmt.Sprintf("Arrive at %s for the night", name)
}

// rest writes a break: "Lunch break, 1 h" when it starts between 10:30 and
// 14:00, else "Break, 30 min"; "午休 1 小时", "休息 30 分钟".
func (l lexicon) rest(start time.Time, d time.Duration) string {
	tod := start.Hour()*60 + start.Minute()
	lunch := tod >= 10*60+30 && tod < 14*60
	if l.zh() {
		if lunch {
			return "午休 " + l.Duration(d)
		}
		return "休息 " + l.Duration(d)
	}
	if lunch {
		return "Lunch break, " + l.Duration(d)
	}
	return "Break, " + l.Duration(d)
}

// totals writes a day's sums, or the trip's when days > 0: "Day total: 5
// sites, 3 h visiting; 1 h drive (30.6 km)."; "当日合计：游览 5 处，共 3 小时；
// 车程 1 小时（约 30.6 公里）。", with any waiting after the travel. Travel
// of no time and no distance is not mentioned, travel that includes a leg
// to or from a coarse place is an estimate ("about 1 h drive"; see
// [lexicon.aboutTravel]), and a day on which nothing happens is "No visits
// this day.".
func (l lexicon) totals(t tripTotals, days int) string {
	if days == 0 && t.idle() {
		return l.noVisits()
	}
	head := l.Pick("当日合计：", "Day total: ")
	if days > 0 {
		head = l.Pick("全程 "+l.Days(days)+"：", "Whole trip, "+l.Days(days)+": ")
	}
	parts := []string{l.Pick("游览 "+l.Sites(t.visits)+"，共 "+l.Duration(t.visit), l.Sites(t.visits)+", "+l.Duration(t.visit)+" visiting")}
	switch {
	case t.approx:
		parts = append(parts, l.aboutTravel(t.travel, t.distance, ""))
	case t.travel > 0 || t.distance > 0:
		parts = append(parts, l.travel(t.travel, t.distance))
	}
	if t.wait > 0 {
		parts = append(parts, l.Pick("等候 "+l.Duration(t.wait), l.Duration(t.wait)+" waiting"))
	}
	return head + strings.Join(parts, l.Pick("；", "; ")) + l.Pick("。", ".")
}

// idle reports whether nothing happens in t: no visit, travel or wait.
func (t tripTotals) idle() bool {
	return t.visits == 0 && t.travel == 0 && t.distance == 0 && t.wait == 0
}

// noVisits says that a day visits nothing.
func (l lexicon) noVisits() string {
	return l.Pick("当日没有安排游览。", "No visits this day.")
}

// leftOut heads the list of skipped sites: "Left out (2 sites)";
// "未安排的地点（2 处）".
func (l lexicon) leftOut(n int) string {
	return l.Pick("未安排的地点（"+l.Sites(n)+"）", "Left out ("+l.Sites(n)+")")
}

// reasonLine writes one skipped stop and why it was left out ([phrase.Lang.LeftOut]):
// "X: not enough time in the day"; "X：时间不够".
func (l lexicon) reasonLine(name, reason string) string {
	return name + l.Pick("：", ": ") + l.LeftOut(reason)
}

// kindNames names the heritage kinds in Chinese and English.
var kindNames = map[heritage.Kind][2]string{
	heritage.Tomb:           {"墓葬", "tomb"},
	heritage.Cemetery:       {"墓地", "cemetery"},
	heritage.CityRuins:      {"城址", "city ruins"},
	heritage.SettlementSite: {"聚落遗址", "settlement site"},
	heritage.Temple:         {"寺庙", "temple"},
	heritage.Stage:          {"戏台", "opera stage"},
	heritage.MemorialArch:   {"牌坊", "memorial arch"},
	heritage.SteleBuilding:  {"碑楼", "stele pavilion"},
	heritage.RitualSite:     {"祭祀遗址", "ritual site"},
	heritage.Museum:         {"博物馆", "museum"},
	heritage.ScenicArea:     {"风景区", "scenic area"},
	heritage.Spring:         {"泉", "spring"},
	heritage.Valley:         {"峪谷", "valley"},
	heritage.Yamen:          {"衙署", "yamen (government hall)"},
	heritage.Garden:         {"园林", "garden"},
	heritage.Town:           {"城镇", "town"},
	heritage.RailStation:    {"火车站", "railway station"},
	heritage.Hotel:          {"住宿", "hotel"},
}

// levelNames names the designation levels in Chinese and English.
var levelNames = map[heritage.Level][2]string{
	heritage.National:   {"全国重点文物保护单位", "national protected site"},
	heritage.Provincial: {"省级文物保护单位", "provincial protected site"},
	heritage.City:       {"市级文物保护单位", "city-level protected site"},
	heritage.County:     {"县级文物保护单位", "county-level protected site"},
}

// kind names a heritage kind: "city ruins"; "城址". An unknown kind is
// written as it is.
func (l lexicon) kind(k heritage.Kind) string {
	if n, ok := kindNames[k]; ok {
		return l.Pick(n[0], n[1])
	}
	return string(k)
}

// level names a designation level: "national protected site";
// "全国重点文物保护单位". An unknown level is written as it is.
func (l lexicon) level(v heritage.Level) string {
	if n, ok := levelNames[v]; ok {
		return l.Pick(n[0], n[1])
	}
	return string(v)
}

// siteFacts writes a site's period, kind and designation on one line:
// "Spring and Autumn · city ruins · national protected site";
// "春秋 · 城址 · 全国重点文物保护单位". Anchors give "".
func (l lexicon) siteFacts(s *heritage.Site) string {
	if s == nil || s.Anchor() {
		return ""
	}
	var parts []string
	if s.Period != nil {
		if name := l.Pick(s.Period.NameZh, s.Period.Name); name != "" {
			parts = append(parts, name)
		}
	}
	if s.Kind != "" {
		parts = append(parts, l.kind(s.Kind))
	}
	if s.Designation != nil && s.Designation.Level != "" {
		parts = append(parts, l.level(s.Designation.Level))
	}
	return strings.Join(parts, " · ")
}

// siteAbout returns what the outputs say about a site beside its name:
// its facts ([lexicon.siteFacts]) and its note in the language, those it
// has.
func (l lexicon) siteAbout(s *heritage.Site) []string {
	var parts []string
	if f := l.siteFacts(s); f != "" {
		parts = append(parts, f)
	}
	if n := note(s, string(l.Lang)); n != "" {
		parts = append(parts, n)
	}
	return parts
}

// sentences joins parts as sentences: "A. B"; "A。B". A part that ends
// its own sentence (a note) is not given a second full stop.
func (l lexicon) sentences(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(l.Pick("。", ". "))
		}
		if i < len(parts)-1 {
			p = strings.TrimRight(p, "。.")
		}
		b.WriteString(p)
	}
	return b.String()
}

// siteName returns s's name in lang by [phrase.Lang.Pick]'s fallback, the
// English name standing for the pinyin when there is none, and s's ID when
// it has no name.
func siteName(s *heritage.Site, lang string) string {
	return cmp.Or(phrase.Lang(lang).Pick(s.Name.Zh, cmp.Or(s.Name.En, s.Name.Pinyin)), s.ID)
}

// note returns s's first note in lang, by [phrase.Lang.Pick]'s fallback:
// in the other language when s has none in lang.
func note(s *heritage.Site, lang string) string {
	if s == nil {
		return ""
	}
	return phrase.Lang(lang).Pick(noteIn(s, "zh"), noteIn(s, "en"))
}

// noteIn returns the text of s's first note in lang, or "".
func noteIn(s *heritage.Site, lang string) string {
	for _, n := range s.Notes {
		if n.Lang == lang {
			return n.Text
		}
	}
	return ""
}

// approximate labels a precision halo in a map's legend: "approximate
// location"; "位置为约略范围".
func (l lexicon) approximate() string { return l.Pick("位置为约略范围", "approximate location") }

// sketchNote says what a leg drawn to an approximate place is: "straight
// line to an approximate location, not the road"; "示意直线，非实际道路，
// 端点位置为约略".
func (l lexicon) sketchNote() string {
	return l.Pick("示意直线，非实际道路，端点位置为约略", "straight line to an approximate location, not the road")
}

// sketchTitle titles the map's straight line of a leg to or from a coarse
// place: [lexicon.sketchNote], then the leg's estimated travel with its
// range ([lexicon.legTravel]).
func (l lexicon) sketchTitle(lg tripLeg, a, b *tripStop) string {
	return l.sketchNote() + l.Pick("；", "; ") + l.legTravel(lg, a, b)
}

// locate tells a visitor how to find a coarse place, as a guide would:
// "Location known only to within 23.5 km: ask for 晋文公墓 绛县卫庄镇";
// "位置仅知在约 23.5 公里范围内，请打听：晋文公墓 绛县卫庄镇". It is "" for a
// place known to within coarseM, or one the catalog does not know.
func (l lexicon) locate(s *tripStop) string {
	if !s.coarse() || s.site == nil {
		return ""
	}
	return l.Locate(s.precision, searchText(s.site))
}

// legTravel writes a leg's travel ([lexicon.travel]), as an estimate
// when an end is a coarse place: "about 12 min drive (8.4 km)"; "车程约
// 12 分钟（约 8.4 公里）"; and, when the two coarse places share one map
// point, that their distance is not known; between a place and the one
// it is seen through (a cemetery inside its museum), that no travel is
// needed.
func (l lexicon) legTravel(lg tripLeg, a, b *tripStop) string {
	if lg.host != "" {
		return l.Inside(lg.host)
	}
	if !a.coarse() && !b.coarse() {
		return l.travel(lg.duration, lg.distance)
	}
	if lg.duration == 0 && lg.distance == 0 {
		return l.UnknownDistance()
	}
	span := ""
	switch {
	case lg.durMax > lg.durMin && lg.durMin > 0:
		span = l.Pick("，实际 "+l.Duration(lg.durMin)+" 至 "+l.Duration(lg.durMax), "; "+l.Duration(lg.durMin)+" to "+l.Duration(lg.durMax))
	case lg.durMax > lg.durMin:
		span = l.Pick("，实际至多 "+l.Duration(lg.durMax), "; up to "+l.Duration(lg.durMax))
	}
	return l.aboutTravel(lg.duration, lg.distance, span)
}

// aboutTravel writes travel that is an estimate: "about 12 min drive (8.4
// km)"; "车程约 12 分钟（约 8.4 公里）", with span (the range of the
// duration, written by [lexicon.legTravel]) inside the brackets.
func (l lexicon) aboutTravel(d time.Duration, m float64, span string) string {
	if l.zh() {
		return fmt.Sprintf("%s约 %s（约 %s%s）", l.travelWord, l.Duration(d), l.Distance(m), span)
	}
	return fmt.Sprintf("about %s %s (%s%s)", l.Duration(d), l.travelWord, l.Distance(m), span)
}

// navLine writes a place's navigation links as Markdown: "Navigate:
// [AMap](…) · [Baidu Maps](…) · [OpenStreetMap](…)"; "导航：[高德地图](…) ·
// [百度地图](…) · [OpenStreetMap](…)".
func (l lexicon) navLine(n *navLinks) string {
	return l.Pick("导航：", "Navigate: ") + strings.Join([]string{
		"[" + l.Pick("高德地图", "AMap") + "](" + n.AMap + ")",
		"[" + l.Pick("百度地图", "Baidu Maps") + "](" + n.Baidu + ")",
		"[OpenStreetMap](" + n.OSM + ")",
	}, " · ")
}
