//go:build !unix

package cputime

import "time"

// Process is unknown here.
func Process() (time.Duration, bool) { return 0, false }

// User is unknown here.
func User() (time.Duration, bool) { return 0, false }
