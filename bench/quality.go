package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// parseBudgets reads the -budgets list: comma-separated positive
// durations.
func parseBudgets(spec string) ([]time.Duration, error) {
	var out []time.Duration
	for _, f := range strings.Split(spec, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("-budgets: %q is not a positive duration", f)
		}
		out = append(out, d)
	}
	return out, nil
}

// qualityRow is one instance's objective at every budget.
type qualityRow struct {
	first row       // the row of the first budget (set, instance, n, best)
	ours  []float64 // per budget; NaN when not solved
}

// runQuality solves every instance of the sets once per budget (each run
// a separate Solve with that TimeLimit and the same seed) and writes one
// line per instance with the objective and gap at each budget, then a
// mean gap per set and budget. Progress goes to log.
func runQuality(cfg *config, sets []string, budgets []time.Duration, out, log io.Writer) error {
	rows := map[string]*qualityRow{}
	var order []string
	for b, d := range budgets {
		cfg.timeEach = d
		collect := func(r row) {
			key := r.set + "/" + r.instance
			q := rows[key]
			if q == nil {
				q = &qualityRow{first: r, ours: make([]float64, len(budgets))}
				for i := range q.ours {
					q.ours[i] = math.NaN()
				}
				rows[key] = q
				order = append(order, key)
			}
			q.ours[b] = r.ours
			fmt.Fprintf(log, "%s\t%s\t%s\t%s\n", d, r.set, r.instance, num(r.ours))
		}
		for _, set := range sets {
			if err := runSet(set, cfg, collect); err != nil {
				return err
			}
		}
	}
	fmt.Fprint(out, "set\tinstance\tn\tbest_known")
	for _, d := range budgets {
		fmt.Fprintf(out, "\tours_%s\tgap_pct_%s", d, d)
	}
	fmt.Fprintln(out)
	type mean struct {
		sum   []float64
		count []int
	}
	means := map[string]*mean{}
	var setOrder []string
	for _, key := range order {
		q := rows[key]
		r := q.first
		fmt.Fprintf(out, "%s\t%s\t%d\t%s", r.set, r.instance, r.n, num(r.best))
		m := means[r.set]
		if m == nil {
			m = &mean{sum: make([]float64, len(budgets)), count: make([]int, len(budgets))}
			means[r.set] = m
			setOrder = append(setOrder, r.set)
		}
		for i, v := range q.ours {
			r.ours = v
			g := r.gap()
			fmt.Fprintf(out, "\t%s\t%s", num(v), gapText(g))
			if !math.IsNaN(g) {
				m.sum[i] += g
				m.count[i]++
			}
		}
		fmt.Fprintln(out)
	}
	for _, set := range setOrder {
		m := means[set]
		fmt.Fprintf(out, "# %s mean gap %%:", set)
		for i, d := range budgets {
			if m.count[i] > 0 {
				fmt.Fprintf(out, " %s %.3f", d, m.sum[i]/float64(m.count[i]))
			}
		}
		fmt.Fprintln(out)
	}
	return nil
}
