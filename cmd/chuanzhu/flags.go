package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

// parseFlags parses args with fs. Parse errors become usage errors
// (exit status 2) carrying only the one-line message: the flag package's
// own message and usage dump are discarded. -h prints fs.Usage to stderr
// and returns flag.ErrHelp (exit status 0). Positional arguments are
// refused beyond maxArgs; a negative maxArgs leaves them to the caller.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer, maxArgs int) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return err
	case err != nil:
		return usagef("%v (run chuanzhu %s -h)", err, fs.Name())
	case maxArgs >= 0 && fs.NArg() > maxArgs:
		if maxArgs == 0 {
			return usagef("unexpected argument %q (run chuanzhu %s -h)", fs.Arg(0), fs.Name())
		}
		return usagef("want at most %d arguments, got %d (run chuanzhu %s -h)", maxArgs, fs.NArg(), fs.Name())
	}
	return nil
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// usageFunc returns a flag.FlagSet Usage function printing the synopsis,
// the description and the flags to fs.Output(), which parseFlags points
// at standard error for -h only.
func usageFunc(fs *flag.FlagSet, synopsis, description string) func() {
	return func() {
		fmt.Fprintf(fs.Output(), "usage: chuanzhu %s %s\n\n%s\n\nflags:\n", fs.Name(), synopsis, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
}

// choice is a flag whose value is one of a fixed set of words.
type choice struct {
	value   string
	allowed []string
}

func newChoice(def string, allowed ...string) *choice {
	return &choice{value: def, allowed: allowed}
}

func (c *choice) String() string {
	if c == nil {
		return ""
	}
	return c.value
}

func (c *choice) Set(s string) error {
	if !slices.Contains(c.allowed, s) {
		return fmt.Errorf("want one of %s", strings.Join(c.allowed, ", "))
	}
	c.value = s
	return nil
}

// datumFlag is a -datum flag: wgs84 (the default), gcj02 or bd09.
type datumFlag struct{ d geo.Datum }

func (f *datumFlag) String() string {
	if f == nil {
		return geo.WGS84.String()
	}
	return f.d.String()
}

func (f *datumFlag) Set(s string) error {
	d, err := geo.ParseDatum(s)
	if err != nil {
		return errors.New("want wgs84, gcj02 or bd09")
	}
	f.d = d
	return nil
}

// listFlag collects comma-separated values; it may be repeated.
type listFlag []string

func (f *listFlag) String() string { return joined((*[]string)(f), ",") }

func (f *listFlag) Set(s string) error {
	*f = appendSplit(*f, s, ",")
	return nil
}

// splitFlag collects values separated by sep; it may be repeated.
type splitFlag struct {
	sep    string
	values []string
}

func (f *splitFlag) String() string {
	if f == nil {
		return ""
	}
	return strings.Join(f.values, f.sep)
}

// joined is the String of a list flag: its values joined with sep, ""
// for a nil flag (as the flag package's zero-value check calls it).
func joined(vs *[]string, sep string) string {
	if vs == nil {
		return ""
	}
	return strings.Join(*vs, sep)
}

func (f *splitFlag) Set(s string) error {
	f.values = appendSplit(f.values, s, f.sep)
	return nil
}

// appendSplit appends the non-empty, trimmed parts of s separated by sep.
func appendSplit(dst []string, s, sep string) []string {
	for v := range strings.SplitSeq(s, sep) {
		if v = strings.TrimSpace(v); v != "" {
			dst = append(dst, v)
		}
	}
	return dst
}

// fileList collects file names; it may be repeated.
type fileList []string

func (f *fileList) String() string { return joined((*[]string)(f), " ") }

func (f *fileList) Set(s string) error {
	if s == "" {
		return errors.New("want a file name")
	}
	*f = append(*f, s)
	return nil
}

// optFloat is a float flag that remembers whether it was given.
type optFloat struct {
	v   float64
	set bool
}

func (f *optFloat) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.FormatFloat(f.v, 'g', -1, 64)
}

func (f *optFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return errors.New("want a number")
	}
	f.v, f.set = v, true
	return nil
}

// parseBreak reads a daily break: "MIN" (minutes, within the default
// lunch window), "MIN@HH:MM-HH:MM", or "0" for none.
func parseBreak(s string) (*tour.Break, error) {
	mins, window, hasWindow := strings.Cut(strings.TrimSpace(s), "@")
	m, err := strconv.Atoi(mins)
	if err != nil || m < 0 || m > 24*60 {
		return nil, fmt.Errorf("%q: want minutes 0–1440, optionally @HH:MM-HH:MM", s)
	}
	b := &tour.Break{Duration: time.Duration(m) * time.Minute}
	if !hasWindow {
		return b, nil
	}
	from, to, ok := strings.Cut(window, "-")
	if !ok {
		return nil, fmt.Errorf("%q: want a window HH:MM-HH:MM after @", s)
	}
	var err1, err2 error
	b.From, err1 = tour.ParseClock(from)
	b.To, err2 = tour.ParseClock(to)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%q: want times of day HH:MM-HH:MM (00:00–24:00) after @", s)
	}
	if b.To <= b.From {
		return nil, fmt.Errorf("%q: the window ends before it starts", s)
	}
	return b, nil
}

// catalogFlags selects the catalog a command works on.
type catalogFlags struct {
	data  fileList
	merge bool
}

func (c *catalogFlags) register(fs *flag.FlagSet) {
	fs.Var(&c.data, "data", "load the catalog from this GeoJSON or JSON `file` instead of the embedded one (repeat to merge several)")
	fs.BoolVar(&c.merge, "merge", false, "with -data: add the files to the embedded catalog rather than replace it")
}

// load returns the catalog: the embedded one without -data; with -data
// the files merged in order, after the embedded catalog with -merge.
// A file that does not load is bad input (exit status 2).
func (c *catalogFlags) load() (*heritage.Catalog, error) {
	if len(c.data) == 0 {
		if c.merge {
			return nil, usagef("-merge needs at least one -data file")
		}
		return heritage.Default(), nil
	}
	var cats []*heritage.Catalog
	if c.merge {
		cats = append(cats, heritage.Default())
	}
	for _, f := range c.data {
		cat, err := heritage.LoadFile(f)
		if err != nil {
			return nil, usageError{err}
		}
		cats = append(cats, cat)
	}
	cat, err := heritage.Merge(cats...)
	if err != nil {
		return nil, usageError{err}
	}
	return cat, nil
}

// checkThemes reports a usage error for a theme no site of cat carries.
func checkThemes(cat *heritage.Catalog, themes []string) error {
	known := tour.Themes(cat)
	for _, t := range themes {
		if !slices.Contains(known, t) {
			return usagef("-theme %q: no site of the catalog carries it (themes: %s)", t, strings.Join(known, ", "))
		}
	}
	return nil
}
