package tour

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
)

// describe writes a line's description from its sites' names, periods
// and notes and its figures. Nothing is added that the catalog or the
// plan does not say.
func describe(l *Line, mode geo.Mode) heritage.Text {
	return heritage.Text{Zh: describeIn(phrase.Chinese, l, mode), En: describeIn(phrase.English, l, mode)}
}

// describeIn writes the description in one language: the sites in
// visiting order, the day's figures, the oldest and newest site, how far
// the story order strays from the shortest way, and a highlight.
func describeIn(lang phrase.Lang, l *Line, mode geo.Mode) string {
	sentences := []string{visitSentence(lang, l), figureSentence(lang, &l.Plan.Days[0], mode)}
	if old, young := span(l.Sites); old != nil {
		sentences = append(sentences, lang.Pick(
			fmt.Sprintf("最早：%s，%s；最晚：%s，%s。", siteName(lang, old), periodName(lang, old), siteName(lang, young), periodName(lang, young)),
			fmt.Sprintf("Oldest: %s, %s; newest: %s, %s.", siteName(lang, old), periodName(lang, old), siteName(lang, young), periodName(lang, young))))
	}
	if st := l.Story; st != nil && st.Pairs > 0 {
		sentences = append(sentences, storySentence(lang, st))
	}
	if top, zh, en := highlight(l.Sites); top != nil {
		sentences = append(sentences, siteName(lang, top)+lang.Pick("：", ": ")+lang.Pick(zh, en)+lang.Pick("。", "."))
	}
	if lang == phrase.Chinese {
		return strings.Join(sentences, "")
	}
	return strings.Join(sentences, " ")
}

// visitSentence lists the sites in visiting order, from and back to the
// base when the line has one.
func visitSentence(lang phrase.Lang, l *Line) string {
	names := make([]string, len(l.Sites))
	for i := range l.Sites {
		names[i] = siteName(lang, &l.Sites[i])
	}
	list, n := lang.List(names), lang.Sites(len(l.Sites))
	if l.Base != nil {
		base := siteName(lang, l.Base)
		return lang.Pick(fmt.Sprintf("从%s出发，依次游览 %s地点：%s，再回到%s。", base, n, list, base),
			fmt.Sprintf("From %s, %s in turn: %s; then back to %s.", base, n, list, base))
	}
	return lang.Pick(fmt.Sprintf("依次游览 %s地点：%s。", n, list), fmt.Sprintf("%s in turn: %s.", upperFirst(n), list))
}

// figureSentence gives the day's distance, travel, visiting and whole
// time: "About 30.6 km, 1 h 35 min drive and 3 h of visits, 5 h in all."
func figureSentence(lang phrase.Lang, d *route.DayPlan, mode geo.Mode) string {
	dist, travel, visit, all := lang.Distance(d.Distance), lang.Duration(d.Travel), lang.Duration(d.Visit), lang.Duration(d.Return.Sub(d.Depart))
	return lang.Pick(fmt.Sprintf("全程约 %s，%s约 %s，参观约 %s，共约 %s。", dist, lang.Travel(mode), travel, visit, all),
		fmt.Sprintf("About %s, %s %s and %s of visits, %s in all.", dist, travel, lang.Travel(mode), visit, all))
}

// storySentence says whether the sites are visited oldest first and what
// that costs against the shortest way.
func storySentence(lang phrase.Lang, st *Story) string {
	s := lang.Pick("按年代先后游览", "Visited oldest first")
	if st.Inversions > 0 {
		s = lang.Pick("大体按年代先后游览", "Visited roughly oldest first")
	}
	if st.Extra >= 0.005 {
		return s + lang.Pick("，比最短路线多走"+phrase.Percent(st.Extra)+"。", ", "+phrase.Percent(st.Extra)+" longer than the shortest way.")
	}
	return s + lang.Pick("，不比最短路线远。", ", no longer than the shortest way.")
}

// siteName returns s's name in lang, by phrase's fallback rule.
func siteName(lang phrase.Lang, s *heritage.Site) string { return lang.Pick(s.Name.Zh, s.Name.En) }

// periodName returns the name of s's period in lang, by phrase's fallback
// rule; s must have a period.
func periodName(lang phrase.Lang, s *heritage.Site) string {
	return lang.Pick(s.Period.NameZh, s.Period.Name)
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

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
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
		lines[i].Name = heritage.Text{Zh: theme.Zh + "·" + nm.zh, En: theme.En + ": " + nm.en}
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
