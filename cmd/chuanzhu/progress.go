package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progressEvery is how often the progress line is redrawn.
const progressEvery = 200 * time.Millisecond

// isTerminal reports whether w is a character device (a terminal), by
// os.File.Stat's mode; anything else (a pipe, a file, a buffer) is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// startProgress draws a spinner, label and the elapsed time on w at once
// and then every interval, each frame over the last ("\r"), until the
// returned stop function is called; stop erases the line and returns
// once nothing more will be written. stop may be called more than once.
func startProgress(w io.Writer, label string, every time.Duration) (stop func()) {
	frames := []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
	begin := time.Now()
	quit, done := make(chan struct{}), make(chan struct{})
	draw := func(i int) {
		fmt.Fprintf(w, "\r%c %s %.1fs", frames[i%len(frames)], label, time.Since(begin).Seconds())
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		draw(0)
		for i := 1; ; i++ {
			select {
			case <-quit:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-tick.C:
				draw(i)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(quit) })
		<-done
	}
}
