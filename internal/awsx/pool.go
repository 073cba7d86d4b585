package awsx

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Unit is one piece of work in the account × region × task grid.
type Unit struct {
	Account string
	Region  string
	Task    string
}

// DefaultConcurrency bounds in-flight AWS calls in a one-account run. Work is
// I/O bound, so this is about API politeness, not CPU: AWS throttles per
// account, region and service, and 128 units over 17 regions and ~37
// finders' services is a handful per bucket (EC2's Describe bucket holds 100).
// 32 left usage and close waiting on latency (docs/PERFORMANCE.md).
const DefaultConcurrency = 128

// MaxAutoConcurrency caps AutoConcurrency.
const MaxAutoConcurrency = 128

// AutoConcurrency is the bound when --concurrency is not given: 128, for
// one account or many. Units run account by account, so more accounts
// spread the same per-region pressure over more throttling buckets; with
// 32 in total a 500-account run waited on latency, not on AWS (see
// docs/PERFORMANCE.md, "Organization scale").
func AutoConcurrency(accounts int) int {
	return min(MaxAutoConcurrency, DefaultConcurrency*max(1, accounts))
}

// Run executes fn for every unit with at most limit running at once. Results
// land in their own slot (same index as the unit), so output is deterministic
// whatever the completion order. fn reports per-unit failures in its result;
// an error returned from fn cancels the run (use only for fatal errors such as
// context cancellation).
func Run[R any](ctx context.Context, limit int, units []Unit, fn func(ctx context.Context, i int, u Unit) (R, error)) ([]R, error) {
	if limit <= 0 {
		limit = DefaultConcurrency
	}
	results := make([]R, len(units))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i, u := range units {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			r, err := fn(gctx, i, u)
			results[i] = r
			return err
		})
	}
	return results, g.Wait()
}
