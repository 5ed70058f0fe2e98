package tour

import (
	"strings"

	"github.com/chuanzhu/chuanzhu/heritage"
)

// era is a named period of Chinese history or prehistory and its
// conventional first and last years (BCE negative).
type era struct {
	zh       string
	from, to int
}

// eras returns the eras [storyYear] recognises with their conventional
// years: for the dynasties the dates of the standard chronologies (Xia,
// Shang and Western Zhou as fixed by the Xia–Shang–Zhou Chronology
// Project, 2000; later dynasties by their founding and fall), for the
// archaeological cultures the usual rounded ranges (Yangshao about
// 5000–3000 BCE, Longshan about 3000–1900 BCE, Erlitou about 1900–1500
// BCE, Erligang about 1600–1400 BCE), as in the Wikipedia articles
// "Timeline of Chinese history" and on each culture. "晋" alone is left
// out: it may mean the Jin state or the Jin dynasty.
func eras() []era {
	return []era{
		{"仰韶", -5000, -3000}, {"龙山", -3000, -1900}, {"夏", -2070, -1600},
		{"二里头", -1900, -1500}, {"商", -1600, -1046}, {"二里岗", -1600, -1400},
		{"西周", -1046, -771}, {"东周", -770, -256}, {"春秋", -770, -476},
		{"战国", -475, -221}, {"秦", -221, -207}, {"西汉", -202, 8}, {"汉", -202, 220},
		{"东汉", 25, 220}, {"三国", 220, 280}, {"魏", 220, 266}, {"西晋", 266, 316},
		{"东晋", 317, 420}, {"北魏", 386, 534}, {"隋", 581, 618}, {"唐", 618, 907},
		{"五代", 907, 960}, {"后唐", 923, 937}, {"北宋", 960, 1127}, {"宋", 960, 1279},
		{"金", 1115, 1234}, {"南宋", 1127, 1279}, {"元", 1271, 1368}, {"明", 1368, 1644},
		{"清", 1644, 1912}, {"民国", 1912, 1949},
	}
}

// storyYear returns the year a site's story begins: the first known year
// of its period, else the conventional first year of the era its Chinese
// period name starts with ("西周至春秋早期" → -1046); an era followed by
// 早期, 中期 or 晚期 (early, middle, late) starts at the beginning of its
// first, second or last third ("春秋晚期" → -574). ok is false when
// neither is known.
func storyYear(s heritage.Site) (year int, ok bool) {
	if y, _, ok := s.Period.Years(); ok {
		return y, true
	}
	if s.Period == nil {
		return 0, false
	}
	var best era
	for _, e := range eras() {
		if strings.HasPrefix(s.Period.NameZh, e.zh) && len(e.zh) > len(best.zh) {
			best = e
		}
	}
	if best.zh == "" {
		return 0, false
	}
	rest := strings.TrimPrefix(s.Period.NameZh, best.zh)
	rest = strings.TrimPrefix(rest, "时期")
	rest = strings.TrimPrefix(rest, "文化")
	switch {
	case strings.HasPrefix(rest, "中期"):
		return best.from + (best.to-best.from)/3, true
	case strings.HasPrefix(rest, "晚期"):
		return best.from + 2*(best.to-best.from)/3, true
	}
	return best.from, true
}
