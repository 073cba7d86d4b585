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

// DefaultConcurrency bounds in-flight AWS calls across the whole run. Work is
// I/O bound, so this is about API politeness, not CPU.
const DefaultConcurrency = 32

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
