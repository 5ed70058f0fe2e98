package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/chuanzhu/chuanzhu/examples/internal/exampletest"
)

func TestThreeDays(t *testing.T) {
	code, s, errOut := exampletest.Run(t, run)
	require.Equal(t, 0, code, errOut)
	// The embedded catalog has no hotels: the program says it uses the
	// county seat as the base.
	assert.Contains(t, s, "no hotel anchors")
	assert.Contains(t, s, "没有酒店")
	for _, day := range []string{"第 1 天", "第 2 天", "第 3 天", "Day 1", "Day 2", "Day 3"} {
		assert.Contains(t, s, day)
	}
	assert.NotContains(t, s, "Day 4")
	assert.Equal(t, 3, strings.Count(s, "Back at Jiang County seat"), "every day ends at the base")
	assert.GreaterOrEqual(t, strings.Count(s, "Arrive at"), 9, "at least three sites a day")
	assert.Contains(t, s, "Whole trip, 3 days")
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-date", "2026-13-01"}, {"-days", "0"}, {"-lang", "de"}, {"-days", "99"}} {
		code, _, errOut := exampletest.Run(t, run, args...)
		assert.Equal(t, 2, code, "%v: %s", args, errOut)
	}
}
