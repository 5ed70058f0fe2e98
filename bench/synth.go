package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/paulmach/orb"
)

// The synth set is a generated heritage catalog, not a file: a large
// multi-day orienteering problem with opening windows, given by
// coordinates (no matrix), as a heritage manager planning inspection
// rounds over every registered relic of a prefecture would pose it. The
// generator below is fixed by synthSeed, so every run solves the same
// problems whatever -seed (which seeds the solver) says.
const synthSeed = 15

// synthSizes are the generated catalogs' numbers of sites; -min and -max
// pick among them.
var synthSizes = []int{1000, 2000, 5000, 20000}

// synthDays is the trip length of every synth problem.
const synthDays = 5

// synthCentre is the hotel every day starts and ends at: Jiang County's
// seat (WGS-84, approximate); the sites spread over a prefecture-sized
// rectangle around it.
var synthCentre = orb.Point{111.57, 35.49}

const (
	synthWidthKm  = 120.0 // east–west extent of the region
	synthHeightKm = 90.0  // north–south extent
	synthPerTown  = 40    // sites per cluster on average
	synthScatter  = 0.15  // share of sites scattered outside clusters
)

// synthKind is a class of site with its share of the catalog, visit
// durations and opening hours.
type synthKind struct {
	share              float64
	visitMin, visitMax int    // minutes
	hours              string // "" always open; "temple" or "museum"
}

// synthKinds mimic a county relic register: most relics are outdoor
// ruins, tombs and steles (no gate, always accessible), then temples
// with daily hours, villages, and a few museums with a lunch closure and
// a weekly closing day.
var synthKinds = []synthKind{
	{share: 0.55, visitMin: 15, visitMax: 45},
	{share: 0.25, visitMin: 30, visitMax: 60, hours: "temple"},
	{share: 0.12, visitMin: 45, visitMax: 90},
	{share: 0.08, visitMin: 60, visitMax: 120, hours: "museum"},
}

// synthProblem generates the n-site problem: clustered sites, scores by
// protection level, visit durations and opening windows by kind, and
// synthDays days from 08:00 to 18:00 (China Standard Time) with a one-hour
// lunch break between 11:30 and 13:30, starting and ending at the hotel.
//
// Sites: synthScatter of them uniform over the region (isolated tombs in
// fields); the others in n/synthPerTown clusters (towns and villages)
// whose centres are uniform over the region and whose sizes follow a
// heavy-tailed weight (1/u^0.7, a few large towns and many hamlets), each
// site a Gaussian offset from its cluster's centre with the cluster's
// spread, 0.5 to 3 km. One site in twenty is known only to its
// township's centre (precision 2–5 km), as real registers have them.
// Scores: three in four sites are county-level relics (1–10), one in
// five provincial (10–40), one in twenty national (40–100).
func synthProblem(n int) route.Problem {
	rng := rand.New(rand.NewPCG(synthSeed, uint64(n)))
	cst, _ := time.LoadLocation("Asia/Shanghai")
	if cst == nil {
		cst = time.FixedZone("CST", 8*3600)
	}
	first := time.Date(2026, 5, 4, 0, 0, 0, 0, cst) // a Monday
	towns := synthTowns(rng, max(1, n/synthPerTown))
	p := route.Problem{Mode: geo.CountyDrive()}
	for i := range n {
		st := route.Stop{Place: route.Place{ID: "s" + strconv.Itoa(i), Location: synthPoint(rng, towns)}}
		if rng.IntN(20) == 0 {
			st.Precision = 2000 + 3000*rng.Float64()
		}
		st.Score = synthScore(rng)
		k := synthPick(rng)
		st.Visit = time.Duration(k.visitMin+rng.IntN(k.visitMax-k.visitMin+1)) * time.Minute
		st.Windows = synthWindows(k.hours, first)
		p.Stops = append(p.Stops, st)
	}
	hotel := route.Place{ID: "hotel", Location: synthCentre}
	for d := range synthDays {
		day := first.AddDate(0, 0, d)
		at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
		p.Days = append(p.Days, route.Day{
			Start:  hotel,
			End:    &hotel,
			Window: route.Window{Open: at(8, 0), Close: at(18, 0)},
			Break:  &route.Break{Duration: time.Hour, Window: route.Window{Open: at(11, 30), Close: at(13, 30)}},
		})
	}
	return p
}

// synthTown is a cluster: its centre, weight and spread in km.
type synthTown struct {
	centre         orb.Point
	weight, spread float64
}

func synthTowns(rng *rand.Rand, k int) []synthTown {
	towns := make([]synthTown, k)
	total := 0.0
	for i := range towns {
		towns[i] = synthTown{
			centre: synthOffset(synthCentre, (rng.Float64()-0.5)*synthWidthKm, (rng.Float64()-0.5)*synthHeightKm),
			weight: math.Pow(1-rng.Float64(), -0.7),
			spread: 0.5 + 2.5*rng.Float64(),
		}
		total += towns[i].weight
	}
	for i := range towns { // cumulative, for sampling
		if i > 0 {
			towns[i].weight += towns[i-1].weight
		}
	}
	for i := range towns {
		towns[i].weight /= total
	}
	return towns
}

// synthPoint draws a site's location.
func synthPoint(rng *rand.Rand, towns []synthTown) orb.Point {
	if rng.Float64() < synthScatter {
		return synthOffset(synthCentre, (rng.Float64()-0.5)*synthWidthKm, (rng.Float64()-0.5)*synthHeightKm)
	}
	u := rng.Float64()
	t := towns[len(towns)-1]
	for _, c := range towns {
		if u < c.weight {
			t = c
			break
		}
	}
	return synthOffset(t.centre, rng.NormFloat64()*t.spread, rng.NormFloat64()*t.spread)
}

// synthOffset moves p east and north by the given kilometres.
func synthOffset(p orb.Point, eastKm, northKm float64) orb.Point {
	const kmPerDeg = 111.32
	return orb.Point{p[0] + eastKm/(kmPerDeg*math.Cos(p[1]*math.Pi/180)), p[1] + northKm/kmPerDeg}
}

func synthScore(rng *rand.Rand) int {
	switch u := rng.Float64(); {
	case u < 0.05:
		return 40 + rng.IntN(61)
	case u < 0.25:
		return 10 + rng.IntN(31)
	default:
		return 1 + rng.IntN(10)
	}
}

func synthPick(rng *rand.Rand) synthKind {
	u := rng.Float64()
	for _, k := range synthKinds {
		if u < k.share {
			return k
		}
		u -= k.share
	}
	return synthKinds[len(synthKinds)-1]
}

// synthWindows returns a kind's opening windows over the trip: temples
// 08:30–17:30 every day; museums 09:00–12:00 and 13:30–17:00, closed on
// Mondays; nil (always open) otherwise.
func synthWindows(hours string, first time.Time) []route.Window {
	var ws []route.Window
	for d := range synthDays {
		day := first.AddDate(0, 0, d)
		at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
		switch {
		case hours == "temple":
			ws = append(ws, route.Window{Open: at(8, 30), Close: at(17, 30)})
		case hours == "museum" && day.Weekday() != time.Monday:
			ws = append(ws, route.Window{Open: at(9, 0), Close: at(12, 0)}, route.Window{Open: at(13, 30), Close: at(17, 0)})
		}
	}
	return ws
}

// runSynth solves the generated problems whose size passes -min and -max.
func runSynth(cfg *config, emit func(row)) error {
	for _, n := range synthSizes {
		name := fmt.Sprintf("synth-%d", n)
		if !cfg.sizeOK(n) || !cfg.names(name) {
			continue
		}
		p := synthProblem(n)
		plan, secs, err := cfg.solve(p)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := synthCheck(&p, plan); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		note := fmt.Sprintf("%d visits, %s after %d iterations", plan.Visited, plan.Status, plan.Stats.Iterations)
		if rss := peakRSS(); rss > 0 {
			note += fmt.Sprintf(", peak RSS so far %d MB", rss>>20)
		}
		emit(row{set: "synth", instance: name, n: n, best: math.NaN(), ours: float64(plan.Score),
			maximize: true, seconds: secs, note: note})
	}
	return nil
}

// synthCheck verifies the plan against the problem independently of the
// solver: each stop at most once, every visit inside one of its windows
// and its day's window, the break inside its window, and the score the
// sum of the visited stops' scores.
func synthCheck(p *route.Problem, plan *route.Plan) error {
	seen := make([]bool, len(p.Stops))
	score := 0
	for _, dp := range plan.Days {
		w := p.Days[dp.Day].Window
		if dp.Depart.Before(w.Open) || dp.Return.After(w.Close) {
			return fmt.Errorf("day %d runs %s–%s, outside its window", dp.Day, dp.Depart, dp.Return)
		}
		if b := p.Days[dp.Day].Break; b != nil && (dp.Break == nil || !b.Window.Contains(dp.Break.Start, b.Duration)) {
			return fmt.Errorf("day %d: break missing or outside its window", dp.Day)
		}
		for _, v := range dp.Visits {
			if seen[v.Index] {
				return fmt.Errorf("stop %d visited twice", v.Index)
			}
			seen[v.Index] = true
			st := &p.Stops[v.Index]
			score += st.Score
			if !synthInWindow(st, v.Start) || v.Start.Sub(v.Arrival) < 0 {
				return fmt.Errorf("day %d: stop %d starts at %s outside its windows", dp.Day, v.Index, v.Start)
			}
		}
	}
	if score != plan.Score {
		return fmt.Errorf("plan score %d, visits add up to %d", plan.Score, score)
	}
	return nil
}

func synthInWindow(st *route.Stop, start time.Time) bool {
	if len(st.Windows) == 0 {
		return true
	}
	for _, w := range st.Windows {
		if w.Contains(start, st.Visit) {
			return true
		}
	}
	return false
}
