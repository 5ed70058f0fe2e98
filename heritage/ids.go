package heritage

import "hash/maphash"

// idIndex maps site IDs to their positions in a list: a hash table of
// 8-byte slots, each a hash of the ID and its position, about half the
// memory of a map[string]int; the IDs themselves are looked up in the
// list, through the function given to each call.
type idIndex struct {
	seed  maphash.Seed
	slots []uint64 // 0 for none, else the ID's hash << 32 | its position + 1
	n     int
}

// newIDIndex returns an index for about n IDs.
func newIDIndex(n int) *idIndex {
	size := 8
	for size*3 < n*4 {
		size *= 2
	}
	return &idIndex{seed: maphash.MakeSeed(), slots: make([]uint64, size)}
}

// lookup returns the slot where id is, or the empty slot where it would
// go; id(i) is the ID at position i.
func (x *idIndex) lookup(key string, h uint32, id func(i int) string) int {
	mask := len(x.slots) - 1
	for k := int(h) & mask; ; k = (k + 1) & mask {
		v := x.slots[k]
		if v == 0 || uint32(v>>32) == h && id(int(uint32(v))-1) == key {
			return k
		}
	}
}

func (x *idIndex) hash(key string) uint32 { return uint32(maphash.String(x.seed, key)) }

// get returns the position of key; ok is false if it has none.
func (x *idIndex) get(key string, id func(i int) string) (pos int, ok bool) {
	if x == nil || x.n == 0 {
		return 0, false
	}
	v := x.slots[x.lookup(key, x.hash(key), id)]
	return int(uint32(v)) - 1, v != 0
}

// add gives key the position pos, unless it has one: then it returns
// that one and dup.
func (x *idIndex) add(key string, pos int, id func(i int) string) (first int, dup bool) {
	h := x.hash(key)
	k := x.lookup(key, h, id)
	if v := x.slots[k]; v != 0 {
		return int(uint32(v)) - 1, true
	}
	x.slots[k] = uint64(h)<<32 | uint64(pos+1)
	x.n++
	if x.n*4 > len(x.slots)*3 {
		x.grow()
	}
	return pos, false
}

// grow doubles the table.
func (x *idIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, 2*len(old))
	mask := len(x.slots) - 1
	for _, v := range old {
		if v == 0 {
			continue
		}
		k := int(uint32(v>>32)) & mask
		for x.slots[k] != 0 {
			k = (k + 1) & mask
		}
		x.slots[k] = v
	}
}

// addAll adds the IDs id(0), …, id(n-1) at their positions, as add
// does one at a time, and reports whether two are equal (then the index
// holds some of them). The first slot of each of a batch of IDs is read
// before any is filled: the reads, of a table larger than the caches
// for a large catalog, overlap instead of waiting one for another.
func (x *idIndex) addAll(n int, id func(i int) string) (dup bool) {
	const batch = 16
	var hs [batch]uint32
	var first [batch]uint64 // first[j] != 0: the first slot of ID j was taken
	for i0 := 0; i0 < n; i0 += batch {
		m := min(batch, n-i0)
		mask := len(x.slots) - 1
		for j := range m {
			hs[j] = x.hash(id(i0 + j))
			first[j] = x.slots[int(hs[j])&mask]
		}
		for j := range m {
			i, k := i0+j, int(hs[j])&(len(x.slots)-1)
			if first[j] != 0 || x.slots[k] != 0 {
				if k = x.lookup(id(i), hs[j], id); x.slots[k] != 0 {
					return true
				}
			}
			x.slots[k] = uint64(hs[j])<<32 | uint64(i+1)
			if x.n++; x.n*4 > len(x.slots)*3 {
				x.grow()
			}
		}
	}
	return false
}

// indexIDs returns the index of the IDs of rows, which are unique.
func indexIDs(rows []row) *idIndex {
	x := newIDIndex(len(rows))
	x.addAll(len(rows), func(i int) string { return rows[i].id })
	return x
}
