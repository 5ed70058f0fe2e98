package heritage

import (
	"io/fs"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefaultData checks the editorial rules of the embedded catalog,
// beyond what Load validates for any catalog.
func TestDefaultData(t *testing.T) {
	c, err := loadEmbedded(data)
	require.NoError(t, err, "the embedded data must load (Default panics otherwise)")
	require.Equal(t, c.Sites(), Default().Sites())
	require.Positive(t, c.Len())

	region, ok := c.Region()
	require.True(t, ok, "every file is loaded within DefaultBound")
	assert.Equal(t, DefaultBound(), region)

	seen := map[string]bool{}
	for _, s := range c.Sites() {
		t.Run(s.ID, func(t *testing.T) {
			assert.False(t, seen[s.ID], "unique ID")
			seen[s.ID] = true
			assert.NotEmpty(t, s.Sources, "every site is sourced")
			assert.Positive(t, s.PrecisionM, "precision present")
			assert.NotEmpty(t, strings.TrimSpace(s.LocationSource))
			assert.True(t, DefaultBound().Contains(s.Location))
			for i, x := range s.Location {
				assert.InDelta(t, math.Round(x*1e6), x*1e6, 1e-6, "coordinate %d has at most 6 decimals: %v", i, x)
			}
			assert.True(t, hasNonASCII(s.Name.Pinyin), "pinyin %q carries tone marks", s.Name.Pinyin)
			assert.Equal(t, DefaultScore(s), s.Score, "score follows the README rule")
			if s.Anchor() {
				assert.Nil(t, s.Period)
				assert.Nil(t, s.Designation)
				assert.Empty(t, s.Themes)
				return
			}
			langs := map[string]int{}
			for i, n := range s.Notes {
				langs[n.Lang]++
				assert.NotEmpty(t, n.Sources, "note %d has sources", i)
			}
			assert.Positive(t, langs["zh"], "a note in Chinese")
			assert.Positive(t, langs["en"], "a note in English")
			assert.NotEmpty(t, s.Themes)
			for _, th := range s.Themes {
				assert.True(t, KnownTheme(th), "theme %q is one of Themes()", th)
			}
			if s.Period != nil {
				assert.True(t, s.Period.Name != "" || s.Period.NameZh != "", "a period has a name")
			}
			for _, e := range s.Visit.Estimated {
				assert.Contains(t, []string{"minutes", "opening_hours", "ticket"}, e)
			}
		})
	}
}

// TestDefaultHoldsTheIssueSites checks that the sites issue 3 names can be
// found by their Chinese names.
func TestDefaultHoldsTheIssueSites(t *testing.T) {
	c := Default()
	for _, name := range []string{
		"晋献公墓", "晋文公墓", "晋灵公墓", "车厢城", "晋水", "横北倗国墓地", "周家庄遗址", "太阴寺",
		"景云宫", "董封戏台", "南樊石牌坊", "乔寺碑楼", "南柳泰山庙", "长春观", "绛县文庙", "东华山",
		"绛县博物馆", "侯马晋国遗址", "侯马盟", "天马", "晋国博物馆", "北寿城", "陶寺", "柳泉墓地",
	} {
		hits := c.Search(name)
		if assert.NotEmpty(t, hits, name) {
			assert.False(t, hits[0].Anchor(), name)
		}
	}
	var towns, stations int
	for _, s := range c.Sites() {
		switch s.Kind {
		case Town:
			towns++
		case RailStation:
			stations++
		}
	}
	assert.Positive(t, towns, "the county seat anchor")
	assert.Positive(t, stations, "rail-station anchors")
}

func TestEmbeddedFilesLoadAlone(t *testing.T) {
	names, err := fs.Glob(data, "data/*.geojson")
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, name := range names {
		b, err := fs.ReadFile(data, name)
		require.NoError(t, err)
		// Alone but for references to the other files.
		_, err = load(b, name, strictGoccy, []Option{WithinBound(DefaultBound()), ReferTo(Default())})
		assert.NoError(t, err, name)
	}
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// TestDefaultVisitorFacts checks what the embedded catalog tells a
// visitor (issue 11): every heritage site says whether one can get in and
// how sure its hours are, every site has an address, anchors carry no
// visit facts, and a site seen through another keeps that site's hours,
// so no plan sends a visitor there when it is shut.
func TestDefaultVisitorFacts(t *testing.T) {
	c := Default()
	for _, s := range c.Sites() {
		t.Run(s.ID, func(t *testing.T) {
			if assert.NotNil(t, s.Address, "an address") {
				assert.NotEmpty(t, s.Address.Zh)
			}
			if s.Anchor() {
				assert.Empty(t, s.Visit.Experience)
				assert.Empty(t, s.Visit.Access)
				assert.Empty(t, s.Visit.HoursStatus)
				return
			}
			assert.NotEmpty(t, s.Visit.Access, "access, unknown if not found")
			assert.NotEmpty(t, s.Visit.HoursStatus, "hours status, unknown if not found")
			if s.Visit.HoursStatus == HoursUnknown {
				assert.Empty(t, s.Visit.OpeningHours, "no hours without a status")
			}
			if s.VisitVia != "" {
				via, ok := c.Get(s.VisitVia)
				require.True(t, ok)
				if via.Visit.OpeningHours != "" {
					assert.Equal(t, via.Visit.OpeningHours, s.Visit.OpeningHours, "seen through %s, on its hours", via.ID)
				}
			}
		})
	}
}
