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

	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/securityhub"
	"github.com/defaultsg/defaultsg/internal/verify"
)

// VerifyOptions are the inputs of `defaultsg verify`.
type VerifyOptions struct {
	IO     *iostreams.IOStreams
	Scope  ScopeFunc
	Reader verify.Reader

	// Regions are the regions the global flags select (see ApplyOptions).
	Regions []string

	Plan    string
	Journal string
	Output  string
	OutFile string
	// ConfigRule is the AWS Config rule to compare with; "" without --config.
	ConfigRule string
	// WithSecurityHub (--securityhub) shows Security Hub's EC2.2 finding on
	// every default group; SecurityHub.Region is --securityhub-region.
	WithSecurityHub bool
	SecurityHub     SecurityHubOptions
}

// NewCmdVerify builds `verify`; runF, when not nil, replaces the run (tests).
func NewCmdVerify(f *Factory, runF func(*VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: f.IO, Scope: f.Scope, Reader: verify.AWSReader(), SecurityHub: newSecurityHubOptions(f)}
	var configRule string
	var withConfig bool
	cmd := &cobra.Command{
		Use:   "verify PLAN",
		Short: "Prove moved users lost no connectivity; list users left",
		Long: `For every resource apply moved (from PLAN.journal), compares the traffic its groups allowed
before the move (the default group's rules as the plan recorded them, with the other groups it
kept) with what its groups allow now, and reports any flow allowed before and not now (lost) and
the reverse (gained). A correct migration shows none. Then re-runs usage over the plan's scope
and lists every user still on a default group and why. With --config, also shows AWS Config's
last evaluation of vpc-default-security-group-closed (Security Hub EC2.2) for every default group
next to its rules now, and where they disagree (Config re-evaluates on its own schedule). With
--securityhub, also shows Security Hub's EC2.2 finding on every default group (FAILED, PASSED,
"not yet re-evaluated" where it contradicts the rules now, or "not listed"). Read-only.

Exit codes of verify: 0 no flow lost and no user left, 3 users still on a default group,
6 some flow lost, 4 usage unknown somewhere, 2 usage error.`,
		Example: `  defaultsg verify plan.json
  defaultsg verify plan.json --config
  defaultsg verify plan.json --securityhub`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Plan, opts.ConfigRule, opts.Regions = args[0], "", f.Global.SelectedRegions()
			if withConfig {
				opts.ConfigRule = configRule
			}
			if runF != nil {
				return runF(opts)
			}
			return verifyRun(cmd.Context(), opts)
		},
	}
	addOutputFlags(cmd, &opts.Output, &opts.OutFile, verifyFormats...)
	cmd.Flags().StringVar(&opts.Journal, "journal", "", "apply's journal (default: PLAN.journal)")
	cmd.Flags().BoolVar(&withConfig, "config", false, "also show AWS Config's last evaluation of each default group and where it disagrees")
	cmd.Flags().StringVar(&configRule, "config-rule", verify.ClosedRule, "the name of the Config rule (the managed rule VPC_DEFAULT_SECURITY_GROUP_CLOSED) in your accounts")
	cmd.Flags().BoolVar(&opts.WithSecurityHub, "securityhub", false, "also show Security Hub's EC2.2 finding on each default group and where it disagrees")
	addSecurityHubFlags(cmd, f, &opts.SecurityHub, false)
	return cmd
}

// verifyFormats: verify prints several tables, so no single CSV.
var verifyFormats = []string{"table", "json", "markdown"}

// VerifyReport is the JSON form of `verify` (schema defaultsg.verify/v1).
type VerifyReport struct {
	Schema string             `json:"schema"`
	Moved  []verify.Interface `json:"moved"`
	// Usage is who still uses a default group, as `usage -o json` says it.
	Usage UsageReport `json:"usage"`
	// Config is AWS Config's view of each group (with --config only).
	Config []verify.ConfigView `json:"config"`
	// SecurityHub is Security Hub's view of each group (with --securityhub
	// only).
	SecurityHub []verify.SecurityHubView `json:"securityhub"`
}

func verifyRun(ctx context.Context, opts *VerifyOptions) error {
	format, err := parseTableFormat(opts.Output, verifyFormats...)
	if err != nil {
		return err
	}
	if err := checkFileKind("verify", opts.Plan, "defaultsg.plan"); err != nil {
		return err
	}
	p, err := plan.Load(opts.Plan)
	if err != nil {
		if errors.Is(err, plan.ErrInvalid) {
			return exitcode.Usagef(err)
		}
		return err
	}
	journalPath := opts.Journal
	if journalPath == "" {
		journalPath = opts.Plan + ".journal"
	}
	// verify only reads: a missing journal (nothing applied yet) is read as
	// empty, never created.
	var j verify.Journal = noJournal{}
	if _, err := os.Stat(journalPath); err == nil {
		aj, err := apply.OpenJournal(journalPath)
		if err != nil {
			return err
		}
		defer aj.Close()
		j = aj
	} else if errors.Is(err, fs.ErrNotExist) {
		opts.IO.Infof("No journal at %s: apply has moved nothing yet\n", journalPath)
	} else {
		return err
	}
	regions, err := planRegions(p, opts.Regions, false)
	if err != nil {
		return journalError(err)
	}
	scope, err := opts.Scope(ctx, regions)
	if err != nil {
		return err
	}
	rep := VerifyReport{Schema: "defaultsg.verify/v1", Config: []verify.ConfigView{}, SecurityHub: []verify.SecurityHubView{}}
	if rep.Moved, err = verify.Moved(ctx, scope.Scope, p, j, opts.Reader); err != nil {
		return err
	}
	if rep.Moved == nil {
		rep.Moved = []verify.Interface{}
	}
	if rep.Usage, err = collectUsage(ctx, opts.IO, scope.Direct(), inventory.Filter{VpcIDs: p.VpcIDs, GroupIDs: p.GroupIDs}, p.AcceptedUnknown); err != nil {
		return err
	}
	if opts.ConfigRule != "" {
		if rep.Config, err = configViews(ctx, scope, rep.Usage, opts.ConfigRule); err != nil {
			return err
		}
	}
	if opts.WithSecurityHub {
		if rep.SecurityHub, err = securityHubViews(ctx, opts.SecurityHub, scope, rep.Usage); err != nil {
			return err
		}
	}
	err = writeOut(opts.IO, opts.OutFile, func(ios *iostreams.IOStreams) error {
		if format == report.FormatJSON {
			return report.WriteJSON(ios.Out, rep)
		}
		if err := writeVerify(ios, format, rep, opts.ConfigRule); err != nil {
			return err
		}
		if !opts.WithSecurityHub {
			return nil
		}
		return writeSecurityHubViews(ios, format, rep.SecurityHub)
	})
	if err != nil {
		return err
	}
	lost := 0
	for _, r := range rep.Moved {
		lost += len(r.Lost)
	}
	if lost > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d flows allowed before the move are not allowed now (listed above): fix the replacement group or run rollback", lost))
	}
	return usageStatus(rep.Usage)
}

func writeVerify(ios *iostreams.IOStreams, format report.Format, rep VerifyReport, rule string) error {
	t := report.Table{Title: "Connectivity of moved interfaces (before → after):", Headers: []string{"ACCOUNT", "REGION", "RESOURCE", "INTERFACE", "RESULT", "LOST", "GAINED"}}
	for _, r := range rep.Moved {
		res := "equivalent"
		if !r.Equivalent {
			res = "DIFFERENT"
		}
		t.Rows = append(t.Rows, []string{r.Account, r.Region, r.Resource, r.Interface, res, joinFlows(r.Lost), joinFlows(r.Gained)})
	}
	if err := writeTable(ios, format, t); err != nil {
		return err
	}
	// Only the groups something still uses (or may use) are listed: an
	// unused group is what the move was for.
	left := rep.Usage
	left.Groups = slices.DeleteFunc(slices.Clone(rep.Usage.Groups), func(g usageGroup) bool { return g.State == "unused" })
	if len(left.Groups) == 0 {
		fmt.Fprintln(ios.Out, "Still on a default group: nothing.")
	} else {
		fmt.Fprintln(ios.Out, "Still on a default group:")
		if err := writeUsage(ios, format, left); err != nil {
			return err
		}
	}
	if rule == "" {
		return nil
	}
	return writeConfigViews(ios, format, rep.Config, rule)
}

// configViews reads AWS Config's last evaluation of every default group.
func configViews(ctx context.Context, scope Scope, rep UsageReport, rule string) ([]verify.ConfigView, error) {
	groups := make([]verify.GroupNow, len(rep.Groups))
	for i, g := range rep.Groups {
		groups[i] = verify.GroupNow{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Compliant: len(g.Rules) == 0}
	}
	return verify.ConfigViews(ctx, groups, rule, func(account, region string) verify.ConfigAPI {
		cfg, _ := scope.Config(account, region)
		return configservice.NewFromConfig(cfg)
	})
}

// writeConfigViews puts AWS Config's last evaluation of every default group
// next to its rules now. Config evaluates on its own schedule, so right after
// close it still reports NON_COMPLIANT: the hint says how to re-evaluate
// (verify itself stays read-only).
func writeConfigViews(ios *iostreams.IOStreams, format report.Format, views []verify.ConfigView, rule string) error {
	t := report.Table{Title: "AWS Config (" + rule + ") vs the groups now:", Headers: []string{"ACCOUNT", "REGION", "GROUP", "CONFIG", "NOW", "AGREE"}}
	disagree := 0
	var notDeployed []string
	for _, v := range views {
		now, agree := "NON_COMPLIANT", "yes"
		if v.Compliant {
			now = "COMPLIANT"
		}
		switch {
		case v.Config == verify.NotDeployed:
			agree = "-"
			if where := v.Account + "/" + v.Region; !slices.Contains(notDeployed, where) {
				notDeployed = append(notDeployed, where)
			}
		case !v.Agree:
			agree = "NO"
			disagree++
		}
		t.Rows = append(t.Rows, []string{v.Account, v.Region, v.GroupID, v.Config, now, agree})
	}
	if err := writeTable(ios, format, t); err != nil {
		return err
	}
	if len(notDeployed) > 0 {
		// Re-evaluating a rule that does not exist cannot work: say how to
		// deploy it instead.
		fmt.Fprintf(ios.Out, "The Config rule %s is not deployed in %s: enable AWS Config there and deploy the managed rule\n"+
			"VPC_DEFAULT_SECURITY_GROUP_CLOSED (or Security Hub's AWS Foundational Security Best Practices standard), e.g.\n"+
			"aws configservice put-config-rule --config-rule '{\"ConfigRuleName\":\"%s\",\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\"VPC_DEFAULT_SECURITY_GROUP_CLOSED\"},\"Scope\":{\"ComplianceResourceTypes\":[\"AWS::EC2::SecurityGroup\"]}}'\n",
			rule, strings.Join(notDeployed, ", "), rule)
	}
	if disagree > 0 {
		fmt.Fprintf(ios.Out, "%d groups where Config's last evaluation differs from now: Config re-evaluates on a configuration change or its schedule;\n"+
			"to re-evaluate now: aws configservice start-config-rules-evaluation --config-rule-names %s (per region)\n", disagree, rule)
	}
	return nil
}

// noJournal is the journal of a plan not applied yet.
type noJournal struct{}

func (noJournal) Done(string) (apply.Record, bool)           { return apply.Record{}, false }
func (noJournal) FirstIntents() map[string]map[string]string { return nil }

func joinFlows(fs []verify.Flow) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, "\n")
}

// securityHubViews reads Security Hub's active EC2.2 findings (any status)
// and puts each default group's next to its rules now.
func securityHubViews(ctx context.Context, o SecurityHubOptions, scope Scope, rep UsageReport) ([]verify.SecurityHubView, error) {
	findings, notEnabled, _, err := o.readFindings(ctx, scope, securityhub.Query{})
	if err != nil {
		return nil, err
	}
	groups := make([]verify.GroupNow, len(rep.Groups))
	for i, g := range rep.Groups {
		groups[i] = verify.GroupNow{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Compliant: len(g.Rules) == 0}
	}
	return verify.SecurityHubViews(groups, findings, notEnabled), nil
}

// writeSecurityHubViews puts Security Hub's finding on every default group
// next to its rules now. Security Hub follows the Config rule's evaluation,
// so right after close it still says FAILED: the hint says how to
// re-evaluate (verify itself stays read-only).
func writeSecurityHubViews(ios *iostreams.IOStreams, format report.Format, views []verify.SecurityHubView) error {
	t := report.Table{Title: "Security Hub (EC2.2) vs the groups now:", Headers: []string{"ACCOUNT", "REGION", "GROUP", "SECURITY HUB", "FINDING UPDATED", "NOW", "AGREE"}}
	stale, unlisted := 0, 0
	for _, v := range views {
		now, agree, updated := "NON_COMPLIANT", "yes", ""
		if v.Compliant {
			now = "COMPLIANT"
		}
		if v.UpdatedAt != nil {
			updated = v.UpdatedAt.UTC().Format(time.RFC3339)
		}
		switch v.SecurityHub {
		case verify.HubNotListed, verify.HubNotEnabled:
			agree = "-"
			unlisted++
		default:
			if !v.Agree {
				agree = "NO"
				stale++
			}
		}
		t.Rows = append(t.Rows, []string{v.Account, v.Region, v.GroupID, v.SecurityHub, updated, now, agree})
	}
	if err := writeTable(ios, format, t); err != nil {
		return err
	}
	if stale > 0 {
		fmt.Fprintf(ios.Out, "%d groups where Security Hub's finding differs from now: Security Hub updates it when its AWS Config rule\n"+
			"(managed rule VPC_DEFAULT_SECURITY_GROUP_CLOSED, named securityhub-%s-… where Security Hub deployed it) re-evaluates;\n"+
			"to re-evaluate now: aws configservice start-config-rules-evaluation --config-rule-names RULE (per region)\n", stale, verify.ClosedRule)
	}
	if unlisted > 0 {
		fmt.Fprintf(ios.Out, "%d groups without an active EC2.2 finding: Security Hub has not evaluated them (or is not enabled there).\n", unlisted)
	}
	return nil
}
