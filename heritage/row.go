package heritage

import (
	"math"
	"time"
	"unsafe"

	"github.com/paulmach/orb"
)

// row is a site as a [Catalog] stores it: less than half the size of a
// [Site]. The kind and the score are small numbers; lists are kept as
// the address of their first element and their length; the strings,
// periods, designations and visits that sites repeat are the catalog's
// one copies; the members most sites lack are behind one pointer.
// [row.site] gives the Site back without allocating: every slice and
// pointer of a row is handed out as it is, as a catalog's Sites always
// shared theirs (read-only, see [Site.Clone]).
type row struct {
	id             string
	name           Name
	location       orb.Point
	precisionM     float64
	locationSource *string // nil for ""
	region         *string // nil for ""
	themes         *string // themes[:nThemes]; nil for a nil list
	aliases        *string
	notes          *Note
	sources        *Source
	period         *Period
	designation    *Designation
	visit          *Visit   // nil for the zero Visit
	more           *rowMore // nil when the site has none of them

	nThemes, nAliases, nNotes, nSources uint32
	score                               uint8 // 0–100 in a catalog (a site that is not does not load)
	kind                                uint8 // index in kinds, or unknownKind
}

// first returns the address of the first element of s (nil for a nil
// slice), and its length, which [elems] takes back.
func first[T any](s []T) (*T, uint32) {
	if uint64(len(s)) > math.MaxUint32 {
		panic("heritage: a list too long for a catalog")
	}
	return unsafe.SliceData(s), uint32(len(s))
}

// elems is the slice of the n elements from p (nil for nil p): what
// [first] took, with its length as its capacity, so that appending to
// it never writes into the catalog.
func elems[T any](p *T, n uint32) []T { return unsafe.Slice(p, n) }

// deref is *p, "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// themeList returns the site's themes.
func (r *row) themeList() []string { return elems(r.themes, r.nThemes) }

// unknownKind is row.kind for a kind that is not valid, kept in
// rowMore.badKind: such a site does not load, but the references to it
// are checked and reported all the same.
const unknownKind = 255

// rowMore holds the members of a site that most sites lack.
type rowMore struct {
	footprint          *orb.Ring // footprint[:nFootprint], as row keeps lists
	address            *Text
	entrance           *orb.Point
	entrancePrecisionM float64
	rating             *Rating
	presentedAt        *string
	visitVia           string
	events             *Event
	badKind            Kind

	nFootprint, nPresentedAt, nEvents uint32
}

// kinds is Kinds, indexed by row.kind.
var kinds = Kinds()

// kindIndex returns the index of k in kinds, or unknownKind.
func kindIndex(k Kind) uint8 {
	for i, x := range kinds {
		if x == k {
			return uint8(i)
		}
	}
	return unknownKind
}

// kindOf returns the site's kind.
func (r *row) kindOf() Kind {
	if r.kind == unknownKind {
		return r.more.badKind
	}
	return kinds[r.kind]
}

// visitKey is a [Visit] as a map key: up to three estimated fields.
type visitKey struct {
	duration                    time.Duration
	hours, ticket, accessSource string
	experience                  Experience
	access                      Access
	status                      HoursStatus
	estimated                   [3]string
	nEstimated                  int
	estimatedNil                bool
}

// visit returns the catalog's one copy of v; nil for the zero Visit.
func (pk *packer) visit(v *Visit) *Visit {
	if v.Duration == 0 && v.OpeningHours == "" && v.Ticket == "" && v.Estimated == nil &&
		v.Experience == "" && v.Access == "" && v.AccessSource == "" && v.HoursStatus == "" {
		return nil
	}
	if len(v.Estimated) > len(visitKey{}.estimated) {
		c := *v
		return &c
	}
	k := visitKey{duration: v.Duration, hours: v.OpeningHours, ticket: v.Ticket, accessSource: v.AccessSource,
		experience: v.Experience, access: v.Access, status: v.HoursStatus,
		nEstimated: len(v.Estimated), estimatedNil: v.Estimated == nil}
	copy(k.estimated[:], v.Estimated)
	return pk.visits.get(k, func() Visit { return *v })
}

// row returns the row of s, a validated site whose memory the catalog
// now owns (but for its period and designation: the catalog keeps its
// own copies).
func (pk *packer) row(s *Site) row {
	r := row{
		id: s.ID, name: s.Name, location: s.Location, precisionM: s.PrecisionM,
		locationSource: pk.ref(s.LocationSource), region: pk.ref(s.Region),
		period: pk.period(s.Period), designation: pk.designation(s.Designation), visit: pk.visit(&s.Visit),
		score: uint8(s.Score), kind: kindIndex(s.Kind),
	}
	r.themes, r.nThemes = first(s.Themes)
	r.aliases, r.nAliases = first(s.Aliases)
	r.notes, r.nNotes = first(s.Notes)
	r.sources, r.nSources = first(s.Sources)
	if s.Footprint != nil || s.Address != nil || s.Entrance != nil || s.EntrancePrecisionM != 0 ||
		s.Rating != nil || s.PresentedAt != nil || s.VisitVia != "" || s.Events != nil || r.kind == unknownKind {
		r.more = pk.more.new()
		m := r.more
		*m = rowMore{
			address: s.Address, entrance: s.Entrance, entrancePrecisionM: s.EntrancePrecisionM,
			rating: s.Rating, visitVia: s.VisitVia,
		}
		m.footprint, m.nFootprint = first(s.Footprint)
		m.presentedAt, m.nPresentedAt = first(s.PresentedAt)
		m.events, m.nEvents = first(s.Events)
		if r.kind == unknownKind {
			r.more.badKind = s.Kind
		}
	}
	return r
}

// site returns the Site r stores.
func (r *row) site() Site {
	s := Site{
		ID: r.id, Name: r.name, Kind: r.kindOf(), Period: r.period, Designation: r.designation,
		Location: r.location, PrecisionM: r.precisionM, LocationSource: deref(r.locationSource), Region: deref(r.region),
		Themes: r.themeList(), Aliases: r.aliasList(), Notes: elems(r.notes, r.nNotes), Sources: elems(r.sources, r.nSources), Score: int(r.score),
	}
	if r.visit != nil {
		s.Visit = *r.visit
	}
	if m := r.more; m != nil {
		s.Footprint, s.Address, s.Entrance = elems(m.footprint, m.nFootprint), m.address, m.entrance
		s.EntrancePrecisionM, s.Rating, s.PresentedAt = m.entrancePrecisionM, m.rating, elems(m.presentedAt, m.nPresentedAt)
		s.VisitVia, s.Events = m.visitVia, elems(m.events, m.nEvents)
	}
	return s
}

// presentedAt and visitVia are the references of r to other sites.
func (r *row) presentedAt() []string {
	if r.more == nil {
		return nil
	}
	return elems(r.more.presentedAt, r.more.nPresentedAt)
}

func (r *row) visitVia() string {
	if r.more == nil {
		return ""
	}
	return r.more.visitVia
}

// aliasList returns the site's aliases.
func (r *row) aliasList() []string { return elems(r.aliases, r.nAliases) }

// rowsOf returns the rows of validated sites, whose memory the catalog
// now owns.
func rowsOf(sites []Site) []row {
	pk := newPacker()
	rows := make([]row, len(sites))
	for i := range sites {
		rows[i] = pk.row(&sites[i])
	}
	return rows
}
