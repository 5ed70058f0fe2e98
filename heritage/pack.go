package heritage

import "slices"

// packer lays out the memory of the sites [Load] builds, so that a large
// catalog keeps little beyond its facts: the strings a catalog repeats
// (kinds, themes, levels, languages, period names, source titles,
// location sources, opening hours, …) are stored once, a note's source
// URLs share the strings of the site's sources, and the small lists
// of a site are carved from large blocks at their exact length instead of
// each keeping the decoder's spare capacity. Free text (IDs, names,
// aliases, notes, addresses) is kept as decoded.
type packer struct {
	strs    map[string]string
	strings slab[string]
	sources slab[Source]
	notes   slab[Note]
}

func newPacker() *packer { return &packer{strs: make(map[string]string)} }

// str returns the catalog's one copy of s.
func (pk *packer) str(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := pk.strs[s]; ok {
		return t
	}
	pk.strs[s] = s
	return s
}

// list returns a packed copy of ss, nil if it is empty; with shared, its
// elements are the catalog's one copies too.
func (pk *packer) list(ss []string, shared bool) []string {
	out := pk.strings.copy(ss)
	if shared {
		for i, s := range out {
			out[i] = pk.str(s)
		}
	}
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
// the strings of the site's sources where they are among them.
func (pk *packer) packNotes(notes []Note, sources []Source) []Note {
	out := pk.notes.copy(notes)
	for i := range out {
		n := &out[i]
		n.Lang = pk.str(n.Lang)
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
