package route

// ComputedTravel makes Solve compute travel from the locations whatever
// the problem's size, as it does above maxDensePlaces places: a test
// seam for the computed table on problems small enough to compare.
func ComputedTravel(o *options) { o.denseUpTo = -1 }
