package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/audit"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/securityhub"
)

// AuditOptions are the inputs of `defaultsg audit`.
type AuditOptions struct {
	IO    *iostreams.IOStreams
	Scope ScopeFunc
	Now   func() time.Time

	Output   string
	OutFile  string
	VpcIDs   []string
	GroupIDs []string

	SecurityHub SecurityHubOptions
}

// NewCmdAudit builds `audit`; runF, when not nil, replaces the run (tests).
func NewCmdAudit(f *Factory, runF func(*AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{IO: f.IO, Scope: f.Scope, Now: f.Now, SecurityHub: newSecurityHubOptions(f)}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "List default security groups and their EC2.2 status (read-only)",
		Long: `Lists the default security group of every VPC in every selected region with its
inbound and outbound rules, and whether it complies with EC2.2 (no rules at all).

With -o asff the findings are written in the AWS Security Finding Format, one per default
group (FAILED with its rules as evidence, or PASSED), ready for
'aws securityhub batch-import-findings' (at most 100 findings a call). With
--from-securityhub only the groups Security Hub reports FAILED for EC2.2 are audited; the
groups it does not list (and the reverse) are named on stderr and in the JSON.

Exit codes of audit: 0 all compliant, 3 some group non-compliant, 4 incomplete (something
could not be read; it is listed), 2 usage error, 1 other error.`,
		Example: `  defaultsg audit
  defaultsg --region eu-west-1 audit -o json
  defaultsg --org audit -o csv --out audit.csv
  defaultsg audit -o asff --out findings.json
  defaultsg audit --from-securityhub`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return auditRun(cmd.Context(), opts)
		},
	}
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, auditFormats...)
	cmd.Flags().StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only these VPCs")
	cmd.Flags().StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	addSecurityHubFlags(cmd, f, &opts.SecurityHub, true)
	return cmd
}

// auditFormats: the table formats and asff (AWS Security Finding Format).
var auditFormats = append(append([]string{}, tableFormats...), "asff")

func auditRun(ctx context.Context, opts *AuditOptions) error {
	asff := opts.Output == "asff"
	format, err := parseTableFormat(opts.Output, tableFormats...)
	if asff {
		format, err = report.FormatJSON, nil
	}
	if err != nil {
		return err
	}
	scope, err := opts.Scope(ctx, nil)
	if err != nil {
		return err
	}
	filter, cmp, err := opts.SecurityHub.narrow(ctx, opts.IO, scope, inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs})
	if err != nil {
		return err
	}
	prog := opts.IO.StartProgress(len(scope.Units()), "auditing regions")
	rep, err := audit.Run(ctx, scope.Scope, audit.Options{
		Filter:      filter,
		Concurrency: scope.Concurrency,
		NewEC2:      newEC2,
		OnUnitDone:  prog.Done,
	})
	prog.Finish()
	if err != nil {
		return selectionError(err)
	}
	rep.ToolVersion = buildinfo.String()
	rep.GeneratedAt = opts.Now().UTC()
	rep.SecurityHub = cmp
	if asff {
		if err := writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error { return writeASFF(ios, rep) }); err != nil {
			return err
		}
		return auditStatus(rep)
	}
	if err := writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error { return writeAudit(ios, format, rep) }); err != nil {
		return err
	}
	return auditStatus(rep)
}

func writeAudit(ios *iostreams.IOStreams, format report.Format, rep audit.Report) error {
	switch format {
	case report.FormatJSON:
		return report.WriteJSON(ios.Out, rep)
	case report.FormatCSV:
		return writeTable(ios, format, audit.CSVTable(rep))
	}
	if err := writeTable(ios, format, audit.Table(rep)); err != nil {
		return err
	}
	s := rep.Summary
	fmt.Fprintf(ios.Out, "%d default groups in %d of %d account-regions read: %d compliant, %d non-compliant.\n",
		s.Groups, s.AccountRegionsRead, s.AccountRegions, s.Compliant, s.NonCompliant)
	if len(rep.Problems) > 0 {
		return writeTable(ios, format, audit.ProblemsTable(rep))
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

// writeASFF writes one ASFF finding per default group read, as a JSON list
// (the form 'aws securityhub batch-import-findings --findings file://…'
// takes). Regions that could not be read have no finding: they are named
// on stderr and make the exit status incomplete, as in every format.
func writeASFF(ios *iostreams.IOStreams, rep audit.Report) error {
	groups := make([]inventory.Group, len(rep.Groups))
	for i, g := range rep.Groups {
		groups[i] = g.Group
	}
	for _, p := range rep.Problems {
		ios.Infof("not read, so no finding: account %s, region %s, %s: %s\n", p.Account, p.Region, p.Operation, p.Message)
	}
	return report.WriteJSON(ios.Out, securityhub.ToASFF(groups, rep.ToolVersion, rep.GeneratedAt))
}
