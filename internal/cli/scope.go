package cli

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
)

// resolveScope turns the global flags into the accounts × regions to visit.
func resolveScope(ctx context.Context, f *Factory) (awsx.Scope, error) {
	cfg, err := f.AWSConfig(ctx)
	if err != nil {
		return awsx.Scope{}, err
	}
	g := f.Global
	regions := awsx.ParseRegions(g.Regions)
	var scope awsx.Scope
	switch {
	case g.Org:
		scope, err = awsx.OrgScope(ctx, cfg, awsx.OrgOptions{OUs: g.OUs, Accounts: g.Accounts, ExcludeAccounts: g.ExcludeAccounts,
			RoleName: g.RoleName, ExternalID: g.ExternalID, SessionName: g.SessionName, Duration: g.RoleDuration,
			Regions: regions, Concurrency: g.Concurrency})
	case len(g.Profiles) > 0:
		scope, err = awsx.ProfilesScope(ctx, g.Profiles, func(ctx context.Context, profile string) (aws.Config, error) {
			return awsx.LoadBase(ctx, awsx.Options{Profile: profile, Region: g.Region, EndpointURL: g.EndpointURL, CallTimeout: g.CallTimeout})
		}, regions, g.Concurrency)
	default:
		scope, err = awsx.SingleAccount(ctx, cfg, regions)
	}
	var re *awsx.RegionError
	var nm *awsx.NoMatchError
	if errors.As(err, &re) || errors.As(err, &nm) {
		return awsx.Scope{}, exitcode.Usagef(err)
	}
	// --concurrency 0 (the default) is sized now that the accounts are known.
	if g.Concurrency == 0 {
		g.Concurrency = awsx.AutoConcurrency(len(scope.Accounts))
	}
	awsx.TuneGC(len(scope.Accounts))
	return scope, err
}

// newEC2 is the one constructor of EC2 clients for per-region work.
func newEC2(cfg aws.Config) inventory.EC2API { return ec2.NewFromConfig(cfg) }
