package cputime

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCPUTimeGrows(t *testing.T) {
	p0, ok := Process()
	if !ok {
		t.Skip("CPU time unknown on " + runtime.GOOS)
	}
	u0, ok := User()
	assert.True(t, ok)
	x := 0
	for i := range 50_000_000 { // tens of milliseconds of user time
		x ^= i * i
	}
	p1, _ := Process()
	u1, _ := User()
	assert.Greater(t, u1, u0, "user time grows (%d)", x)
	assert.Greater(t, p1, p0)
	assert.GreaterOrEqual(t, p1, u1, "process time counts user time and more")
}
