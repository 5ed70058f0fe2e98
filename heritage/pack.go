package heritage

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/paulmach/orb"
)

// packer lays out the memory of the sites [Load] builds, so that a large
// catalog keeps little beyond its facts: the strings a catalog repeats
// (kinds, themes, levels, languages, period names, source titles,
// location sources, opening hours, …) are stored once, a note's source
// URLs share the strings of the site's sources, and the small lists
// of a site are carved from large blocks at their exact length instead of
// each keeping the decoder's spare capacity. Free text (IDs, names,
// aliases, notes, addresses) is kept as decoded; [fastReader] copies it
// into an arena of large blocks, and takes a site's small parts (period,
// designation, address, rating) from slabs.
type packer struct {
	strs    map[string]string
	recent  [256]string // strs seen lately, by a cheap hash: most lookups end here
	strings slab[string]
	sources slab[Source]
	notes   slab[Note]

	arena   *strings.Builder // the block text is copied into
	texts   slab[Text]
	ratings slab[Rating]
	points  slab[orb.Point] // entrances

	// The catalog's one copy of each period, year, designation, visit
	// and repeated string (by reference).
	periods      shared[periodKey, Period]
	years        shared[int, int]
	designations shared[Designation, Designation]
	visits       shared[visitKey, Visit]
	refs         shared[string, string]

	more  slab[rowMore]
	lists map[string][]string // the catalog's one copy of each list of shared strings
	key   []byte              // scratch for a key of lists
}

func newPacker() *packer { return &packer{strs: make(map[string]string)} }

// str returns the catalog's one copy of s.
func (pk *packer) str(s string) string {
	if s == "" {
		return ""
	}
	h := recentSlot(len(s), s[0], s[len(s)-1])
	if t := pk.recent[h]; t == s {
		return t
	}
	t, ok := pk.strs[s]
	if !ok {
		t = s
		pk.strs[s] = s
	}
	pk.recent[h] = t
	return t
}

// strBytes is str for the text b, copied only when the catalog does not
// hold it yet.
func (pk *packer) strBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	h := recentSlot(len(b), b[0], b[len(b)-1])
	if t := pk.recent[h]; t == string(b) {
		return t
	}
	t, ok := pk.strs[string(b)]
	if !ok {
		t = pk.text(b)
		pk.strs[t] = t
	}
	pk.recent[h] = t
	return t
}

// recentSlot is the slot of packer.recent for a string of length n whose
// first and last bytes are first and last.
func recentSlot(n int, first, last byte) uint8 {
	return uint8(uint(n)*37 + uint(first)*7 + uint(last))
}

// Arena block sizes, in bytes: blocks double from the smallest to the
// largest; text longer than maxArenaText gets an allocation of its own.
const (
	minArenaBlock = 1 << 10
	maxArenaBlock = 64 << 10
	maxArenaText  = maxArenaBlock / 8
)

// text returns a copy of b. Copies are cut from large blocks: one
// allocation for many strings, none rounded up to an allocation size. A
// strings.Builder only ever appends, so the strings it has returned never
// change.
func (pk *packer) text(b []byte) string {
	switch {
	case len(b) == 0:
		return ""
	case len(b) > maxArenaText:
		return string(b)
	case pk.arena == nil || pk.arena.Cap()-pk.arena.Len() < len(b):
		n := minArenaBlock
		if pk.arena != nil {
			n = min(2*pk.arena.Cap(), maxArenaBlock)
		}
		pk.arena = new(strings.Builder)
		pk.arena.Grow(n)
	}
	start := pk.arena.Len()
	pk.arena.Write(b)
	return pk.arena.String()[start:]
}

// list returns a packed copy of ss, nil if it is empty; with shared, its
// elements are the catalog's one copies too, and so is the list (sites
// repeat their themes).
func (pk *packer) list(ss []string, shared bool) []string {
	if len(ss) == 0 {
		return nil
	}
	if !shared {
		return pk.strings.copy(ss)
	}
	pk.key = pk.key[:0]
	for _, s := range ss {
		pk.key = append(binary.AppendUvarint(pk.key, uint64(len(s))), s...)
	}
	if l, ok := pk.lists[string(pk.key)]; ok {
		return l
	}
	out := pk.strings.copy(ss)
	for i, s := range out {
		out[i] = pk.str(s)
	}
	if pk.lists == nil {
		pk.lists = make(map[string][]string)
	}
	pk.lists[string(pk.key)] = out
	return out
}

// packSources returns a packed copy of the sources, titles shared.
func (pk *packer) packSources(src []Source) []Source {
	out := pk.sources.copy(src)
	for i := range out {
		out[i].Title = pk.str(out[i].Title)
	}
	return out
}

// packNotes returns a packed copy of the notes; the URLs they cite share
// the strings of the site's sources where they are among them, and a
// note citing what the note before it cites shares its list.
func (pk *packer) packNotes(notes []Note, sources []Source) []Note {
	out := pk.notes.copy(notes)
	for i := range out {
		n := &out[i]
		n.Lang = pk.str(n.Lang)
		if i > 0 && n.Sources != nil && slices.Equal(n.Sources, out[i-1].Sources) {
			n.Sources = out[i-1].Sources
			continue
		}
		n.Sources = pk.list(n.Sources, false)
		for k, u := range n.Sources {
			if j := slices.IndexFunc(sources, func(s Source) bool { return s.URL == u }); j >= 0 {
				n.Sources[k] = sources[j].URL
			}
		}
	}
	return out
}

// packVisit shares the strings of v and packs its list.
func (pk *packer) packVisit(v *Visit) {
	v.OpeningHours = pk.str(v.OpeningHours)
	v.Ticket = pk.str(v.Ticket)
	v.Estimated = pk.list(v.Estimated, true)
	v.Experience = Experience(pk.str(string(v.Experience)))
	v.Access = Access(pk.str(string(v.Access)))
	v.AccessSource = pk.str(v.AccessSource)
	v.HoursStatus = HoursStatus(pk.str(string(v.HoursStatus)))
}

// slab hands out slices of T carved from blocks that double in length
// up to maxSlabBlock: a small catalog allocates little, a large one few
// times.
type slab[T any] struct {
	block []T
}

// Block lengths of a slab, in elements: the largest is large enough that
// the blocks cost few allocations, small enough that the unused end of
// the last one is negligible.
const (
	minSlabBlock = 16
	maxSlabBlock = 4096
)

// new returns a pointer to a new zero T in the slab.
func (s *slab[T]) new() *T {
	if len(s.block) == cap(s.block) {
		s.block = make([]T, 0, min(max(2*cap(s.block), minSlabBlock), maxSlabBlock))
	}
	s.block = s.block[:len(s.block)+1]
	return &s.block[len(s.block)-1]
}

// copy returns a copy of src in the slab, nil if src is empty. Its
// capacity is its length, so appending to it never writes into another
// slice of the slab.
func (s *slab[T]) copy(src []T) []T {
	if len(src) == 0 {
		return nil
	}
	if len(src) > cap(s.block)-len(s.block) {
		n := min(max(2*cap(s.block), minSlabBlock), maxSlabBlock)
		s.block = make([]T, 0, max(len(src), n))
	}
	n := len(s.block)
	s.block = append(s.block, src...)
	return s.block[n:len(s.block):len(s.block)]
}

// shared keeps one copy of each value of a catalog, by key, in a slab.
type shared[K comparable, T any] struct {
	m       map[K]*T
	slab    slab[T]
	lastKey K // the key of the last get, and its value
	last    *T
}

// get returns the copy of the value whose key is k, made with build on
// first sight.
func (s *shared[K, T]) get(k K, build func() T) *T {
	if s.last != nil && k == s.lastKey {
		return s.last
	}
	p, ok := s.m[k]
	if !ok {
		if s.m == nil {
			s.m = make(map[K]*T)
		}
		p = s.slab.new()
		*p = build()
		s.m[k] = p
	}
	s.lastKey, s.last = k, p
	return p
}

// periodKey is a [Period] as a map key.
type periodKey struct {
	name, nameZh   string
	from, to       int
	hasFrom, hasTo bool
}

// period returns the catalog's one copy of p, nil for nil: sites whose
// periods are equal share it.
func (pk *packer) period(p *Period) *Period {
	if p == nil {
		return nil
	}
	k := periodKey{name: p.Name, nameZh: p.NameZh}
	if p.From != nil {
		k.from, k.hasFrom = *p.From, true
	}
	if p.To != nil {
		k.to, k.hasTo = *p.To, true
	}
	return pk.periods.get(k, func() Period {
		return Period{Name: pk.str(p.Name), NameZh: pk.str(p.NameZh), From: pk.year(p.From), To: pk.year(p.To)}
	})
}

// year returns the catalog's one copy of *y, nil for nil.
func (pk *packer) year(y *int) *int {
	if y == nil {
		return nil
	}
	return pk.years.get(*y, func() int { return *y })
}

// designation returns the catalog's one copy of d, nil for nil.
func (pk *packer) designation(d *Designation) *Designation {
	if d == nil {
		return nil
	}
	return pk.designations.get(*d, func() Designation {
		c := *d
		c.Level = Level(pk.str(string(c.Level)))
		return c
	})
}

// ref returns a pointer to the catalog's one copy of s, nil for "".
func (pk *packer) ref(s string) *string {
	if s == "" {
		return nil
	}
	return pk.refs.get(s, func() string { return pk.str(s) })
}
