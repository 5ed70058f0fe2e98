package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

var errTOPTW = errors.New("toptw: bad file")

// toptwInstance is a (T)OPTW instance in the KU Leuven format (Solomon and
// Cordeau based): vertex 0 is the depot, Tmax its closing time. Coordinates
// are kept in thousandths so that truncated travel times are computed
// exactly in integers.
type toptwInstance struct {
	x, y    []int64 // ×1000
	service []int64
	score   []int64
	open    []int64 // earliest start of service
	close   []int64 // latest start of service
}

// parseTOPTW reads "k v N t", "D Q", then "i x y d S f a list(a) O C" lines.
func parseTOPTW(r io.Reader) (*toptwInstance, error) {
	sc := bufio.NewScanner(r)
	in := &toptwInstance{}
	line, header := 0, 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if header < 2 {
			header++
			continue
		}
		if len(f) < 9 {
			return nil, fmt.Errorf("%w: line %d: want i x y d S f a list O C", errTOPTW, line)
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(in.x) {
			return nil, fmt.Errorf("%w: line %d: vertex number %q, want %d", errTOPTW, line, f[0], len(in.x))
		}
		a, err := strconv.Atoi(f[6])
		if err != nil || a < 0 || len(f) != 9+a {
			return nil, fmt.Errorf("%w: line %d: list length %q does not match the %d fields", errTOPTW, line, f[6], len(f))
		}
		x, err1 := milli(f[1])
		y, err2 := milli(f[2])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", errTOPTW, line, err)
		}
		var v [4]int64
		for k, s := range []string{f[3], f[4], f[7+a], f[8+a]} {
			m, err := milli(s)
			if err != nil || m%1000 != 0 || m < 0 {
				return nil, fmt.Errorf("%w: line %d: %q is not a non-negative integer", errTOPTW, line, s)
			}
			v[k] = m / 1000
		}
		if v[2] > v[3] {
			return nil, fmt.Errorf("%w: line %d: window [%d, %d] is empty", errTOPTW, line, v[2], v[3])
		}
		in.x = append(in.x, x)
		in.y = append(in.y, y)
		in.service = append(in.service, v[0])
		in.score = append(in.score, v[1])
		in.open = append(in.open, v[2])
		in.close = append(in.close, v[3])
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(in.x) < 2 {
		return nil, fmt.Errorf("%w: fewer than two vertices", errTOPTW)
	}
	return in, nil
}

// milli parses a decimal with at most three decimals into thousandths.
func milli(s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, _ := strings.Cut(s, ".")
	if len(fp) > 3 || ip == "" && fp == "" {
		return 0, fmt.Errorf("%q: want a decimal with at most 3 decimals", s)
	}
	fp += strings.Repeat("0", 3-len(fp))
	i, err := strconv.ParseInt(ip+fp, 10, 64)
	if err != nil || i > 1<<40 {
		return 0, fmt.Errorf("%q: not a number", s)
	}
	if neg {
		i = -i
	}
	return i, nil
}

// travel is floor(k × Euclidean distance), exactly: the README's travel time
// truncated to 1/k, in units of 1/k.
func (in *toptwInstance) travel(i, j int, k int64) int64 {
	dx, dy := in.x[i]-in.x[j], in.y[i]-in.y[j]
	return isqrt(k*k*(dx*dx+dy*dy)) / 1000
}

func isqrt(v int64) int64 {
	r := int64(math.Sqrt(float64(v)))
	for r*r > v {
		r--
	}
	for (r+1)*(r+1) <= v {
		r++
	}
	return r
}

// instance scales every time by k: service start in [O, C] becomes the
// whole visit inside [kO, kC + kd].
func (in *toptwInstance) model(k int64) *opModel {
	n := len(in.x)
	ti := &opModel{n: n, service: make([]int64, n), score: slices.Clone(in.score), windows: make([][][2]int64, n)}
	ti.travel = travelMatrix(n, func(i, j int) int64 { return in.travel(i, j, k) })
	for c := 1; c < n; c++ {
		ti.customers = append(ti.customers, c)
		ti.service[c] = k * in.service[c]
		ti.windows[c] = [][2]int64{{k * in.open[c], k * (in.close[c] + in.service[c])}}
	}
	ti.routes = []opRoute{{start: 0, end: 0, open: k * in.open[0], close: k * in.close[0]}}
	return ti
}

// check replays one route in the benchmark's own terms (float times, travel
// truncated to 1/k) and returns its score.
func (in *toptwInstance) check(route []int, k int64) (int64, error) {
	kf := float64(k)
	tr := func(i, j int) float64 {
		d := math.Hypot(float64(in.x[i]-in.x[j])/1000, float64(in.y[i]-in.y[j])/1000)
		return math.Floor(d*kf+1e-7) / kf
	}
	t := float64(in.open[0])
	prev := 0
	var score int64
	seen := map[int]bool{}
	for _, v := range route {
		if v < 1 || v >= len(in.x) || seen[v] {
			return 0, fmt.Errorf("vertex %d twice or out of range", v)
		}
		seen[v] = true
		t = math.Max(t+tr(prev, v), float64(in.open[v]))
		if t > float64(in.close[v])+1e-7 {
			return 0, fmt.Errorf("vertex %d starts at %.2f after its close %d", v, t, in.close[v])
		}
		t += float64(in.service[v])
		score += in.score[v]
		prev = v
	}
	if t += tr(prev, 0); t > float64(in.close[0])+1e-7 {
		return 0, fmt.Errorf("back at the depot at %.2f after Tmax %d", t, in.close[0])
	}
	return score, nil
}

// runTOPTW solves the Solomon and Cordeau (T)OPTW instances with m = 1..4
// routes; best-known values exist for m = 1 only.
func runTOPTW(cfg *config, emit func(row)) error {
	base, ok := setDir(cfg, "toptw")
	if !ok {
		return nil
	}
	sets := []struct {
		name, dir string
		k         int64
	}{
		{"toptw_solomon100", "solomon_100", 10},
		{"toptw_cordeau", "cordeau_pr01_10", 100},
		{"toptw_solomon200", "solomon_200", 10},
		{"toptw_solomon50", "solomon_50", 10},
	}
	for _, set := range sets {
		files, _ := filepath.Glob(filepath.Join(base, set.dir, "*.txt"))
		slices.Sort(files)
		for _, f := range files {
			file := strings.TrimSuffix(filepath.Base(f), ".txt")
			var in *toptwInstance
			for m := 1; m <= 4; m++ {
				name := fmt.Sprintf("%s_m%d", file, m)
				if !cfg.names(name) {
					continue
				}
				if in == nil {
					fh, err := os.Open(f)
					if err != nil {
						return err
					}
					in, err = parseTOPTW(fh)
					fh.Close()
					if err != nil {
						return fmt.Errorf("%s: %w", f, err)
					}
				}
				n := len(in.x)
				if !cfg.sizeOK(n) {
					break
				}
				k := set.k
				j := opJob{set: set.name, name: file, n: n, model: in.model(k),
					check: func(route []int) (int64, error) { return in.check(route, k) }}
				r, err := solveOPJob(cfg, j, m, name)
				if err != nil {
					return fmt.Errorf("%s %s: %w", set.name, name, err)
				}
				emit(r)
			}
		}
	}
	return nil
}
