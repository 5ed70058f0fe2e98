package heritage

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNameIn(t *testing.T) {
	full := Name{Zh: "晋文公墓", Pinyin: "Jìn Wéngōng Mù", En: "Tomb of Duke Wen of Jin"}
	tests := []struct {
		name string
		n    Name
		lang string
		want string
	}{
		{"zh", full, "zh", "晋文公墓"},
		{"en", full, "en", "Tomb of Duke Wen of Jin"},
		{"other languages read English", full, "de", "Tomb of Duke Wen of Jin"},
		{"no English: pinyin", Name{Zh: "晋文公墓", Pinyin: "Jìn Wéngōng Mù"}, "en", "Jìn Wéngōng Mù"},
		{"only Chinese", Name{Zh: "晋文公墓"}, "en", "晋文公墓"},
		{"no Chinese: English", Name{Pinyin: "Jìn Wéngōng Mù", En: "Tomb"}, "zh", "Tomb"},
		{"only pinyin", Name{Pinyin: "Jìn Wéngōng Mù"}, "zh", "Jìn Wéngōng Mù"},
		{"empty", Name{}, "zh", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.n.In(tc.lang))
		})
	}
}

func TestSiteNote(t *testing.T) {
	zh1, zh2 := Note{Lang: "zh", Text: "一"}, Note{Lang: "zh", Text: "二"}
	en := Note{Lang: "en", Text: "one"}
	tests := []struct {
		name  string
		notes []Note
		lang  string
		want  Note
		ok    bool
	}{
		{"in lang", []Note{zh1, en}, "en", en, true},
		{"first in lang", []Note{en, zh1, zh2}, "zh", zh1, true},
		{"no English: Chinese", []Note{zh1}, "en", zh1, true},
		{"other language: Chinese before English", []Note{en, zh1}, "fr", zh1, true},
		{"no Chinese: English", []Note{en}, "zh", en, true},
		{"none", nil, "zh", Note{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Site{Notes: tc.notes}.Note(tc.lang)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestPeriodYears(t *testing.T) {
	tests := []struct {
		name     string
		p        *Period
		from, to int
		ok       bool
	}{
		{"nil", nil, 0, 0, false},
		{"no years", &Period{NameZh: "明"}, 0, 0, false},
		{"range", &Period{From: Year(-770), To: Year(-476)}, -770, -476, true},
		{"only from", &Period{From: Year(1612)}, 1612, 1612, true},
		{"only to", &Period{To: Year(-300)}, -300, -300, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to, ok := tc.p.Years()
			assert.Equal(t, []any{tc.from, tc.to, tc.ok}, []any{from, to, ok})
		})
	}
}

// A Visit's JSON names its duration in whole minutes, as the schema does.
func TestVisitMarshalJSON(t *testing.T) {
	tests := []struct {
		v    Visit
		want string
	}{
		{Visit{}, `{}`},
		{Visit{Duration: 45 * time.Minute, Ticket: "free", Estimated: []string{"minutes"}},
			`{"minutes": 45, "ticket": "free", "estimated": ["minutes"]}`},
		{Visit{Duration: 2*time.Hour + 30*time.Second}, `{"minutes": 120}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.v)
		require.NoError(t, err)
		assert.JSONEq(t, tc.want, string(b))
	}
}
