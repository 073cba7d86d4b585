package cli

import (
	"context"
	"fmt"

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
func restoreScope(ctx context.Context, f *Factory, doc *backup.Document, force bool) (awsx.Scope, error) {
	g := f.Global
	if g.Org || len(g.Profiles) > 0 {
		if force {
			return awsx.Scope{}, exitcode.Usagef(fmt.Errorf("--force retargets a backup onto the caller's account; it cannot be combined with --org or --profiles"))
		}
		// Regions are not listed per account: each group names its own.
		saved := g.Regions
		if saved == "" {
			g.Regions = backupRegions(doc)
		}
		scope, err := resolveScope(ctx, f)
		g.Regions = saved
		if err != nil {
			return awsx.Scope{}, err
		}
		for _, p := range scope.Problems {
			f.IO.Infof("%s: cannot restore there: %s: %s\n", p.Account, p.Operation, p.Message)
		}
		return scope, nil
	}
	cfg, err := f.AWSConfig(ctx)
	if err != nil {
		return awsx.Scope{}, err
	}
	caller, err := awsx.CallerAccount(ctx, cfg)
	if err != nil {
		return awsx.Scope{}, err
	}
	if err := retargetBackup(doc, caller, force); err != nil {
		return awsx.Scope{}, err
	}
	return awsx.Scope{Accounts: []awsx.Account{{ID: caller, Base: cfg}}}, nil
}

// backupRegions lists the backup's regions, comma-separated, so resolving
// the scope does not describe every region of every account.
func backupRegions(doc *backup.Document) string {
	seen, out := map[string]bool{}, ""
	for _, grp := range doc.Groups {
		if !seen[grp.Region] {
			seen[grp.Region] = true
			if out != "" {
				out += ","
			}
			out += grp.Region
		}
	}
	return out
}
