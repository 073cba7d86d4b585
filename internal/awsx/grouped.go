package awsx

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Limits bound work in flight the way AWS throttles it: per account and
// region (EC2's token buckets, and most services' per-region quotas), per
// service within an account-region, and in total (the host).
type Limits struct {
	Global     int // every task (--concurrency); 0 = DefaultConcurrency
	PerGroup   int // tasks of one account-region; 0 = DefaultPerAccountRegion
	PerService int // tasks of one service in one account-region; 0 = DefaultPerService
}

// Defaults for Limits. An account-region of usage is ~40 one-call tasks over
// ~25 services; 8 at once finish it in about five round trips while each
// service's bucket sees at most 4 calls at a time (EC2's Describe bucket
// holds 100 and refills 20 a second).
const (
	DefaultPerAccountRegion = 8
	DefaultPerService       = 4
)

func (l Limits) withDefaults() Limits {
	if l.Global <= 0 {
		l.Global = DefaultConcurrency
	}
	if l.PerGroup <= 0 {
		l.PerGroup = DefaultPerAccountRegion
	}
	if l.PerService <= 0 {
		l.PerService = DefaultPerService
	}
	l.PerGroup = min(l.PerGroup, l.Global)
	l.PerService = min(l.PerService, l.PerGroup)
	return l
}

// RunGrouped runs fn(i, j) for task j of every group i (an account-region)
// with at most l.PerGroup tasks of one group, l.PerService of one service of
// one group, and l.Global in all running at once. services(i) names the
// service of each of group i's tasks. Groups start in order, as many at a
// time as keep the global limit busy (twice Global/PerGroup), so memory
// follows the work in flight, never the size of the grid. fn reports
// per-task failures itself; an error from fn cancels the run.
func RunGrouped(ctx context.Context, l Limits, groups int, services func(i int) []string,
	fn func(ctx context.Context, i, j int) error) error {
	l = l.withDefaults()
	global := make(chan struct{}, l.Global)
	outer, octx := errgroup.WithContext(ctx)
	outer.SetLimit(max(1, 2*l.Global/l.PerGroup))
	for i := range groups {
		if octx.Err() != nil {
			break
		}
		outer.Go(func() error {
			svcs := services(i)
			perService := map[string]chan struct{}{}
			for _, s := range svcs {
				if perService[s] == nil {
					perService[s] = make(chan struct{}, l.PerService)
				}
			}
			inner, ictx := errgroup.WithContext(octx)
			inner.SetLimit(l.PerGroup)
			for _, j := range interleave(svcs) {
				if ictx.Err() != nil {
					break
				}
				inner.Go(func() error {
					sem := perService[svcs[j]]
					if !acquire(ictx, sem) {
						return ictx.Err()
					}
					defer func() { <-sem }()
					if !acquire(ictx, global) {
						return ictx.Err()
					}
					defer func() { <-global }()
					return fn(ictx, i, j)
				})
			}
			return inner.Wait()
		})
	}
	if err := outer.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// acquire takes a slot of sem unless ctx is done (also when both are
// ready: select would pick either).
func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		if ctx.Err() != nil {
			<-sem
			return false
		}
		return true
	case <-ctx.Done():
		return false
	}
}

// interleave orders task indexes round-robin by service, so that a service
// with many tasks does not hold every slot of its group waiting on its own
// per-service limit.
func interleave(svcs []string) []int {
	var order []string
	by := map[string][]int{}
	for j, s := range svcs {
		if by[s] == nil {
			order = append(order, s)
		}
		by[s] = append(by[s], j)
	}
	out := make([]int, 0, len(svcs))
	for len(out) < len(svcs) {
		for _, s := range order {
			if q := by[s]; len(q) > 0 {
				out = append(out, q[0])
				by[s] = q[1:]
			}
		}
	}
	return out
}
