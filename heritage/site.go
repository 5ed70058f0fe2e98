package heritage

import (
	"slices"
	"time"

	"github.com/paulmach/orb"
)

// Site is one place in a catalog: a heritage site (a tomb, a temple, a
// museum, …) or an anchor, a non-heritage place that routes start from,
// end at or sleep in (a town, a rail station, a hotel).
//
// A Site read from a [Catalog] shares its slices and pointers (Aliases,
// Themes, Notes, Sources, Footprint, Visit.Estimated, PresentedAt, Events,
// Period, Designation, …) with the catalog, and what sites repeat (lists
// of themes, a visit's estimated fields, periods, designations) perhaps
// with its other sites, and a note's list of sources perhaps with the
// site's other notes: treat them as read-only, or take a deep copy with
// [Site.Clone] before changing them.
type Site struct {
	// ID is the stable identifier, a lowercase ASCII slug path such as
	// "jiangxian/chexiangcheng" (see [ValidID]).
	ID string
	// Name is the site's name in Chinese, pinyin and English.
	Name Name
	// Aliases are other names the site is known by, in any language;
	// [Catalog.Search] matches them too.
	Aliases []string
	// Kind says what sort of place this is.
	Kind Kind
	// Period is the era the site dates from; nil for anchors and when
	// unknown.
	Period *Period
	// Designation is the site's official protection listing; nil if it has
	// none or none is known.
	Designation *Designation
	// Location is the site's representative point, [lon, lat] in degrees,
	// WGS-84.
	Location orb.Point
	// PrecisionM is the radius in metres around Location within which the
	// true site lies; always > 0.
	PrecisionM float64
	// LocationSource says how Location was obtained (which source, which
	// datum conversion, which offset), so a reader can check it.
	LocationSource string
	// Region is the administrative place, e.g. "绛县古绛镇南城村"; may be
	// empty.
	Region string
	// Footprint is the site's outline, WGS-84, when known; nil otherwise.
	Footprint orb.Polygon
	// Themes are the theme slugs the site belongs to (see [Themes]).
	Themes []string
	// Notes are short history notes, each in one language with its sources.
	Notes []Note
	// Sources are the documents every fact about the site is drawn from.
	Sources []Source
	// Visit holds the practical facts for a visitor.
	Visit Visit
	// Score is the planning importance, 0–100; by default [DefaultScore].
	Score int

	// Address is the street or village address a visitor or a navigation
	// app can search for; nil when unknown.
	Address *Text
	// Entrance is the visitor entrance or car park, [lon, lat] in degrees,
	// WGS-84, where it differs from Location (a large site's centroid is
	// not where one arrives); nil otherwise.
	Entrance *orb.Point
	// EntrancePrecisionM is the radius in metres around Entrance within
	// which the entrance lies; > 0 when Entrance is set, else 0.
	EntrancePrecisionM float64
	// Rating is the A-level tourist attraction grade of the site or its
	// scenic area; nil when it has none or none is known.
	Rating *Rating
	// PresentedAt are the IDs of museums (kind [Museum]) of the same
	// catalog that display the site's finds or are its visitor centre.
	PresentedAt []string
	// VisitVia is the ID of the site of the same catalog through which
	// this one is seen (an on-site museum); "" if none.
	VisitVia string
	// Events are the site's recurring events, each sourced; see
	// [Site.EventsOn].
	Events []Event
}

var _ orb.Pointer = Site{}

// Name is a site's name in three forms.
type Name struct {
	// Zh is the Chinese name in simplified characters, e.g. "晋文公墓".
	Zh string `json:"zh"`
	// Pinyin is the Hanyu Pinyin of Zh with tone marks, e.g. "Jìn Wéngōng Mù".
	Pinyin string `json:"pinyin"`
	// En is the English name, e.g. "Tomb of Duke Wen of Jin".
	En string `json:"en"`
}

// In returns the name for a reader of lang: Zh for "zh", En for any other
// language. An empty form falls back to the others, in the order Zh, En,
// Pinyin for "zh" and En, Pinyin, Zh otherwise (a catalog loaded with
// [Load] has all three).
func (n Name) In(lang string) string {
	order := [3]string{n.En, n.Pinyin, n.Zh}
	if lang == "zh" {
		order = [3]string{n.Zh, n.En, n.Pinyin}
	}
	for _, s := range order {
		if s != "" {
			return s
		}
	}
	return ""
}

// Period is the era a site dates from: a name and, where known, a range of
// years. Years are calendar years counted without a year 0, BCE negative:
// 1 BCE is -1, 1 CE is 1.
type Period struct {
	// Name is the era's English name, e.g. "Spring and Autumn".
	Name string `json:"name,omitempty"`
	// NameZh is the era's Chinese name, e.g. "春秋".
	NameZh string `json:"name_zh,omitempty"`
	// From is the first year, nil when unknown.
	From *int `json:"from,omitempty"`
	// To is the last year, nil when unknown; From <= To when both are known.
	To *int `json:"to,omitempty"`
}

// Years returns the period's year range. A period with only one known
// bound is treated as that single year; ok is false when neither is known.
func (p *Period) Years() (from, to int, ok bool) {
	switch {
	case p == nil || (p.From == nil && p.To == nil):
		return 0, 0, false
	case p.From == nil:
		return *p.To, *p.To, true
	case p.To == nil:
		return *p.From, *p.From, true
	}
	return *p.From, *p.To, true
}

// Year returns a pointer to y, for filling [Period.From] and [Period.To] in
// composite literals.
func Year(y int) *int { return &y }

// Designation is an official protection listing (文物保护单位).
type Designation struct {
	// Level is the level of government that listed the site.
	Level Level `json:"level"`
	// Batch is the listing batch (第n批); 0 when unknown.
	Batch int `json:"batch,omitempty"`
	// Year is the year the listing was announced; 0 when unknown.
	Year int `json:"year,omitempty"`
}

// Level is the level of a [Designation].
type Level string

// The designation levels, from highest to lowest.
const (
	National   Level = "national"   // 全国重点文物保护单位
	Provincial Level = "provincial" // 省级文物保护单位
	City       Level = "city"       // 市级文物保护单位
	County     Level = "county"     // 县级文物保护单位
)

// Valid reports whether l is one of the known levels.
func (l Level) Valid() bool { return slices.Contains([]Level{National, Provincial, City, County}, l) }

// Note is a short history note in one language.
type Note struct {
	// Lang is "zh" or "en".
	Lang string `json:"lang"`
	// Text is the note, written in the catalog authors' own words.
	Text string `json:"text"`
	// Sources are URLs backing the note; each also appears in the site's
	// Sources.
	Sources []string `json:"sources,omitempty"`
}

// Source is a document a site's facts are drawn from.
type Source struct {
	// Title names the document.
	Title string `json:"title"`
	// URL locates it.
	URL string `json:"url"`
}

// Visit holds practical facts for a visitor.
type Visit struct {
	// Duration is the typical time a visit takes, in whole minutes; 0
	// when unknown. In JSON it is the member "minutes", a whole number of
	// minutes (see [Visit.MarshalJSON]).
	Duration time.Duration `json:"-"`
	// OpeningHours is in the subset of OpenStreetMap opening_hours syntax
	// that [ParseOpeningHours] accepts; empty when unknown.
	OpeningHours string `json:"opening_hours,omitempty"`
	// Ticket describes the admission fee in free text; empty when unknown.
	Ticket string `json:"ticket,omitempty"`
	// Estimated names the visit fields ("minutes", "opening_hours",
	// "ticket") whose values are documented defaults rather than sourced
	// facts.
	Estimated []string `json:"estimated,omitempty"`
	// Experience is what there is to see; "" when not given.
	Experience Experience `json:"experience,omitempty"`
	// Access says whether one can get in; "" when not given.
	Access Access `json:"access,omitempty"`
	// AccessSource is the URL, one of the site's Sources, that states
	// Access; "" when none.
	AccessSource string `json:"access_source,omitempty"`
	// HoursStatus says how sure OpeningHours are; "" when not given.
	HoursStatus HoursStatus `json:"hours_status,omitempty"`
}

// Point returns the site's Location; it makes Site an [orb.Pointer].
func (s Site) Point() orb.Point { return s.Location }

// Anchor reports whether the site is a non-heritage anchor place (a town,
// rail station or hotel) rather than a heritage site.
func (s Site) Anchor() bool { return s.Kind.Anchor() }

// Note returns the site's note for a reader of lang, by one rule: the
// first note in lang, else the first in Chinese ("zh"), else the first in
// English ("en"); ok is false when there is none of these. The note's Lang
// says which language it is in, so a caller that wants lang only can
// check it.
func (s Site) Note(lang string) (n Note, ok bool) {
	for _, l := range [...]string{lang, "zh", "en"} {
		for _, n := range s.Notes {
			if n.Lang == l {
				return n, true
			}
		}
	}
	return Note{}, false
}

// HasTheme reports whether the site belongs to the theme with the given slug.
func (s Site) HasTheme(slug string) bool { return slices.Contains(s.Themes, slug) }

// OpeningHours returns the site's parsed opening hours; ok is false when
// they are unknown (empty) or do not parse. Sites of a loaded [Catalog]
// always parse.
func (s Site) OpeningHours() (h OpeningHours, ok bool) {
	if s.Visit.OpeningHours == "" {
		return OpeningHours{}, false
	}
	h, err := ParseOpeningHours(s.Visit.OpeningHours)
	return h, err == nil
}

// Clone returns a deep copy of s that shares no memory with it.
func (s Site) Clone() Site {
	c := s
	c.Aliases = slices.Clone(s.Aliases)
	if s.Period != nil {
		p := *s.Period
		if p.From != nil {
			p.From = Year(*p.From)
		}
		if p.To != nil {
			p.To = Year(*p.To)
		}
		c.Period = &p
	}
	if s.Designation != nil {
		d := *s.Designation
		c.Designation = &d
	}
	if s.Footprint != nil {
		c.Footprint = make(orb.Polygon, len(s.Footprint))
		for i, r := range s.Footprint {
			c.Footprint[i] = slices.Clone(r)
		}
	}
	c.Themes = slices.Clone(s.Themes)
	if s.Notes != nil {
		c.Notes = make([]Note, len(s.Notes))
		for i, n := range s.Notes {
			n.Sources = slices.Clone(n.Sources)
			c.Notes[i] = n
		}
	}
	c.Sources = slices.Clone(s.Sources)
	c.Visit.Estimated = slices.Clone(s.Visit.Estimated)
	if s.Address != nil {
		a := *s.Address
		c.Address = &a
	}
	if s.Entrance != nil {
		e := *s.Entrance
		c.Entrance = &e
	}
	if s.Rating != nil {
		r := *s.Rating
		c.Rating = &r
	}
	c.PresentedAt = slices.Clone(s.PresentedAt)
	c.Events = slices.Clone(s.Events)
	return c
}
