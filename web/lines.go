package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/chuanzhu/chuanzhu/tour"
)

// buildLines makes the catalog's themed lines with tour's defaults. It
// runs once, without a deadline: lines are deterministic and the same
// for every request.
func (h *handler) buildLines() ([]tour.Line, error) {
	lines, err := tour.Lines(context.Background(), h.cat)
	if err != nil {
		return nil, fmt.Errorf("web: themed lines: %w", err)
	}
	return lines, nil
}

// getLines serves GET /api/lines.
func (h *handler) getLines(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := onlyParams(v, "theme", "datum"); err != nil {
		writeAPIError(w, err)
		return
	}
	d, err := datumParam(v)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	themes, err := listParam(v, "theme")
	if err != nil {
		writeAPIError(w, err)
		return
	}
	for _, t := range themes {
		if !slices.Contains(h.themes, t) {
			writeError(w, http.StatusBadRequest, codeBadQuery, fmt.Sprintf(
				"query parameter theme %q: no site of the catalog carries it (themes: %s)", clip(t, 60), strings.Join(h.themes, ", ")))
			return
		}
	}
	lines, err := h.lines()
	if err != nil {
		writeAPIError(w, err)
		return
	}
	if len(themes) > 0 {
		var sel []tour.Line
		for _, l := range lines {
			if slices.Contains(themes, l.Theme.Slug) {
				sel = append(sel, l)
			}
		}
		lines = sel
	}
	var buf bytes.Buffer
	if err := tour.WriteJSON(&buf, lines, d); err != nil {
		writeAPIError(w, err)
		return
	}
	serveCached(w, r, newCached(buf.Bytes(), "application/json"))
}

// line returns the themed line with the given ID.
func (h *handler) line(id string) (*tour.Line, error) {
	lines, err := h.lines()
	if err != nil {
		return nil, err
	}
	for i := range lines {
		if lines[i].ID == id {
			return &lines[i], nil
		}
	}
	ids := make([]string, len(lines))
	for i := range lines {
		ids[i] = lines[i].ID
	}
	return nil, newError(http.StatusNotFound, codeNotFound, fmt.Sprintf("no themed line %q (lines: %s)", clip(id, 80), strings.Join(ids, ", ")))
}
