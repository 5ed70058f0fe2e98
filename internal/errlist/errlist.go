// Package errlist spells out a list of errors as one message, the way
// heritage.ValidationError and route.ValidationError report every
// problem they found: the package's prefix, the input's name, the
// count, the first [Shown] problems and how many more there are.
//
// The two ValidationError types stay apart (one reports a catalog's
// data, the other a routing problem); only their wording has this one
// owner.
package errlist

import (
	"fmt"
	"strings"
)

// Shown is how many problems a message spells out; the list itself
// always holds all of them.
const Shown = 10

// Format is how a package words its list of problems.
type Format struct {
	// Prefix starts every message, e.g. "route: ".
	Prefix string
	// CountOne introduces a lone problem with "1 problem: "; without it
	// a lone problem stands alone.
	CountOne bool
	// Trim removes Prefix from the start of each problem's own message,
	// for problems that carry the package's prefix themselves.
	Trim bool
}

// Message returns f.Prefix, then source and ": " when source is not
// empty, then "N problems: " and the first [Shown] errors of errs
// separated by "; ", then " (and N more)" when errs is longer.
func (f Format) Message(source string, errs []error) string {
	var b strings.Builder
	b.WriteString(f.Prefix)
	if source != "" {
		b.WriteString(source)
		b.WriteString(": ")
	}
	switch {
	case len(errs) != 1:
		fmt.Fprintf(&b, "%d problems: ", len(errs))
	case f.CountOne:
		b.WriteString("1 problem: ")
	}
	for i, err := range errs[:min(len(errs), Shown)] {
		if i > 0 {
			b.WriteString("; ")
		}
		msg := err.Error()
		if f.Trim {
			msg = strings.TrimPrefix(msg, f.Prefix)
		}
		b.WriteString(msg)
	}
	if n := len(errs) - Shown; n > 0 {
		fmt.Fprintf(&b, " (and %d more)", n)
	}
	return b.String()
}
