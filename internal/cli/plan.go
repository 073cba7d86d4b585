package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type planOptions struct {
	Out           string
	Format        string
	NameTemplate  string
	IaCScan       string
	Tags          map[string]string
	VpcIDs        []string
	GroupIDs      []string
	AcceptUnknown []string
}

func newCmdPlan(f *Factory) *cobra.Command {
	opts := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Plan replacement groups and the moves of every user off the default groups (read-only)",
		Long: `For every default group that something uses, plans a replacement group in the same VPC
(the default group's rules copied, its self rule rewritten to name the replacement), the rules
to add to groups that reference the default group, and one move per user through its
service's API, or a manual step for users managed by a stack or that cannot change in place.
Shown as + create, ~ change, ! manual; saved with -o as a versioned plan file that records a
fingerprint of the state it was computed from. Read-only.

A plan is not made while usage is unknown somewhere (exit 4), unless the gap is accepted with
--accept-unknown. -o never replaces a plan that was applied and not rolled back (rollback reads
it; exit 2); after a complete rollback its journal is moved aside and the new plan is written.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runPlan(cmd.Context(), f, opts) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Out, "out", "o", "", "write the plan file here (JSON, schema defaultsg.plan/v2)")
	fl.StringVar(&opts.Format, "format", "text", "what to print: text, json, or the replacement groups as cloudformation or terraform to commit instead of letting apply create them")
	fl.StringVar(&opts.IaCScan, "iac-scan", "", "a scan result (`FILE` from defaultsg scan -o json): manual steps of stack-managed users name the template lines to change")
	fl.StringVar(&opts.NameTemplate, "name-template", plan.DefaultNameTemplate, "replacement group name; {vpc}, {vpc_id}, {region}, {group_id}")
	fl.StringToStringVar(&opts.Tags, "tags", nil, "extra tags for replacement groups, k=v,k2=v2")
	fl.StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only the default groups of these VPCs")
	fl.StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	fl.StringSliceVar(&opts.AcceptUnknown, "accept-unknown", nil, "finders whose failure is an accepted gap")
	return cmd
}

func runPlan(ctx context.Context, f *Factory, opts *planOptions) error {
	switch opts.Format {
	case "text", "json", "cloudformation", "terraform":
	default:
		return exitcode.Usagef(fmt.Errorf("--format must be text, json, cloudformation or terraform"))
	}
	if err := checkFinderNames(opts.AcceptUnknown); err != nil {
		return err
	}
	// Checked before the slow part: a plan an unfinished apply needs is
	// never replaced (rollback reads it).
	staleJournal, err := planPathFree(opts.Out)
	if err != nil {
		return err
	}
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	var findings []plan.ScanFinding
	if opts.IaCScan != "" {
		if findings, err = plan.LoadScan(opts.IaCScan); err != nil {
			return exitcode.Usagef(err)
		}
	}
	rep, err := collectUsage(ctx, f, scope, inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs}, opts.AcceptUnknown)
	if err != nil {
		return err
	}
	if err := usageStatus(rep); err != nil && exitcode.Of(err) == exitcode.Incomplete {
		_ = writeUsage(f, report.FormatTable, rep)
		return exitcode.NewStatus(exitcode.Incomplete, "no plan: usage is unknown for some groups (see above); fix access or accept the gap with --accept-unknown")
	}
	in := plan.Input{NameTemplate: opts.NameTemplate, Tags: opts.Tags, Accepted: opts.AcceptUnknown}
	var users []usage.Usage
	for _, g := range rep.Groups {
		in.Groups = append(in.Groups, g.Group)
		users = append(users, g.Users...)
	}
	in.Usage = usage.NewResult(users, rep.Coverage)
	if in.Referencing, err = referencingRules(ctx, f, scope, in.Usage.Usages); err != nil {
		return err
	}
	p := plan.Build(in)
	plan.AddTemplateLocations(p, findings)
	p.ToolVersion, p.CreatedAt = buildinfo.String(), f.Now().UTC()
	p.Regions, p.VpcIDs, p.GroupIDs = awsx.ParseRegions(f.Global.Regions), opts.VpcIDs, opts.GroupIDs
	if opts.Out != "" {
		if staleJournal != "" {
			archived, err := apply.ArchiveJournal(staleJournal, f.Now())
			if err != nil {
				return journalError(err)
			}
			f.IO.Infof("The rolled-back apply's journal was moved to %s\n", archived)
		}
		if err := plan.Save(opts.Out, p); err != nil {
			return err
		}
		f.IO.Infof("Plan written to %s\n", opts.Out)
	}
	switch opts.Format {
	case "json":
		return report.WriteJSON(f.IO.Out, p)
	case "cloudformation":
		return plan.WriteCloudFormation(f.IO.Out, p)
	case "terraform":
		return plan.WriteTerraform(f.IO.Out, p)
	}
	return plan.WriteText(f.IO.Out, p)
}

// referencingRules reads the current rules of every group that references a
// default group, one call per account-region.
func referencingRules(ctx context.Context, f *Factory, scope awsx.Scope, us []usage.Usage) (map[string][]sgrule.Rule, error) {
	byRegion := map[awsx.Unit][]string{}
	for _, u := range us {
		if u.Kind == usage.KindReference {
			k := awsx.Unit{Account: u.Account, Region: u.Region}
			byRegion[k] = append(byRegion[k], u.ResourceID)
		}
	}
	out := map[string][]sgrule.Rule{}
	for k, ids := range byRegion {
		cfg, _ := scope.Config(k.Account, k.Region)
		rules, err := inventory.Rules(ctx, newEC2(cfg), ids)
		if err != nil {
			return nil, awsx.Wrap(k.Account, k.Region, "ec2:DescribeSecurityGroupRules", err)
		}
		for id, rs := range rules {
			out[id] = rs
		}
	}
	return out, nil
}

// planPathFree refuses to replace a plan file that an apply not rolled back
// still needs; a rolled-back one's journal is returned to be moved aside.
func planPathFree(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	stale, err := apply.PlanPathFree(path)
	var inUse *apply.PlanInUseError
	if errors.As(err, &inUse) {
		return "", exitcode.Usagef(err)
	}
	if err != nil {
		return "", journalError(err)
	}
	return stale, nil
}
