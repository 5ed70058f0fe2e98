package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

const contentGeoJSON = "application/geo+json"

// siteFormat is how the API writes sites: heritage's GeoJSON encoder in
// datum d, coordinates rounded to 6 decimals (about 0.1 m, RFC 7946's
// advice; the catalog's own have at most 6).
func siteFormat(d geo.Datum) []heritage.FeatureOption {
	return []heritage.FeatureOption{heritage.Datum(d), heritage.Decimals(6)}
}

// writeSites returns the FeatureCollection of sites in datum d.
func writeSites(sites []heritage.Site, d geo.Datum) (*cached, error) {
	var b bytes.Buffer
	if err := heritage.WriteGeoJSON(&b, sites, siteFormat(d)...); err != nil {
		return nil, fmt.Errorf("web: sites in %s: %w", d, err)
	}
	return newCached(b.Bytes(), contentGeoJSON), nil
}

// getSites serves GET /api/sites.
func (h *handler) getSites(w http.ResponseWriter, r *http.Request) error {
	q, err := parseSitesQuery(r.URL.Query())
	if err != nil {
		return err
	}
	if err := h.carried(q.themes); err != nil {
		return err
	}
	var c *cached
	if q.text == "" && q.near == nil && len(q.themes) == 0 && len(q.kinds) == 0 {
		c, err = h.allSites[q.datum]()
	} else {
		c, err = writeSites(h.selectSites(q), q.datum)
	}
	if err != nil {
		return err
	}
	serveCached(w, r, c)
	return nil
}

// carried returns an error naming the first of themes that no site of
// the catalog carries.
func (h *handler) carried(themes []string) error {
	for _, t := range themes {
		if !slices.Contains(h.themes, t) {
			return newError(http.StatusBadRequest, codeBadQuery, fmt.Sprintf(
				"query parameter theme %q: no site of the catalog carries it (themes: %s)", clip(t, 64), strings.Join(h.themes, ", ")))
		}
	}
	return nil
}

// selectSites returns the sites q selects: in search rank order with
// "q", else nearest first with "near", else in catalog order; kind and
// theme filter through heritage.Query.
func (h *handler) selectSites(q siteQuery) []heritage.Site {
	keep := idSet(h.cat.Filter(heritage.Query{Kinds: q.kinds, Themes: q.themes}))
	var order []heritage.Site
	switch {
	case q.text != "":
		order = h.cat.Search(q.text)
		if q.near != nil {
			near := idSet(h.cat.Within(*q.near, q.radius))
			order = slices.DeleteFunc(order, func(s heritage.Site) bool { return !near[s.ID] })
		}
	case q.near != nil:
		order = h.cat.Within(*q.near, q.radius)
	default:
		order = h.sites
	}
	out := []heritage.Site{}
	for _, s := range order {
		if keep[s.ID] {
			out = append(out, s)
		}
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
func (h *handler) getSite(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := onlyParams(v, "datum"); err != nil {
		return err
	}
	d, err := datumParam(v)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	site, ok := h.cat.Get(id)
	if !ok {
		return newError(http.StatusNotFound, codeNotFound, fmt.Sprintf("no site with ID %q in the catalog", clip(id, 120)))
	}
	b, err := json.Marshal(site.Feature(siteFormat(d)...))
	if err != nil {
		return fmt.Errorf("web: site %s: %w", id, err)
	}
	serveCached(w, r, newCached(append(b, '\n'), contentGeoJSON))
	return nil
}
