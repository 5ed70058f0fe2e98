package heritage

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`))
	f.Add([]byte(`[]`))
	// Real inputs: the fixtures and the README's examples, which between
	// them use every member of the schema.
	for _, name := range []string{"testdata/sites.geojson", "testdata/sites.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, heading := range []string{"An example Feature", "What a visitor finds"} {
		doc, err := readmeExample(heading)
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(bytes.NewReader(data))
		if err != nil {
			if c != nil {
				t.Fatal("a failed load returned a catalog")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Errs) == 0 {
				t.Fatalf("error %v: want a *ValidationError with problems", err)
			}
			for _, err := range ve.Errs {
				p, ok := err.(*SiteError)
				if !ok || p.Err == nil || p.Index < -1 {
					t.Fatalf("bad problem %#v", p)
				}
				if !isSentinel(p) {
					t.Fatalf("problem %q wraps no sentinel error", p)
				}
			}
			return
		}
		// A loaded catalog survives a round trip unchanged.
		var out bytes.Buffer
		if err := c.WriteGeoJSON(&out); err != nil {
			t.Fatalf("write: %v", err)
		}
		again, err := Load(&out)
		if err != nil {
			t.Fatalf("reload: %v\n%s", err, out.String())
		}
		if a, b := c.Sites(), again.Sites(); len(a) != len(b) {
			t.Fatalf("round trip: %d sites, then %d", len(a), len(b))
		}
		for i, s := range c.Sites() {
			if _, ok := again.Get(s.ID); !ok || again.site(i).ID != s.ID {
				t.Fatalf("round trip lost %s", s.ID)
			}
			_ = c.Search(s.Name.Pinyin)
		}
	})
}

func isSentinel(err error) bool {
	for _, s := range []error{ErrSyntax, ErrUnknownField, ErrMissing, ErrID, ErrDuplicateID, ErrCoordinates,
		ErrOutOfBound, ErrPeriod, ErrKind, ErrLevel, ErrRange, ErrSource, ErrLang, ErrAnchor, ErrEstimated, ErrOpeningHours,
		ErrUnknownValue, ErrDate, ErrReference} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
