package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// instanceName is a file's name without folder and extension, after its
// parent folder's name when withDir is set ("gen1/eil51").
func instanceName(file string, withDir bool) string {
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if withDir {
		name = filepath.Base(filepath.Dir(file)) + "/" + name
	}
	return name
}

// parseFiles parses, in name order, every file matching pattern whose
// instance name passes cfg's -name filter, and hands each instance to use.
func parseFiles[T any](cfg *config, pattern string, withDir bool, parse func(io.Reader) (T, error), use func(name string, in T)) error {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return err
	}
	slices.Sort(files)
	for _, f := range files {
		name := instanceName(f, withDir)
		if !cfg.names(name) {
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			return err
		}
		in, err := parse(fh)
		fh.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		use(name, in)
	}
	return nil
}

// sizeOK reports whether an instance of n nodes passes the -min and -max
// filters.
func (cfg *config) sizeOK(n int) bool {
	return n >= cfg.minN && (cfg.maxN <= 0 || n <= cfg.maxN)
}
