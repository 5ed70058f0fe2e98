package heritage

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestEventOn(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, cst) }
	tests := []struct {
		name string
		e    Event
		on   []time.Time
		off  []time.Time
	}{
		// Published dates: Spring Festival 2025 on 29 January, 2026 on 17
		// February; Mid-Autumn 2025 on 6 October; the sixth month of 2025
		// begins on 25 June and is followed by a leap sixth month from 25
		// July.
		{"spring festival, 3 days", Event{Lunar: "1-1", Days: 3},
			[]time.Time{day(2025, 1, 29), day(2025, 1, 31), day(2026, 2, 17)},
			[]time.Time{day(2025, 1, 28), day(2025, 2, 1), day(2026, 1, 29)}},
		{"mid-autumn", Event{Lunar: "8-15"}, []time.Time{day(2025, 10, 6)}, []time.Time{day(2025, 10, 5), day(2025, 10, 7)}},
		{"not in the leap month", Event{Lunar: "6-15"}, []time.Time{day(2025, 7, 9)}, []time.Time{day(2025, 8, 8)}},
		{"gregorian over the new year", Event{Date: "12-31", Days: 2},
			[]time.Time{day(2026, 12, 31), day(2027, 1, 1)}, []time.Time{day(2027, 1, 2), day(2026, 12, 30)}},
		{"29 February", Event{Date: "02-29"}, []time.Time{day(2028, 2, 29)}, []time.Time{day(2027, 3, 1), day(2027, 2, 28)}},
		{"malformed is never held", Event{Lunar: "13-1"}, nil, []time.Time{day(2025, 1, 1)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range tc.on {
				assert.True(t, tc.e.On(d), d.Format(time.DateOnly))
			}
			for _, d := range tc.off {
				assert.False(t, tc.e.On(d), d.Format(time.DateOnly))
			}
		})
	}
	// The calendar day is t's own: 01:00 on 7 October in Beijing is still
	// 6 October in UTC.
	early := time.Date(2025, 10, 7, 1, 0, 0, 0, cst)
	assert.False(t, Event{Lunar: "8-15"}.On(early))
	assert.True(t, Event{Lunar: "8-15"}.On(early.UTC()))

	museum, _ := loadVisitorExample(t).Get("example/museum")
	assert.Equal(t, []Event{museum.Events[1]}, museum.EventsOn(day(2027, 5, 18)))
	assert.Nil(t, museum.EventsOn(day(2027, 5, 19)))
}
