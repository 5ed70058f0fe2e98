package export_test

import (
	"bytes"
	"fmt"

	"github.com/chuanzhu/chuanzhu/route/export"
)

// A format picked by name, as a web handler's ?format= or a command's
// -format flag gives it: its content type, file extension and writer.
func ExampleParseFormat() {
	f, err := export.ParseFormat("gpx")
	if err != nil {
		fmt.Println(err)
		return
	}
	var b bytes.Buffer
	if err := f.Write(&b, examplePlan(), export.Lang("en")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Name, f.ContentType, "route"+f.Ext, bytes.Contains(b.Bytes(), []byte("<gpx")))

	_, err = export.ParseFormat("pdf")
	fmt.Println(err)
	// Output:
	// gpx application/gpx+xml route.gpx true
	// export: unknown format "pdf" (known: json, geojson, gpx, kml, jsonld, svg, text, markdown, ics)
}
