package cli

import (
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
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/restore"
)

type restoreOptions struct {
	Output string
	Yes    bool
	DryRun bool
	Force  bool
}

func newCmdRestore(f *Factory) *cobra.Command {
	opts := &restoreOptions{}
	cmd := &cobra.Command{
		Use:   "restore BACKUP",
		Short: "Put back exactly the rules a close backup holds",
		Long: `Re-authorizes every rule saved in a backup written by 'defaultsg close', descriptions
included. --regions restores only those regions' groups. Rules already present are skipped, so restore can be re-run safely. A rule whose
referenced group no longer exists is reported on its own; the others are still restored.
The backup must belong to the caller's account (--force overrides). With --org or --profiles,
a multi-account backup is restored in the accounts those flags select, each group only in its
own account; a group of an account outside that selection is refused and reported.

Exit codes: 0 everything restored or present, 6 some rules failed, 2 usage error or invalid
backup, 1 other error.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error { return runRestore(cmd, f, opts, args[0]) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "table", "result format: table, json, markdown")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "check permissions with EC2 DryRun calls; change nothing")
	fl.BoolVar(&opts.Force, "force", false, "restore into the caller's account even if the backup names another")
	return cmd
}

func runRestore(cmd *cobra.Command, f *Factory, opts *restoreOptions, path string) error {
	format, err := report.ParseFormat(opts.Output)
	if err != nil {
		return exitcode.Usagef(err)
	}
	doc, err := backup.Load(path)
	if err != nil {
		if errors.Is(err, backup.ErrInvalid) {
			return exitcode.Usagef(fmt.Errorf("%w; nothing changed", err))
		}
		return err
	}
	ctx := cmd.Context()
	scope, err := restoreScope(ctx, f, doc, opts.Force)
	if err != nil {
		return err
	}
	if only := awsx.ParseRegions(f.Global.Regions); len(only) > 0 {
		doc.Groups = slices.DeleteFunc(doc.Groups, func(g backup.Group) bool { return !slices.Contains(only, g.Region) })
	}
	newAPI := func(c aws.Config) restore.API { return ec2.NewFromConfig(c) }
	plans, err := restore.Prepare(ctx, scope, doc, f.Global.Concurrency, newAPI)
	if err != nil {
		return err
	}
	missing := writeRestorePlan(f, plans, opts.DryRun)
	if missing > 0 && !opts.DryRun {
		if err := confirm(f, opts.Yes, fmt.Sprintf("Re-authorize or re-describe %d rules?", missing)); err != nil {
			return err
		}
	}
	results, err := restore.Execute(ctx, scope, plans, opts.DryRun, f.Global.Concurrency, newAPI)
	if err != nil {
		return err
	}
	rows, failed := restoreRows(results, opts.DryRun)
	if format == report.FormatJSON {
		err = report.WriteJSON(f.IO.Out, rows)
	} else {
		err = report.WriteTable(f.IO.Out, format, restoreTable(rows))
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d rules could not be restored (listed above); the rest were", failed))
	}
	return nil
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

func writeRestorePlan(f *Factory, plans []restore.GroupPlan, dryRun bool) int {
	verb := "will re-authorize"
	if dryRun {
		verb = "would re-authorize (dry run)"
	}
	missing := 0
	for _, p := range plans {
		g := p.Group
		missing += len(p.Missing) + len(p.Redescribe)
		if f.IO.Quiet {
			continue
		}
		if p.Err != nil {
			fmt.Fprintf(f.IO.ErrOut, "%s %s %s: cannot restore: %v\n", g.Account, g.Region, g.GroupID, p.Err)
			continue
		}
		fmt.Fprintf(f.IO.ErrOut, "%s %s %s: %s %d rules (%d already present)\n", g.Account, g.Region, g.GroupID, verb, len(p.Missing), p.Present)
		for _, r := range p.Missing {
			fmt.Fprintf(f.IO.ErrOut, "    + %s\n", r.Summary(g.GroupID))
		}
		for _, d := range p.Redescribe {
			fmt.Fprintf(f.IO.ErrOut, "    ~ %s: description %q -> %q\n", d.Rule.Summary(g.GroupID), d.Current, d.Rule.Description)
		}
	}
	return missing
}

type restoreRow struct {
	Account  string `json:"account"`
	Region   string `json:"region"`
	GroupID  string `json:"group_id"`
	Restored int    `json:"rules_restored"`
	Present  int    `json:"rules_present"`
	Failed   int    `json:"rules_failed"`
	// Redescribed are present rules whose edited description was put back.
	Redescribed []string `json:"descriptions_restored,omitempty"`
	Errors      string   `json:"errors,omitempty"`
}

func restoreRows(results []restore.GroupResult, dryRun bool) ([]restoreRow, int) {
	var rows []restoreRow
	total := 0
	for _, r := range results {
		g := r.Plan.Group
		row := restoreRow{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Present: r.Plan.Present}
		var errs []string
		if r.Plan.Err != nil {
			errs = append(errs, r.Plan.Err.Error())
		}
		for _, rr := range r.Rules {
			if rr.Err != nil {
				errs = append(errs, rr.Rule.Summary(g.GroupID)+": "+rr.Err.Error())
			} else if !dryRun {
				row.Restored++
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
		row.Errors = strings.Join(errs, "\n")
		total += row.Failed
		rows = append(rows, row)
	}
	return rows, total
}

func restoreTable(rows []restoreRow) report.Table {
	t := report.Table{Headers: []string{"ACCOUNT", "REGION", "GROUP", "RESTORED", "PRESENT", "DESCRIBED", "FAILED", "ERRORS"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r.Account, r.Region, r.GroupID, fmt.Sprint(r.Restored), fmt.Sprint(r.Present),
			fmt.Sprint(len(r.Redescribed)), fmt.Sprint(r.Failed), r.Errors})
	}
	return t
}
