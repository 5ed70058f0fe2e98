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
			checkLeader(t, specs, got, obstacles, i)
		}
	}
	return placed
}

// checkLeader asserts that label i's leader line crosses no other label's
// box, no other marker's disc, no other leader and no obstacle.
func checkLeader(t *testing.T, specs []labelSpec, got []placedLabel, obstacles []rect, i int) {
	t.Helper()
	a := got[i]
	lead := segment{a.lx0, a.ly0, a.lx1, a.ly1}
	for j, b := range got {
		if j == i {
			continue
		}
		assert.False(t, segmentHitsCircle(lead, circle{specs[j].x, specs[j].y, specs[j].r}), "leader %d crosses marker %d", i, j)
		if !b.placed {
			continue
		}
		assert.False(t, segmentHitsRect(lead, b.box), "leader %d %v crosses label %d %v", i, lead, j, b.box)
		if b.leader && j > i {
			assert.False(t, segmentsCross(lead, segment{b.lx0, b.ly0, b.lx1, b.ly1}), "leaders %d and %d cross", i, j)
		}
	}
	for _, o := range obstacles {
		assert.False(t, segmentHitsRect(lead, o), "leader %d crosses obstacle %v", i, o)
	}
}

// leaders counts the placed labels drawn with a leader line.
func leaders(got []placedLabel) int {
	n := 0
	for _, l := range got {
		if l.placed && l.leader {
			n++
		}
	}
	return n
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

func TestSegmentsCross(t *testing.T) {
	tests := []struct {
		name string
		a, b segment
		want bool
	}{
		{"an X", segment{0, 0, 10, 10}, segment{0, 10, 10, 0}, true},
		{"parallel", segment{0, 0, 10, 0}, segment{0, 1, 10, 1}, false},
		{"a T", segment{0, 0, 10, 0}, segment{5, 0, 5, 8}, true},
		{"short of the other", segment{0, 0, 10, 0}, segment{5, 1, 5, 8}, false},
		{"collinear overlapping", segment{0, 0, 10, 0}, segment{5, 0, 15, 0}, true},
		{"collinear apart", segment{0, 0, 10, 0}, segment{11, 0, 15, 0}, false},
		{"lines would cross beyond the ends", segment{0, 0, 4, 4}, segment{10, 0, 6, 4}, false},
		{"shared end", segment{0, 0, 5, 5}, segment{5, 5, 10, 0}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, segmentsCross(tt.a, tt.b))
			assert.Equal(t, tt.want, segmentsCross(tt.b, tt.a), "symmetric")
		})
	}
}

// jinRouteSpecs is the layout of examples/jin-route's English map (8 May
// 2027 plan, 960×720 px): the county seat and eight stops with their legs,
// where a leader once ran through a neighbour's name.
func jinRouteSpecs() ([]labelSpec, []segment, rect) {
	specs := []labelSpec{
		{text: "Jiang County seat (Gujiang town)", x: 539.9, y: 611.4, r: 8 * math.Sqrt2, size: 13, bold: true},
		{text: "Houma covenant site (Houma covenant texts)", x: 213.4, y: 331.6, r: 10.5, size: 13},
		{text: "Houma Jin State site (Xintian)", x: 213.4, y: 358.6, r: 10.5, size: 13},
		{text: "Tianma-Qucun site and Cemetery of the Marquises of Jin", x: 543.0, y: 120.0, r: 10.5, size: 13},
		{text: "Tomb of Duke Xian of Jin (attributed)", x: 606.7, y: 390.3, r: 10.5, size: 13},
		{text: "Claimed source of the Jin River at Dajintang", x: 746.6, y: 520.2, r: 10.5, size: 13},
		{text: "Tomb of Duke Ling of Jin (attributed)", x: 746.6, y: 547.2, r: 10.5, size: 13},
		{text: "Tomb of Duke Wen of Jin (attributed)", x: 672.4, y: 579.3, r: 10.5, size: 13},
		{text: "Chexiang City ruins", x: 565.2, y: 602.0, r: 10.5, size: 13},
	}
	var lines []segment
	for i := range specs {
		a, b := specs[i], specs[(i+1)%len(specs)]
		lines = append(lines, segment{a.x, a.y, b.x, b.y})
	}
	return specs, lines, rect{18, 74, 942, 654}
}

// Crowded configurations: every label placed where there is room, and no
// leader line crossing another label, another marker or another leader.
func TestPlaceLabelsLeadersStayClear(t *testing.T) {
	tests := []struct {
		name        string
		specs       func() ([]labelSpec, []segment, rect)
		minPlaced   int
		minLeaders  int
		maxLeaders  int  // -1: not checked
		legsCrossed bool // whether a leader may have to cross a leg
	}{
		{
			name:      "examples/jin-route",
			specs:     jinRouteSpecs,
			minPlaced: 9, minLeaders: 1, maxLeaders: -1,
		},
		{
			name: "long names on a short column",
			specs: func() ([]labelSpec, []segment, rect) {
				// Five stops 24 px apart on a vertical road, their names
				// wider than the gap to the frame on either side.
				var s []labelSpec
				var lines []segment
				for i := range 5 {
					s = append(s, labelSpec{text: fmt.Sprintf("Tomb of the Duke number %d of Jin", i+1), x: 300, y: 150 + 24*float64(i), r: 10.5, size: 13})
					if i > 0 {
						lines = append(lines, segment{300, 150 + 24*float64(i-1), 300, 150 + 24*float64(i)})
					}
				}
				return s, lines, rect{0, 0, 500, 400}
			},
			minPlaced: 5, maxLeaders: 0, // left and right in turn, no leaders
		},
		{
			name: "a star of legs round a hub",
			specs: func() ([]labelSpec, []segment, rect) {
				// A hub with twelve spokes, a stop on each 40 px out and
				// another 70 px out: leaders must thread between spokes.
				s := []labelSpec{{text: "County seat", x: 300, y: 250, r: 11, size: 13, bold: true}}
				var lines []segment
				for k := range 12 {
					a := float64(k) * math.Pi / 6
					for _, d := range []float64{40, 70} {
						s = append(s, labelSpec{text: fmt.Sprintf("Site %d at %.0f", k, d), x: 300 + d*math.Cos(a), y: 250 + d*math.Sin(a), r: 9, size: 12})
					}
					lines = append(lines, segment{300, 250, 300 + 70*math.Cos(a), 250 + 70*math.Sin(a)})
				}
				return s, lines, rect{0, 0, 600, 500}
			},
			// The greedy placement before leaders became obstacles placed 19
			// as well, with leaders crossing legs.
			minPlaced: 19, minLeaders: 1, maxLeaders: -1,
		},
		{
			name: "a dense random cluster",
			specs: func() ([]labelSpec, []segment, rect) {
				rng := rand.New(rand.NewPCG(11, 12))
				var s []labelSpec
				var lines []segment
				for i := range 40 {
					s = append(s, labelSpec{text: fmt.Sprintf("遗址%d", i), x: 150 + rng.Float64()*200, y: 100 + rng.Float64()*150, r: 8, size: 12})
					if i > 0 {
						lines = append(lines, segment{s[i-1].x, s[i-1].y, s[i].x, s[i].y})
					}
				}
				return s, lines, rect{0, 0, 500, 350}
			},
			minPlaced: 25, minLeaders: 5, maxLeaders: -1, legsCrossed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			specs, lines, frame := tt.specs()
			got := placeLabels(specs, nil, lines, frame)
			assert.GreaterOrEqual(t, checkLabels(t, specs, got, nil, frame), tt.minPlaced)
			assert.GreaterOrEqual(t, leaders(got), tt.minLeaders)
			if tt.maxLeaders >= 0 {
				assert.LessOrEqual(t, leaders(got), tt.maxLeaders)
			}
			if tt.legsCrossed {
				return
			}
			for i, l := range got {
				if !l.leader {
					continue
				}
				for _, ln := range lines {
					assert.False(t, segmentsCross(segment{l.lx0, l.ly0, l.lx1, l.ly1}, ln), "leader %d crosses leg %v", i, ln)
				}
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
