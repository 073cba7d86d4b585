package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/atomicfile"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// PlanOptions are the inputs of `defaultsg plan`.
type PlanOptions struct {
	IO    *iostreams.IOStreams
	Scope ScopeFunc
	Now   func() time.Time
	// Regions are the regions the global flags select, recorded in the plan
	// so apply, verify and rollback work in the same ones.
	Regions []string

	// Out is the plan file to write; Output what to print.
	Out           string
	CFNDir        string
	Output        string
	NameTemplate  string
	IaCScan       string
	Tags          map[string]string
	VpcIDs        []string
	GroupIDs      []string
	AcceptUnknown []string
	SecurityHub   SecurityHubOptions
}

// NewCmdPlan builds `plan`; runF, when not nil, replaces the run (tests).
func NewCmdPlan(f *Factory, runF func(*PlanOptions) error) *cobra.Command {
	opts := &PlanOptions{IO: f.IO, Scope: f.Scope, Now: f.Now, SecurityHub: newSecurityHubOptions(f)}
	var legacyFormat string
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Plan replacement groups and the moves of users (read-only)",
		Long: `For every default group that something uses, plans a replacement group in the same VPC
(the default group's rules copied, its self rule rewritten to name the replacement), the rules
to add to groups that reference the default group, and one move per user through its
service's API, or a manual step for users managed by a stack or that cannot change in place.
Shown as + create, ~ change, ! manual; saved with --out as a versioned plan file that records a
fingerprint of the state it was computed from. -o json prints the plan itself; -o cloudformation
and -o terraform print the replacement groups as code to commit instead of letting apply create
them. Read-only.

A plan is not made while usage is unknown somewhere (exit 4), unless the gap is accepted with
--accept-unknown. --out never replaces a plan that was applied and not rolled back (rollback reads
it; exit 2); after a complete rollback its journal is moved aside and the new plan is written.`,
		Example: `  defaultsg plan --out plan.json
  defaultsg --region eu-west-1 plan --out plan.json -o json
  defaultsg plan -o terraform > replacements.tf`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("format") {
				if cmd.Flags().Changed("output") {
					return exitcode.Usagef(fmt.Errorf("--format is the old name of -o/--output; give one"))
				}
				opts.Output = legacyFormat
			}
			opts.Regions = f.Global.SelectedRegions()
			defaultStrings(cmd, "accept-unknown", &opts.AcceptUnknown, f.config().acceptedFinders())
			if c := f.config(); !cmd.Flags().Changed("name-template") && c.NameTemplate != "" {
				opts.NameTemplate = c.NameTemplate
			}
			if c := f.config(); !cmd.Flags().Changed("tags") && len(c.Tags) > 0 {
				opts.Tags = c.Tags
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "text", "what to print: text, json, or the replacement groups as cloudformation or terraform")
	fl.StringVar(&opts.Out, "out", "", "write the plan file (JSON, schema defaultsg.plan/v2) to `FILE`, for apply")
	fl.StringVar(&opts.CFNDir, "cfn-dir", "", "with -o cloudformation: write one template per account-region into `DIR` (ACCOUNT-REGION.template.yaml)")
	fl.StringVar(&legacyFormat, "format", "", "")
	_ = fl.MarkDeprecated("format", "use -o/--output")
	completeWith(cmd, "output", planFormats...)
	completeFinders(cmd)
	fl.StringVar(&opts.IaCScan, "iac-scan", "", "a scan result (`FILE` from defaultsg scan -o json): manual steps of stack-managed users name the template lines to change")
	fl.StringVar(&opts.NameTemplate, "name-template", plan.DefaultNameTemplate, "replacement group name; {vpc}, {vpc_id}, {region}, {group_id}")
	fl.StringToStringVar(&opts.Tags, "tags", nil, "extra tags for replacement groups, k=v,k2=v2")
	fl.StringSliceVar(&opts.VpcIDs, "vpc-ids", nil, "only the default groups of these VPCs")
	fl.StringSliceVar(&opts.GroupIDs, "group-ids", nil, "only these default groups")
	fl.StringSliceVar(&opts.AcceptUnknown, "accept-unknown", nil, "finders whose failure is an accepted gap")
	addSecurityHubFlags(cmd, f, &opts.SecurityHub, true)
	return cmd
}

func planRun(ctx context.Context, opts *PlanOptions) error {
	if opts.Output == "table" {
		opts.Output = "text"
	}
	if err := checkFormat(opts.Output, planFormats...); err != nil {
		return err
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
	scope, err := opts.Scope(ctx, nil)
	if err != nil {
		return err
	}
	var findings []plan.ScanFinding
	if opts.IaCScan != "" {
		if findings, err = plan.LoadScan(opts.IaCScan); err != nil {
			return exitcode.Usagef(err)
		}
	}
	filter, cmp, err := opts.SecurityHub.narrow(ctx, opts.IO, scope, inventory.Filter{VpcIDs: opts.VpcIDs, GroupIDs: opts.GroupIDs})
	if err != nil {
		return err
	}
	// The plan records its groups so apply and verify read the same ones;
	// an empty list there would mean every group.
	vpcIDs, groupIDs := opts.VpcIDs, opts.GroupIDs
	if cmp != nil {
		vpcIDs, groupIDs = nil, nil
		for _, ids := range filter.ByRegion {
			groupIDs = append(groupIDs, ids...)
		}
		if len(groupIDs) == 0 {
			return exitcode.Usagef(fmt.Errorf("--from-securityhub: Security Hub reports no default group FAILED for EC2.2 in scope; no plan written"))
		}
		slices.Sort(groupIDs)
	}
	rep, err := collectUsage(ctx, opts.IO, scope, filter, opts.AcceptUnknown)
	if err != nil {
		return err
	}
	if err := usageStatus(rep); err != nil && exitcode.Of(err) == exitcode.Incomplete {
		_ = writeUsage(opts.IO, report.FormatTable, rep)
		return exitcode.NewStatus(exitcode.Incomplete, "no plan: usage is unknown for some groups (see above); fix access or accept the gap with --accept-unknown")
	}
	in := plan.Input{NameTemplate: opts.NameTemplate, Tags: opts.Tags, Accepted: opts.AcceptUnknown}
	var users []usage.Usage
	for _, g := range rep.Groups {
		in.Groups = append(in.Groups, g.Group)
		users = append(users, g.Users...)
	}
	in.Usage = usage.NewResult(users, rep.Coverage)
	if in.Referencing, err = referencingRules(ctx, scope.Scope, in.Usage.Usages); err != nil {
		return err
	}
	if in.Existing, err = existingReplacements(ctx, scope.Scope, in.Groups); err != nil {
		return err
	}
	p := plan.Build(in)
	plan.AddTemplateLocations(p, findings)
	p.ToolVersion, p.CreatedAt = buildinfo.String(), opts.Now().UTC()
	p.Regions, p.VpcIDs, p.GroupIDs = opts.Regions, vpcIDs, groupIDs
	if opts.Out != "" {
		if staleJournal != "" {
			archived, err := apply.ArchiveJournal(staleJournal, opts.Now())
			if err != nil {
				return journalError(err)
			}
			opts.IO.Infof("The rolled-back apply's journal was moved to %s\n", archived)
		}
		if err := plan.Save(opts.Out, p); err != nil {
			return err
		}
		opts.IO.Infof("Plan written to %s\n", opts.Out)
	}
	switch opts.Output {
	case "json":
		return report.WriteJSON(opts.IO.Out, p)
	case "cloudformation":
		if opts.CFNDir != "" {
			files, err := plan.CloudFormationFiles(p)
			if err != nil {
				return err
			}
			for name, b := range files {
				if err := atomicfile.Write(filepath.Join(opts.CFNDir, name), b, 0o644); err != nil {
					return err
				}
				opts.IO.Infof("Template written to %s\n", filepath.Join(opts.CFNDir, name))
			}
			return nil
		}
		var multi *plan.MultiTemplateError
		if err := plan.WriteCloudFormation(opts.IO.Out, p); errors.As(err, &multi) {
			return exitcode.Usagef(err)
		} else if err != nil {
			return err
		}
		return nil
	case "terraform":
		return plan.WriteTerraform(opts.IO.Out, p)
	}
	return plan.WriteText(opts.IO.Out, p)
}

// planFormats are what plan prints ("table" is taken for "text").
var planFormats = []string{"text", "json", "cloudformation", "terraform"}

// existingReplacements finds the replacement groups an earlier apply made
// (tagged defaultsg:replaces), one call per account-region, so a new plan
// keeps them instead of planning them again.
func existingReplacements(ctx context.Context, scope awsx.Scope, groups []inventory.Group) (map[string]string, error) {
	byRegion := map[awsx.Unit][]string{}
	for _, g := range groups {
		k := awsx.Unit{Account: g.Account, Region: g.Region}
		byRegion[k] = append(byRegion[k], g.GroupID)
	}
	out := map[string]string{}
	for k, ids := range byRegion {
		cfg, _ := scope.Config(k.Account, k.Region)
		found, err := inventory.Replacements(ctx, newEC2(cfg), ids)
		if err != nil {
			return nil, awsx.Wrap(k.Account, k.Region, "ec2:DescribeSecurityGroups", err)
		}
		for def, repl := range found {
			out[k.Account+"/"+k.Region+"/"+def] = repl
		}
	}
	return out, nil
}

// referencingRules reads the current rules of every group that references a
// default group, one call per account-region.
func referencingRules(ctx context.Context, scope awsx.Scope, us []usage.Usage) (map[string][]sgrule.Rule, error) {
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
