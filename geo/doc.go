// Package geo holds what chuanzhu needs of geography beyond
// github.com/paulmach/orb: great-circle distances, China's map datums,
// travel modes, travel-time matrices and a geodesic spatial index.
//
// Every point is an [orb.Point] {longitude, latitude} in degrees on
// WGS-84. Other datums exist only at the edges of a program and are
// converted explicitly with [Convert] and its six named functions.
//
// # Units
//
// Coordinates are degrees, longitude first. Distances are float64 metres
// on a sphere of radius [EarthRadius] (6 371 008.8 m, the IUGG mean
// radius), used by [Distance], [Destination], [NewMatrix] and [Index]
// alike. A [Mode]'s speed is in km/h; durations are [time.Duration]. In a
// [Matrix], Distances are metres and Durations are times; an OSRM table
// ([DecodeOSRMTable]) gives seconds, which are converted.
//
// # Datums
//
// GCJ-02 (AMap/Gaode, Tencent, Google Maps in mainland China) is WGS-84
// moved by the published offset formula on the Krasovsky ellipsoid; BD-09
// (Baidu) moves GCJ-02 further. The offsets apply only inside the box
// that [InChina] tests: longitude 72.004–137.8347 and latitude
// 0.8293–55.8271 on WGS-84, the box the common open implementations use;
// outside it every datum equals WGS-84, as Baidu documents for its maps
// outside China. The forward conversions are closed formulas; the
// inverses are solved iteratively, and every point of the box
// round-trips to well under 1 cm (the tests measure at most 1e-6 m over a
// 0.05° grid and dense bands along the edges). Near the box's edge an offset point can fall just outside
// it; the inverses then prefer the reading inside the box.
//
// # Concurrency
//
// All functions are safe for concurrent use. An [Index] is immutable after
// [NewIndex] and may be queried by any number of goroutines at once. A
// [Matrix] is a plain value with exported slices: share it read-only or
// guard it yourself. [NewMatrix] and [NewIndex] use several goroutines
// internally and return only when they are done.
//
// # Determinism
//
// Results depend only on the inputs: [NewMatrix] gives the same matrix for
// any number of goroutines, and [Index] queries order equal distances by
// point index.
//
// # Bad input
//
// No function panics on bad coordinates. [Valid] reports whether a point
// is usable; [Distance], [Bearing] and [Destination] return NaN for NaN
// or infinite coordinates and latitudes beyond ±90° (longitudes are taken
// modulo 360); the datum conversions return NaN, infinite and
// out-of-range points, and points outside the [InChina] box, unchanged;
// [NewMatrix] and [NewIndex] return an error wrapping [ErrInvalidPoint]
// that names the first bad point; [Index] queries return nil for an
// invalid query point, a negative or NaN radius, or k <= 0. Empty input
// gives [ErrEmptyMatrix] for matrices and an empty (but usable) [Index].
// [DecodeOSRMTable] returns errors naming the table, row and column at
// fault and checks the input's sizes before allocating for them.
package geo
