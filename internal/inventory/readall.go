package inventory

import (
	"context"
	"sort"

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
// When every region was read and an id of f matched no group, the reads
// come with a *awsx.NoMatchError: a typo must not check nothing and pass.
func ReadAll(ctx context.Context, scope awsx.Scope, concurrency int, f Filter, newEC2 func(aws.Config) EC2API, onDone func(failed bool)) ([]RegionRead, error) {
	reads, err := readAll(ctx, scope, concurrency, f, newEC2, onDone)
	if err != nil {
		return reads, err
	}
	if len(scope.Problems) > 0 {
		return reads, nil // an unreadable account may hold the ids
	}
	return reads, f.check(reads)
}

func readAll(ctx context.Context, scope awsx.Scope, concurrency int, f Filter, newEC2 func(aws.Config) EC2API, onDone func(failed bool)) ([]RegionRead, error) {
	return awsx.Run(ctx, concurrency, scope.Units(), func(ctx context.Context, _ int, u awsx.Unit) (RegionRead, error) {
		var gs []Group
		var err error
		if rf, any := f.in(u.Account, u.Region); any {
			cfg, _ := scope.Config(u.Account, u.Region)
			gs, err = ListDefaultGroups(ctx, newEC2(cfg), u.Account, u.Region, rf)
		}
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

// check names the ids of f that matched no group read. With a region
// unread the id may be there: that is reported as incomplete instead.
func (f Filter) check(reads []RegionRead) error {
	if len(f.VpcIDs) == 0 && len(f.GroupIDs) == 0 && len(f.ByRegion) == 0 {
		return nil
	}
	vpcs, groups := map[string]bool{}, map[string]bool{}
	for _, r := range reads {
		if r.Problem != nil {
			return nil
		}
		for _, g := range r.Groups {
			vpcs[g.VpcID], groups[g.GroupID] = true, true
		}
	}
	where := "the default groups of the selected accounts and regions"
	if missing := unmatched(f.VpcIDs, vpcs); len(missing) > 0 {
		return &awsx.NoMatchError{Flag: "--vpc-ids", IDs: missing, Where: where}
	}
	if missing := unmatched(f.GroupIDs, groups); len(missing) > 0 {
		return &awsx.NoMatchError{Flag: "--group-ids", IDs: missing, Where: where}
	}
	var listed []string
	for _, ids := range f.ByRegion {
		listed = append(listed, ids...)
	}
	sort.Strings(listed)
	if missing := unmatched(listed, groups); len(missing) > 0 {
		return &awsx.NoMatchError{Flag: "--from-securityhub", IDs: missing, Where: "the default groups read a moment ago (deleted since?)"}
	}
	return nil
}

func unmatched(ids []string, found map[string]bool) []string {
	var out []string
	for _, id := range ids {
		if !found[id] {
			out = append(out, id)
		}
	}
	return out
}
