package vroom

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// The input stops at MaxInputSize bytes (decoding that much takes
// seconds, so the reader is tested on its own).
func TestInputLimit(t *testing.T) {
	in := &input{r: io.LimitReader(spaces{}, MaxInputSize)}
	n, err := io.Copy(io.Discard, in)
	require.NoError(t, err)
	assert.Equal(t, int64(MaxInputSize), n)
	assert.False(t, in.text, "only white space")

	in = &input{r: io.MultiReader(strings.NewReader("{"), spaces{})}
	_, err = io.Copy(io.Discard, in)
	require.ErrorIs(t, err, errTooLarge)
	assert.True(t, in.text)
}
