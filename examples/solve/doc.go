// Package solve holds a sample VROOM problem for `chuanzhu solve`:
// problem.json, six heritage sites of Jiang County (绛县) as jobs with
// WGS-84 coordinates, visit times (service) and priorities, and one
// vehicle, a visitor leaving the county seat for a five-hour day with an
// hour's lunch break. The day is too short for all six: the solver leaves
// out what adds least for its detour. Try it with
//
//	go run ./cmd/chuanzhu solve examples/solve/problem.json
//
// The coordinates are the catalog's (heritage/data); several of the tombs
// are known only to their township, so treat the travel times as
// estimates. The test in this directory runs the problem through
// route/vroom and route.Solve.
package solve
