package phrase

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/chuanzhu/chuanzhu/geo"
)

// both checks what write writes in Chinese and in English.
func both(t *testing.T, zh, en string, write func(Lang) string) {
	t.Helper()
	assert.Equal(t, zh, write(Chinese), "Chinese")
	assert.Equal(t, en, write(English), "English")
}

func TestPick(t *testing.T) {
	tests := []struct {
		name   string
		lang   Lang
		zh, en string
		want   string
	}{
		{"zh", Chinese, "甲", "A", "甲"},
		{"en", English, "甲", "A", "A"},
		{"zh missing", Chinese, "", "A", "A"},
		{"en missing", English, "甲", "", "甲"},
		{"both missing", English, "", "", ""},
		{"other language writes English", Lang("fr"), "甲", "A", "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.lang.Pick(tt.zh, tt.en))
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		metres float64
		zh, en string
	}{
		{0, "0 米", "0 m"},
		{4, "0 米", "0 m"},
		{546, "550 米", "550 m"},
		{999.4, "1000 米", "1000 m"},
		{1000, "1.0 公里", "1.0 km"},
		{8449, "8.4 公里", "8.4 km"},
		{30_600, "30.6 公里", "30.6 km"},
		{52_000, "52.0 公里", "52.0 km"},
		{99_940, "99.9 公里", "99.9 km"},
		{100_000, "100 公里", "100 km"},
		{126_400, "126 公里", "126 km"},
		{-1, "?", "?"},
		{math.NaN(), "?", "?"},
		{math.Inf(1), "?", "?"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) { both(t, tt.zh, tt.en, func(l Lang) string { return l.Distance(tt.metres) }) })
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d      time.Duration
		zh, en string
	}{
		{0, "0 分钟", "0 min"},
		{10 * time.Second, "1 分钟", "1 min"},
		{29*time.Minute + 29*time.Second, "29 分钟", "29 min"},
		{45 * time.Minute, "45 分钟", "45 min"},
		{2 * time.Hour, "2 小时", "2 h"},
		{95 * time.Minute, "1 小时 35 分钟", "1 h 35 min"},
		{119*time.Minute + 40*time.Second, "2 小时", "2 h"},
		{-5 * time.Minute, "0 分钟", "0 min"},
	}
	assert.Equal(t, "分钟", Chinese.Minute())
	assert.Equal(t, "min", English.Minute())
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) { both(t, tt.zh, tt.en, func(l Lang) string { return l.Duration(tt.d) }) })
	}
}

func TestClockAndDates(t *testing.T) {
	at := time.Date(2025, 5, 1, 8, 29, 40, 0, time.FixedZone("CST", 8*3600))
	assert.Equal(t, "08:30", Clock(at))
	assert.Equal(t, "2025年5月1日 星期四", Chinese.Date(at))
	assert.Equal(t, "Thursday 1 May 2025", English.Date(at))
	assert.Equal(t, "2025年5月1日", Chinese.ShortDate(at))
	assert.Equal(t, "1 May 2025", English.ShortDate(at))
	sunday := time.Date(2027, 5, 2, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, "2027年5月2日 星期日", Chinese.Date(sunday))
}

func TestCounts(t *testing.T) {
	tests := []struct {
		n                        int
		zhSites, enSites         string
		zhDays, enDays, zhN, enN string
	}{
		{0, "0 处", "0 sites", "0 天", "0 days", "第 0 天", "Day 0"},
		{1, "1 处", "1 site", "1 天", "1 day", "第 1 天", "Day 1"},
		{2, "2 处", "2 sites", "2 天", "2 days", "第 2 天", "Day 2"},
		{12, "12 处", "12 sites", "12 天", "12 days", "第 12 天", "Day 12"},
	}
	for _, tt := range tests {
		t.Run(tt.enSites, func(t *testing.T) {
			assert.Equal(t, tt.zhSites, Chinese.Sites(tt.n))
			assert.Equal(t, tt.enSites, English.Sites(tt.n))
			assert.Equal(t, tt.zhDays, Chinese.Days(tt.n))
			assert.Equal(t, tt.enDays, English.Days(tt.n))
			assert.Equal(t, tt.zhN, Chinese.Day(tt.n))
			assert.Equal(t, tt.enN, English.Day(tt.n))
		})
	}
}

func TestTravel(t *testing.T) {
	tests := []struct {
		mode   geo.Mode
		zh, en string
	}{
		{geo.Walking(), "步行", "walk"},
		{geo.Cycling(), "骑行", "ride"},
		{geo.CountyDrive(), "车程", "drive"},
		{geo.MountainDrive(), "山路车程", "mountain drive"},
		{geo.TouristBus(), "乘车", "bus ride"},
		{geo.Mode{}, "路程", "travel"},
		{geo.Mode{Name: "horse", Speed: 8, Circuity: 1.4}, "路程", "travel"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) { both(t, tt.zh, tt.en, func(l Lang) string { return l.Travel(tt.mode) }) })
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		items  []string
		zh, en string
	}{
		{nil, "", ""},
		{[]string{"A"}, "A", "A"},
		{[]string{"晋文公墓", "太阴寺", "车厢城"}, "晋文公墓、太阴寺、车厢城", "晋文公墓, 太阴寺, 车厢城"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) { both(t, tt.zh, tt.en, func(l Lang) string { return l.List(tt.items) }) })
	}
}

func TestLeftOut(t *testing.T) {
	tests := []struct {
		lang   Lang
		reason string
		want   string
	}{
		{Chinese, "budget", "时间不够"},
		{English, "closed", "closed on the day"},
		{English, "unreachable", "cannot be reached within the opening hours or the day"},
		{Chinese, "other", "other"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.lang.LeftOut(tc.reason), "%s %s", tc.lang, tc.reason)
	}
}
