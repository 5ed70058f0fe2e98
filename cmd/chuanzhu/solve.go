package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/vroom"
)

// maxSearch bounds a search without -time.
const maxSearch = time.Minute

// solve reads a VROOM problem from the file argument or stdin, solves it
// and writes the VROOM-shaped solution to stdout.
func solve(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("solve", flag.ContinueOnError)
	limit := fs.Duration("time", 0, "search budget: search this long for a better answer (0: until the search converges, at most "+maxSearch.String()+")")
	seed := fs.Int64("seed", 1, "seed of the randomised search")
	mode := fs.String("mode", "drive", "travel mode for problems without matrices: "+modeNames())
	fs.Usage = usageFunc(fs, "[flags] [problem.json]", `
Solves a problem in VROOM's JSON format (from the file, or standard input)
and writes a VROOM-shaped solution to standard output. See the README for the
supported subset.`)
	if err := parseFlags(fs, args, stderr, -1); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("want at most one problem file, got %d arguments", fs.NArg())
	}
	m, err := geo.ParseMode(*mode)
	if err != nil {
		return usageError{err}
	}
	if *limit < 0 {
		return usagef("-time %s: want a positive duration, or 0", *limit)
	}
	in := stdin
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return usageError{err}
		}
		defer f.Close()
		in = f
	}
	p, err := vroom.Decode(in)
	if err != nil {
		return usageError{err}
	}
	p.Mode = m
	opts := []route.Option{route.Seed(*seed)}
	if *limit > 0 {
		opts = append(opts, route.TimeLimit(*limit))
	} else {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, maxSearch)
		defer cancel()
	}
	plan, err := route.Solve(ctx, p.Problem, opts...)
	if err != nil {
		var ie *route.InfeasibleError
		if errors.As(err, &ie) || errors.Is(err, route.ErrInfeasible) || isValidation(err) {
			return usageError{err}
		}
		return err
	}
	return vroom.Encode(stdout, p, plan)
}

// isValidation reports whether err is about the problem's data.
func isValidation(err error) bool {
	var ve *route.ValidationError
	var de *route.DayError
	return errors.As(err, &ve) || errors.As(err, &de) || errors.Is(err, route.ErrUnreachable)
}

func modeNames() string {
	var names []string
	for _, m := range geo.Modes() {
		names = append(names, m.Name)
	}
	return strings.Join(names, ", ")
}
