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
	// dropCost is what leaving a label out costs: more than any position.
	dropCost = 1000.0
	// leaderClear is the room a leader line keeps from other labels'
	// boxes, px, so that it never seems to point at them.
	leaderClear = 2.0
	// markerClear is the room a leader line keeps from markers other than
	// its own, px.
	markerClear = 4.0
	// repairRounds bounds the passes that move labels to cheaper places.
	repairRounds = 8
	// maxPushed is how many neighbours a label may push out of its way.
	maxPushed = 2
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

// labelCand is one position a label may take, with what it costs on its own.
type labelCand struct {
	l    placedLabel
	lead segment // the leader line, when l.leader
	cost float64 // rank, ring and crossings of legs; see ringCost
}

// conflicts reports whether a and b, two different labels' candidates,
// cannot both be drawn: their boxes overlap, a leader runs through (or
// within leaderClear of) the other's box, or the two leaders cross.
func (a *labelCand) conflicts(b *labelCand) bool {
	if a.l.box.overlaps(b.l.box) {
		return true
	}
	if a.l.leader && segmentHitsRect(a.lead, b.l.box.inset(-leaderClear)) {
		return true
	}
	if b.l.leader && segmentHitsRect(b.lead, a.l.box.inset(-leaderClear)) {
		return true
	}
	return a.l.leader && b.l.leader && segmentsCross(a.lead, b.lead)
}

// placeLabels places specs' labels inside frame, clear of each other, of
// obstacles (marker boxes, reserved areas) and, where it can, of lines. A
// leader line never crosses another label's box or another marker, and no
// box covers another label's leader; leaders cross lines only where every
// alternative costs more. The result is indexed like specs; labels with
// empty text are not placed.
//
// Each label first gets its candidates, checked against the fixed things
// (frame, markers, obstacles) and priced by rank, ring and the lines they
// cross. A greedy pass then gives each label, most constrained first, its
// cheapest candidate clear of the labels placed before it, and repair
// rounds move a label to a cheaper candidate, alone or by pushing the one
// or two neighbours in its way to their best remaining places, while the
// total cost (dropCost per dropped label) falls.
//
// It runs in O(n² + n·k·c²) for n labels, c candidates per label and k
// neighbours per label (labels whose candidates can meet).
func placeLabels(specs []labelSpec, obstacles []rect, lines []segment, frame rect) []placedLabel {
	n := len(specs)
	cands, nbr := labelNeighbours(specs, obstacles, lines, frame)
	order := placementOrder(specs, cands)

	cur := make([]int, n) // index into cands[i], or -1 when unplaced
	for i := range cur {
		cur[i] = -1
	}
	// fits reports whether candidate k of label i clears every placed label.
	fits := func(i, k int) bool {
		c := &cands[i][k]
		for _, j := range nbr[i] {
			if cur[j] >= 0 && c.conflicts(&cands[j][cur[j]]) {
				return false
			}
		}
		return true
	}
	// bestFit returns label i's cheapest candidate that fits, or -1.
	bestFit := func(i int) int {
		for k := range cands[i] {
			if fits(i, k) {
				return k
			}
		}
		return -1
	}
	cost := func(i, k int) float64 {
		if k < 0 {
			return dropCost
		}
		return cands[i][k].cost
	}
	for _, i := range order {
		cur[i] = bestFit(i)
	}

	for range repairRounds {
		improved := false
		for _, i := range order {
			was := cost(i, cur[i])
			if was == 0 {
				continue
			}
			if k := bestFit(i); k >= 0 && cands[i][k].cost < was {
				cur[i] = k
				improved = true
				continue
			}
			if pushNeighbours(i, cands, nbr, cur, cost, bestFit) {
				improved = true
			}
		}
		if !improved {
			break
		}
	}

	out := make([]placedLabel, n)
	for i, k := range cur {
		if k >= 0 {
			out[i] = cands[i][k].l
			out[i].placed = true
		}
	}
	return out
}

// labelNeighbours returns each label's candidates and its neighbours:
// the labels whose candidates can meet its own.
func labelNeighbours(specs []labelSpec, obstacles []rect, lines []segment, frame rect) (cands [][]labelCand, nbr [][]int) {
	n := len(specs)
	markers := make([]circle, n)
	for i, s := range specs {
		markers[i] = circle{s.x, s.y, s.r}
	}
	cands = make([][]labelCand, n)
	reach := make([]rect, n) // bounds of everything a label's candidates draw
	for i := range specs {
		cands[i] = labelCandidates(specs, i, markers, obstacles, lines, frame)
		reach[i] = rect{specs[i].x, specs[i].y, specs[i].x, specs[i].y}
		for _, c := range cands[i] {
			reach[i] = reach[i].union(c.l.box)
		}
		reach[i] = reach[i].inset(-leaderClear - 1)
	}
	nbr = make([][]int, n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			if len(cands[i]) > 0 && len(cands[j]) > 0 && reach[i].overlaps(reach[j]) {
				nbr[i] = append(nbr[i], j)
				nbr[j] = append(nbr[j], i)
			}
		}
	}
	return cands, nbr
}

// placementOrder puts the most constrained labels first: most neighbours
// nearby, then fewest direct positions clear of lines, then input order.
func placementOrder(specs []labelSpec, cands [][]labelCand) []int {
	n := len(specs)
	free := make([]int, n)
	crowd := make([]int, n)
	for i, a := range specs {
		for _, c := range cands[i] {
			if c.cost < ringCost {
				free[i]++
			}
		}
		for j, b := range specs {
			if i != j && math.Hypot(a.x-b.x, a.y-b.y) < crowdRadius*a.size+a.r+b.r {
				crowd[i]++
			}
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(crowd[b], crowd[a]), cmp.Compare(free[a], free[b]))
	})
	return order
}

// pushNeighbours tries to move label i to a cheaper candidate that at most
// maxPushed placed neighbours are in the way of, moving each of them in
// turn to its best remaining place; it keeps the change and reports true
// when the labels' total cost falls.
func pushNeighbours(i int, cands [][]labelCand, nbr [][]int, cur []int, cost func(i, k int) float64, bestFit func(int) int) bool {
	was := cost(i, cur[i])
	var in, old [maxPushed]int
	for k := range cands[i] {
		c := &cands[i][k]
		if c.cost >= was {
			break // sorted by cost
		}
		m := 0
		for _, o := range nbr[i] {
			if cur[o] >= 0 && c.conflicts(&cands[o][cur[o]]) {
				if m == maxPushed {
					m++
					break
				}
				in[m], old[m] = o, cur[o]
				m++
			}
		}
		if m == 0 || m > maxPushed {
			continue
		}
		before, after := was, c.cost
		oldI := cur[i]
		cur[i] = k
		for _, j := range in[:m] {
			before += cost(j, cur[j])
			cur[j] = -1
		}
		for _, j := range in[:m] {
			cur[j] = bestFit(j)
			after += cost(j, cur[j])
		}
		if after < before {
			return true
		}
		cur[i] = oldI
		for x, j := range in[:m] {
			cur[j] = old[x]
		}
	}
	return false
}

// labelCandidates returns label i's candidates that stay inside frame,
// clear of every marker's disc and every obstacle, with leaders (on rings
// beyond the first) clear of other markers and obstacles, sorted by cost
// (stable, so equal costs keep the preference order).
func labelCandidates(specs []labelSpec, i int, markers []circle, obstacles []rect, lines []segment, frame rect) []labelCand {
	s := specs[i]
	if s.text == "" {
		return nil
	}
	var out []labelCand
	h := s.size*labelLineEm + 2*labelPad
	for ring, extra := range []float64{0, 1.5 * h, 3 * h, 4.5 * h} {
		dirs := labelDirs()
		if ring > 0 {
			dirs = leaderDirs()
		}
	next:
		for rank, dir := range dirs {
			c := labelCand{l: candidate(s, dir, s.r+labelGap+extra)}
			if !frame.contains(c.l.box) {
				continue
			}
			for _, o := range obstacles {
				if c.l.box.overlaps(o) {
					continue next
				}
			}
			for _, m := range markers {
				if m.hits(c.l.box) {
					continue next
				}
			}
			c.cost = float64(rank) + ringCost*float64(ring)
			for _, ln := range lines {
				if segmentHitsRect(ln, c.l.box) {
					c.cost += crossCost
				}
			}
			if ring == 0 {
				out = append(out, c)
				continue
			}
			l := &c.l
			l.leader = true
			l.lx1, l.ly1 = nearestOnRect(l.box, s.x, s.y)
			d := math.Hypot(l.lx1-s.x, l.ly1-s.y)
			l.lx0, l.ly0 = s.x+(l.lx1-s.x)*s.r/d, s.y+(l.ly1-s.y)*s.r/d
			c.lead = segment{l.lx0, l.ly0, l.lx1, l.ly1}
			for j, m := range markers {
				if j == i {
					continue
				}
				// Keep clear of other markers by markerClear, except
				// those touching this one, which only the disc can clear.
				if math.Hypot(m.x-s.x, m.y-s.y) >= m.r+s.r+markerClear {
					m.r += markerClear
				}
				if segmentHitsCircle(c.lead, m) {
					continue next
				}
			}
			for _, o := range obstacles {
				if segmentHitsRect(c.lead, o) {
					continue next
				}
			}
			for _, ln := range lines {
				if segmentsCross(c.lead, ln) {
					c.cost += crossCost
				}
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b labelCand) int { return cmp.Compare(a.cost, b.cost) })
	return out
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

// union returns the smallest rect holding r and s.
func (r rect) union(s rect) rect {
	return rect{math.Min(r.x0, s.x0), math.Min(r.y0, s.y0), math.Max(r.x1, s.x1), math.Max(r.y1, s.y1)}
}

// segmentsCross reports whether segments a and b share a point.
func segmentsCross(a, b segment) bool {
	d1 := orient(b.x0, b.y0, b.x1, b.y1, a.x0, a.y0)
	d2 := orient(b.x0, b.y0, b.x1, b.y1, a.x1, a.y1)
	d3 := orient(a.x0, a.y0, a.x1, a.y1, b.x0, b.y0)
	d4 := orient(a.x0, a.y0, a.x1, a.y1, b.x1, b.y1)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	on := func(s segment, x, y float64) bool {
		return math.Min(s.x0, s.x1) <= x && x <= math.Max(s.x0, s.x1) && math.Min(s.y0, s.y1) <= y && y <= math.Max(s.y0, s.y1)
	}
	return (d1 == 0 && on(b, a.x0, a.y0)) || (d2 == 0 && on(b, a.x1, a.y1)) ||
		(d3 == 0 && on(a, b.x0, b.y0)) || (d4 == 0 && on(a, b.x1, b.y1))
}

// orient is the cross product (b−a)×(c−a): positive when a, b, c turn
// counter-clockwise in x-right, y-up axes.
func orient(ax, ay, bx, by, cx, cy float64) float64 {
	return (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
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
