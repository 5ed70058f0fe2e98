package tour

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

func BenchmarkStoryExact(b *testing.B) {
	for _, n := range []int{6, 8, 10, 12} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			sites := randomSites(rand.New(rand.NewPCG(1, uint64(n))), n)
			sp, err := newStoryProblem(sites, &heritage.Site{Location: [2]float64{111.55, 35.5}}, geo.CountyDrive(), 0)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				sp.exact(0.2)
			}
		})
	}
}

func BenchmarkLines(b *testing.B) {
	cat := heritage.Default()
	for _, story := range []float64{-1, 0.2} {
		b.Run(fmt.Sprintf("n=%d/story=%v", cat.Len(), story), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Lines(context.Background(), cat, StoryOrder(story)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
