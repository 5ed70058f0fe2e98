package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

const contentGeoJSON = "application/geo+json"

// featureSet holds the catalog's GeoJSON Features in one datum, encoded
// once by heritage's writer, in catalog order.
type featureSet struct {
	datum    geo.Datum
	features []json.RawMessage // parallel to handler.sites
	all      *cached           // the whole collection
}

// buildFeatures encodes every site as a GeoJSON Feature with
// [heritage.Catalog.WriteGeoJSON], after converting its coordinates to d
// (rounded to 6 decimals, as the catalog's own are).
func (h *handler) buildFeatures(d geo.Datum) (*featureSet, error) {
	cat := h.cat
	if d != geo.WGS84 {
		sites := make([]heritage.Site, len(h.sites))
		for i, s := range h.sites {
			s = s.Clone()
			s.Location = convertPoint(s.Location, d)
			for _, ring := range s.Footprint {
				for k := range ring {
					ring[k] = convertPoint(ring[k], d)
				}
			}
			sites[i] = s
		}
		var err error
		if cat, err = heritage.NewCatalog(sites); err != nil {
			return nil, fmt.Errorf("web: sites in %s: %w", d, err)
		}
	}
	var buf bytes.Buffer
	if err := cat.WriteGeoJSON(&buf); err != nil {
		return nil, fmt.Errorf("web: sites in %s: %w", d, err)
	}
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		return nil, fmt.Errorf("web: sites in %s: reading heritage's GeoJSON: %w", d, err)
	}
	if len(fc.Features) != len(h.sites) {
		return nil, fmt.Errorf("web: sites in %s: heritage wrote %d features for %d sites", d, len(fc.Features), len(h.sites))
	}
	fs := &featureSet{datum: d, features: fc.Features}
	all := make([]int, len(h.sites))
	for i := range all {
		all[i] = i
	}
	fs.all = newCached(fs.collection(all), contentGeoJSON)
	return fs, nil
}

// convertPoint converts a WGS-84 point to d, rounded to 6 decimals.
func convertPoint(p orb.Point, d geo.Datum) orb.Point {
	return orb.Round(geo.Convert(p, geo.WGS84, d), 1e6).(orb.Point)
}

// collection writes the FeatureCollection of the sites at the given
// catalog indices, one Feature per line. Coordinates in another datum
// than WGS-84 (which RFC 7946 prescribes) are stated in a "datum"
// foreign member, as route/export does; WGS-84 collections have none, so
// that heritage.Load reads them back.
func (fs *featureSet) collection(idx []int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection",`)
	if fs.datum != geo.WGS84 {
		fmt.Fprintf(&b, `"datum":%q,`, fs.datum)
	}
	b.WriteString(`"features":[`)
	for k, i := range idx {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		b.Write(fs.features[i])
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// feature writes the Feature of the site at catalog index i, with a
// "datum" foreign member when not in WGS-84.
func (fs *featureSet) feature(i int) []byte {
	f := bytes.TrimSpace(fs.features[i])
	var b bytes.Buffer
	if fs.datum == geo.WGS84 {
		b.Write(f)
	} else {
		fmt.Fprintf(&b, `{"datum":%q,`, fs.datum)
		b.Write(f[1:]) // heritage writes an object: drop its "{"
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// getSites serves GET /api/sites.
func (h *handler) getSites(w http.ResponseWriter, r *http.Request) {
	q, err := parseSitesQuery(r.URL.Query())
	if err != nil {
		writeAPIError(w, err)
		return
	}
	for _, t := range q.themes {
		if !slices.Contains(h.themes, t) {
			writeError(w, http.StatusBadRequest, codeBadQuery, fmt.Sprintf(
				"query parameter theme %q: no site of the catalog carries it (themes: %s)", t, strings.Join(h.themes, ", ")))
			return
		}
	}
	fs, err := h.features[q.datum]()
	if err != nil {
		writeAPIError(w, err)
		return
	}
	if q.text == "" && q.near == nil && len(q.themes) == 0 && len(q.kinds) == 0 {
		serveCached(w, r, fs.all)
		return
	}
	serveCached(w, r, newCached(fs.collection(h.selectSites(q)), contentGeoJSON))
}

// selectSites returns the catalog indices of the sites q selects: in
// search rank order with "q", else nearest first with "near", else in
// catalog order.
func (h *handler) selectSites(q siteQuery) []int {
	var order []heritage.Site
	var inText, inNear map[string]bool
	if q.text != "" {
		order = h.cat.Search(q.text)
		inText = idSet(order)
	}
	if q.near != nil {
		near := h.cat.Within(*q.near, q.radius)
		inNear = idSet(near)
		if order == nil && q.text == "" {
			order = near
		}
	}
	if order == nil && q.text == "" && q.near == nil {
		order = h.sites
	}
	out := []int{}
	for _, s := range order {
		switch {
		case len(q.kinds) > 0 && !slices.Contains(q.kinds, s.Kind),
			len(q.themes) > 0 && !slices.ContainsFunc(q.themes, s.HasTheme),
			inText != nil && !inText[s.ID],
			inNear != nil && !inNear[s.ID]:
			continue
		}
		out = append(out, h.index[s.ID])
	}
	return out
}

func idSet(sites []heritage.Site) map[string]bool {
	m := make(map[string]bool, len(sites))
	for _, s := range sites {
		m[s.ID] = true
	}
	return m
}

// getSite serves GET /api/sites/{id...}.
func (h *handler) getSite(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := onlyParams(v, "datum"); err != nil {
		writeAPIError(w, err)
		return
	}
	d, err := datumParam(v)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	id := r.PathValue("id")
	i, ok := h.index[id]
	if !ok {
		writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("no site with ID %q in the catalog", clip(id, 120)))
		return
	}
	fs, err := h.features[d]()
	if err != nil {
		writeAPIError(w, err)
		return
	}
	serveCached(w, r, newCached(fs.feature(i), contentGeoJSON))
}
