package tour_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/chuanzhu/chuanzhu/tour"
	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeStrict decodes like the web API: unknown fields rejected.
func decodeStrict(t *testing.T, body string) (tour.Request, error) {
	t.Helper()
	var r tour.Request
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	err := dec.Decode(&r)
	return r, err
}

func TestRequestJSON(t *testing.T) {
	body := `{"sites": ["jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb"],
		"start": "anchor/jiangxian-county-seat", "end": [111.57, 35.49],
		"hotels": [], "date": "2027-05-04", "start_time": "08:30", "hours": 9,
		"days": 1, "mode": "drive", "break": {"minutes": 45, "from": "12:00", "to": "13:00"}}`
	r, err := decodeStrict(t, body)
	require.NoError(t, err)
	assert.Equal(t, []string{"jiangxian/chexiangcheng", "jiangxian/jin-wengong-tomb"}, r.Sites)
	assert.Equal(t, tour.AtSite("anchor/jiangxian-county-seat"), r.Start)
	assert.Equal(t, tour.AtPoint(orb.Point{111.57, 35.49}), r.End)
	assert.Equal(t, tour.Date{Year: 2027, Month: time.May, Day: 4}, r.Date)
	assert.Equal(t, tour.Clock(8*time.Hour+30*time.Minute), r.StartTime)
	assert.InDelta(t, 9, r.Hours, 0)
	assert.Equal(t, 1, r.Days)
	assert.Equal(t, "drive", r.Mode)
	require.NotNil(t, r.Break)
	assert.Equal(t, tour.Break{Minutes: 45, From: tour.Clock(12 * time.Hour), To: tour.Clock(13 * time.Hour)}, *r.Break)

	out, err := json.Marshal(r)
	require.NoError(t, err)
	back, err := decodeStrict(t, string(out))
	require.NoError(t, err)
	assert.Equal(t, r.Sites, back.Sites)
	assert.Equal(t, r.Start, back.Start)
	assert.Equal(t, r.End, back.End)
	assert.Equal(t, r.Date, back.Date)
	assert.Equal(t, r.StartTime, back.StartTime)
	assert.Equal(t, r.Break, back.Break)

	// The theme form, with defaults left out.
	r, err = decodeStrict(t, `{"theme": "jin-culture"}`)
	require.NoError(t, err)
	assert.Equal(t, "jin-culture", r.Theme)
	assert.True(t, r.Start.IsZero())
	assert.True(t, r.Date.IsZero())
}

func TestRequestJSONErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown field", `{"theme": "x", "colour": 1}`, "colour"},
		{"impossible date", `{"date": "2027-02-30"}`, "2027-02-30"},
		{"date format", `{"date": "4 May 2027"}`, "4 May 2027"},
		{"bad time", `{"start_time": "8:30"}`, "8:30"},
		{"time past midnight", `{"start_time": "24:30"}`, "24:30"},
		{"endpoint object", `{"start": {"id": "x"}}`, "endpoint"},
		{"endpoint three numbers", `{"start": [1, 2, 3]}`, "3 numbers"},
		{"endpoint strings", `{"end": ["a", "b"]}`, "endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeStrict(t, tt.body)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want tour.Date
		ok   bool
	}{
		{"2027-05-04", tour.Date{Year: 2027, Month: time.May, Day: 4}, true},
		{"2028-02-29", tour.Date{Year: 2028, Month: time.February, Day: 29}, true},
		{"2027-02-29", tour.Date{}, false},
		{"2027-02-30", tour.Date{}, false},
		{"2027-13-01", tour.Date{}, false},
		{"2027-5-4", tour.Date{}, false},
		{"0000-01-01", tour.Date{}, false},
		{"", tour.Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := tour.ParseDate(tt.in)
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, d)
			assert.Equal(t, tt.in, d.String())
			assert.True(t, d.Valid())
		})
	}
	assert.False(t, tour.Date{Year: 2027, Month: time.April, Day: 31}.Valid())
	assert.Equal(t, tour.Date{Year: 2028, Month: time.March, Day: 1}, tour.Date{Year: 2028, Month: time.February, Day: 28}.AddDays(2))
	cst := time.FixedZone("CST", 8*3600)
	at := tour.Date{Year: 2027, Month: time.May, Day: 4}.At(tour.Clock(8*time.Hour+30*time.Minute), cst)
	assert.Equal(t, time.Date(2027, 5, 4, 8, 30, 0, 0, cst), at)
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"08:30", 8*time.Hour + 30*time.Minute, true},
		{"00:00", 0, true},
		{"24:00", 24 * time.Hour, true},
		{"23:59", 23*time.Hour + 59*time.Minute, true},
		{"24:01", 0, false},
		{"8:30", 0, false},
		{"08:60", 0, false},
		{"08-30", 0, false},
		{"-1:00", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := tour.ParseClock(tt.in)
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tour.Clock(tt.want), c)
			assert.Equal(t, tt.in, c.String())
		})
	}
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
}
