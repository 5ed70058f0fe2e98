//go:build unix

package tsp

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/internal/cputime"
	"github.com/chuanzhu/chuanzhu/internal/tsplib"
)

// tsplibDir holds the TSPLIB files of the shared benchmark folder, next to
// the repository (absent outside the project's machines: the benchmark
// then skips).
var tsplibDir = filepath.Join("..", "..", "..", "..", "shared", "bench", "tsp")

// linkernTargets are the tour lengths of Concorde's linkern with its
// default settings (../shared/bench/peers), and for instances it was not
// run on the optimum plus 0.05%, about linkern's default quality there.
var linkernTargets = []linkernTarget{
	{"pr439", 107271}, // optimum 107,217 + 0.05%
	{"pcb442", 50778},
	{"d493", 35025},
	{"d657", 48936}, // optimum 48,912 + 0.05%
	{"u724", 41948},
	{"rat783", 8808},
	{"pr1002", 259158},
}

// linkernTarget is an instance and the length linkern reaches on it.
type linkernTarget struct {
	name   string
	target int64
}

// linkernSeeds returns the first and last seed the linkern benchmarks
// run: 1 to 10, or TSP_SEED0 to TSP_SEED0+TSP_SEEDS-1 (a second set of
// seeds checks a difference seen on the first).
func linkernSeeds() (first, last int64) {
	n, first := int64(10), int64(1)
	if v, err := strconv.ParseInt(os.Getenv("TSP_SEEDS"), 10, 64); err == nil && v > 0 {
		n = v
	}
	if v, err := strconv.ParseInt(os.Getenv("TSP_SEED0"), 10, 64); err == nil {
		first = v
	}
	return first, first + n - 1
}

// forTargets runs f as a sub-benchmark on every instance of
// linkernTargets, or those TSP_LINKERN names (comma-separated); it skips
// when the TSPLIB files are absent.
func forTargets(b *testing.B, f func(*testing.B, linkernTarget, Instance)) {
	only := os.Getenv("TSP_LINKERN")
	for _, tc := range linkernTargets {
		if only != "" && !strings.Contains(","+only+",", ","+tc.name+",") {
			continue
		}
		in, err := readTSPLIB(filepath.Join(tsplibDir, tc.name+".tsp"))
		if os.IsNotExist(err) {
			b.Skipf("no benchmark data: %v", err)
		}
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) { f(b, tc, in) })
	}
}

// BenchmarkTimeToLinkern measures the CPU time (getrusage, user; setup
// included) after which the solver's best tour first reaches linkern's
// length, for the seeds of linkernSeeds, each run stopped there or after
// 20,000 kicks; TSP_LINKERN picks instances (see forTargets). It prints
// one line per instance: the times of the seeds that reached the target
// (the final length of the others), their median, counting the others as
// not reached, their geometric mean, counting the others at the time they
// stopped (a lower bound, less moved than the median by the few seeds
// near it), and the CPU time per kick (setup included):
//
//	go test ./route/internal/tsp -run '^$' -bench TimeToLinkern -benchtime 1x
func BenchmarkTimeToLinkern(b *testing.B) {
	first, last := linkernSeeds()
	seeds := int(last - first + 1)
	forTargets(b, func(b *testing.B, tc linkernTarget, in Instance) {
		for b.Loop() {
			var times []time.Duration
			var allCPU time.Duration
			var logSum float64
			allKicks := 0
			line := ""
			for seed := first; seed <= last; seed++ {
				cpu, cost, kicks := timeToReach(b, in, tc.target, seed)
				allKicks += kicks
				allCPU += cpu
				logSum += math.Log(cpu.Seconds())
				if cost <= tc.target {
					times = append(times, cpu)
					line += fmt.Sprintf(" %.3f", cpu.Seconds())
				} else {
					line += fmt.Sprintf(" -(%d)", cost)
				}
			}
			b.Logf("%s target %d: reached %d of %d, median %s, geometric mean %.3fs, %.0f µs per kick; seconds:%s",
				tc.name, tc.target, len(times), seeds, median(times, seeds),
				math.Exp(logSum/float64(seeds)), float64(allCPU.Microseconds())/float64(allKicks), line)
		}
	})
}

// timeToReach runs the solver until its best tour is at most target (or
// 20,000 kicks) and returns the CPU time that took, the final cost and
// the number of local-search rounds (kicks plus the first descent).
func timeToReach(b *testing.B, in Instance, target, seed int64) (time.Duration, int64, int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t0 := userTime()
	var at time.Duration
	opt := Options{Seed: seed, MaxKicks: 20000, MaxStall: -1}
	opt.onBest = func(best int64) {
		if best <= target && at == 0 {
			at = userTime() - t0
			cancel()
		}
	}
	res, err := Solve(ctx, in, opt)
	if err != nil {
		b.Fatal(err)
	}
	if at == 0 {
		at = userTime() - t0
	}
	return at, res.Cost, res.Iterations
}

// median returns the median of the times of runs that reached the target
// out of n runs, the others counted as longer than all, or "-" when
// fewer than half did.
func median(times []time.Duration, n int) string {
	if len(times) <= (n-1)/2 {
		return "-"
	}
	slices.Sort(times)
	return fmt.Sprintf("%.3fs", times[(n-1)/2].Seconds())
}

// descentOptima are TSPLIB optimal tour lengths (Reinelt, TSPLIB95) of
// the EUC_2D instances BenchmarkFirstDescent uses.
var descentOptima = []struct {
	name string
	opt  int64
}{
	{"rd400", 15281}, {"fl417", 11861}, {"pr439", 107217}, {"pcb442", 50778},
	{"d493", 35002}, {"rat575", 6773}, {"u574", 36905}, {"p654", 34643},
	{"d657", 48912}, {"u724", 41910}, {"rat783", 8806}, {"pr1002", 259045},
}

// BenchmarkFirstDescent reports the mean gap to the optimum of the start
// tour after its first local-search descent (what any budget returns, the
// whole answer at a few milliseconds), over 8 random relabellings of each
// instance: one labelling alone decides ties and the order nodes are
// searched in, and moves a single instance's figure by whole percents.
//
//	go test ./route/internal/tsp -run '^$' -bench FirstDescent -benchtime 1x
func BenchmarkFirstDescent(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the search stops right after the first descent
	for b.Loop() {
		var sum float64
		for _, tc := range descentOptima {
			in, err := readTSPLIB(filepath.Join(tsplibDir, tc.name+".tsp"))
			if os.IsNotExist(err) {
				b.Skipf("no benchmark data: %v", err)
			}
			if err != nil {
				b.Fatal(err)
			}
			var gap float64
			for r := range uint64(8) {
				res, err := Solve(ctx, relabel(in, r), Options{Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				gap += 100 * float64(res.Cost-tc.opt) / float64(tc.opt) / 8
			}
			b.Logf("%s: %.3f%%", tc.name, gap)
			sum += gap
		}
		b.ReportMetric(sum/float64(len(descentOptima)), "gap-%")
	}
}

// relabel returns in with its nodes renumbered by a random permutation
// drawn from seed, starting at the last node.
func relabel(in Instance, seed uint64) Instance {
	n := in.N
	perm := rand.New(rand.NewPCG(seed, 7)).Perm(n)
	c := make([]int64, n*n)
	for i := range n {
		for j := range n {
			c[perm[i]*n+perm[j]] = in.Cost[i*n+j]
		}
	}
	return Instance{N: n, Cost: c, Start: n - 1, End: n - 1}
}

// userTime is the process's user CPU time (this file builds on Unix
// only, where it is known).
func userTime() time.Duration {
	d, _ := cputime.User()
	return d
}

// readTSPLIB reads a TSPLIB file into a closed tour instance on its
// integer distances.
func readTSPLIB(path string) (Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return Instance{}, err
	}
	defer f.Close()
	in, err := tsplib.Parse(f)
	if err != nil {
		return Instance{}, fmt.Errorf("%s: %w", path, err)
	}
	return Instance{N: in.Dimension, Cost: in.Matrix()}, nil
}

// BenchmarkAnytimeCPU runs each instance of linkernTargets (TSP_LINKERN
// picks some) for the seeds of linkernSeeds until the process has
// spent TSP_CPU of CPU time on it (default 800ms; setup included) and
// prints the mean gap to the optimum of the best tour at an eighth, a
// quarter, half and all of that budget, with how many seeds were then at
// or below linkern's length: a figure at equal time that a few lucky or
// unlucky seeds move less than the median time to a target.
//
//	TSP_CPU=800ms go test ./route/internal/tsp -run '^$' -bench AnytimeCPU -benchtime 1x
func BenchmarkAnytimeCPU(b *testing.B) {
	first, last := linkernSeeds()
	budget := 800 * time.Millisecond
	if v, err := time.ParseDuration(os.Getenv("TSP_CPU")); err == nil && v > 0 {
		budget = v
	}
	optimum := map[string]int64{}
	for _, o := range descentOptima {
		optimum[o.name] = o.opt
	}
	forTargets(b, func(b *testing.B, tc linkernTarget, in Instance) {
		for b.Loop() {
			anytimeLine(b, in, tc.name, tc.target, optimum[tc.name], first, last, budget)
		}
	})
}

// anytimeLine runs seeds first..last of in for budget of CPU time each
// and logs the mean gap and the number of seeds at linkern's length at
// four fractions of the budget.
func anytimeLine(b *testing.B, in Instance, name string, target, opt, first, last int64, budget time.Duration) {
	fracs := [...]int{8, 4, 2, 1}
	var gap [len(fracs)]float64
	var hits [len(fracs)]int
	seeds := last - first + 1
	for seed := first; seed <= last; seed++ {
		curve := bestCurve(b, in, seed, budget)
		for i, f := range fracs {
			best := bestAt(curve, budget/time.Duration(f))
			gap[i] += 100 * float64(best-opt) / float64(opt) / float64(seeds)
			if best <= target {
				hits[i]++
			}
		}
	}
	line := ""
	for i, f := range fracs {
		line += fmt.Sprintf("  %v: %.3f%% (%d)", budget/time.Duration(f), gap[i], hits[i])
	}
	b.Logf("%s mean gap (seeds at linkern's %d of %d):%s", name, target, seeds, line)
}

// cpuPoint is the best tour's cost from a CPU time on.
type cpuPoint struct {
	at   time.Duration
	cost int64
}

// bestCurve runs the solver for budget of CPU time and returns each new
// best cost with the CPU time it was found at.
func bestCurve(b *testing.B, in Instance, seed int64, budget time.Duration) []cpuPoint {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t0 := userTime()
	var curve []cpuPoint
	opt := Options{Seed: seed, MaxStall: -1}
	opt.onBest = func(best int64) {
		at := userTime() - t0
		curve = append(curve, cpuPoint{at, best})
		if at >= budget {
			cancel()
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil && userTime()-t0 < budget {
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
	}()
	res, err := Solve(ctx, in, opt)
	<-done
	if err != nil {
		b.Fatal(err)
	}
	if len(curve) == 0 {
		b.Fatalf("no tour reported (cost %d)", res.Cost)
	}
	return curve
}

// bestAt returns the best cost found by CPU time at (the first descent's
// when at is earlier).
func bestAt(curve []cpuPoint, at time.Duration) int64 {
	best := curve[0].cost
	for _, p := range curve {
		if p.at <= at {
			best = p.cost
		}
	}
	return best
}
