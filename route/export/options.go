package export

import (
	"fmt"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// An Option changes how a plan is written. Options apply to every output
// unless their doc comment says otherwise; later options override earlier
// ones.
type Option func(*options)

type options struct {
	datum   geo.Datum
	catalog *heritage.Catalog
	lang    string
	title   string
	width   int
	height  int
	// underlay and inline shape the SVG picture: see Underlay and Inline.
	underlay []Layer
	inline   bool
}

// Default sizes of the SVG picture, in CSS pixels.
const (
	defaultWidth  = 960
	defaultHeight = 720
)

func newOptions(opts []Option) (options, error) {
	o := options{datum: geo.WGS84, lang: "zh", width: defaultWidth, height: defaultHeight}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	switch o.datum {
	case geo.WGS84, geo.GCJ02, geo.BD09:
	default:
		return o, fmt.Errorf("export: unknown datum %v", o.datum)
	}
	if err := checkLang(o.lang); err != nil {
		return o, err
	}
	if o.width < minSize || o.height < minSize || o.width > maxSize || o.height > maxSize {
		return o, fmt.Errorf("export: SVG size %d×%d px outside %d–%d px", o.width, o.height, minSize, maxSize)
	}
	return o, nil
}

// Limits of [Size], in CSS pixels.
const (
	minSize = 200
	maxSize = 10000
)

func checkLang(lang string) error {
	switch lang {
	case "zh", "en":
		return nil
	}
	return fmt.Errorf("export: unknown language %q (known: zh, en)", lang)
}

// Datum sets the datum of every coordinate written (default [geo.WGS84]).
// Use [geo.GCJ02] for AMap (Gaode) and Tencent map SDKs and [geo.BD09] for
// Baidu's. GeoJSON (RFC 7946), GPX and KML define their coordinates as
// WGS-84, so with another datum each output also states the datum it uses:
// a "datum" member and property in GeoJSON, a sentence in the GPX metadata
// and KML document description. The SVG picture is unaffected (its shape
// is drawn in WGS-84); Text and Markdown print no coordinates.
func Datum(d geo.Datum) Option { return func(o *options) { o.datum = d } }

// Catalog enriches the stops whose place IDs are sites of c with the
// site's facts: names in Chinese, pinyin and English, kind, period,
// designation and notes. Stops not in c keep the plan's name.
func Catalog(c *heritage.Catalog) Option { return func(o *options) { o.catalog = c } }

// Lang sets the language of names and labels, "zh" (the default) or "en".
// A site's name in that language is taken from the [Catalog] when one is
// given; otherwise the plan's place name is written as it is. It is also
// the language of every word of [Text] and [Markdown].
func Lang(lang string) Option { return func(o *options) { o.lang = lang } }

// Title sets the title written into the outputs (the GPX and KML document
// name, the JSON-LD trip name, the heading of the itinerary, the SVG
// title). By default a title is made from the plan's first start and its
// number of days.
func Title(s string) Option { return func(o *options) { o.title = s } }

// Size sets the SVG picture's width and height in CSS pixels (default
// 960×720; each must lie in 200–10000). Other outputs ignore it.
func Size(width, height int) Option {
	return func(o *options) { o.width, o.height = width, height }
}
