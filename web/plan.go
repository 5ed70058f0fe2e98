package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

// PlanRequest is the JSON body of POST /api/plan. Unknown members are
// rejected. Every member may be left out; the defaults are tour.Request's
// (a one-day, 8-hour loop by car from the county seat, starting 08:30
// today, over every heritage site of the catalog).
type PlanRequest struct {
	// Sites are the IDs of the sites to choose from; Theme a theme slug to
	// plan over instead. At most the handler's stop limit (WithMaxStops).
	Sites []string `json:"sites,omitempty"`
	Theme string   `json:"theme,omitempty"`
	// Start and End are a site or anchor ID ("anchor/jiangxian-county-seat")
	// or a point [lon, lat] in the request's Datum. End defaults to Start.
	Start tour.Endpoint `json:"start"`
	End   tour.Endpoint `json:"end"`
	// Hotels are where each night is spent (Days-1 endpoints), as Start.
	Hotels []tour.Endpoint `json:"hotels,omitempty"`
	// Date is the first day, "2006-01-02"; StartTime when each day
	// starts, "15:04".
	Date      string `json:"date,omitempty"`
	StartTime string `json:"start_time,omitempty"`
	// Hours is the length of each day in hours; Days the number of days.
	Hours float64 `json:"hours,omitempty"`
	Days  int     `json:"days,omitempty"`
	// Mode is the travel mode: walk, cycle, drive, drive-mountain, bus.
	Mode string `json:"mode,omitempty"`
	// Break is the daily break (default: an hour's lunch in 11:30–13:30).
	Break *tour.Break `json:"break,omitempty"`
	// Datum is the datum of the points in the request and of the
	// coordinates in the response: wgs84 (default), gcj02 or bd09.
	Datum string `json:"datum,omitempty"`
}

// decodePlanRequest reads one JSON object from body, strictly, with
// goccy/go-json's encoding/json/v2 API (as heritage does): member names
// match case-sensitively, and unknown or repeated members, trailing data,
// invalid UTF-8 and values of the wrong type are errors, each an
// *apiError naming the member.
func decodePlanRequest(body []byte) (PlanRequest, error) {
	var req PlanRequest
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return req, newError(http.StatusBadRequest, codeBadJSON, "empty body: want a JSON object")
	}
	if trimmed[0] != '{' {
		return req, newError(http.StatusBadRequest, codeBadJSON, "the body must be a JSON object")
	}
	if err := jsonv2.Unmarshal(trimmed, &req, jsonv2.RejectUnknownMembers(true)); err != nil {
		return PlanRequest{}, jsonError(err)
	}
	return req, nil
}

// jsonError classifies a decoding error of the encoding/json/v2 API.
func jsonError(err error) *apiError {
	var syn *jsontext.SyntacticError
	var sem *jsonv2.SemanticError
	switch {
	case errors.As(err, &sem) && errors.Is(sem.Err, jsonv2.ErrUnknownName):
		name, where := sem.JSONPointer.LastToken(), memberName(sem.JSONPointer.Parent())
		msg := fmt.Sprintf("unknown member %q", clip(name, 60))
		if where != "" {
			msg += " in " + where
		}
		return newError(http.StatusBadRequest, codeUnknownField, msg+
			": a plan request has sites, theme, start, end, hotels, date, start_time, hours, days, mode, break and datum; a break has minutes, from and to")
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return newError(http.StatusBadRequest, codeBadJSON, "malformed JSON: "+strings.TrimPrefix(err.Error(), "jsontext: "))
	case errors.As(err, &sem):
		// A value of the wrong type, or the error of a member's own
		// decoder (an endpoint that is neither an ID nor [lon, lat], a
		// break time that is not 15:04).
		msg := "a value"
		if m := memberName(sem.JSONPointer); m != "" {
			msg = m
		}
		switch {
		case sem.Err != nil:
			msg += ": " + strings.TrimPrefix(sem.Err.Error(), "tour: ")
		case sem.GoType != nil:
			msg += fmt.Sprintf(": cannot use %s as %s", jsonKind(sem.JSONKind), sem.GoType)
		default:
			msg += ": " + strings.TrimPrefix(err.Error(), "json: ")
		}
		return newError(http.StatusBadRequest, codeBadField, msg)
	}
	return newError(http.StatusBadRequest, codeBadJSON, strings.TrimPrefix(err.Error(), "json: "))
}

// memberName writes a JSON pointer as a member path: "/sites/2" is
// "sites[2]", "/break/from" is "break.from".
func memberName(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(clip(tok, 60))
	}
	return b.String()
}

// jsonKind names a JSON kind for messages.
func jsonKind(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 'f', 't':
		return "a boolean"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "this value"
}

// toTour converts the request to a tour.Request and the output datum,
// checking what tour does not: dates and times as text, the datum, and
// the stop limit of a site list.
func (pr *PlanRequest) toTour(maxStops int) (tour.Request, geo.Datum, error) {
	var req tour.Request
	d := geo.WGS84
	if pr.Datum != "" {
		var err error
		if d, err = geo.ParseDatum(pr.Datum); err != nil {
			return req, d, newError(http.StatusBadRequest, codeBadField, fmt.Sprintf("datum %q: not a datum (known: wgs84, gcj02, bd09)", clip(pr.Datum, 40)))
		}
	}
	if len(pr.Sites) > maxStops {
		return req, d, newError(http.StatusUnprocessableEntity, codeTooManyStops,
			fmt.Sprintf("sites: %d sites, at most %d per plan", len(pr.Sites), maxStops))
	}
	if pr.Date != "" {
		date, err := tour.ParseDate(pr.Date)
		if err != nil {
			return req, d, newError(http.StatusBadRequest, codeBadDate, strings.TrimPrefix(err.Error(), "tour: "))
		}
		req.Date = date
	}
	if pr.StartTime != "" {
		c, err := tour.ParseClock(pr.StartTime)
		if err != nil {
			return req, d, newError(http.StatusBadRequest, codeBadField, "start_time: "+strings.TrimPrefix(err.Error(), "tour: "))
		}
		if c == 0 {
			// tour reads a zero clock as "unset": a day starting at
			// midnight cannot be asked for.
			return req, d, newError(http.StatusBadRequest, codeBadField, "start_time: a day cannot start at 00:00; use 00:01 or later")
		}
		req.StartTime = c
	}
	req.Sites = pr.Sites
	req.Theme = pr.Theme
	req.Start = toWGS84(pr.Start, d)
	req.End = toWGS84(pr.End, d)
	for _, h := range pr.Hotels {
		req.Hotels = append(req.Hotels, toWGS84(h, d))
	}
	req.Hours = pr.Hours
	req.Days = pr.Days
	req.Mode = pr.Mode
	req.Break = pr.Break
	return req, d, nil
}

// toWGS84 converts a point endpoint from d to WGS-84.
func toWGS84(e tour.Endpoint, d geo.Datum) tour.Endpoint {
	if e.Point == nil || d == geo.WGS84 {
		return e
	}
	return tour.AtPoint(geo.Convert(*e.Point, d, geo.WGS84))
}

// tourError maps an error of tour.Problem or route.Solve to a response.
func tourError(err error) *apiError {
	msg := strings.TrimPrefix(err.Error(), "tour: ")
	var fe *tour.FieldError
	switch {
	case errors.Is(err, tour.ErrUnknownSite):
		return newError(http.StatusUnprocessableEntity, codeUnknownSite, msg)
	case errors.Is(err, tour.ErrUnknownTheme):
		return newError(http.StatusUnprocessableEntity, codeUnknownTheme, msg)
	case errors.Is(err, tour.ErrNoSites):
		return newError(http.StatusUnprocessableEntity, codeNoSites, msg)
	case errors.Is(err, tour.ErrTooLarge):
		return newError(http.StatusUnprocessableEntity, codeTooLarge, msg)
	case errors.As(err, &fe) && fe.Field == "date":
		return newError(http.StatusBadRequest, codeBadDate, msg)
	case errors.Is(err, tour.ErrInvalid):
		return newError(http.StatusBadRequest, codeBadField, msg)
	}
	// route.Solve refused the problem (an unreachable leg, …): the
	// request is well-formed but cannot be planned.
	return newError(http.StatusUnprocessableEntity, codeUnplannable, strings.TrimPrefix(msg, "route: "))
}

// plan resolves req into a route problem within the handler's limits and
// solves it under the plan deadline, waiting for a free solver first
// when admitted (admit).
func (h *handler) plan(ctx context.Context, req tour.Request) (*route.Plan, error) {
	p, err := tour.Problem(h.cat, req)
	if err != nil {
		return nil, tourError(err)
	}
	if len(p.Stops) > h.cfg.maxStops {
		return nil, newError(http.StatusUnprocessableEntity, codeTooManyStops, fmt.Sprintf(
			"the request gives %d sites to choose from, at most %d per plan: list fewer sites or pick a theme", len(p.Stops), h.cfg.maxStops))
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.planTimeout)
	defer cancel()
	release, err := h.admit(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	plan, err := h.solve(ctx, p)
	if err != nil {
		return nil, tourError(err)
	}
	return plan, nil
}

// planFormat returns the content type of an output format of POST
// /api/plan; ok is false for unknown formats.
func planFormat(format string) (contentType string, ok bool) {
	switch format {
	case "json":
		return "application/json", true
	case "geojson":
		return contentGeoJSON, true
	case "gpx":
		return "application/gpx+xml", true
	case "kml":
		return "application/vnd.google-earth.kml+xml", true
	case "jsonld":
		return "application/ld+json", true
	case "svg":
		return "image/svg+xml", true
	case "text":
		return "text/plain; charset=utf-8", true
	}
	return "", false
}

// postPlan serves POST /api/plan.
func (h *handler) postPlan(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := onlyParams(v, "format", "lang"); err != nil {
		writeAPIError(w, err)
		return
	}
	format, _, err := singleParam(v, "format")
	if err != nil {
		writeAPIError(w, err)
		return
	}
	if format == "" {
		format = "json"
	}
	ctype, ok := planFormat(format)
	if !ok {
		writeError(w, http.StatusBadRequest, codeBadQuery, fmt.Sprintf(
			"query parameter format %q: not a format (known: json, geojson, gpx, kml, jsonld, svg, text)", clip(format, 40)))
		return
	}
	lang, err := langParam(v)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			writeError(w, http.StatusUnsupportedMediaType, codeUnsupportedMedia, fmt.Sprintf("Content-Type %q: send application/json", clip(ct, 60)))
			return
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, codeBodyTooLarge, fmt.Sprintf("the body is larger than %d bytes", h.cfg.maxBody))
			return
		}
		writeError(w, http.StatusBadRequest, codeBadJSON, "reading the body: "+err.Error())
		return
	}
	pr, err := decodePlanRequest(body)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	req, datum, err := pr.toTour(h.cfg.maxStops)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	plan, err := h.plan(r.Context(), req)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	if r.Context().Err() != nil {
		// The client went away (its solve was canceled with it): no one
		// reads an answer. Say so in case a proxy is still listening.
		writeError(w, http.StatusServiceUnavailable, codeCanceled, "the request was canceled")
		return
	}
	var buf bytes.Buffer
	if err := h.writePlan(&buf, plan, format, datum, lang, req.Mode); err != nil {
		writeAPIError(w, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// writePlan writes plan in format.
func (h *handler) writePlan(w io.Writer, plan *route.Plan, format string, d geo.Datum, lang, mode string) error {
	if mode == "" {
		mode = tour.DefaultMode
	}
	opts := []export.Option{export.Catalog(h.cat), export.Datum(d), export.Lang(lang), export.Mode(mode)}
	switch format {
	case "geojson":
		return export.GeoJSON(w, plan, opts...)
	case "gpx":
		return export.GPX(w, plan, opts...)
	case "kml":
		return export.KML(w, plan, opts...)
	case "jsonld":
		return export.JSONLD(w, plan, opts...)
	case "svg":
		return export.SVG(w, plan, opts...)
	case "text":
		return export.Text(w, plan, lang, opts...)
	}
	return export.JSON(w, plan, opts...)
}

// langParam reads the optional "lang" parameter: zh (default) or en.
func langParam(v map[string][]string) (string, error) {
	s, ok, err := singleParam(v, "lang")
	if err != nil || !ok {
		return "zh", err
	}
	if s != "zh" && s != "en" {
		return "", queryError("lang", s, "not a language (known: zh, en)")
	}
	return s, nil
}
