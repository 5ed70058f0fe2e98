package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const tinyTOPTW = "4 2 2 1\n0 200\n 0 40.00 50.00 0.00 0.00 0 0 0 1236\n 1 45.00 68.00 90.00 10.00 1 1 1 912 967\n 2 -1.5 0.125 2 12 4 2 15 16 354 509\n"

func TestParseTOPTW(t *testing.T) {
	in, err := parseTOPTW(strings.NewReader(tinyTOPTW))
	require.NoError(t, err)
	assert.Equal(t, []int64{40000, 45000, -1500}, in.x)
	assert.Equal(t, []int64{0, 90, 2}, in.service)
	assert.Equal(t, []int64{0, 10, 12}, in.score)
	assert.Equal(t, []int64{0, 912, 354}, in.open)
	assert.Equal(t, []int64{1236, 967, 509}, in.close)
	// |(40,50)-(45,68)| = sqrt(349) = 18.681..., truncated to 18.6 and 18.68
	assert.Equal(t, int64(186), in.travel(0, 1, 10))
	assert.Equal(t, int64(1868), in.travel(0, 1, 100))

	cases := []struct{ name, text string }{
		{"list length", strings.Replace(tinyTOPTW, "4 2 15 16", "4 3 15 16", 1)},
		{"vertex order", strings.Replace(tinyTOPTW, " 1 45.00", " 3 45.00", 1)},
		{"window", strings.Replace(tinyTOPTW, "912 967", "967 912", 1)},
		{"four decimals", strings.Replace(tinyTOPTW, "0.125", "0.1251", 1)},
		{"fractional score", strings.Replace(tinyTOPTW, "10.00 1 1 1", "10.50 1 1 1", 1)},
		{"no vertices", "1 1 1 1\n0 0\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseTOPTW(strings.NewReader(tc.text))
			assert.ErrorIs(t, err, errTOPTW)
		})
	}
}

// Righini and Salani's optimal c101 path (m = 1, from their exact logs in
// ../shared/bench/toptw/righini_salani_optw_exact_logs/solomon/) replays as
// feasible with prize 320 under the benchmark's truncated travel times, in
// the float check and in the integer model.
func TestTOPTWReplaysOptimum(t *testing.T) {
	fh, err := os.Open(filepath.Join(dataDir, "toptw", "solomon_100", "c101.txt"))
	if err != nil {
		t.Skip("benchmark data not found under " + dataDir)
	}
	in, err := parseTOPTW(fh)
	fh.Close()
	require.NoError(t, err)
	require.Len(t, in.x, 101)
	path := []int{57, 63, 62, 74, 93, 97, 12, 2, 21, 75}
	score, err := in.check(path, 10)
	require.NoError(t, err)
	assert.Equal(t, int64(320), score)

	// the integer model's earliest schedule gives R&S's printed start times ×10
	m := in.model(10)
	want := []int64{350, 1710, 2660, 3590, 5004, 5954, 7204, 8354, 9488, 10586}
	tm, prev := m.routes[0].open, 0
	for i, v := range path {
		tm = max(tm+m.travel[prev*m.n+v], m.windows[v][0][0])
		assert.Equal(t, want[i], tm, "visit %d", i)
		assert.LessOrEqual(t, tm+m.service[v], m.windows[v][0][1])
		tm += m.service[v]
		prev = v
	}
	assert.LessOrEqual(t, tm+m.travel[prev*m.n], m.routes[0].close)
}

func FuzzParseTOPTW(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		in, err := parseTOPTW(strings.NewReader(s))
		if err != nil {
			return
		}
		m := in.model(10)
		for _, c := range m.customers {
			if w := m.windows[c][0]; w[0] > w[1] {
				t.Fatalf("empty window %v", w)
			}
		}
	})
}
