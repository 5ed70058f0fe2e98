package geo

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/paulmach/orb"
)

// chinaPoints returns n WGS-84 points spread over InChina's box.
func chinaPoints(n int) []orb.Point {
	rng := rand.New(rand.NewPCG(21, 22))
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{chinaMinLon + rng.Float64()*(chinaMaxLon-chinaMinLon), chinaMinLat + rng.Float64()*(chinaMaxLat-chinaMinLat)}
	}
	return pts
}

func BenchmarkConvert(b *testing.B) {
	wgs := chinaPoints(1024)
	gcj := make([]orb.Point, len(wgs))
	bd := make([]orb.Point, len(wgs))
	for i, p := range wgs {
		gcj[i], bd[i] = WGS84ToGCJ02(p), WGS84ToBD09(p)
	}
	cases := []struct {
		name    string
		convert func(orb.Point) orb.Point
		in      []orb.Point
	}{
		{"WGS84ToGCJ02", WGS84ToGCJ02, wgs},
		{"GCJ02ToWGS84", GCJ02ToWGS84, gcj},
		{"GCJ02ToBD09", GCJ02ToBD09, gcj},
		{"BD09ToGCJ02", BD09ToGCJ02, bd},
		{"WGS84ToBD09", WGS84ToBD09, wgs},
		{"BD09ToWGS84", BD09ToWGS84, bd},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink orb.Point
			i := 0
			for b.Loop() {
				sink = c.convert(c.in[i%len(c.in)])
				i++
			}
			_ = sink
		})
	}
}

func BenchmarkNewMatrix(b *testing.B) {
	for _, n := range []int{100, 1000} {
		pts := chinaPoints(n)
		for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := newMatrix(pts, CountyDrive(), workers); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

const benchIndexN = 1_000_000

func BenchmarkNewIndex(b *testing.B) {
	pts := randomPoints(rand.New(rand.NewPCG(23, 24)), benchIndexN)
	b.Run(fmt.Sprintf("n=%d", benchIndexN), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := NewIndex(pts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNearest compares Index.Nearest with a brute-force scan that
// computes Distance to every point and keeps the best k by insertion.
func BenchmarkNearest(b *testing.B) {
	rng := rand.New(rand.NewPCG(25, 26))
	pts := randomPoints(rng, benchIndexN)
	queries := randomPoints(rng, 1024)
	idx, err := NewIndex(pts)
	if err != nil {
		b.Fatal(err)
	}
	const k = 10
	b.Run(fmt.Sprintf("n=%d/k=%d/index", benchIndexN, k), func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if got := idx.Nearest(queries[i%len(queries)], k); len(got) != k {
				b.Fatalf("got %d results", len(got))
			}
			i++
		}
	})
	b.Run(fmt.Sprintf("n=%d/k=%d/brute", benchIndexN, k), func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if got := scanNearest(pts, queries[i%len(queries)], k); len(got) != k {
				b.Fatalf("got %d results", len(got))
			}
			i++
		}
	})
}

// scanNearest is the brute-force baseline: one Distance per point, the
// best k kept sorted by insertion.
func scanNearest(pts []orb.Point, p orb.Point, k int) []int {
	best := make([]hit, 0, k+1)
	for i, q := range pts {
		h := hit{Distance(p, q), int32(i)}
		if len(best) == k && cmpHit(h, best[k-1]) >= 0 {
			continue
		}
		j := len(best)
		if j < k {
			best = append(best, h)
		} else {
			j = k - 1
		}
		for j > 0 && cmpHit(h, best[j-1]) < 0 {
			best[j] = best[j-1]
			j--
		}
		best[j] = h
	}
	ids := make([]int, len(best))
	for i, h := range best {
		ids[i] = int(h.id)
	}
	return ids
}

func TestScanNearestIsBruteForce(t *testing.T) {
	// The benchmark's baseline must itself be right.
	rng := rand.New(rand.NewPCG(27, 28))
	pts := append(randomPoints(rng, 500), indexDatasets(rng, 60)["duplicates"]...)
	for _, q := range randomPoints(rng, 20) {
		ids, _ := bruteRank(pts, q)
		for _, k := range []int{1, 10, 100} {
			if got, want := scanNearest(pts, q, k), bruteNearest(ids, k); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("k=%d: got %v, want %v", k, got, want)
			}
		}
	}
}
