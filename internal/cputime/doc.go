// Package cputime reads the CPU time the process has used, which on a
// shared machine measures a benchmark better than wall time: the
// benchmarks of several packages report it.
package cputime
