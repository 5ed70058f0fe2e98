//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// Process returns the CPU time, user and system, the process has used so
// far, garbage collection included; ok is false where it is unknown.
func Process() (d time.Duration, ok bool) {
	ru, ok := usage()
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ok
}

// User returns the user CPU time the process has used so far; ok is
// false where it is unknown.
func User() (d time.Duration, ok bool) {
	ru, ok := usage()
	return time.Duration(ru.Utime.Nano()), ok
}

func usage() (syscall.Rusage, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return syscall.Rusage{}, false
	}
	return ru, true
}
