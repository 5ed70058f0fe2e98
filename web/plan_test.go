package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goccy/go-json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/route"
	"github.com/chuanzhu/chuanzhu/route/export"
)

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// capture makes h keep the plan its solver returns in *got, so that a
// test can check the plan and the answer written from it.
func capture(h *handler, got **route.Plan) *handler {
	solve := h.solve
	h.solve = func(ctx context.Context, p route.Problem, opts ...route.Option) (*route.Plan, error) {
		plan, err := solve(ctx, p, opts...)
		*got = plan
		return plan, err
	}
	return h
}

// checkAnswer checks that the body of a JSON plan answer is route/export's
// JSON form of plan, in datum d, named from h's catalog (the form itself
// is export's tests' concern).
func checkAnswer(t *testing.T, h *handler, plan *route.Plan, d geo.Datum, body []byte) {
	t.Helper()
	require.NotNil(t, plan, "the solver ran")
	var want bytes.Buffer
	require.NoError(t, export.JSON(&want, plan, export.Catalog(h.cat), export.Datum(d)))
	assert.Equal(t, want.String(), string(body))
}

// checkPlan checks the invariants of a planned request: every visit is
// one of allowed (when given) and is visited once, the day's times run
// forward, the skipped and visited sites are disjoint, and totals add up.
func checkPlan(t *testing.T, p *route.Plan, allowed []string) {
	t.Helper()
	seen := map[string]bool{}
	visits, score := 0, 0
	var travel time.Duration
	for _, d := range p.Days {
		prev := d.Depart
		var dayTravel time.Duration
		for _, v := range d.Visits {
			id := v.Stop.ID
			require.False(t, seen[id], "visited twice: %s", id)
			seen[id] = true
			if allowed != nil {
				assert.Contains(t, allowed, id)
			}
			visits++
			score += v.Stop.Score
			assert.False(t, v.Arrival.Before(prev), "times run forward at %s", id)
			assert.False(t, v.Start.Before(v.Arrival), id)
			assert.True(t, v.Start.Before(v.Departure), id)
			prev = v.Departure
		}
		for _, lg := range d.Legs {
			dayTravel += lg.Duration
			assert.GreaterOrEqual(t, lg.Distance, 0.0)
		}
		assert.Equal(t, dayTravel, d.Travel, "day travel is the sum of its legs")
		travel += d.Travel
	}
	for _, s := range p.Skipped {
		assert.False(t, seen[s.ID], "%s both visited and skipped", s.ID)
		assert.Contains(t, []route.Reason{route.ReasonBudget, route.ReasonClosed, route.ReasonUnreachable}, s.Reason)
	}
	if allowed != nil {
		assert.Equal(t, len(allowed), visits+len(p.Skipped), "every requested site is visited or skipped")
	}
	assert.Equal(t, visits, p.Visited)
	assert.Equal(t, score, p.Score)
	assert.Equal(t, travel, p.Travel)
	assert.NotEqual(t, route.Canceled, p.Status)
}

func TestPostPlan(t *testing.T) {
	cat := heritage.Default()
	seat, _ := cat.Get("anchor/jiangxian-county-seat")
	seatGCJ := geo.WGS84ToGCJ02(seat.Location)
	cst := time.FixedZone("CST", 8*3600)
	var p *route.Plan
	h := capture(defaultHandler(), &p)
	tests := []struct {
		name    string
		body    string
		datum   geo.Datum
		allowed []string
		check   func(t *testing.T, body []byte)
	}{
		{name: "ten sites", body: mustJSON(t, map[string]any{"sites": tenSites(), "date": "2027-05-04", "start_time": "08:30", "hours": 9, "days": 1, "mode": "drive", "datum": "wgs84"}),
			allowed: tenSites(), check: func(t *testing.T, _ []byte) {
				require.Len(t, p.Days, 1)
				d := p.Days[0]
				assert.Equal(t, "2027-05-04", d.Depart.Format(time.DateOnly))
				assert.Equal(t, "anchor/jiangxian-county-seat", d.Start.ID, "the county seat is the default start")
				require.NotNil(t, d.End)
				assert.Equal(t, d.Start.ID, d.End.ID, "a loop by default")
				assert.False(t, d.Depart.Before(time.Date(2027, 5, 4, 8, 30, 0, 0, cst)))
				assert.False(t, d.Return.After(time.Date(2027, 5, 4, 17, 30, 0, 0, cst)), "within 9 hours")
				assert.NotEmpty(t, d.Visits)
			}},
		{name: "theme", body: `{"theme":"jin-culture","date":"2027-05-04"}`, check: func(t *testing.T, _ []byte) {
			for _, d := range p.Days {
				for _, v := range d.Visits {
					s, ok := cat.Get(v.Stop.ID)
					require.True(t, ok)
					assert.True(t, s.HasTheme("jin-culture"), v.Stop.ID)
				}
			}
			assert.NotZero(t, p.Visited)
		}},
		{name: "short day skips for budget", body: `{"theme":"jin-culture","date":"2027-05-04","hours":3}`, check: func(t *testing.T, body []byte) {
			require.NotEmpty(t, p.Skipped)
			assert.True(t, slices.ContainsFunc(p.Skipped, func(s route.Skip) bool { return s.Reason == route.ReasonBudget }))
			s, ok := cat.Get(p.Skipped[0].ID)
			require.True(t, ok)
			assert.Contains(t, string(body), s.Name.Zh, "skipped sites are named")
		}},
		{name: "points and ids", body: `{"sites":["jiangxian/chexiangcheng","jiangxian/taiyin-temple"],"start":[111.6,35.5],"end":"anchor/houma-station","date":"2027-05-04"}`,
			allowed: []string{"jiangxian/chexiangcheng", "jiangxian/taiyin-temple"}, check: func(t *testing.T, _ []byte) {
				d := p.Days[0]
				assert.Equal(t, orb.Point{111.6, 35.5}, d.Start.Location)
				assert.Empty(t, d.Start.ID)
				require.NotNil(t, d.End)
				assert.Equal(t, "anchor/houma-station", d.End.ID)
			}},
		{name: "gcj02 in and out", body: mustJSON(t, map[string]any{"sites": []string{"jiangxian/chexiangcheng"}, "start": []float64{seatGCJ[0], seatGCJ[1]}, "datum": "gcj02", "date": "2027-05-04"}),
			datum: geo.GCJ02, check: func(t *testing.T, _ []byte) {
				start := geo.WGS84ToGCJ02(p.Days[0].Start.Location)
				assert.InDelta(t, seatGCJ[0], start[0], 2e-6, "the start is read in the datum it was given in")
				assert.InDelta(t, seatGCJ[1], start[1], 2e-6)
				require.Len(t, p.Days[0].Visits, 1)
			}},
		{name: "two days", body: `{"theme":"temples-architecture","date":"2027-05-04","days":2}`, check: func(t *testing.T, _ []byte) {
			require.Len(t, p.Days, 2)
			assert.Equal(t, "2027-05-05", p.Days[1].Depart.Format(time.DateOnly))
		}},
		{name: "no break", body: `{"sites":["jiangxian/chexiangcheng"],"break":{"minutes":0},"date":"2027-05-04"}`, check: func(t *testing.T, _ []byte) {
			assert.Nil(t, p.Days[0].Break)
		}},
		{name: "empty object is all defaults", body: `{}`, check: func(t *testing.T, _ []byte) {
			assert.NotZero(t, p.Visited)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p = nil
			w := call(t, h, http.MethodPost, "/api/plan", tc.body)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			checkAnswer(t, h, p, tc.datum, w.Body.Bytes())
			checkPlan(t, p, tc.allowed)
			if tc.check != nil {
				tc.check(t, w.Body.Bytes())
			}
		})
	}
}

func TestPostPlanFormats(t *testing.T) {
	var p *route.Plan
	h := capture(defaultHandler(), &p)
	body := mustJSON(t, map[string]any{"sites": tenSites()[:4], "date": "2027-05-04"})
	tests := []struct {
		format, lang, ctype string
		check               func(t *testing.T, b []byte)
	}{
		{"geojson", "", "application/geo+json", func(t *testing.T, b []byte) {
			var fc struct {
				Type     string           `json:"type"`
				Features []map[string]any `json:"features"`
			}
			require.NoError(t, json.Unmarshal(b, &fc))
			assert.Equal(t, "FeatureCollection", fc.Type)
			assert.NotEmpty(t, fc.Features)
		}},
		{"gpx", "", "application/gpx+xml", xmlRoot("gpx")},
		{"kml", "", "application/vnd.google-earth.kml+xml", xmlRoot("kml")},
		{"jsonld", "", "application/ld+json", func(t *testing.T, b []byte) {
			var ld map[string]any
			require.NoError(t, json.Unmarshal(b, &ld))
			assert.Equal(t, "TouristTrip", ld["@type"])
		}},
		{"svg", "", "image/svg+xml", xmlRoot("svg")},
		{"text", "", "text/plain; charset=utf-8", func(t *testing.T, b []byte) {
			assert.Contains(t, string(b), "车厢城")
		}},
		{"text", "en", "text/plain; charset=utf-8", func(t *testing.T, b []byte) {
			assert.Contains(t, string(b), "Chexiang City")
		}},
		{"markdown", "en", "text/markdown; charset=utf-8", func(t *testing.T, b []byte) {
			assert.Contains(t, string(b), "## Day 1")
			assert.Contains(t, string(b), "Chexiang City")
		}},
		{"json", "", "application/json", func(t *testing.T, b []byte) {
			checkAnswer(t, h, p, geo.WGS84, b)
			checkPlan(t, p, tenSites()[:4])
		}},
	}
	for _, tc := range tests {
		t.Run(tc.format+tc.lang, func(t *testing.T) {
			target := "/api/plan?format=" + tc.format
			if tc.lang != "" {
				target += "&lang=" + tc.lang
			}
			w := call(t, h, http.MethodPost, target, body)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, tc.ctype, w.Header().Get("Content-Type"))
			assert.NotEmpty(t, w.Body.Bytes())
			tc.check(t, w.Body.Bytes())
		})
	}
}

// xmlRoot checks that the body is well-formed XML with the given root.
func xmlRoot(root string) func(t *testing.T, b []byte) {
	return func(t *testing.T, b []byte) {
		dec := xml.NewDecoder(strings.NewReader(string(b)))
		first := ""
		for {
			tok, err := dec.Token()
			if err != nil {
				require.ErrorContains(t, err, "EOF", "well-formed XML")
				break
			}
			if se, ok := tok.(xml.StartElement); ok && first == "" {
				first = se.Name.Local
			}
		}
		assert.Equal(t, root, first)
	}
}

func TestPostPlanErrors(t *testing.T) {
	h := defaultHandler()
	sites := func(ids ...string) string { return mustJSON(t, map[string]any{"sites": ids}) }
	var many []string
	for _, s := range heritage.Default().Sites() {
		if !s.Anchor() {
			many = append(many, s.ID)
		}
	}
	for len(many) <= DefaultMaxStops {
		many = append(many, fmt.Sprintf("x/site-%d", len(many)))
	}
	tests := []struct {
		name, target, body string
		status             int
		code, inMessage    string
	}{
		{"malformed", "", `{"sites": [`, 400, codeBadJSON, "malformed"},
		{"malformed token", "", `{"sites": [tomb]}`, 400, codeBadJSON, "malformed"},
		{"empty body", "", ``, 400, codeBadJSON, "empty body"},
		{"not an object", "", `["jiangxian/chexiangcheng"]`, 400, codeBadJSON, "JSON object"},
		{"null", "", `null`, 400, codeBadJSON, "JSON object"},
		{"trailing data", "", `{} {}`, 400, codeBadJSON, "after top-level value"},
		{"duplicate member", "", `{"days":1,"days":2}`, 400, codeBadJSON, "duplicate"},
		{"invalid UTF-8", "", "{\"theme\":\"\xff\"}", 400, codeBadJSON, "UTF-8"},
		{"member names are case-sensitive", "", `{"Sites":["jiangxian/chexiangcheng"]}`, 400, codeUnknownField, "Sites: unknown member"},
		{"trailing garbage", "", `{}x`, 400, codeBadJSON, ""},
		{"unknown field", "", `{"site":["jiangxian/chexiangcheng"]}`, 400, codeUnknownField, "site: unknown member"},
		{"unknown nested field", "", `{"break":{"minutes":30,"length":1}}`, 400, codeUnknownField, "break.length: unknown member"},
		{"wrong type", "", `{"days":"two"}`, 400, codeBadField, "days: cannot use a string as int"},
		{"wrong list type", "", `{"sites":"jiangxian/chexiangcheng"}`, 400, codeBadField, "sites"},
		{"wrong item type", "", `{"sites":["jiangxian/chexiangcheng",7]}`, 400, codeBadField, "sites[1]"},
		{"endpoint number", "", `{"start":5}`, 400, codeBadField, "start: endpoint: want a site ID string, [lon, lat] or"},
		{"endpoint short", "", `{"end":[111.5]}`, 400, codeBadField, "end: endpoint: want [lon, lat]"},
		{"break time", "", `{"break":{"minutes":30,"from":"1130"}}`, 400, codeBadField, "break.from"},
		{"endpoint off the globe", "", `{"start":[500,0]}`, 400, codeBadField, "start"},
		{"impossible date", "", `{"date":"2027-02-30"}`, 400, codeBadDate, "2027-02-30"},
		{"month 13", "", `{"date":"2027-13-01"}`, 400, codeBadDate, "2027-13-01"},
		{"date format", "", `{"date":"04/05/2027"}`, 400, codeBadDate, "04/05/2027"},
		{"date word", "", `{"date":"tomorrow"}`, 400, codeBadDate, `date "tomorrow": want a date like 2027-05-04`},
		{"year 0", "", `{"date":"0000-01-01"}`, 400, codeBadDate, ""},
		{"start time", "", `{"start_time":"25:00"}`, 400, codeBadField, "start_time"},
		{"midnight start", "", `{"start_time":"00:00"}`, 400, codeBadField, "00:00"},
		{"hours", "", `{"hours":30}`, 400, codeBadField, "hours"},
		{"negative days", "", `{"days":-1}`, 400, codeBadField, "days"},
		{"mode", "", `{"mode":"rocket"}`, 400, codeBadField, "mode"},
		{"datum", "", `{"datum":"utm"}`, 400, codeBadField, "datum"},
		{"sites and theme", "", `{"sites":["jiangxian/chexiangcheng"],"theme":"museums"}`, 400, codeBadField, "not both"},
		{"anchor as a site", "", sites("anchor/houma-station"), 400, codeBadField, "anchor"},
		{"duplicate site", "", sites("jiangxian/chexiangcheng", "jiangxian/chexiangcheng"), 400, codeBadField, "twice"},
		{"break too long", "", `{"break":{"minutes":300}}`, 400, codeBadField, "break"},
		{"unknown site", "", sites("jiangxian/chexiangcheng", "jiangxian/nowhere"), 422, codeUnknownSite, "sites[1]"},
		{"unknown start", "", `{"start":"anchor/moon"}`, 422, codeUnknownSite, "start"},
		{"unknown theme", "", `{"theme":"opera"}`, 422, codeUnknownTheme, "opera"},
		{"too many sites", "", sites(many...), 422, codeTooManyStops, "at most 40"},
		{"too many days", "", `{"days":100}`, 422, codeTooLarge, "days"},
		{"unreachable start", "", `{"start":[0,0],"sites":["jiangxian/chexiangcheng"]}`, 422, codeUnplannable, "unreachable"},
		{"far start", "", `{"start":{"point":[116.397,39.909],"name":"北京饭店"},"theme":"jin-culture"}`, 422, codeUnplannable, "km from the start"},
		{"unknown format", "/api/plan?format=pdf", `{}`, 400, codeBadQuery, `"pdf": not a format (known: json, geojson, gpx, kml, jsonld, svg, text, markdown, ics)`},
		{"unknown lang", "/api/plan?lang=fr", `{}`, 400, codeBadQuery, "lang"},
		{"unknown parameter", "/api/plan?seed=1", `{}`, 400, codeBadQuery, "seed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.target
			if target == "" {
				target = "/api/plan"
			}
			w := call(t, h, http.MethodPost, target, tc.body)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			e := apiErr(t, w)
			assert.Equal(t, tc.code, e.Code, e.Message)
			assert.Contains(t, e.Message, tc.inMessage)
		})
	}
}

func TestPostPlanLimits(t *testing.T) {
	t.Run("body over the default limit", func(t *testing.T) {
		body := `{"sites":["` + strings.Repeat("a", DefaultMaxBody) + `"]}`
		w := call(t, defaultHandler(), http.MethodPost, "/api/plan", body)
		require.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
		assert.Equal(t, codeBodyTooLarge, apiErr(t, w).Code)
	})
	t.Run("MaxBody", func(t *testing.T) {
		small := `{"sites":["jiangxian/chexiangcheng"]}`
		big := `{"sites":["jiangxian/chexiangcheng","jiangxian/taiyin-temple"]}`
		h := defaultHandler(MaxBody(int64(len(small))))
		ok := call(t, h, http.MethodPost, "/api/plan", small)
		assert.Equal(t, http.StatusOK, ok.Code, ok.Body.String())
		w := call(t, h, http.MethodPost, "/api/plan", big)
		require.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
		assert.Contains(t, apiErr(t, w).Message, fmt.Sprintf("%d bytes", len(small)))
	})
	t.Run("MaxStops on a list", func(t *testing.T) {
		h := defaultHandler(MaxStops(3))
		w := call(t, h, http.MethodPost, "/api/plan", mustJSON(t, map[string]any{"sites": tenSites()[:4]}))
		require.Equal(t, http.StatusUnprocessableEntity, w.Code)
		assert.Equal(t, codeTooManyStops, apiErr(t, w).Code)
		ok := call(t, h, http.MethodPost, "/api/plan", mustJSON(t, map[string]any{"sites": tenSites()[:3]}))
		assert.Equal(t, http.StatusOK, ok.Code)
	})
	t.Run("MaxStops on a theme", func(t *testing.T) {
		w := call(t, defaultHandler(MaxStops(3)), http.MethodPost, "/api/plan", `{"theme":"jin-culture"}`)
		require.Equal(t, http.StatusUnprocessableEntity, w.Code)
		e := apiErr(t, w)
		assert.Equal(t, codeTooManyStops, e.Code)
		assert.Contains(t, e.Message, "at most 3")
	})
	t.Run("non-positive options keep the defaults", func(t *testing.T) {
		h := defaultHandler(MaxStops(0), MaxBody(-1), PlanTimeout(0))
		assert.Equal(t, DefaultMaxStops, h.cfg.maxStops)
		assert.Equal(t, int64(DefaultMaxBody), h.cfg.maxBody)
		assert.Equal(t, DefaultPlanTimeout, h.cfg.planTimeout)
	})
	t.Run("content type", func(t *testing.T) {
		h := defaultHandler()
		for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "bad/;;"} {
			w := call(t, h, http.MethodPost, "/api/plan", `{}`, "Content-Type", ct)
			require.Equal(t, http.StatusUnsupportedMediaType, w.Code, ct)
			assert.Equal(t, codeUnsupportedMedia, apiErr(t, w).Code)
		}
		w := call(t, h, http.MethodPost, "/api/plan", `{"sites":["jiangxian/chexiangcheng"]}`, "Content-Type", "application/json; charset=utf-8")
		assert.Equal(t, http.StatusOK, w.Code)
	})
}

// blockingSolve stands in for route.Solve: it reports the context it was
// given and waits for that context to end, as a long search would.
type blockingSolve struct {
	started chan struct{}
	mu      sync.Mutex
	ctx     context.Context
	err     error
}

func newBlockingSolve() *blockingSolve { return &blockingSolve{started: make(chan struct{})} }

func (b *blockingSolve) solve(ctx context.Context, p route.Problem, _ ...route.Option) (*route.Plan, error) {
	b.mu.Lock()
	b.ctx = ctx
	b.mu.Unlock()
	close(b.started)
	<-ctx.Done()
	b.mu.Lock()
	b.err = ctx.Err()
	b.mu.Unlock()
	status := route.DeadlineReached
	if ctx.Err() == context.Canceled {
		status = route.Canceled
	}
	return &route.Plan{Status: status, Days: []route.DayPlan{{Start: p.Days[0].Start, End: p.Days[0].End,
		Depart: p.Days[0].Window.Open, Return: p.Days[0].Window.Open,
		Legs: []route.Leg{{From: p.Days[0].Start, To: *p.Days[0].End}}}}}, nil
}

func TestPlanClientCancel(t *testing.T) {
	h := defaultHandler(PlanTimeout(time.Hour))
	b := newBlockingSolve()
	h.solve = b.solve
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodPost, "/api/plan", strings.NewReader(`{"theme":"jin-culture"}`)).WithContext(ctx)
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		h.ServeHTTP(w, req)
		close(done)
	}()
	<-b.started
	cancel() // the client goes away
	<-done
	assert.ErrorIs(t, b.err, context.Canceled, "the solve's context ends with the client's")
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Equal(t, codeCanceled, apiErr(t, w).Code)
}

func TestPlanDeadline(t *testing.T) {
	const timeout = 50 * time.Millisecond
	h := defaultHandler(PlanTimeout(timeout))
	b := newBlockingSolve()
	h.solve = b.solve
	before := time.Now()
	w := call(t, h, http.MethodPost, "/api/plan", `{"sites":["jiangxian/chexiangcheng"]}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	dl, ok := b.ctx.Deadline()
	require.True(t, ok, "the solve has a deadline")
	assert.False(t, dl.After(before.Add(timeout).Add(time.Second)), "the deadline is the plan timeout")
	assert.ErrorIs(t, b.err, context.DeadlineExceeded)
	assert.Contains(t, w.Body.String(), `"status":"deadline-reached"`, "the best plan so far is returned")
}

// With the real solver, a client that goes away once its solve started
// gets the solve canceled rather than run to the end.
func TestPlanCanceledRealSolve(t *testing.T) {
	h := defaultHandler(PlanTimeout(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got *route.Plan
	h.solve = func(sctx context.Context, p route.Problem, opts ...route.Option) (*route.Plan, error) {
		cancel() // the client goes away as the solve starts
		plan, err := route.Solve(sctx, p, opts...)
		got = plan
		return plan, err
	}
	req := httptest.NewRequest(http.MethodPost, "/api/plan", strings.NewReader(`{"days":3,"date":"2027-05-04"}`)).WithContext(ctx)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	require.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Equal(t, codeCanceled, apiErr(t, w).Code)
	require.NotNil(t, got)
	assert.Equal(t, route.Canceled, got.Status, "the solve saw the cancellation")

	t.Run("already gone: no solve at all", func(t *testing.T) {
		got = nil
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/plan", strings.NewReader(`{}`)).WithContext(ctx))
		require.Equal(t, http.StatusServiceUnavailable, w.Code)
		assert.Nil(t, got)
	})
}

func TestDecodePlanRequest(t *testing.T) {
	req, err := decodePlanRequest([]byte(`{"sites":["a/b"],"start":[111.5,35.5],"end":"anchor/x","hotels":["h/1",[1,2]],
		"date":"2027-05-04","start_time":"08:30","hours":9,"days":2,"mode":"walk","datum":"gcj02","break":{"minutes":30,"from":"12:00","to":"13:00"}}`), DefaultMaxStops)
	require.NoError(t, err)
	assert.Equal(t, []string{"a/b"}, req.Sites)
	require.NotNil(t, req.Start.Point)
	assert.Equal(t, orb.Point{111.5, 35.5}, *req.Start.Point, "points stay in the request's datum; tour.Problem converts them")
	assert.Equal(t, "anchor/x", req.End.ID)
	require.Len(t, req.Hotels, 2)
	assert.Equal(t, orb.Point{1, 2}, *req.Hotels[1].Point)
	assert.Equal(t, 2, req.Days)
	assert.Equal(t, geo.GCJ02, req.Datum)
	require.NotNil(t, req.Break)
	assert.Equal(t, 30*time.Minute, req.Break.Duration)
	assert.Equal(t, "2027-05-04", req.Date.String())
	assert.Equal(t, "08:30", req.StartTime.String())
	assert.Equal(t, 9*time.Hour, req.DayLength)
	assert.Equal(t, geo.Walking(), req.Mode)

	_, err = decodePlanRequest([]byte(`{"sites":["a/b","c/d"]}`), 1)
	var e *apiError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, codeTooManyStops, e.code)
}

func TestPlanSolverLimit(t *testing.T) {
	h := defaultHandler(MaxConcurrentPlans(1), PlanTimeout(time.Hour))
	assert.Equal(t, 1, cap(h.solver))
	b := newBlockingSolve()
	h.solve = b.solve
	ctx, cancel := context.WithCancel(context.Background())
	w1 := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		h.ServeHTTP(w1, httptest.NewRequest(http.MethodPost, "/api/plan", strings.NewReader(`{"sites":["jiangxian/chexiangcheng"]}`)).WithContext(ctx))
		close(done)
	}()
	<-b.started // the only solver is taken

	t.Run("busy within the deadline", func(t *testing.T) {
		h.cfg.planTimeout = 30 * time.Millisecond // read by the next request only
		w := call(t, h, http.MethodPost, "/api/plan", `{"sites":["jiangxian/taiyin-temple"]}`)
		require.Equal(t, http.StatusServiceUnavailable, w.Code)
		e := apiErr(t, w)
		assert.Equal(t, codeBusy, e.Code)
		assert.Contains(t, e.Message, "30ms")
	})
	t.Run("a waiting client that goes away", func(t *testing.T) {
		h.cfg.planTimeout = time.Hour
		c2, cancel2 := context.WithCancel(context.Background())
		cancel2()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/plan", strings.NewReader(`{"sites":["jiangxian/taiyin-temple"]}`)).WithContext(c2))
		require.Equal(t, http.StatusServiceUnavailable, w.Code)
		assert.Equal(t, codeCanceled, apiErr(t, w).Code)
	})
	cancel()
	<-done
	t.Run("the solver is free again", func(t *testing.T) {
		h.solve = route.Solve
		w := call(t, h, http.MethodPost, "/api/plan", `{"sites":["jiangxian/taiyin-temple"],"date":"2027-05-04"}`)
		assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
	})
	assert.Equal(t, max(1, runtime.GOMAXPROCS(0)-1), cap(defaultHandler().solver), "a solver per core but one by default")
}
