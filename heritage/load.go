package heritage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/paulmach/orb"
)

// Option configures [Load], [LoadFile] and [NewCatalog].
type Option func(*options)

type options struct {
	bound     *orb.Bound
	refer     []*Catalog
	deferRefs bool // leave references for Merge to check (the embedded files)
}

// ReferTo lets the sites being loaded refer (presented_at, visit_via) to
// the sites of cs as well as to each other: a user's file, say, to the
// museums of [Default]. Such a catalog holds references to sites it does
// not contain; [Merge] it with cs to close them.
func ReferTo(cs ...*Catalog) Option {
	return func(o *options) { o.refer = append(o.refer, cs...) }
}

// WithinBound declares the region a catalog covers: every location and
// footprint point must lie inside b (edges included), or loading fails
// with [ErrOutOfBound]. It catches swapped coordinates and points left on
// an offset datum far from home. [Default] uses [DefaultBound].
func WithinBound(b orb.Bound) Option {
	return func(o *options) { o.bound = &b }
}

// DefaultBound returns the region of the embedded catalog: southern and
// central Shanxi from the Yuncheng basin in the south-west to the Taiyuan
// basin in the north, lon 110.2–113.0° E, lat 34.6–38.0° N. Jiang County
// (about 111.4–111.9° E, 35.3–35.7° N) lies in its south.
func DefaultBound() orb.Bound {
	return orb.Bound{Min: orb.Point{110.2, 34.6}, Max: orb.Point{113.0, 38.0}}
}

func collect(opts []Option) (options, error) {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if b := o.bound; b != nil {
		if !finitePoint(b.Min) || !finitePoint(b.Max) || b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
			return o, fmt.Errorf("heritage: WithinBound: %v is not a bound with Min <= Max", *b)
		}
	}
	return o, nil
}

// Load reads a catalog from r: a GeoJSON FeatureCollection with one Point
// Feature per site, or a plain JSON array of site objects with the same
// members as the GeoJSON properties plus "location": [lon, lat]. The
// schema is documented in the package README.
//
// Load validates every site and returns either the whole catalog or a
// [*ValidationError] listing every problem found (each [*SiteError] wraps one
// of the package's sentinel errors); it never returns a partial catalog.
// A site without a "score" gets [DefaultScore]. Errors reading r are
// returned as they are. A *bytes.Reader or *bytes.Buffer is read in
// place, without a copy; the catalog keeps nothing of its bytes. A large
// regular *os.File is read, from its offset to its end, through a
// read-only memory mapping of it, and left at its end. A large
// FeatureCollection (64 MiB or more) is decoded in chunks on up to
// GOMAXPROCS goroutines at once, to the same catalog or errors.
func Load(r io.Reader, opts ...Option) (*Catalog, error) {
	switch f := r.(type) {
	case *os.File:
		if c, ok, err := loadMapped(f, "", opts); ok {
			return c, err
		}
	case *bytes.Reader, *bytes.Buffer:
		// Their WriteTo hands over the bytes they hold: loaded in place,
		// not copied first (the catalog keeps copies of what it needs).
		l := &inPlace{opts: opts}
		if _, err := r.(io.WriterTo).WriteTo(l); err != nil {
			return nil, fmt.Errorf("heritage: read: %w", err)
		}
		if !l.called { // nothing was left to read
			return load(nil, "", strictGoccy, opts)
		}
		return l.c, l.err
	}
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("heritage: read: %w", err)
	}
	return load(data, "", strictGoccy, opts)
}

// inPlace is an io.Writer that loads a catalog from the one Write it
// takes, and keeps nothing of p.
type inPlace struct {
	opts   []Option
	c      *Catalog
	err    error
	called bool
}

func (l *inPlace) Write(p []byte) (int, error) {
	if l.called {
		return 0, errors.New("more than one write")
	}
	l.called = true
	l.c, l.err = load(p, "", strictGoccy, l.opts)
	return len(p), nil
}

// readAll is io.ReadAll, reading into a buffer of the right size at once
// when r tells how much is left (a *bytes.Reader, *strings.Reader or
// *bytes.Buffer does) or is a regular file, instead of growing one step
// by step.
func readAll(r io.Reader) ([]byte, error) {
	size := -1
	switch r := r.(type) {
	case interface{ Len() int }:
		size = r.Len()
	case *os.File:
		if st, err := r.Stat(); err == nil && st.Mode().IsRegular() && int64(int(st.Size())) == st.Size() {
			size = int(st.Size())
		}
	}
	if size < 0 {
		return io.ReadAll(r)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// LoadFile is [Load] on the named file; a [*ValidationError] carries the
// path in its Source. A large regular file is read through a read-only
// memory mapping of it, which is gone when LoadFile returns.
func LoadFile(path string, opts ...Option) (*Catalog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("heritage: %w", err)
	}
	defer f.Close()
	if c, ok, err := loadMapped(f, path, opts); ok {
		return c, err
	}
	data, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("heritage: %w", err)
	}
	return load(data, path, strictGoccy, opts)
}

func load(data []byte, source string, unmarshal unmarshalFunc, opts []Option) (*Catalog, error) {
	o, err := collect(opts)
	if err != nil {
		return nil, err
	}
	var ps problems
	b := fastLoad(data, &ps, o.bound)
	if b == nil {
		ps = problems{}
		items, names := decode(data, unmarshal, &ps)
		b = newBuilder(&ps, names, o.bound, len(items))
		for i := range items {
			b.add(i, &items[i])
			items[i] = decoded{} // what the site needs is in b.sites now
		}
	}
	rows, v := b.done(), b.v
	if !o.deferRefs {
		checkRefs(rows, func(i int) int { return i }, b.names.prefix, kindIn(rows, v.seenID, o.refer), &ps)
	}
	if err := ps.err(source); err != nil {
		return nil, err
	}
	return newCatalog(rows, o.bound, v.seenID)
}

// builder turns decoded items into validated sites, one at a time, kept
// as rows.
type builder struct {
	names fieldNames
	ps    *problems
	v     *validator
	pk    *packer
	site  Site // the site being built
	rows  []row
}

// newBuilder returns a builder for about n items.
func newBuilder(ps *problems, names fieldNames, bound *orb.Bound, n int) *builder {
	b := &builder{names: names, ps: ps, v: newValidator(ps, names, bound, n), pk: newPacker(), rows: make([]row, 0, n)}
	b.v.ids = func(i int) string { return b.rows[i].id }
	return b
}

// add builds and checks the site of item i, the next one.
func (b *builder) add(i int, d *decoded) {
	s := &b.site
	*s = Site{}
	if !d.skip["all"] {
		toSite(i, d, b.names, b.pk, b.ps, s)
		b.v.site(i, s, d.skip)
	}
	b.rows = append(b.rows, b.pk.row(s))
}

// done returns the rows, in a slice of their length when the estimate
// was well off.
func (b *builder) done() []row {
	if cap(b.rows)-len(b.rows) > len(b.rows)/16 {
		return slices.Clone(b.rows)
	}
	return b.rows
}

// NewCatalog builds a catalog from sites, validating them by the same
// rules as [Load] (problems name the JSON fields). It takes deep copies:
// later changes to sites do not affect the catalog.
func NewCatalog(sites []Site, opts ...Option) (*Catalog, error) {
	o, err := collect(opts)
	if err != nil {
		return nil, err
	}
	cp := make([]Site, len(sites))
	var ps problems
	v := newValidator(&ps, arrayFields(), o.bound, len(sites))
	v.ids = func(i int) string { return cp[i].ID }
	for i := range sites {
		cp[i] = sites[i].Clone()
		v.site(i, &cp[i], nil)
	}
	rows := rowsOf(cp)
	checkRefs(rows, func(i int) int { return i }, "", kindIn(rows, v.seenID, o.refer), &ps)
	if err := ps.err(""); err != nil {
		return nil, err
	}
	return newCatalog(rows, o.bound, v.seenID)
}

// Merge returns a catalog holding the sites of cs in order. Catalogs are
// immutable, so the sites are shared, not copied. Two catalogs holding the
// same ID are an error: a [*ValidationError] with one [ErrDuplicateID]
// [*SiteError] per repeated ID, whose Index is -1 and whose reason names both
// catalogs. So is a reference (presented_at, visit_via; see [ReferTo])
// to a site that none of cs holds: the result's references are closed.
// Nil catalogs are skipped. The result keeps the declared region
// ([Catalog.Region]) when every input declared the same one, else it has
// none.
func Merge(cs ...*Catalog) (*Catalog, error) {
	n := 0
	for _, c := range cs {
		if c != nil {
			n += len(c.rows)
		}
	}
	rows := make([]row, 0, n)
	first := make(map[string]int, n) // ID -> catalog index
	var ps problems
	for ci, c := range cs {
		if c == nil {
			continue
		}
		for _, r := range c.rows {
			if prev, dup := first[r.id]; dup {
				ps.addf(-1, r.id, "id", ErrDuplicateID, "in catalogs %d and %d", prev, ci)
				continue
			}
			first[r.id] = ci
			rows = append(rows, r)
		}
	}
	if len(ps.list) == 0 && hasRefs(rows) {
		checkRefs(rows, func(int) int { return -1 }, "", kindIn(rows, indexIDs(rows), nil), &ps)
	}
	if err := ps.err(""); err != nil {
		return nil, err
	}
	return newCatalog(rows, commonRegion(cs), nil)
}

// commonRegion returns the region every non-nil catalog of cs declared,
// or nil if they differ or one declared none.
func commonRegion(cs []*Catalog) *orb.Bound {
	var region *orb.Bound
	for _, c := range cs {
		switch {
		case c == nil:
		case c.bound == nil:
			return nil
		case region == nil:
			region = c.bound
		case *region != *c.bound:
			return nil
		}
	}
	return region
}
