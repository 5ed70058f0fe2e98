package heritage

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDefaultScoreRule(t *testing.T) {
	national := &Designation{Level: National}
	provincial := &Designation{Level: Provincial}
	jin := []string{ThemeJinCulture}
	tests := []struct {
		name string
		site Site
		want int
	}{
		{"nothing known", Site{Kind: Tomb}, 10 + 10},
		{"open museum, 4A, Jin", Site{Kind: Museum, Themes: jin, Rating: &Rating{Level: 4},
			Visit: Visit{Experience: Exhibits, Access: Open}}, 40 + 25 + 8 + 15},
		{"national open temple", Site{Kind: Temple, Designation: national,
			Visit: Visit{Experience: Buildings, Access: Open}}, 35 + 25 + 10},
		{"provincial Jin mound, access unknown", Site{Kind: Tomb, Designation: provincial, Themes: jin,
			Visit: Visit{Experience: Earthworks, Access: AccessUnknown}}, 20 + 10 + 7 + 15},
		{"landscape by arrangement", Site{Kind: Valley, Visit: Visit{Experience: Landscape, Access: ByArrangement}}, 25 + 10},
		{"county listing", Site{Kind: Stage, Designation: &Designation{Level: County}}, 10 + 10 + 2},
		{"city listing", Site{Kind: Stage, Designation: &Designation{Level: City}}, 10 + 10 + 4},
		{"rating above 5A counts as 5A", Site{Kind: Garden, Rating: &Rating{Level: 7}}, 10 + 10 + 10},
		{"nothing visible, no museum", Site{Kind: Cemetery, Designation: national,
			Visit: Visit{Experience: NothingVisible}}, 5 + 10 + 10},
		{"nothing visible, presented by a museum", Site{Kind: RitualSite, Designation: national, Themes: jin,
			PresentedAt: []string{"m"}, Visit: Visit{Experience: NothingVisible, Access: Open}}, SeenElsewhereScore},
		{"seen only through a museum", Site{Kind: SettlementSite, Designation: national, Themes: jin,
			VisitVia: "m", Visit: Visit{Experience: Exhibits, Access: Open}}, SeenElsewhereScore},
		{"closed", Site{Kind: Temple, Designation: national, Visit: Visit{Experience: Buildings, Access: Closed}}, 0},
		{"anchor", Site{Kind: Town, Visit: Visit{Experience: Buildings, Access: Open}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, DefaultScore(tt.site))
			assert.LessOrEqual(t, DefaultScore(tt.site), 100)
		})
	}
}

// TestDefaultScoreWeighsTheVisit checks the order of the rule's parts:
// what there is to see and whether one can get in weigh more than the
// official listing, the rating and the theme.
func TestDefaultScoreWeighsTheVisit(t *testing.T) {
	unlistedOpenBuildings := Site{Kind: Temple, Visit: Visit{Experience: Buildings, Access: Open}}
	nationalJinNothingVisible := Site{Kind: SettlementSite, Designation: &Designation{Level: National},
		Themes: []string{ThemeJinCulture}, Visit: Visit{Experience: NothingVisible}}
	assert.Greater(t, DefaultScore(unlistedOpenBuildings), DefaultScore(nationalJinNothingVisible))

	listed := Site{Kind: Temple, Designation: &Designation{Level: National}, Visit: Visit{Experience: Buildings}}
	open := Site{Kind: Temple, Visit: Visit{Experience: Buildings, Access: Open}}
	assert.Greater(t, DefaultScore(open), DefaultScore(listed), "getting in counts more than the listing")
}

// TestMuseumBeatsTheFieldItPresents checks the embedded catalog: a site
// seen through a museum (visit_via), or with nothing visible and a museum
// that presents it, scores low, and below every museum it points to, so a
// planner that has time for one goes to the museum.
func TestMuseumBeatsTheFieldItPresents(t *testing.T) {
	c := Default()
	pairs := 0
	for _, s := range c.Sites() {
		museums := s.PresentedAt
		if s.VisitVia != "" {
			museums = append([]string{s.VisitVia}, museums...)
		}
		for _, id := range museums {
			m, ok := c.Get(id)
			if !assert.True(t, ok, "%s points to %s", s.ID, id) {
				continue
			}
			assert.Equal(t, Museum, m.Kind, "%s points to a museum", s.ID)
			if s.SeenElsewhere() {
				pairs++
				assert.LessOrEqual(t, s.Score, SeenElsewhereScore, s.ID)
				assert.Greater(t, m.Score, s.Score, "%s beats %s", m.ID, s.ID)
			}
		}
	}
	assert.Positive(t, pairs, "the catalog has sites seen through a museum")
	tianma, _ := c.Get("quwo/tianma-qucun")
	assert.Equal(t, "quwo/jinguo-museum", tianma.VisitVia, "the Marquises' cemetery is seen in the Jinguo Museum")
}
