package heritage

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

// data holds the embedded catalog files; see the package README.
//
//go:embed data/*.geojson
var data embed.FS

// Default returns the embedded catalog: every heritage/data/*.geojson file
// (in file-name order) loaded with [WithinBound]([DefaultBound]) and
// merged. It is loaded once, on the first call; every call returns the
// same catalog. Default panics only if the embedded data is invalid, which
// the package's tests rule out.
func Default() *Catalog { return defaultCatalog() }

var defaultCatalog = sync.OnceValue(func() *Catalog {
	c, err := loadEmbedded(data)
	if err != nil {
		panic(err)
	}
	return c
})

// loadEmbedded loads and merges every data/*.geojson file of fsys.
func loadEmbedded(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "data/*.geojson")
	if err != nil {
		return nil, fmt.Errorf("heritage: embedded data: %w", err)
	}
	cs := make([]*Catalog, 0, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("heritage: embedded data: %w", err)
		}
		// References between the files are checked by Merge.
		c, err := load(b, name, strictGoccy, []Option{WithinBound(DefaultBound()), func(o *options) { o.deferRefs = true }})
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return Merge(cs...)
}
