package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/paulmach/orb"
	"golang.org/x/text/width"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
)

// defaultRadius is the radius of -near without -radius: 10 km, as the
// web API's.
const defaultRadius = 10_000.0

// sites lists, filters and searches the catalog, and exports the result
// as an aligned table, GeoJSON or CSV.
func sites(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sites", flag.ContinueOnError)
	var (
		themes, kinds listFlag
		text          = fs.String("q", "", "search the names (Chinese, pinyin, English, aliases) for `text`; results best match first")
		near          = fs.String("near", "", "keep sites within -radius of this point `lon,lat` (in -datum), nearest first")
		radius        optFloat
		format        = newChoice("table", "table", "geojson", "csv")
		datum         datumFlag
		cf            catalogFlags
	)
	fs.Var(&themes, "theme", "keep sites carrying one of these `themes` (comma-separated, repeatable)")
	fs.Var(&kinds, "kind", "keep sites of one of these `kinds` (comma-separated, repeatable): "+kindNames())
	fs.Var(&radius, "radius", "radius of -near in `metres` (default 10000)")
	fs.Var(format, "format", "output `format`: table, geojson or csv")
	fs.Var(&datum, "datum", "`datum` of -near and of the coordinates written: wgs84, gcj02 or bd09")
	cf.register(fs)
	fs.Usage = usageFunc(fs, "[flags]", `
Lists the catalog's sites (the embedded one, or -data files), filtered by
theme and kind, searched by name, or near a point. Conditions combine: a site
must meet all of them. The table shows ID, Chinese and English name, kind,
designation and location precision; geojson writes a FeatureCollection in the
catalog schema (heritage.Load reads it back when in WGS-84); csv writes one
row per site after a header row.`)
	if err := parseFlags(fs, args, stderr, 0); err != nil {
		return err
	}
	for _, k := range kinds {
		if !heritage.Kind(k).Valid() {
			return usagef("-kind %q: not a kind (kinds: %s)", k, kindNames())
		}
	}
	if radius.set && *near == "" {
		return usagef("-radius needs -near")
	}
	if radius.set && radius.v < 0 {
		return usagef("-radius %g: want a distance of 0 metres or more", radius.v)
	}
	var center *orb.Point
	if *near != "" {
		p, err := geo.ParsePoint(*near)
		if err != nil {
			return usagef("-near %q: %s", *near, strings.TrimPrefix(err.Error(), "geo: "))
		}
		p = geo.Convert(p, datum.d, geo.WGS84)
		center = &p
	}
	if isSet(fs, "q") && strings.TrimSpace(*text) == "" {
		return usagef("-q: empty search text")
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	if err := checkThemes(cat, themes); err != nil {
		return err
	}
	r := radius.v
	if !radius.set {
		r = defaultRadius
	}
	sel := selectSites(cat, siteQuery{themes: themes, kinds: kinds, text: *text, near: center, radius: r})

	var buf bytes.Buffer
	switch format.value {
	case "geojson":
		err = writeSitesGeoJSON(&buf, sel, datum.d)
	case "csv":
		err = writeSitesCSV(&buf, sel, datum.d)
	default:
		err = writeSitesTable(&buf, sel)
	}
	if err != nil {
		return err
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

// siteQuery is what sites selects.
type siteQuery struct {
	themes, kinds []string
	text          string
	near          *orb.Point // WGS-84
	radius        float64    // metres
}

// selectSites returns the sites q selects: in search rank order with a
// text, else nearest first with a point, else in catalog order.
func selectSites(cat *heritage.Catalog, q siteQuery) []heritage.Site {
	var order []heritage.Site
	var inNear map[string]bool
	switch {
	case q.text != "":
		order = cat.Search(q.text)
		if q.near != nil {
			inNear = map[string]bool{}
			for _, s := range cat.Within(*q.near, q.radius) {
				inNear[s.ID] = true
			}
		}
	case q.near != nil:
		order = cat.Within(*q.near, q.radius)
	default:
		order = cat.Sites()
	}
	out := []heritage.Site{}
	for _, s := range order {
		switch {
		case len(q.kinds) > 0 && !slices.Contains(q.kinds, string(s.Kind)),
			len(q.themes) > 0 && !slices.ContainsFunc(q.themes, s.HasTheme),
			inNear != nil && !inNear[s.ID]:
			continue
		}
		out = append(out, s)
	}
	return out
}

// siteFormat is how sites are written in datum d: coordinates converted
// from WGS-84 and rounded to 6 decimals (about 0.1 m), as the catalog's
// own are and as the web API writes them.
func siteFormat(d geo.Datum) []heritage.FeatureOption {
	return []heritage.FeatureOption{heritage.Datum(d), heritage.Decimals(6)}
}

// writeSitesGeoJSON writes sel as a FeatureCollection with heritage's
// encoder; in another datum than WGS-84 the collection states it in a
// "datum" member.
func writeSitesGeoJSON(w io.Writer, sel []heritage.Site, d geo.Datum) error {
	return heritage.WriteGeoJSON(w, sel, siteFormat(d)...)
}

// csvHeader names the CSV columns.
var csvHeader = []string{
	"id", "name_zh", "name_pinyin", "name_en", "kind", "period", "period_zh", "year_from", "year_to",
	"designation", "designation_batch", "designation_year", "lon", "lat", "datum", "precision_m",
	"region", "themes", "visit_minutes", "opening_hours", "score",
}

// writeSitesCSV writes sel as CSV with a header row; list values
// (themes) are joined with ";", unknown values are empty.
func writeSitesCSV(w io.Writer, sel []heritage.Site, d geo.Datum) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, s := range sel {
		loc := geo.Convert(s.Location, geo.WGS84, d)
		var period, periodZh, from, to string
		if p := s.Period; p != nil {
			period, periodZh = p.Name, p.NameZh
			if p.From != nil {
				from = strconv.Itoa(*p.From)
			}
			if p.To != nil {
				to = strconv.Itoa(*p.To)
			}
		}
		var level, batch, year string
		if ds := s.Designation; ds != nil {
			level = string(ds.Level)
			if ds.Batch > 0 {
				batch = strconv.Itoa(ds.Batch)
			}
			if ds.Year != 0 {
				year = strconv.Itoa(ds.Year)
			}
		}
		var minutes string
		if s.Visit.Duration > 0 {
			minutes = strconv.Itoa(int(s.Visit.Duration / time.Minute))
		}
		rec := []string{
			s.ID, s.Name.Zh, s.Name.Pinyin, s.Name.En, string(s.Kind), period, periodZh, from, to,
			level, batch, year,
			strconv.FormatFloat(loc.Lon(), 'f', 6, 64), strconv.FormatFloat(loc.Lat(), 'f', 6, 64),
			d.String(), strconv.FormatFloat(s.PrecisionM, 'f', -1, 64),
			s.Region, strings.Join(s.Themes, ";"), minutes, s.Visit.OpeningHours, strconv.Itoa(s.Score),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeSitesTable writes sel as a table aligned for a terminal, in which
// Chinese characters take two columns.
func writeSitesTable(w io.Writer, sel []heritage.Site) error {
	rows := [][]string{{"ID", "名称", "NAME", "KIND", "DESIGNATION", "PRECISION"}}
	for _, s := range sel {
		rows = append(rows, []string{s.ID, s.Name.Zh, s.Name.En, string(s.Kind), designation(s.Designation), precision(s.PrecisionM)})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		bw.WriteString(strings.TrimRight(line.String(), " "))
		bw.WriteByte('\n')
	}
	fmt.Fprintln(bw, phrase.English.Sites(len(sel)))
	return bw.Flush()
}

// designation writes a listing as "national, batch 3 (1988)"; "-" for
// none.
func designation(d *heritage.Designation) string {
	if d == nil {
		return "-"
	}
	s := string(d.Level)
	if d.Batch > 0 {
		s += ", batch " + strconv.Itoa(d.Batch)
	}
	if d.Year != 0 {
		s += " (" + strconv.Itoa(d.Year) + ")"
	}
	return s
}

// precision writes a radius in metres as "±50 m" or "±1.5 km".
func precision(m float64) string {
	if m >= 1000 {
		return "±" + strconv.FormatFloat(m/1000, 'f', -1, 64) + " km"
	}
	return "±" + strconv.FormatFloat(m, 'f', -1, 64) + " m"
}

// displayWidth returns the number of terminal columns s takes: two for
// East Asian wide and fullwidth characters, none for combining marks,
// one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), unicode.IsControl(r):
		case width.LookupRune(r).Kind() == width.EastAsianWide, width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func kindNames() string {
	var names []string
	for _, k := range heritage.Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}
