package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sync/atomic"
	"time"
)

// admission decides which plan requests wait for a solver and which are
// shed at once. It learns how long a solve takes (an exponentially
// weighted moving average) and sheds a request that, by that estimate,
// would not start its solve in time to finish it within the plan
// deadline, or that finds the queue full; waiting in vain until the
// deadline would only tie up the client and a connection.
type admission struct {
	waiting atomic.Int64 // requests waiting for a solver
	avg     atomic.Int64 // typical solve, ns; 0 before the first solve
	solved  atomic.Uint64
	shed    atomic.Uint64 // answered 503 busy
}

// ewmaWeight is the weight of the latest solve in the average.
const ewmaWeight = 0.2

// solveEstimate is the typical solve: the average of past solves, or a
// quarter of the plan deadline before the first.
func (c *core) solveEstimate() time.Duration {
	if avg := c.queue.avg.Load(); avg > 0 {
		return time.Duration(avg)
	}
	return c.cfg.planTimeout / 4
}

// waitEstimate is how long a request with ahead requests before it waits
// for a solver when all are busy: the solvers free one every
// solve/solvers on average.
func (c *core) waitEstimate(ahead int64) time.Duration {
	return time.Duration(float64(ahead+1) / float64(cap(c.solver)) * float64(c.solveEstimate()))
}

// record adds a solve's duration to the average.
func (a *admission) record(d time.Duration) {
	a.solved.Add(1)
	for {
		old := a.avg.Load()
		next := int64(d)
		if old > 0 {
			next = int64(ewmaWeight*float64(d) + (1-ewmaWeight)*float64(old))
		}
		if a.avg.CompareAndSwap(old, max(next, 1)) {
			return
		}
	}
}

// admit waits for a free solver within ctx's deadline (the plan
// deadline) and returns the function that frees it; the caller solves in
// between. It returns a 503 *apiError at once when the request is shed,
// or when ctx ends first: "canceled" when the client went away, "busy"
// with a Retry-After otherwise.
func (c *core) admit(ctx context.Context) (release func(), err error) {
	if ctx.Err() != nil {
		return nil, c.notAdmitted(ctx, 0)
	}
	select {
	case c.solver <- struct{}{}:
		return c.started(), nil
	default:
	}
	ahead := c.queue.waiting.Add(1) - 1
	defer c.queue.waiting.Add(-1)
	wait := c.waitEstimate(ahead)
	if dl, ok := ctx.Deadline(); ok && c.sheds(ahead, time.Until(dl)) {
		c.queue.shed.Add(1)
		return nil, c.busy(wait, "the planner is overloaded: %d plans are waiting for %d solvers, more than can be solved within the plan deadline of %s; try again later",
			ahead, cap(c.solver), c.cfg.planTimeout)
	}
	select {
	case c.solver <- struct{}{}:
		return c.started(), nil
	case <-ctx.Done():
		return nil, c.notAdmitted(ctx, wait)
	}
}

// started returns the function that ends a solve started now.
func (c *core) started() func() {
	t0 := time.Now()
	return func() {
		c.queue.record(time.Since(t0))
		<-c.solver
	}
}

// notAdmitted is the error of a request whose context ended before it
// got a solver.
func (c *core) notAdmitted(ctx context.Context, wait time.Duration) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return newError(http.StatusServiceUnavailable, codeCanceled, "the request was canceled")
	}
	c.queue.shed.Add(1)
	return c.busy(wait, "the planner is busy: no solver was free within the plan deadline of %s; try again later", c.cfg.planTimeout)
}

// busy is a 503 "busy" error asking the client to come back after about
// wait (1 s to 1 min, whole seconds).
func (c *core) busy(wait time.Duration, format string, args ...any) *apiError {
	e := newError(http.StatusServiceUnavailable, codeBusy, fmt.Sprintf(format, args...))
	e.retryAfter = int(min(60, max(1, math.Ceil(wait.Seconds()))))
	return e
}

// sheds reports whether a request that finds every solver busy, with
// ahead requests waiting before it and left until its deadline, is shed:
// the queue is full, or by the estimates it would not be solved in time.
func (c *core) sheds(ahead int64, left time.Duration) bool {
	return ahead >= int64(c.cfg.maxQueue) || c.waitEstimate(ahead)+c.solveEstimate() > left
}

// saturated reports whether a plan request arriving now would be shed.
func (c *core) saturated() bool {
	return len(c.solver) >= cap(c.solver) && c.sheds(c.queue.waiting.Load(), c.cfg.planTimeout)
}
