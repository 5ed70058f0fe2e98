package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

// embedPageParts is what the tests read from an embed page.
type embedPageParts struct {
	html  string
	csp   string
	nonce string
	svg   string
	data  embedData
}

var (
	nonceRE = regexp.MustCompile(`script-src 'nonce-([A-Za-z0-9_-]+)'`)
	scripts = regexp.MustCompile(`<script([^>]*)>`)
	imageRE = regexp.MustCompile(`<image href="([^"]+)" x="([-0-9.]+)" y="([-0-9.]+)" width="([-0-9.]+)" height="([-0-9.]+)"`)
)

func getEmbedPage(t *testing.T, h http.Handler, query string) embedPageParts {
	t.Helper()
	w := call(t, h, http.MethodGet, "/embed?"+query, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	p := embedPageParts{html: w.Body.String(), csp: w.Header().Get("Content-Security-Policy")}
	m := nonceRE.FindStringSubmatch(p.csp)
	require.NotNil(t, m, "CSP %q has a script nonce", p.csp)
	p.nonce = m[1]
	start := strings.Index(p.html, `<svg`)
	end := strings.Index(p.html, `</svg>`)
	require.True(t, start >= 0 && end > start)
	p.svg = p.html[start : end+len(`</svg>`)]
	ds := strings.Index(p.html, `id="chuanzhu-data"`)
	require.GreaterOrEqual(t, ds, 0)
	body := p.html[strings.Index(p.html[ds:], ">")+ds+1:]
	body = body[:strings.Index(body, "</script>")]
	require.NoError(t, json.Unmarshal([]byte(body), &p.data), "data block: %.200s", body)
	return p
}

// checkSelfContained checks what the CSP promises: every script carries
// the nonce, nothing is loaded from elsewhere.
func checkSelfContained(t *testing.T, p embedPageParts) {
	t.Helper()
	assert.Contains(t, p.csp, "default-src 'none'")
	assert.Contains(t, p.csp, "style-src 'nonce-"+p.nonce+"'")
	tags := scripts.FindAllStringSubmatch(p.html, -1)
	require.Len(t, tags, 2, "the data block and the script")
	for _, tag := range tags {
		assert.Contains(t, tag[1], `nonce="`+p.nonce+`"`)
		assert.NotContains(t, tag[1], "src=")
	}
	assert.NotContains(t, p.html, "<link")
	assert.NotContains(t, p.html, "@import")
	assert.NotContains(t, p.html, "url(http")
	assert.NotContains(t, p.html, "<?xml", "the XML declaration is dropped inside HTML")
	assert.Contains(t, p.html, `<style nonce="`+p.nonce+`">`)
}

func stopMarkers(svg string) int { return strings.Count(svg, `data-role="stop"`) }

func TestEmbedLine(t *testing.T) {
	cat := heritage.Default()
	lines, err := tour.Lines(context.Background(), cat)
	require.NoError(t, err)
	h := defaultHandler()
	addresses := 0
	for _, l := range lines {
		t.Run(l.ID, func(t *testing.T) {
			p := getEmbedPage(t, h, "line="+url.QueryEscape(l.ID))
			checkSelfContained(t, p)
			assert.Equal(t, len(l.Sites), stopMarkers(p.svg), "every stop of the line is on the map")
			assert.Equal(t, len(l.Sites), p.data.Visits)
			assert.Equal(t, l.Name.Zh, p.data.Title)
			assert.Contains(t, p.html, "<title>"+l.Name.Zh+"</title>")
			for _, s := range l.Sites {
				assert.Contains(t, p.svg, `data-id="`+s.ID+`"`)
			}
			for _, s := range p.data.Stops {
				if s.Role == "stop" {
					assert.NotEmpty(t, s.Note, "%s has a note for the tooltip", s.ID)
					site, ok := cat.Get(s.ID)
					require.True(t, ok, s.ID)
					if site.Address != nil {
						addresses++
						assert.Equal(t, site.Address.Zh, s.Address, "%s: its sourced address, for finding it", s.ID)
					} else {
						assert.Empty(t, s.Address, s.ID)
					}
				}
			}
			assert.NotContains(t, p.csp, "img-src", "no tiles, no images")
		})
	}
	assert.Positive(t, addresses, "some line visits a site with an address")
}

func TestEmbedSites(t *testing.T) {
	h := defaultHandler()
	p := getEmbedPage(t, h, "sites="+strings.Join(tenSites(), ",")+"&date=2027-05-04&start=anchor/jiangxian-county-seat&mode=drive&hours=10&lang=en")
	checkSelfContained(t, p)
	assert.Equal(t, "en", p.data.Lang)
	assert.Contains(t, p.html, `<html lang="en">`)
	assert.Equal(t, p.data.Visits, stopMarkers(p.svg))
	assert.Greater(t, p.data.Visits, 5)
	var starts int
	arrivals := planArrivals(t, p)
	assert.Len(t, arrivals, p.data.Visits)
	for _, a := range arrivals {
		assert.Regexp(t, `^2027-05-04T\d\d:\d\d`, a)
	}
	for _, s := range p.data.Stops {
		if s.Role == "stop" {
			assert.Contains(t, tenSites(), s.ID)
		}
		if s.Role == "start" {
			starts++
			assert.Equal(t, "anchor/jiangxian-county-seat", s.ID)
			assert.Equal(t, "Jiang County seat (Gujiang town)", s.Name)
		}
	}
	assert.Equal(t, 1, starts)
	require.NotNil(t, p.data.Text)
	require.NotEmpty(t, p.data.Text.Days)
	for _, v := range p.data.Text.Days[0].Visits {
		assert.Regexp(t, `^(Wait \d+ min · )?Visit \d`, v.Facts, "the visit's facts in the page's language")
		assert.Regexp(t, `^\d\d:\d\d–\d\d:\d\d$`, v.Time)
	}

	t.Run("a point start", func(t *testing.T) {
		p := getEmbedPage(t, h, "sites=jiangxian/chexiangcheng,jiangxian/taiyin-temple&start=111.6,35.5&date=2027-05-04")
		assert.Equal(t, 2, stopMarkers(p.svg))
	})
	t.Run("a line planned anew", func(t *testing.T) {
		p := getEmbedPage(t, h, "line=jin-culture/jiangxian&date=2027-05-04&hours=4")
		assert.Equal(t, p.data.Visits, stopMarkers(p.svg))
		arrivals := planArrivals(t, p)
		assert.Len(t, arrivals, p.data.Visits)
		for _, a := range arrivals {
			assert.Regexp(t, `^2027-05-04T`, a, "calendar times")
		}
	})
	t.Run("head", func(t *testing.T) {
		w := call(t, h, http.MethodHead, "/embed?line=jin-culture/jiangxian", "")
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Empty(t, w.Body.String())
	})
	t.Run("fresh nonce per answer", func(t *testing.T) {
		lines, err := h.lines()
		require.NoError(t, err)
		a := getEmbedPage(t, h, "line="+lines[0].ID)
		b := getEmbedPage(t, h, "line="+lines[0].ID)
		assert.NotEqual(t, a.nonce, b.nonce)
	})
}

func TestEmbedErrors(t *testing.T) {
	h := defaultHandler(MaxStops(3))
	tests := []struct {
		name, query string
		status      int
		code        string
	}{
		{"nothing to draw", "", 400, codeBadQuery},
		{"line and sites", "line=jin-culture/jiangxian&sites=jiangxian/chexiangcheng", 400, codeBadQuery},
		{"unknown line", "line=opera/x", 404, codeNotFound},
		{"unknown site", "sites=jiangxian/nowhere", 422, codeUnknownSite},
		{"too many sites", "sites=" + strings.Join(tenSites()[:4], ","), 422, codeTooManyStops},
		{"empty site item", "sites=jiangxian/chexiangcheng,", 400, codeBadQuery},
		{"impossible date", "line=jin-culture/jiangxian&date=2027-02-29", 400, codeBadDate},
		{"hours", "line=jin-culture/jiangxian&hours=0", 400, codeBadQuery},
		{"mode", "sites=jiangxian/chexiangcheng&mode=rocket", 400, codeBadField},
		{"start", "sites=jiangxian/chexiangcheng&start=1,2,3", 400, codeBadQuery},
		{"lang", "line=jin-culture/jiangxian&lang=fr", 400, codeBadQuery},
		{"unknown parameter", "line=jin-culture/jiangxian&zoom=3", 400, codeBadQuery},
		{"tiles without placeholders", "line=jin-culture/jiangxian&tiles=https://t.example/tile.png", 400, codeBadQuery},
		{"tiles javascript", "line=jin-culture/jiangxian&tiles=" + url.QueryEscape("javascript:alert(1)//{z}{x}{y}"), 400, codeBadQuery},
		{"tiles relative", "line=jin-culture/jiangxian&tiles=" + url.QueryEscape("/t/{z}/{x}/{y}.png"), 400, codeBadQuery},
		{"tiles wildcard host", "line=jin-culture/jiangxian&tiles=" + url.QueryEscape("https://*.example/{z}/{x}/{y}.png"), 400, codeBadQuery},
		{"tiles comma in host", "line=jin-culture/jiangxian&tiles=" + url.QueryEscape("https://a.example,b.example/{z}/{x}/{y}.png"), 400, codeBadQuery},
		{"tiles placeholder in host", "line=jin-culture/jiangxian&tiles=" + url.QueryEscape("https://{z}.example/{x}/{y}.png"), 400, codeBadQuery},
		{"tiles bd09", "line=jin-culture/jiangxian&tiles_datum=bd09&tiles=" + url.QueryEscape("https://t.example/{z}/{x}/{y}.png"), 400, codeBadQuery},
		{"tiles datum alone", "line=jin-culture/jiangxian&tiles_datum=gcj02", 400, codeBadQuery},
		{"bad subdomains", "line=jin-culture/jiangxian&tiles_subdomains=a%20b&tiles=" + url.QueryEscape("https://{s}.t.example/{z}/{x}/{y}.png"), 400, codeBadQuery},
		{"subdomains without {s}", "line=jin-culture/jiangxian&tiles_subdomains=a&tiles=" + url.QueryEscape("https://t.example/{z}/{x}/{y}.png"), 400, codeBadQuery},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, http.MethodGet, "/embed?"+tc.query, "")
			require.Equal(t, tc.status, w.Code, w.Body.String())
			// A page in a frame answers with a page, not JSON.
			assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
			assert.Contains(t, w.Body.String(), `<p class="code">`+tc.code+`</p>`)
			assert.Contains(t, w.Body.String(), `<html lang="zh">`)
			assert.Contains(t, w.Body.String(), "无法显示这条路线")
		})
	}
}

type placedTile struct {
	url       string
	z, x, y   int
	px, py    float64
	pw, ph    float64
	subdomain string
}

// pageTiles reads the tile images of a page; template is the tiles
// parameter with its placeholders as regexp groups z, x, y.
func pageTiles(t *testing.T, svg string, pattern *regexp.Regexp) []placedTile {
	t.Helper()
	var out []placedTile
	for _, m := range imageRE.FindAllStringSubmatch(svg, -1) {
		u := strings.ReplaceAll(m[1], "&amp;", "&")
		parts := pattern.FindStringSubmatch(u)
		require.NotNil(t, parts, "tile URL %s", u)
		tl := placedTile{url: u}
		tl.z, _ = strconv.Atoi(parts[pattern.SubexpIndex("z")])
		tl.x, _ = strconv.Atoi(parts[pattern.SubexpIndex("x")])
		tl.y, _ = strconv.Atoi(parts[pattern.SubexpIndex("y")])
		if i := pattern.SubexpIndex("s"); i > 0 {
			tl.subdomain = parts[i]
		}
		f := func(s string) float64 { v, err := strconv.ParseFloat(s, 64); require.NoError(t, err); return v }
		// Undo the half-pixel overlap tilesSVG adds.
		tl.px, tl.py, tl.pw, tl.ph = f(m[2])+0.25, f(m[3])+0.25, f(m[4])-0.5, f(m[5])-0.5
		out = append(out, tl)
	}
	return out
}

func TestEmbedTiles(t *testing.T) {
	h := defaultHandler()
	pattern := regexp.MustCompile(`^https://(?P<s>[a-c])\.tiles\.example:8443/map/(?P<z>\d+)/(?P<x>\d+)/(?P<y>\d+)\.png\?style=1&lang=zh$`)
	template := "https://{s}.tiles.example:8443/map/{z}/{x}/{y}.png?style=1&lang=zh"

	for _, datum := range []string{"wgs84", "gcj02"} {
		t.Run(datum, func(t *testing.T) {
			p := getEmbedPage(t, h, "line=jin-culture/jiangxian&tiles_datum="+datum+"&tiles_attribution="+url.QueryEscape("© Example & co")+
				"&tiles="+url.QueryEscape(template))
			checkSelfContained(t, p)
			assert.Contains(t, p.csp, "img-src https://a.tiles.example:8443 https://b.tiles.example:8443 https://c.tiles.example:8443")
			assert.Contains(t, p.html, "© Example &amp; co")
			assert.Less(t, strings.Index(p.svg, `<g class="tiles"`), strings.Index(p.svg, `<g class="graticule"`), "tiles under the map")
			assert.NotContains(t, p.html, `class="tile-note"`)

			tiles := pageTiles(t, p.svg, pattern)
			require.NotEmpty(t, tiles)
			assert.LessOrEqual(t, len(tiles), MaxTiles)
			subs := map[string]bool{}
			for _, tl := range tiles {
				subs[tl.subdomain] = true
				assert.Equal(t, tiles[0].z, tl.z, "one zoom")
			}
			assert.Greater(t, len(subs), 1, "tiles spread over the subdomains")

			pic := readPicture(t, []byte(p.svg))
			// The tiles cover the map frame.
			fx, fy, fw, fh := pic.frame[0], pic.frame[1], pic.frame[2], pic.frame[3]
			minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
			for _, tl := range tiles {
				minX, minY = math.Min(minX, tl.px), math.Min(minY, tl.py)
				maxX, maxY = math.Max(maxX, tl.px+tl.pw), math.Max(maxY, tl.py+tl.ph)
				// Displayed at 1–2.2 times their own 256 px size... or less when
				// the tile count bound lowered the zoom.
				assert.InDelta(t, tl.pw, tl.ph, tl.pw*0.05, "square-ish tiles in a local map")
			}
			assert.LessOrEqual(t, minX, fx)
			assert.LessOrEqual(t, minY, fy)
			assert.GreaterOrEqual(t, maxX, fx+fw)
			assert.GreaterOrEqual(t, maxY, fy+fh)

			// Each stop sits on its place in the tiles: the pixel of the
			// place in the tile's own grid (in the tile datum) is where the
			// map draws the stop.
			var line *tour.Line
			lines, err := h.lines()
			require.NoError(t, err)
			for i := range lines {
				if lines[i].ID == "jin-culture/jiangxian" {
					line = &lines[i]
				}
			}
			require.NotNil(t, line)
			d, _ := geo.ParseDatum(datum)
			for _, s := range line.Sites {
				at, ok := pic.at[s.ID]
				require.True(t, ok, "a marker for %s", s.ID)
				wantX, wantY := at[0], at[1]
				g := geo.Convert(s.Location, geo.WGS84, d)
				mx, my := mercator(g, tiles[0].z)
				var found bool
				for _, tl := range tiles {
					if tl.x == int(mx) && tl.y == int(my) {
						found = true
						gotX := tl.px + (mx-float64(tl.x))*tl.pw
						gotY := tl.py + (my-float64(tl.y))*tl.ph
						assert.InDelta(t, wantX, gotX, 1.0, "%s x", s.ID)
						assert.InDelta(t, wantY, gotY, 1.0, "%s y", s.ID)
						if d == geo.GCJ02 {
							// Placing GCJ-02 tiles as if WGS-84 would miss
							// by the offset: hundreds of metres, many pixels.
							nx, ny := mercator(s.Location, tiles[0].z)
							naiveX := tl.px + (nx-float64(tl.x))*tl.pw
							naiveY := tl.py + (ny-float64(tl.y))*tl.ph
							assert.Greater(t, math.Hypot(naiveX-gotX, naiveY-gotY), 5.0)
						}
					}
				}
				assert.True(t, found, "a tile under %s", s.ID)
			}
		})
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	assert.Equal(t, "default-src 'none'; script-src 'nonce-abc'; style-src 'nonce-abc'; base-uri 'none'; form-action 'none'",
		contentSecurityPolicy("abc", nil, false))
	tl, err := parseTileLayer("http://127.0.0.1:8080/{z}/{x}/{y}.png", "", "")
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(contentSecurityPolicy("abc", tl, false), "; img-src http://127.0.0.1:8080"))
}

func TestEmbedTemplateParses(t *testing.T) {
	assert.NotPanics(t, func() { pageTemplate() })
}

// The itinerary's words are internal/phrase's: the day, the date, the
// durations and distances as the text itinerary spells them.
func TestEmbedWording(t *testing.T) {
	h := defaultHandler()
	for _, tt := range []struct{ lang, day, totals string }{
		{"zh", `^第 1 天 · 2027年5月4日$`, `^\d+ 处 · [\d.]+ (公里|米) · 路上 (约 )?\d+ (小时|分钟)`},
		{"en", `^Day 1 · 4 May 2027$`, `^\d+ sites · [\d.]+ k?m · (about )?\d+ (h|min).* on the road$`},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			p := getEmbedPage(t, h, "line=jin-culture/jiangxian&date=2027-05-04&lang="+tt.lang)
			require.NotNil(t, p.data.Text)
			assert.Regexp(t, tt.totals, p.data.Text.Totals)
			require.Len(t, p.data.Text.Days, 1)
			d := p.data.Text.Days[0]
			assert.Regexp(t, tt.day, d.Heading)
			assert.Len(t, d.Visits, p.data.Visits)
			assert.NotEmpty(t, d.Legs)
			assert.Equal(t, phrase.Lang(tt.lang).Distance(1000), p.data.Scale[6].Text, "the scale bar's 1 km")
		})
	}
}

// TestEmbedWeight reports what a visitor downloads for the jin-culture
// line's page (HTML with its inline script, style, data and SVG map), and
// keeps it within a budget a phone on a slow network loads in a second.
func TestEmbedWeight(t *testing.T) {
	h := defaultHandler()
	w := call(t, h, http.MethodGet, "/embed?line=jin-culture/jiangxian", "")
	require.Equal(t, http.StatusOK, w.Code)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err := zw.Write(w.Body.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	t.Logf("jin-culture/jiangxian page: %d bytes, %d gzipped", w.Body.Len(), gz.Len())
	assert.Less(t, gz.Len(), 40<<10, "gzipped page weight")
}

// planArrivals returns the arrival times of the visits of the page's plan
// JSON, which the itinerary writes its times from.
func planArrivals(t *testing.T, p embedPageParts) []string {
	t.Helper()
	var plan struct {
		Days []struct {
			Visits []struct {
				Arrival string `json:"arrival"`
			} `json:"visits"`
		} `json:"days"`
	}
	require.NoError(t, json.Unmarshal(p.data.Plan, &plan))
	var out []string
	for _, d := range plan.Days {
		for _, v := range d.Visits {
			out = append(out, v.Arrival)
		}
	}
	return out
}

// The sites of the honest-plans tests: the dukes' tombs and 车厢城,
// known only to within kilometres, and precise sites (within 500 m).
const (
	coarseSites  = "jiangxian/jin-wengong-tomb,jiangxian/jin-xiangong-tomb,jiangxian/jin-linggong-tomb,jiangxian/chexiangcheng"
	preciseSites = "jiangxian/wenmiao,jiangxian/taiyin-temple,jiangxian/dongfeng-stage,jiangxian/nanfan-memorial-arch"
	// preciseStart is a point start next to 绛县文庙 (the county seat
	// anchor is itself known only to 1 km).
	preciseStart = "111.5666,35.4917"
)

// TestEmbedHonestPlans states both sides of the honest-plans rule on the
// page's words: a plan through coarse places says its legs are estimates
// with ranges and tells what to ask for at each rough place; a plan of
// precise places says none of that.
func TestEmbedHonestPlans(t *testing.T) {
	h := defaultHandler()
	t.Run("coarse", func(t *testing.T) {
		p := getEmbedPage(t, h, "lang=en&date=2027-05-04&start=anchor/jiangxian-county-seat&sites="+coarseSites)
		require.NotNil(t, p.data.Text)
		text := p.data.Text
		assert.NotEmpty(t, text.Halos, "the legend explains the halos")
		assert.Contains(t, text.Totals, "about ", "road time totals are estimates")
		ranges := 0
		for _, d := range text.Days {
			for _, lg := range d.Legs {
				assert.Contains(t, lg, "straight-line estimate")
				if regexp.MustCompile(`^(about \d+(–\d+ min| min – \d+ h)|up to \d)`).MatchString(lg) {
					ranges++
				}
			}
			for _, v := range d.Visits {
				assert.Regexp(t, `^Location known only to within [\d.]+ km: ask for 山西省`, v.Approx)
			}
		}
		assert.Positive(t, ranges, "legs to rough places give a time range")
		assert.Contains(t, p.html, "jin-wengong-tomb")
		var plan struct {
			Days []struct {
				Visits []struct {
					HoursStatus string         `json:"hours_status"`
					Note        *heritage.Text `json:"note"`
				} `json:"visits"`
			} `json:"days"`
		}
		require.NoError(t, json.Unmarshal(p.data.Plan, &plan))
		for _, d := range plan.Days {
			for _, v := range d.Visits {
				require.NotNil(t, v.Note, "hours %s: the page marks them not confirmed", v.HoursStatus)
				assert.Equal(t, "Opening hours not confirmed: call ahead", v.Note.En)
			}
		}
	})
	t.Run("precise", func(t *testing.T) {
		p := getEmbedPage(t, h, "lang=en&date=2027-05-04&start="+preciseStart+"&sites="+preciseSites)
		require.NotNil(t, p.data.Text)
		text := p.data.Text
		assert.Empty(t, text.Halos)
		assert.NotContains(t, text.Totals, "about")
		for _, d := range text.Days {
			require.NotEmpty(t, d.Legs)
			for _, lg := range d.Legs {
				assert.Regexp(t, `^\d+ (h|min)( \d+ min)? · [\d.]+ k?m$`, lg, "one time and one distance")
			}
			for _, v := range d.Visits {
				assert.Empty(t, v.Approx)
			}
		}
	})
}

// The page offers the downloads the export registry can write for its
// plan, named by their extension, served with the registry's content type
// and file name: iCalendar only for a plan with dates.
func TestEmbedDownloads(t *testing.T) {
	h := defaultHandler()
	linkRE := regexp.MustCompile(`<a class="button" href="([^"]+)" download>([A-Z]+)</a>`)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"line=jin-culture/jiangxian", []string{"GPX", "KML"}},
		{"line=jin-culture/jiangxian&date=2027-05-04", []string{"GPX", "KML", "ICS"}},
	} {
		t.Run(tt.query, func(t *testing.T) {
			p := getEmbedPage(t, h, tt.query)
			var names []string
			for _, m := range linkRE.FindAllStringSubmatch(p.html, -1) {
				names = append(names, m[2])
				href := strings.ReplaceAll(m[1], "&amp;", "&")
				q, err := url.ParseQuery(strings.TrimPrefix(href, "?"))
				require.NoError(t, err)
				f, err := export.ParseFormat(q.Get("download"))
				require.NoError(t, err)
				w := call(t, h, http.MethodGet, "/embed"+href, "")
				require.Equal(t, http.StatusOK, w.Code, w.Body.String())
				assert.Equal(t, f.ContentType, w.Header().Get("Content-Type"))
				assert.Contains(t, w.Header().Get("Content-Disposition"), `filename="chuanzhu`+f.Ext+`"`)
			}
			assert.Equal(t, tt.want, names)
		})
	}
}
