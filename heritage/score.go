package heritage

// DefaultScore returns the visitor value of s, 0–100, by the rule
// documented in the package README ("The score rule"): how much a visitor
// gains by going there, so that a planner spends the day where there is
// most to see. It is the sum of five parts:
//
//   - sight, what there is to see (Visit.Experience): exhibits 40,
//     buildings 35, landscape 25, earthworks 20, nothing-visible 5; 10
//     when not given;
//   - access, whether one can get in (Visit.Access): open 25,
//     by-arrangement or unknown (or not given) 10;
//   - listing, the official protection level (Designation): national 10,
//     provincial 7, city 4, county 2, none 0;
//   - rating, the A-level tourist grade (Rating): 2 per A, at most 10;
//   - Jin: 15 if the site carries the "jin-culture" theme, the focus of
//     the county's themed-line plan.
//
// Sight and access weigh most: an open site beats an otherwise equal one
// with a national listing whose access is unknown. Two rules then
// override the sum:
//
//   - a site seen elsewhere ([Site.SeenElsewhere]: only through another
//     site, or nothing visible and presented by a museum) scores at most
//     [SeenElsewhereScore]: its value is counted at the museum it points
//     to, which a planner should visit instead;
//   - a closed site (Access "closed") scores 0, and
//     route.StopsFromSites marks it closed, so no plan includes it.
//
// Anchors score 0; apart from that the kind plays no part. The maximum,
// 100, is an open Jin-culture site with exhibits (a museum, say), a
// national listing and a 5A rating.
func DefaultScore(s Site) int {
	if s.Anchor() || s.Visit.Access == Closed {
		return 0
	}
	score := sightPoints(s.Visit.Experience) + accessPoints(s.Visit.Access) + listingPoints(s.Designation)
	if s.Rating != nil {
		score += 2 * min(max(s.Rating.Level, 0), 5)
	}
	if s.HasTheme(ThemeJinCulture) {
		score += 15
	}
	if s.SeenElsewhere() {
		score = min(score, SeenElsewhereScore)
	}
	return score
}

// SeenElsewhereScore is the most a site seen elsewhere scores (see
// [DefaultScore] and [Site.SeenElsewhere]).
const SeenElsewhereScore = 10

// SeenElsewhere reports whether a visitor sees s at another site rather
// than at its own point: it is seen only through another (VisitVia), or
// nothing of it is visible and a museum presents it (PresentedAt).
func (s Site) SeenElsewhere() bool {
	return s.VisitVia != "" || s.Visit.Experience == NothingVisible && len(s.PresentedAt) > 0
}

// sightPoints is the sight part of DefaultScore.
func sightPoints(e Experience) int {
	switch e {
	case Exhibits:
		return 40
	case Buildings:
		return 35
	case Landscape:
		return 25
	case Earthworks:
		return 20
	case NothingVisible:
		return 5
	}
	return 10
}

// accessPoints is the access part of DefaultScore.
func accessPoints(a Access) int {
	if a == Open {
		return 25
	}
	return 10
}

// listingPoints is the listing part of DefaultScore.
func listingPoints(d *Designation) int {
	if d == nil {
		return 0
	}
	switch d.Level {
	case National:
		return 10
	case Provincial:
		return 7
	case City:
		return 4
	case County:
		return 2
	}
	return 0
}
