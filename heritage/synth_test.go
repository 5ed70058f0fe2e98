package heritage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// syllables are pinyin syllables with tone marks and a character for each,
// to build synthetic names that exercise folding (tones, ü, capitals).
var syllables = []struct{ py, zh string }{
	{"jìn", "晋"}, {"wén", "文"}, {"gōng", "公"}, {"mù", "墓"}, {"chē", "车"}, {"xiāng", "厢"},
	{"chéng", "城"}, {"tài", "太"}, {"yīn", "阴"}, {"sì", "寺"}, {"hé", "河"}, {"shān", "山"},
	{"lǜ", "绿"}, {"nǚ", "女"}, {"jiàng", "绛"}, {"héng", "横"}, {"běi", "北"}, {"péng", "倗"},
	{"zhōu", "周"}, {"jiā", "家"}, {"zhuāng", "庄"}, {"yún", "云"}, {"dǒng", "董"}, {"fēng", "封"},
	{"nán", "南"}, {"fán", "樊"}, {"qiáo", "乔"}, {"liǔ", "柳"}, {"dōng", "东"}, {"huá", "华"},
	{"shuǐ", "水"}, {"yuán", "源"}, {"táo", "陶"}, {"quán", "泉"}, {"mǎ", "马"}, {"tiān", "天"},
}

// synthSites returns n valid, varied sites spread over DefaultBound, the
// same for the same seed. IDs are "synth/sNNNNNNN".
func synthSites(n int, seed uint64) []Site {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	kinds := Kinds()
	themes := Themes()
	levels := []Level{National, Provincial, City, County}
	b := DefaultBound()
	sites := make([]Site, n)
	for i := range sites {
		k := kinds[r.IntN(len(kinds))]
		var zh, py strings.Builder
		for j, m := 0, 2+r.IntN(3); j < m; j++ {
			s := syllables[r.IntN(len(syllables))]
			zh.WriteString(s.zh)
			if j > 0 && j%2 == 0 {
				py.WriteByte(' ')
			}
			if j%2 == 0 {
				py.WriteString(strings.ToUpper(s.py[:1]) + s.py[1:])
			} else {
				py.WriteString(s.py)
			}
		}
		url := fmt.Sprintf("https://example.org/synth/%d", i)
		s := Site{
			ID:             fmt.Sprintf("synth/s%07d", i),
			Name:           Name{Zh: zh.String(), Pinyin: py.String(), En: fmt.Sprintf("Synthetic %s %d", k, i)},
			Kind:           k,
			Location:       orb.Point{b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1])},
			PrecisionM:     float64(10 + r.IntN(5000)),
			LocationSource: "synthetic test site",
			Sources:        []Source{{Title: "Synthetic source", URL: url}},
			Visit:          Visit{Duration: time.Duration(5*r.IntN(24)) * time.Minute},
		}
		if r.IntN(4) == 0 {
			s.Aliases = []string{syllables[r.IntN(len(syllables))].zh + "址"}
		}
		if !k.Anchor() {
			if r.IntN(5) > 0 {
				from := -3000 + r.IntN(4900)
				if from == 0 {
					from = 1
				}
				s.Period = &Period{Name: "Synthetic era"}
				switch r.IntN(3) {
				case 0:
					s.Period.From = Year(from)
				case 1:
					to := from + r.IntN(500)
					if to == 0 {
						to = 1
					}
					s.Period.From, s.Period.To = Year(from), Year(to)
				default:
					s.Period.To = Year(from)
				}
			}
			if r.IntN(3) > 0 {
				s.Designation = &Designation{Level: levels[r.IntN(len(levels))], Batch: r.IntN(9), Year: 1950 + r.IntN(75)}
			}
			for _, t := range themes {
				if r.IntN(4) == 0 {
					s.Themes = append(s.Themes, t.Slug)
				}
			}
			s.Notes = []Note{
				{Lang: "zh", Text: "合成测试数据。", Sources: []string{url}},
				{Lang: "en", Text: "Synthetic test data.", Sources: []string{url}},
			}
			if r.IntN(3) == 0 {
				s.Visit.OpeningHours = "Tu-Su 09:00-17:00; Mo off"
			}
			s.Score = DefaultScore(s)
		}
		sites[i] = s
	}
	return sites
}
