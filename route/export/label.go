package export

import (
	"cmp"
	"math"
	"slices"
	"unicode"
)

// Label placement: every stop's name goes beside its marker in one of
// eight positions (right, upper right, lower right, left, upper left,
// lower left, above, below; the classic cartographic preference for the
// right side) where its estimated box stays inside the frame and overlaps
// no label placed before it, no marker and no reserved box (north arrow).
// A position whose box crosses a leg costs more than moving the label out
// to a ring further away with a leader line, where sixteen directions are
// tried on each of three rings; a label that finds no room at all is
// dropped and reported. Labels are placed most crowded first, so the
// points with the least room choose before their neighbours take it.

// labelSpec asks for one label.
type labelSpec struct {
	text string
	x, y float64 // the marker's centre, px
	r    float64 // the marker's radius, px: labels keep clear of it
	size float64 // font size, px
	bold bool    // bold glyphs run about 8% wider
}

// placedLabel is where a label went.
type placedLabel struct {
	placed bool
	box    rect    // the text's estimated box, halo included
	tx, ty float64 // the text's anchor point on its baseline
	anchor string  // SVG text-anchor: start, middle or end
	leader bool    // a leader line joins (lx0, ly0) on the marker to (lx1, ly1) on the box
	lx0    float64
	ly0    float64
	lx1    float64
	ly1    float64
}

// segment is a straight line drawn on the picture, px.
type segment struct{ x0, y0, x1, y1 float64 }

// Label geometry, in px or em.
const (
	labelPad       = 2.5  // halo and breathing room around the glyphs, px
	labelGap       = 3.0  // space between a marker's edge and its label, px
	labelLineEm    = 1.2  // box height per font size
	labelDescentEm = 0.26 // baseline above the box's bottom edge (before padding), em
	crowdRadius    = 4.0  // neighbourhood, in font sizes, that makes a point crowded
	boldWidth      = 1.08 // bold text's width over regular
	// Placement costs: a candidate's rank among its ring's directions, plus
	// ringCost per ring out (a leader line), plus crossCost per leg or
	// leader line its box crosses; the cheapest candidate wins.
	ringCost  = 10.0
	crossCost = 30.0
)

// emWidth estimates the advance width of r in ems for a sans-serif font:
// Chinese, Japanese and Korean characters and full-width forms take a full
// em, Latin text about 0.55 em on average (narrow and wide letters apart).
func emWidth(r rune) float64 {
	switch {
	case wideRune(r):
		return 1
	case r == ' ':
		return 0.3
	case r < 0x80 && isNarrow(r):
		return 0.3
	case r == 'm' || r == 'w' || r == 'M' || r == 'W':
		return 0.85
	case unicode.IsUpper(r) || unicode.IsDigit(r):
		return 0.66
	case unicode.IsMark(r):
		return 0 // combining tone marks sit on the previous letter
	}
	return 0.56
}

func isNarrow(r rune) bool {
	switch r {
	case 'i', 'j', 'l', 't', 'f', 'r', 'I', '.', ',', ':', ';', '\'', '!', '|', '(', ')', '[', ']', '-':
		return true
	}
	return false
}

// wideRune reports whether r is drawn a full em wide (East Asian wide and
// full-width characters).
func wideRune(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA960 && r <= 0xA97F,
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B–
		return true
	}
	return false
}

// textWidth estimates the width in px of s set at size px.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += emWidth(r)
	}
	return w * size
}

// labelDirs returns the eight candidate directions (x right, y down) in
// order of preference.
func labelDirs() [][2]float64 {
	return [][2]float64{{1, 0}, {1, -1}, {1, 1}, {-1, 0}, {-1, -1}, {-1, 1}, {0, -1}, {0, 1}}
}

// leaderDirs returns the sixteen directions tried with a leader line: the
// eight of labelDirs, then the eight between them.
func leaderDirs() [][2]float64 {
	t := math.Tan(math.Pi / 8)
	return append(labelDirs(), [][2]float64{{1, -t}, {1, t}, {-1, -t}, {-1, t}, {t, -1}, {-t, -1}, {t, 1}, {-t, 1}}...)
}

// candidate returns the label for spec in direction dir at distance dist
// from the marker's centre.
func candidate(s labelSpec, dir [2]float64, dist float64) placedLabel {
	w := textWidth(s.text, s.size)
	if s.bold {
		w *= boldWidth
	}
	w += 2 * labelPad
	h := s.size*labelLineEm + 2*labelPad
	f := 1 / math.Hypot(dir[0], dir[1])
	px, py := s.x+dir[0]*dist*f, s.y+dir[1]*dist*f
	var l placedLabel
	switch {
	case dir[0] > 0:
		l.box.x0, l.box.x1 = px, px+w
		l.anchor, l.tx = "start", px+labelPad
	case dir[0] < 0:
		l.box.x0, l.box.x1 = px-w, px
		l.anchor, l.tx = "end", px-labelPad
	default:
		l.box.x0, l.box.x1 = px-w/2, px+w/2
		l.anchor, l.tx = "middle", px
	}
	switch {
	case dir[1] > 0:
		l.box.y0, l.box.y1 = py, py+h
	case dir[1] < 0:
		l.box.y0, l.box.y1 = py-h, py
	default:
		l.box.y0, l.box.y1 = py-h/2, py+h/2
	}
	l.ty = l.box.y1 - labelPad - labelDescentEm*s.size
	return l
}

// placeLabels places specs' labels inside frame, clear of each other, of
// obstacles (marker boxes, reserved areas) and, where it can, of lines. The
// result is indexed like specs; labels with empty text are not placed.
// It runs in O(n² · c) for n labels and c candidates per label.
func placeLabels(specs []labelSpec, obstacles []rect, lines []segment, frame rect) []placedLabel {
	out := make([]placedLabel, len(specs))
	markers := make([]circle, len(specs))
	for i, s := range specs {
		markers[i] = circle{s.x, s.y, s.r}
	}
	// Most crowded first; ties in input order.
	crowd := make([]int, len(specs))
	for i, a := range specs {
		for j, b := range specs {
			if i != j && math.Hypot(a.x-b.x, a.y-b.y) < crowdRadius*a.size+a.r+b.r {
				crowd[i]++
			}
		}
	}
	order := make([]int, len(specs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(crowd[b], crowd[a]) })

	var placed []rect
	var leaders []segment
	for _, i := range order {
		s := specs[i]
		if s.text == "" {
			continue
		}
		best, bestCost := placedLabel{}, math.Inf(1)
		h := s.size*labelLineEm + 2*labelPad
		for ring, extra := range []float64{0, 1.5 * h, 3 * h, 4.5 * h} {
			dist := s.r + labelGap + extra
			dirs := labelDirs()
			if ring > 0 {
				dirs = leaderDirs()
			}
			for rank, dir := range dirs {
				c := candidate(s, dir, dist)
				if !labelFits(c.box, frame, placed, markers, obstacles) {
					continue
				}
				if ring > 0 {
					c.leader = true
					c.lx1, c.ly1 = nearestOnRect(c.box, s.x, s.y)
					d := math.Hypot(c.lx1-s.x, c.ly1-s.y)
					c.lx0, c.ly0 = s.x+(c.lx1-s.x)*s.r/d, s.y+(c.ly1-s.y)*s.r/d
					lead := segment{c.lx0, c.ly0, c.lx1, c.ly1}
					if leaderBlocked(lead, placed, markers, i) {
						continue
					}
				}
				cost := float64(rank) + ringCost*float64(ring)
				for _, ln := range lines {
					if segmentHitsRect(ln, c.box) {
						cost += crossCost
					}
				}
				for _, ln := range leaders {
					if segmentHitsRect(ln, c.box) {
						cost += crossCost
					}
				}
				if cost < bestCost {
					best, bestCost = c, cost
				}
			}
			if bestCost < ringCost*float64(ring+1) {
				break // nothing farther out can beat it
			}
		}
		if math.IsInf(bestCost, 1) {
			continue
		}
		best.placed = true
		out[i] = best
		placed = append(placed, best.box)
		if best.leader {
			leaders = append(leaders, segment{best.lx0, best.ly0, best.lx1, best.ly1})
		}
	}
	return out
}

func labelFits(b, frame rect, placed []rect, markers []circle, obstacles []rect) bool {
	if !frame.contains(b) {
		return false
	}
	for _, set := range [][]rect{placed, obstacles} {
		for _, o := range set {
			if b.overlaps(o) {
				return false
			}
		}
	}
	for _, m := range markers {
		if m.hits(b) {
			return false
		}
	}
	return true
}

// circle is a marker's disc, px.
type circle struct{ x, y, r float64 }

// hits reports whether c and b share interior area.
func (c circle) hits(b rect) bool {
	nx, ny := nearestOnRect(b, c.x, c.y)
	return math.Hypot(nx-c.x, ny-c.y) < c.r
}

// segmentHitsCircle reports whether s passes through c's interior.
func segmentHitsCircle(s segment, c circle) bool {
	dx, dy := s.x1-s.x0, s.y1-s.y0
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((c.x-s.x0)*dx+(c.y-s.y0)*dy)/l2))
	}
	return math.Hypot(s.x0+t*dx-c.x, s.y0+t*dy-c.y) < c.r
}

// leaderBlocked reports whether a leader line for marker self would cross a
// placed label or another marker.
func leaderBlocked(l segment, placed []rect, markers []circle, self int) bool {
	for _, p := range placed {
		if segmentHitsRect(l, p) {
			return true
		}
	}
	for j, m := range markers {
		if j != self && segmentHitsCircle(l, m) {
			return true
		}
	}
	return false
}

// nearestOnRect returns the point of r nearest to (x, y).
func nearestOnRect(r rect, x, y float64) (float64, float64) {
	return math.Max(r.x0, math.Min(x, r.x1)), math.Max(r.y0, math.Min(y, r.y1))
}

// segmentHitsRect reports whether segment s passes through the interior of
// r (Liang–Barsky clipping).
func segmentHitsRect(s segment, r rect) bool {
	dx, dy := s.x1-s.x0, s.y1-s.y0
	t0, t1 := 0.0, 1.0
	for _, pq := range [4][2]float64{
		{-dx, s.x0 - r.x0}, {dx, r.x1 - s.x0},
		{-dy, s.y0 - r.y0}, {dy, r.y1 - s.y0},
	} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q <= 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 >= t1 {
			return false
		}
	}
	return true
}
