package top

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStallBudget(t *testing.T) {
	cases := []struct {
		name    string
		n       int
		windows bool
		want    int
	}{
		{"7 customers", 7, false, 342},
		{"64 customers", 64, false, 145},
		{"400 customers", 400, false, 455},
		{"beyond maxStall", 5000, false, 550},
		{"100 customers with windows", 100, true, 2 * 170},
		{"240 customers with windows", 240, true, 2 * 298},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, stallBudget(c.n, c.windows))
		})
	}
}

func TestStallRuleFloor(t *testing.T) {
	cases := []struct {
		name      string
		n, visits int
		deep      bool
		want      int
	}{
		{"few of 100 fit", 100, 12, false, 1000},
		{"most of 100 fit", 100, 80, false, 150},
		{"costly perturbations", 240, 60, false, 104},
		{"no visit yet", 32, 0, false, 3840},
		{"capped budget", maxStall + 1, 1, false, 0},
		{"fixed budget", 0, 10, false, 0},
		{"orienteering, n·v below deepFrom", 62, 55, true, 135},
		{"orienteering, 136 of which 69 visited", 136, 69, true, 2935},
		{"orienteering, deep cap", 399, 235, true, deepCap},
		{"orienteering, few fit: the first term", 100, 10, true, 1200},
		{"orienteering, n·v just above deepFrom", 100, 51, true, 5100 * 5100 / deepWork},
		{"the same with windows: not deep", 158, 85, false, 111},
		{"orienteering beyond maxStall", maxStall + 1, 300, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := stallRule{n: c.n, deep: c.deep}
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
	r = stallRule{budget: 10, n: 136, deep: true}
	r.noImp = 10
	assert.False(t, r.done(1000, 69), "a deep floor keeps searching")
	assert.True(t, r.done(2935, 69), "at the deep floor, stalled")
	r.improved(2000)
	r.noImp = 1999
	assert.False(t, r.done(3999, 69), "as long again as the best plan took")
	r = stallRule{budget: 10, n: 400, deep: true, cap: deepStop}
	r.improved(20_000)
	assert.False(t, r.done(deepStop-1, 235), "as long again as the best took")
	assert.True(t, r.done(deepStop, 235), "the deep rule's cap")
}
