package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/audit"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/report"
)

type auditOptions struct {
	Output   string
	VpcIDs   []string
	GroupIDs []string
}

func newCmdAudit(f *Factory) *cobra.Command {
	opts := &auditOptions{}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Report every default security group and whether it passes EC2.2 (read-only)",
		Long: `Lists the default security group of every VPC in every selected region with its
inbound and outbound rules, and whether it complies with EC2.2 (no rules at all).

Exit codes: 0 all compliant, 3 some group non-compliant, 4 incomplete (something
could not be read; it is listed), 2 usage error, 1 other error.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runAudit(cmd, f, opts) },
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "table", "output format: table, json, csv, markdown")
	cmd.Flags().StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only these VPCs")
	cmd.Flags().StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	return cmd
}

func runAudit(cmd *cobra.Command, f *Factory, opts *auditOptions) error {
	format, err := report.ParseFormat(opts.Output)
	if err != nil {
		return exitcode.Usagef(err)
	}
	ctx := cmd.Context()
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	prog := f.IO.StartProgress(len(scope.Units()), "auditing regions")
	rep, err := audit.Run(ctx, scope, audit.Options{
		Filter:      inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs},
		Concurrency: f.Global.Concurrency,
		NewEC2:      newEC2,
		OnUnitDone:  prog.Done,
	})
	prog.Finish()
	if err != nil {
		return selectionError(err)
	}
	rep.ToolVersion = buildinfo.String()
	rep.GeneratedAt = f.Now().UTC()
	if err := writeAudit(f, format, rep); err != nil {
		return err
	}
	return auditStatus(rep)
}

func writeAudit(f *Factory, format report.Format, rep audit.Report) error {
	switch format {
	case report.FormatJSON:
		return report.WriteJSON(f.IO.Out, rep)
	case report.FormatCSV:
		return report.WriteTable(f.IO.Out, format, audit.CSVTable(rep))
	}
	if err := report.WriteTable(f.IO.Out, format, audit.Table(rep)); err != nil {
		return err
	}
	s := rep.Summary
	fmt.Fprintf(f.IO.Out, "%d default groups in %d of %d account-regions read: %d compliant, %d non-compliant.\n",
		s.Groups, s.AccountRegionsRead, s.AccountRegions, s.Compliant, s.NonCompliant)
	if len(rep.Problems) > 0 {
		return report.WriteTable(f.IO.Out, format, audit.ProblemsTable(rep))
	}
	return nil
}

// auditStatus maps the report to the exit code. Incomplete wins over
// non-compliant: a partial read cannot vouch for the regions it missed.
func auditStatus(rep audit.Report) error {
	s := rep.Summary
	switch {
	case !s.Complete:
		return exitcode.NewStatus(exitcode.Incomplete, fmt.Sprintf("incomplete: %d account-regions or operations could not be read (listed above); %d non-compliant groups among those read", len(rep.Problems), s.NonCompliant))
	case s.NonCompliant > 0:
		return exitcode.NewStatus(exitcode.NonCompliant, fmt.Sprintf("non-compliant: %d default groups have rules", s.NonCompliant))
	}
	return nil
}
