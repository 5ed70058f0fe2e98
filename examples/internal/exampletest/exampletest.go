// Package exampletest runs the example programs in their tests: each
// example's run function with arguments, on a fixed clock and within a
// time limit, its exit status and output returned for the test to check.
package exampletest

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"
)

// Main is the signature of an example's run function: it runs the
// program with args and returns its exit status (0 ok, 1 failed, 2 bad
// usage), reading the time from now.
type Main func(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int

// Tuesday is the fixed clock of the examples' tests, 2026-05-12 (a
// Tuesday), so that their output does not depend on the day the tests
// run.
func Tuesday() time.Time { return time.Date(2026, 5, 12, 7, 0, 0, 0, time.UTC) }

// Run runs main with args on the [Tuesday] clock, canceled after 30
// seconds, and returns its exit status, standard output and standard
// error.
func Run(t testing.TB, main Main, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	code = main(ctx, args, &out, &errb, Tuesday)
	return code, out.String(), errb.String()
}
