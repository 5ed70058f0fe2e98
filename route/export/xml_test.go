package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
)

// childOrder reads b and returns, for every element named in parents, the
// local names of its child elements in document order (one list per
// occurrence), after checking that every element is in namespace ns.
func childOrder(t *testing.T, b []byte, ns string, parents ...string) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	type frame struct {
		name     string
		children []string
	}
	var stack []frame
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch e := tok.(type) {
		case xml.StartElement:
			assert.Equal(t, ns, e.Name.Space, "element %s", e.Name.Local)
			if len(stack) > 0 {
				stack[len(stack)-1].children = append(stack[len(stack)-1].children, e.Name.Local)
			}
			stack = append(stack, frame{name: e.Name.Local})
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, p := range parents {
				if p == top.name {
					out[p] = append(out[p], top.children)
				}
			}
		}
	}
	return out
}

// assertSequence checks that children follow the order of schema (each name
// known, indices non-decreasing), as an XSD xs:sequence requires.
// assertSequences checks every element of order whose name schemas has
// against that schema's sequence.
func assertSequences(t *testing.T, order map[string][][]string, schemas map[string][]string) {
	t.Helper()
	for name, schema := range schemas {
		for _, c := range order[name] {
			assertSequence(t, name, c, schema)
		}
	}
}

func assertSequence(t *testing.T, parent string, children, schema []string) {
	t.Helper()
	last := -1
	for _, c := range children {
		i := -1
		for j, s := range schema {
			if s == c {
				i = j
			}
		}
		if !assert.GreaterOrEqual(t, i, 0, "%s: unexpected child %s", parent, c) {
			continue
		}
		assert.GreaterOrEqual(t, i, last, "%s: %s out of order in %v", parent, c, children)
		last = i
	}
}

// GPX 1.1 sequences, from gpx.xsd.
var (
	gpxSeq      = []string{"metadata", "wpt", "rte", "trk", "extensions"}
	metadataSeq = []string{"name", "desc", "author", "copyright", "link", "time", "keywords", "bounds", "extensions"}
	wptSeq      = []string{"ele", "time", "magvar", "geoidheight", "name", "cmt", "desc", "src", "link", "sym", "type", "fix", "sat", "hdop", "vdop", "pdop", "ageofdgpsdata", "dgpsid", "extensions"}
	rteSeq      = []string{"name", "cmt", "desc", "src", "link", "number", "type", "extensions", "rtept"}
)

type gpxParsed struct {
	XMLName        xml.Name `xml:"http://www.topografix.com/GPX/1/1 gpx"`
	Version        string   `xml:"version,attr"`
	Creator        string   `xml:"creator,attr"`
	SchemaLocation string   `xml:"http://www.w3.org/2001/XMLSchema-instance schemaLocation,attr"`
	Metadata       struct {
		Name string `xml:"name"`
		Desc string `xml:"desc"`
		Time string `xml:"time"`
	} `xml:"metadata"`
	Wpt []gpxParsedPoint `xml:"wpt"`
	Rte []struct {
		Name   string           `xml:"name"`
		Number int              `xml:"number"`
		Rtept  []gpxParsedPoint `xml:"rtept"`
	} `xml:"rte"`
}

type gpxParsedPoint struct {
	Lat  float64 `xml:"lat,attr"`
	Lon  float64 `xml:"lon,attr"`
	Time string  `xml:"time"`
	Name string  `xml:"name"`
	Desc string  `xml:"desc"`
	Type string  `xml:"type"`
}

func TestGPXStructure(t *testing.T) {
	p := buildPlan(t, threeDays(t), nil)
	var b bytes.Buffer
	require.NoError(t, GPX(&b, p, Catalog(catalog(t)), Lang("en")))
	require.True(t, strings.HasPrefix(b.String(), xml.Header))

	var g gpxParsed
	require.NoError(t, xml.Unmarshal(b.Bytes(), &g))
	assert.Equal(t, "1.1", g.Version)
	assert.Equal(t, "chuanzhu", g.Creator)
	assert.Equal(t, "http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd", g.SchemaLocation)
	assert.NotEmpty(t, g.Metadata.Name)
	assert.Empty(t, g.Metadata.Desc, "no datum note for WGS-84")

	order := childOrder(t, b.Bytes(), gpxNamespace, "gpx", "metadata", "wpt", "rte", "rtept")
	require.Len(t, order["gpx"], 1)
	assertSequence(t, "gpx", order["gpx"][0], gpxSeq)
	assertSequences(t, order, map[string][]string{"metadata": metadataSeq, "wpt": wptSeq, "rtept": wptSeq, "rte": rteSeq})

	require.Len(t, g.Rte, len(p.Days))
	wpts := map[string]bool{}
	for i, d := range p.Days {
		r := g.Rte[i]
		assert.Equal(t, i+1, r.Number)
		assert.Equal(t, "Day "+strconv.Itoa(i+1), r.Name)
		require.Len(t, r.Rtept, len(d.Visits)+2)
		assert.InDelta(t, d.Start.Location[1], r.Rtept[0].Lat, 5e-7)
		assert.InDelta(t, d.Start.Location[0], r.Rtept[0].Lon, 5e-7)
		for j, v := range d.Visits {
			assert.InDelta(t, v.Stop.Location[1], r.Rtept[j+1].Lat, 5e-7)
			assert.InDelta(t, v.Stop.Location[0], r.Rtept[j+1].Lon, 5e-7)
		}
		wpts[d.Start.ID] = true
		wpts[d.End.ID] = true
		for _, v := range d.Visits {
			wpts[v.Stop.ID] = true
		}
	}
	require.Len(t, g.Wpt, len(wpts), "one waypoint per place")
	// Visits carry their start time in UTC and a description.
	first := g.Wpt[1]
	assert.Equal(t, "stop", first.Type)
	assert.Equal(t, p.Days[0].Visits[0].Start.UTC().Format(time.RFC3339), first.Time)
	assert.True(t, strings.HasSuffix(first.Time, "Z"))
	assert.Contains(t, first.Desc, "Day 1 · visit")
	assert.Equal(t, "start", g.Wpt[0].Type)
	assert.Equal(t, "end", g.Wpt[len(p.Days[0].Visits)+1].Type, "day 1 ends at the county seat")
	assert.Contains(t, g.Wpt[len(p.Days[0].Visits)+1].Desc, "Day 1 · arrive")

	// Another datum is stated.
	b.Reset()
	require.NoError(t, GPX(&b, p, Datum(geo.GCJ02), Lang("en")))
	g = gpxParsed{}
	require.NoError(t, xml.Unmarshal(b.Bytes(), &g))
	assert.Contains(t, g.Metadata.Desc, "GCJ-02")
	want := geo.WGS84ToGCJ02(p.Days[0].Visits[0].Stop.Location)
	assert.InDelta(t, want[1], g.Wpt[1].Lat, 5e-7)
	assert.InDelta(t, want[0], g.Wpt[1].Lon, 5e-7)
}

// KML 2.2 sequences, from ogckml22.xsd (the elements we write, in order).
var (
	kmlFeatureSeq   = []string{"name", "visibility", "open", "address", "phoneNumber", "Snippet", "description", "LookAt", "Camera", "TimeStamp", "TimeSpan", "styleUrl", "Style", "StyleMap", "Region", "ExtendedData"}
	kmlDocumentSeq  = append(append([]string{}, kmlFeatureSeq...), "Schema", "Folder", "Placemark", "Document")
	kmlPlacemarkSeq = append(append([]string{}, kmlFeatureSeq...), "Point", "LineString", "Polygon", "MultiGeometry")
	kmlStyleSeq     = []string{"IconStyle", "LabelStyle", "LineStyle", "PolyStyle", "BalloonStyle", "ListStyle"}
	kmlIconSeq      = []string{"color", "colorMode", "scale", "heading", "Icon", "hotSpot"}
	kmlLineSeq      = []string{"extrude", "tessellate", "altitudeMode", "coordinates"}
)

type kmlParsed struct {
	XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
	Document struct {
		Name        string `xml:"name"`
		Description string `xml:"description"`
		Style       []struct {
			ID        string `xml:"id,attr"`
			IconColor string `xml:"IconStyle>color"`
			LineColor string `xml:"LineStyle>color"`
		} `xml:"Style"`
		Folder []struct {
			Name      string `xml:"name"`
			Placemark []struct {
				Name        string `xml:"name"`
				Description string `xml:"description"`
				StyleURL    string `xml:"styleUrl"`
				Begin       string `xml:"TimeSpan>begin"`
				Point       string `xml:"Point>coordinates"`
				Line        string `xml:"LineString>coordinates"`
			} `xml:"Placemark"`
		} `xml:"Folder"`
	} `xml:"Document"`
}

func TestKMLStructure(t *testing.T) {
	p := buildPlan(t, threeDays(t), nil)
	var b bytes.Buffer
	require.NoError(t, KML(&b, p, Catalog(catalog(t))))

	order := childOrder(t, b.Bytes(), kmlNamespace, "kml", "Document", "Folder", "Placemark", "Style", "IconStyle", "LineString")
	assert.Equal(t, [][]string{{"Document"}}, order["kml"])
	assertSequence(t, "Document", order["Document"][0], kmlDocumentSeq)
	assertSequences(t, order, map[string][]string{
		"Folder": kmlDocumentSeq, "Placemark": kmlPlacemarkSeq, "Style": kmlStyleSeq, "IconStyle": kmlIconSeq, "LineString": kmlLineSeq,
	})

	var k kmlParsed
	require.NoError(t, xml.Unmarshal(b.Bytes(), &k))
	require.Len(t, k.Document.Style, 3)
	assert.Equal(t, "day-1", k.Document.Style[0].ID)
	assert.Equal(t, "ff1133cc", k.Document.Style[0].LineColor, "#CC3311 as aabbggrr")
	require.Len(t, k.Document.Folder, 3)
	for i, d := range p.Days {
		f := k.Document.Folder[i]
		assert.Equal(t, "第 "+strconv.Itoa(i+1)+" 天", f.Name)
		require.Len(t, f.Placemark, len(d.Visits)+3, "start, visits, end, line")
		for j, v := range d.Visits {
			pm := f.Placemark[j+1]
			lonlat := strings.Split(pm.Point, ",")
			require.Len(t, lonlat, 2, "lon,lat")
			lon, err := strconv.ParseFloat(lonlat[0], 64)
			require.NoError(t, err)
			lat, err := strconv.ParseFloat(lonlat[1], 64)
			require.NoError(t, err)
			assert.InDelta(t, v.Stop.Location[0], lon, 5e-7)
			assert.InDelta(t, v.Stop.Location[1], lat, 5e-7)
			assert.Equal(t, "#day-"+strconv.Itoa(i+1), pm.StyleURL)
			assert.Equal(t, v.Start.UTC().Format(time.RFC3339), pm.Begin)
			assert.NotEmpty(t, pm.Description)
		}
		line := f.Placemark[len(f.Placemark)-1].Line
		assert.Len(t, strings.Fields(line), len(d.Visits)+2)
	}

	b.Reset()
	require.NoError(t, KML(&b, p, Datum(geo.BD09)))
	k = kmlParsed{}
	require.NoError(t, xml.Unmarshal(b.Bytes(), &k))
	assert.Contains(t, k.Document.Description, "BD-09")
}

func TestKMLColor(t *testing.T) {
	assert.Equal(t, "ff1133cc", kmlColor("#CC3311", "ff"))
	assert.Equal(t, "80bb7700", kmlColor("#0077BB", "80"))
	assert.Equal(t, "ffffffff", kmlColor("bad", "ff"))
}
