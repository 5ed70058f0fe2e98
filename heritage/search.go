package heritage

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// searchIndex holds every name of every site in folded form (see fold),
// flat, in site order: key k is text[end[k-1]:end[k]] (from 0 for k = 0).
type searchIndex struct {
	text    string
	end     []uint32
	siteEnd []uint32 // the keys of site i end before key siteEnd[i]
	pinyin  []uint64 // bit k: key k is a pinyin name or an alias, where "v" may stand for "ü"
}

func newSearchIndex(rows []row) (searchIndex, error) {
	n, size := 0, 0
	for i := range rows {
		s := &rows[i]
		n += 3 + len(s.aliasList())
		size += len(s.name.Zh) + len(s.name.Pinyin) + len(s.name.En)
		for _, a := range s.aliasList() {
			size += len(a)
		}
	}
	ix := searchIndex{
		end:     make([]uint32, 0, n),
		siteEnd: make([]uint32, len(rows)),
		pinyin:  make([]uint64, (n+63)/64),
	}
	var text strings.Builder
	text.Grow(size)
	var key []byte
	add := func(name string, pinyin bool) {
		key = appendFold(key[:0], name)
		if len(key) == 0 {
			return
		}
		text.Write(key)
		if pinyin {
			k := len(ix.end)
			ix.pinyin[k/64] |= 1 << (k % 64)
		}
		ix.end = append(ix.end, uint32(text.Len()))
	}
	for i := range rows {
		s := &rows[i]
		add(s.name.Zh, false)
		add(s.name.Pinyin, true)
		add(s.name.En, false)
		for _, a := range s.aliasList() {
			add(a, true)
		}
		ix.siteEnd[i] = uint32(len(ix.end))
		if uint64(text.Len()) > math.MaxUint32 {
			return searchIndex{}, fmt.Errorf("heritage: the sites' names are longer than a catalog holds (%d bytes)", uint32(math.MaxUint32))
		}
	}
	ix.text = text.String()
	return ix, nil
}

// key returns key k of the index.
func (ix *searchIndex) key(k int) string {
	start := uint32(0)
	if k > 0 {
		start = ix.end[k-1]
	}
	return ix.text[start:ix.end[k]]
}

// fold normalises a name or a query for matching: compatibility
// decomposition (NFKD, which also turns full-width letters into ASCII),
// combining marks such as pinyin tone marks and the diaeresis of ü
// dropped, letters lower-cased, and everything that is not a letter or a
// digit (spaces, hyphens, apostrophes, punctuation) removed. So
// "Jìn Wéngōng Mù", "jin wen gong mu" and "JINWENGONGMU" all fold to
// "jinwengongmu"; Chinese characters are kept as they are.
func fold(s string) string { return string(appendFold(make([]byte, 0, len(s)), s)) }

// appendFold appends the folded form of s to b.
func appendFold(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b = foldASCII(b, r)
		case r >= 0x4E00 && r <= 0x9FFF:
			// CJK Unified Ideographs, most Chinese names: letters that
			// NFKD leaves alone.
			b = utf8.AppendRune(b, r)
		case toneBase(r) != 0:
			b = append(b, toneBase(r))
		default:
			// Decompose this rune alone: marks are dropped anyway, so the
			// canonical reordering across runes does not matter. (The
			// buffers escape: declared here, they are allocated only
			// for such runes.)
			var dec [4 * utf8.UTFMax]byte
			var one [utf8.UTFMax]byte
			d := norm.NFKD.Append(dec[:0], one[:utf8.EncodeRune(one[:], r)]...)
			for len(d) > 0 {
				x, size := utf8.DecodeRune(d)
				d = d[size:]
				switch {
				case x < utf8.RuneSelf:
					b = foldASCII(b, x)
				case unicode.Is(unicode.Mn, x):
				case unicode.IsLetter(x) || unicode.IsDigit(x):
					b = utf8.AppendRune(b, unicode.ToLower(x))
				}
			}
		}
	}
	return b
}

// toneBase returns the lower-case base letter of a pinyin vowel with a
// tone mark or diaeresis (the result NFKD and mark removal give, found
// without the table lookups), or 0 for any other rune.
func toneBase(r rune) byte {
	switch r {
	case 'ā', 'á', 'ǎ', 'à', 'Ā', 'Á', 'Ǎ', 'À':
		return 'a'
	case 'ē', 'é', 'ě', 'è', 'Ē', 'É', 'Ě', 'È', 'ê', 'Ê':
		return 'e'
	case 'ī', 'í', 'ǐ', 'ì', 'Ī', 'Í', 'Ǐ', 'Ì':
		return 'i'
	case 'ō', 'ó', 'ǒ', 'ò', 'Ō', 'Ó', 'Ǒ', 'Ò':
		return 'o'
	case 'ū', 'ú', 'ǔ', 'ù', 'Ū', 'Ú', 'Ǔ', 'Ù', 'ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'Ü', 'Ǖ', 'Ǘ', 'Ǚ', 'Ǜ':
		return 'u'
	}
	return 0
}

// foldASCII appends r lower-cased if it is an ASCII letter or digit.
func foldASCII(b []byte, r rune) []byte {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return append(b, byte(r))
	case r >= 'A' && r <= 'Z':
		return append(b, byte(r+'a'-'A'))
	}
	return b
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
	k := 0
	for i, end := range ix.siteEnd {
		best := matchNone
		for ; k < int(end); k++ {
			key := ix.key(k)
			m := matchClass(key, q)
			if ix.pinyin[k/64]&(1<<(k%64)) != 0 && qv != q {
				m = max(m, matchClass(key, qv))
			}
			best = max(best, m)
		}
		if best != matchNone {
			hits = append(hits, hit{i, best})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		sa, sb := &c.rows[a.i], &c.rows[b.i]
		return cmp.Or(cmp.Compare(b.class, a.class), cmp.Compare(sb.score, sa.score), cmp.Compare(sa.id, sb.id))
	})
	if len(hits) == 0 {
		return nil
	}
	out := make([]Site, len(hits))
	for k, h := range hits {
		out[k] = c.site(h.i)
	}
	return out
}
