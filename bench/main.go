// Command bench solves public benchmark instances with chuanzhu's engines
// and prints, per instance, the best-known value, ours, the gap and the
// time, as TSV on standard output, with a summary per set on standard
// error.
//
// Usage:
//
//	go run ./bench -data ../shared/bench -set tsplib -time 1s -max 200
//
// The instance files are read at run time from -data and never copied into
// the project; when the folder is absent bench says so and exits 0.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// config holds the command-line settings shared by every set.
type config struct {
	data     string
	timeEach time.Duration
	names    func(string) bool
	minN     int
	maxN     int
	seed     int64
	best     map[string]bestKnown // key: set + "/" + instance
}

// bestKnown is one row of best.tsv.
type bestKnown struct {
	value    float64
	maximize bool
	optimal  bool
}

// row is one output line.
type row struct {
	set, instance string
	n             int
	best          float64 // NaN when unknown
	ours          float64
	maximize      bool
	seconds       float64
	note          string
}

// gap is the relative distance to the best known value in percent, positive
// when ours is worse.
func (r row) gap() float64 {
	if math.IsNaN(r.best) || r.best == 0 {
		return math.NaN()
	}
	if r.maximize {
		return (r.best - r.ours) / r.best * 100
	}
	return (r.ours - r.best) / r.best * 100
}

// setNames lists the sets of public instance files; "all" runs them in
// this order. The generated set "synth" (synth.go) runs only when named.
func setNames() []string { return []string{"tsplib", "op", "toptw"} }

// runSet runs the instances of one set, calling emit per instance.
func runSet(name string, cfg *config, emit func(row)) error {
	switch name {
	case "tsplib":
		return runTSPLIB(cfg, emit)
	case "op":
		return runOP(cfg, emit)
	case "toptw":
		return runTOPTW(cfg, emit)
	case "synth":
		return runSynth(cfg, emit)
	}
	return fmt.Errorf("unknown set %q (known: %s, all, synth)", name, strings.Join(setNames(), ", "))
}

func main() {
	data := flag.String("data", "../shared/bench", "benchmark data folder")
	set := flag.String("set", "tsplib", "instance set: "+strings.Join(setNames(), "|")+"|all|synth")
	each := flag.Duration("time", time.Second, "time limit per instance; 0 = route's own stopping rule")
	name := flag.String("name", "", "instances to run: a regexp, or a comma-separated list of exact names")
	minN := flag.Int("min", 0, "smallest instance size (nodes)")
	maxN := flag.Int("max", 0, "largest instance size (nodes); 0 = no limit")
	seed := flag.Int64("seed", 1, "random seed")
	budgetList := flag.String("budgets", "", "time-to-quality mode: solve every instance once per budget in this comma-separated list (e.g. 10ms,50ms,200ms,1s,10s)")
	flag.Parse()

	if fi, err := os.Stat(*data); *set != "synth" && (err != nil || !fi.IsDir()) { // synth is generated
		fmt.Fprintf(os.Stderr, "bench: data folder %s not found; nothing to run\n", *data)
		return
	}
	names, err := nameFilter(*name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	best, err := readBest(filepath.Join(*data, "best.tsv"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	cfg := &config{data: *data, timeEach: *each, names: names, minN: *minN, maxN: *maxN, seed: *seed, best: best}

	todo := []string{*set}
	if *set == "all" {
		todo = setNames()
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if *budgetList != "" {
		budgets, err := parseBudgets(*budgetList)
		if err == nil {
			err = runQuality(cfg, todo, budgets, out, os.Stderr)
		}
		if err != nil {
			out.Flush()
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Fprintln(out, "set\tinstance\tn\tbest_known\tours\tgap_pct\tseconds")
	sums := &summaries{sets: map[string]*summary{}}
	emit := func(r row) {
		writeRow(out, r)
		out.Flush()
		sums.add(r)
	}
	failed := false
	for _, name := range todo {
		if err := runSet(name, cfg, emit); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			failed = true
		}
	}
	out.Flush()
	sums.print(os.Stderr)
	if failed {
		os.Exit(1)
	}
}

// writeRow writes r as one TSV line.
func writeRow(w io.Writer, r row) {
	fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\t%.2f", r.set, r.instance, r.n,
		num(r.best), num(r.ours), gapText(r.gap()), r.seconds)
	if r.note != "" {
		fmt.Fprintf(w, "\t# %s", r.note)
	}
	fmt.Fprintln(w)
}

// summary totals one set's rows.
type summary struct {
	sum, worst float64
	worstName  string
	count      int
	time       float64
}

// summaries holds one summary per set, in the order the sets appeared.
type summaries struct {
	sets  map[string]*summary
	order []string
}

func (ss *summaries) add(r row) {
	s := ss.sets[r.set]
	if s == nil {
		s = &summary{worst: math.Inf(-1)}
		ss.sets[r.set] = s
		ss.order = append(ss.order, r.set)
	}
	if g := r.gap(); !math.IsNaN(g) {
		s.sum += g
		s.count++
		if g > s.worst {
			s.worst, s.worstName = g, r.instance
		}
	}
	s.time += r.seconds
}

// print writes one line per set: instances, mean and worst gap, time.
func (ss *summaries) print(w io.Writer) {
	for _, set := range ss.order {
		s := ss.sets[set]
		if s.count == 0 {
			continue
		}
		fmt.Fprintf(w, "%s: %d instances, mean gap %.3f%%, worst %.3f%% (%s), total %.1f s\n",
			set, s.count, s.sum/float64(s.count), s.worst, s.worstName, s.time)
	}
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func gapText(g float64) string {
	if math.IsNaN(g) {
		return "-"
	}
	return strconv.FormatFloat(g, 'f', 3, 64)
}

// nameFilter accepts a comma-separated list of exact names or a regexp.
func nameFilter(spec string) (func(string) bool, error) {
	if spec == "" {
		return func(string) bool { return true }, nil
	}
	if strings.Contains(spec, ",") {
		list := strings.Split(spec, ",")
		for i := range list {
			list[i] = strings.TrimSpace(list[i])
		}
		return func(s string) bool { return slices.Contains(list, s) }, nil
	}
	re, err := regexp.Compile(spec)
	if err != nil {
		return nil, fmt.Errorf("-name: %w", err)
	}
	return re.MatchString, nil
}

// readBest loads best.tsv (set, instance, objective, best_known, optimal,
// source).
func readBest(path string) (map[string]bestKnown, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	best := map[string]bestKnown{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(sc.Text(), "\t")
		if line == 1 || len(cols) < 5 {
			continue
		}
		v, err := strconv.ParseFloat(cols[3], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: best_known %q: %w", path, line, cols[3], err)
		}
		best[cols[0]+"/"+cols[1]] = bestKnown{
			value:    v,
			maximize: strings.HasPrefix(cols[2], "max"),
			optimal:  cols[4] == "yes",
		}
	}
	return best, sc.Err()
}
