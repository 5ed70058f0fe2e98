package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/heritage"
)

func TestLinesText(t *testing.T) {
	code, out, errs := runCLI(t, "", "lines")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "晋文化寻根·绛县线 / Jin culture roots: Jiangxian line  [jin-culture/jiangxian]")
	// The Jiang County line visits the dukes' tombs, numbered.
	block := out[strings.Index(out, "[jin-culture/jiangxian]"):]
	block = block[:strings.Index(block, "\n\n")]
	assert.Contains(t, block, ". 晋文公墓  Tomb of Duke Wen of Jin")
	assert.Contains(t, block, "(jiangxian/jin-wengong-tomb)")
	assert.Contains(t, block, " 1. ")

	code, out, errs = runCLI(t, "", "lines", "-lang", "en", "-theme", "jin-culture")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "Jin culture roots: Jiangxian line  [jin-culture/jiangxian]")
	assert.NotContains(t, out, "晋文化寻根")
	for _, l := range strings.Split(out, "\n\n") {
		assert.True(t, strings.Contains(l, "[jin-culture/"), "only the theme's lines: %q", l[:min(len(l), 80)])
	}
}

func TestLinesJSON(t *testing.T) {
	code, out, errs := runCLI(t, "", "lines", "-format", "json", "-theme", "jin-culture", "-story", "0.2")
	require.Equal(t, 0, code, errs)
	var got linesOut
	require.NoError(t, jsonUnmarshal(out, &got))
	assert.Equal(t, "wgs84", got.Datum)
	require.NotEmpty(t, got.Lines)
	cat := heritage.Default()
	onLines := map[string]bool{}
	for _, l := range got.Lines {
		assert.Equal(t, "jin-culture", l.Theme.Slug)
		assert.True(t, strings.HasPrefix(l.ID, "jin-culture/"), l.ID)
		require.GreaterOrEqual(t, len(l.Sites), 2, l.ID)
		for _, p := range l.Sites {
			s, ok := cat.Get(p.ID)
			require.True(t, ok, p.ID)
			assert.True(t, s.HasTheme(heritage.ThemeJinCulture), p.ID)
			assert.False(t, onLines[p.ID], "%s on one line only", p.ID)
			onLines[p.ID] = true
			assert.Equal(t, s.Name.Zh, p.Name)
		}
		assert.Greater(t, l.LengthM, 0.0)
		assert.Greater(t, l.DurationS, l.TravelS)
		require.NotNil(t, l.Story, l.ID)
		assert.LessOrEqual(t, l.Story.Extra, 0.2+1e-9, l.ID)
		assert.LessOrEqual(t, l.Story.Inversions, l.Story.ShortestInversions, l.ID)
		assert.NotEmpty(t, l.Description.Zh)
		assert.NotEmpty(t, l.Description.En)
	}
	assert.True(t, onLines["jiangxian/jin-wengong-tomb"])
}

func TestWrap(t *testing.T) {
	zh := "从绛县县城（古绛镇）出发，依次游览5处地点：车厢城城址、晋献公墓、晋文公墓、晋灵公墓、晋水源，再回到绛县县城。"
	en := "From Jiang County seat (Gujiang town), 5 sites in turn: Chexiang City ruins; Tomb of Duke Xian of Jin (attributed); then back."
	for _, tc := range []struct {
		name, text string
		n          int
	}{{"zh", zh, 24}, {"en", en, 30}} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			wrap(&b, tc.text, "  ", tc.n)
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			require.Greater(t, len(lines), 2)
			var joined []string
			for _, l := range lines {
				require.True(t, strings.HasPrefix(l, "  "), l)
				l = strings.TrimPrefix(l, "  ")
				// A closing mark may hang past the width by one character.
				assert.LessOrEqual(t, displayWidth(l), tc.n, "%q", l)
				first, _ := utf8.DecodeRuneInString(l)
				assert.False(t, strings.ContainsRune(noLineStart, first), "line starts with %q", first)
				joined = append(joined, l)
			}
			if tc.name == "zh" {
				assert.Equal(t, tc.text, strings.Join(joined, ""))
			} else {
				assert.Equal(t, tc.text, strings.Join(joined, " "))
			}
		})
	}
}

// linesOut is the lines' JSON as the test decodes it, written out from the
// documented schema (tour's package doc, "JSON") apart from the encoder.
type linesOut struct {
	Datum string `json:"datum"`
	Lines []struct {
		ID    string `json:"id"`
		Theme struct {
			Slug string `json:"slug"`
		} `json:"theme"`
		Sites []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"sites"`
		LengthM     float64 `json:"length_m"`
		TravelS     int64   `json:"travel_s"`
		DurationS   int64   `json:"duration_s"`
		Description struct {
			Zh string `json:"zh"`
			En string `json:"en"`
		} `json:"description"`
		Story *struct {
			Extra              float64 `json:"extra"`
			Inversions         int     `json:"inversions"`
			ShortestInversions int     `json:"shortest_inversions"`
		} `json:"story"`
	} `json:"lines"`
}
