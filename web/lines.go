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
func (h *handler) getLines(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := onlyParams(v, "theme", "datum"); err != nil {
		return err
	}
	d, err := datumParam(v)
	if err != nil {
		return err
	}
	themes, err := listParam(v, "theme")
	if err != nil {
		return err
	}
	if err := h.carried(themes); err != nil {
		return err
	}
	lines, err := h.lines()
	if err != nil {
		return err
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
		return err
	}
	serveCached(w, r, newCached(buf.Bytes(), "application/json"))
	return nil
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
