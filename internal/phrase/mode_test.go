package phrase

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/chuanzhu/chuanzhu/geo"
)

func TestModeName(t *testing.T) {
	tests := []struct {
		mode   geo.Mode
		zh, en string
	}{
		{geo.Walking(), "步行", "Walk"},
		{geo.Cycling(), "骑行", "Cycle"},
		{geo.CountyDrive(), "自驾", "Drive"},
		{geo.MountainDrive(), "自驾（山路）", "Drive (mountain roads)"},
		{geo.TouristBus(), "旅游巴士", "Tourist bus"},
		{geo.Mode{Name: "horse"}, "horse", "horse"},
		{geo.Mode{}, "路程", "Travel"},
	}
	for _, tt := range tests {
		t.Run(tt.mode.Name, func(t *testing.T) {
			both(t, tt.zh, tt.en, func(l Lang) string { return l.ModeName(tt.mode) })
		})
	}
}

// Every preset mode has a name of its own in both languages.
func TestModeNameCoversPresets(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range geo.Modes() {
		for _, l := range []Lang{Chinese, English} {
			name := l.ModeName(m)
			assert.NotEqual(t, m.Name, name, "%s has no %s name", m.Name, l)
			assert.False(t, seen[string(l)+name], "%s: %q names two modes", l, name)
			seen[string(l)+name] = true
		}
	}
}
