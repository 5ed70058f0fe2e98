// Package tsp orders nodes on an integer cost matrix: closed tours, open
// paths and paths with fixed ends, symmetric or asymmetric. It is the
// sequencing engine behind route.Solve.
//
// Small instances are solved exactly by Held–Karp dynamic programming; larger
// ones by chained Lin–Kernighan local search (flip-based LK with neighbour
// lists and don't-look bits, plus Or-opt segment insertion) from a
// greedy-edge start, perturbed by segment-local double-bridge kicks.
//
// # Units
//
// Costs are int64 in whatever unit the caller chooses (route uses
// nanoseconds of travel time, the bench runner the TSPLIB integer metric).
//
// # Reductions
//
// Open paths get a dummy node at cost 0 from and to every node, joined to
// Start by a forced edge; a fixed-end path forces the edge End–Start.
// Asymmetric matrices are made symmetric by the Jonker–Volgenant 2N-node
// transformation, so the same symmetric moves serve both.
//
// # Concurrency
//
// Solve is safe for concurrent use; it does not modify the instance.
//
// # Determinism
//
// The search draws from a local generator seeded by [Options].Seed, so the
// same instance and options give the same result unless the context stops
// the search first (then the result depends on how far it got).
package tsp
