package heritage

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// searchIndex holds every name of every site in folded form (see fold),
// flat, in site order.
type searchIndex struct {
	keys   []string
	site   []int32 // site index of keys[k]
	pinyin []bool  // keys[k] is a pinyin name or an alias, where "v" may stand for "ü"
}

func newSearchIndex(sites []Site) searchIndex {
	n := 0
	for i := range sites {
		n += 3 + len(sites[i].Aliases)
	}
	ix := searchIndex{
		keys:   make([]string, 0, n),
		site:   make([]int32, 0, n),
		pinyin: make([]bool, 0, n),
	}
	add := func(i int, name string, pinyin bool) {
		k := fold(name)
		if k == "" {
			return
		}
		ix.keys = append(ix.keys, k)
		ix.site = append(ix.site, int32(i))
		ix.pinyin = append(ix.pinyin, pinyin)
	}
	for i := range sites {
		s := &sites[i]
		add(i, s.Name.Zh, false)
		add(i, s.Name.Pinyin, true)
		add(i, s.Name.En, false)
		for _, a := range s.Aliases {
			add(i, a, true)
		}
	}
	return ix
}

// fold normalises a name or a query for matching: compatibility
// decomposition (NFKD, which also turns full-width letters into ASCII),
// combining marks such as pinyin tone marks and the diaeresis of ü
// dropped, letters lower-cased, and everything that is not a letter or a
// digit (spaces, hyphens, apostrophes, punctuation) removed. So
// "Jìn Wéngōng Mù", "jin wen gong mu" and "JINWENGONGMU" all fold to
// "jinwengongmu"; Chinese characters are kept as they are.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			case r >= 'A' && r <= 'Z':
				b.WriteRune(r + 'a' - 'A')
			}
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Match classes, best first.
const (
	matchNone = iota
	matchSubstring
	matchPrefix
	matchExact
)

func matchClass(key, q string) int {
	switch {
	case key == q:
		return matchExact
	case strings.HasPrefix(key, q):
		return matchPrefix
	case strings.Contains(key, q):
		return matchSubstring
	}
	return matchNone
}

// Search returns the sites whose Chinese, pinyin or English name or one of
// whose aliases contains text, best match first.
//
// Names and text are compared after folding: Unicode compatibility
// decomposition, tone marks and other combining marks removed, case
// folded, and spaces and punctuation dropped. So "jinwengong",
// "Jìn Wéngōng Mù" and "jin wen gong" all find 晋文公墓 (Jìn Wéngōng Mù),
// and "晋文公" finds it by its Chinese name. In pinyin names and aliases a
// "v" in text also matches "ü" ("lv" finds "lü").
//
// Each site is ranked by its best-matching name: a name equal to text,
// then a name starting with text, then a name containing it; within a
// rank, higher [Site.Score] first, then ID. Text that folds to nothing
// (empty, only spaces or punctuation) matches no site. Search scans every
// name: O(total name length).
func (c *Catalog) Search(text string) []Site {
	q := fold(text)
	if q == "" {
		return nil
	}
	qv := strings.ReplaceAll(q, "v", "u")
	ix := &c.search
	type hit struct {
		i, class int
	}
	var hits []hit
	// Keys are grouped by site, in site order.
	cur, curBest := int32(-1), matchNone
	flush := func() {
		if curBest != matchNone {
			hits = append(hits, hit{int(cur), curBest})
		}
	}
	for k, key := range ix.keys {
		if ix.site[k] != cur {
			flush()
			cur, curBest = ix.site[k], matchNone
		}
		m := matchClass(key, q)
		if ix.pinyin[k] && qv != q {
			m = max(m, matchClass(key, qv))
		}
		curBest = max(curBest, m)
	}
	flush()
	slices.SortFunc(hits, func(a, b hit) int {
		sa, sb := &c.sites[a.i], &c.sites[b.i]
		return cmp.Or(cmp.Compare(b.class, a.class), cmp.Compare(sb.Score, sa.Score), cmp.Compare(sa.ID, sb.ID))
	})
	out := make([]Site, len(hits))
	for k, h := range hits {
		out[k] = c.sites[h.i]
	}
	return out
}
