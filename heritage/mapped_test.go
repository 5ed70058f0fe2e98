package heritage

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mapAll maps every file LoadFile and Load read, however small, for the
// rest of the test.
func mapAll(t *testing.T) {
	t.Helper()
	old := mapMinBytes
	mapMinBytes = 1
	t.Cleanup(func() { mapMinBytes = old })
}

// A mapped file loads as the same bytes in memory do, both ways, and the
// catalog keeps nothing of the mapping, which is gone once loading
// returns (a string left in it would fault when the sites are read).
func TestLoadMappedKeepsNoInput(t *testing.T) {
	mapAll(t)
	defer func(f bool) { fastDecode = f }(fastDecode)
	dir := t.TempDir()
	for name, b := range validInputs(t) {
		path := filepath.Join(dir, "in.json")
		require.NoError(t, os.WriteFile(path, b, 0o600))
		for _, fast := range []bool{true, false} {
			want := loadWith(b, fast)
			fastDecode = fast
			c, err := LoadFile(path)
			require.NoError(t, err)
			assert.Equal(t, want.sites, c.Sites(), "%s, fast %v", name, fast)
		}
	}
}

// Load of an *os.File reads it from its offset to its end, mapped or
// not, and leaves it at its end.
func TestLoadOSFileFromOffset(t *testing.T) {
	b := collection(validFeature("a/x"), validFeature("a/y"))
	want := loadWith(b, true)
	require.Empty(t, want.err)
	path := filepath.Join(t.TempDir(), "in.json")
	const head = "HEAD"
	require.NoError(t, os.WriteFile(path, append([]byte(head), b...), 0o600))
	for _, mapped := range []bool{true, false} {
		t.Run(map[bool]string{true: "mapped", false: "read"}[mapped], func(t *testing.T) {
			if mapped {
				mapAll(t)
			}
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			_, err = f.Read(make([]byte, len(head)))
			require.NoError(t, err)
			c, err := Load(f)
			require.NoError(t, err)
			assert.Equal(t, want.sites, c.Sites())
			n, err := f.Read(make([]byte, 1))
			assert.Zero(t, n, "the file is read to its end")
			assert.Error(t, err)
		})
	}
}

// Problems in a mapped file are reported as in a file that is read: the
// same message, the path as the Source.
func TestLoadMappedErrors(t *testing.T) {
	dir := t.TempDir()
	inputs := map[string][]byte{
		"invalid kind": collection(set(validFeature("a/x"), "properties.kind", "x")),
		"syntax":       []byte(oneSite(``)[:200]),
		"null":         []byte(oneSite(`,"aliases":null,"region":null,"colour":"red"`)),
	}
	for name, b := range inputs {
		path := filepath.Join(dir, "in.json")
		require.NoError(t, os.WriteFile(path, b, 0o600))
		_, want := LoadFile(path)
		require.Error(t, want, name)
		t.Run(name, func(t *testing.T) {
			mapAll(t)
			_, err := LoadFile(path)
			require.Error(t, err)
			assert.Equal(t, want.Error(), err.Error())
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, path, ve.Source)
		})
	}
}

// A file cut short while it is loaded through a mapping is an error, not
// a crash.
func TestLoadMappedTruncated(t *testing.T) {
	loadTruncated(t, collection(validFeature("a/x"), validFeature("a/y")), 0)
}

// loadTruncated maps a file holding b, cuts it to size bytes and loads
// the mapping: an error, not a crash.
func loadTruncated(t *testing.T, b []byte, size int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.json")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	data, err := mapFile(f, len(b))
	if err != nil {
		t.Skip("files are not mapped here:", err)
	}
	defer unmapFile(data)
	require.NoError(t, f.Truncate(size))
	c, err := loadFaulting(data, path, nil)
	assert.Nil(t, c)
	assert.EqualError(t, err, "heritage: read: the file changed while it was loaded")
}

// A fault in the mapping is an error; any other panic is not caught.
func TestFaultIn(t *testing.T) {
	data := make([]byte, 16)
	assert.True(t, faultIn(fakeFault(addrOf(data)+3), data))
	assert.False(t, faultIn(fakeFault(addrOf(data)+16), data))
	assert.False(t, faultIn(fakeFault(addrOf(data)-1), data))
	assert.False(t, faultIn("boom", data))
	assert.False(t, faultIn(fakeFault(addrOf(data)), nil))
}

type fakeFault uintptr

func (f fakeFault) Addr() uintptr { return uintptr(f) }

func addrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
