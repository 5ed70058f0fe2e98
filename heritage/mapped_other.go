//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package heritage

import (
	"errors"
	"os"
)

// mapFile maps no file here: files are read.
func mapFile(*os.File, int) ([]byte, error) { return nil, errors.ErrUnsupported }

// unmapFile removes a mapping of mapFile.
func unmapFile([]byte) {}
