package phrase

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Lang is the language words are written in: [Chinese] or [English]. Any
// other value writes English.
type Lang string

// The languages of chuanzhu's words, by their BCP 47 tags.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// Pick returns zh in Chinese and en otherwise; when that one is empty, it
// returns the other. This is the package's one fallback rule: it is meant
// for texts that may be missing in one language (a name, a note), so a
// word that is empty on purpose in one language must not go through it.
func (l Lang) Pick(zh, en string) string {
	if l == Chinese {
		if zh != "" {
			return zh
		}
		return en
	}
	if en != "" {
		return en
	}
	return zh
}

// Distance writes metres: "850 m", "30.6 km", "126 km"; "850 米",
// "30.6 公里". A negative, NaN or infinite distance is written "?".
func (l Lang) Distance(metres float64) string {
	m := metres
	switch {
	case !(m >= 0) || math.IsInf(m, 0):
		return "?"
	case m < 1000:
		return fmt.Sprintf("%.0f %s", math.Round(m/10)*10, l.Pick("米", "m"))
	case m < 100_000:
		return fmt.Sprintf("%.1f %s", m/1000, l.Pick("公里", "km"))
	}
	return fmt.Sprintf("%.0f %s", m/1000, l.Pick("公里", "km"))
}

// Duration writes d rounded to the minute: "45 min", "2 h", "1 h 35 min";
// "45 分钟", "1 小时 35 分钟". A positive duration under half a minute is
// written as one minute; zero and negative durations as "0 min".
func (l Lang) Duration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m == 0 && d > 0 {
		m = 1
	}
	m = max(m, 0)
	h, m := m/60, m%60
	hour, minute := l.Pick("小时", "h"), l.Minute()
	switch {
	case h == 0:
		return fmt.Sprintf("%d %s", m, minute)
	case m == 0:
		return fmt.Sprintf("%d %s", h, hour)
	}
	return fmt.Sprintf("%d %s %d %s", h, hour, m, minute)
}

// Minute is the unit [Lang.Duration] writes minutes in: "min"; "分钟".
func (l Lang) Minute() string { return l.Pick("分钟", "min") }

// Clock writes t as "08:30" in t's own location, rounded to the minute so
// that a 40-second leg does not seem to arrive before it leaves.
func Clock(t time.Time) string { return t.Round(time.Minute).Format("15:04") }

// Date writes t's calendar day with its weekday: "Thursday 1 May 2025";
// "2025年5月1日 星期四".
func (l Lang) Date(t time.Time) string {
	if l == Chinese {
		wd := [...]string{"日", "一", "二", "三", "四", "五", "六"}[t.Weekday()]
		return fmt.Sprintf("%s 星期%s", l.ShortDate(t), wd)
	}
	return t.Format("Monday 2 January 2006")
}

// ShortDate writes t's calendar day: "1 May 2025"; "2025年5月1日".
func (l Lang) ShortDate(t time.Time) string {
	if l == Chinese {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("2 January 2006")
}

// Day names the day numbered n (from 1): "Day 2"; "第 2 天".
func (l Lang) Day(n int) string { return fmt.Sprintf(l.DayPattern(), n) }

// DayPattern is [Lang.Day]'s fmt pattern, with %d for the number, for
// scripts that number the days themselves.
func (l Lang) DayPattern() string { return l.Pick("第 %d 天", "Day %d") }

// Sites counts sites: "1 site", "5 sites"; "5 处".
func (l Lang) Sites(n int) string { return l.count(n, "处", "site", "sites") }

// Days counts days: "1 day", "3 days"; "3 天".
func (l Lang) Days(n int) string { return l.count(n, "天", "day", "days") }

func (l Lang) count(n int, zh, one, many string) string {
	switch {
	case l == Chinese:
		return strconv.Itoa(n) + " " + zh
	case n == 1:
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Travel names the travel of a mode by its [geo.Mode.Name], as it follows
// a duration in English ("12 min drive") and precedes it in Chinese
// ("车程 12 分钟"): walk "walk" 步行, cycle "ride" 骑行, drive "drive"
// 车程, drive-mountain "mountain drive" 山路车程, bus "bus ride" 乘车. Any
// other mode, and the zero Mode of a plan made from a travel matrix, is
// "travel" 路程.
func (l Lang) Travel(m geo.Mode) string {
	switch m.Name {
	case "walk":
		return l.Pick("步行", "walk")
	case "cycle":
		return l.Pick("骑行", "ride")
	case "drive":
		return l.Pick("车程", "drive")
	case "drive-mountain":
		return l.Pick("山路车程", "mountain drive")
	case "bus":
		return l.Pick("乘车", "bus ride")
	}
	return l.Pick("路程", "travel")
}

// List joins items as a list: "A, B, C"; "甲、乙、丙". Empty items are
// kept, so the count is what the caller gave.
func (l Lang) List(items []string) string { return strings.Join(items, l.Pick("、", ", ")) }

// LeftOut says why a plan left a site out, by the route.Reason's name:
// "budget" "not enough time in the day" 时间不够, "closed" "closed on the
// day" 当天不开放, "unreachable" "cannot be reached within the opening
// hours or the day" 在开放时间或当日时间内无法到达. Any other name is
// returned as it is.
func (l Lang) LeftOut(reason string) string {
	if w, ok := leftOutWords[reason]; ok {
		return l.Pick(w[0], w[1])
	}
	return reason
}

// leftOutWords are [Lang.LeftOut]'s reasons in Chinese and English.
var leftOutWords = map[string][2]string{
	"budget":      {"时间不够", "not enough time in the day"},
	"closed":      {"当天不开放", "closed on the day"},
	"unreachable": {"在开放时间或当日时间内无法到达", "cannot be reached within the opening hours or the day"},
}
