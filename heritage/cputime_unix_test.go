//go:build unix

package heritage

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used
// so far, garbage collection included; ok is false where it is unknown.
func processCPU() (d time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
