package tour

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-json"
	"github.com/goccy/go-json/jsontext"
	jsonv2 "github.com/goccy/go-json/v2"

	"github.com/chuanzhu/chuanzhu/geo"
)

// requestJSON is the JSON form of a [Request]: its members are named in
// Request's field comments.
type requestJSON struct {
	Sites     []string   `json:"sites,omitempty"`
	Theme     string     `json:"theme,omitempty"`
	Start     *Endpoint  `json:"start,omitempty"`
	End       *Endpoint  `json:"end,omitempty"`
	Hotels    []Endpoint `json:"hotels,omitempty"`
	Date      string     `json:"date,omitempty"`
	StartTime string     `json:"start_time,omitempty"`
	Hours     float64    `json:"hours,omitempty"`
	Days      int        `json:"days,omitempty"`
	Mode      string     `json:"mode,omitempty"`
	Break     *breakJSON `json:"break,omitempty"`
	Datum     string     `json:"datum,omitempty"`
}

// breakJSON is the JSON form of a [Break].
type breakJSON struct {
	Minutes int    `json:"minutes"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
}

// The members of the JSON forms, for error messages.
const (
	requestMembers = "a plan request has sites, theme, start, end, hotels, date, start_time, hours, days, mode, break and datum"
	breakMembers   = "a break has minutes, from and to"
)

// DecodeRequest reads a [Request] from its JSON form, one JSON object,
// strictly: member names match case-sensitively, and unknown or repeated
// members, trailing data, invalid UTF-8 and values of the wrong type are
// errors. Points stay in the request's datum ([Problem] converts them).
//
// Every error is a [*FieldError] naming the member at fault ("days",
// "break.from", "sites[2]"), with Err [ErrSyntax] when the body is not
// one JSON object (Field empty), [ErrUnknownField] for an unknown member
// and [ErrInvalid] for a value that is not of the member's type or form
// (a date that is not in the calendar has Field "date"). Values of the
// right form are checked by [Problem], not here.
func DecodeRequest(b []byte) (Request, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return Request{}, &FieldError{Reason: "empty body: want a JSON object", Err: ErrSyntax}
	case b[0] != '{':
		return Request{}, &FieldError{Reason: "the body must be a JSON object", Err: ErrSyntax}
	}
	var r requestJSON
	if err := jsonv2.Unmarshal(b, &r, jsonv2.RejectUnknownMembers(true)); err != nil {
		return Request{}, decodeError(err)
	}
	return r.request()
}

// UnmarshalJSON reads r's JSON form as [DecodeRequest] does; null leaves
// r unchanged. Location, which has no JSON form, is kept.
func (r *Request) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	v, err := DecodeRequest(b)
	if err != nil {
		return err
	}
	v.Location = r.Location
	*r = v
	return nil
}

// MarshalJSON writes r's JSON form, leaving out the members of zero
// fields. A Mode that is not one of geo.ParseMode's named modes, a Break
// that is not a whole number of minutes and an unknown Datum have no JSON
// form and are errors.
func (r Request) MarshalJSON() ([]byte, error) {
	out := requestJSON{Sites: r.Sites, Theme: r.Theme, Hotels: r.Hotels, Days: r.Days, Hours: r.DayLength.Hours()}
	if !r.Start.IsZero() {
		out.Start = &r.Start
	}
	if !r.End.IsZero() {
		out.End = &r.End
	}
	if !r.Date.IsZero() {
		out.Date = r.Date.String()
	}
	if r.StartTime != 0 {
		out.StartTime = r.StartTime.String()
	}
	if r.Mode != (geo.Mode{}) {
		if m, err := geo.ParseMode(r.Mode.Name); err != nil || m != r.Mode {
			return nil, fmt.Errorf("tour: mode %q has no JSON form: only geo.ParseMode's named modes have one", r.Mode.Name)
		}
		out.Mode = r.Mode.Name
	}
	if b := r.Break; b != nil {
		if b.Duration%time.Minute != 0 {
			return nil, fmt.Errorf("tour: a break of %s has no JSON form: want whole minutes", b.Duration)
		}
		out.Break = &breakJSON{Minutes: int(b.Duration / time.Minute)}
		if b.From != 0 {
			out.Break.From = b.From.String()
		}
		if b.To != 0 {
			out.Break.To = b.To.String()
		}
	}
	switch r.Datum {
	case geo.WGS84:
	case geo.GCJ02, geo.BD09:
		out.Datum = r.Datum.String()
	default:
		return nil, fmt.Errorf("tour: unknown datum %v", r.Datum)
	}
	return json.Marshal(out)
}

// request converts the JSON form to a Request, reading the members
// written as text or in other units.
func (r *requestJSON) request() (Request, error) {
	req := Request{Sites: r.Sites, Theme: r.Theme, Hotels: r.Hotels, Days: r.Days}
	if r.Start != nil {
		req.Start = *r.Start
	}
	if r.End != nil {
		req.End = *r.End
	}
	var err error
	if r.Date != "" {
		if req.Date, err = ParseDate(r.Date); err != nil {
			return req, err
		}
	}
	if req.StartTime, err = startTime(r.StartTime); err != nil {
		return req, err
	}
	if r.Hours != 0 {
		if req.DayLength, err = Hours(r.Hours); err != nil {
			return req, err
		}
	}
	if r.Mode != "" {
		if req.Mode, err = geo.ParseMode(r.Mode); err != nil {
			return req, &FieldError{Field: "mode", Value: r.Mode, Reason: strings.TrimPrefix(err.Error(), "geo: "), Err: ErrInvalid}
		}
	}
	if r.Datum != "" {
		if req.Datum, err = geo.ParseDatum(r.Datum); err != nil {
			return req, fieldErr("datum", r.Datum, ErrInvalid, "not a datum (known: wgs84, gcj02, bd09)")
		}
	}
	if r.Break != nil {
		req.Break, err = r.Break.value()
	}
	return req, err
}

// startTime reads the member start_time; "" is the zero Clock.
func startTime(s string) (Clock, error) {
	if s == "" {
		return 0, nil
	}
	c, err := ParseClock(s)
	if err != nil {
		return 0, renamed(err, "start_time")
	}
	if c == 0 {
		// A zero StartTime means the default: a day starting at
		// midnight cannot be asked for.
		return 0, fieldErr("start_time", s, ErrInvalid, "a day cannot start at 00:00; use 00:01 or later")
	}
	return c, nil
}

// value converts the JSON form of a break.
func (b *breakJSON) value() (*Break, error) {
	if b.Minutes < 0 || b.Minutes > 24*60 {
		return nil, fieldErr("break.minutes", strconv.Itoa(b.Minutes), ErrInvalid, "want 0 to 1440 minutes")
	}
	out := &Break{Duration: time.Duration(b.Minutes) * time.Minute}
	var err error
	if b.From != "" {
		if out.From, err = ParseClock(b.From); err != nil {
			return nil, renamed(err, "break.from")
		}
	}
	if b.To != "" {
		if out.To, err = ParseClock(b.To); err != nil {
			return nil, renamed(err, "break.to")
		}
	}
	return out, nil
}

// renamed returns err, a *FieldError, for the field named field.
func renamed(err error, field string) error {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return err
	}
	c := *fe
	c.Field = field
	return &c
}

// Hours returns the day length of h hours, rounded to the minute, as the
// JSON member "hours" gives it: h must be more than 0 and at most 24, and
// come to at least a minute. Its error is a [*FieldError] for "hours".
func Hours(h float64) (time.Duration, error) {
	if !(h > 0 && h <= 24) {
		return 0, dayLengthError(h)
	}
	d := time.Duration(math.Round(h*60)) * time.Minute
	if d < time.Minute {
		return 0, dayLengthError(h)
	}
	return d, nil
}

// dayLengthError reports a day length of h hours outside a minute to 24
// hours.
func dayLengthError(h float64) *FieldError {
	return fieldErr("hours", strconv.FormatFloat(h, 'g', -1, 64), ErrInvalid, "want at least a minute and at most 24 hours")
}

// decodeError classifies an error of the encoding/json/v2 API.
func decodeError(err error) *FieldError {
	var syn *jsontext.SyntacticError
	var sem *jsonv2.SemanticError
	switch {
	case errors.As(err, &sem) && errors.Is(sem.Err, jsonv2.ErrUnknownName):
		known := requestMembers
		if memberPath(sem.JSONPointer.Parent()) == "break" {
			known = breakMembers
		}
		return &FieldError{Field: memberPath(sem.JSONPointer), Reason: "unknown member: " + known, Err: ErrUnknownField}
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return &FieldError{Reason: "malformed JSON: " + strings.TrimPrefix(err.Error(), "jsontext: "), Err: ErrSyntax}
	case errors.As(err, &sem):
		// A value of the wrong type, or the error of a member's own
		// decoder (an endpoint that is neither an ID nor [lon, lat]).
		fe := &FieldError{Field: memberPath(sem.JSONPointer), Err: ErrInvalid}
		switch {
		case sem.Err != nil:
			fe.Reason = strings.TrimPrefix(sem.Err.Error(), "tour: ")
		case sem.GoType != nil:
			fe.Reason = fmt.Sprintf("cannot use %s as %s", jsonKind(sem.JSONKind), sem.GoType)
		default:
			fe.Reason = strings.TrimPrefix(err.Error(), "json: ")
		}
		if fe.Field == "" {
			fe.Field = "a value"
		}
		return fe
	}
	return &FieldError{Reason: strings.TrimPrefix(err.Error(), "json: "), Err: ErrSyntax}
}

// memberPath writes a JSON pointer as a member path: "/sites/2" is
// "sites[2]", "/break/from" is "break.from". Names that are not plain
// words are quoted.
func memberPath(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if tok = fmt.Sprintf("%.60s", tok); plainWord(tok) {
			b.WriteString(tok)
		} else {
			b.WriteString(strconv.Quote(tok))
		}
	}
	return b.String()
}

// plainWord reports whether s is a non-empty run of ASCII letters,
// digits, '_' and '-'.
func plainWord(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return s != ""
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
