package vroom

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
)

// Limits on decoded input.
const (
	// MaxInputSize is the largest problem Decode reads, in bytes.
	MaxInputSize = 64 << 20
	// MaxMatrixSize is the largest number of rows of a custom matrix.
	MaxMatrixSize = 2 * route.MaxStops
	// maxTime bounds times and durations in seconds so that they convert
	// to time.Duration without overflow (about 272 years).
	maxTime = 1 << 33
)

// ErrUnsupported is wrapped by errors about VROOM features outside the
// supported subset (shipments, capacities, skills, …).
var ErrUnsupported = errors.New("vroom: unsupported feature")

// ErrInvalid is wrapped by errors about malformed input.
var ErrInvalid = errors.New("vroom: invalid problem")

// Epoch is the instant VROOM times are counted from: VROOM's integer
// times (time windows, arrivals) are seconds after it. Relative times
// ([0, 14400]) and Unix timestamps both work.
func Epoch() time.Time { return time.Unix(0, 0).UTC() }

// Problem is a decoded VROOM problem: the route.Problem to solve and what
// Encode needs to answer in VROOM's terms (job, vehicle and break ids,
// whether locations are matrix indices).
//
// Stop i is jobs[i] (its ID is the job id in decimal, its Name the job's
// description); Day i is vehicles[i]. Mode is left zero (route's default,
// geo.CountyDrive); set it before solving a problem without matrices to
// travel otherwise.
type Problem struct {
	route.Problem
	jobs      []job
	vehicles  []vehicle
	indexed   bool // locations are matrix indices
	distances bool // the input has a distance matrix
}

type location struct {
	point    orb.Point
	hasPoint bool
	index    int
}

type job struct {
	id   uint64
	desc string
	loc  location
}

type vehicle struct {
	id         uint64
	desc       string
	start, end *location
	breakID    uint64
	hasBreak   bool
	breakDesc  string
}

// Decode reads a VROOM problem (the JSON of VROOM's API.md) in the subset
// that maps onto package route, and returns it as a Problem.
//
// Supported: jobs with id, location or location_index, service, priority
// (0–100, becomes Stop.Score), time_windows and description; vehicles with
// id, start/start_index, end/end_index (no end: an open route),
// time_window, at most one break (id, one time window at most, service,
// description), description and profile; matrices for one profile with
// durations and optional distances (or the legacy top-level matrix).
// Keys that VROOM ignores when empty or zero are accepted as such
// (setup 0, empty skills, speed_factor 1, …).
//
// Everything else is rejected with an error naming the field and wrapping
// [ErrUnsupported]: shipments, amounts (capacity, delivery, pickup), skills,
// setup times, per-type times, vehicle costs and steps, max_tasks and
// friends, several breaks per vehicle, several profiles, custom costs.
// Malformed input (bad JSON, negative or fractional numbers where VROOM
// wants integers, windows that are reversed, unsorted or overlapping,
// duplicate ids, missing locations, indices outside the matrix) gives an
// error wrapping [ErrInvalid]. Decode never panics.
//
// A job's time window [a, b] bounds the start of its service; it becomes
// the route.Window [a, b+service], inside which the whole visit must lie,
// which is the same constraint. Only when two windows of a job are closer
// than its service time is the mapped window cut short so the windows stay
// disjoint: such a job then never starts within its service time before
// its next window opens (a little stricter than VROOM, never looser).
// Times are seconds after [Epoch].
func Decode(r io.Reader) (*Problem, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("vroom: reading the problem: %w", err)
	}
	if len(data) > MaxInputSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrInvalid, MaxInputSize)
	}
	root, err := parseObject("problem", data)
	if err != nil {
		return nil, err
	}
	d := &decoder{p: &Problem{}}
	if err := d.problem(root); err != nil {
		return nil, err
	}
	return d.p, nil
}

type decoder struct {
	p       *Problem
	matrix  int    // number of matrix rows, 0 without a matrix
	profile string // the matrix profile, "car" for the legacy matrix
}

// object is a JSON object whose keys are checked against a schema.
type object struct {
	path   string
	fields map[string]json.RawMessage
}

func invalid(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, path, fmt.Sprintf(format, args...))
}

func unsupported(path, why string) error {
	return fmt.Errorf("%w: %s: %s", ErrUnsupported, path, why)
}

func parseObject(path string, raw []byte) (*object, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, invalid(path, "not a JSON object")
	}
	o := &object{path: path}
	if err := json.Unmarshal(raw, &o.fields); err != nil {
		return nil, invalid(path, "%v", jsonError(err))
	}
	if key, dup := duplicateKey(raw); dup {
		return nil, invalid(path, "key %q appears twice", key)
	}
	return o, nil
}

// duplicateKey reports a key that appears twice among the top-level keys
// of raw, a valid JSON object.
func duplicateKey(raw []byte) (string, bool) {
	seen := map[string]bool{}
	depth := 0
	inString, escaped, wantKey := false, false, false
	keyStart := -1
	for i, c := range raw {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if keyStart >= 0 {
					var key string
					if json.Unmarshal(raw[keyStart-1:i+1], &key) != nil {
						key = string(raw[keyStart:i])
					}
					if seen[key] {
						return key, true
					}
					seen[key] = true
					keyStart = -1
				}
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			if depth == 1 && wantKey {
				keyStart, wantKey = i+1, false
			}
		case '{', '[':
			depth++
			wantKey = depth == 1 && c == '{'
		case '}', ']':
			depth--
		case ',':
			wantKey = depth == 1
		}
	}
	return "", false
}

// jsonError shortens the JSON library's message.
func jsonError(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

func parseArray(path string, raw []byte) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil, invalid(path, "not a JSON array")
	}
	var a []json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, invalid(path, "%v", jsonError(err))
	}
	return a, nil
}

// rule says what to do with a key: accept it (nil), or reject it with the
// message unless its value is harmless (empty array, zero, one, …).
type rule struct {
	why      string
	harmless func(raw []byte) bool
}

var (
	accept       = rule{}
	emptyArray   = func(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "[]" }
	zero         = func(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "0" }
	emptyObjects = func(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "{}" }
)

// check rejects keys outside the schema, in sorted order so that errors
// are deterministic.
func (o *object) check(schema map[string]rule) error {
	keys := make([]string, 0, len(o.fields))
	for k := range o.fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		r, known := schema[k]
		switch {
		case !known:
			return invalid(o.path, "unknown field %q", k)
		case r.why != "" && (r.harmless == nil || !r.harmless(o.fields[k])):
			return unsupported(o.path+"."+k, r.why)
		}
	}
	return nil
}

func (o *object) has(key string) bool {
	_, ok := o.fields[key]
	return ok
}

// uint parses an unsigned integer field no larger than max.
func (o *object) uint(key string, max uint64) (uint64, error) {
	return parseUint(o.path+"."+key, o.fields[key], max)
}

func parseUint(path string, raw []byte, max uint64) (uint64, error) {
	s := string(bytes.TrimSpace(raw))
	v, err := strconv.ParseUint(s, 10, 64)
	switch {
	case err != nil && errors.Is(err, strconv.ErrRange):
		return 0, invalid(path, "%s is too large", s)
	case err != nil:
		return 0, invalid(path, "%s is not a non-negative integer", short(s))
	case v > max:
		return 0, invalid(path, "%d is above %d", v, max)
	}
	return v, nil
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (o *object) str(key string) (string, error) {
	var s string
	if err := json.Unmarshal(o.fields[key], &s); err != nil {
		return "", invalid(o.path+"."+key, "not a string")
	}
	return s, nil
}

// coords parses a [lon, lat] array.
func (o *object) coords(key string) (orb.Point, error) {
	path := o.path + "." + key
	a, err := parseArray(path, o.fields[key])
	if err != nil {
		return orb.Point{}, err
	}
	if len(a) != 2 {
		return orb.Point{}, invalid(path, "want [lon, lat], got %d numbers", len(a))
	}
	var p orb.Point
	for i, raw := range a {
		v, err := strconv.ParseFloat(string(bytes.TrimSpace(raw)), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return orb.Point{}, invalid(path, "%s is not a number", short(string(raw)))
		}
		p[i] = v
	}
	if !geo.Valid(p) {
		return orb.Point{}, invalid(path, "(%v, %v) is not a valid longitude and latitude", p[0], p[1])
	}
	return p, nil
}

// window parses a [start, end] pair of seconds.
func window(path string, raw []byte) (a, b uint64, err error) {
	pair, err := parseArray(path, raw)
	if err != nil {
		return 0, 0, err
	}
	if len(pair) != 2 {
		return 0, 0, invalid(path, "want [start, end], got %d numbers", len(pair))
	}
	if a, err = parseUint(path+"[0]", pair[0], maxTime); err != nil {
		return 0, 0, err
	}
	if b, err = parseUint(path+"[1]", pair[1], maxTime); err != nil {
		return 0, 0, err
	}
	if b < a {
		return 0, 0, invalid(path, "ends (%d) before it starts (%d)", b, a)
	}
	return a, b, nil
}

func seconds(s uint64) time.Duration { return time.Duration(s) * time.Second }

func (d *decoder) problem(root *object) error {
	err := root.check(map[string]rule{
		"jobs":      accept,
		"vehicles":  accept,
		"matrices":  accept,
		"matrix":    accept,
		"shipments": {why: "shipments (pickup and delivery pairs) are not supported", harmless: emptyArray},
	})
	if err != nil {
		return err
	}
	if root.has("matrices") && root.has("matrix") {
		return invalid("problem", "both matrices and the legacy matrix")
	}
	if root.has("matrices") {
		if err := d.matrices(root); err != nil {
			return err
		}
	} else if root.has("matrix") {
		m, err := d.table("matrix", root.fields["matrix"])
		if err != nil {
			return err
		}
		d.p.Matrix = &geo.Matrix{Durations: toDurations(m)}
		d.profile = "car"
	}
	d.p.indexed = d.p.Matrix != nil
	if !root.has("vehicles") {
		return invalid("problem", "no vehicles")
	}
	vehicles, err := parseArray("vehicles", root.fields["vehicles"])
	if err != nil {
		return err
	}
	if len(vehicles) == 0 {
		return invalid("vehicles", "empty")
	}
	if len(vehicles) > route.MaxDays {
		return invalid("vehicles", "%d vehicles, at most %d", len(vehicles), route.MaxDays)
	}
	seen := map[uint64]int{}
	for i, raw := range vehicles {
		if err := d.vehicle(fmt.Sprintf("vehicles[%d]", i), raw, seen); err != nil {
			return err
		}
	}
	if !root.has("jobs") {
		return invalid("problem", "no jobs")
	}
	jobs, err := parseArray("jobs", root.fields["jobs"])
	if err != nil {
		return err
	}
	if len(jobs) > route.MaxStops {
		return invalid("jobs", "%d jobs, at most %d", len(jobs), route.MaxStops)
	}
	seen = map[uint64]int{}
	for i, raw := range jobs {
		if err := d.job(fmt.Sprintf("jobs[%d]", i), raw, seen); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) matrices(root *object) error {
	ms, err := parseObject("matrices", root.fields["matrices"])
	if err != nil {
		return err
	}
	if len(ms.fields) != 1 {
		return unsupported("matrices", fmt.Sprintf("%d profiles; exactly one is supported", len(ms.fields)))
	}
	for profile, raw := range ms.fields {
		d.profile = profile
		path := "matrices." + profile
		m, err := parseObject(path, raw)
		if err != nil {
			return err
		}
		err = m.check(map[string]rule{
			"durations": accept,
			"distances": accept,
			"costs":     {why: "custom costs are not supported: the cost is the travel duration"},
		})
		if err != nil {
			return err
		}
		if !m.has("durations") {
			return invalid(path, "no durations")
		}
		dur, err := d.table(path+".durations", m.fields["durations"])
		if err != nil {
			return err
		}
		d.p.Matrix = &geo.Matrix{Durations: toDurations(dur)}
		if m.has("distances") {
			dist, err := d.table(path+".distances", m.fields["distances"])
			if err != nil {
				return err
			}
			if len(dist) != len(dur) {
				return invalid(path+".distances", "%d rows, durations has %d", len(dist), len(dur))
			}
			d.p.Matrix.Distances = make([][]float64, len(dist))
			for i, row := range dist {
				d.p.Matrix.Distances[i] = make([]float64, len(row))
				for j, v := range row {
					d.p.Matrix.Distances[i][j] = float64(v)
				}
			}
			d.p.distances = true
		}
	}
	return nil
}

// table parses a square matrix of non-negative integers.
func (d *decoder) table(path string, raw []byte) ([][]uint64, error) {
	rows, err := parseArray(path, raw)
	if err != nil {
		return nil, err
	}
	n := len(rows)
	switch {
	case n == 0:
		return nil, invalid(path, "empty")
	case n > MaxMatrixSize:
		return nil, invalid(path, "%d rows, at most %d", n, MaxMatrixSize)
	case d.matrix > 0 && n != d.matrix:
		return nil, invalid(path, "%d rows, durations has %d", n, d.matrix)
	}
	d.matrix = n
	out := make([][]uint64, n)
	flat := make([]uint64, n*n)
	for i, rowRaw := range rows {
		row, err := parseArray(fmt.Sprintf("%s[%d]", path, i), rowRaw)
		if err != nil {
			return nil, err
		}
		if len(row) != n {
			return nil, invalid(fmt.Sprintf("%s[%d]", path, i), "%d entries, want %d", len(row), n)
		}
		out[i] = flat[i*n : (i+1)*n : (i+1)*n]
		for j, v := range row {
			if string(bytes.TrimSpace(v)) == "null" {
				return nil, invalid(fmt.Sprintf("%s[%d][%d]", path, i, j), "null (unreachable)")
			}
			if out[i][j], err = parseUint(fmt.Sprintf("%s[%d][%d]", path, i, j), v, maxTime); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func toDurations(m [][]uint64) [][]time.Duration {
	n := len(m)
	out := make([][]time.Duration, n)
	flat := make([]time.Duration, n*n)
	for i, row := range m {
		out[i] = flat[i*n : (i+1)*n : (i+1)*n]
		for j, v := range row {
			out[i][j] = seconds(v)
		}
	}
	return out
}

// place reads a location given as coordinates (key) and/or a matrix
// index (key_index); ok is false when neither is present.
func (d *decoder) place(o *object, key string) (pl route.Place, loc location, ok bool, err error) {
	hasPoint, hasIndex := o.has(key), o.has(key+"_index")
	if hasPoint {
		if loc.point, err = o.coords(key); err != nil {
			return pl, loc, false, err
		}
		loc.hasPoint = true
	}
	switch {
	case d.matrix > 0 && hasIndex:
		v, err := o.uint(key+"_index", math.MaxInt32)
		if err != nil {
			return pl, loc, false, err
		}
		if int(v) >= d.matrix {
			return pl, loc, false, invalid(o.path+"."+key+"_index", "%d is outside the %d×%d matrix", v, d.matrix, d.matrix)
		}
		loc.index = int(v)
	case d.matrix > 0 && hasPoint:
		return pl, loc, false, invalid(o.path, "%s without %s_index: with custom matrices every location needs an index", key, key)
	case hasIndex:
		return pl, loc, false, invalid(o.path+"."+key+"_index", "no matrices to index")
	}
	pl = route.Place{Location: loc.point, MatrixIndex: loc.index}
	return pl, loc, hasPoint || hasIndex, nil
}

func (d *decoder) vehicle(path string, raw []byte, seen map[uint64]int) error {
	o, err := parseObject(path, raw)
	if err != nil {
		return err
	}
	var v vehicle
	if !o.has("id") {
		return invalid(path, "no id")
	}
	if v.id, err = o.uint("id", math.MaxUint64); err != nil {
		return err
	}
	if k, dup := seen[v.id]; dup {
		return invalid(path, "id %d already used by vehicles[%d]", v.id, k)
	}
	seen[v.id] = len(d.p.vehicles)
	path = fmt.Sprintf("%s (id %d)", path, v.id)
	o.path = path
	err = o.check(map[string]rule{
		"id": accept, "description": accept, "profile": accept,
		"start": accept, "start_index": accept, "end": accept, "end_index": accept,
		"time_window": accept, "breaks": accept,
		"capacity": {why: "capacities are not supported", harmless: emptyArray},
		"skills":   {why: "skills are not supported", harmless: emptyArray},
		"costs":    {why: "vehicle costs are not supported: the cost is the travel duration", harmless: emptyObjects},
		"type":     {why: "vehicle types are not supported"},
		"speed_factor": {why: "speed factors are not supported", harmless: func(raw []byte) bool {
			v, err := strconv.ParseFloat(string(bytes.TrimSpace(raw)), 64)
			return err == nil && v == 1
		}},
		"max_tasks":       {why: "max_tasks is not supported"},
		"max_travel_time": {why: "max_travel_time is not supported"},
		"max_distance":    {why: "max_distance is not supported"},
		"steps":           {why: "custom vehicle steps are not supported"},
	})
	if err != nil {
		return err
	}
	if o.has("description") {
		if v.desc, err = o.str("description"); err != nil {
			return err
		}
	}
	profile := "car"
	if o.has("profile") {
		if profile, err = o.str("profile"); err != nil {
			return err
		}
	}
	if d.matrix > 0 && profile != d.profile {
		return unsupported(path+".profile", fmt.Sprintf("%q has no matrix (the matrices are for %q)", profile, d.profile))
	}
	var day route.Day
	start, sloc, ok, err := d.place(o, "start")
	if err != nil {
		return err
	}
	if !ok {
		return unsupported(path, "no start: routes that begin at their first job are not supported")
	}
	day.Start, v.start = start, &sloc
	end, eloc, ok, err := d.place(o, "end")
	if err != nil {
		return err
	}
	if ok {
		day.End, v.end = &end, &eloc
	}
	day.Window.Open = Epoch()
	if o.has("time_window") {
		a, b, err := window(path+".time_window", o.fields["time_window"])
		if err != nil {
			return err
		}
		day.Window = route.Window{Open: Epoch().Add(seconds(a)), Close: Epoch().Add(seconds(b))}
	}
	if o.has("breaks") {
		breaks, err := parseArray(path+".breaks", o.fields["breaks"])
		if err != nil {
			return err
		}
		switch len(breaks) {
		case 0:
		case 1:
			if err := d.brk(path+".breaks[0]", breaks[0], &day, &v); err != nil {
				return err
			}
		default:
			return unsupported(path+".breaks", fmt.Sprintf("%d breaks; at most one per vehicle is supported", len(breaks)))
		}
	}
	d.p.vehicles = append(d.p.vehicles, v)
	d.p.Days = append(d.p.Days, day)
	return nil
}

func (d *decoder) brk(path string, raw []byte, day *route.Day, v *vehicle) error {
	o, err := parseObject(path, raw)
	if err != nil {
		return err
	}
	err = o.check(map[string]rule{
		"id": accept, "time_windows": accept, "service": accept, "description": accept,
		"max_load": {why: "break max_load is not supported", harmless: emptyArray},
	})
	if err != nil {
		return err
	}
	if !o.has("id") {
		return invalid(path, "no id")
	}
	if v.breakID, err = o.uint("id", math.MaxUint64); err != nil {
		return err
	}
	v.hasBreak = true
	if o.has("description") {
		if v.breakDesc, err = o.str("description"); err != nil {
			return err
		}
	}
	b := &route.Break{}
	if o.has("service") {
		s, err := o.uint("service", maxTime)
		if err != nil {
			return err
		}
		b.Duration = seconds(s)
	}
	if o.has("time_windows") {
		tws, err := parseArray(path+".time_windows", o.fields["time_windows"])
		if err != nil {
			return err
		}
		switch len(tws) {
		case 0:
			return invalid(path+".time_windows", "empty; omit the key for a break at any time")
		case 1:
			a, bb, err := window(path+".time_windows[0]", tws[0])
			if err != nil {
				return err
			}
			b.Window = route.Window{Open: Epoch().Add(seconds(a)), Close: Epoch().Add(seconds(bb) + b.Duration)}
		default:
			return unsupported(path+".time_windows", fmt.Sprintf("%d windows; at most one per break is supported", len(tws)))
		}
	}
	day.Break = b
	return nil
}

func (d *decoder) job(path string, raw []byte, seen map[uint64]int) error {
	o, err := parseObject(path, raw)
	if err != nil {
		return err
	}
	var j job
	if !o.has("id") {
		return invalid(path, "no id")
	}
	if j.id, err = o.uint("id", math.MaxUint64); err != nil {
		return err
	}
	if k, dup := seen[j.id]; dup {
		return invalid(path, "id %d already used by jobs[%d]", j.id, k)
	}
	seen[j.id] = len(d.p.jobs)
	path = fmt.Sprintf("%s (id %d)", path, j.id)
	o.path = path
	err = o.check(map[string]rule{
		"id": accept, "description": accept, "location": accept, "location_index": accept,
		"service": accept, "priority": accept, "time_windows": accept,
		"setup":            {why: "setup times are not supported", harmless: zero},
		"setup_per_type":   {why: "per-type setup times are not supported", harmless: emptyObjects},
		"service_per_type": {why: "per-type service times are not supported", harmless: emptyObjects},
		"delivery":         {why: "amounts (delivery) are not supported", harmless: emptyArray},
		"pickup":           {why: "amounts (pickup) are not supported", harmless: emptyArray},
		"amount":           {why: "amounts are not supported", harmless: emptyArray},
		"skills":           {why: "skills are not supported", harmless: emptyArray},
	})
	if err != nil {
		return err
	}
	s := route.Stop{}
	var ok bool
	if s.Place, j.loc, ok, err = d.place(o, "location"); err != nil {
		return err
	}
	if !ok {
		if d.matrix > 0 {
			return invalid(path, "no location_index")
		}
		return invalid(path, "no location")
	}
	s.ID = strconv.FormatUint(j.id, 10)
	if o.has("description") {
		if j.desc, err = o.str("description"); err != nil {
			return err
		}
		s.Name = j.desc
	}
	if o.has("service") {
		v, err := o.uint("service", maxTime)
		if err != nil {
			return err
		}
		s.Visit = seconds(v)
	}
	if o.has("priority") {
		v, err := o.uint("priority", 100)
		if err != nil {
			return err
		}
		s.Score = int(v)
	}
	if o.has("time_windows") {
		tws, err := parseArray(path+".time_windows", o.fields["time_windows"])
		if err != nil {
			return err
		}
		if len(tws) == 0 {
			return invalid(path+".time_windows", "empty; omit the key for no time constraint")
		}
		type tw struct{ a, b uint64 }
		ws := make([]tw, len(tws))
		for k, raw := range tws {
			wpath := fmt.Sprintf("%s.time_windows[%d]", path, k)
			if ws[k].a, ws[k].b, err = window(wpath, raw); err != nil {
				return err
			}
			if k > 0 && ws[k].a <= ws[k-1].b {
				return invalid(wpath, "unsorted or overlapping with the previous window")
			}
		}
		for k, w := range ws {
			closes := seconds(w.b) + s.Visit
			if k+1 < len(ws) && closes >= seconds(ws[k+1].a) {
				// Keep the visit windows disjoint (route merges touching
				// ones): end just before the next window opens.
				closes = seconds(ws[k+1].a) - time.Nanosecond
			}
			s.Windows = append(s.Windows, route.Window{Open: Epoch().Add(seconds(w.a)), Close: Epoch().Add(closes)})
		}
	}
	d.p.jobs = append(d.p.jobs, j)
	d.p.Stops = append(d.p.Stops, s)
	return nil
}
