package export

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/route"
)

var svgDir = flag.String("svgdir", "", "write the test maps as SVG files into this directory, to look at them")

func TestWriteSampleSVGs(t *testing.T) {
	if *svgDir == "" {
		t.Skip("no -svgdir given")
	}
	for name, p := range map[string]*route.Plan{
		"jin":   buildPlan(t, jinDay(t), jinSkipped()),
		"three": buildPlan(t, threeDays(t), nil),
	} {
		writeSamples(t, name, p)
	}
}

func writeSamples(t *testing.T, name string, p *route.Plan) {
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		require.NoError(t, SVG(&b, p, Catalog(catalog(t)), Lang(lang)))
		require.NoError(t, os.WriteFile(filepath.Join(*svgDir, name+"-"+lang+".svg"), b.Bytes(), 0o644))
		m := testLayout(t, p, Catalog(catalog(t)), Lang(lang))
		writeDebugSVG(t, m, filepath.Join(*svgDir, name+"-"+lang+"-debug.svg"))
	}
}

// writeDebugSVG writes m with its label boxes and obstacles outlined.
func writeDebugSVG(t *testing.T, m *mapLayout, path string) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	require.NoError(t, m.write(w, &Map{l: m}))
	require.NoError(t, w.Flush())
	s := strings.TrimSuffix(b.String(), "</svg>\n")
	var extra strings.Builder
	for _, l := range m.labels {
		if l.placed {
			fmt.Fprintf(&extra, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#00AA00" stroke-width="0.6"/>`, f(l.box.x0), f(l.box.y0), f(l.box.w()), f(l.box.h()))
		}
	}
	r := m.north
	fmt.Fprintf(&extra, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#0000FF" stroke-width="0.6"/>`, f(r.x0), f(r.y0), f(r.w()), f(r.h()))
	for _, g := range m.grid {
		r := g.box
		fmt.Fprintf(&extra, `<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#0000FF" stroke-width="0.6"/>`, f(r.x0), f(r.y0), f(r.w()), f(r.h()))
	}
	require.NoError(t, os.WriteFile(path, []byte(s+extra.String()+"</svg>\n"), 0o644))
}
