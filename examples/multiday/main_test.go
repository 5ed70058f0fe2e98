package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fixedNow() time.Time { return time.Date(2026, 5, 12, 7, 0, 0, 0, time.UTC) }

func TestThreeDays(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	code := run(ctx, nil, &out, &errb, fixedNow)
	require.Equal(t, 0, code, errb.String())
	s := out.String()
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
		var out, errb bytes.Buffer
		code := run(context.Background(), args, &out, &errb, fixedNow)
		assert.Equal(t, 2, code, "%v: %s", args, errb.String())
	}
}
