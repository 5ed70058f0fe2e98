package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseBudgets(t *testing.T) {
	got, err := parseBudgets("10ms, 50ms,1s")
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{10 * time.Millisecond, 50 * time.Millisecond, time.Second}, got)
	for _, bad := range []string{"", "10", "0s", "-1s", "1s,,2s"} {
		_, err := parseBudgets(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestInstanceName(t *testing.T) {
	assert.Equal(t, "eil51", instanceName("/data/tsp/eil51.tsp", false))
	assert.Equal(t, "gen1/eil51-gen1-50", instanceName("/data/op/oplib/gen1/eil51-gen1-50.oplib", true))
}
