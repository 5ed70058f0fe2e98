package tour_test

import (
	"math"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeRequest(t *testing.T) {
	body := `{"sites": ["jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb"],
		"start": "anchor/jiangxian-county-seat", "end": [111.57, 35.49],
		"hotels": [], "date": "2027-05-04", "start_time": "08:30", "hours": 9.5,
		"days": 1, "mode": "walk", "datum": "gcj02",
		"break": {"minutes": 45, "from": "12:00", "to": "13:00"}}`
	r, err := tour.DecodeRequest([]byte(body))
	require.NoError(t, err)
	assert.Equal(t, []string{"jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb"}, r.Sites)
	assert.Equal(t, tour.AtSite("anchor/jiangxian-county-seat"), r.Start)
	assert.Equal(t, tour.AtPoint(orb.Point{111.57, 35.49}), r.End, "points stay in the request's datum")
	assert.Equal(t, tour.Date{Year: 2027, Month: time.May, Day: 4}, r.Date)
	assert.Equal(t, tour.Clock(8*time.Hour+30*time.Minute), r.StartTime)
	assert.Equal(t, 9*time.Hour+30*time.Minute, r.DayLength)
	assert.Equal(t, 1, r.Days)
	assert.Equal(t, geo.Walking(), r.Mode)
	assert.Equal(t, geo.GCJ02, r.Datum)
	require.NotNil(t, r.Break)
	assert.Equal(t, tour.Break{Duration: 45 * time.Minute, From: tour.Clock(12 * time.Hour), To: tour.Clock(13 * time.Hour)}, *r.Break)

	// Its JSON form round-trips, through json.Marshal and json.Unmarshal.
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"sites": ["jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb"],
		"start": "anchor/jiangxian-county-seat", "end": [111.57, 35.49],
		"date": "2027-05-04", "start_time": "08:30", "hours": 9.5,
		"days": 1, "mode": "walk", "datum": "gcj02",
		"break": {"minutes": 45, "from": "12:00", "to": "13:00"}}`, string(out))
	back := tour.Request{Location: time.UTC}
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, time.UTC, back.Location, "Location has no JSON form and is kept")
	back.Location = nil
	r.Hotels = nil // [] is written as nothing
	assert.Equal(t, r, back)

	// The theme form, with defaults left out.
	r, err = tour.DecodeRequest([]byte(`{"theme": "jin-culture"}`))
	require.NoError(t, err)
	assert.Equal(t, tour.Request{Theme: "jin-culture"}, r)
	out, err = json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"theme": "jin-culture"}`, string(out))
}

func TestDecodeRequestErrors(t *testing.T) {
	tests := []struct {
		name, body, field string
		err               error
		msg               string
	}{
		{"empty", ``, "", tour.ErrSyntax, "empty body"},
		{"not an object", `["x"]`, "", tour.ErrSyntax, "JSON object"},
		{"null", `null`, "", tour.ErrSyntax, "JSON object"},
		{"malformed", `{"sites": [`, "", tour.ErrSyntax, "malformed JSON"},
		{"trailing data", `{} {}`, "", tour.ErrSyntax, "after top-level value"},
		{"duplicate member", `{"days": 1, "days": 2}`, "", tour.ErrSyntax, "duplicate"},
		{"invalid UTF-8", "{\"theme\": \"\xff\"}", "", tour.ErrSyntax, "UTF-8"},
		{"unknown member", `{"theme": "x", "colour": 1}`, "colour", tour.ErrUnknownField, "a plan request has sites"},
		{"wrong case", `{"Sites": []}`, "Sites", tour.ErrUnknownField, "unknown member"},
		{"unknown break member", `{"break": {"minutes": 30, "length": 1}}`, "break.length", tour.ErrUnknownField, "a break has minutes, from and to"},
		{"odd member name", `{"a b": 1}`, `"a b"`, tour.ErrUnknownField, "unknown member"},
		{"wrong type", `{"days": "two"}`, "days", tour.ErrInvalid, "cannot use a string as int"},
		{"wrong item type", `{"sites": ["a/b", 7]}`, "sites[1]", tour.ErrInvalid, "cannot use a number"},
		{"impossible date", `{"date": "2027-02-30"}`, "date", tour.ErrInvalid, "no such day"},
		{"date format", `{"date": "4 May 2027"}`, "date", tour.ErrInvalid, "want a date like 2027-05-04"},
		{"date word", `{"date": "tomorrow"}`, "date", tour.ErrInvalid, "want a date like 2027-05-04"},
		{"year 0", `{"date": "0000-01-01"}`, "date", tour.ErrInvalid, "years 1–9999"},
		{"bad time", `{"start_time": "8:30"}`, "start_time", tour.ErrInvalid, "08:30"},
		{"time past midnight", `{"start_time": "24:30"}`, "start_time", tour.ErrInvalid, "24:30"},
		{"midnight start", `{"start_time": "00:00"}`, "start_time", tour.ErrInvalid, "cannot start at 00:00"},
		{"hours", `{"hours": 30}`, "hours", tour.ErrInvalid, "at most 24 hours"},
		{"negative hours", `{"hours": -1}`, "hours", tour.ErrInvalid, "at most 24 hours"},
		{"seconds of a day", `{"hours": 0.001}`, "hours", tour.ErrInvalid, "at least a minute"},
		{"huge hours", `{"hours": 1e300}`, "hours", tour.ErrInvalid, "at most 24 hours"},
		{"mode", `{"mode": "rocket"}`, "mode", tour.ErrInvalid, "rocket"},
		{"datum", `{"datum": "utm"}`, "datum", tour.ErrInvalid, "known: wgs84, gcj02, bd09"},
		{"break minutes", `{"break": {"minutes": 100000}}`, "break.minutes", tour.ErrInvalid, "0 to 1440"},
		{"break time", `{"break": {"minutes": 30, "from": "1130"}}`, "break.from", tour.ErrInvalid, "1130"},
		{"endpoint object", `{"start": {"id": "x"}}`, "start", tour.ErrInvalid, "endpoint"},
		{"endpoint number", `{"start": 5}`, "start", tour.ErrInvalid, "want a site ID string, [lon, lat] or {\"point\""},
		{"named point without point", `{"start": {"name": "酒店"}}`, "start", tour.ErrInvalid, "needs a point"},
		{"named point, other member", `{"start": {"point": [111.5, 35.5], "name": "酒店", "stars": 4}}`, "start", tour.ErrInvalid, "endpoint"},
		{"named point, bad point", `{"end": {"point": [111.5], "name": "酒店"}}`, "end", tour.ErrInvalid, "1 numbers"},
		{"endpoint three numbers", `{"start": [1, 2, 3]}`, "start", tour.ErrInvalid, "3 numbers"},
		{"endpoint strings", `{"end": ["a", "b"]}`, "end", tour.ErrInvalid, "endpoint"},
		{"hotel", `{"hotels": ["a/b", [1]]}`, "hotels[1]", tour.ErrInvalid, "endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tour.DecodeRequest([]byte(tt.body))
			requireFieldError(t, err, tt.field, tt.err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.NotContains(t, err.Error(), "2006", "no Go layout strings in messages")
		})
	}
}

func TestRequestMarshalErrors(t *testing.T) {
	tests := []struct {
		name string
		req  tour.Request
		msg  string
	}{
		{"own mode", tour.Request{Mode: geo.Mode{Name: "horse", Speed: 12, Circuity: 1.4}}, "horse"},
		{"seconds of a break", tour.Request{Break: &tour.Break{Duration: 90 * time.Second}}, "whole minutes"},
		{"unknown datum", tour.Request{Datum: geo.Datum(9)}, "datum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := json.Marshal(tt.req)
			assert.ErrorContains(t, err, tt.msg)
		})
	}
}

func TestHours(t *testing.T) {
	d, err := tour.Hours(9.5)
	require.NoError(t, err)
	assert.Equal(t, 9*time.Hour+30*time.Minute, d)
	d, err = tour.Hours(1.0 / 3)
	require.NoError(t, err)
	assert.Equal(t, 20*time.Minute, d, "rounded to the minute")
	for _, h := range []float64{0, -1, 24.5, math.NaN(), math.Inf(1), 0.001} {
		_, err := tour.Hours(h)
		assert.ErrorIs(t, err, tour.ErrInvalid, "%v hours", h)
	}
}

// textValue is a value read from text that prints back as that text:
// [tour.Date], [tour.Clock].
type textValue interface {
	comparable
	String() string
	Valid() bool
}

// parseCase is a text to parse, and the value it is read as; ok false
// when it must be refused.
type parseCase[T textValue] struct {
	in   string
	want T
	ok   bool
}

// testParse checks that parse reads each case's text as its value, valid
// and printing back as the text, or refuses it.
func testParse[T textValue](t *testing.T, parse func(string) (T, error), tests []parseCase[T]) {
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := parse(tt.in)
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, v)
			assert.Equal(t, tt.in, v.String())
			assert.True(t, v.Valid())
		})
	}
}

func TestParseDate(t *testing.T) {
	testParse(t, tour.ParseDate, []parseCase[tour.Date]{
		{"2027-05-04", tour.Date{Year: 2027, Month: time.May, Day: 4}, true},
		{"2028-02-29", tour.Date{Year: 2028, Month: time.February, Day: 29}, true},
		{"2027-02-29", tour.Date{}, false},
		{"2027-02-30", tour.Date{}, false},
		{"2027-13-01", tour.Date{}, false},
		{"2027-5-4", tour.Date{}, false},
		{"0000-01-01", tour.Date{}, false},
		{"", tour.Date{}, false},
	})
	assert.False(t, tour.Date{Year: 2027, Month: time.April, Day: 31}.Valid())
	assert.Equal(t, tour.Date{Year: 2028, Month: time.March, Day: 1}, tour.Date{Year: 2028, Month: time.February, Day: 28}.AddDays(2))
	cst := time.FixedZone("CST", 8*3600)
	at := tour.Date{Year: 2027, Month: time.May, Day: 4}.At(tour.Clock(8*time.Hour+30*time.Minute), cst)
	assert.Equal(t, time.Date(2027, 5, 4, 8, 30, 0, 0, cst), at)
}

func TestParseClock(t *testing.T) {
	testParse(t, tour.ParseClock, []parseCase[tour.Clock]{
		{"08:30", tour.Clock(8*time.Hour + 30*time.Minute), true},
		{"00:00", 0, true},
		{"24:00", tour.Clock(24 * time.Hour), true},
		{"23:59", tour.Clock(23*time.Hour + 59*time.Minute), true},
		{"24:01", 0, false},
		{"8:30", 0, false},
		{"08:60", 0, false},
		{"08-30", 0, false},
		{"-1:00", 0, false},
	})
}

func TestEndpoint(t *testing.T) {
	assert.True(t, tour.Endpoint{}.IsZero())
	assert.Equal(t, "anchor/x", tour.AtSite("anchor/x").String())
	assert.Equal(t, "111.5,35.25", tour.AtPoint(orb.Point{111.5, 35.25}).String())
	b, err := json.Marshal(tour.Endpoint{})
	require.NoError(t, err)
	assert.JSONEq(t, `null`, string(b))
	var e tour.Endpoint
	require.NoError(t, json.Unmarshal([]byte(`null`), &e))
	assert.True(t, e.IsZero())
	_, err = json.Marshal(tour.Endpoint{ID: "a", Point: &orb.Point{1, 2}})
	assert.Error(t, err)
	_, err = json.Marshal(tour.Endpoint{ID: "a", Name: "酒店"})
	assert.ErrorContains(t, err, "no point")
}

// A named point round-trips through its object form; an unnamed one
// keeps the [lon, lat] form.
func TestEndpointNameJSON(t *testing.T) {
	r, err := tour.DecodeRequest([]byte(`{"start": {"point": [111.57, 35.49], "name": "绛州宾馆"},
		"end": {"point": [111.58, 35.5]}, "hotels": [[111.6, 35.5]]}`))
	require.NoError(t, err)
	assert.Equal(t, tour.AtNamedPoint(orb.Point{111.57, 35.49}, "绛州宾馆"), r.Start)
	assert.Equal(t, tour.AtPoint(orb.Point{111.58, 35.5}), r.End, "a name is optional")
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"start": {"point": [111.57, 35.49], "name": "绛州宾馆"}, "end": [111.58, 35.5], "hotels": [[111.6, 35.5]]}`, string(out))
	back, err := tour.DecodeRequest(out)
	require.NoError(t, err)
	assert.Equal(t, r, back)
}

// The plan calls a named start by its name, an unnamed one by its
// coordinates; a name on a site ID is refused.
func TestEndpointNameInPlan(t *testing.T) {
	req := tour.Request{Sites: []string{"jiangxian/taiyin-temple"}, Date: tour.Date{Year: 2027, Month: time.May, Day: 4},
		Start: tour.AtNamedPoint(orb.Point{111.57, 35.49}, "绛州宾馆")}
	p, err := tour.Problem(heritage.Default(), req)
	require.NoError(t, err)
	assert.Equal(t, "绛州宾馆", p.Days[0].Start.Name)
	assert.Equal(t, "绛州宾馆", p.Days[0].End.Name, "the loop ends where it starts")
	req.Start.Name = ""
	p, err = tour.Problem(heritage.Default(), req)
	require.NoError(t, err)
	assert.Equal(t, "111.57,35.49", p.Days[0].Start.Name)
	req.Start = tour.Endpoint{ID: "anchor/jiangxian-county-seat", Name: "酒店"}
	_, err = tour.Problem(heritage.Default(), req)
	requireFieldError(t, err, "start", tour.ErrInvalid)
}

// requireFieldError checks that err is a *tour.FieldError naming field
// and wrapping the sentinel class, and returns it.
func requireFieldError(t *testing.T, err error, field string, class error) *tour.FieldError {
	t.Helper()
	var fe *tour.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, field, fe.Field)
	assert.ErrorIs(t, err, class)
	return fe
}
