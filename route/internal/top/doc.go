// Package top solves the team orienteering problem with time windows on
// integer data: choose which customers to visit, and in which of several
// routes and in which order, so that the total score is as high as
// possible.
//
// [Solve] maximises the total score of the visited customers, then the
// number of visited customers, then minimises the total travel time, as
// VROOM does. Required customers must all be visited; otherwise Solve
// reports them in a [*RequiredError].
//
// A visit's whole service [start, start+service] must lie inside one of its
// node's windows (several sorted disjoint windows are allowed, for example a
// lunch closure); arriving early means waiting. A route leaves its Start at
// or after Open and reaches its End (or finishes its last visit, for an open
// route) by Close. A route may have one break, taken as a wait at the
// current place between two consecutive nodes; the engine chooses where.
// The plain orienteering problem is the special case with no windows, no
// service times and the length budget as the route's Close.
//
// # Algorithm
//
// An iterated local search in the spirit of Vansteenwegen, Souffriau,
// Vanden Berghe and Van Oudheusden (2009): greedy insertion by the ratio
// score²/shift, perturbation by removing visits (consecutive visits at a
// rotating position, random visits, clusters of neighbours, or exchanging
// route tails) which then stay tabu for a few iterations, and a local search
// made of 2-opt and Or-opt inside routes, insertion, swap-in of unvisited
// customers (optionally moving the displaced visit to another route),
// relocation and exchange between routes. Routes whose feasibility depends on
// travel alone (no windows on their visits, no break: the plain orienteering
// case) are also perturbed by overfilling — inserting customers past the
// budget, shortening the route, then dropping the visits with the worst
// score for their travel until it fits, as in drop–add heuristics for the OP;
// half of the time the inserted customers are a random unvisited one and its
// nearest unvisited neighbours, which lets the route jump to another region —
// and, when they score at least as much as the best plan so far,
// re-sequenced by the chained Lin–Kernighan engine of package tsp.
// Long routes restrict 2-opt and Or-opt to arcs between near neighbours.
// Each customer's cheapest insertion into each route is kept until that
// route changes (instances of more than 1,000 customers then recompute a
// short route's insertions for all customers at once, reading the travel
// table along its rows), and a route none of whose gaps is as long as the
// customer's service plus its shortest legs in and out is not scanned for
// it; nor are the positions where the route's times cannot meet the
// customer's windows, or whose detour already costs more than the best
// insertion found.
// A worse local optimum is accepted as the next starting point with a
// simulated-annealing probability (a drop of 2% of the best score with
// probability 1/e, as in Gunawan et al.'s ILS with simulated annealing), and
// the search returns to the best solution after 100 iterations without
// improvement; after a quarter of these restarts it accepts every candidate
// instead (a random walk, as Vansteenwegen et al.'s ILS does). Every candidate move is checked
// against the latest feasible arrival times of the rest of the route
// (Savelsbergh's forward time slack), which stays exact with several windows
// per node and with a break because every earliest schedule is monotone in
// its start time: an insertion costs O(1) per position, a changed stretch
// O(its length). Or-opt on a route of at most 48 visits with windows and
// no break carries, for each stretch it moves, the earliest departures
// past it and the latest arrivals before it along its scan, so that a
// place costs the stretch's length rather than a walk to it. The triangle
// inequality is not assumed.
//
// # Stopping
//
// With Options.MaxNoImprove unset, the search stops after 50 + n + 2000/n
// perturbations in a row without a better plan (n: the customers, at most
// 500 counted), twice as many when some customer has windows on its
// visits, but not before it has run as long again as it took to find its
// best plan, nor, up to 500 customers, before a floor of perturbations in
// all that depends on n and the best plan's visits v: min(120·n/v,
// 1,500,000/(n·v)), for problems where few customers fit; and for the
// orienteering problem proper (one route, no windows, no break) with
// n·v ≥ 5,000, at least min((n·v)²/30,000, 6,000), as its best plan
// keeps improving long after the stall budget would stop it (2,935 at 136
// customers of which 69 are visited), and at most 24,000 in all (as long
// again as the best took to find is unbounded after a late improvement).
// Beyond 500 customers it stops after
// min(2,000, 7,500,000/n) perturbations in all. It also stops, proven
// optimal, when its plan visits every customer that fits in one route
// without windows or a break, in the order Held–Karp proves shortest.
// Every count is of perturbations, never of time, so the result does not
// depend on the machine.
//
// # Units
//
// All times, durations and travel times are int64 in one unit chosen by
// the caller, bounded by [MaxValue] in absolute value. Scores are int64.
//
// # Concurrency
//
// Solve keeps all its state on the stack of the call; it may run in many
// goroutines at once. It does not modify the Instance.
//
// # Determinism
//
// The search uses a local random source seeded from Options.Seed. For the
// same instance, seed and options, Solve returns the same result unless ctx
// ends the search first (then the result depends on how far it got).
package top
