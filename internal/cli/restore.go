package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/guard"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/restore"
)

// RestoreOptions are the inputs of `defaultsg restore`.
type RestoreOptions struct {
	IO        *iostreams.IOStreams
	AWSConfig func(context.Context) (aws.Config, error)
	Scope     ScopeFunc
	Prompter  Prompter
	// MultiAccount is set when --org or --profiles select the accounts;
	// Regions are the regions the global flags select (nil: all).
	MultiAccount bool
	Regions      []string
	Concurrency  int

	Path    string
	S3      S3BackupOptions
	Output  string
	OutFile string
	Yes     bool
	DryRun  bool
	Force   bool
}

// NewCmdRestore builds `restore`; runF, when not nil, replaces the run (tests).
func NewCmdRestore(f *Factory, runF func(*RestoreOptions) error) *cobra.Command {
	opts := &RestoreOptions{IO: f.IO, AWSConfig: f.AWSConfig, Scope: f.Scope, Prompter: f.IO}
	cmd := &cobra.Command{
		Use:   "restore BACKUP",
		Short: "Put back exactly the rules a close backup or guard record holds",
		Long: `Re-authorizes every rule saved in a backup written by 'defaultsg close', descriptions
included. BACKUP may also hold the guard's records (a saved log with its
{"defaultsg_guard_backup": …} lines, or an object the guard wrote to its bucket):
every rule they name is put back the same way.

--regions restores only those regions' groups. Rules already present are skipped,
so restore can be re-run safely. A rule whose referenced group no longer exists is
reported on its own; the others are still restored.
The backup must belong to the caller's account (--force overrides). With --org or --profiles,
a multi-account backup is restored in the accounts those flags select, each group only in its
own account; a group of an account outside that selection is refused and reported.

Exit codes of restore: 0 everything restored or present, 6 some rules failed,
2 usage error or invalid backup, 1 other error.`,
		Example: `  defaultsg restore defaultsg-backup-123456789012-20261130T120000Z.json -y
  defaultsg restore s3://my-backups/defaultsg/b.json --backup-region eu-west-1
  defaultsg --region eu-west-1 restore backup.json --yes
  defaultsg restore guard.log --yes    # the guard's saved log`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			opts.MultiAccount, opts.Regions, opts.Concurrency = f.Global.MultiAccount(), f.Global.SelectedRegions(), f.Global.Concurrency
			if runF != nil {
				return runF(opts)
			}
			return restoreRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, tableFormats...)
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "check permissions with EC2 DryRun calls; change nothing")
	fl.BoolVar(&opts.Force, "force", false, "restore into the caller's account even if the backup names another")
	addS3BackupFlags(fl, &opts.S3, false)
	return cmd
}

func restoreRun(ctx context.Context, opts *RestoreOptions) error {
	format, err := parseTableFormat(opts.Output, tableFormats...)
	if err != nil {
		return err
	}
	doc, err := loadBackup(ctx, opts)
	if err != nil {
		if errors.Is(err, backup.ErrInvalid) {
			return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
		}
		return err
	}
	scope, err := restoreScope(ctx, opts, doc)
	if err != nil {
		return err
	}
	if len(opts.Regions) > 0 {
		doc.Groups = slices.DeleteFunc(doc.Groups, func(g backup.Group) bool { return !slices.Contains(opts.Regions, g.Region) })
	}
	newAPI := func(c aws.Config) restore.API { return ec2.NewFromConfig(c) }
	plans, err := restore.Prepare(ctx, scope.Scope, doc, scope.Concurrency, newAPI)
	if err != nil {
		return err
	}
	missing := writeRestorePlan(opts.IO, plans, opts.DryRun)
	if missing > 0 && !opts.DryRun {
		var where Scope
		for _, p := range plans {
			if len(p.Missing) > 0 || len(p.Redescribe) > 0 {
				where.Accounts = appendUnit(where.Accounts, p.Group.Account, p.Group.Region)
			}
		}
		if err := confirm(opts.Prompter, opts.Yes, fmt.Sprintf("Re-authorize or re-describe %d rules in %s?", missing, where.Describe())); err != nil {
			return err
		}
	}
	results, err := restore.Execute(ctx, scope.Scope, plans, opts.DryRun, scope.Concurrency, newAPI)
	if err != nil {
		return err
	}
	rows, failed := restoreRows(results, opts.DryRun)
	err = writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error {
		if format == report.FormatJSON {
			return report.WriteJSON(ios.Out, RestoreReport{Schema: "defaultsg.restore/v1", Backup: opts.Path, DryRun: opts.DryRun, Groups: rows})
		}
		return writeTable(ios, format, restoreTable(rows))
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d rules could not be restored (listed above); the rest were", failed))
	}
	return nil
}

// loadBackup reads the backup file, or the s3:// object.
func loadBackup(ctx context.Context, opts *RestoreOptions) (*backup.Document, error) {
	if !backup.IsS3URL(opts.Path) {
		if opts.S3.Region != "" {
			return nil, exitcode.Usagef(fmt.Errorf("--backup-region is for an s3:// backup; nothing changed"))
		}
		if err := checkFileKind("restore", opts.Path, "defaultsg.backup"); err != nil {
			return nil, err
		}
		data, err := backup.ReadFile(opts.Path)
		if err != nil {
			return nil, err
		}
		return parseBackup(data, opts.Path)
	}
	loc, err := backup.ParseS3URL(opts.Path)
	if err != nil {
		return nil, exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
	}
	store, err := s3BackupStore(ctx, opts.AWSConfig, opts.S3)
	if err != nil {
		return nil, err
	}
	data, err := backup.ReadS3(ctx, store, loc)
	if awsx.ErrorCode(err) == "NoSuchKey" {
		return nil, exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
	}
	if err != nil {
		return nil, err
	}
	return parseBackup(data, loc.String())
}

// parseBackup reads close's backup, or the guard's records (a saved log,
// or an object the guard wrote to its bucket): both restore the same way.
func parseBackup(data []byte, where string) (*backup.Document, error) {
	parse := backup.Parse
	if guard.IsRecords(data) {
		parse = guard.ParseRecords
	}
	doc, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	return doc, nil
}

// retargetBackup refuses a backup of another account, or with --force maps
// its groups onto the caller's account.
func retargetBackup(doc *backup.Document, caller string, force bool) error {
	accounts := doc.Accounts()
	if slices.Equal(accounts, []string{caller}) || len(accounts) == 0 {
		return nil
	}
	if !force {
		return exitcode.Usagef(fmt.Errorf("backup is for account %s but the credentials are for account %s; nothing changed (use --force to restore into %s anyway)",
			strings.Join(accounts, ","), caller, caller))
	}
	for i := range doc.Groups {
		doc.Groups[i].Account = caller
	}
	return nil
}

func writeRestorePlan(ios *iostreams.IOStreams, plans []restore.GroupPlan, dryRun bool) int {
	verb := "will re-authorize"
	if dryRun {
		verb = "would re-authorize (dry run)"
	}
	width := ios.StderrWidth()
	w := lineWriter(func(line string) { fmt.Fprintln(ios.ErrOut, hanging(line, width)) })
	missing := 0
	for _, p := range plans {
		g := p.Group
		missing += len(p.Missing) + len(p.Redescribe)
		if ios.Quiet {
			continue
		}
		if p.Err != nil {
			w.printf("%s %s %s: cannot restore: %v", g.Account, g.Region, g.GroupID, p.Err)
			continue
		}
		w.printf("%s %s %s: %s %d rules (%d already present)", g.Account, g.Region, g.GroupID, verb, len(p.Missing), p.Present)
		for _, r := range p.Missing {
			w.printf("    + %s", r.Summary(g.GroupID))
		}
		for _, d := range p.Redescribe {
			w.printf("    ~ %s: description %q -> %q", d.Rule.Summary(g.GroupID), d.Current, d.Rule.Description)
		}
	}
	return missing
}

// RestoreReport is the JSON form of `restore` (schema defaultsg.restore/v1).
type RestoreReport struct {
	Schema string       `json:"schema"`
	Backup string       `json:"backup"`
	DryRun bool         `json:"dry_run"`
	Groups []restoreRow `json:"groups"`
}

type restoreRow struct {
	Account  string `json:"account"`
	Region   string `json:"region"`
	GroupID  string `json:"group_id"`
	Restored int    `json:"rules_restored"`
	Present  int    `json:"rules_present"`
	Failed   int    `json:"rules_failed"`
	// WouldRestore counts, in a dry run, the rules restore would add.
	WouldRestore int `json:"rules_would_restore,omitempty"`
	// Redescribed are present rules whose edited description was put back.
	Redescribed []string `json:"descriptions_restored,omitempty"`
	// Errors names each rule that failed and why (never null).
	Errors []string `json:"errors"`
}

func restoreRows(results []restore.GroupResult, dryRun bool) ([]restoreRow, int) {
	rows := []restoreRow{}
	total := 0
	for _, r := range results {
		g := r.Plan.Group
		row := restoreRow{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Present: r.Plan.Present}
		errs := []string{}
		if r.Plan.Err != nil {
			errs = append(errs, r.Plan.Err.Error())
		}
		for _, rr := range r.Rules {
			if rr.Err != nil {
				errs = append(errs, rr.Rule.Summary(g.GroupID)+": "+rr.Err.Error())
			} else if !dryRun {
				row.Restored++
			} else {
				row.WouldRestore++
			}
		}
		for _, rr := range r.Descriptions {
			if rr.Err != nil {
				errs = append(errs, rr.Rule.Summary(g.GroupID)+" (description): "+rr.Err.Error())
			} else if !dryRun {
				row.Redescribed = append(row.Redescribed, rr.Rule.Summary(g.GroupID))
			}
		}
		row.Failed = r.Failed()
		row.Errors = errs
		total += row.Failed
		rows = append(rows, row)
	}
	return rows, total
}

func restoreTable(rows []restoreRow) report.Table {
	t := report.Table{Headers: []string{"ACCOUNT", "REGION", "GROUP", "RESTORED", "PRESENT", "DESCRIBED", "FAILED", "ERRORS"}}
	for _, r := range rows {
		restored := fmt.Sprint(r.Restored)
		if r.WouldRestore > 0 {
			restored = fmt.Sprintf("would %d", r.WouldRestore)
		}
		t.Rows = append(t.Rows, []string{r.Account, r.Region, r.GroupID, restored, fmt.Sprint(r.Present),
			fmt.Sprint(len(r.Redescribed)), fmt.Sprint(r.Failed), strings.Join(r.Errors, "\n")})
	}
	return t
}
