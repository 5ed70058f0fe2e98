package heritage

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/chuanzhu/chuanzhu/geo"
)

// testCatalogs are the catalogs every query is checked on: the embedded
// data, the fixture and a synthetic catalog.
func testCatalogs(t *testing.T) map[string]*Catalog {
	t.Helper()
	synth, err := NewCatalog(synthSites(3000, 1), WithinBound(DefaultBound()))
	require.NoError(t, err)
	return map[string]*Catalog{"default": Default(), "fixture": loadFixture(t), "synthetic": synth}
}

func ids(sites []Site) []string {
	out := make([]string, len(sites))
	for i, s := range sites {
		out[i] = s.ID
	}
	return out
}

func TestFilterBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	kinds, levels := Kinds(), []Level{National, Provincial, City, County}
	var themes []string
	for _, th := range Themes() {
		themes = append(themes, th.Slug)
	}
	// randomQuery draws each field empty half of the time.
	randomQuery := func() Query {
		var q Query
		if r.IntN(2) == 0 {
			for range 1 + r.IntN(3) {
				q.Kinds = append(q.Kinds, kinds[r.IntN(len(kinds))])
			}
		}
		if r.IntN(2) == 0 {
			q.Themes = []string{themes[r.IntN(len(themes))]}
		}
		if r.IntN(2) == 0 {
			q.Levels = []Level{levels[r.IntN(len(levels))]}
		}
		if r.IntN(2) == 0 {
			from := -3000 + r.IntN(5000)
			q.Period = &YearRange{From: from, To: from + r.IntN(800)}
		}
		return q
	}
	// brute is an independent reading of Query's documentation.
	brute := func(sites []Site, q Query) []string {
		var out []string
		for _, s := range sites {
			ok := len(q.Kinds) == 0 || slices.Contains(q.Kinds, s.Kind)
			if len(q.Themes) > 0 {
				hit := false
				for _, th := range q.Themes {
					hit = hit || slices.Contains(s.Themes, th)
				}
				ok = ok && hit
			}
			if len(q.Levels) > 0 {
				ok = ok && s.Designation != nil && slices.Contains(q.Levels, s.Designation.Level)
			}
			if q.Period != nil {
				p := s.Period
				switch {
				case p == nil || (p.From == nil && p.To == nil):
					ok = false
				default:
					lo, hi := p.From, p.To
					if lo == nil {
						lo = hi
					}
					if hi == nil {
						hi = lo
					}
					ok = ok && *lo <= q.Period.To && *hi >= q.Period.From
				}
			}
			if ok {
				out = append(out, s.ID)
			}
		}
		return out
	}
	for name, c := range testCatalogs(t) {
		t.Run(name, func(t *testing.T) {
			all := c.Sites()
			assert.Equal(t, ids(all), ids(c.Filter(Query{})), "the zero query matches all")
			nonEmpty := 0
			for range 300 {
				q := randomQuery()
				got := ids(c.Filter(q))
				require.Equal(t, brute(all, q), nilIfEmpty(got), "%+v", q)
				if len(got) > 0 {
					nonEmpty++
				}
			}
			if c.Len() > 100 {
				assert.Greater(t, nonEmpty, 50, "the random queries must select something")
			}
		})
	}
}

func TestFilterCases(t *testing.T) {
	c := loadFixture(t)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"kind", Query{Kinds: []Kind{Tomb, Temple}}, []string{"fixture/jin-wengong-tomb", "fixture/taiyin-temple"}},
		{"theme", Query{Themes: []string{ThemeJinCulture}}, []string{"fixture/jin-wengong-tomb", "fixture/chexiangcheng", "fixture/museum"}},
		{"level", Query{Levels: []Level{National}}, []string{"fixture/taiyin-temple"}},
		{"theme and level", Query{Themes: []string{ThemeJinCulture}, Levels: []Level{Provincial}}, []string{"fixture/jin-wengong-tomb", "fixture/chexiangcheng"}},
		// chexiangcheng has only from = -669, so it counts as that year.
		{"period BCE", Query{Period: &YearRange{From: -700, To: -630}}, []string{"fixture/jin-wengong-tomb", "fixture/chexiangcheng"}},
		{"period edge", Query{Period: &YearRange{From: -628, To: -628}}, []string{"fixture/jin-wengong-tomb"}},
		{"period just after", Query{Period: &YearRange{From: -627, To: 1000}}, nil},
		{"period CE", Query{Period: &YearRange{From: 1100, To: 1200}}, []string{"fixture/taiyin-temple"}},
		{"anchors", Query{Kinds: []Kind{Town, RailStation, Hotel}}, []string{"fixture/anchor/county-seat"}},
		{"nothing", Query{Kinds: []Kind{Garden}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, nilIfEmpty(ids(c.Filter(tt.q))))
		})
	}
}

func TestTimeline(t *testing.T) {
	// The documented key is a total order (IDs are unique), so the result
	// is right if it holds exactly the dated sites and each neighbouring
	// pair is in key order.
	// (Period.Years, checked on its own in TestPeriodYears.)
	key := func(s Site) (from, to int, ok bool) { return s.Period.Years() }
	for name, c := range testCatalogs(t) {
		t.Run(name, func(t *testing.T) {
			var want []string
			for _, s := range c.Sites() {
				if _, _, ok := key(s); ok {
					want = append(want, s.ID)
				}
			}
			got := c.Timeline()
			assert.ElementsMatch(t, want, ids(got))
			for i := 1; i < len(got); i++ {
				af, at, _ := key(got[i-1])
				bf, bt, _ := key(got[i])
				require.Negative(t, cmp.Or(cmp.Compare(af, bf), cmp.Compare(at, bt), strings.Compare(got[i-1].ID, got[i].ID)),
					"%s before %s", got[i-1].ID, got[i].ID)
			}
		})
	}
}

func TestTimelineFixture(t *testing.T) {
	assert.Equal(t, []string{"fixture/chexiangcheng", "fixture/jin-wengong-tomb", "fixture/taiyin-temple"},
		ids(loadFixture(t).Timeline()))
}

func TestSearchForms(t *testing.T) {
	c := loadFixture(t)
	const wen = "fixture/jin-wengong-tomb"
	for _, q := range []string{
		"jinwengong", "Jìn Wéngōng Mù", "jin wen gong", "JIN WEN GONG MU", "jìnwéngōng", "Jin-Wengong",
		"晋文公墓", "晋文公", "文公", "Duke Wen", "tomb of duke wen", "ｊｉｎｗｅｎｇｏｎｇ", "三公墓",
	} {
		got := ids(c.Search(q))
		assert.Contains(t, got, wen, "query %q", q)
	}
	for _, q := range []string{"", "   ", "-", "·", "jinwengongmuxyz", "文公墓址"} {
		assert.NotContains(t, ids(c.Search(q)), wen, "query %q", q)
	}
	assert.Nil(t, c.Search("  "))
}

func TestSearchRanking(t *testing.T) {
	c := loadFixture(t)
	tests := []struct {
		q    string
		want []string
	}{
		{"太阴寺", []string{"fixture/taiyin-temple"}},
		// A prefix of two pinyin names: the higher score (55 > 0) first.
		{"jiangxian", []string{"fixture/museum", "fixture/anchor/county-seat"}},
		// Exact for the county seat's pinyin, a prefix of nothing else.
		{"Jiàngxiàn Xiànchéng", []string{"fixture/anchor/county-seat"}},
		// Inside "chexiangchengchengzhi" and "jiangxianxiancheng": both
		// substrings, so by score (70 > 0).
		{"cheng", []string{"fixture/chexiangcheng", "fixture/anchor/county-seat"}},
		// A prefix of "jiangcountymuseum" and of "jiangcountyseat".
		{"Jiang County", []string{"fixture/museum", "fixture/anchor/county-seat"}},
		{"jiang county seat", []string{"fixture/anchor/county-seat"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ids(c.Search(tt.q)), "query %q", tt.q)
	}
}

func TestSearchExactBeatsScore(t *testing.T) {
	f := validFeature
	data := collection(
		set(set(f("a/high"), "properties.name.en", "Stone Arch Gate"), "properties.score", 90),
		set(set(f("a/exact"), "properties.name.en", "Stone Arch"), "properties.score", 10),
		set(set(f("a/sub"), "properties.name.en", "Great Stone Arch"), "properties.score", 99),
		set(set(f("a/prefix-low"), "properties.name.en", "Stone Arches"), "properties.score", 5),
	)
	c, err := LoadFile(writeTemp(t, data))
	require.NoError(t, err)
	assert.Equal(t, []string{"a/exact", "a/high", "a/prefix-low", "a/sub"}, ids(c.Search("stone arch")))
}

func TestSearchUmlaut(t *testing.T) {
	f := validFeature
	c, err := LoadFile(writeTemp(t, collection(
		set(set(f("a/lu"), "properties.name.pinyin", "Lǜ Shuǐ"), "properties.name.en", "Green Water"),
		set(set(f("a/v"), "properties.name.pinyin", "Dà Shuǐ"), "properties.name.en", "Valley"),
	)))
	require.NoError(t, err)
	assert.Equal(t, []string{"a/lu"}, ids(c.Search("lv shui")), "v stands for ü in pinyin")
	assert.Equal(t, []string{"a/lu"}, ids(c.Search("lu shui")))
	assert.Equal(t, []string{"a/lu"}, ids(c.Search("lü")))
	assert.Equal(t, []string{"a/v"}, ids(c.Search("valley")), "v is still v in English")
}

// TestSearchBruteForce checks Search against a direct reading of its
// documentation on every catalog, for queries drawn from the names.
func TestSearchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for name, c := range testCatalogs(t) {
		t.Run(name, func(t *testing.T) {
			sites := c.Sites()
			var queries []string
			for range 60 {
				s := sites[r.IntN(len(sites))]
				names := append([]string{s.Name.Zh, s.Name.Pinyin, s.Name.En}, s.Aliases...)
				n := []rune(names[r.IntN(len(names))])
				i := r.IntN(len(n))
				j := i + 1 + r.IntN(len(n)-i)
				queries = append(queries, string(n[i:j]))
			}
			queries = append(queries, "Jìn", "jin", "晋", "museum", "xyzzy")
			// folded[i][k]: name k of site i folded (zh, pinyin, en, aliases...).
			folded := make([][]string, len(sites))
			for i, s := range sites {
				for _, nm := range append([]string{s.Name.Zh, s.Name.Pinyin, s.Name.En}, s.Aliases...) {
					folded[i] = append(folded[i], fold(nm))
				}
			}
			for _, q := range queries {
				fq := fold(q)
				type hit struct {
					id    string
					class int
					score int
				}
				var want []hit
				for i, s := range sites {
					best := 0
					for k, fn := range folded[i] {
						pinyin := k == 1 || k >= 3
						for _, qq := range []string{fq, strings.ReplaceAll(fq, "v", "u")} {
							if qq != fq && !pinyin {
								continue
							}
							switch {
							case fq == "":
							case fn == qq:
								best = max(best, 3)
							case strings.HasPrefix(fn, qq):
								best = max(best, 2)
							case strings.Contains(fn, qq):
								best = max(best, 1)
							}
						}
					}
					if best > 0 {
						want = append(want, hit{s.ID, best, s.Score})
					}
				}
				slices.SortFunc(want, func(a, b hit) int {
					return cmp.Or(-cmp.Compare(a.class, b.class), -cmp.Compare(a.score, b.score), strings.Compare(a.id, b.id))
				})
				var wantIDs []string
				for _, h := range want {
					wantIDs = append(wantIDs, h.id)
				}
				require.Equal(t, wantIDs, nilIfEmpty(ids(c.Search(q))), "query %q", q)
			}
		})
	}
}

func TestToneBaseAgreesWithNFKD(t *testing.T) {
	n := 0
	for r := rune(0x80); r < 0x2000; r++ {
		if b := toneBase(r); b != 0 {
			n++
			d := []rune(norm.NFKD.String(string(r)))
			require.Equal(t, unicode.ToLower(d[0]), rune(b), "%q", r)
			for _, m := range d[1:] {
				require.True(t, unicode.Is(unicode.Mn, m), "%q", r)
			}
		}
	}
	assert.Equal(t, 52, n)
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jìn Wéngōng Mù", "jinwengongmu"},
		{"jin wen gong", "jinwengong"},
		{"Chēxiāngchéng Chéngzhǐ", "chexiangchengchengzhi"},
		{"Lǜ", "lu"},
		{"Qūcūn–Tiānmǎ", "qucuntianma"},
		{"Chong'er", "chonger"},
		{"晋文公墓", "晋文公墓"},
		{"绛县（古绛镇）", "绛县古绛镇"},
		{"ＡＢＣ１２３", "abc123"},
		{"  ", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, fold(tt.in), tt.in)
	}
}

// bruteNearest ranks all sites by geo.Distance from p, ties in catalog order.
func bruteRank(sites []Site, p orb.Point) ([]string, []float64) {
	type hit struct {
		i int
		d float64
	}
	hits := make([]hit, len(sites))
	for i, s := range sites {
		hits[i] = hit{i, geo.Distance(p, s.Location)}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.d, b.d) })
	out := make([]string, len(hits))
	ds := make([]float64, len(hits))
	for k, h := range hits {
		out[k], ds[k] = sites[h.i].ID, h.d
	}
	return out, ds
}

func TestSpatialBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	b := DefaultBound()
	for name, c := range testCatalogs(t) {
		t.Run(name, func(t *testing.T) {
			sites := c.Sites()
			for range 40 {
				// Query points inside the region and a little outside it,
				// some exactly on a site.
				p := orb.Point{b.Min[0] - 0.5 + r.Float64()*(b.Max[0]-b.Min[0]+1), b.Min[1] - 0.5 + r.Float64()*(b.Max[1]-b.Min[1]+1)}
				if r.IntN(4) == 0 {
					p = sites[r.IntN(len(sites))].Location
				}
				rank, dist := bruteRank(sites, p)

				k := 1 + r.IntN(12)
				want := rank[:min(k, len(rank))]
				require.Equal(t, want, ids(c.Nearest(p, k)), "Nearest(%v, %d)", p, k)

				metres := r.Float64() * 60000
				var within []string
				for i, d := range dist {
					if d <= metres {
						within = append(within, rank[i])
					}
				}
				require.Equal(t, within, nilIfEmpty(ids(c.Within(p, metres))), "Within(%v, %g)", p, metres)

				bb := orb.Bound{Min: p, Max: orb.Point{p[0] + r.Float64()*0.8, p[1] + r.Float64()*0.8}}
				var inside []string
				for _, s := range sites {
					if bb.Contains(s.Location) {
						inside = append(inside, s.ID)
					}
				}
				require.Equal(t, inside, nilIfEmpty(ids(c.InBound(bb))), "InBound(%v)", bb)
			}
			all, _ := bruteRank(sites, sites[0].Location)
			assert.Equal(t, all, ids(c.Nearest(sites[0].Location, c.Len()+5)), "k > Len ranks all")
			assert.Nil(t, c.Nearest(sites[0].Location, 0))
			assert.Nil(t, c.Nearest(orb.Point{nan(), 0}, 3))
			assert.Nil(t, c.Within(sites[0].Location, -1))
			assert.Equal(t, ids(c.Sites()), ids(c.InBound(c.Bound())), "the catalog's bound holds every site")
		})
	}
}

func TestZeroCatalog(t *testing.T) {
	var c Catalog
	assert.Equal(t, 0, c.Len())
	assert.Empty(t, c.Sites())
	_, ok := c.Get("x")
	assert.False(t, ok)
	assert.Nil(t, c.Filter(Query{}))
	assert.Nil(t, c.Search("jin"))
	assert.Nil(t, c.Nearest(orb.Point{111, 35}, 3))
	assert.Nil(t, c.Within(orb.Point{111, 35}, 1e6))
	assert.Nil(t, c.InBound(DefaultBound()))
	assert.Empty(t, c.Timeline())
	assert.Equal(t, orb.Bound{}, c.Bound())
}

func TestSitesIsACopy(t *testing.T) {
	c := loadFixture(t)
	s := c.Sites()
	s[0] = Site{ID: "changed"}
	assert.NotEqual(t, "changed", c.Sites()[0].ID)
}

// TestConcurrentQueries runs every query from many goroutines at once;
// under -race it shows the catalog is safe for concurrent use, and each
// result must equal the one computed alone.
func TestConcurrentQueries(t *testing.T) {
	for name, c := range testCatalogs(t) {
		t.Run(name, func(t *testing.T) {
			sites := c.Sites()
			p := sites[len(sites)/2].Location
			q := Query{Themes: []string{ThemeJinCulture}}
			run := func() string {
				var b strings.Builder
				fmt.Fprint(&b, ids(c.Nearest(p, 5)), ids(c.Within(p, 20000)), ids(c.InBound(orb.Bound{Min: p, Max: orb.Point{p[0] + 0.5, p[1] + 0.5}})))
				fmt.Fprint(&b, ids(c.Filter(q)), ids(c.Search("jin")), len(c.Timeline()), c.Len())
				s, ok := c.Get(sites[0].ID)
				fmt.Fprint(&b, s.ID, ok, len(c.Sites()), c.Bound())
				return b.String()
			}
			want := run()
			var wg sync.WaitGroup
			results := make([]string, 16)
			for g := range results {
				wg.Go(func() {
					for range 3 {
						results[g] = run()
					}
				})
			}
			wg.Wait()
			for _, got := range results {
				assert.Equal(t, want, got)
			}
		})
	}
}

func TestDefaultIsShared(t *testing.T) {
	var wg sync.WaitGroup
	cs := make([]*Catalog, 8)
	for i := range cs {
		wg.Go(func() { cs[i] = Default() })
	}
	wg.Wait()
	for _, c := range cs {
		assert.Same(t, cs[0], c)
	}
}
