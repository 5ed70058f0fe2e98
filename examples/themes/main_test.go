package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/examples/internal/exampletest"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// runArgs runs the program, which reads no clock.
func runArgs(t *testing.T, args ...string) (int, string, string) {
	return exampletest.Run(t, func(ctx context.Context, args []string, stdout, stderr io.Writer, _ func() time.Time) int {
		return run(ctx, args, stdout, stderr)
	}, args...)
}

func TestBrochure(t *testing.T) {
	code, out, errOut := runArgs(t)
	require.Equal(t, 0, code, errOut)
	// A heading and at least one line for every theme the catalog carries.
	for _, th := range heritage.Themes() {
		assert.Contains(t, out, th.Zh+" / "+th.En+"\n", th.Slug)
		assert.Contains(t, out, "["+th.Slug+"/", th.Slug)
	}
	assert.Contains(t, out, "晋文化寻根·绛县线 / Jin culture roots: Jiangxian line")
	assert.Contains(t, out, "绛县县城（古绛镇） / Jiang County seat (Gujiang town) → ")
	assert.GreaterOrEqual(t, strings.Count(out, " km · "), 6)
	assert.NotContains(t, out, "story:")
}

func TestStory(t *testing.T) {
	code, out, errOut := runArgs(t, "-story", "0.2", "-lang", "en")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "story: +")
	assert.Contains(t, out, "Visited oldest first")
	assert.NotContains(t, out, "晋文化寻根")
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-mode", "rocket"}, {"-hours", "0"}, {"-lang", "fr"}, {"-span", "-3"}, {"-nope"}} {
		code, _, _ := runArgs(t, args...)
		assert.Equal(t, 2, code, "%v", args)
	}
}
