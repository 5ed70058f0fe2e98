package top

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStallRuleFloor(t *testing.T) {
	cases := []struct {
		name      string
		n, visits int
		want      int
	}{
		{"few of 100 fit", 100, 12, 1000},
		{"most of 100 fit", 100, 80, 150},
		{"costly perturbations", 240, 60, 104},
		{"no visit yet", 32, 0, 3840},
		{"capped budget", maxStall + 1, 1, 0},
		{"fixed budget", 0, 10, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := stallRule{n: c.n}
			assert.Equal(t, c.want, r.floor(c.visits))
		})
	}
}

func TestStallRuleDone(t *testing.T) {
	r := stallRule{budget: 10, n: 100}
	r.noImp = 10
	assert.False(t, r.done(500, 12), "before the floor of 1,000")
	assert.True(t, r.done(1000, 12), "at the floor, stalled")
	r.noImp = 9
	assert.False(t, r.done(5000, 12), "not stalled")
	r = stallRule{budget: 10, fixed: 10}
	r.noImp = 10
	assert.True(t, r.done(10, 1), "a fixed budget has no floor")
	r = stallRule{budget: 10, n: 100, cap: 50}
	assert.True(t, r.done(50, 12), "the cap stops whatever the floor")
}
