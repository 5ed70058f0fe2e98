package tour

import (
	"context"
	"fmt"
	"testing"

	"github.com/chuanzhu/chuanzhu/heritage"
)

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
