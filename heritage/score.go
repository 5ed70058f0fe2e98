package heritage

// DefaultScore returns the planning importance of s, 0–100, by the rule
// documented in the package README:
//
//		score = level points + Jin points + kind points
//
//	  - level points, from the designation: national 50, provincial 35,
//	    city 25, county 20, none (or no designation) 10. An official listing
//	    is the one external, checkable judgement of significance, so it
//	    weighs most.
//	  - Jin points: 30 if the site carries the "jin-culture" theme, the focus
//	    of the county's themed-line plan.
//	  - kind points, for what a visitor can see and learn on the spot:
//	    museum 15; standing buildings and landscapes (temple, stage,
//	    memorial-arch, stele-building, yamen, garden, scenic-area) 10; sites
//	    with visible earthworks or water (tomb, city-ruins, spring, valley) 5;
//	    sites that are mostly underground (cemetery, settlement-site,
//	    ritual-site) 0.
//
// Anchors score 0. The maximum is 95, so a hand-set score of up to 100 in a
// catalog stays above any rule-made one.
func DefaultScore(s Site) int {
	if s.Anchor() {
		return 0
	}
	score := 10
	if s.Designation != nil {
		switch s.Designation.Level {
		case National:
			score = 50
		case Provincial:
			score = 35
		case City:
			score = 25
		case County:
			score = 20
		}
	}
	if s.HasTheme(ThemeJinCulture) {
		score += 30
	}
	switch s.Kind {
	case Museum:
		score += 15
	case Temple, Stage, MemorialArch, SteleBuilding, Yamen, Garden, ScenicArea:
		score += 10
	case Tomb, CityRuins, Spring, Valley:
		score += 5
	}
	return score
}
