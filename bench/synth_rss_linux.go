package main

import "syscall"

// peakRSS returns the process's peak resident set size in bytes so far
// (getrusage's ru_maxrss, which Linux gives in kilobytes).
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10
}
