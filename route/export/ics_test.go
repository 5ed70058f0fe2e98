package export

import (
	"bufio"
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route"
)

// TestICSParses writes plans as iCalendar and reads them back with an
// independent parser (github.com/emersion/go-ical): one event per visit
// at the visit's times, with its place, GEO in WGS-84 and a unique UID.
func TestICSParses(t *testing.T) {
	stamp := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		plan *route.Plan
		opts []Option
	}{
		{"jin-zh", buildPlan(t, jinDay(t), jinSkipped()), []Option{Catalog(catalog(t))}},
		{"jin-en-gcj02", buildPlan(t, jinDay(t), nil), []Option{Catalog(catalog(t)), Lang("en"), Datum(geo.GCJ02)}},
		{"three-days", threeDaysByBus(t), []Option{Catalog(catalog(t)), Title("Three; days, in \\ Jin")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, icsAt(&b, tc.plan, stamp, tc.opts...))
			cal, err := ical.NewDecoder(bytes.NewReader(b.Bytes())).Decode()
			require.NoError(t, err)
			assert.Equal(t, "2.0", cal.Props.Get(ical.PropVersion).Value)
			events := cal.Events()
			var visits []route.Visit
			for _, d := range tc.plan.Days {
				visits = append(visits, d.Visits...)
			}
			require.Len(t, events, len(visits))
			uids := map[string]bool{}
			for i, ev := range events {
				v := visits[i]
				uid, err := ev.Props.Text(ical.PropUID)
				require.NoError(t, err)
				assert.False(t, uids[uid], "UID %s is unique", uid)
				uids[uid] = true
				start, err := ev.DateTimeStart(time.UTC)
				require.NoError(t, err)
				end, err := ev.DateTimeEnd(time.UTC)
				require.NoError(t, err)
				assert.True(t, start.Equal(v.Start.Truncate(time.Second)), "DTSTART %v, visit starts %v", start, v.Start)
				assert.True(t, end.Equal(v.Departure.Truncate(time.Second)), "DTEND %v, visit ends %v", end, v.Departure)
				stampGot, err := ev.Props.DateTime(ical.PropDateTimeStamp, time.UTC)
				require.NoError(t, err)
				assert.True(t, stampGot.Equal(stamp))
				geoProp := ev.Props.Get(ical.PropGeo)
				require.NotNil(t, geoProp)
				latLon := strings.Split(geoProp.Value, ";")
				require.Len(t, latLon, 2, geoProp.Value)
				lat, err1 := strconv.ParseFloat(latLon[0], 64)
				lon, err2 := strconv.ParseFloat(latLon[1], 64)
				require.NoError(t, errors.Join(err1, err2))
				want := v.Stop.Place.Location
				assert.InDelta(t, want[1], lat, 1e-6, "GEO is latitude;longitude in WGS-84")
				assert.InDelta(t, want[0], lon, 1e-6, "GEO is latitude;longitude in WGS-84")
				summary, err := ev.Props.Text(ical.PropSummary)
				require.NoError(t, err)
				assert.True(t, strings.HasPrefix(summary, strconv.Itoa(i+1)+". "), summary)
				loc, err := ev.Props.Text(ical.PropLocation)
				require.NoError(t, err)
				assert.NotEmpty(t, loc)
				// A site whose hours are not confirmed says so: the event's
				// times are the plan's guess.
				desc, err := ev.Props.Text(ical.PropDescription)
				require.NoError(t, err)
				o, err := newOptions(tc.opts)
				require.NoError(t, err)
				site, ok := o.site(v.Stop.ID)
				require.True(t, ok, v.Stop.ID)
				notice := lexicon{Lang: phrase.Lang(o.lang)}.hoursNotice(site)
				if hoursConfirmed(site) {
					assert.NotContains(t, desc, lexicon{Lang: phrase.Lang(o.lang)}.Pick("开放时间未经证实", "Opening hours not confirmed"))
				} else {
					assert.Contains(t, desc, notice)
				}
			}
			name, err := cal.Props.Text("X-WR-CALNAME")
			require.NoError(t, err)
			assert.NotEmpty(t, name)
			if tc.name == "three-days" {
				assert.Equal(t, "Three; days, in \\ Jin", name, "escaped text reads back")
			}
		})
	}
}

// TestICSLines checks the content lines themselves: CRLF endings, no line
// over 75 octets, folds that never split a UTF-8 character, and escaping.
func TestICSLines(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, ICS(&b, buildPlan(t, jinDay(t), jinSkipped()), Catalog(catalog(t))))
	out := b.String()
	require.True(t, strings.HasSuffix(out, "END:VCALENDAR\r\n"))
	assert.NotContains(t, strings.ReplaceAll(out, "\r\n", ""), "\n", "every line ends in CRLF")
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folded := 0
	for _, l := range lines {
		assert.LessOrEqual(t, len(l), 75, "line %q", l)
		assert.True(t, utf8.ValidString(l), "a fold splits a character: %q", l)
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	assert.Positive(t, folded, "the Chinese notes are long enough to fold")
	assert.Equal(t, strings.Count(out, "BEGIN:VEVENT"), 7)

	tests := []struct{ in, want string }{
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"line\nnext", `line\nnext`},
		{"tab\there\x00", "tabhere"},
		{"晋文公墓", "晋文公墓"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, icsText(tc.in), "%q", tc.in)
	}
}

// TestICSFold writes one long value and checks that unfolding gives it
// back.
func TestICSFold(t *testing.T) {
	for _, value := range []string{strings.Repeat("x", 200), strings.Repeat("晋", 80), "a" + strings.Repeat("晋", 40), ""} {
		var b bytes.Buffer
		cw := &contentWriter{w: bufio.NewWriter(&b)}
		cw.line("DESCRIPTION", value)
		require.NoError(t, cw.w.Flush())
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
			assert.LessOrEqual(t, len(l), 75)
			assert.True(t, utf8.ValidString(l))
		}
		unfolded := strings.ReplaceAll(strings.TrimSuffix(b.String(), "\r\n"), "\r\n ", "")
		assert.Equal(t, "DESCRIPTION:"+value, unfolded)
	}
}

func TestICSUndated(t *testing.T) {
	var b bytes.Buffer
	err := ICS(&b, buildPlan(t, openDay(), nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs a plan with dates")
	require.Error(t, ICS(&b, nil))
}
