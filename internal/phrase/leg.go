package phrase

import (
	"strconv"
	"time"
)

// Leg is one journey of a plan as the words describe it: its expected
// travel time with its least and greatest value, its expected distance,
// and whether an end of it is a place known only roughly, so that the
// figures are an estimate along a straight line rather than a road's.
type Leg struct {
	// Duration is the expected travel time; DurationMin and DurationMax
	// bound it (equal to it when both ends are precise).
	Duration, DurationMin, DurationMax time.Duration
	// Distance is the expected distance in metres.
	Distance float64
	// Rough is true when an end of the leg is known only roughly. The
	// caller decides it from the places' precision (route.CoarsePrecision
	// is the threshold plans use).
	Rough bool
	// Inside, when not empty, names the place the leg stays inside: one
	// end is seen through the other at the same point (a cemetery shown
	// in its museum), so the leg takes no travel.
	Inside string
}

// spread is how much wider than a minute a leg's time range must be to be
// written as a range rather than as one time.
const spread = time.Minute

// Span writes a range of durations: "20–45 min", "50 min – 1 h 20 min";
// "20–45 分钟", "50 分钟 – 1 小时 20 分钟". Two durations under an hour
// share their unit; lo and hi that round to the same minute are written
// once.
func (l Lang) Span(lo, hi time.Duration) string {
	a, b := l.Duration(lo), l.Duration(hi)
	if a == b {
		return a
	}
	if hi.Round(time.Minute) < time.Hour {
		m := int(max(lo, 0).Round(time.Minute) / time.Minute)
		if m == 0 && lo > 0 {
			m = 1
		}
		return strconv.Itoa(m) + "–" + b
	}
	return a + " – " + b
}

// About marks a figure as an estimate: "about 12 min"; "约 12 分钟".
func (l Lang) About(figure string) string { return l.Pick("约 ", "about ") + figure }

// Leg writes a leg in short, as a list of stops shows it between two
// entries: "12 min · 8.4 km" for a leg between precise places; for a rough
// leg its time range (or its time) and distance as estimates along a
// straight line: "about 20–45 min · about 8.4 km · straight-line
// estimate"; "约 20–45 分钟 · 约 8.4 公里 · 直线估算" ("up to 45 min" when
// the least time is nothing), without the distance when it is 0. A rough
// leg of no distance and no range (two places given at one approximate
// point) says that its length is not known.
func (l Lang) Leg(g Leg) string {
	if g.Inside != "" && g.DurationMax == 0 && g.Distance == 0 {
		return l.Inside(g.Inside)
	}
	if !g.Rough {
		return l.Duration(g.Duration) + " · " + l.Distance(g.Distance)
	}
	wide := g.DurationMax > g.DurationMin+spread
	if g.Distance < 1 && !wide {
		return l.UnknownDistance()
	}
	s := l.About(l.Duration(g.Duration))
	switch {
	case wide && g.DurationMin < time.Minute/2:
		s = l.Pick("至多 ", "up to ") + l.Duration(g.DurationMax)
	case wide:
		s = l.About(l.Span(g.DurationMin, g.DurationMax))
	}
	if g.Distance >= 1 {
		s += " · " + l.About(l.Distance(g.Distance))
	}
	return s + " · " + l.Pick("直线估算", "straight-line estimate")
}

// Inside says that a leg stays inside one place, named host: "seen inside
// Jinguo Museum: no travel"; "在晋国博物馆内参观，无需乘车".
func (l Lang) Inside(host string) string {
	return l.Pick("在"+host+"内参观，无需乘车", "seen inside "+host+": no travel")
}

// UnknownDistance says that the distance between two places given at one
// approximate point is not known: "distance on the ground unknown: both
// places are only roughly located"; "两处位置均为约略，实际相距多远不详".
func (l Lang) UnknownDistance() string {
	return l.Pick("两处位置均为约略，实际相距多远不详", "distance on the ground unknown: both places are only roughly located")
}

// Locate tells a visitor how to find a place known only to within
// precision metres, as a guide would, by what to ask for there (its
// address, or its name and township): "Location known only to within
// 23.5 km: ask for 晋文公墓 绛县卫庄镇"; "位置仅知在约 23.5 公里范围内，请打听：
// 晋文公墓 绛县卫庄镇". The sentence is the text itinerary's.
func (l Lang) Locate(precision float64, ask string) string {
	return l.Pick("位置仅知在约 "+l.Distance(precision)+"范围内，请打听："+ask,
		"Location known only to within "+l.Distance(precision)+": ask for "+ask)
}
