package tour

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomSites returns n sites scattered over about 30 × 30 km around
// Jiang County, each with a year (some undated, some sharing a year).
func randomSites(r *rand.Rand, n int) []heritage.Site {
	sites := make([]heritage.Site, n)
	for i := range sites {
		sites[i] = heritage.Site{
			ID:       fmt.Sprintf("test/s%d", i),
			Location: [2]float64{111.4 + 0.3*r.Float64(), 35.4 + 0.3*r.Float64()},
			Visit:    heritage.Visit{Minutes: 30},
		}
		switch k := r.IntN(6); k {
		case 0: // undated
		case 1:
			sites[i].Period = &heritage.Period{NameZh: "明"} // dated by era: 1368
		default:
			sites[i].Period = &heritage.Period{From: heritage.Year(-1000 + 100*r.IntN(12))}
		}
	}
	return sites
}

// bruteStory enumerates every order and returns the fewest inversions
// among those within the limit and the budget, and the shortest length
// of those.
func bruteStory(sp *storyProblem, maxExtra float64) (inv int, length int64) {
	n := sp.n
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	var all [][]int
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			all = append(all, append([]int(nil), perm...))
			return
		}
		for i := k; i < n; i++ {
			perm[k], perm[i] = perm[i], perm[k]
			rec(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	rec(0)
	shortest := int64(-1)
	for _, p := range all {
		if l := sp.length(p); shortest < 0 || l < shortest {
			shortest = l
		}
	}
	limit := bound(shortest, maxExtra)
	inv, length = -1, -1
	for _, p := range all {
		l := sp.length(p)
		if l > limit || !sp.fits(p) {
			continue
		}
		k := sp.inversions(p)
		if inv < 0 || k < inv || (k == inv && l < length) {
			inv, length = k, l
		}
	}
	return inv, length
}

func TestStoryExactMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 60 {
		n := 1 + trial%7
		sites := randomSites(r, n)
		var base *heritage.Site
		if trial%3 != 0 {
			base = &heritage.Site{ID: "anchor/base", Location: [2]float64{111.55, 35.5}}
		}
		budget := time.Duration(0)
		if trial%4 == 1 {
			budget = time.Duration(n)*30*time.Minute + 90*time.Minute
		}
		sp, err := newStoryProblem(sites, base, geo.CountyDrive(), budget)
		require.NoError(t, err)
		for _, x := range []float64{0, 0.1, 0.3, 2} {
			order, shortest := sp.exact(x)
			wantInv, wantLen := bruteStory(sp, x)
			name := fmt.Sprintf("trial %d n=%d base=%v x=%v", trial, n, base != nil, x)
			require.Len(t, order, n, name)
			if wantInv < 0 {
				continue // nothing fits the budget (only with a tight one)
			}
			assert.Equal(t, wantInv, sp.inversions(order), name)
			assert.Equal(t, wantLen, sp.length(order), name)
			assert.LessOrEqual(t, sp.length(order), bound(shortest, x), name)
			assert.True(t, sp.fits(order), name)
		}
	}
}

func TestStorySearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for trial := range 20 {
		sites := randomSites(r, 6+trial%3)
		sp, err := newStoryProblem(sites, &heritage.Site{Location: [2]float64{111.55, 35.5}}, geo.CountyDrive(), 0)
		require.NoError(t, err)
		start := make([]int, sp.n)
		for i := range start {
			start[i] = i
		}
		exactOrder, shortest := sp.exact(0)
		for _, x := range []float64{0, 0.2, 1} {
			limit := bound(shortest, x)
			got := sp.search(exactOrder, limit)
			assert.LessOrEqual(t, sp.length(got), limit)
			assert.LessOrEqual(t, sp.inversions(got), sp.inversions(exactOrder))
			best, _ := sp.exact(x)
			assert.GreaterOrEqual(t, sp.inversions(got), sp.inversions(best), "the search cannot beat the exact order")
		}
	}
}

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
