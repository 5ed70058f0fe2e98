package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bad usage of every command: a one-line error on stderr naming the
// problem, nothing on stdout, exit status 2.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown command", []string{"tour"}, `unknown command "tour"`},

		{"sites unknown flag", []string{"sites", "-colour"}, "flag provided but not defined: -colour"},
		{"sites bad format", []string{"sites", "-format", "xls"}, `invalid value "xls" for flag -format: want one of table, geojson, csv`},
		{"sites bad datum", []string{"sites", "-datum", "wgs72"}, "want wgs84, gcj02 or bd09"},
		{"sites extra argument", []string{"sites", "temples"}, `unexpected argument "temples"`},
		{"sites unknown kind", []string{"sites", "-kind", "castle"}, `-kind "castle": not a kind`},
		{"sites unknown theme", []string{"sites", "-theme", "castles"}, `-theme "castles": no site of the catalog carries it`},
		{"sites bad near", []string{"sites", "-near", "35.5"}, "want lon,lat"},
		{"sites near off the globe", []string{"sites", "-near", "200,35"}, "lon must lie in [-180, 180]"},
		{"sites radius without near", []string{"sites", "-radius", "100"}, "-radius needs -near"},
		{"sites negative radius", []string{"sites", "-near", "111.5,35.5", "-radius", "-1"}, "-radius -1"},
		{"sites bad radius", []string{"sites", "-near", "111.5,35.5", "-radius", "far"}, `invalid value "far" for flag -radius`},
		{"sites missing data file", []string{"sites", "-data", "/no/such/catalog.geojson"}, "no such file"},
		{"sites merge without data", []string{"sites", "-merge"}, "-merge needs at least one -data file"},

		{"plan unknown flag", []string{"plan", "-budget", "3"}, "flag provided but not defined: -budget"},
		{"plan extra argument", []string{"plan", "jiangxian/wenmiao"}, `unexpected argument "jiangxian/wenmiao"`},
		{"plan bad format", []string{"plan", "-format", "pdf"}, `invalid value "pdf" for flag -format`},
		{"plan bad lang", []string{"plan", "-lang", "fr"}, `invalid value "fr" for flag -lang: want one of zh, en, both`},
		{"plan sites and theme", []string{"plan", "-sites", "jiangxian/wenmiao", "-theme", "jin-culture"}, "-sites and -theme are exclusive"},
		{"plan unknown site", []string{"plan", "-date", "2027-05-04", "-sites", "jiangxian/no-such-site"}, "jiangxian/no-such-site"},
		{"plan anchor as a site", []string{"plan", "-date", "2027-05-04", "-sites", "anchor/houma-station"}, "sites[0]"},
		{"plan unknown theme", []string{"plan", "-date", "2027-05-04", "-theme", "castles"}, "castles"},
		{"plan impossible date", []string{"plan", "-date", "2027-02-30"}, "-date"},
		{"plan bad start time", []string{"plan", "-start-time", "25:00"}, "-start-time"},
		{"plan midnight start", []string{"plan", "-start-time", "00:00"}, "cannot start at midnight"},
		{"plan hours", []string{"plan", "-hours", "30"}, "-hours 30: want at least a minute and at most 24 hours"},
		{"plan hours under a minute", []string{"plan", "-hours", "0.001"}, "-hours 0.001: want at least a minute"},
		{"plan days", []string{"plan", "-days", "15"}, "-days 15: want 1 to 14"},
		{"plan mode", []string{"plan", "-mode", "fly"}, `-mode "fly"`},
		{"plan bad start", []string{"plan", "-start", "Jiang County"}, `-start "Jiang County": not a site ID or lon,lat`},
		{"plan bad end point", []string{"plan", "-end", "111.5,95"}, "-end"},
		{"plan bad hotel", []string{"plan", "-days", "2", "-hotels", "111.5"}, "-hotels item 1"},
		{"plan hotels without days", []string{"plan", "-date", "2027-05-04", "-hotels", "anchor/houma-station"}, "hotels"},
		{"plan bad break", []string{"plan", "-break", "lunch"}, "-break"},
		{"plan negative time", []string{"plan", "-time", "-2s"}, "-time -2s"},
		{"plan start far away", []string{"plan", "-date", "2027-05-04", "-start", "116.39,39.9", "-mode", "walk"}, ""},

		{"lines unknown flag", []string{"lines", "-county", "jiangxian"}, "flag provided but not defined: -county"},
		{"lines extra argument", []string{"lines", "jin-culture"}, `unexpected argument "jin-culture"`},
		{"lines bad format", []string{"lines", "-format", "xml"}, `invalid value "xml" for flag -format: want one of text, json`},
		{"lines negative story", []string{"lines", "-story", "-0.5"}, "-story -0.5: want a ratio of 0 or more"},
		{"lines bad story", []string{"lines", "-story", "much"}, `invalid value "much" for flag -story`},
		{"lines unknown theme", []string{"lines", "-theme", "castles"}, `-theme "castles"`},
		{"lines mode", []string{"lines", "-mode", "fly"}, `-mode "fly"`},

		{"serve unknown flag", []string{"serve", "-port", "80"}, "flag provided but not defined: -port"},
		{"serve extra argument", []string{"serve", "127.0.0.1:8080"}, `unexpected argument "127.0.0.1:8080"`},
		{"serve bad addr", []string{"serve", "-addr", "localhost"}, `-addr "localhost": want host:port`},
		{"serve plan timeout", []string{"serve", "-plan-timeout", "0s"}, "-plan-timeout 0s"},
		{"serve bad duration", []string{"serve", "-shutdown-timeout", "soon"}, `invalid value "soon" for flag -shutdown-timeout`},
		{"serve max stops", []string{"serve", "-max-stops", "0"}, "-max-stops 0"},
		{"serve write timeout", []string{"serve", "-plan-timeout", "10s", "-write-timeout", "10s"}, "-write-timeout 10s: want more than -plan-timeout 10s"},
		{"serve header timeout", []string{"serve", "-read-header-timeout", "-1s"}, "-read-header-timeout -1s: want a positive duration"},
		{"serve idle timeout", []string{"serve", "-idle-timeout", "0s"}, "-idle-timeout 0s"},
		{"serve header bytes", []string{"serve", "-max-header-bytes", "100"}, "-max-header-bytes 100: want 1024 or more"},
		{"serve queued plans", []string{"serve", "-max-queued-plans", "-1"}, "-max-queued-plans -1"},
		{"serve log format", []string{"serve", "-log-format", "xml"}, `invalid value "xml" for flag -log-format: want one of text, json`},
		{"serve log level", []string{"serve", "-log-level", "loud"}, `invalid value "loud" for flag -log-level`},

		{"solve unknown flag", []string{"solve", "-speed", "3"}, "flag provided but not defined: -speed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, code, errs)
			assert.Empty(t, out)
			assert.Contains(t, errs, tc.msg)
			assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
			assert.NotContains(t, errs, "usage:", "no usage dump on errors")
		})
	}
}

func TestHelpEachCommand(t *testing.T) {
	for name := range commands() {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", name, "-h")
			require.Equal(t, 0, code)
			assert.Empty(t, out)
			assert.True(t, strings.HasPrefix(errs, "usage: chuanzhu "+name+" "), errs)
			assert.Contains(t, errs, "flags:")
		})
	}
	code, _, errs := runCLI(t, "", "-h")
	assert.Equal(t, 0, code)
	for name := range commands() {
		assert.Contains(t, errs, "  "+name+" ")
	}
}
