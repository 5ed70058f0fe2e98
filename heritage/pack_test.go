package heritage

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A loaded catalog keeps what its sites repeat once: equal periods,
// designations and short note texts are one value, and a note citing
// what the note before it cites shares its list. Both decoders load
// the same values (TestFastReaderEqualsGeneral); this checks the
// sharing of the fast one.
func TestLoadSharesRepeats(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteGeoJSON(&buf, synthSites(2000, 5)))
	c, err := Load(&buf)
	require.NoError(t, err)
	periods := map[periodKey]*Period{}
	designations := map[Designation]*Designation{}
	texts := map[string]*byte{}
	var sharedPeriods, sharedDesignations, sharedLists int
	for _, s := range c.Sites() {
		if p := s.Period; p != nil {
			k := periodKey{name: p.Name, nameZh: p.NameZh}
			if p.From != nil {
				k.from, k.hasFrom = *p.From, true
			}
			if p.To != nil {
				k.to, k.hasTo = *p.To, true
			}
			if q, ok := periods[k]; ok {
				assert.Same(t, q, p, s.ID)
				sharedPeriods++
			}
			periods[k] = p
		}
		if d := s.Designation; d != nil {
			if q, ok := designations[*d]; ok {
				assert.Same(t, q, d, s.ID)
				sharedDesignations++
			}
			designations[*d] = d
		}
		for i, n := range s.Notes {
			if p, ok := texts[n.Text]; ok {
				assert.Equal(t, p, unsafe.StringData(n.Text), s.ID)
			}
			texts[n.Text] = unsafe.StringData(n.Text)
			if i > 0 && len(n.Sources) > 0 && assert.Equal(t, s.Notes[i-1].Sources, n.Sources) {
				assert.Same(t, &s.Notes[i-1].Sources[0], &n.Sources[0], s.ID)
				sharedLists++
			}
		}
	}
	assert.Positive(t, sharedPeriods)
	assert.Positive(t, sharedDesignations)
	assert.Positive(t, sharedLists)
	assert.Len(t, texts, 2, "the synthetic sites' two note texts")
}

// A site's lists come back as they went in, nil or empty, and appending
// to one never writes into the catalog.
func TestRowLists(t *testing.T) {
	s := synthSites(1, 3)[0]
	s.Themes, s.Aliases, s.Notes = []string{}, nil, nil
	c, err := NewCatalog([]Site{s})
	require.NoError(t, err)
	got := c.Sites()[0]
	assert.NotNil(t, got.Themes)
	assert.Empty(t, got.Themes)
	assert.Nil(t, got.Aliases)
	assert.Nil(t, got.Notes)

	c, err = Load(bytes.NewReader(collection(set(validFeature("a/x"), "properties.themes", []string{"jin-culture", "archaeology"}))))
	require.NoError(t, err)
	got = c.Sites()[0]
	require.Len(t, got.Themes, 2)
	assert.Equal(t, len(got.Themes), cap(got.Themes))
	_ = append(got.Themes, "x")
	_ = append(got.Sources, Source{Title: "x"})
	again, _ := c.Get("a/x")
	assert.Equal(t, got, again)
}

// Reading sites back allocates nothing per site: Get nothing at all,
// Sites only the slice it returns.
func TestReadsDoNotAllocate(t *testing.T) {
	c := Default()
	id := c.Sites()[3].ID
	var s Site
	assert.Zero(t, testing.AllocsPerRun(100, func() { s, _ = c.Get(id) }))
	assert.Equal(t, id, s.ID)
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = c.Sites() }))
}
