//go:build !unix

package vroom_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
