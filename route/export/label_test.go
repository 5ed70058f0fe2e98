package export

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTextWidth(t *testing.T) {
	tests := []struct {
		text string
		min  float64 // in em
		max  float64
	}{
		{"晋文公墓", 4, 4},
		{"车厢城（古城）", 7, 7},
		{"Taiyin Temple", 13 * 0.45, 13 * 0.65},
		{"Jìn Wéngōng Mù", 14 * 0.45, 14 * 0.65},
		{"", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			w := textWidth(tt.text, 10) / 10
			assert.GreaterOrEqual(t, w, tt.min)
			assert.LessOrEqual(t, w, tt.max)
		})
	}
	// Combining tone marks add no width.
	assert.Equal(t, textWidth("a", 10), textWidth("a\u0300", 10))
}

func TestSegmentHitsRect(t *testing.T) {
	r := rect{0, 0, 10, 10}
	tests := []struct {
		name string
		s    segment
		want bool
	}{
		{"through", segment{-5, 5, 15, 5}, true},
		{"inside", segment{2, 2, 3, 3}, true},
		{"diagonal through", segment{-1, -1, 11, 11}, true},
		{"ends at the edge", segment{-5, 5, 0, 5}, false},
		{"along the edge", segment{0, -5, 0, 15}, false},
		{"misses above", segment{-5, -1, 15, -1}, false},
		{"short of it", segment{-5, 5, -1, 5}, false},
		{"clips a corner", segment{8, -1, 11, 2}, true},
		{"passes a corner", segment{9, -2, 12, 1}, false},
		{"a point inside", segment{5, 5, 5, 5}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, segmentHitsRect(tt.s, r))
		})
	}
}

// checkLabels asserts the placement invariants: labels inside the frame,
// pairwise disjoint, clear of every marker and obstacle, and their text
// anchored inside their box.
func checkLabels(t *testing.T, specs []labelSpec, got []placedLabel, obstacles []rect, frame rect) (placed int) {
	t.Helper()
	require.Len(t, got, len(specs))
	for i, a := range got {
		if !a.placed {
			continue
		}
		placed++
		assert.True(t, frame.contains(a.box), "label %d %v outside frame", i, a.box)
		assert.GreaterOrEqual(t, a.tx, a.box.x0-1e-9)
		assert.LessOrEqual(t, a.tx, a.box.x1+1e-9)
		assert.True(t, a.ty > a.box.y0 && a.ty < a.box.y1, "label %d baseline outside its box", i)
		for j, b := range got {
			if j > i && b.placed {
				assert.False(t, a.box.overlaps(b.box), "labels %d %v and %d %v overlap", i, a.box, j, b.box)
			}
		}
		for j, s := range specs {
			assert.False(t, circle{s.x, s.y, s.r}.hits(a.box), "label %d covers marker %d", i, j)
		}
		for _, o := range obstacles {
			assert.False(t, a.box.overlaps(o), "label %d covers obstacle %v", i, o)
		}
		if a.leader {
			s := specs[i]
			// The leader starts on the marker's edge and ends on the box.
			assert.InDelta(t, s.r, math.Hypot(a.lx0-s.x, a.ly0-s.y), 1e-6)
			assert.True(t, a.lx1 >= a.box.x0-1e-9 && a.lx1 <= a.box.x1+1e-9 && a.ly1 >= a.box.y0-1e-9 && a.ly1 <= a.box.y1+1e-9)
		}
	}
	return placed
}

func TestPlaceLabelsCrowded(t *testing.T) {
	frame := rect{0, 0, 600, 400}
	obstacles := []rect{{560, 0, 600, 50}}
	tests := []struct {
		name       string
		specs      func() []labelSpec
		minPlaced  int
		wantPlaced int // -1: not checked exactly
	}{
		{
			name: "one lonely point goes right",
			specs: func() []labelSpec {
				return []labelSpec{{text: "太阴寺", x: 300, y: 200, r: 10, size: 13}}
			},
			minPlaced: 1, wantPlaced: 1,
		},
		{
			name: "a tight grid of twenty-five",
			specs: func() []labelSpec {
				var s []labelSpec
				for i := range 5 {
					for j := range 5 {
						s = append(s, labelSpec{text: fmt.Sprintf("Site %d-%d", i, j), x: 200 + float64(i)*30, y: 120 + float64(j)*30, r: 8, size: 12})
					}
				}
				return s
			},
			minPlaced: 12, wantPlaced: -1,
		},
		{
			name: "five sites at one village point",
			specs: func() []labelSpec {
				var s []labelSpec
				for i := range 5 {
					s = append(s, labelSpec{text: fmt.Sprintf("遗址%d号", i+1), x: 300, y: 200, r: 10, size: 13})
				}
				return s
			},
			minPlaced: 5, wantPlaced: 5,
		},
		{
			name: "points on the frame's edge",
			specs: func() []labelSpec {
				return []labelSpec{
					{text: "Left edge", x: 5, y: 200, r: 8, size: 12},
					{text: "Right edge", x: 595, y: 200, r: 8, size: 12},
					{text: "Top", x: 300, y: 3, r: 8, size: 12},
					{text: "Under the north arrow", x: 570, y: 60, r: 8, size: 12},
				}
			},
			minPlaced: 4, wantPlaced: 4,
		},
		{
			name: "a label too long for the frame is dropped",
			specs: func() []labelSpec {
				// 50 CJK characters at 13 px are 650 px, wider than the frame.
				return []labelSpec{{text: strings.Repeat("长名字很长的遗址名称", 5), x: 300, y: 200, r: 8, size: 13}}
			},
			minPlaced: 0, wantPlaced: 0,
		},
		{
			name: "two hundred random points",
			specs: func() []labelSpec {
				rng := rand.New(rand.NewPCG(1, 2))
				var s []labelSpec
				for i := range 200 {
					s = append(s, labelSpec{text: fmt.Sprintf("P%d", i), x: rng.Float64() * 600, y: rng.Float64() * 400, r: 6, size: 11})
				}
				return s
			},
			minPlaced: 60, wantPlaced: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			specs := tt.specs()
			lines := []segment{{0, 0, 600, 400}, {0, 400, 600, 0}}
			got := placeLabels(specs, obstacles, lines, frame)
			n := checkLabels(t, specs, got, obstacles, frame)
			assert.GreaterOrEqual(t, n, tt.minPlaced)
			if tt.wantPlaced >= 0 {
				assert.Equal(t, tt.wantPlaced, n)
			}
		})
	}
}

func TestPlaceLabelsPrefersRightAndAvoidsLines(t *testing.T) {
	frame := rect{0, 0, 600, 400}
	s := []labelSpec{{text: "Site", x: 300, y: 200, r: 10, size: 13}}
	got := placeLabels(s, nil, nil, frame)
	require.True(t, got[0].placed)
	assert.Equal(t, "start", got[0].anchor)
	assert.Greater(t, got[0].box.x0, 300.0)
	assert.InDelta(t, 200, (got[0].box.y0+got[0].box.y1)/2, 1e-9, "vertically centred on the marker")

	// A leg running east from the marker pushes the label elsewhere.
	lines := []segment{{300, 200, 500, 200}}
	got = placeLabels(s, nil, lines, frame)
	require.True(t, got[0].placed)
	assert.False(t, segmentHitsRect(lines[0], got[0].box))
}

func TestPlaceLabelsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var specs []labelSpec
	for i := range 80 {
		specs = append(specs, labelSpec{text: fmt.Sprintf("名字%d", i), x: rng.Float64() * 500, y: rng.Float64() * 300, r: 8, size: 12})
	}
	a := placeLabels(specs, nil, nil, rect{0, 0, 500, 300})
	b := placeLabels(specs, nil, nil, rect{0, 0, 500, 300})
	assert.Equal(t, a, b)
}

func BenchmarkPlaceLabels(b *testing.B) {
	for _, n := range []int{10, 100, 400} {
		rng := rand.New(rand.NewPCG(3, 4))
		specs := make([]labelSpec, n)
		var lines []segment
		for i := range specs {
			specs[i] = labelSpec{text: fmt.Sprintf("遗址 %d", i), x: rng.Float64() * 1000, y: rng.Float64() * 800, r: 8, size: 12}
			if i > 0 {
				lines = append(lines, segment{specs[i-1].x, specs[i-1].y, specs[i].x, specs[i].y})
			}
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				placeLabels(specs, nil, lines, rect{0, 0, 1000, 800})
			}
		})
	}
}
