package tour

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
)

// Limits on a [Request]. They keep one planning call small enough for a
// web request: a county holds a few dozen sites, and two weeks is a long
// holiday.
const (
	// MaxSites is the largest number of sites a Request may list.
	MaxSites = 200
	// MaxDays is the largest number of days a Request may ask for.
	MaxDays = 14
)

// Defaults used for the zero fields of a [Request].
const (
	// DefaultStartTime is when a day starts: 08:30.
	DefaultStartTime = Clock(8*time.Hour + 30*time.Minute)
	// DefaultDayLength is the length of a day: 8 hours.
	DefaultDayLength = 8 * time.Hour
	// DefaultMode names the travel mode of the zero Request.Mode:
	// "drive", [geo.CountyDrive].
	DefaultMode = "drive"
	// LunchDuration, LunchFrom and LunchTo describe the default lunch
	// break: an hour taken within 11:30–13:30.
	LunchDuration = time.Hour
	LunchFrom     = Clock(11*time.Hour + 30*time.Minute)
	LunchTo       = Clock(13*time.Hour + 30*time.Minute)
	// LunchMinDay is the shortest day that gets the default lunch break:
	// 6 hours.
	LunchMinDay = 6 * time.Hour
)

// Request is what a visitor asks the planner for: which sites (or a
// theme), from where to where, on which date, for how long, and how they
// travel. The zero value of every field means its documented default.
//
// Its JSON form, the body of the web API's POST /api/plan, is read by
// [DecodeRequest] (strictly) and written by [Request.MarshalJSON]; each
// field's comment names its member. The JSON form keeps the units a
// visitor writes: "hours" for DayLength, "break": {"minutes"} for
// Break.Duration, "mode" and "datum" by name. Errors name fields by
// their JSON member ("hours", "break", "sites[2]").
//
// A Request is plain data: [Plan] does not modify it.
type Request struct {
	// Sites ("sites") are the IDs of the heritage sites to choose from,
	// in any order; at most MaxSites, no duplicates, no anchors. Leave it
	// empty to plan over Theme.
	Sites []string
	// Theme ("theme") is a theme slug (see heritage.Themes): plan over
	// every heritage site of the catalog that carries it. Sites and Theme
	// are exclusive; with both empty the planner chooses among all
	// heritage sites of the catalog.
	Theme string
	// Start ("start") is where the trip begins: a site or anchor ID, or a
	// point in Datum, optionally named (JSON: "anchor/…", [lon, lat] or
	// {"point": [lon, lat], "name": "酒店"}; see [Endpoint]). The zero
	// Endpoint means the catalog's county seat: its first town anchor
	// (anchor/jiangxian-county-seat in the embedded catalog).
	Start Endpoint
	// End ("end") is where the trip ends; the zero Endpoint means Start, a
	// loop.
	End Endpoint
	// Hotels ("hotels") are where the visitor sleeps, one per night
	// (Days-1 of them): day d ends at Hotels[d] and day d+1 starts there.
	// Empty means every night is spent back at Start, which then serves as
	// the base of the trip.
	Hotels []Endpoint
	// Date ("date", "2006-01-02") is the first day of the trip. The zero
	// Date means today in Location (so the plan then depends on the day
	// it is made). Opening hours are applied for each day's date.
	Date Date
	// StartTime ("start_time", "15:04") is when each day starts; zero
	// means DefaultStartTime (08:30), so a day cannot be asked to start at
	// exactly midnight.
	StartTime Clock
	// DayLength ("hours", a number of hours) is the length of each day,
	// from StartTime until the visitor must be back at the day's end:
	// more than 0 and at most 24 hours. Zero means DefaultDayLength.
	DayLength time.Duration
	// Days ("days") is the number of days, 1 to MaxDays; zero means 1.
	Days int
	// Mode ("mode", by name: "walk", "cycle", "drive", "drive-mountain",
	// "bus", see geo.ParseMode) is the travel mode; the zero Mode means
	// [geo.CountyDrive] (DefaultMode). A Go caller may give a mode of its
	// own speed and circuity; only the named modes have a JSON form.
	Mode geo.Mode
	// Break ("break") is the daily break. Nil means the default: a lunch
	// of LunchDuration within LunchFrom–LunchTo on days of at least
	// LunchMinDay that span that whole window, and no break otherwise. A
	// Break with Duration 0 means no break.
	Break *Break
	// Datum ("datum": "wgs84", "gcj02" or "bd09") is the datum of the
	// points in Start, End and Hotels; [Problem] converts them to WGS-84.
	// The web API also writes its answer in it. The zero Datum is
	// geo.WGS84.
	Datum geo.Datum
	// Location is the time zone of the dates and times; nil means China
	// Standard Time, time.FixedZone("CST", 8*3600). A fixed zone is used
	// rather than time.LoadLocation("Asia/Shanghai") so that the planner
	// needs no time-zone database on the host (China has kept UTC+8
	// without daylight saving since 1991). Not part of the JSON form.
	Location *time.Location
}

// Break is a daily pause, such as lunch, taken at the place the visitor
// is at. Its JSON form is {"minutes", "from", "to"}, the times "15:04".
type Break struct {
	// Duration ("minutes", a whole number of minutes) is the length of
	// the break; 0 means no break.
	Duration time.Duration
	// From and To ("from", "to") bound when the break may be taken; zero
	// values mean LunchFrom and LunchTo.
	From Clock
	To   Clock
}

// Endpoint is where a day starts or ends: a site of the catalog (usually
// an anchor such as a town, rail station or hotel) given by ID, or a
// point, optionally named. In JSON it is the ID as a string, the point as
// [lon, lat], or a named point as {"point": [lon, lat], "name": "…"}. The
// zero Endpoint means "the default" wherever it is used.
type Endpoint struct {
	// ID is a site or anchor ID of the catalog.
	ID string
	// Point, when not nil, is a location [lon, lat] in degrees, in the
	// datum of the Request (WGS-84 by default). ID and Point are
	// exclusive.
	Point *orb.Point
	// Name optionally names a Point ("酒店", "Hotel Jiangzhou"): the
	// plan's place is called so instead of by its coordinates. It is
	// only for a Point (a site has the catalog's names).
	Name string
}

// AtSite returns the Endpoint of the catalog site or anchor with the
// given ID.
func AtSite(id string) Endpoint { return Endpoint{ID: id} }

// AtPoint returns the Endpoint at p, [lon, lat] in degrees.
func AtPoint(p orb.Point) Endpoint { return Endpoint{Point: &p} }

// AtNamedPoint returns the Endpoint at p, [lon, lat] in degrees, called
// name in plans.
func AtNamedPoint(p orb.Point, name string) Endpoint { return Endpoint{Point: &p, Name: name} }

// IsZero reports whether e is the zero Endpoint (neither ID nor point;
// a name alone does not count).
func (e Endpoint) IsZero() bool { return e.ID == "" && e.Point == nil }

// String returns the ID, or the point as "lon,lat", or "" for the zero
// Endpoint.
func (e Endpoint) String() string {
	if e.Point != nil {
		return strconv.FormatFloat(e.Point[0], 'f', -1, 64) + "," + strconv.FormatFloat(e.Point[1], 'f', -1, 64)
	}
	return e.ID
}

// MarshalJSON writes the ID as a string, the point as [lon, lat] (or, with
// a Name, as {"point": [lon, lat], "name": "…"}), or null for the zero
// Endpoint.
func (e Endpoint) MarshalJSON() ([]byte, error) {
	switch {
	case e.Point != nil && e.ID != "":
		return nil, fmt.Errorf("tour: endpoint has both an ID (%q) and a point", e.ID)
	case e.Name != "" && e.Point == nil:
		return nil, fmt.Errorf("tour: endpoint has a name (%q) but no point", e.Name)
	case e.Point != nil && e.Name != "":
		return json.Marshal(namedPointJSON{Point: [2]float64(*e.Point), Name: e.Name})
	case e.Point != nil:
		return json.Marshal([2]float64(*e.Point))
	case e.ID != "":
		return json.Marshal(e.ID)
	}
	return []byte("null"), nil
}

// namedPointJSON is the object form of a named point endpoint.
type namedPointJSON struct {
	Point [2]float64 `json:"point"`
	Name  string     `json:"name"`
}

// UnmarshalJSON reads a string ID, a [lon, lat] array of two numbers, an
// object {"point": [lon, lat], "name": "…"} (name optional; no other
// members), or null (the zero Endpoint).
func (e *Endpoint) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return fmt.Errorf("tour: endpoint: empty value")
	case string(b) == "null":
		*e = Endpoint{}
		return nil
	case b[0] == '"':
		var id string
		if err := json.Unmarshal(b, &id); err != nil {
			return fmt.Errorf("tour: endpoint: %w", err)
		}
		*e = Endpoint{ID: id}
		return nil
	case b[0] == '[':
		p, err := decodePoint(b)
		if err != nil {
			return err
		}
		*e = Endpoint{Point: &p}
		return nil
	case b[0] == '{':
		return e.unmarshalObject(b)
	}
	return fmt.Errorf("tour: endpoint: want a site ID string, [lon, lat] or {\"point\": [lon, lat], \"name\": …}, got %.20q", b)
}

// unmarshalObject reads the object form {"point": [lon, lat], "name": "…"}.
func (e *Endpoint) unmarshalObject(b []byte) error {
	var o struct {
		Point json.RawMessage `json:"point"`
		Name  string          `json:"name"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return fmt.Errorf("tour: endpoint: want {\"point\": [lon, lat], \"name\": …}: %w", err)
	}
	if len(o.Point) == 0 {
		return fmt.Errorf("tour: endpoint: the object form needs a point [lon, lat]")
	}
	p, err := decodePoint(o.Point)
	if err != nil {
		return err
	}
	*e = Endpoint{Point: &p, Name: strings.TrimSpace(o.Name)}
	return nil
}

// decodePoint reads [lon, lat].
func decodePoint(b []byte) (orb.Point, error) {
	var xs []float64
	if err := json.Unmarshal(b, &xs); err != nil {
		return orb.Point{}, fmt.Errorf("tour: endpoint: want [lon, lat] numbers: %w", err)
	}
	if len(xs) != 2 {
		return orb.Point{}, fmt.Errorf("tour: endpoint: want [lon, lat], got %d numbers", len(xs))
	}
	return orb.Point{xs[0], xs[1]}, nil
}

// Date is a calendar date without a time of day or zone, written
// "2006-01-02" as text and in JSON. The zero Date means "unset".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "2006-01-02" and rejects dates that do not exist
// ("2027-02-30") and years outside 1–9999. Its error is a [*FieldError]
// for the field "date" with ErrInvalid.
func ParseDate(s string) (Date, error) {
	bad := func(reason string) (Date, error) { return Date{}, fieldErr("date", s, ErrInvalid, "%s", reason) }
	y, rest, ok1 := strings.Cut(s, "-")
	m, dd, ok2 := strings.Cut(rest, "-")
	if !ok1 || !ok2 || len(y) != 4 || len(m) != 2 || len(dd) != 2 || !digits(y+m+dd) {
		return bad("want a date like 2027-05-04")
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	d, _ := strconv.Atoi(dd)
	date := Date{yy, time.Month(mm), d}
	switch {
	case yy < 1:
		return bad("outside the years 1–9999")
	case !date.Valid():
		return bad("no such day in the calendar")
	}
	return date, nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a day of the calendar in the years 1–9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return DateOf(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)) == d
}

// String returns the date as "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// At returns the instant at time of day c on d in loc.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc).Add(time.Duration(c))
}

// AddDays returns the date n days after d (before for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// MarshalText writes "2006-01-02"; the zero Date writes "".
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.Valid() {
		return nil, fmt.Errorf("tour: date %s is not a calendar date", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads "2006-01-02" as [ParseDate] does; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error { return unmarshalText(b, ParseDate, d) }

// Clock is a time of day: the duration since midnight, 0 to 24 hours,
// written "15:04" as text and in JSON.
type Clock time.Duration

// ParseClock parses "15:04" (hours 00–24, minutes 00–59; "24:00" is the
// end of the day). Its error is a [*FieldError] for the field "time"
// with ErrInvalid.
func ParseClock(s string) (Clock, error) {
	hh, mm, ok := strings.Cut(s, ":")
	if ok && len(hh) == 2 && len(mm) == 2 && digits(hh+mm) {
		h, _ := strconv.Atoi(hh)
		m, _ := strconv.Atoi(mm)
		if m <= 59 && (h < 24 || h == 24 && m == 0) {
			return Clock(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute), nil
		}
	}
	return 0, fieldErr("time", s, ErrInvalid, "want a time of day like 08:30 (00:00–24:00)")
}

func digits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// String returns c as "15:04" (seconds are dropped).
func (c Clock) String() string {
	d := time.Duration(c)
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// Valid reports whether c lies in 00:00–24:00.
func (c Clock) Valid() bool { return c >= 0 && time.Duration(c) <= 24*time.Hour }

// MarshalText writes "15:04".
func (c Clock) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("tour: time of day %s is outside 00:00–24:00", time.Duration(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads "15:04" as [ParseClock] does; "" is the zero Clock.
func (c *Clock) UnmarshalText(b []byte) error { return unmarshalText(b, ParseClock, c) }

// unmarshalText sets *v to parse(b), or to the zero value for empty b.
func unmarshalText[T any](b []byte, parse func(string) (T, error), v *T) error {
	var x T
	if len(b) > 0 {
		var err error
		if x, err = parse(string(b)); err != nil {
			return err
		}
	}
	*v = x
	return nil
}

// china is China Standard Time, UTC+8, without daylight saving.
func china() *time.Location { return time.FixedZone("CST", 8*3600) }

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
