package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/aggregator"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
)

// Scope is the accounts × regions a run visits, with the concurrency sized
// for them.
type Scope struct {
	awsx.Scope
	Concurrency int
	// Inventory, when set (--inventory), answers the finders the
	// aggregator can answer; nil reads every cell directly.
	Inventory *InventorySource
}

// InventorySource is the aggregator of --inventory and the credentials
// that read it (the caller's).
type InventorySource struct {
	Spec    aggregator.Spec
	Cfg     aws.Config
	Account string
}

// Direct returns s without an inventory: what close, apply and verify
// use, as they re-read everything they change.
func (s Scope) Direct() Scope {
	s.Inventory = nil
	return s
}

// inventorySource resolves --inventory.
func (f *Factory) inventorySource(ctx context.Context, cfg aws.Config) (*InventorySource, error) {
	if f.Global.Inventory == "" {
		return nil, nil
	}
	spec, err := aggregator.ParseSpec(f.Global.Inventory)
	if err != nil {
		return nil, exitcode.Usagef(err)
	}
	if spec.Region != "" {
		cfg = awsx.ForRegion(cfg, spec.Region)
	}
	spec.Region = cfg.Region
	account, err := awsx.CallerAccount(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &InventorySource{Spec: spec, Cfg: cfg, Account: account}, nil
}

// ScopeFunc resolves the scope the global flags select. Non-nil regions
// replace the flags' regions (apply, rollback and verify work in their
// plan's regions).
type ScopeFunc func(ctx context.Context, regions []string) (Scope, error)

// Scope is the ScopeFunc of the global flags.
func (f *Factory) Scope(ctx context.Context, regions []string) (Scope, error) {
	cfg, err := f.AWSConfig(ctx)
	if err != nil {
		return Scope{}, err
	}
	g := f.Global
	if regions == nil {
		regions = g.SelectedRegions()
	}
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
		return Scope{}, exitcode.Usagef(err)
	}
	inv, ierr := f.inventorySource(ctx, cfg)
	if ierr != nil {
		return Scope{}, ierr
	}
	awsx.TuneGC(len(scope.Accounts))
	// --concurrency 0 (the default) is sized now that the accounts are known.
	return Scope{Scope: scope, Concurrency: concurrencyFor(g.Concurrency, len(scope.Accounts)), Inventory: inv}, err
}

// Describe names the accounts and regions a change will touch, for its
// confirmation prompt.
func (s Scope) Describe() string {
	var accounts []string
	regions := map[string]bool{}
	var order []string
	for _, a := range s.Accounts {
		accounts = append(accounts, a.ID)
		for _, r := range a.Regions {
			if !regions[r] {
				regions[r] = true
				order = append(order, r)
			}
		}
	}
	return fmt.Sprintf("account%s %s; region%s %s", plural(len(accounts)), listOrNone(accounts), plural(len(order)), listOrNone(order))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	const most = 12
	if len(s) > most {
		return strings.Join(s[:most], ", ") + fmt.Sprintf(" and %d more", len(s)-most)
	}
	return strings.Join(s, ", ")
}

// newEC2 is the one constructor of EC2 clients for per-region work.
func newEC2(cfg aws.Config) inventory.EC2API { return ec2.NewFromConfig(cfg) }
