package phrase

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// This file holds the words of a themed line's listing (chuanzhu's lines
// subcommand): the labels of its parts, its figures and what telling it
// oldest first costs.

// NoLines says that there is no themed line: "No themed lines."; "没有主题线路。".
func (l Lang) NoLines() string { return l.Pick("没有主题线路。", "No themed lines.") }

// Theme labels a line's theme: "Theme"; "主题".
func (l Lang) Theme() string { return l.Pick("主题", "Theme") }

// Base labels the place a line starts from and returns to: "From and
// back to"; "起止".
func (l Lang) Base() string { return l.Pick("起止", "From and back to") }

// OneWay says that a line has no such place: "One way (no town or
// station nearby)"; "单程线路（附近无车站或城镇）".
func (l Lang) OneWay() string {
	return l.Pick("单程线路（附近无车站或城镇）", "One way (no town or station nearby)")
}

// LineLength writes the distance a line travels: "Length 30.6 km"; "全程 30.6 公里".
func (l Lang) LineLength(metres float64) string {
	return l.Pick("全程 ", "Length ") + l.Distance(metres)
}

// LineTravel writes a line's time on the way: "travel 1 h 35 min"; "路上 1 小时 35 分钟".
func (l Lang) LineTravel(d time.Duration) string { return l.Pick("路上 ", "travel ") + l.Duration(d) }

// LineDay writes a line's whole day, travel and visits: "day 5 h"; "全天 5 小时".
func (l Lang) LineDay(d time.Duration) string { return l.Pick("全天 ", "day ") + l.Duration(d) }

// LeftOutHeading heads the sites a line leaves out: "Left out"; "未收入".
func (l Lang) LeftOutHeading() string { return l.Pick("未收入", "Left out") }

// OnOtherLines counts the sites of a line's theme that its other lines
// visit: "3 more sites of the theme are on its other lines"; "本主题另有
// 3 处在其他线路上".
func (l Lang) OnOtherLines(n int) string {
	if l == Chinese {
		return fmt.Sprintf("本主题另有 %d 处在其他线路上", n)
	}
	if n == 1 {
		return "1 more site of the theme is on its other lines"
	}
	return fmt.Sprintf("%d more sites of the theme are on its other lines", n)
}

// StoryCost tells what visiting a line's sites oldest first costs: how
// much longer the story order is than the shortest one (extra) and at
// most may be (maxExtra), both ratios; how many of its pairs of sites
// are visited out of time order (inversions of pairs), whether that is
// proven the fewest possible, and how many the shortest order has.
func (l Lang) StoryCost(extra, maxExtra float64, inversions, pairs int, proven bool, shortestInversions int) string {
	if l == Chinese {
		fewest := ""
		if proven {
			fewest = "（已证最少）"
		}
		return fmt.Sprintf("故事顺序：比最短路线长 %s（上限 %s），%d 对中有 %d 对年代倒序%s，最短路线为 %d 对。",
			Percent(extra), Percent(maxExtra), pairs, inversions, fewest, shortestInversions)
	}
	fewest := ""
	if proven {
		fewest = " (proven fewest)"
	}
	return fmt.Sprintf("Story order: %s longer than the shortest (at most %s), %d of %d pairs out of time order%s, %d in the shortest.",
		Percent(extra), Percent(maxExtra), inversions, pairs, fewest, shortestInversions)
}

// Percent writes a ratio as a whole percentage, in both languages: "12%".
func Percent(ratio float64) string { return strconv.Itoa(int(math.Round(ratio*100))) + "%" }
