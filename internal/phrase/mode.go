package phrase

import "github.com/chuanzhu/chuanzhu/geo"

// ModeName names a travel mode by its [geo.Mode.Name] as a visitor
// chooses it, in a list of ways to travel: walk "Walk" 步行, cycle
// "Cycle" 骑行, drive "Drive" 自驾, drive-mountain "Drive (mountain
// roads)" 自驾（山路）, bus "Tourist bus" 旅游巴士. Any other mode is
// named by its Name; the zero Mode of a plan made from a travel matrix is
// "Travel" 路程. [Lang.Travel] names the same modes as the travel they
// make ("12 min drive").
func (l Lang) ModeName(m geo.Mode) string {
	if w, ok := modeNames[m.Name]; ok {
		return l.Pick(w[0], w[1])
	}
	if m.Name != "" {
		return m.Name
	}
	return l.Pick("路程", "Travel")
}

// modeNames are [Lang.ModeName]'s names in Chinese and English.
var modeNames = map[string][2]string{
	"walk":           {"步行", "Walk"},
	"cycle":          {"骑行", "Cycle"},
	"drive":          {"自驾", "Drive"},
	"drive-mountain": {"自驾（山路）", "Drive (mountain roads)"},
	"bus":            {"旅游巴士", "Tourist bus"},
}
