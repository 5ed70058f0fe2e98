package vroom

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"
	"github.com/paulmach/orb"
)

// Limits on decoded input.
const (
	// MaxInputSize is the largest problem Decode reads, in bytes.
	MaxInputSize = 64 << 20
	// MaxMatrixSize is the largest number of rows of a custom matrix:
	// room for route.MaxMatrixStops jobs and as many vehicle places.
	MaxMatrixSize = 2 * route.MaxMatrixStops
	// maxTime bounds times and durations in seconds so that they convert
	// to time.Duration without overflow (about 272 years).
	maxTime = 1 << 33
)

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
// Malformed input (bad JSON, unknown or repeated keys, negative or
// fractional numbers or null where VROOM wants integers, windows that are
// reversed, unsorted or overlapping, duplicate ids, missing locations,
// indices outside the matrix) gives an error wrapping [ErrInvalid].
// Decode never panics.
//
// The input is read as it is decoded, with the strict rules of the
// encoding/json/v2 API (as package heritage reads its catalogs): more than
// [route.MaxStops] jobs or [route.MaxDays] vehicles, or a first matrix row
// longer than [MaxMatrixSize], is refused when it is read, before the rest
// of the input; more than [route.MaxMatrixStops] jobs with a matrix are
// refused by route's validation once the problem is read. Matrix values are taken as they are: a long leg is the
// problem's own cost, and only package route's limits apply to it.
//
// A job's time window [a, b] bounds the start of its service; it becomes
// the route.Window [a, b+service], inside which the whole visit must lie,
// which is the same constraint. Only when two windows of a job are closer
// than its service time is the mapped window cut short so the windows stay
// disjoint: such a job then never starts within its service time before
// its next window opens (a little stricter than VROOM, never looser).
// Times are seconds after [Epoch].
func Decode(r io.Reader) (*Problem, error) {
	in := &input{r: r}
	var p object[problemJSON]
	if err := jsonv2.UnmarshalRead(in, &p, jsonv2.RejectUnknownMembers(true)); err != nil {
		switch {
		case errors.Is(in.err, errTooLarge):
			return nil, invalid("problem", "larger than %d bytes", MaxInputSize)
		case in.err != nil:
			return nil, fmt.Errorf("vroom: reading the problem: %w", in.err)
		case !in.text:
			return nil, invalid("problem", "not a JSON object")
		}
		return nil, describe(err, "")
	}
	b := &builder{p: &Problem{}}
	if err := b.problem(&p.v); err != nil {
		return nil, err
	}
	return b.p, nil
}

var errTooLarge = errors.New("vroom: input too large")

// input reads at most MaxInputSize bytes from r, records the first error
// other than io.EOF and whether there was more than white space.
type input struct {
	r    io.Reader
	n    int64
	err  error
	text bool
}

func (in *input) Read(p []byte) (int, error) {
	if in.err != nil {
		return 0, in.err
	}
	n, err := in.r.Read(p)
	in.n += int64(n)
	if !in.text {
		in.text = len(bytes.TrimLeft(p[:n], " \t\r\n")) > 0
	}
	switch {
	case in.n > MaxInputSize:
		in.err = errTooLarge
		return n, in.err
	case err != nil && err != io.EOF:
		in.err = err
	}
	return n, err
}

// problemJSON is a VROOM problem as its JSON has it.
type problemJSON struct {
	Jobs      entries[jobJSON]     `json:"jobs"`
	Vehicles  entries[vehicleJSON] `json:"vehicles"`
	Matrices  profiles             `json:"matrices"`
	Matrix    table                `json:"matrix"`
	Shipments jsontext.Value       `json:"shipments"`
}

func (jobJSON) array() (string, int)     { return "jobs", route.MaxStops }
func (vehicleJSON) array() (string, int) { return "vehicles", route.MaxDays }

// builder turns a decoded problem into a Problem, checking what the JSON
// types cannot say.
type builder struct {
	p       *Problem
	matrix  int    // number of matrix rows, 0 without a matrix
	profile string // the matrix profile, "car" for the legacy matrix
}

func (b *builder) problem(in *problemJSON) error {
	if err := in.unsupported(); err != nil {
		return err
	}
	if err := b.matrices(in); err != nil {
		return err
	}
	switch {
	case in.Vehicles == nil:
		return invalid("problem", "no vehicles")
	case len(in.Vehicles) == 0:
		return invalid("vehicles", "empty")
	}
	seen := map[uint64]int{}
	for i := range in.Vehicles {
		if err := b.vehicle(i, &in.Vehicles[i], seen); err != nil {
			return err
		}
	}
	if in.Jobs == nil {
		return invalid("problem", "no jobs")
	}
	clear(seen)
	for i := range in.Jobs {
		if err := b.job(i, &in.Jobs[i], seen); err != nil {
			return err
		}
	}
	return nil
}

// identify checks entry i of the array name ("jobs" or "vehicles"): its
// id is not used before in the array, as recorded in seen, and it uses no
// unsupported feature. It returns the path that names the entry by its
// id: "jobs[3] (id 17)".
func identify(name string, i int, id natural, seen map[uint64]int, unsupported func(path string) error) (string, error) {
	path := fmt.Sprintf("%s[%d]", name, i)
	if !id.set {
		return path, invalid(path, "no id")
	}
	if k, dup := seen[id.v]; dup {
		return path, invalid(path, "id %d already used by %s[%d]", id.v, name, k)
	}
	seen[id.v] = i
	path = fmt.Sprintf("%s (id %d)", path, id.v)
	return path, unsupported(path)
}

func seconds(s uint64) time.Duration { return time.Duration(s) * time.Second }
