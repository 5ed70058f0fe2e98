package web

import (
	"net/http"
	"strconv"

	"github.com/goccy/go-json"
)

// Error codes of the JSON error body {"error": {"code", "message"}}; the
// package documentation lists which status each comes with.
const (
	codeBadJSON          = "bad_json"           // 400: the body is not one JSON object
	codeUnknownField     = "unknown_field"      // 400: a member the request type does not have
	codeBadField         = "bad_field"          // 400: a member of the wrong type or value
	codeBadDate          = "bad_date"           // 400: a date that is not in the calendar
	codeBadQuery         = "bad_query"          // 400: a bad query-string parameter
	codeNotFound         = "not_found"          // 404: unknown site or endpoint
	codeMethodNotAllowed = "method_not_allowed" // 405
	codeUnsupportedMedia = "unsupported_media"  // 415: a body that is not application/json
	codeBodyTooLarge     = "body_too_large"     // 413
	codeUnknownSite      = "unknown_site"       // 422: a plan names a site the catalog lacks
	codeUnknownTheme     = "unknown_theme"      // 422: a plan names a theme no site carries
	codeNoSites          = "no_sites"           // 422: nothing to plan
	codeTooManyStops     = "too_many_stops"     // 422: more sites than the handler allows
	codeTooLarge         = "too_large"          // 422: more days (or sites) than the planner allows
	codeUnplannable      = "unplannable"        // 422: the planner refused the problem
	codeCORSForbidden    = "cors_forbidden"     // 403: a preflight from an origin not allowed
	codeCanceled         = "canceled"           // 503: the request was canceled during the solve
	codeBusy             = "busy"               // 503: no solver free within the plan deadline
	codeInternal         = "internal"           // 500
)

// errorBody is the JSON form of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiError is an error with the HTTP status and code it is answered with.
type apiError struct {
	status     int
	code       string
	message    string
	retryAfter int // seconds for a Retry-After header; 0: none
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func newError(status int, code, message string) *apiError {
	return &apiError{status: status, code: code, message: message}
}

// writeError writes the JSON error body with status.
func writeError(w http.ResponseWriter, status int, code, message string) {
	b, err := json.Marshal(errorBody{errorDetail{Code: code, Message: message}})
	if err != nil { // strings always encode; keep a body anyway
		b = []byte(`{"error":{"code":"internal","message":"error encoding failed"}}`)
	}
	b = append(b, '\n')
	hd := w.Header()
	hd.Del("ETag")
	hd.Del("Cache-Control")
	hd.Set("Content-Type", "application/json")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeAPIError writes err: an *apiError with its status and code, any
// other error as a 500. The library's errors hold no secrets (they name
// sites and fields), so their text is passed on.
func writeAPIError(w http.ResponseWriter, err error) {
	if e, ok := err.(*apiError); ok {
		if e.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(e.retryAfter))
		}
		writeError(w, e.status, e.code, e.message)
		return
	}
	writeError(w, http.StatusInternalServerError, codeInternal, "internal error: "+err.Error())
}

// apiFunc is an API endpoint that returns its error rather than writing
// it: before it has written anything, it may return an *apiError (or any
// error, answered 500), which ServeHTTP writes as the JSON error body.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

func (f apiFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := f(w, r); err != nil {
		writeAPIError(w, err)
	}
}
