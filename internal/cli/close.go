package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/closer"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// CloseOptions are the inputs of `defaultsg close`.
type CloseOptions struct {
	IO       *iostreams.IOStreams
	Scope    ScopeFunc
	Prompter Prompter
	Now      func() time.Time
	// AWSConfig is the caller's configuration: it writes an s3:// backup.
	AWSConfig func(context.Context) (aws.Config, error)

	Output        string
	OutFile       string
	VpcIDs        []string
	GroupIDs      []string
	Yes           bool
	DryRun        bool
	Force         bool
	Backup        string
	S3            S3BackupOptions
	AcceptUnknown []string
	// Protected accounts (config file) are never closed.
	Protected []string

	SecurityHub SecurityHubOptions
}

// NewCmdClose builds `close`; runF, when not nil, replaces the run (tests).
func NewCmdClose(f *Factory, runF func(*CloseOptions) error) *cobra.Command {
	opts := &CloseOptions{IO: f.IO, Scope: f.Scope, Prompter: f.IO, Now: f.Now, AWSConfig: f.AWSConfig,
		SecurityHub: newSecurityHubOptions(f)}
	cmd := &cobra.Command{
		Use:   "close",
		Short: "Revoke the rules of unused default groups, after a backup",
		Long: `Revokes every inbound and outbound rule of each default security group in scope.

A group that anything uses (or whose usage could not be determined) is refused unless
--force. Before the first change a backup of every rule to revoke is written and verified;
restore it with 'defaultsg restore FILE'. Re-running close after an interruption is safe.
--backup s3://BUCKET/KEY keeps the backup in S3 instead (written only if the key is free,
read back before any revoke; s3://BUCKET/PREFIX/ gets the default name under PREFIX/).

Exit codes of close: 0 every targeted group closed (or already closed), 5 some groups refused,
6 some revokes failed, 4 some region could not be read, 2 usage error, 1 other error.`,
		Example: `  defaultsg --region eu-west-1 close --dry-run
  defaultsg close --vpc-ids vpc-0abc --yes -o json
  defaultsg close --backup s3://my-backups/defaultsg/ --yes`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			defaultStrings(cmd, "accept-unknown", &opts.AcceptUnknown, f.config().acceptedFinders())
			opts.Protected = f.config().ProtectedAccounts
			if runF != nil {
				return runF(opts)
			}
			return closeRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, tableFormats...)
	fl.StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only the default groups of these VPCs")
	fl.StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "check permissions with EC2 DryRun calls; change nothing")
	fl.BoolVar(&opts.Force, "force", false, "also close groups that are used or whose usage is unknown")
	fl.StringVar(&opts.Backup, "backup", "", "backup file to create (must not exist), or a directory to write the default name in (default: defaultsg-backup-ACCOUNT-TIME.json in the current directory); or s3://BUCKET/KEY, s3://BUCKET/PREFIX/")
	addS3BackupFlags(fl, &opts.S3, true)
	fl.StringSliceVar(&opts.AcceptUnknown, "accept-unknown", nil, "finders whose failure does not block (see 'defaultsg usage --list-finders')")
	addSecurityHubFlags(cmd, f, &opts.SecurityHub, true)
	completeFinders(cmd)
	return cmd
}

func closeRun(ctx context.Context, opts *CloseOptions) error {
	format, err := parseTableFormat(opts.Output, tableFormats...)
	if err != nil {
		return err
	}
	if err := checkFinderNames(opts.AcceptUnknown); err != nil {
		return err
	}
	scope, err := opts.Scope(ctx, nil)
	if err != nil {
		return err
	}
	scope.Accounts = slices.DeleteFunc(scope.Accounts, func(a awsx.Account) bool {
		if slices.Contains(opts.Protected, a.ID) {
			opts.IO.Infof("%s: protected by the config file (protected_accounts): not read, not changed\n", a.ID)
			return true
		}
		return false
	})
	filter, _, err := opts.SecurityHub.narrow(ctx, opts.IO, scope, inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs})
	if err != nil {
		return err
	}
	plan, err := closer.Prepare(ctx, scope.Scope, closer.Options{
		Filter:        filter,
		Concurrency:   scope.Concurrency,
		Force:         opts.Force,
		Finders:       services.Finders(),
		AcceptUnknown: opts.AcceptUnknown,
		NewEC2:        newEC2,
	})
	if err != nil {
		return selectionError(err)
	}
	// Before asking: an explicit --backup that is taken is refused up front.
	dst, err := backup.ResolveDestination(opts.Backup, scope.AccountIDs(), opts.Now())
	if err != nil {
		return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
	}
	var store backup.S3Store
	if dst.S3 != nil {
		if store, err = s3BackupStore(ctx, opts.AWSConfig, opts.S3); err != nil {
			return err
		}
		if err := checkS3Destination(ctx, store, dst, opts.IO.Infof); err != nil {
			return err
		}
	} else if opts.S3.KMSKey != "" || opts.S3.Region != "" {
		return exitcode.Usagef(fmt.Errorf("--backup-region and --backup-kms-key need --backup s3://BUCKET/KEY; nothing changed"))
	}
	writeClosePlan(opts.IO, plan, opts.DryRun)
	var verdicts []usage.Verdict
	for _, it := range plan.Items {
		verdicts = append(verdicts, it.Verdict)
	}
	stale, err := staleReferences(ctx, scope.Scope, verdicts,
		func(i int) string { return plan.Items[i].Group.Account }, func(i int) string { return plan.Items[i].Group.Region })
	if err != nil {
		return err
	}
	printStale(opts.IO, stale)
	toRevoke := plan.ToRevoke()
	if len(toRevoke) > 0 && !opts.DryRun {
		q := fmt.Sprintf("Revoke %d rules from %d default groups in %s?", ruleCount(toRevoke), len(toRevoke), touched(toRevoke))
		if err := confirm(opts.Prompter, opts.Yes, q); err != nil {
			return err
		}
	}
	res, err := closer.Execute(ctx, scope.Scope, plan, closer.ExecOptions{
		DryRun: opts.DryRun, Backup: dst, S3: store, ToolVersion: buildinfo.String(), Now: opts.Now(),
		Concurrency: scope.Concurrency,
		NewEC2:      func(c aws.Config) closer.RevokeAPI { return ec2.NewFromConfig(c) },
	})
	if errors.Is(err, backup.ErrExists) {
		return exitcode.Usagef(err)
	}
	// Interrupted after the backup: print where it is and what was done.
	interrupted := errors.Is(err, context.Canceled) && res.BackupPath != ""
	if err != nil && !interrupted {
		return err
	}
	runErr := err
	restoreArgs := res.BackupPath
	if dst.S3 != nil && opts.S3.Region != "" {
		restoreArgs += " --backup-region " + opts.S3.Region
	}
	if res.BackupPath != "" {
		opts.IO.Infof("Backup of %d rules written to %s (restore with: defaultsg restore %s)\n", ruleCount(toRevoke), res.BackupPath, restoreArgs)
	}
	err = writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error {
		if format == report.FormatJSON {
			problems := plan.Problems
			if problems == nil {
				problems = []awsx.Problem{}
			}
			return report.WriteJSON(ios.Out, struct {
				Schema string `json:"schema"`
				closer.Result
				Problems []awsx.Problem `json:"problems"`
			}{"defaultsg.close/v1", res, problems})
		}
		if err := writeTable(ios, format, closeResultTable(res)); err != nil {
			return err
		}
		if res.BackupPath != "" {
			fmt.Fprintf(ios.Out, "Backup: %s (restore with: defaultsg restore %s)\n", res.BackupPath, restoreArgs)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if interrupted {
		return runErr
	}
	return closeStatus(res, plan)
}

// touched names the accounts and regions of the groups a close changes.
func touched(items []closer.Item) string {
	var s Scope
	for _, it := range items {
		s.Accounts = appendUnit(s.Accounts, it.Group.Account, it.Group.Region)
	}
	return s.Describe()
}

// appendUnit adds region to account's regions in as, keeping first-seen order.
func appendUnit(as []awsx.Account, account, region string) []awsx.Account {
	for i := range as {
		if as[i].ID == account {
			if !slices.Contains(as[i].Regions, region) {
				as[i].Regions = append(as[i].Regions, region)
			}
			return as
		}
	}
	return append(as, awsx.Account{ID: account, Regions: []string{region}})
}

func ruleCount(items []closer.Item) int {
	n := 0
	for _, it := range items {
		n += len(it.Group.Rules)
	}
	return n
}

// writeClosePlan shows, on stderr, exactly what will be revoked and what is
// refused, before anything changes.
func writeClosePlan(ios *iostreams.IOStreams, plan closer.Plan, dryRun bool) {
	if ios.Quiet {
		return
	}
	width := ios.StderrWidth()
	w := lineWriter(func(line string) { fmt.Fprintln(ios.ErrOut, hanging(line, width)) })
	verb := "will revoke"
	if dryRun {
		verb = "would revoke (dry run)"
	}
	for _, it := range plan.Items {
		g := it.Group
		switch it.Decision {
		case closer.DecisionClose, closer.DecisionForce:
			w.printf("%s %s %s %s: %s %d rules", g.Account, g.Region, g.VpcID, g.GroupID, verb, len(g.Rules))
			if it.Decision == closer.DecisionForce {
				w.printf("    FORCED although %s", it.Verdict.Reason())
			}
			for _, r := range g.Rules {
				w.printf("    - %s  [%s]", r.Summary(g.GroupID), r.RuleID)
			}
		case closer.DecisionRefuse:
			w.printf("%s %s %s %s: refused, %s", g.Account, g.Region, g.VpcID, g.GroupID, it.Verdict.Reason())
		}
	}
	for _, p := range plan.Problems {
		w.printf("%s %s: not read: %s: %s", p.Account, p.Region, p.Operation, p.Message)
	}
}

// lineWriter prints formatted lines (without their newline) through a
// function, so a listing can be wrapped for the terminal line by line.
type lineWriter func(line string)

func (w lineWriter) printf(format string, a ...any) { w(fmt.Sprintf(format, a...)) }

func closeResultTable(res closer.Result) report.Table {
	t := report.Table{Headers: []string{"ACCOUNT", "REGION", "VPC", "GROUP", "RESULT", "REVOKED", "NOTE"}, Stack: []int{0, 2}}
	for _, g := range res.Groups {
		out := string(g.Outcome)
		if g.Forced {
			out += " (forced)"
		}
		revoked := fmt.Sprint(g.Revoked)
		if g.Outcome == closer.OutcomeWouldSucceed || g.Outcome == closer.OutcomeWouldFail {
			// A dry run revokes nothing: say what the run would revoke.
			revoked = fmt.Sprintf("would %d", len(g.Rules))
		}
		t.Rows = append(t.Rows, []string{g.Account, g.Region, g.VpcID, g.GroupID, out, revoked, g.Message})
	}
	return t
}

// closeStatus: failed > refused > incomplete > ok.
func closeStatus(res closer.Result, plan closer.Plan) error {
	var failed, refused int
	for _, g := range res.Groups {
		switch g.Outcome {
		case closer.OutcomeFailed, closer.OutcomeWouldFail:
			failed++
		case closer.OutcomeRefused:
			refused++
		}
	}
	switch {
	case failed > 0:
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d groups failed; re-run close to retry (it is idempotent)", failed))
	case refused > 0:
		return exitcode.NewStatus(exitcode.Refused, fmt.Sprintf("%d groups refused because they are used or their usage is unknown; see 'defaultsg usage'", refused))
	case len(plan.Problems) > 0:
		return exitcode.NewStatus(exitcode.Incomplete, fmt.Sprintf("incomplete: %d account-regions could not be read", len(plan.Problems)))
	}
	return nil
}

// confirm asks before a change, unless --yes. Without a terminal and without
// --yes it refuses: a destructive command never runs unattended by accident.
func confirm(p Prompter, yes bool, question string) error {
	if yes {
		return nil
	}
	okd, err := p.Confirm(question)
	if errors.Is(err, iostreams.ErrNoTTY) {
		return exitcode.Usagef(fmt.Errorf("refusing to change anything without confirmation: no terminal to ask on; re-run with --yes (or --dry-run to preview)"))
	}
	if err != nil {
		return err
	}
	if !okd {
		return exitcode.NewStatus(exitcode.Cancelled, "cancelled: nothing changed")
	}
	return nil
}

func checkFinderNames(names []string) error {
	var bad []string
	for _, n := range names {
		if _, ok := services.Finder(n); !ok {
			bad = append(bad, n)
		}
	}
	if len(bad) > 0 {
		return exitcode.Usagef(fmt.Errorf("unknown finder %s in --accept-unknown (see 'defaultsg usage --list-finders')", strings.Join(bad, ", ")))
	}
	return nil
}
