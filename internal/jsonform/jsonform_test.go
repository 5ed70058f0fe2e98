package jsonform

import (
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
)

func TestRounding(t *testing.T) {
	assert.Equal(t, int64(90), Seconds(89500*time.Millisecond), "half a second rounds up")
	assert.Equal(t, int64(89), Seconds(89499*time.Millisecond))
	assert.Equal(t, 30612.3, Decimetres(30612.34))
	assert.Equal(t, 0.1, Decimetres(0.05))
	assert.Equal(t, [2]float64{111.123457, 35.5}, Location(orb.Point{111.1234567, 35.4999999}))
}
