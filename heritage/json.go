package heritage

// The JSON shapes of the catalog schema (see README.md) as the loader
// reads them. The parts of a site that are their own types (Name, Period,
// Designation, Note, Source, Visit) carry their JSON names as struct
// tags; pointers keep "absent" apart from zero values where that matters.

type jsonCollection struct {
	Type     string        `json:"type"`
	Features []jsonFeature `json:"features"`
	BBox     []float64     `json:"bbox,omitempty"`
}

type jsonFeature struct {
	Type       string     `json:"type"`
	ID         *string    `json:"id,omitempty"`
	Geometry   *jsonPoint `json:"geometry"`
	Properties *jsonProps `json:"properties"`
	BBox       []float64  `json:"bbox,omitempty"`
}

type jsonPoint struct {
	Type        string    `json:"type"`
	Coordinates []float64 `json:"coordinates"`
}

type jsonPolygon struct {
	Type        string        `json:"type"`
	Coordinates [][][]float64 `json:"coordinates"`
}

type jsonProps struct {
	ID             string       `json:"id"`
	Name           *Name        `json:"name"`
	Aliases        []string     `json:"aliases,omitempty"`
	Kind           string       `json:"kind"`
	Period         *Period      `json:"period,omitempty"`
	Designation    *Designation `json:"designation,omitempty"`
	PrecisionM     float64      `json:"precision_m"`
	LocationSource string       `json:"location_source"`
	Region         string       `json:"region,omitempty"`
	Footprint      *jsonPolygon `json:"footprint,omitempty"`
	Themes         []string     `json:"themes,omitempty"`
	Notes          []Note       `json:"notes,omitempty"`
	Sources        []Source     `json:"sources,omitempty"`
	Visit          *Visit       `json:"visit,omitempty"`
	Score          *int         `json:"score,omitempty"`

	Address            *Text     `json:"address,omitempty"`
	Entrance           []float64 `json:"entrance,omitempty"`
	EntrancePrecisionM *float64  `json:"entrance_precision_m,omitempty"`
	Rating             *Rating   `json:"rating,omitempty"`
	PresentedAt        []string  `json:"presented_at,omitempty"`
	VisitVia           *string   `json:"visit_via,omitempty"`
	Events             []Event   `json:"events,omitempty"`
}

// jsonItem is one element of the plain-array format: the properties plus
// a "location" [lon, lat].
type jsonItem struct {
	jsonProps
	Location []float64 `json:"location"`
}

// field returns a pointer to the member with JSON name key, or nil if the
// schema has no such member.
func (p *jsonProps) field(key string) any {
	switch key {
	case "id":
		return &p.ID
	case "name":
		return &p.Name
	case "aliases":
		return &p.Aliases
	case "kind":
		return &p.Kind
	case "period":
		return &p.Period
	case "designation":
		return &p.Designation
	case "precision_m":
		return &p.PrecisionM
	case "location_source":
		return &p.LocationSource
	case "region":
		return &p.Region
	case "footprint":
		return &p.Footprint
	case "themes":
		return &p.Themes
	case "notes":
		return &p.Notes
	case "sources":
		return &p.Sources
	case "visit":
		return &p.Visit
	case "score":
		return &p.Score
	case "address":
		return &p.Address
	case "entrance":
		return &p.Entrance
	case "entrance_precision_m":
		return &p.EntrancePrecisionM
	case "rating":
		return &p.Rating
	case "presented_at":
		return &p.PresentedAt
	case "visit_via":
		return &p.VisitVia
	case "events":
		return &p.Events
	}
	return nil
}
