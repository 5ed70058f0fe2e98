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
	// DefaultHours is the length of a day: 8 hours.
	DefaultHours = 8
	// DefaultMode is the travel mode: "drive" ([geo.CountyDrive]).
	DefaultMode = "drive"
	// LunchMinutes, LunchFrom and LunchTo describe the default lunch
	// break: 60 minutes taken within 11:30–13:30.
	LunchMinutes = 60
	LunchFrom    = Clock(11*time.Hour + 30*time.Minute)
	LunchTo      = Clock(13*time.Hour + 30*time.Minute)
	// LunchMinHours is the shortest day that gets the default lunch break:
	// 6 hours.
	LunchMinHours = 6
)

// Request is what a visitor asks the planner for: which sites (or a
// theme), from where to where, on which date, for how long, and how they
// travel. Its JSON form is the body of the web API's POST /api/plan; the
// zero value of every field means its documented default.
//
// A Request is plain data: [Plan] does not modify it.
type Request struct {
	// Sites are the IDs of the heritage sites to choose from, in any
	// order; at most MaxSites, no duplicates, no anchors. Leave it empty to
	// plan over Theme.
	Sites []string `json:"sites,omitempty"`
	// Theme is a theme slug (see heritage.Themes): plan over every
	// heritage site of the catalog that carries it. Sites and Theme are
	// exclusive; with both empty the planner chooses among all heritage
	// sites of the catalog.
	Theme string `json:"theme,omitempty"`
	// Start is where the trip begins: a site or anchor ID, or a point.
	// The zero Endpoint means the catalog's county seat: its first town
	// anchor (anchor/jiangxian-county-seat in the embedded catalog).
	Start Endpoint `json:"start"`
	// End is where the trip ends; the zero Endpoint means Start, a loop.
	End Endpoint `json:"end"`
	// Hotels are where the visitor sleeps, one per night (Days-1 of
	// them): day d ends at Hotels[d] and day d+1 starts there. Empty
	// means every night is spent back at Start, which then serves as the
	// base of the trip.
	Hotels []Endpoint `json:"hotels,omitempty"`
	// Date is the first day of the trip, written "2006-01-02". The zero
	// Date means today in Location (so the plan then depends on the day
	// it is made). Opening hours are applied for each day's date.
	Date Date `json:"date"`
	// StartTime is when each day starts, written "15:04"; zero means
	// DefaultStartTime (08:30), so a day cannot be asked to start at
	// exactly midnight.
	StartTime Clock `json:"start_time"`
	// Hours is the length of each day in hours, from StartTime until the
	// visitor must be back at the day's end (0 < Hours <= 24); zero means
	// DefaultHours.
	Hours float64 `json:"hours,omitempty"`
	// Days is the number of days, 1 to MaxDays; zero means 1.
	Days int `json:"days,omitempty"`
	// Mode names the travel mode as geo.ParseMode reads it ("walk",
	// "cycle", "drive", "drive-mountain", "bus"); empty means DefaultMode.
	Mode string `json:"mode,omitempty"`
	// Break is the daily break. Nil means the default: a lunch of
	// LunchMinutes within LunchFrom–LunchTo on days of at least
	// LunchMinHours hours that span that whole window, and no break
	// otherwise. A Break with Minutes 0 means no break.
	Break *Break `json:"break,omitempty"`
	// Location is the time zone of the dates and times; nil means China
	// Standard Time, time.FixedZone("CST", 8*3600). A fixed zone is used
	// rather than time.LoadLocation("Asia/Shanghai") so that the planner
	// needs no time-zone database on the host (China has kept UTC+8
	// without daylight saving since 1991). Not part of the JSON form.
	Location *time.Location `json:"-"`
}

// Break is a daily pause, such as lunch, taken at the place the visitor
// is at.
type Break struct {
	// Minutes is the length of the break in minutes; 0 means no break.
	Minutes int `json:"minutes"`
	// From and To bound when the break may be taken, written "15:04";
	// zero values mean LunchFrom and LunchTo.
	From Clock `json:"from"`
	To   Clock `json:"to"`
}

// Endpoint is where a day starts or ends: a site of the catalog (usually
// an anchor such as a town, rail station or hotel) given by ID, or a
// point. In JSON it is the ID as a string or the point as [lon, lat]. The
// zero Endpoint means "the default" wherever it is used.
type Endpoint struct {
	// ID is a site or anchor ID of the catalog.
	ID string
	// Point, when not nil, is a location [lon, lat] in degrees, WGS-84.
	// ID and Point are exclusive.
	Point *orb.Point
}

// AtSite returns the Endpoint of the catalog site or anchor with the
// given ID.
func AtSite(id string) Endpoint { return Endpoint{ID: id} }

// AtPoint returns the Endpoint at p, [lon, lat] in degrees, WGS-84.
func AtPoint(p orb.Point) Endpoint { return Endpoint{Point: &p} }

// IsZero reports whether e is the zero Endpoint (neither ID nor point).
func (e Endpoint) IsZero() bool { return e.ID == "" && e.Point == nil }

// String returns the ID, or the point as "lon,lat", or "" for the zero
// Endpoint.
func (e Endpoint) String() string {
	if e.Point != nil {
		return strconv.FormatFloat(e.Point[0], 'f', -1, 64) + "," + strconv.FormatFloat(e.Point[1], 'f', -1, 64)
	}
	return e.ID
}

// MarshalJSON writes the ID as a string, the point as [lon, lat], or null
// for the zero Endpoint.
func (e Endpoint) MarshalJSON() ([]byte, error) {
	switch {
	case e.Point != nil && e.ID != "":
		return nil, fmt.Errorf("tour: endpoint has both an ID (%q) and a point", e.ID)
	case e.Point != nil:
		return json.Marshal([2]float64(*e.Point))
	case e.ID != "":
		return json.Marshal(e.ID)
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads a string ID, a [lon, lat] array of two numbers, or
// null (the zero Endpoint).
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
		var xs []float64
		if err := json.Unmarshal(b, &xs); err != nil {
			return fmt.Errorf("tour: endpoint: want [lon, lat] numbers: %w", err)
		}
		if len(xs) != 2 {
			return fmt.Errorf("tour: endpoint: want [lon, lat], got %d numbers", len(xs))
		}
		p := orb.Point{xs[0], xs[1]}
		*e = Endpoint{Point: &p}
		return nil
	}
	return fmt.Errorf("tour: endpoint: want a site ID string or [lon, lat], got %.20q", b)
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
// ("2027-02-30") and years outside 1–9999.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		// time.Parse says "day out of range" for 2027-02-30; say which date.
		return Date{}, fmt.Errorf("tour: date %q is not a calendar date in the form 2006-01-02: %w", s, err)
	}
	d := DateOf(t)
	if !d.Valid() {
		return Date{}, fmt.Errorf("tour: date %q is outside the years 1–9999", s)
	}
	return d, nil
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
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Clock is a time of day: the duration since midnight, 0 to 24 hours,
// written "15:04" as text and in JSON.
type Clock time.Duration

// ParseClock parses "15:04" (hours 00–24, minutes 00–59; "24:00" is the
// end of the day).
func ParseClock(s string) (Clock, error) {
	bad := func() (Clock, error) {
		return 0, fmt.Errorf("tour: time of day %q is not in the form 15:04 (00:00–24:00)", s)
	}
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || len(hh) != 2 || len(mm) != 2 || !digits(hh) || !digits(mm) {
		return bad()
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return bad()
	}
	return Clock(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute), nil
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
func (c *Clock) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = 0
		return nil
	}
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// china is China Standard Time, UTC+8, without daylight saving.
func china() *time.Location { return time.FixedZone("CST", 8*3600) }

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
