//go:build race

package web

// raceEnabled reports whether the tests run under the race detector,
// which slows every request several times over.
const raceEnabled = true
