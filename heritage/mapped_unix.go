//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package heritage

import (
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only.
func mapFile(f *os.File, size int) (data []byte, err error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	if cerr := rc.Control(func(fd uintptr) {
		data, err = syscall.Mmap(int(fd), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	}); cerr != nil {
		return nil, cerr
	}
	return data, err
}

// unmapFile removes a mapping of mapFile.
func unmapFile(data []byte) { _ = syscall.Munmap(data) }
