package tour

import (
	"testing"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/stretchr/testify/assert"
)

func TestStoryYear(t *testing.T) {
	tests := []struct {
		period *heritage.Period
		year   int
		ok     bool
	}{
		{nil, 0, false},
		{&heritage.Period{NameZh: "不详"}, 0, false},
		{&heritage.Period{NameZh: "明", From: heritage.Year(1400)}, 1400, true},
		{&heritage.Period{NameZh: "西周至春秋早期"}, -1046, true},
		{&heritage.Period{NameZh: "仰韶至二里岗（以龙山时期为主）"}, -5000, true},
		{&heritage.Period{NameZh: "春秋晚期至战国早期"}, -574, true},
		{&heritage.Period{NameZh: "后唐创建"}, 923, true},
		{&heritage.Period{NameZh: "唐创建，现存为元代重建"}, 618, true},
		{&heritage.Period{NameZh: "明、清"}, 1368, true},
		{&heritage.Period{NameZh: "晋"}, 0, false},
		{&heritage.Period{To: heritage.Year(-300)}, -300, true},
	}
	for _, tt := range tests {
		name := "nil"
		if tt.period != nil {
			name = tt.period.NameZh
		}
		t.Run(name, func(t *testing.T) {
			y, ok := storyYear(heritage.Site{Period: tt.period})
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.year, y)
		})
	}
}

func TestFirstSentence(t *testing.T) {
	assert.Equal(t, "A town (no. V-12) of Jin", firstSentence("A town (no. V-12) of Jin. It fell.", false))
	assert.Equal(t, "A", firstSentence("A; b", false))
	assert.Equal(t, "1;2 ok", firstSentence("1;2 ok", false))
	assert.Equal(t, "夯土城址（编号V-12。）", firstSentence("夯土城址（编号V-12。）。后来", true))
	assert.Equal(t, "一句话", firstSentence("一句话；两句话。", true))
	assert.Equal(t, "3.5 km long", firstSentence("3.5 km long", false))
}
