package heritage

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York for the daylight-saving case

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// day returns midnight of y-m-d in Beijing time, and checks the weekday the
// test author worked out by hand.
func day(t *testing.T, y int, m time.Month, d int, wd time.Weekday) time.Time {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	date := time.Date(y, m, d, 0, 0, 0, 0, cst)
	require.Equal(t, wd, date.Weekday(), "hand-worked weekday of %s", date.Format(time.DateOnly))
	return date
}

// hm is a time of day "HH:MM" on date, or the next midnight for "24:00".
func hm(date time.Time, s string) time.Time {
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	y, mo, d := date.Date()
	return time.Date(y, mo, d, h, m, 0, 0, date.Location())
}

func TestOpeningHoursOn(t *testing.T) {
	mon := day(t, 2025, time.January, 6, time.Monday)
	tue := day(t, 2025, time.January, 7, time.Tuesday)
	wed := day(t, 2025, time.January, 8, time.Wednesday)
	sat := day(t, 2025, time.January, 11, time.Saturday)
	sun := day(t, 2025, time.January, 12, time.Sunday)
	julMon := day(t, 2025, time.July, 7, time.Monday)
	julTue := day(t, 2025, time.July, 8, time.Tuesday)
	mar31 := day(t, 2025, time.March, 31, time.Monday)
	apr1 := day(t, 2025, time.April, 1, time.Tuesday)
	oct31 := day(t, 2025, time.October, 31, time.Friday)
	nov1 := day(t, 2025, time.November, 1, time.Saturday)

	type want struct {
		date  time.Time
		spans []string // "HH:MM-HH:MM", nil when closed
	}
	tests := []struct {
		name  string
		hours string
		want  []want
	}{
		{"always", "24/7", []want{{mon, []string{"00:00-24:00"}}, {sun, []string{"00:00-24:00"}}}},
		{"weekdays", "Mo-Fr 09:00-17:00", []want{{mon, []string{"09:00-17:00"}}, {sat, nil}, {sun, nil}}},
		{"two ranges, closed Monday", "Tu-Su 09:00-12:00,14:00-17:00", []want{
			{mon, nil}, {tue, []string{"09:00-12:00", "14:00-17:00"}}, {sun, []string{"09:00-12:00", "14:00-17:00"}}}},
		{"weekend list", "Sa,Su 10:00-16:00", []want{{sun, []string{"10:00-16:00"}}, {wed, nil}}},
		{"later rule closes Monday", "Mo-Su 09:00-17:00; Mo off", []want{{mon, nil}, {tue, []string{"09:00-17:00"}}}},
		{"closed is off", "Mo-Su 09:00-17:00; Mo closed", []want{{mon, nil}, {tue, []string{"09:00-17:00"}}}},
		{"seasons", "Apr-Oct 08:00-18:00; Nov-Mar 08:30-17:00", []want{
			{julMon, []string{"08:00-18:00"}}, {mon, []string{"08:30-17:00"}},
			{mar31, []string{"08:30-17:00"}}, {apr1, []string{"08:00-18:00"}},
			{oct31, []string{"08:00-18:00"}}, {nov1, []string{"08:30-17:00"}}}},
		{"later rule replaces, not adds", "Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00", []want{{mon, []string{"14:00-18:00"}}}},
		{"days without times are open all day", "Mo-Fr", []want{{mon, []string{"00:00-24:00"}}, {sat, nil}}},
		{"off alone", "off", []want{{mon, nil}, {sun, nil}}},
		{"Sunday and holidays off", "Mo-Su 09:00-17:00; Su,PH off", []want{{sun, nil}, {mon, []string{"09:00-17:00"}}}},
		{"PH is not evaluated", "Mo-Su 09:00-17:00; PH off", []want{{sun, []string{"09:00-17:00"}}, {mon, []string{"09:00-17:00"}}}},
		{"weekday range wraps", "Fr-Mo 10:00-14:00", []want{{sun, []string{"10:00-14:00"}}, {mon, []string{"10:00-14:00"}}, {wed, nil}}},
		{"overlapping ranges merge", "09:00-12:00,11:00-13:00,13:00-14:00", []want{{wed, []string{"09:00-14:00"}}}},
		{"unsorted ranges sort", "14:00-17:00,09:00-12:00", []want{{wed, []string{"09:00-12:00", "14:00-17:00"}}}},
		{"until midnight", "Sa 10:00-24:00", []want{{sat, []string{"10:00-24:00"}}}},
		{"months and weekdays", "Apr-Oct Tu-Su 09:00-17:00", []want{{julMon, nil}, {julTue, []string{"09:00-17:00"}}, {tue, nil}}},
		{"month list", "Jan,Jul-Aug 10:00-11:00", []want{{mon, []string{"10:00-11:00"}}, {julMon, []string{"10:00-11:00"}}, {apr1, nil}}},
		{"explicit open", "Mo-Fr 09:00-17:00 open", []want{{mon, []string{"09:00-17:00"}}}},
		{"spaces", "  Sa , Su   10:00 - 16:00 ;Mo off ", []want{{sun, []string{"10:00-16:00"}}, {mon, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseOpeningHours(tt.hours)
			require.NoError(t, err)
			assert.Equal(t, tt.hours, h.String())
			for _, w := range tt.want {
				var exp []Interval
				for _, s := range w.spans {
					exp = append(exp, Interval{hm(w.date, s[:5]), hm(w.date, s[6:])})
				}
				got := h.On(w.date)
				assert.Equal(t, exp, got, "On(%s %s)", w.date.Weekday(), w.date.Format(time.DateOnly))
				// The time of day of the argument does not matter.
				assert.Equal(t, exp, h.On(w.date.Add(15*time.Hour+30*time.Minute)))
			}
		})
	}
}

func TestOpeningHoursLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	h, err := ParseOpeningHours("24/7")
	require.NoError(t, err)
	// 9 March 2025: clocks in New York go forward at 02:00, the day has 23 hours.
	iv := h.On(time.Date(2025, time.March, 9, 12, 0, 0, 0, ny))
	require.Len(t, iv, 1)
	assert.Equal(t, 23*time.Hour, iv[0].Duration())
	assert.Equal(t, ny, iv[0].Start.Location())

	h, err = ParseOpeningHours("08:00-18:00")
	require.NoError(t, err)
	date := time.Date(2025, time.June, 1, 23, 59, 0, 0, time.UTC)
	iv = h.On(date)
	require.Len(t, iv, 1)
	assert.Equal(t, time.Date(2025, time.June, 1, 8, 0, 0, 0, time.UTC), iv[0].Start)
	assert.Equal(t, 10*time.Hour, iv[0].Duration())
}

func TestOpeningHoursOpen(t *testing.T) {
	h, err := ParseOpeningHours("Mo-Fr 09:00-12:00,14:00-17:00")
	require.NoError(t, err)
	mon := day(t, 2025, time.January, 6, time.Monday)
	tests := []struct {
		at   string
		open bool
	}{
		{"08:59", false}, {"09:00", true}, {"11:59", true}, {"12:00", false},
		{"13:00", false}, {"14:00", true}, {"16:59", true}, {"17:00", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.open, h.Open(hm(mon, tt.at)), tt.at)
	}
	assert.False(t, h.Open(hm(mon.AddDate(0, 0, 5), "10:00")), "Saturday")
	var zero OpeningHours
	assert.Nil(t, zero.On(mon))
	assert.False(t, zero.Open(mon))
}

func TestParseOpeningHoursErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		reason string
	}{
		{"", 0, "empty value"},
		{"   ", 0, "empty value"},
		{"Mo-Fx 09:00-17:00", 3, `expected a weekday after '-', found "Fx"`},
		{"Mo-Fr 9:00-17:00", 6, `"9:00" is not a time HH:MM`},
		{"Mo-Fr 09:00-25:00", 12, "out of range"},
		{"Mo-Fr 09:60-17:00", 6, "out of range"},
		{"Mo-Fr 24:00-24:00", 6, "opening time 24:00 is not before 24:00"},
		{"Mo-Fr 17:00-09:00", 12, "past midnight are not supported"},
		{"Mo-Fr 09:00-09:00", 12, "is not after opening time"},
		{"Mo-Fr 09:00-17:00, Sa 10:00-12:00", 17, "separate rules with ';'"},
		{"Mo-Fr 09:00-17:00 off", 18, `"off" cannot follow time ranges`},
		{"24/7 Mo", 5, "24/7 must be a rule on its own"},
		{"Mo 24/7", 3, "24/7 must be a rule on its own"},
		{"Mo-Fr 09:00-17:00;", 18, "empty rule after ';'"},
		{"Mo 10:00-12:00; ; Tu", 16, "empty rule"},
		{";Mo", 0, "empty rule"},
		{"sunrise-sunset", 0, `unsupported word "sunrise"`},
		{"mo-fr 09:00-17:00", 0, `unsupported word "mo"`},
		{"Mo-Fr 09:00-17:00 || closed", 18, `unexpected character '|'`},
		{"Mo-Fr 09:00+", 11, `unexpected character '+'`},
		{"09:00-17:00 Mo", 12, `weekday "Mo" must come before times`},
		{"Mo-Fr 09:00-17:00 Apr", 18, `month "Apr" must come before`},
		{"Dec 25 off", 4, "dates and week numbers are not supported"},
		{"Mo-", 3, "expected a weekday after '-', found the end"},
		{"Apr-", 4, "expected a month after '-', found the end"},
		{"Mo 10:00", 8, "expected '-' after the opening time, found the end"},
		{"Mo 10:00-", 9, "expected a closing time HH:MM, found the end"},
		{"Mo,", 3, "expected a weekday such as Mo or PH, found the end"},
		{"Mo off off", 7, `"off" may appear once`},
		{"Mo-Fr 09:00-17:00 # comment", 18, "unexpected character '#'"},
		{"Mo 09:00-12:00 绛", 15, "unexpected character '绛'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, err := ParseOpeningHours(tt.in)
			require.Error(t, err)
			assert.Equal(t, OpeningHours{}, h)
			assert.True(t, errors.Is(err, ErrOpeningHours))
			var he *OpeningHoursError
			require.ErrorAs(t, err, &he)
			assert.Equal(t, tt.in, he.Text)
			assert.Equal(t, tt.offset, he.Offset, he.Reason)
			assert.Contains(t, he.Reason, tt.reason)
			assert.Contains(t, err.Error(), "offset")
		})
	}
}

func FuzzParseOpeningHours(f *testing.F) {
	for _, s := range []string{"24/7", "Mo-Fr 09:00-17:00", "Apr-Oct Tu-Su 08:00-18:00; Nov-Mar 08:30-17:00; PH off"} {
		f.Add(s)
	}
	// Dates around the year, all weekdays, in two locations.
	var dates []time.Time
	for d := 0; d < 14; d++ {
		dates = append(dates, time.Date(2025, time.Month(1+d%12), 1+2*d, 7, 0, 0, 0, time.UTC))
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseOpeningHours(s)
		if err != nil {
			var he *OpeningHoursError
			if !errors.As(err, &he) || he.Offset < 0 || he.Offset > len(s) {
				t.Fatalf("error %v: want an *OpeningHoursError with an offset in [0, %d]", err, len(s))
			}
			return
		}
		if h.String() != s {
			t.Fatalf("String() = %q, want %q", h.String(), s)
		}
		for _, date := range dates {
			y, m, d := date.Date()
			start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			end := start.AddDate(0, 0, 1)
			prev := start
			for i, iv := range h.On(date) {
				if !iv.Start.Before(iv.End) || iv.Start.Before(prev) || (i > 0 && !iv.Start.After(prev)) || iv.End.After(end) {
					t.Fatalf("On(%v) = %v: intervals must be non-empty, ordered, disjoint and inside the day", date, h.On(date))
				}
				prev = iv.End
			}
		}
	})
}
