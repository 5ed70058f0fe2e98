//go:build !linux

package main

// peakRSS returns 0 where getrusage's units are not known to bench: the
// synth set then reports no memory figure (measure it from outside, as
// bench/README.md does with /usr/bin/time -v).
func peakRSS() int64 { return 0 }
