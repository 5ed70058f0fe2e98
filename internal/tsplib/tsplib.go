// Package tsplib reads the symmetric TSP files of TSPLIB95 (Reinelt,
// "TSPLIB — A Traveling Salesman Problem Library", 1991) and computes
// their integer distances: the benchmark command and the ordering
// engine's benchmarks read the same instances through it.
package tsplib

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Instance is a symmetric TSPLIB95 instance with its integer metric.
type Instance struct {
	Name       string
	Dimension  int
	WeightType string // EUC_2D, CEIL_2D, ATT, GEO, EXPLICIT
	Format     string // EDGE_WEIGHT_FORMAT for EXPLICIT
	X, Y       []float64
	Weights    []int64 // n*n for EXPLICIT
	// FixedEdges lists 0-based node pairs of a FIXED_EDGES_SECTION.
	FixedEdges [][2]int
}

var errTSPLIB = errors.New("tsplib: bad file")

// maxDimension bounds DIMENSION (TSPLIB's largest instance has 85,900
// nodes); explicit matrices are bounded by maxExplicit nodes.
const (
	maxDimension = 100_000
	maxExplicit  = 10_000
)

// Parse reads a TSPLIB95 TSP file leniently: header keys in any case,
// "KEY: value" or "KEY : value", sections as flat number streams.
func Parse(r io.Reader) (*Instance, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	p := &tsplibParser{in: &Instance{}}
	for sc.Scan() {
		p.line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if strings.ToUpper(text) == "EOF" {
			break
		}
		if err := p.parseLine(text); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	if err := p.in.complete(); err != nil {
		return nil, err
	}
	return p.in, nil
}

// tsplibParser is the state of Parse between lines.
type tsplibParser struct {
	in         *Instance
	line       int
	section    string      // the current *_SECTION, "" in the header
	nums       []float64   // numbers of the current section
	coordLines [][]float64 // lines of NODE_COORD_SECTION
}

// parseLine reads one non-empty line: a section name, a header entry or
// numbers of the current section.
func (p *tsplibParser) parseLine(text string) error {
	upper := strings.ToUpper(text)
	if u := strings.TrimRight(upper, " \t:"); strings.HasSuffix(u, "_SECTION") && !strings.ContainsAny(u, " :\t") {
		if err := p.finish(); err != nil {
			return err
		}
		p.section, p.nums, p.coordLines = u, nil, nil
		return nil
	}
	if key, val, ok := strings.Cut(text, ":"); ok && p.section == "" || ok && isHeaderKey(key) {
		p.section = ""
		return p.header(strings.ToUpper(strings.TrimSpace(key)), strings.TrimSpace(val))
	}
	fields := strings.Fields(text)
	vals := make([]float64, 0, len(fields))
	for _, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return fmt.Errorf("%w: line %d: %q is not a number", errTSPLIB, p.line, f)
		}
		vals = append(vals, v)
	}
	switch p.section {
	case "NODE_COORD_SECTION":
		p.coordLines = append(p.coordLines, vals)
	case "EDGE_WEIGHT_SECTION", "FIXED_EDGES_SECTION":
		p.nums = append(p.nums, vals...)
	}
	return nil
}

// header records the header entry key: val.
func (p *tsplibParser) header(key, val string) error {
	in := p.in
	switch key {
	case "NAME":
		in.Name = val
	case "DIMENSION":
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > maxDimension {
			return fmt.Errorf("%w: line %d: DIMENSION %q", errTSPLIB, p.line, val)
		}
		in.Dimension = n
	case "EDGE_WEIGHT_TYPE":
		in.WeightType = strings.ToUpper(val)
	case "EDGE_WEIGHT_FORMAT":
		in.Format = strings.ToUpper(val)
	case "TYPE":
		if t := strings.ToUpper(val); !strings.HasPrefix(t, "TSP") {
			return fmt.Errorf("%w: line %d: TYPE %q is not TSP", errTSPLIB, p.line, val)
		}
	}
	return nil
}

// finish stores the data of the section that ends.
func (p *tsplibParser) finish() error {
	in, nums := p.in, p.nums
	switch p.section {
	case "EDGE_WEIGHT_SECTION":
		return in.fillWeights(nums)
	case "NODE_COORD_SECTION":
		return in.fillCoords(p.coordLines)
	case "FIXED_EDGES_SECTION":
		for i := 0; i+1 < len(nums); i += 2 {
			if nums[i] < 0 {
				break
			}
			in.FixedEdges = append(in.FixedEdges, [2]int{int(nums[i]) - 1, int(nums[i+1]) - 1})
		}
	}
	return nil
}

// complete checks that the header and sections define the distances.
func (in *Instance) complete() error {
	if in.Dimension == 0 {
		return fmt.Errorf("%w: no DIMENSION", errTSPLIB)
	}
	switch in.WeightType {
	case "EXPLICIT":
		if in.Weights == nil {
			return fmt.Errorf("%w: EXPLICIT without EDGE_WEIGHT_SECTION", errTSPLIB)
		}
	case "EUC_2D", "CEIL_2D", "ATT", "GEO":
		if len(in.X) != in.Dimension {
			return fmt.Errorf("%w: %d coordinates for DIMENSION %d", errTSPLIB, len(in.X), in.Dimension)
		}
	default:
		return fmt.Errorf("%w: EDGE_WEIGHT_TYPE %q not supported", errTSPLIB, in.WeightType)
	}
	return nil
}

func isHeaderKey(k string) bool {
	switch strings.ToUpper(strings.TrimSpace(k)) {
	case "NAME", "TYPE", "COMMENT", "DIMENSION", "EDGE_WEIGHT_TYPE", "EDGE_WEIGHT_FORMAT",
		"DISPLAY_DATA_TYPE", "NODE_COORD_TYPE", "CAPACITY":
		return true
	}
	return false
}

func (in *Instance) fillCoords(lines [][]float64) error {
	n := in.Dimension
	if n == 0 {
		return fmt.Errorf("%w: NODE_COORD_SECTION before DIMENSION", errTSPLIB)
	}
	in.X, in.Y = make([]float64, n), make([]float64, n)
	seen := make([]bool, n)
	for _, l := range lines {
		if len(l) < 3 {
			return fmt.Errorf("%w: coordinate line with %d numbers", errTSPLIB, len(l))
		}
		id := int(l[0]) - 1
		if id < 0 || id >= n || seen[id] {
			return fmt.Errorf("%w: node id %v out of range or repeated", errTSPLIB, l[0])
		}
		seen[id] = true
		in.X[id], in.Y[id] = l[1], l[2]
	}
	if len(lines) != n {
		return fmt.Errorf("%w: %d coordinates for DIMENSION %d", errTSPLIB, len(lines), n)
	}
	return nil
}

// fillWeights expands an explicit EDGE_WEIGHT_SECTION to a full matrix.
func (in *Instance) fillWeights(nums []float64) error {
	n := in.Dimension
	if n == 0 {
		return fmt.Errorf("%w: EDGE_WEIGHT_SECTION before DIMENSION", errTSPLIB)
	}
	if n > maxExplicit {
		return fmt.Errorf("%w: explicit matrix of dimension %d is too large", errTSPLIB, n)
	}
	w := make([]int64, n*n)
	var want int
	switch in.Format {
	case "FULL_MATRIX":
		want = n * n
	case "UPPER_ROW", "LOWER_ROW":
		want = n * (n - 1) / 2
	case "UPPER_DIAG_ROW", "LOWER_DIAG_ROW":
		want = n * (n + 1) / 2
	default:
		return fmt.Errorf("%w: EDGE_WEIGHT_FORMAT %q not supported", errTSPLIB, in.Format)
	}
	if len(nums) != want {
		return fmt.Errorf("%w: %s needs %d numbers, found %d", errTSPLIB, in.Format, want, len(nums))
	}
	set := func(i, j int, v float64) {
		w[i*n+j], w[j*n+i] = int64(v), int64(v)
	}
	k := 0
	switch in.Format {
	case "FULL_MATRIX":
		for i := range n {
			for j := range n {
				w[i*n+j] = int64(nums[k])
				k++
			}
		}
	case "UPPER_ROW":
		for i := range n {
			for j := i + 1; j < n; j++ {
				set(i, j, nums[k])
				k++
			}
		}
	case "LOWER_ROW":
		for i := range n {
			for j := range i {
				set(i, j, nums[k])
				k++
			}
		}
	case "UPPER_DIAG_ROW":
		for i := range n {
			for j := i; j < n; j++ {
				set(i, j, nums[k])
				k++
			}
		}
	case "LOWER_DIAG_ROW":
		for i := range n {
			for j := 0; j <= i; j++ {
				set(i, j, nums[k])
				k++
			}
		}
	}
	in.Weights = w
	return nil
}

// dist is the TSPLIB95 integer distance between nodes i and j.
func (in *Instance) Dist(i, j int) int64 {
	switch in.WeightType {
	case "EXPLICIT":
		return in.Weights[i*in.Dimension+j]
	case "EUC_2D":
		return eucDist(in.X[i], in.Y[i], in.X[j], in.Y[j])
	case "CEIL_2D":
		return ceilDist(in.X[i], in.Y[i], in.X[j], in.Y[j])
	case "ATT":
		return attDist(in.X[i], in.Y[i], in.X[j], in.Y[j])
	case "GEO":
		return geoDist(in.X[i], in.Y[i], in.X[j], in.Y[j])
	}
	return 0
}

// matrix returns the full n*n distance matrix.
func (in *Instance) Matrix() []int64 {
	n := in.Dimension
	c := make([]int64, n*n)
	for i := range n {
		for j := range n {
			if i != j {
				c[i*n+j] = in.Dist(i, j)
			}
		}
	}
	return c
}

// eucDist is EUC_2D: nint(sqrt(dx²+dy²)).
func eucDist(x1, y1, x2, y2 float64) int64 {
	return int64(math.Sqrt((x1-x2)*(x1-x2)+(y1-y2)*(y1-y2)) + 0.5)
}

// ceilDist is CEIL_2D: ceil(sqrt(dx²+dy²)).
func ceilDist(x1, y1, x2, y2 float64) int64 {
	return int64(math.Ceil(math.Sqrt((x1-x2)*(x1-x2) + (y1-y2)*(y1-y2))))
}

// attDist is the pseudo-Euclidean ATT distance.
func attDist(x1, y1, x2, y2 float64) int64 {
	r := math.Sqrt(((x1-x2)*(x1-x2) + (y1-y2)*(y1-y2)) / 10)
	t := int64(r + 0.5)
	if float64(t) < r {
		return t + 1
	}
	return t
}

// geoPI is the value of pi TSPLIB95 prescribes for GEO distances; the
// published optima are only reproduced with it.
const geoPI = 3.141592

// geoRad converts TSPLIB's DDD.MM (degrees.minutes) to radians.
func geoRad(x float64) float64 {
	deg := float64(int64(x))
	min := x - deg
	return geoPI * (deg + 5.0*min/3.0) / 180.0
}

// geoDist is the TSPLIB95 GEO distance in km on the idealised sphere.
func geoDist(x1, y1, x2, y2 float64) int64 {
	const rrr = 6378.388
	lat1, lon1 := geoRad(x1), geoRad(y1)
	lat2, lon2 := geoRad(x2), geoRad(y2)
	q1 := math.Cos(lon1 - lon2)
	q2 := math.Cos(lat1 - lat2)
	q3 := math.Cos(lat1 + lat2)
	return int64(rrr*math.Acos(0.5*((1.0+q1)*q2-(1.0-q1)*q3)) + 1.0)
}
