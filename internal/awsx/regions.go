package awsx

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// RegionsAPI is the one EC2 call region discovery needs.
type RegionsAPI interface {
	DescribeRegions(ctx context.Context, in *ec2.DescribeRegionsInput, opts ...func(*ec2.Options)) (*ec2.DescribeRegionsOutput, error)
}

// EnabledRegions lists the regions enabled for the account: opt-in status
// "opt-in-not-required" or "opted-in". When explicit is non-empty those
// regions are used instead, after checking each is known and enabled, so a typo
// is a usage error rather than a silently empty result.
func EnabledRegions(ctx context.Context, api RegionsAPI, explicit []string) ([]string, error) {
	out, err := api.DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
	if err != nil {
		return nil, err
	}
	status := map[string]string{}
	var enabled []string
	for _, r := range out.Regions {
		name, st := aws.ToString(r.RegionName), aws.ToString(r.OptInStatus)
		status[name] = st
		if st == "opt-in-not-required" || st == "opted-in" || st == "" {
			enabled = append(enabled, name)
		}
	}
	if len(explicit) == 0 {
		sort.Strings(enabled)
		return enabled, nil
	}
	var chosen []string
	seen := map[string]bool{}
	for _, r := range explicit {
		st, ok := status[r]
		switch {
		case !ok:
			return nil, &RegionError{Region: r, Reason: "is not a region this account knows"}
		case st == "not-opted-in":
			return nil, &RegionError{Region: r, Reason: "is not enabled for this account (opt-in status not-opted-in)"}
		}
		if !seen[r] {
			seen[r] = true
			chosen = append(chosen, r)
		}
	}
	sort.Strings(chosen)
	return chosen, nil
}

// RegionError is a --regions value that cannot be used.
type RegionError struct{ Region, Reason string }

func (e *RegionError) Error() string { return fmt.Sprintf("region %q %s", e.Region, e.Reason) }
