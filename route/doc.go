// Package route strings stops into routes: from ordering a handful of
// sites (a travelling-salesman path) to choosing the best sites for one or
// several days within opening hours, day budgets and a lunch break (team
// orienteering with time windows), through one entry point, [Solve].
//
// A [Problem] lists [Stop] values (a place, a visit duration, a score,
// opening [Window] values, Closed and Required flags) and one [Day] per
// route, each with a start place, an optional end place (nil: end at the
// last visit; the start place again: a loop), a day window and an optional
// [Break]. A Day is one day of a multi-day trip — or, equally, one guide or
// vehicle on the same day. Travel comes from the stops' locations and a
// [geo.Mode], or from a caller-supplied [geo.Matrix] (road times from a
// routing service; asymmetric allowed). [StopsFromSites] builds stops
// from heritage sites and their opening hours on the trip's dates.
//
// [Solve] returns a [Plan] that explains itself: per day the visits with
// arrival, wait, start and departure times, the legs with distance and
// duration, the break, and totals; every stop left out with its [Reason]
// (ReasonBudget, ReasonClosed, ReasonUnreachable); and a [Status] saying
// how the search ended. [Schedule] builds the same kind of plan, by the
// same rules, for visiting orders the caller chose, and [StoryOrder]
// reorders a day so that a story unfolds — stops of lower [Rank] first,
// such as the oldest sites — at a bounded extra length.
//
// # Objective
//
// Plans are compared lexicographically, as VROOM does: first the total
// Score of the visited stops is maximised, then the number of visited
// stops, then the total travel time is minimised. Required stops are
// always visited; when they cannot all be, Solve returns an
// [*InfeasibleError] naming them and why, not a partial plan. Waiting and
// visit times count against the day windows but not in the objective.
//
// A plain ordering problem — one day, no windows, no break, no closing time
// and no closed stops — visits every stop and only minimises travel; it is
// solved exactly (Held–Karp dynamic programming) up to 15 stops and by
// chained Lin–Kernighan local search beyond. Everything else is solved by
// iterated local search for the team orienteering problem with time
// windows (insertion with constant-time forward-slack checks, removal,
// moves between days, perturbation).
//
// # When the search stops
//
// Every search starts from a fast construction that runs whole whatever
// the budget: for an ordering, the greedy-edge tour and its first
// Lin–Kernighan and Or-opt descent; otherwise greedy insertion of the stop
// with the best score²/added time, then 2-opt and Or-opt on every day. A
// [TimeLimit] or context deadline shorter than the construction returns
// its plan, later than the deadline by what the construction costs
// (BenchmarkSolveConstruction, one core of a quiet 2-core machine: 1–3 ms
// for 100 stops; about 35 ms for an ordering of 800 stops and 35–65 ms
// for 800 stops with windows over one to three days, where the greedy
// insertion, quadratic in the stops, dominates).
//
// Without a TimeLimit the search stops by itself, after a number of
// iterations that depends on the problem only, never on the clock, so a
// deadline on the context does not change the plan unless it cuts the
// search short:
//
//   - an ordering of up to 15 stops (see [ExactLimit]) is solved exactly,
//     with Status Optimal;
//   - a longer ordering stops after max(1000, 10·n) perturbations of the
//     Lin–Kernighan search in a row that found no shorter tour (n: the
//     stops, the day's start and its end if that is another place);
//   - any other problem stops after 50 + min(n, 500) + 2000/n
//     perturbations in a row that found no better plan (n: the stops that
//     can be visited at all), twice as many when some stop has Windows
//     (its insertions are checked only where their times can meet the
//     windows, so a perturbation costs less, while the plans that fit the
//     windows lie further apart), but not before it has searched as long
//     again as it took to find its best plan, nor, with n ≤ 500, before
//     min(120·n/v, 1,500,000/(n·v)) perturbations in all (v: the best
//     plan's visits; 1,000 for 100 stops of which 12 fit, so a problem
//     where few of its stops fit searches longer among the ways to choose
//     them while a perturbation, costing about n·v, is cheap);
//   - in one day without a break whose stops have no Windows (the
//     orienteering problem), with n ≤ 500 and n·v ≥ 5,000, also not
//     before min((n·v)²/30,000, 6,000) perturbations in all (2,935 for 136
//     stops of which 69 are visited; 6,000 from n·v = 13,417): the ways
//     to choose and order many visits grow much faster than a
//     perturbation's work, and such a search keeps finding better plans
//     long after the stall budget would stop it; such a search stops
//     after 24,000 perturbations in all;
//   - with n > 500 it stops after min(2000, 7,500,000/n) perturbations in
//     all (1,500 at 5,000 stops: each one scans every stop for
//     insertions);
//   - and at once, with Status Optimal, when the plan is proven optimal:
//     every stop that fits into a day on its own is visited, in one day
//     without windows on its visits or a break, in the order Held–Karp
//     proves shortest (at most 15 visits).
//
// The budget counts iterations, not time, so that the plan does not depend
// on the machine. On the public orienteering sets (bench/README.md, "The
// default stopping rule against VROOM") every set's mean score is at
// least VROOM's, and equal to the earlier, ten times longer rule's on
// Tsiligirides, Chao and OPLib gen3 (above it on gen1), at most 0.12%
// below it on OPLib gen2 and gen4 and on the one-route Cordeau and
// Solomon 100 sets, and 1.1% below on the one-route Solomon 200 set
// (seed 1; 0.9% below over six seeds); each set's mean CPU time stays
// within twice VROOM's (at least 0.25 s). On the windowed sets the
// earlier rule's plans are the best-known ones, which on the hardest
// instances (Solomon r201 and rc201) this search first reaches after
// 1.4–9 times that time: pass a [TimeLimit] to search longer.
//
// # Large problems
//
// Solve holds the travel times between places (the stops and the days'
// distinct starts and ends) in one of two ways. With a Matrix, and for up
// to 5,792 places given by locations, in one dense table, 8 bytes per
// pair (200 MB at 5,000 places, 256 MiB at 5,792), filled from the
// locations in parallel; a problem with an open day (Day.End nil) needs a
// second table of that size inside the engines, which add a virtual end
// place to it. A problem with a Matrix may have up to [MaxMatrixStops]
// (2,500) stops, as the caller's matrix is held too.
//
// Above 5,792 places given by locations, up to [MaxStops] (20,000) stops,
// and for places spread so far apart that the ordering engine's sums of
// nanoseconds could overflow (orderings of thousands of places across a
// country), Solve holds no table of travel times; the ordering engine
// then takes each leg in whole seconds. A leg's time is computed from the
// two locations and the Mode whenever a solver reads it — the same value
// the dense table would hold (haversine distance, circuity, whole
// seconds, the expected leg of a coarse place). The orienteering search
// keeps the rows of the 256 places it read last (those on its days), the
// neighbour lists (30 per stop; 10 per place for an ordering) and each
// stop's shortest leg come from a k-d tree ([geo.Index]), and a long day
// is re-sequenced on a computed part of the table. Memory grows as the
// stops times the neighbours kept. The ordering engine then does without
// its alpha-nearness candidates (their spanning tree is quadratic), so
// large orderings of clustered places may come out a little longer.
// Distances are never tabled but computed for the legs a plan reports.
//
// What stays quadratic in time (in linear memory) on that path:
//
//   - proving that no leg is longer than MaxDuration: in linear time from
//     the places' spread when it is small enough (for [geo.CountyDrive],
//     all within about 2,900 km of their first place or of their bounding
//     box's centre), else by checking every pair in parallel;
//   - the shortest-path pass that proves a stop unreachable: it runs only
//     when a stop does not fit into any day with direct travel, from the
//     days' starts and ends of such stops, over the places a day can
//     reach, and reads a leg only when a cheap lower bound (the chord
//     through the Earth) could improve a time. At worst (20,000 places
//     all within a day's reach) about 6 s of CPU time.
//
// The search keeps each stop's cheapest insertion into each day until
// that day changes, and for problems with more than 1,000 stops that can
// be visited recomputes a changed day's insertions for all stops at once,
// reading the travel along its rows. On the bench's generated
// problems with opening windows and a lunch break over 5 days (go run
// ./bench -set synth, bench/README.md), the default run took 38–43 s of
// CPU time (by the machine's load) and 0.25 GB of peak resident memory
// at 5,000 sites (dense table), and 39–43 s and 78–81 MB at 20,000 sites
// (computed, its perturbations capped at 375). At 5,000 sites
// the computed path took 31.6 s and 37 MB but scored 4,930 instead of
// 5,003, its search following other neighbour lists, so the dense table
// is kept while it fits in 256 MiB.
//
// # Windows
//
// A visit must lie whole inside one of its stop's windows: arrive, wait if
// early, start no later than Close minus the visit. A visitor needs this
// from opening hours. VROOM's time windows bound only the start of
// service; route/vroom maps a VROOM window [a, b] for a job with service s
// to Window{a, b+s}, which is exactly equivalent. Windows may touch (they
// are then treated as one); they must not overlap. A Break lies whole
// inside its window and is taken where the visitor is, after a visit or
// before leaving the start.
//
// # Imprecise places
//
// A [Place] may say how well its location is known: Precision is the
// radius in metres within which the true place lies (0: exact). Places
// known to within [CoarsePrecision] (500 m) are planned as points,
// exactly as if their precision were 0. For a leg with a coarser end,
// with radii r1 and r2 (0 for a precise end) around points d metres
// apart, the straight-line distance is taken as
//
//   - expected: max(d, ⅔·max(r1, r2)). The given points are the best
//     estimate of where the places are, so their distance d is the best
//     estimate of the leg; but two distinct places at one placeholder
//     point (a township's centre) are not 0 apart: ⅔·r is the mean
//     distance from a disc's centre to a point uniform in it, the floor.
//     A precision is a bound (often the farthest corner of a township),
//     not a spread, so a root-mean-square over uniform discs, which
//     would add about r/√2 to every leg near a coarse place, overstates
//     the usual leg and makes the planner shun coarse places;
//   - least: max(0, d − r1 − r2), the nearest the true places can be;
//   - most: d + r1 + r2, the farthest they can be.
//
// Each straight-line distance becomes road distance and time through the
// Mode (circuity and speed, whole seconds) and fills a [Leg]'s Distance,
// DistanceMin, DistanceMax and Duration, DurationMin, DurationMax; the
// three are equal where both ends are precise. Two distinct places at one
// placeholder point are therefore never 0 minutes apart (one equal
// [Place] value, such as a stop that is also the day's start, is, and so
// is a place visited through another at the same point, Place.Via: a
// cemetery seen inside the museum built on it). The
// solvers and the schedule plan with the expected values: the travel
// matrix holds them. [LegBetween] computes one such leg.
//
// With a Matrix its values stand as the expected ones (they are road
// times between the given points); a leg with a coarse end gets the
// range widened on both sides by the Mode's distance and time over
// r1 + r2 straight metres (not below 0), and is a point otherwise.
//
// Imprecision is kept in the schedule: when a day leaves later than its
// opening to avoid waiting (see [Schedule]), it leaves only so late that
// its end, its pessimistic end — every leg taking DurationMax, every
// visit and break starting at arrival or at the opening it waits for —
// and the windows that pessimistic schedule misses stay as they are when
// leaving at the opening; so the waiting a coarse leg may need is kept as
// a buffer. Whatever a day cannot buffer it
// reports: [DayPlan].Overrun is how much later than its window's close
// the day's pessimistic end is (0 when it fits or the day has no close),
// and [Plan].Overrun their sum. A pessimistic arrival that misses a
// window is counted as starting the visit on arrival, so Overrun speaks
// of the day's end, not of the windows. [DayPlan].Open keeps the day's requested
// start, so that a writer can say why Depart is later (the first visit,
// or the break, would otherwise only wait for its opening).
//
// # Units
//
// Times are [time.Time] instants, in any time zone; each day's plan is
// reported in the time zone of its Window.Open. Durations are
// [time.Duration]; travel durations come from the Mode (rounded to whole
// seconds, see [geo.NewMatrix]) or the Matrix. Distances are float64
// metres. Internally the solvers work in integer nanoseconds.
// Limits: [MaxStops] stops ([MaxMatrixStops] with a Matrix; see "Large
// problems"), [MaxDays] days, visits and breaks up to
// [MaxDuration], legs computed from locations up to MaxDuration too (a
// longer one is unreachable by that mode, an error), scores up to
// [MaxScore]. The entries of a caller's Matrix are costs in the problem's
// own unit, read as durations: a long one is not unreachable; each may be
// up to [MaxLeg], and the longest legs of the used rows may add up to
// [MaxLegSum], the bounds that keep the solvers' arithmetic exact.
//
// # Concurrency
//
// Solve does not modify its Problem and keeps no state between calls:
// any number of Solve calls may run at once, on the same Problem too.
// Building the travel table from locations uses GOMAXPROCS goroutines;
// the search itself runs on the calling goroutine.
//
// # Determinism
//
// The search is randomised with a local generator seeded by [Seed]
// (default 1): the same Problem, options and seed give the same Plan when
// the search stops by its own rule. With a [TimeLimit], or when the
// context ends the search, the plan depends on how far it got.
package route
