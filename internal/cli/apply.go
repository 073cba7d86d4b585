package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/atomicfile"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ApplyOptions are the inputs of `defaultsg apply`.
type ApplyOptions struct {
	IO       *iostreams.IOStreams
	Scope    ScopeFunc
	Prompter Prompter

	// Regions are the regions the global flags select; they must be the
	// plan's or some of them.
	Regions []string

	// Protected accounts (config file): apply refuses a plan touching one.
	Protected []string

	Plan    string
	Yes     bool
	DryRun  bool
	Journal string
	Output  string
	OutFile string
	Wait    time.Duration
	Poll    time.Duration
	Refresh bool
}

// NewCmdApply builds `apply`; runF, when not nil, replaces the run (tests).
func NewCmdApply(f *Factory, runF func(*ApplyOptions) error) *cobra.Command {
	opts := &ApplyOptions{IO: f.IO, Scope: f.Scope, Prompter: f.IO}
	cmd := &cobra.Command{
		Use:   "apply PLAN",
		Short: "Carry out a plan: create replacement groups, move users",
		Long: `Re-reads the state and refuses a stale plan (a user appeared, a rule changed: re-plan).
Then runs the plan's steps in order — create replacement groups (found again by their
defaultsg:replaces tag, never created twice), give them exactly the planned rules, add the
copied rules to referencing groups, move users — journaling each step durably before and
after its call in PLAN.journal. After a crash or Ctrl-C, run apply again: it resumes from
the journal without repeating done steps. The journal is locked while in use: a second apply
(or rollback) of the same plan stops at once, naming the running one's pid (exit 5).

Users move through their own service's API (instances and interfaces, launch templates,
VPC endpoints, Lambda, CodeBuild, ECS, load balancers, RDS, EFS, ElastiCache, Redshift),
keeping their other groups; the previous groups are journaled before each change, for
rollback. Where AWS applies a change asynchronously (RDS, ElastiCache, Redshift, ECS
deployments, Lambda), apply waits up to --wait, showing progress, then reports what is
still pending instead of blocking. Manual steps are listed with exact instructions.

An Auto Scaling group moves with its launch template (new instances launch into the
replacement), but its running instances keep the default group: apply offers an instance
refresh and starts one only with --refresh, after the template moved, journaled like a
move. Rollback puts the template back but cannot undo a refresh: it says so.

--dry-run changes nothing and writes no journal: EC2 calls are made with DryRun (AWS checks
permissions), other services' resources are read and the change they would get is shown.

Exit codes of apply: 0 all automated steps done, 4 done but some changes still settling,
5 stale plan, 6 some step failed, 2 usage/invalid plan.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		Example: `  defaultsg plan --out plan.json
  defaultsg apply plan.json --dry-run
  defaultsg apply plan.json --yes --wait 30m`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Plan, opts.Regions, opts.Protected = args[0], f.Global.SelectedRegions(), f.config().ProtectedAccounts
			if runF != nil {
				return runF(opts)
			}
			return applyRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "check every step (EC2 DryRun, reads elsewhere) and change nothing")
	cmd.Flags().DurationVar(&opts.Wait, "wait", 15*time.Minute, "how long to wait for asynchronous changes (RDS, ECS…) to take effect; 0 reports without waiting")
	cmd.Flags().DurationVar(&opts.Poll, "poll", 5*time.Second, "interval between checks while waiting")
	cmd.Flags().BoolVar(&opts.Refresh, "refresh", false, "start an instance refresh of each Auto Scaling group whose launch template moved (replaces its running instances; rollback cannot undo it)")
	cmd.Flags().StringVar(&opts.Journal, "journal", "", "journal file (default: PLAN.journal)")
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, tableFormats...)
	return cmd
}

func applyRun(ctx context.Context, opts *ApplyOptions) error {
	path := opts.Plan
	format, err := parseTableFormat(opts.Output, tableFormats...)
	if err != nil {
		return err
	}
	if err := checkFileKind("apply", path, "defaultsg.plan"); err != nil {
		return err
	}
	p, err := plan.Load(path)
	if err != nil {
		if errors.Is(err, plan.ErrInvalid) {
			return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
		}
		return err
	}
	for _, a := range planTouches(p).Accounts {
		if slices.Contains(opts.Protected, a.ID) {
			return exitcode.Usagef(fmt.Errorf("the plan changes account %s, which the config file protects (protected_accounts); nothing changed", a.ID))
		}
	}
	journal := opts.Journal
	if journal == "" {
		journal = path + ".journal"
	}
	regions, err := planRegions(p, opts.Regions, true)
	if err != nil {
		return err
	}
	scope, err := opts.Scope(ctx, regions)
	if err != nil {
		return err
	}
	ao := apply.Options{NewEC2: func(c aws.Config) apply.EC2API { return ec2.NewFromConfig(c) }, Wait: opts.Wait, Poll: opts.Poll, Refresh: opts.Refresh}
	if opts.DryRun {
		if err := checkFresh(ctx, opts.IO, scope, p); err != nil {
			return err
		}
		return writeStepResults(opts.IO, opts.OutFile, format, apply.DryRun(ctx, scope.Scope, p, ao), "dry run: %d steps would fail")
	}
	_, statErr := os.Stat(journal)
	created := errors.Is(statErr, fs.ErrNotExist)
	j, err := apply.OpenJournal(journal)
	if err != nil {
		return journalError(err)
	}
	defer j.Close()
	for _, rec := range j.Records() {
		if strings.HasPrefix(rec.Step, "rollback:") {
			return exitcode.Usagef(fmt.Errorf("journal %s records a rollback of this plan: make a new plan; nothing changed", journal))
		}
	}
	resuming := false
	if rec, ok := j.Done("plan"); ok {
		if rec.Data["fingerprint"] != p.Fingerprint {
			return exitcode.Usagef(fmt.Errorf("journal %s belongs to another plan; give a new --journal", journal))
		}
		resuming = true
	}
	if !resuming {
		err := checkFresh(ctx, opts.IO, scope, p)
		if err == nil {
			err = confirm(opts.Prompter, opts.Yes, fmt.Sprintf("Apply the plan in %s: create %d groups, add %d reference rules, move %d users?",
				planTouches(p).Describe(), len(p.Replacements), len(p.ReferenceRules), len(p.Moves)))
		}
		if err != nil {
			// Refused before any step: leave no journal behind.
			if created {
				j.Close()
				os.Remove(journal)
			}
			return err
		}
		if err := j.Append(apply.Record{Step: "plan", Phase: "done", Data: map[string]string{"fingerprint": p.Fingerprint}}); err != nil {
			return err
		}
	} else {
		opts.IO.Infof("Resuming from journal %s (steps already done are skipped)\n", journal)
	}
	var bar *iostreams.Progress
	ao.Progress = func(pending, total int) {
		if bar == nil {
			bar = opts.IO.StartProgress(total, "waiting for changes to take effect")
		}
		bar.Set(total - pending)
	}
	results, err := apply.Execute(ctx, scope.Scope, p, j, ao)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	return writeStepResults(opts.IO, opts.OutFile, format, results, "%d steps failed or could not run; fix the cause and run apply again (it resumes)")
}

// writeStepResults prints apply's, dry run's or rollback's steps and turns
// them into the exit status: failed steps first, then changes still settling.
func writeStepResults(ios *iostreams.IOStreams, file string, format report.Format, results []apply.Result, failedMsg string) error {
	failed, pending := 0, 0
	t := report.Table{Headers: []string{"STEP", "STATUS", "DETAIL"}}
	for _, r := range results {
		switch r.Status {
		case apply.StatusFailed, apply.StatusNotReady:
			failed++
		case apply.StatusPending:
			pending++
		}
		t.Rows = append(t.Rows, []string{r.Step, string(r.Status), r.Detail})
	}
	err := writeOut(ios, file, func(ios *iostreams.IOStreams) error {
		if format == report.FormatJSON {
			return report.WriteJSON(ios.Out, results)
		}
		return writeTable(ios, format, t)
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf(failedMsg, failed))
	}
	if pending > 0 {
		return exitcode.NewStatus(exitcode.Incomplete, fmt.Sprintf("%d changes are still taking effect; run verify once they are done", pending))
	}
	return nil
}

// checkFresh recomputes the fingerprint of the state the plan covers and
// refuses the plan when it changed.
func checkFresh(ctx context.Context, ios *iostreams.IOStreams, scope Scope, p *plan.Plan) error {
	// Always direct: apply acts on what AWS holds now, not on what Config
	// last recorded.
	rep, err := collectUsage(ctx, ios, scope.Direct(), inventory.Filter{VpcIDs: p.VpcIDs, GroupIDs: p.GroupIDs}, p.AcceptedUnknown)
	// The plan's own --vpc-ids/--group-ids matching nothing now: deleted
	// since the plan was made, which is a stale plan, not a usage error.
	var nm *awsx.NoMatchError
	if errors.As(err, &nm) {
		return exitcode.NewStatus(exitcode.Refused, "stale plan: "+nm.Error()+" (deleted since it was made?); nothing changed — run plan again")
	}
	if err != nil {
		return err
	}
	var groups []inventory.Group
	var users []usage.Usage
	for _, g := range rep.Groups {
		groups = append(groups, g.Group)
		users = append(users, g.Users...)
	}
	if got := plan.Fingerprint(groups, users); got != p.Fingerprint {
		return exitcode.NewStatus(exitcode.Refused, "stale plan: the default groups or their users changed since it was made; nothing changed — run plan again")
	}
	return nil
}

// journalError maps a journal that cannot be opened to its exit code: held
// by another run (5, refused) or not a journal file at all (2).
func journalError(err error) error {
	var le *apply.LockedError
	switch {
	case errors.As(err, &le):
		return exitcode.NewStatus(exitcode.Refused, err.Error())
	case errors.Is(err, atomicfile.ErrNotRegular), errors.Is(err, atomicfile.ErrTooLarge):
		return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
	}
	return err
}

// planRegions are the regions to work in for a plan: the ones it was made
// for (nil: every enabled region). apply and rollback carry a plan out
// whole, so their region flags, when given, must name exactly its regions;
// verify only reads, and its flags may narrow to some of them. Anything
// else is a usage error rather than silently ignored.
func planRegions(p *plan.Plan, flags []string, whole bool) ([]string, error) {
	if flags == nil {
		if len(p.Regions) == 0 {
			return nil, nil
		}
		return p.Regions, nil
	}
	covered := len(p.Regions) == 0 // every enabled region
	if whole {
		covered = slices.Equal(slices.Compact(slices.Sorted(slices.Values(flags))), slices.Sorted(slices.Values(p.Regions)))
	} else if !covered {
		covered = !slices.ContainsFunc(flags, func(r string) bool { return !slices.Contains(p.Regions, r) })
	}
	if !covered {
		return nil, exitcode.Usagef(fmt.Errorf("the plan covers %s, but --region/--regions name %s: give no region flag, or make a plan for those regions; nothing changed",
			strings.Join(p.Regions, ", "), strings.Join(flags, ", ")))
	}
	return flags, nil
}

// planTouches is every account and region a plan changes.
func planTouches(p *plan.Plan) Scope {
	var s Scope
	for _, rp := range p.Replacements {
		s.Accounts = appendUnit(s.Accounts, rp.Account, rp.Region)
	}
	for _, r := range p.ReferenceRules {
		s.Accounts = appendUnit(s.Accounts, r.Account, r.Region)
	}
	for _, m := range p.Moves {
		s.Accounts = appendUnit(s.Accounts, m.Account, m.Region)
	}
	return s
}
