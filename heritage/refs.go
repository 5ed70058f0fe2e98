package heritage

import "strconv"

// References between sites (presented_at, visit_via) are checked once
// every site of a catalog is known: by Load and NewCatalog within their
// input (and the catalogs given with ReferTo), by Merge over the union.

// kindOf says what kind of site an ID names; ok is false if none.
type kindOf func(id string) (k Kind, ok bool)

// kindIn returns the kindOf of the sites of rows, whose IDs byID maps to
// their positions, then of the catalogs also (in order).
func kindIn(rows []row, byID *idIndex, also []*Catalog) kindOf {
	rowID := func(i int) string { return rows[i].id }
	return func(id string) (Kind, bool) {
		if i, ok := byID.get(id, rowID); ok {
			return rows[i].kindOf(), true
		}
		for _, c := range also {
			if s, ok := c.Get(id); ok {
				return s.Kind, true
			}
		}
		return "", false
	}
}

// checkRefs reports every reference of the sites of rows to a site that
// kind does not know, and every presented_at that names a site that is
// not a museum. index gives the input position of rows[i] for the report
// (-1 for none); prefix goes before each field name.
func checkRefs(rows []row, index func(i int) int, prefix string, kind kindOf, ps *problems) {
	for i := range rows {
		s := &rows[i]
		for j, id := range s.presentedAt() {
			field := prefix + "presented_at[" + strconv.Itoa(j) + "]"
			switch k, ok := kind(id); {
			case !ValidID(id) || id == s.id:
				// reported by the validator
			case !ok:
				ps.addf(index(i), s.id, field, ErrReference, "%q is not a site of the catalog", id)
			case k != Museum:
				ps.addf(index(i), s.id, field, ErrReference, "%q is a %s, not a museum", id, k)
			}
		}
		if id := s.visitVia(); id != "" && ValidID(id) && id != s.id {
			if _, ok := kind(id); !ok {
				ps.addf(index(i), s.id, prefix+"visit_via", ErrReference, "%q is not a site of the catalog", id)
			}
		}
	}
}

// hasRefs reports whether any of rows refers to another site.
func hasRefs(rows []row) bool {
	for i := range rows {
		if len(rows[i].presentedAt()) > 0 || rows[i].visitVia() != "" {
			return true
		}
	}
	return false
}
