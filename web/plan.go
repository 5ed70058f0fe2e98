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

	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
	"github.com/chuanzhu/chuanzhu/tour"
)

// decodePlanRequest reads the body of POST /api/plan, a tour.Request in
// its JSON form (read strictly by tour.DecodeRequest; points in the
// request's datum), and checks the handler's stop limit on a site list.
// Errors are *apiError.
func decodePlanRequest(body []byte, maxStops int) (tour.Request, error) {
	req, err := tour.DecodeRequest(body)
	if err != nil {
		return req, tourError(err)
	}
	if len(req.Sites) > maxStops {
		return req, newError(http.StatusUnprocessableEntity, codeTooManyStops,
			fmt.Sprintf("sites: %d sites, at most %d per plan", len(req.Sites), maxStops))
	}
	return req, nil
}

// tourError maps an error of tour.DecodeRequest, tour.Problem or
// route.Solve to a response.
func tourError(err error) *apiError {
	msg := strings.TrimPrefix(err.Error(), "tour: ")
	var fe *tour.FieldError
	switch {
	case errors.Is(err, tour.ErrSyntax):
		return newError(http.StatusBadRequest, codeBadJSON, msg)
	case errors.Is(err, tour.ErrUnknownField):
		return newError(http.StatusBadRequest, codeUnknownField, msg)
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

// planFormat reads the "format" parameter of POST /api/plan: a name of
// export.Formats, json by default.
func planFormat(v map[string][]string) (export.Format, error) {
	name, ok, err := singleParam(v, "format")
	if err != nil {
		return export.Format{}, err
	}
	if !ok || name == "" {
		name = "json"
	}
	f, err := export.ParseFormat(name)
	if err != nil {
		return f, queryError("format", name, "not a format (known: "+strings.Join(export.FormatNames(), ", ")+")")
	}
	return f, nil
}

// postPlan serves POST /api/plan.
func (h *handler) postPlan(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := onlyParams(v, "format", "lang"); err != nil {
		return err
	}
	format, err := planFormat(v)
	if err != nil {
		return err
	}
	lang, err := langParam(v)
	if err != nil {
		return err
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return newError(http.StatusUnsupportedMediaType, codeUnsupportedMedia, fmt.Sprintf("Content-Type %q: send application/json", clip(ct, 60)))
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return newError(http.StatusRequestEntityTooLarge, codeBodyTooLarge, fmt.Sprintf("the body is larger than %d bytes", h.cfg.maxBody))
		}
		return newError(http.StatusBadRequest, codeBadJSON, "reading the body: "+err.Error())
	}
	req, err := decodePlanRequest(body, h.cfg.maxStops)
	if err != nil {
		return err
	}
	plan, err := h.plan(r.Context(), req)
	if err != nil {
		return err
	}
	if r.Context().Err() != nil {
		// The client went away (its solve was canceled with it): no one
		// reads an answer. Say so in case a proxy is still listening.
		return newError(http.StatusServiceUnavailable, codeCanceled, "the request was canceled")
	}
	var buf bytes.Buffer
	opts := []export.Option{export.Catalog(h.cat), export.Datum(req.Datum), export.Lang(lang)}
	if err := format.Write(&buf, plan, opts...); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", format.ContentType)
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
	return nil
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
