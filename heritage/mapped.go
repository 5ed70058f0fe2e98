package heritage

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"unsafe"
)

// mapMinBytes is the size from which a file is loaded from a read-only
// memory mapping of it rather than from a copy read into the heap. The
// copy of a large file costs more than the loading itself where fresh
// memory is dear (a virtual machine's first touch of each page); a
// mapping reads the pages the system already caches.
var mapMinBytes int64 = 1 << 20

// loadMapped loads the rest of the regular file f, from its offset on,
// through a memory mapping of it; ok is false when f is not mapped (it
// is small, not a regular file, or the system maps no files), and the
// caller reads it instead. It leaves f's offset at its end, as reading
// it would. The catalog keeps nothing of the mapping, which is gone
// when loadMapped returns.
func loadMapped(f *os.File, source string, opts []Option) (c *Catalog, ok bool, err error) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < mapMinBytes || int64(int(st.Size())) != st.Size() {
		return nil, false, nil
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil || off > st.Size() {
		return nil, false, nil
	}
	data, err := mapFile(f, int(st.Size()))
	if err != nil {
		return nil, false, nil
	}
	defer unmapFile(data)
	c, err = loadFaulting(data[off:], source, opts)
	if _, serr := f.Seek(st.Size(), io.SeekStart); serr != nil && err == nil {
		return nil, true, fmt.Errorf("heritage: read: %w", serr)
	}
	return c, true, err
}

// loadFaulting is load on a mapped file, data: should the file shrink
// while it is read, the pages past its new end cannot be read, and that
// is an error, not a crash.
func loadFaulting(data []byte, source string, opts []Option) (c *Catalog, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			if !faultIn(p, data) {
				panic(p)
			}
			c, err = nil, fmt.Errorf("heritage: read: the file changed while it was loaded")
		}
	}()
	return load(data, source, strictGoccy, opts)
}

// faultIn reports whether the panic value p is a memory fault inside
// data.
func faultIn(p any, data []byte) bool {
	fault, ok := p.(interface{ Addr() uintptr })
	if !ok || len(data) == 0 {
		return false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	return fault.Addr()-start < uintptr(len(data))
}
