// Command chuanzhu is the command-line tool around the chuanzhu library.
//
// Usage:
//
//	chuanzhu <command> [flags] [arguments]
//
// Commands:
//
//	sites   list, filter and search the heritage sites; export them as GeoJSON or CSV
//	plan    plan a trip over sites or a theme and write it in any output format
//	lines   list the themed lines (串珠成线) as a brochure, or as JSON
//	solve   solve a VROOM-format JSON problem and print a VROOM-shaped solution
//	serve   serve the web API and embeddable map over HTTP
//
// Run "chuanzhu <command> -h" for a command's flags (exit status 0). Bad
// usage or bad input — an unknown command or flag, a bad flag value, an
// extra argument, a catalog file that does not load, a request the
// planner refuses — ends with a one-line error on standard error and exit
// status 2; other failures (a port in use, an output file that cannot be
// written, an interrupted run) with a one-line error and exit status 1.
//
// Every command but solve works on the embedded catalog of Jiang County
// and its neighbours, or with -data on catalogs loaded from GeoJSON or
// JSON files in heritage's schema: -data replaces the embedded catalog
// (a catalog of another region has its own county seat and anchors, which
// the planner's defaults use), -data repeated merges the files, and
// -merge adds them to the embedded catalog instead. Site IDs must be
// unique across the merged catalogs.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"sites": {"list, filter and search the heritage sites; export them as GeoJSON or CSV", sites},
		"plan":  {"plan a trip over sites or a theme and write it in any output format", plan},
		"lines": {"list the themed lines (串珠成线) as a brochure, or as JSON", lines},
		"solve": {"solve a VROOM-format JSON problem and print a VROOM-shaped solution", solve},
		"serve": {"serve the web API and embeddable map over HTTP", serve},
	}
}

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line args and returns the exit status: 0 on
// success, 2 for bad usage or input, 1 for other failures.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "chuanzhu: unknown command %q (run chuanzhu -h)\n", args[0])
		return 2
	}
	err := cmd.run(ctx, args[1:], stdin, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintf(stderr, "chuanzhu %s: %s\n", args[0], oneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: chuanzhu <command> [flags] [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun chuanzhu <command> -h for a command's flags.")
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
