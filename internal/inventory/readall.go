package inventory

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// RegionRead is the default groups of one account-region, or why they could
// not be read.
type RegionRead struct {
	Account string
	Region  string
	Groups  []Group
	Problem *awsx.Problem
}

// ReadAll reads the default groups of every account-region of scope in the
// bounded pool. A region that cannot be read becomes a Problem in its slot;
// only cancellation stops the run. onDone (may be nil) is called per region.
func ReadAll(ctx context.Context, scope awsx.Scope, concurrency int, f Filter, newEC2 func(aws.Config) EC2API, onDone func(failed bool)) ([]RegionRead, error) {
	return awsx.Run(ctx, concurrency, scope.Units(), func(ctx context.Context, _ int, u awsx.Unit) (RegionRead, error) {
		cfg, _ := scope.Config(u.Account, u.Region)
		gs, err := ListDefaultGroups(ctx, newEC2(cfg), u.Account, u.Region, f)
		if onDone != nil {
			onDone(err != nil)
		}
		rr := RegionRead{Account: u.Account, Region: u.Region, Groups: gs}
		if err != nil {
			if ctx.Err() != nil {
				return rr, ctx.Err()
			}
			p := awsx.ProblemOf(u.Account, u.Region, "", err)
			rr.Problem = &p
		}
		return rr, nil
	})
}
