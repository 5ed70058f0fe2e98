package export

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// lexicon holds the words of one language. Every sentence of the itinerary
// is built here, so the two languages can order their words as each reads
// naturally rather than filling one template.
type lexicon struct {
	lang string
	// travelWord names the mode's travel: "drive" / "车程".
	travelWord string
}

func newLexicon(lang, mode string) lexicon {
	l := lexicon{lang: lang}
	switch mode {
	case "drive", "drive-mountain":
		l.travelWord = l.pick("drive", "车程")
	case "walk":
		l.travelWord = l.pick("walk", "步行")
	case "cycle":
		l.travelWord = l.pick("ride", "骑行")
	case "bus":
		l.travelWord = l.pick("bus ride", "乘车")
	default:
		l.travelWord = l.pick("travel", "路程")
	}
	return l
}

func (l lexicon) pick(en, zh string) string {
	if l.lang == "zh" {
		return zh
	}
	return en
}

// clock writes t as "08:30" in t's own location, rounded to the minute so
// that a 40-second leg does not seem to arrive before it leaves.
func clock(t time.Time) string { return t.Round(time.Minute).Format("15:04") }

// duration writes d rounded to the minute: "45 min", "1 h 35 min";
// "45 分钟", "1 小时 35 分钟". A positive duration under half a minute
// is written as one minute, so nothing real reads as zero.
func (l lexicon) duration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m == 0 && d > 0 {
		m = 1
	}
	h, m := m/60, m%60
	hour, minute := l.pick("h", "小时"), l.pick("min", "分钟")
	switch {
	case h == 0:
		return fmt.Sprintf("%d %s", m, minute)
	case m == 0:
		return fmt.Sprintf("%d %s", h, hour)
	}
	return fmt.Sprintf("%d %s %d %s", h, hour, m, minute)
}

// distance writes metres: "850 m", "8.4 km", "126 km"; "850 米",
// "8.4 公里".
func (l lexicon) distance(m float64) string {
	switch {
	case !(m >= 0) || math.IsInf(m, 0):
		return "?"
	case m < 1000:
		return fmt.Sprintf("%.0f %s", math.Round(m/10)*10, l.pick("m", "米"))
	case m < 100_000:
		return fmt.Sprintf("%.1f %s", m/1000, l.pick("km", "公里"))
	}
	return fmt.Sprintf("%.0f %s", m/1000, l.pick("km", "公里"))
}

// travel writes a leg: "12 min drive (8.4 km)"; "车程 12 分钟（约 8.4 公里）".
// A leg of no time and no distance is "the next site is at the same map
// point"; "下一处与此处为同一坐标点": the sites may truly share a place, or
// only share an approximate point (a village or township centre), so the
// wording claims no more than the coordinates do.
func (l lexicon) travel(d time.Duration, m float64) string {
	if d == 0 && m == 0 {
		return l.pick("the next site is at the same map point", "下一处与此处为同一坐标点")
	}
	if l.lang == "zh" {
		return fmt.Sprintf("%s %s（约 %s）", l.travelWord, l.duration(d), l.distance(m))
	}
	return fmt.Sprintf("%s %s (%s)", l.duration(d), l.travelWord, l.distance(m))
}

// date writes the calendar day: "Wednesday 1 May 2024"; "2024年5月1日 星期三".
func (l lexicon) date(t time.Time) string {
	if l.lang == "zh" {
		wd := [...]string{"日", "一", "二", "三", "四", "五", "六"}[t.Weekday()]
		return fmt.Sprintf("%d年%d月%d日 星期%s", t.Year(), int(t.Month()), t.Day(), wd)
	}
	return t.Format("Monday 2 January 2006")
}

// shortDate writes "1 May 2024"; "2024年5月1日".
func (l lexicon) shortDate(t time.Time) string {
	if l.lang == "zh" {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("2 January 2006")
}

// dayName writes "Day 2"; "第 2 天".
func (l lexicon) dayName(day int) string {
	if l.lang == "zh" {
		return fmt.Sprintf("第 %d 天", day)
	}
	return fmt.Sprintf("Day %d", day)
}

// sites writes a count of visited sites: "1 site", "5 sites"; "5 处".
func (l lexicon) sites(n int) string {
	if l.lang == "zh" {
		return fmt.Sprintf("%d 处", n)
	}
	if n == 1 {
		return "1 site"
	}
	return fmt.Sprintf("%d sites", n)
}

// defaultTitle names a trip from its first start and its days:
// "1-day route from Jiang County seat"; "绛县县城出发 · 1 日游".
func (l lexicon) defaultTitle(start string, days int) string {
	if l.lang == "zh" {
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
	if l.lang == "zh" {
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
	if l.lang == "zh" {
		if wait > 0 {
			return fmt.Sprintf("到达%s，等候 %s，%s 起游览 %s", name, l.duration(wait), clock(start), l.duration(visit))
		}
		return fmt.Sprintf("到达%s，游览 %s", name, l.duration(visit))
	}
	if wait > 0 {
		return fmt.Sprintf("Arrive at %s; wait %s, visit %s from %s", name, l.duration(wait), l.duration(visit), clock(start))
	}
	return fmt.Sprintf("Arrive at %s; visit %s", name, l.duration(visit))
}

// finish writes the arrival at the day's end: back at the start, at another
// place (a hotel), or, on an open day, at the last site.
func (l lexicon) finish(name string, loop, open bool) string {
	switch {
	case open && l.lang == "zh":
		return fmt.Sprintf("在%s结束当日行程", name)
	case open:
		return fmt.Sprintf("End of the day at %s", name)
	case loop && l.lang == "zh":
		return fmt.Sprintf("返回%s", name)
	case loop:
		return fmt.Sprintf("Back at %s", name)
	case l.lang == "zh":
		return fmt.Sprintf("到达%s，当日行程结束", name)
	}
	return fmt.Sprintf("Arrive at %s for the night", name)
}

// rest writes a break: "Lunch break, 1 h" when it starts between 10:30 and
// 14:00, else "Break, 30 min"; "午休 1 小时", "休息 30 分钟".
func (l lexicon) rest(start time.Time, d time.Duration) string {
	tod := start.Hour()*60 + start.Minute()
	lunch := tod >= 10*60+30 && tod < 14*60
	if l.lang == "zh" {
		if lunch {
			return "午休 " + l.duration(d)
		}
		return "休息 " + l.duration(d)
	}
	if lunch {
		return "Lunch break, " + l.duration(d)
	}
	return "Break, " + l.duration(d)
}

// totals writes a day's or the trip's sums.
func (l lexicon) totals(t tripTotals, days int) string {
	var b strings.Builder
	if l.lang == "zh" {
		if days > 0 {
			fmt.Fprintf(&b, "全程 %d 天：", days)
		} else {
			b.WriteString("当日合计：")
		}
		fmt.Fprintf(&b, "游览 %s，共 %s；%s", l.sites(t.visits), l.duration(t.visit), l.travel(t.travel, t.distance))
		if t.wait > 0 {
			fmt.Fprintf(&b, "；等候 %s", l.duration(t.wait))
		}
		b.WriteString("。")
		return b.String()
	}
	if days > 0 {
		fmt.Fprintf(&b, "Whole trip, %d days: ", days)
	} else {
		b.WriteString("Day total: ")
	}
	fmt.Fprintf(&b, "%s, %s visiting; %s", l.sites(t.visits), l.duration(t.visit), l.travel(t.travel, t.distance))
	if t.wait > 0 {
		fmt.Fprintf(&b, "; %s waiting", l.duration(t.wait))
	}
	b.WriteString(".")
	return b.String()
}

// leftOut heads the list of skipped sites.
func (l lexicon) leftOut(n int) string {
	if l.lang == "zh" {
		return fmt.Sprintf("未安排的地点（%d 处）", n)
	}
	if n == 1 {
		return "Left out (1 site)"
	}
	return fmt.Sprintf("Left out (%d sites)", n)
}

// reason explains why a stop was left out.
func (l lexicon) reason(r string) string {
	switch r {
	case reasonBudget:
		return l.pick("not enough time in the day", "时间不够")
	case reasonClosed:
		return l.pick("closed on the day", "当天不开放")
	case reasonUnreachable:
		return l.pick("cannot be reached within the opening hours or the day", "在开放时间或当日时间内无法到达")
	}
	return r
}

// reasonLine writes one skipped stop: "X: not enough time in the day";
// "X：时间不够".
func (l lexicon) reasonLine(name, reason string) string {
	if l.lang == "zh" {
		return name + "：" + l.reason(reason)
	}
	return name + ": " + l.reason(reason)
}

// kind names a heritage kind: "city ruins"; "城址".
func (l lexicon) kind(k heritage.Kind) string {
	type pair struct{ en, zh string }
	var p pair
	switch k {
	case heritage.Tomb:
		p = pair{"tomb", "墓葬"}
	case heritage.Cemetery:
		p = pair{"cemetery", "墓地"}
	case heritage.CityRuins:
		p = pair{"city ruins", "城址"}
	case heritage.SettlementSite:
		p = pair{"settlement site", "聚落遗址"}
	case heritage.Temple:
		p = pair{"temple", "寺庙"}
	case heritage.Stage:
		p = pair{"opera stage", "戏台"}
	case heritage.MemorialArch:
		p = pair{"memorial arch", "牌坊"}
	case heritage.SteleBuilding:
		p = pair{"stele pavilion", "碑楼"}
	case heritage.RitualSite:
		p = pair{"ritual site", "祭祀遗址"}
	case heritage.Museum:
		p = pair{"museum", "博物馆"}
	case heritage.ScenicArea:
		p = pair{"scenic area", "风景区"}
	case heritage.Spring:
		p = pair{"spring", "泉"}
	case heritage.Valley:
		p = pair{"valley", "峪谷"}
	case heritage.Yamen:
		p = pair{"yamen (government hall)", "衙署"}
	case heritage.Garden:
		p = pair{"garden", "园林"}
	case heritage.Town:
		p = pair{"town", "城镇"}
	case heritage.RailStation:
		p = pair{"railway station", "火车站"}
	case heritage.Hotel:
		p = pair{"hotel", "住宿"}
	default:
		return string(k)
	}
	return l.pick(p.en, p.zh)
}

// level names a designation level: "national protected site";
// "全国重点文物保护单位".
func (l lexicon) level(v heritage.Level) string {
	switch v {
	case heritage.National:
		return l.pick("national protected site", "全国重点文物保护单位")
	case heritage.Provincial:
		return l.pick("provincial protected site", "省级文物保护单位")
	case heritage.City:
		return l.pick("city-level protected site", "市级文物保护单位")
	case heritage.County:
		return l.pick("county-level protected site", "县级文物保护单位")
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
		if name := l.pick(s.Period.Name, s.Period.NameZh); name != "" {
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

// siteName returns s's name in lang, falling back to the other forms.
func siteName(s *heritage.Site, lang string) string {
	order := []string{s.Name.En, s.Name.Pinyin, s.Name.Zh}
	if lang == "zh" {
		order = []string{s.Name.Zh, s.Name.En, s.Name.Pinyin}
	}
	for _, n := range order {
		if n != "" {
			return n
		}
	}
	return s.ID
}

// note returns the first of s's notes in lang, or "".
func note(s *heritage.Site, lang string) string {
	if s == nil {
		return ""
	}
	for _, n := range s.Notes {
		if n.Lang == lang {
			return n.Text
		}
	}
	return ""
}
