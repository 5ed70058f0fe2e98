package tsplib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataDir holds the public benchmark instances (TSPLIB under tsp/).
const dataDir = "../../../shared/bench"

func TestDistances(t *testing.T) {
	tests := []struct {
		name string
		got  int64
		want int64
	}{
		// EUC_2D rounds to nearest: 3-4-5 triangle, and sqrt(2) = 1.414 -> 1
		{"euc 3-4-5", eucDist(0, 0, 3, 4), 5},
		{"euc rounds down", eucDist(0, 0, 1, 1), 1},
		{"euc rounds half up", eucDist(0, 0, 0.5, 0), 1},
		// CEIL_2D rounds up: sqrt(2) -> 2
		{"ceil", ceilDist(0, 0, 1, 1), 2},
		{"ceil exact", ceilDist(0, 0, 3, 4), 5},
		// ATT: r = sqrt(100/10) = 3.162, nint = 3 < r -> 4
		{"att up", attDist(0, 0, 10, 0), 4},
		// r = sqrt((900+100)/10) = 10 exactly -> 10
		{"att exact", attDist(0, 0, 30, 10), 10},
		// GEO: 1 degree of latitude on TSPLIB's sphere: 6378.388*pi/180 =
		// 111.32 km, truncated after adding 1 -> 112
		{"geo one degree", geoDist(10.00, 20.00, 11.00, 20.00), 112},
		// DDD.MM: 10.30 is 10 degrees 30 minutes = 10.5 degrees
		{"geo minutes", geoDist(10.00, 20.00, 10.30, 20.00), 56},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.got) })
	}
}

// TestKnownTours checks the distance rules on tours whose lengths TSPLIB
// documents: the identity tour 1, 2, ..., n of pcb442, gr666 and att532
// ("canonical tour" lengths in Reinelt's TSPLIB95 documentation, section
// 4: 221440, 423710 and 309636), covering EUC_2D, GEO and ATT.
func TestKnownTours(t *testing.T) {
	for _, tc := range []struct {
		name string
		want int64
	}{
		{"pcb442", 221440},
		{"gr666", 423710},
		{"att532", 309636},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := readInstance(t, tc.name)
			var sum int64
			for i := range in.Dimension {
				sum += in.Dist(i, (i+1)%in.Dimension)
			}
			assert.Equal(t, tc.want, sum)
		})
	}
}

func readInstance(t *testing.T, name string) *Instance {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, "tsp", name+".tsp"))
	if os.IsNotExist(err) {
		t.Skipf("benchmark data %s absent", dataDir)
	}
	require.NoError(t, err)
	defer f.Close()
	in, err := Parse(f)
	require.NoError(t, err)
	return in
}

func TestParseAll(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(dataDir, "tsp", "*.tsp"))
	if len(files) == 0 {
		t.Skipf("benchmark data %s absent", dataDir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".tsp")
		t.Run(name, func(t *testing.T) {
			in := readInstance(t, name)
			assert.Positive(t, in.Dimension)
			assert.NotEmpty(t, in.Name)
			// the matrix is symmetric and non-negative for every rule
			n := in.Dimension
			for _, p := range [][2]int{{0, 1}, {n / 2, n - 1}, {n - 1, 0}} {
				d := in.Dist(p[0], p[1])
				assert.GreaterOrEqual(t, d, int64(0))
				assert.Equal(t, d, in.Dist(p[1], p[0]))
			}
		})
	}
}

func TestParseFormats(t *testing.T) {
	// The same 4-node symmetric matrix in every explicit format.
	full := []int64{0, 1, 2, 3, 1, 0, 4, 5, 2, 4, 0, 6, 3, 5, 6, 0}
	for _, tc := range []struct{ format, body string }{
		{"FULL_MATRIX", "0 1 2 3\n1 0 4 5\n2 4 0 6\n3 5 6 0"},
		{"UPPER_ROW", "1 2 3\n4 5\n6"},
		{"LOWER_ROW", "1\n2 4\n3 5 6"},
		{"UPPER_DIAG_ROW", "0 1 2 3 0 4 5 0 6 0"},
		{"LOWER_DIAG_ROW", "0 1 0 2 4\n0 3 5 6 0"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			src := "NAME: x\nTYPE : TSP\ndimension: 4 \nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT : " +
				tc.format + "  \nEDGE_WEIGHT_SECTION\n" + tc.body + "\nEOF\n"
			in, err := Parse(strings.NewReader(src))
			require.NoError(t, err)
			assert.Equal(t, full, in.Matrix())
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"no dimension", "NAME: x\nEDGE_WEIGHT_TYPE: EUC_2D\nEOF\n", "DIMENSION"},
		{"bad dimension", "DIMENSION: -3\n", "DIMENSION"},
		{"not tsp", "TYPE: ATSP\nDIMENSION: 3\n", "not TSP"},
		{"unknown metric", "DIMENSION: 2\nEDGE_WEIGHT_TYPE: MAN_3D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n", "MAN_3D"},
		{"missing coords", "DIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n", "2 coordinates"},
		{"bad number", "DIMENSION: 2\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 x\n", "not a number"},
		{"repeated id", "DIMENSION: 2\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n1 1 1\n", "repeated"},
		{"short matrix", "DIMENSION: 3\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: UPPER_ROW\nEDGE_WEIGHT_SECTION\n1 2\n", "needs 3"},
		{"function format", "DIMENSION: 3\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: FUNCTION\nEDGE_WEIGHT_SECTION\n1 2 3\n", "FUNCTION"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.src))
			require.Error(t, err)
			assert.ErrorIs(t, err, errTSPLIB)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func FuzzParseTSPLIB(f *testing.F) {
	f.Add("NAME: t\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nEOF\n")
	f.Fuzz(func(t *testing.T, src string) {
		in, err := Parse(strings.NewReader(src))
		if err != nil || in.Dimension > 200 {
			return
		}
		// a parsed instance must yield a full matrix without panicking
		if c := in.Matrix(); len(c) != in.Dimension*in.Dimension {
			t.Fatalf("matrix has %d entries for dimension %d", len(c), in.Dimension)
		}
	})
}
