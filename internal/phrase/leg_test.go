package phrase

import (
	"testing"
	"time"
)

func TestSpan(t *testing.T) {
	tests := []struct {
		lo, hi time.Duration
		zh, en string
	}{
		{20 * time.Minute, 45 * time.Minute, "20–45 分钟", "20–45 min"},
		{10 * time.Second, 7 * time.Minute, "1–7 分钟", "1–7 min"},
		{0, 7 * time.Minute, "0–7 分钟", "0–7 min"},
		{50 * time.Minute, 80 * time.Minute, "50 分钟 – 1 小时 20 分钟", "50 min – 1 h 20 min"},
		{12*time.Minute + 10*time.Second, 12 * time.Minute, "12 分钟", "12 min"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) { both(t, tt.zh, tt.en, func(l Lang) string { return l.Span(tt.lo, tt.hi) }) })
	}
}

func TestLeg(t *testing.T) {
	const m = time.Minute
	tests := []struct {
		name   string
		leg    Leg
		zh, en string
	}{
		{"precise", Leg{Duration: 12 * m, DurationMin: 12 * m, DurationMax: 12 * m, Distance: 8449},
			"12 分钟 · 8.4 公里", "12 min · 8.4 km"},
		{"precise, short", Leg{Duration: 40 * time.Second, Distance: 546}, "1 分钟 · 550 米", "1 min · 550 m"},
		{"rough with a range", Leg{Duration: 31 * m, DurationMin: 20 * m, DurationMax: 45 * m, Distance: 8449, Rough: true},
			"约 20–45 分钟 · 约 8.4 公里 · 直线估算", "about 20–45 min · about 8.4 km · straight-line estimate"},
		{"rough, range under a minute", Leg{Duration: 12 * m, DurationMin: 12 * m, DurationMax: 12*m + 30*time.Second, Distance: 8449, Rough: true},
			"约 12 分钟 · 约 8.4 公里 · 直线估算", "about 12 min · about 8.4 km · straight-line estimate"},
		{"rough, long range", Leg{Duration: 50 * m, DurationMin: 40 * m, DurationMax: 79 * m, Distance: 20_400, Rough: true},
			"约 40 分钟 – 1 小时 19 分钟 · 约 20.4 公里 · 直线估算", "about 40 min – 1 h 19 min · about 20.4 km · straight-line estimate"},
		{"rough at one point", Leg{Rough: true}, "两处位置均为约略，实际相距多远不详", "distance on the ground unknown: both places are only roughly located"},
		{"inside a museum", Leg{Rough: true, Inside: "晋国博物馆"}, "在晋国博物馆内参观，无需乘车", "seen inside 晋国博物馆: no travel"},
		{"inside, but a matrix gives travel", Leg{Duration: 12 * m, DurationMin: 12 * m, DurationMax: 12 * m, Distance: 8449, Inside: "晋国博物馆"},
			"12 分钟 · 8.4 公里", "12 min · 8.4 km"},
		{"rough at one point with a range", Leg{Duration: 9 * m, DurationMin: 0, DurationMax: 25 * m, Distance: 0, Rough: true},
			"至多 25 分钟 · 直线估算", "up to 25 min · straight-line estimate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { both(t, tt.zh, tt.en, func(l Lang) string { return l.Leg(tt.leg) }) })
	}
}

func TestLocate(t *testing.T) {
	both(t, "位置仅知在约 23.5 公里范围内，请打听：晋文公墓 绛县卫庄镇", "Location known only to within 23.5 km: ask for 晋文公墓 绛县卫庄镇",
		func(l Lang) string { return l.Locate(23_500, "晋文公墓 绛县卫庄镇") })
}
