package tour

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// describe writes a line's description from its sites' names, periods
// and notes and its figures. Nothing is added that the catalog or the
// plan does not say.
func describe(l *Line, mode geo.Mode) Text {
	var zh, en strings.Builder
	n := len(l.Sites)
	zhNames := make([]string, n)
	enNames := make([]string, n)
	for i, s := range l.Sites {
		zhNames[i], enNames[i] = s.Name.Zh, s.Name.En
	}
	if l.Base != nil {
		fmt.Fprintf(&zh, "从%s出发，依次游览%d处地点：%s，再回到%s。", l.Base.Name.Zh, n, strings.Join(zhNames, "、"), l.Base.Name.Zh)
		fmt.Fprintf(&en, "From %s, %s in turn: %s; then back to %s.", l.Base.Name.En, sitesEn(n), strings.Join(enNames, "; "), l.Base.Name.En)
	} else {
		fmt.Fprintf(&zh, "依次游览%d处地点：%s。", n, strings.Join(zhNames, "、"))
		fmt.Fprintf(&en, "%s in turn: %s.", upperFirst(sitesEn(n)), strings.Join(enNames, "; "))
	}
	dp := l.Plan.Days[0]
	fmt.Fprintf(&zh, "全程约%s，%s约%s，参观约%s，共约%s。", kmZh(dp.Distance), modeZh(mode), durationZh(dp.Travel), durationZh(dp.Visit), durationZh(dp.Return.Sub(dp.Depart)))
	fmt.Fprintf(&en, " About %s, %s %s and %s of visits, %s in all.", kmEn(dp.Distance), durationEn(dp.Travel), modeEn(mode), durationEn(dp.Visit), durationEn(dp.Return.Sub(dp.Depart)))
	if old, young := span(l.Sites); old != nil {
		fmt.Fprintf(&zh, "最早：%s，%s；最晚：%s，%s。", old.Name.Zh, old.Period.NameZh, young.Name.Zh, young.Period.NameZh)
		fmt.Fprintf(&en, " Oldest: %s, %s; newest: %s, %s.", old.Name.En, old.Period.Name, young.Name.En, young.Period.Name)
	}
	if st := l.Story; st != nil && st.Pairs > 0 {
		if st.Inversions == 0 {
			zh.WriteString("按年代先后游览")
			en.WriteString(" Visited oldest first")
		} else {
			zh.WriteString("大体按年代先后游览")
			en.WriteString(" Visited roughly oldest first")
		}
		if st.Extra >= 0.005 {
			fmt.Fprintf(&zh, "，比最短路线多走%s。", percent(st.Extra))
			fmt.Fprintf(&en, ", %s longer than the shortest way.", percent(st.Extra))
		} else {
			zh.WriteString("，不比最短路线远。")
			en.WriteString(", no longer than the shortest way.")
		}
	}
	if top, zhS, enS := highlight(l.Sites); top != nil {
		fmt.Fprintf(&zh, "%s：%s。", top.Name.Zh, zhS)
		fmt.Fprintf(&en, " %s: %s.", top.Name.En, enS)
	}
	return Text{Zh: zh.String(), En: en.String()}
}

// span returns the oldest and the newest of the sites with a story year
// (the first in visiting order on ties), or nils when fewer than two
// sites with different years have one.
func span(sites []heritage.Site) (old, young *heritage.Site) {
	var oy, yy int
	for i := range sites {
		y, ok := storyYear(sites[i])
		if !ok {
			continue
		}
		if old == nil || y < oy {
			old, oy = &sites[i], y
		}
		if young == nil || y > yy {
			young, yy = &sites[i], y
		}
	}
	if old == nil || oy == yy {
		return nil, nil
	}
	return old, young
}

// Longest highlight sentences, in characters.
const (
	maxZhSentence = 90
	maxEnSentence = 240
)

// highlight returns the line's highest-scoring site (the first on ties)
// whose first notes in both languages open with a sentence short enough
// for a brochure, and those sentences; nil when there is none.
func highlight(sites []heritage.Site) (top *heritage.Site, zh, en string) {
	for i := range sites {
		s := &sites[i]
		if top != nil && s.Score <= top.Score {
			continue
		}
		z := firstSentence(noteText(s, "zh"), true)
		e := firstSentence(noteText(s, "en"), false)
		if z == "" || e == "" || utf8.RuneCountInString(z) > maxZhSentence || len(e) > maxEnSentence {
			continue
		}
		top, zh, en = s, z, e
	}
	return top, zh, en
}

// noteText returns the site's note in lang (heritage's Site.Note), or ""
// when it has none in that language.
func noteText(s *heritage.Site, lang string) string {
	if n, ok := s.Note(lang); ok && n.Lang == lang {
		return n.Text
	}
	return ""
}

// firstSentence returns text up to its first full stop or semicolon
// outside brackets, without it: "。" or "；" in Chinese, ". " or "; " in
// English (so "no. V-12" inside brackets does not end a sentence).
func firstSentence(text string, chinese bool) string {
	text = strings.TrimSpace(text)
	depth := 0
	for i, r := range text {
		switch r {
		case '(', '（':
			depth++
		case ')', '）':
			depth = max(0, depth-1)
		case '。', '；':
			if chinese && depth == 0 {
				return text[:i]
			}
		case '.', ';':
			if !chinese && depth == 0 && (i+1 == len(text) || text[i+1] == ' ') {
				return text[:i]
			}
		}
	}
	return strings.TrimRight(text, ".。;； ")
}

// sitesEn returns "1 site" or "n sites".
func sitesEn(n int) string {
	if n == 1 {
		return "1 site"
	}
	return strconv.Itoa(n) + " sites"
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// percent writes a ratio as a whole percentage, e.g. "12%".
func percent(x float64) string {
	return strconv.Itoa(int(math.Round(x*100))) + "%"
}

// kmZh writes metres as kilometres in Chinese: "8.6公里", "31公里", "550米".
func kmZh(m float64) string {
	switch {
	case m < 1000:
		return strconv.Itoa(int(math.Round(m/10)*10)) + "米"
	case m < 10_000:
		return strconv.FormatFloat(math.Round(m/100)/10, 'f', -1, 64) + "公里"
	}
	return strconv.Itoa(int(math.Round(m/1000))) + "公里"
}

// kmEn writes metres as kilometres in English: "8.6 km", "31 km", "550 m".
func kmEn(m float64) string {
	switch {
	case m < 1000:
		return strconv.Itoa(int(math.Round(m/10)*10)) + " m"
	case m < 10_000:
		return strconv.FormatFloat(math.Round(m/100)/10, 'f', -1, 64) + " km"
	}
	return strconv.Itoa(int(math.Round(m/1000))) + " km"
}

// durationZh writes d to the minute: "2小时25分钟", "45分钟", "8小时".
func durationZh(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return strconv.Itoa(m) + "分钟"
	case m%60 == 0:
		return strconv.Itoa(m/60) + "小时"
	}
	return strconv.Itoa(m/60) + "小时" + strconv.Itoa(m%60) + "分钟"
}

// durationEn writes d to the minute: "2 h 25 min", "45 min", "8 h".
func durationEn(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return strconv.Itoa(m) + " min"
	case m%60 == 0:
		return strconv.Itoa(m/60) + " h"
	}
	return strconv.Itoa(m/60) + " h " + strconv.Itoa(m%60) + " min"
}

// modeZh names the travel of a mode in Chinese ("车程").
func modeZh(m geo.Mode) string {
	switch m.Name {
	case "walk":
		return "步行"
	case "cycle":
		return "骑行"
	case "drive":
		return "车程"
	case "drive-mountain":
		return "山路车程"
	case "bus":
		return "大巴车程"
	}
	return "路程"
}

// modeEn names the travel of a mode in English ("by car").
func modeEn(m geo.Mode) string {
	switch m.Name {
	case "walk":
		return "on foot"
	case "cycle":
		return "by bike"
	case "drive":
		return "by car"
	case "drive-mountain":
		return "by car on mountain roads"
	case "bus":
		return "by coach"
	}
	return "travelling"
}

// area is the county-level place a site lies in.
type area struct {
	zh, en, slug string
}

// siteArea returns the county or city of s: in Chinese the start of its
// Region up to the first 县, 市 or 区 (a trailing 县 or 市 dropped when
// two characters remain, "侯马市" → "侯马", "绛县" kept), in English and as
// a slug the first segment of its ID ("jiangxian/…" → "Jiangxian"). ok is
// false when either is missing.
func siteArea(s heritage.Site) (a area, ok bool) {
	prefix, _, found := strings.Cut(s.ID, "/")
	if !found || prefix == "" {
		return a, false
	}
	region := s.Region
	if _, after, ok := strings.Cut(region, "省"); ok {
		region = after
	}
	cut := -1
	for i, r := range region {
		if r == '县' || r == '市' || r == '区' {
			cut = i + utf8.RuneLen(r)
			break
		}
	}
	if cut < 0 {
		return a, false
	}
	zh := region[:cut]
	if utf8.RuneCountInString(zh) > 2 && (strings.HasSuffix(zh, "县") || strings.HasSuffix(zh, "市")) {
		zh = zh[:len(zh)-len("县")]
	}
	words := strings.Split(prefix, "-")
	for i, w := range words {
		words[i] = upperFirst(w)
	}
	return area{zh: zh, en: strings.Join(words, " "), slug: prefix}, true
}

// nameLines gives each line of one theme its ID and name: the theme and
// the areas its sites lie in (most important area first, by total score,
// then by slug, so the name does not depend on the visiting order),
// numbered when two lines share them.
func nameLines(lines []Line, theme heritage.Theme) {
	zhNum := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	type named struct{ id, zh, en string }
	names := make([]named, len(lines))
	count := map[string]int{}
	for i := range lines {
		names[i] = lineName(&lines[i], theme)
		count[names[i].id]++
	}
	seen := map[string]int{}
	for i := range lines {
		nm := names[i]
		if count[nm.id] > 1 {
			seen[nm.id]++
			k := seen[nm.id]
			num := strconv.Itoa(k)
			if k <= len(zhNum) {
				num = zhNum[k-1]
			}
			nm.id += "-" + strconv.Itoa(k)
			nm.zh += "（" + num + "）"
			nm.en += " (" + strconv.Itoa(k) + ")"
		}
		lines[i].ID = nm.id
		lines[i].Name = Text{Zh: theme.Zh + "·" + nm.zh, En: theme.En + ": " + nm.en}
	}
}

// lineName returns the unnumbered ID and area names of a line.
func lineName(l *Line, theme heritage.Theme) struct{ id, zh, en string } {
	type agg struct {
		a     area
		score int
	}
	var areas []*agg
	byZh := map[string]*agg{}
	complete := true
	for _, s := range l.Sites {
		a, ok := siteArea(s)
		if !ok {
			complete = false
			break
		}
		g := byZh[a.zh]
		if g == nil {
			g = &agg{a: a}
			byZh[a.zh] = g
			areas = append(areas, g)
		}
		g.score += s.Score
	}
	if !complete || len(l.Sites) == 0 {
		first, last := l.Sites[0], l.Sites[len(l.Sites)-1]
		_, slug, _ := strings.Cut(first.ID, "/")
		if slug == "" {
			slug = first.ID
		}
		slug = strings.ReplaceAll(slug, "/", "-")
		if first.ID == last.ID {
			return struct{ id, zh, en string }{theme.Slug + "/" + slug, first.Name.Zh + "线", first.Name.En + " line"}
		}
		return struct{ id, zh, en string }{theme.Slug + "/" + slug,
			first.Name.Zh + "—" + last.Name.Zh + "线", first.Name.En + " – " + last.Name.En + " line"}
	}
	slices.SortStableFunc(areas, func(x, y *agg) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(x.a.slug, y.a.slug)
	})
	more := len(areas) > 3
	if more {
		areas = areas[:3]
	}
	var zhs, ens, slugs []string
	for _, g := range areas {
		zhs, ens, slugs = append(zhs, g.a.zh), append(ens, g.a.en), append(slugs, g.a.slug)
	}
	zh, en := strings.Join(zhs, "—"), strings.Join(ens, "–")
	if more {
		zh += "等"
		en += " and around"
	}
	return struct{ id, zh, en string }{theme.Slug + "/" + strings.Join(slugs, "-"), zh + "线", en + " line"}
}
