package tour

import (
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
)

// StoryExactLimit is the largest line that [StoryOrder] orders exactly
// ([route.StoryExactLimit]). Longer lines are ordered by a local search
// from the shortest order.
const StoryExactLimit = route.StoryExactLimit

// Story reports how a story-ordered line compares with the shortest
// order of the same sites: route's report of [route.StoryOrder], with
// each site ranked by its story year.
//
// A site's year is the first known year of its period, or else the
// conventional first year of the era its Chinese period name starts
// with (西周 → 1046 BCE, 明 → 1368; see the package documentation);
// sites with neither are not compared. ShortestInversions counts the
// inversions of the shortest order that route.Solve returned.
type Story = route.Story

// storyOrder reorders line (planned in the shortest order, its Sites in
// visiting order) by the story, with route.StoryOrder on the line's day
// within the day budget (or the shortest order's day, when that is
// longer), and replaces its plan and sites.
func (b *builder) storyOrder(line *Line) error {
	dp := line.Plan.Days[0]
	p, err := b.problem(line.Sites, line.Base, max(b.o.budget, dp.Return.Sub(dp.Depart)))
	if err != nil {
		return err
	}
	n := len(line.Sites)
	shortest := make([]int, n)
	ranks := make([]route.Rank, n)
	for i, s := range line.Sites {
		shortest[i] = i
		ranks[i].Value, ranks[i].Known = storyYear(s)
	}
	plan, st, err := route.StoryOrder(p, shortest, ranks, b.o.story)
	if err != nil {
		return err
	}
	if line.Base == nil {
		startAtFirst(plan)
	}
	sites := make([]heritage.Site, n)
	for i, v := range plan.Days[0].Visits {
		sites[i] = line.Sites[v.Index]
	}
	line.Plan, line.Sites, line.Story = plan, sites, st
	return nil
}
