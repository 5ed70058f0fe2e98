package vroom_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/chuanzhu/chuanzhu/internal/cputime"
	"github.com/chuanzhu/chuanzhu/route/vroom"
)

// matrixProblem writes a VROOM problem with one vehicle, jobs jobs with
// windows and priorities, and a (jobs+1) × (jobs+1) durations matrix of
// travel times up to a few hours, generated from seed.
func matrixProblem(jobs int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 0))
	var b bytes.Buffer
	b.WriteString(`{"vehicles": [{"id": 1, "start_index": 0, "end_index": 0, "time_window": [0, 36000]}],` + "\n" + `"jobs": [`)
	for j := 1; j <= jobs; j++ {
		if j > 1 {
			b.WriteString(",\n")
		}
		open := rng.IntN(30000)
		fmt.Fprintf(&b, `{"id": %d, "location_index": %d, "service": %d, "priority": %d, "time_windows": [[%d, %d]]}`,
			j, j, 60*rng.IntN(30), rng.IntN(101), open, open+600+rng.IntN(6000))
	}
	b.WriteString("],\n" + `"matrices": {"car": {"durations": [`)
	n := jobs + 1
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteByte('[')
		for j := range n {
			if j > 0 {
				b.WriteByte(',')
			}
			v := 0
			if i != j {
				v = 60 + rng.IntN(4*3600)
			}
			b.WriteString(strconv.Itoa(v))
		}
		b.WriteByte(']')
	}
	b.WriteString("]}}}\n")
	return b.Bytes()
}

// BenchmarkDecode decodes a problem with a (jobs+1)² matrix. Besides
// wall time it reports the process's CPU time per decoding (cpu-ns/op),
// which other work on a shared machine disturbs less.
func BenchmarkDecode(b *testing.B) {
	for _, jobs := range []int{100, 1000} {
		in := matrixProblem(jobs, 1)
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			cpu0, ok := cputime.Process()
			for b.Loop() {
				if _, err := vroom.Decode(bytes.NewReader(in)); err != nil {
					b.Fatal(err)
				}
			}
			if cpu1, _ := cputime.Process(); ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
