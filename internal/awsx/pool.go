package awsx

import (
	"context"
	"runtime"

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

// MaxAutoConcurrency caps AutoConcurrency on any host.
const MaxAutoConcurrency = 1024

// HostConcurrency is how many calls this host can keep in flight: 128 per
// CPU, and never more than a quarter of the open-file limit (each call in
// flight holds a connection; the rest is left for idle connections and the
// files the tool writes). A call costs the client about 0.27 ms of CPU, so
// one core finishes ~3,700 calls a second: at 35–100 ms a call, 128 in
// flight keep it busy. More only queue for the CPU and hold memory: usage
// 100×17 at 50 ms on 2 cores took 25.8 s and 158 MiB at 256 in flight,
// 29.2 s and 215 MiB at 512, 37.5 s and 119 MiB at 128 (docs/PERFORMANCE.md).
func HostConcurrency() int {
	n := 128 * runtime.NumCPU()
	if files, ok := openFileLimit(); ok && files > 0 {
		n = min(n, int(min(files/4, uint64(MaxAutoConcurrency))))
	}
	return max(DefaultConcurrency, min(n, MaxAutoConcurrency))
}

// AutoConcurrency is the global bound when --concurrency is not given: 128
// for one account; for many, what the host can keep in flight. AWS throttles
// per account, region and service, so an organization's calls spread over
// thousands of buckets and the per-account-region limits (Limits) keep each
// bucket's share small; a global 128 left 8,500 account-regions queued
// behind 128 slots (docs/PERFORMANCE.md, "Organization scale").
func AutoConcurrency(accounts int) int {
	if accounts <= 1 {
		return DefaultConcurrency
	}
	return HostConcurrency()
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
