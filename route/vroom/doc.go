// Package vroom reads and writes VROOM's JSON problem and solution formats
// (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md) for the
// subset that maps onto package route, so the same input runs on both
// VROOM and chuanzhu: [Decode] turns a problem into a [Problem] (a
// route.Problem plus the ids needed to answer), route.Solve solves it, and
// [Encode] writes the plan as a VROOM-shaped [Solution].
//
// The mapping: a job is a route.Stop (id → ID in decimal, service → Visit,
// priority → Score, description → Name), a vehicle is a route.Day
// (start/end, time_window → Window, one break → Break). VROOM's objective
// — the sum of assigned priorities first, then the cost — is route's:
// score, then number of visited stops, then travel time. A job's time
// window [a, b] bounds the start of service; it becomes the route.Window
// [a, b+service], inside which the whole visit must lie, the same
// constraint. Everything outside the subset is rejected, naming the
// field; see [Decode].
//
// # Units
//
// VROOM's integers are seconds (times, durations, service) and metres
// (distances). Times become instants [Epoch] + seconds, so both relative
// times and Unix timestamps work; the solution's arrivals are seconds
// after Epoch again. Without matrices, travel comes from the locations and
// the problem's geo.Mode (set Problem.Mode; zero means geo.CountyDrive),
// where VROOM would ask a routing engine.
//
// # Concurrency
//
// Decode, NewSolution and Encode keep no state; a Problem is read-only for
// them and may be shared.
package vroom
