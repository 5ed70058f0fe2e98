package phrase

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLineWords(t *testing.T) {
	tests := []struct {
		name   string
		zh, en string
		write  func(Lang) string
	}{
		{"no lines", "没有主题线路。", "No themed lines.", Lang.NoLines},
		{"theme", "主题", "Theme", Lang.Theme},
		{"base", "起止", "From and back to", Lang.Base},
		{"one way", "单程线路（附近无车站或城镇）", "One way (no town or station nearby)", Lang.OneWay},
		{"left out", "未收入", "Left out", Lang.LeftOutHeading},
		{"length", "全程 30.6 公里", "Length 30.6 km", func(l Lang) string { return l.LineLength(30_600) }},
		{"travel", "路上 1 小时 35 分钟", "travel 1 h 35 min", func(l Lang) string { return l.LineTravel(95 * time.Minute) }},
		{"day", "全天 5 小时", "day 5 h", func(l Lang) string { return l.LineDay(5 * time.Hour) }},
		{"one on other lines", "本主题另有 1 处在其他线路上", "1 more site of the theme is on its other lines",
			func(l Lang) string { return l.OnOtherLines(1) }},
		{"seven on other lines", "本主题另有 7 处在其他线路上", "7 more sites of the theme are on its other lines",
			func(l Lang) string { return l.OnOtherLines(7) }},
		{"story cost", "故事顺序：比最短路线长 12%（上限 20%），10 对中有 1 对年代倒序，最短路线为 4 对。",
			"Story order: 12% longer than the shortest (at most 20%), 1 of 10 pairs out of time order, 4 in the shortest.",
			func(l Lang) string { return l.StoryCost(0.123, 0.2, 1, 10, false, 4) }},
		{"story cost proven", "故事顺序：比最短路线长 0%（上限 20%），3 对中有 0 对年代倒序（已证最少），最短路线为 2 对。",
			"Story order: 0% longer than the shortest (at most 20%), 0 of 3 pairs out of time order (proven fewest), 2 in the shortest.",
			func(l Lang) string { return l.StoryCost(0, 0.2, 0, 3, true, 2) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { both(t, tt.zh, tt.en, tt.write) })
	}
}

func TestPercent(t *testing.T) {
	for _, tt := range []struct {
		ratio float64
		want  string
	}{{0, "0%"}, {0.004, "0%"}, {0.005, "1%"}, {0.123, "12%"}, {0.2, "20%"}, {1.5, "150%"}} {
		assert.Equal(t, tt.want, Percent(tt.ratio), "%v", tt.ratio)
	}
}
