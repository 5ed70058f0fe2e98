package heritage

// Kind says what sort of place a [Site] is. The heritage kinds describe the
// site; the anchor kinds ([Town], [RailStation], [Hotel]) mark non-heritage
// places that routes start from, end at or stay in.
type Kind string

// The heritage kinds.
const (
	Tomb           Kind = "tomb"            // a single tomb or tumulus (墓)
	Cemetery       Kind = "cemetery"        // a burial ground of many tombs (墓地)
	CityRuins      Kind = "city-ruins"      // a walled town or capital site (城址)
	SettlementSite Kind = "settlement-site" // an archaeological settlement (遗址)
	Temple         Kind = "temple"          // a Buddhist, Daoist, Confucian or folk temple (寺, 观, 庙)
	Stage          Kind = "stage"           // an opera stage (戏台)
	MemorialArch   Kind = "memorial-arch"   // a memorial archway (牌坊)
	SteleBuilding  Kind = "stele-building"  // a stele tower or pavilion (碑楼, 碑亭)
	RitualSite     Kind = "ritual-site"     // a sacrificial or covenant site (祭祀, 盟誓遗址)
	Museum         Kind = "museum"          // a museum (博物馆)
	ScenicArea     Kind = "scenic-area"     // a mountain or landscape park (风景区)
	Spring         Kind = "spring"          // a spring or river source (泉, 水源)
	Valley         Kind = "valley"          // a valley (峪)
	Yamen          Kind = "yamen"           // a government hall (衙署, 大堂)
	Garden         Kind = "garden"          // a historic garden (园林)
)

// The anchor kinds: places that are not heritage sites.
const (
	Town        Kind = "town"         // a county seat, town or village centre
	RailStation Kind = "rail-station" // a passenger railway station
	Hotel       Kind = "hotel"        // a place to stay overnight
)

// Kinds returns every known kind, heritage kinds first, in a fixed order.
func Kinds() []Kind {
	return []Kind{
		Tomb, Cemetery, CityRuins, SettlementSite, Temple, Stage, MemorialArch,
		SteleBuilding, RitualSite, Museum, ScenicArea, Spring, Valley, Yamen, Garden,
		Town, RailStation, Hotel,
	}
}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	switch k {
	case Tomb, Cemetery, CityRuins, SettlementSite, Temple, Stage, MemorialArch,
		SteleBuilding, RitualSite, Museum, ScenicArea, Spring, Valley, Yamen, Garden,
		Town, RailStation, Hotel:
		return true
	}
	return false
}

// Anchor reports whether k is an anchor kind (town, rail station, hotel).
func (k Kind) Anchor() bool {
	return k == Town || k == RailStation || k == Hotel
}

// Theme is a theme that heritage sites are grouped under for themed lines
// (串珠成线).
type Theme struct {
	// Slug identifies the theme in [Site.Themes], e.g. "jin-culture".
	Slug string
	// Zh is the Chinese title, e.g. "晋文化寻根".
	Zh string
	// En is the English title, e.g. "Jin culture roots".
	En string
}

// The known theme slugs.
const (
	ThemeJinCulture          = "jin-culture"
	ThemeArchaeology         = "archaeology"
	ThemeTemplesArchitecture = "temples-architecture"
	ThemeMountainsValleys    = "mountains-valleys"
	ThemeMedicinalHerbs      = "medicinal-herbs"
	ThemeMuseums             = "museums"
)

// Themes returns the known themes in a fixed order. The result is a new
// slice on every call.
func Themes() []Theme {
	return []Theme{
		{ThemeJinCulture, "晋文化寻根", "Jin culture roots"},
		{ThemeArchaeology, "考古遗址", "Archaeological sites"},
		{ThemeTemplesArchitecture, "古建宗教", "Temples and old buildings"},
		{ThemeMountainsValleys, "山水生态", "Mountains and valleys"},
		{ThemeMedicinalHerbs, "中药材", "Medicinal herbs"},
		{ThemeMuseums, "博物馆", "Museums"},
	}
}

// KnownTheme reports whether slug is one of the themes [Themes] returns.
func KnownTheme(slug string) bool {
	for _, t := range Themes() {
		if t.Slug == slug {
			return true
		}
	}
	return false
}
