// Package tsp orders nodes on an integer cost matrix: closed tours, open
// paths and paths with fixed ends, symmetric or asymmetric. It is the
// sequencing engine behind route.Solve.
//
// Small instances are solved exactly by Held–Karp dynamic programming (up to
// [DefaultExactLimit] nodes to order, a few milliseconds). Larger ones are
// solved by chained Lin–Kernighan local search:
//
//   - candidate lists of the 10 cheapest neighbours per node, joined on
//     symmetric instances by its 3 alpha-nearest ones (Helsgaun's measure
//     on a minimum spanning tree, which keeps edges between clusters that
//     cost-nearest lists miss), and a queue of nodes whose don't-look bit
//     is off;
//   - a greedy-edge start tour;
//   - moves: flip-based Lin–Kernighan (depth up to 50, breadth 8, 4, 2 at the
//     first levels, at most 50 steps of backtracking per search), Or-opt
//     (moving a segment of up to three nodes, either way round) and or3opt
//     (swapping two adjacent segments without reversing them);
//   - perturbation: the double-bridge kick on four edges drawn from a window
//     of 75 tour positions (Options.KickWindow; one kick in 20 from the
//     whole tour), kept when the tour is not worse after the local
//     search, else undone (a descent that comes back to the tour the kick
//     started from stops there, told by a hash of the tour's edges); a
//     trajectory stuck for max(200, 3N) kicks restarts from a random
//     tour, keeping the best.
//
// The array tour with a position index makes a flip cost at most N/2.
//
// An [Instance] may give its costs as a [cost.Table] computed from
// locations (route does so above 5,792 places): the candidate lists then
// come from a k-d tree (the nearest by location, ranked by cost), without
// the alpha-nearest ones, whose spanning tree takes O(N²) time, so that
// nothing of size N² is held or scanned.
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
// transformation. On it a single flip can never gain, so asymmetric
// instances use only the orientation-preserving moves (Or-opt without
// reversal, or3opt, double bridge); reversals are evaluated with their true
// cost and never accepted when they lose.
//
// # Stopping
//
// The search runs until the context ends (Result.Canceled is then set and
// the best tour so far returned, within a few milliseconds on 1,000 nodes)
// or until [Options].MaxStall consecutive kicks fail to improve the best
// tour: by default max(1000, 10·N) when the context has no deadline, no
// limit when it has one. [Options].MaxKicks caps the total.
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
