package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// tableIDs returns the first column of the table rows (after the header,
// before the count line).
func tableIDs(t *testing.T, out string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	require.GreaterOrEqual(t, len(lines), 2, out)
	require.True(t, strings.HasPrefix(lines[0], "ID "), out)
	var ids []string
	for _, l := range lines[1 : len(lines)-1] {
		ids = append(ids, strings.Fields(l)[0])
	}
	return ids
}

func TestSitesTable(t *testing.T) {
	cat := heritage.Default()
	t.Run("all", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "sites")
		require.Equal(t, 0, code, errs)
		ids := tableIDs(t, out)
		require.Len(t, ids, cat.Len())
		for i, s := range cat.Sites() {
			assert.Equal(t, s.ID, ids[i])
		}
		assert.True(t, strings.HasSuffix(out, strconv.Itoa(cat.Len())+" sites\n"), out)

		// Columns line up on a terminal: every row's KIND column starts
		// at the same display column, Chinese names taking two columns a
		// character.
		lines := strings.Split(out, "\n")
		col := displayWidth(lines[0][:strings.Index(lines[0], "KIND")])
		for i, s := range cat.Sites() {
			row := lines[i+1]
			at := strings.Index(row, "  "+string(s.Kind)+" ")
			if at < 0 { // the last column may end the row
				at = strings.Index(row, "  "+string(s.Kind))
			}
			require.GreaterOrEqual(t, at, 0, row)
			assert.Equal(t, col, displayWidth(row[:at+2]), "row %q", row)
			assert.Contains(t, row, s.Name.Zh)
			assert.Contains(t, row, s.Name.En)
		}
	})
	t.Run("search", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "sites", "-q", "文公")
		require.Equal(t, 0, code, errs)
		ids := tableIDs(t, out)
		require.NotEmpty(t, ids)
		assert.Equal(t, "jiangxian/jin-wengong-tomb", ids[0])
		assert.Contains(t, out, "晋文公墓")
		assert.True(t, strings.HasSuffix(out, "\n1 site\n") || len(ids) > 1, out)

		// Pinyin without tones finds it too.
		code, out, errs = runCLI(t, "", "sites", "-q", "jin wengong")
		require.Equal(t, 0, code, errs)
		assert.Equal(t, "jiangxian/jin-wengong-tomb", tableIDs(t, out)[0])
	})
	t.Run("kind and theme", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "sites", "-kind", "museum,tomb", "-theme", "jin-culture")
		require.Equal(t, 0, code, errs)
		ids := tableIDs(t, out)
		want := 0
		for _, s := range cat.Sites() {
			if (s.Kind == heritage.Museum || s.Kind == heritage.Tomb) && s.HasTheme(heritage.ThemeJinCulture) {
				assert.Contains(t, ids, s.ID)
				want++
			}
		}
		assert.Len(t, ids, want)
		assert.GreaterOrEqual(t, want, 4) // three dukes' tombs and the Jin museums
	})
	t.Run("near", func(t *testing.T) {
		seat, ok := cat.Get("anchor/jiangxian-county-seat")
		require.True(t, ok)
		near := strconv.FormatFloat(seat.Location.Lon(), 'f', 6, 64) + "," + strconv.FormatFloat(seat.Location.Lat(), 'f', 6, 64)
		code, out, errs := runCLI(t, "", "sites", "-near", near, "-radius", "5000")
		require.Equal(t, 0, code, errs)
		ids := tableIDs(t, out)
		require.NotEmpty(t, ids)
		assert.Equal(t, seat.ID, ids[0], "nearest first")
		last := 0.0
		for _, id := range ids {
			s, ok := cat.Get(id)
			require.True(t, ok, id)
			d := geo.Distance(seat.Location, s.Location)
			assert.LessOrEqual(t, d, 5000.0, id)
			assert.GreaterOrEqual(t, d, last, "nearest first: %s", id)
			last = d
		}
		assert.Len(t, ids, len(cat.Within(seat.Location, 5000)))

		// The same point given in GCJ-02 finds the same sites.
		g := geo.Convert(seat.Location, geo.WGS84, geo.GCJ02)
		code, out2, errs := runCLI(t, "", "sites", "-datum", "gcj02", "-radius", "5000",
			"-near", strconv.FormatFloat(g.Lon(), 'f', 7, 64)+","+strconv.FormatFloat(g.Lat(), 'f', 7, 64))
		require.Equal(t, 0, code, errs)
		assert.Equal(t, ids, tableIDs(t, out2))
	})
}

func TestSitesCSV(t *testing.T) {
	cat := heritage.Default()
	for _, datum := range []string{"wgs84", "bd09"} {
		t.Run(datum, func(t *testing.T) {
			code, out, errs := runCLI(t, "", "sites", "-format", "csv", "-datum", datum)
			require.Equal(t, 0, code, errs)
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			require.NoError(t, err)
			require.Len(t, recs, cat.Len()+1)
			assert.Equal(t, csvHeader, recs[0])
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			d, err := geo.ParseDatum(datum)
			require.NoError(t, err)
			for i, s := range cat.Sites() {
				rec := recs[i+1]
				assert.Equal(t, s.ID, rec[col["id"]])
				assert.Equal(t, s.Name.Zh, rec[col["name_zh"]])
				assert.Equal(t, s.Name.En, rec[col["name_en"]])
				assert.Equal(t, string(s.Kind), rec[col["kind"]])
				assert.Equal(t, datum, rec[col["datum"]])
				assert.Equal(t, strings.Join(s.Themes, ";"), rec[col["themes"]])
				lon, err := strconv.ParseFloat(rec[col["lon"]], 64)
				require.NoError(t, err)
				lat, err := strconv.ParseFloat(rec[col["lat"]], 64)
				require.NoError(t, err)
				want := geo.Convert(s.Location, geo.WGS84, d)
				assert.InDelta(t, want.Lon(), lon, 1e-6, s.ID)
				assert.InDelta(t, want.Lat(), lat, 1e-6, s.ID)
				// Back in WGS-84 the point is within a metre of the
				// catalog's.
				back := geo.Convert(orb.Point{lon, lat}, d, geo.WGS84)
				assert.Less(t, geo.Distance(back, s.Location), 1.0, s.ID)
				if s.Designation != nil {
					assert.Equal(t, string(s.Designation.Level), rec[col["designation"]])
				}
			}
		})
	}
}

func TestSitesGeoJSON(t *testing.T) {
	t.Run("round trip", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "sites", "-format", "geojson", "-theme", "jin-culture")
		require.Equal(t, 0, code, errs)
		// A theme's sites may point to museums outside it (presented_at).
		back, err := heritage.Load(strings.NewReader(out), heritage.ReferTo(heritage.Default()))
		require.NoError(t, err)
		want := heritage.Default().Filter(heritage.Query{Themes: []string{heritage.ThemeJinCulture}})
		require.Equal(t, len(want), back.Len())
		for i, s := range back.Sites() {
			assert.Equal(t, want[i].ID, s.ID)
			assert.Equal(t, want[i].Location, s.Location)
		}
	})
	t.Run("gcj02", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "sites", "-format", "geojson", "-datum", "gcj02", "-q", "文庙")
		require.Equal(t, 0, code, errs)
		var fc struct {
			Type     string `json:"type"`
			Datum    string `json:"datum"`
			Features []struct {
				ID       string `json:"id"`
				Geometry struct {
					Coordinates [2]float64 `json:"coordinates"`
				} `json:"geometry"`
			} `json:"features"`
		}
		require.NoError(t, jsonUnmarshal(out, &fc))
		assert.Equal(t, "FeatureCollection", fc.Type)
		assert.Equal(t, "gcj02", fc.Datum)
		require.NotEmpty(t, fc.Features)
		s, ok := heritage.Default().Get(fc.Features[0].ID)
		require.True(t, ok)
		got := orb.Point(fc.Features[0].Geometry.Coordinates)
		// GCJ-02 is offset from WGS-84 by a few hundred metres in Shanxi.
		assert.Greater(t, geo.Distance(got, s.Location), 50.0)
		assert.Less(t, geo.Distance(geo.GCJ02ToWGS84(got), s.Location), 1.0)
	})
	t.Run("heritage's encoding", func(t *testing.T) {
		code, out, errs := runCLI(t, "", "sites", "-format", "geojson", "-datum", "bd09")
		require.Equal(t, 0, code, errs)
		var want bytes.Buffer
		require.NoError(t, heritage.WriteGeoJSON(&want, heritage.Default().Sites(), heritage.Datum(geo.BD09), heritage.Decimals(6)))
		assert.JSONEq(t, want.String(), out)
	})
}

func TestSitesData(t *testing.T) {
	dir := t.TempDir()
	cat := heritage.Default()
	// A user catalog: two of the embedded sites under new IDs.
	var mine []heritage.Site
	for _, id := range []string{"jiangxian/taiyin-temple", "jiangxian/wenmiao"} {
		s, ok := cat.Get(id)
		require.True(t, ok)
		s = s.Clone()
		s.ID = "mine/" + strings.TrimPrefix(id, "jiangxian/")
		mine = append(mine, s)
	}
	mc, err := heritage.NewCatalog(mine)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, mc.WriteGeoJSON(&buf))
	file := filepath.Join(dir, "mine.geojson")
	require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))

	code, out, errs := runCLI(t, "", "sites", "-data", file)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, []string{"mine/taiyin-temple", "mine/wenmiao"}, tableIDs(t, out))

	code, out, errs = runCLI(t, "", "sites", "-data", file, "-merge", "-q", "太阴寺")
	require.Equal(t, 0, code, errs)
	assert.ElementsMatch(t, []string{"jiangxian/taiyin-temple", "mine/taiyin-temple"}, tableIDs(t, out))

	// The same file twice repeats its IDs: bad input.
	code, out, errs = runCLI(t, "", "sites", "-data", file, "-data", file)
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "duplicate ID")
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)

	// A file that is not a catalog.
	bad := filepath.Join(dir, "bad.geojson")
	require.NoError(t, os.WriteFile(bad, []byte(`{"type": "FeatureCollection", "features": [{"type": "Feature"}]}`), 0o644))
	code, _, errs = runCLI(t, "", "sites", "-data", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, bad)
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"晋文公墓", 8},
		{"绛县县城（古绛镇）", 18},
		{"Jìn Wéngōng Mù", 14},
		{"Jin\u0301", 3}, // a combining accent takes no column
		{"±50 m", 5},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, displayWidth(tc.s), tc.s)
	}
}
