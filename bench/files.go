package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
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

// solve solves p with the -time budget (route.TimeLimit, which spends the
// whole budget unless the plan is proven optimal sooner) or, for -time 0,
// with route's own stopping rule and no deadline. It returns the wall time
// of the call in seconds.
func (cfg *config) solve(p route.Problem) (*route.Plan, float64, error) {
	opts := []route.Option{route.Seed(cfg.seed)}
	if cfg.timeEach > 0 {
		opts = append(opts, route.TimeLimit(cfg.timeEach))
	}
	began := time.Now()
	plan, err := route.Solve(context.Background(), p, opts...)
	return plan, time.Since(began).Seconds(), err
}
