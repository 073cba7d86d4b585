package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/exitcode"
)

// restoreScope is the accounts restore may write to. Without --org or
// --profiles it is the caller's account, and a backup of another account is
// refused (or, with --force, retargeted). With them it is the same
// selection close used: each backed-up group is applied only in its own
// account, and restore.Prepare refuses groups of accounts outside it, so a
// backup can never be applied to the wrong account.
func restoreScope(ctx context.Context, opts *RestoreOptions, doc *backup.Document) (Scope, error) {
	if opts.MultiAccount {
		if opts.Force {
			return Scope{}, exitcode.Usagef(fmt.Errorf("--force retargets a backup onto the caller's account; it cannot be combined with --org or --profiles"))
		}
		// Regions are not listed per account: each group names its own.
		regions := opts.Regions
		if len(regions) == 0 {
			regions = backupRegions(doc)
		}
		scope, err := opts.Scope(ctx, regions)
		if err != nil {
			return Scope{}, err
		}
		for _, p := range scope.Problems {
			opts.IO.Infof("%s: cannot restore there: %s: %s\n", p.Account, p.Operation, p.Message)
		}
		return scope, nil
	}
	cfg, err := opts.AWSConfig(ctx)
	if err != nil {
		return Scope{}, err
	}
	caller, err := awsx.CallerAccount(ctx, cfg)
	if err != nil {
		return Scope{}, err
	}
	if err := retargetBackup(doc, caller, opts.Force); err != nil {
		return Scope{}, err
	}
	// One account, regions from the backup: concurrency sized for one account.
	return Scope{Scope: awsx.Scope{Accounts: []awsx.Account{{ID: caller, Base: cfg}}}, Concurrency: concurrencyFor(opts.Concurrency, 1)}, nil
}

// backupRegions lists the backup's regions, so resolving the scope does not
// describe every region of every account.
func backupRegions(doc *backup.Document) []string {
	var out []string
	for _, grp := range doc.Groups {
		if !slices.Contains(out, grp.Region) {
			out = append(out, grp.Region)
		}
	}
	return out
}

// concurrencyFor is --concurrency, or when it is 0 the bound sized for
// accounts.
func concurrencyFor(flag, accounts int) int {
	if flag > 0 {
		return flag
	}
	return awsx.AutoConcurrency(accounts)
}
