package tour

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// describeLine is a hand-made line of two dated sites with notes, from
// the county seat and back: 30.6 km, 1 h 35 min of driving, 1 h 15 min of
// visits.
func describeLine(base bool, story *Story) *Line {
	site := func(zh, en, periodZh, period, noteZh, noteEn string, score int) heritage.Site {
		return heritage.Site{
			ID: "jiangxian/" + en, Name: heritage.Name{Zh: zh, En: en}, Score: score,
			Period: &heritage.Period{NameZh: periodZh, Name: period},
			Notes:  []heritage.Note{{Lang: "zh", Text: noteZh}, {Lang: "en", Text: noteEn}},
		}
	}
	depart := lineStart()
	l := &Line{
		Sites: []heritage.Site{
			site("晋文公墓", "Tomb of Duke Wen", "春秋", "Spring and Autumn", "传为晋文公墓。", "Said to be the tomb of Duke Wen.", 60),
			site("太阴寺", "Taiyin Temple", "明", "Ming", "", "", 50),
		},
		Plan: &route.Plan{Days: []route.DayPlan{{
			Depart: depart, Return: depart.Add(170 * time.Minute),
			Distance: 30_600, Travel: 95 * time.Minute, Visit: 75 * time.Minute,
		}}},
		Story: story,
	}
	if base {
		l.Base = &heritage.Site{ID: "anchor/seat", Name: heritage.Name{Zh: "绛县县城", En: "Jiang County seat"}}
	}
	return l
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name   string
		base   bool
		story  *Story
		mode   geo.Mode
		zh, en string
	}{
		{
			name: "loop by car", base: true, mode: geo.CountyDrive(),
			zh: "从绛县县城出发，依次游览 2 处地点：晋文公墓、太阴寺，再回到绛县县城。" +
				"全程约 30.6 公里，车程约 1 小时 35 分钟，参观约 1 小时 15 分钟，共约 2 小时 50 分钟。" +
				"最早：晋文公墓，春秋；最晚：太阴寺，明。晋文公墓：传为晋文公墓。",
			en: "From Jiang County seat, 2 sites in turn: Tomb of Duke Wen, Taiyin Temple; then back to Jiang County seat. " +
				"About 30.6 km, 1 h 35 min drive and 1 h 15 min of visits, 2 h 50 min in all. " +
				"Oldest: Tomb of Duke Wen, Spring and Autumn; newest: Taiyin Temple, Ming. Tomb of Duke Wen: Said to be the tomb of Duke Wen.",
		},
		{
			name: "open path on foot, story order", mode: geo.Walking(), story: &Story{Pairs: 1, Extra: 0.12},
			zh: "依次游览 2 处地点：晋文公墓、太阴寺。" +
				"全程约 30.6 公里，步行约 1 小时 35 分钟，参观约 1 小时 15 分钟，共约 2 小时 50 分钟。" +
				"最早：晋文公墓，春秋；最晚：太阴寺，明。按年代先后游览，比最短路线多走12%。晋文公墓：传为晋文公墓。",
			en: "2 sites in turn: Tomb of Duke Wen, Taiyin Temple. " +
				"About 30.6 km, 1 h 35 min walk and 1 h 15 min of visits, 2 h 50 min in all. " +
				"Oldest: Tomb of Duke Wen, Spring and Autumn; newest: Taiyin Temple, Ming. " +
				"Visited oldest first, 12% longer than the shortest way. Tomb of Duke Wen: Said to be the tomb of Duke Wen.",
		},
		{
			name: "roughly in order, no longer", mode: geo.Mode{}, story: &Story{Pairs: 3, Inversions: 1},
			zh: "依次游览 2 处地点：晋文公墓、太阴寺。" +
				"全程约 30.6 公里，路程约 1 小时 35 分钟，参观约 1 小时 15 分钟，共约 2 小时 50 分钟。" +
				"最早：晋文公墓，春秋；最晚：太阴寺，明。大体按年代先后游览，不比最短路线远。晋文公墓：传为晋文公墓。",
			en: "2 sites in turn: Tomb of Duke Wen, Taiyin Temple. " +
				"About 30.6 km, 1 h 35 min travel and 1 h 15 min of visits, 2 h 50 min in all. " +
				"Oldest: Tomb of Duke Wen, Spring and Autumn; newest: Taiyin Temple, Ming. " +
				"Visited roughly oldest first, no longer than the shortest way. Tomb of Duke Wen: Said to be the tomb of Duke Wen.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(describeLine(tt.base, tt.story), tt.mode)
			assert.Equal(t, tt.zh, got.Zh)
			assert.Equal(t, tt.en, got.En)
		})
	}
}
