package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/apply"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/verify"
)

func newCmdVerify(f *Factory) *cobra.Command {
	var journalPath string
	var configRule string
	var withConfig bool
	cmd := &cobra.Command{
		Use:   "verify PLAN",
		Short: "Prove the moved users lost no connectivity, and list who still uses a default group",
		Long: `For every resource apply moved (from PLAN.journal), compares the traffic its groups allowed
before the move (the default group's rules as the plan recorded them, with the other groups it
kept) with what its groups allow now, and reports any flow allowed before and not now (lost) and
the reverse (gained). A correct migration shows none. Then re-runs usage over the plan's scope
and lists every user still on a default group and why. With --config, also shows AWS Config's
last evaluation of vpc-default-security-group-closed (Security Hub EC2.2) for every default group
next to its rules now, and where they disagree (Config re-evaluates on its own schedule). Read-only.

Exit codes: 0 no flow lost and no user left, 3 users still on a default group,
6 some flow lost, 4 usage unknown somewhere, 2 usage error.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			rule := ""
			if withConfig {
				rule = configRule
			}
			return runVerify(cmd.Context(), f, args[0], journalPath, rule)
		},
	}
	cmd.Flags().StringVar(&journalPath, "journal", "", "apply's journal (default: PLAN.journal)")
	cmd.Flags().BoolVar(&withConfig, "config", false, "also show AWS Config's last evaluation of each default group and where it disagrees")
	cmd.Flags().StringVar(&configRule, "config-rule", verify.ClosedRule, "the name of the Config rule (the managed rule VPC_DEFAULT_SECURITY_GROUP_CLOSED) in your accounts")
	return cmd
}

func runVerify(ctx context.Context, f *Factory, planPath, journalPath, configRule string) error {
	p, err := plan.Load(planPath)
	if err != nil {
		if errors.Is(err, plan.ErrInvalid) {
			return exitcode.Usagef(err)
		}
		return err
	}
	if journalPath == "" {
		journalPath = planPath + ".journal"
	}
	j, err := apply.OpenJournal(journalPath)
	if err != nil {
		return journalError(err)
	}
	defer j.Close()
	if len(p.Regions) > 0 {
		f.Global.Regions = strings.Join(p.Regions, ",")
	}
	scope, err := resolveScope(ctx, f)
	if err != nil {
		return err
	}
	results, err := compareMoved(ctx, scope, p, j)
	if err != nil {
		return err
	}
	lost := 0
	t := report.Table{Title: "Connectivity of moved interfaces (before → after):", Headers: []string{"ACCOUNT", "REGION", "RESOURCE", "INTERFACE", "RESULT", "LOST", "GAINED"}}
	for _, r := range results {
		res := "equivalent"
		if !r.Equivalent {
			res = "DIFFERENT"
			lost += len(r.Lost)
		}
		t.Rows = append(t.Rows, []string{r.Account, r.Region, r.Resource, r.Interface, res, joinFlows(r.Lost), joinFlows(r.Gained)})
	}
	if err := report.WriteTable(f.IO.Out, report.FormatTable, t); err != nil {
		return err
	}
	rep, err := collectUsage(ctx, f, scope, inventory.Filter{VpcIDs: p.VpcIDs, GroupIDs: p.GroupIDs}, p.AcceptedUnknown)
	if err != nil {
		return err
	}
	fmt.Fprintln(f.IO.Out, "Still on a default group:")
	if err := writeUsage(f, report.FormatTable, rep); err != nil {
		return err
	}
	if configRule != "" {
		if err := writeConfigViews(ctx, f, scope, rep, configRule); err != nil {
			return err
		}
	}
	if lost > 0 {
		return exitcode.NewStatus(exitcode.Failed, fmt.Sprintf("%d flows allowed before the move are not allowed now (listed above): fix the replacement group or run rollback", lost))
	}
	return usageStatus(rep)
}

// writeConfigViews puts AWS Config's last evaluation of every default group
// next to its rules now. Config evaluates on its own schedule, so right after
// close it still reports NON_COMPLIANT: the hint says how to re-evaluate
// (verify itself stays read-only).
func writeConfigViews(ctx context.Context, f *Factory, scope awsx.Scope, rep UsageReport, rule string) error {
	t := report.Table{Title: "AWS Config (" + rule + ") vs the groups now:", Headers: []string{"ACCOUNT", "REGION", "GROUP", "CONFIG", "NOW", "AGREE"}}
	evaluations := map[string]map[string]string{}
	disagree := 0
	for _, g := range rep.Groups {
		k := g.Account + "/" + g.Region
		if _, read := evaluations[k]; !read {
			cfg, _ := scope.Config(g.Account, g.Region)
			ev, err := verify.ReadConfig(ctx, configservice.NewFromConfig(cfg), g.Account, g.Region, rule)
			if err != nil && !errors.Is(err, verify.ErrRuleNotDeployed) {
				return err
			}
			evaluations[k] = ev // nil: not deployed
		}
		v := verify.ConfigView{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Compliant: len(g.Rules) == 0}
		switch ev := evaluations[k]; {
		case ev == nil:
			v.Config = "rule not deployed"
		case ev[g.GroupID] == "":
			v.Config = "not evaluated"
		default:
			v.Config = ev[g.GroupID]
		}
		v = verify.CompareConfig(v)
		now, agree := "NON_COMPLIANT", "yes"
		if v.Compliant {
			now = "COMPLIANT"
		}
		if !v.Agree {
			agree = "NO"
			disagree++
		}
		t.Rows = append(t.Rows, []string{v.Account, v.Region, v.GroupID, v.Config, now, agree})
	}
	if err := report.WriteTable(f.IO.Out, report.FormatTable, t); err != nil {
		return err
	}
	if disagree > 0 {
		fmt.Fprintf(f.IO.Out, "%d groups where Config's last evaluation differs from now: Config re-evaluates on a configuration change or its schedule;\n"+
			"to re-evaluate now: aws configservice start-config-rules-evaluation --config-rule-names %s (per region)\n", disagree, rule)
	}
	return nil
}

func joinFlows(fs []verify.Flow) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, "\n")
}

// compareMoved compares, for every target of every move the journal
// records (an instance's interfaces, a function's configuration…), the flows
// its groups allowed before the move — as the first intent recorded them —
// with the flows of its groups now, read again through its service.
func compareMoved(ctx context.Context, scope awsx.Scope, p *plan.Plan, j *apply.Journal) ([]verify.Interface, error) {
	replacementOf := map[string]string{}
	planned := map[string][]plan.Rule{}
	for _, rp := range p.Replacements {
		if rec, ok := j.Done("create:" + rp.Account + "/" + rp.Region + "/" + rp.DefaultGroupID); ok {
			replacementOf[rp.DefaultGroupID] = rec.Data["group_id"]
		}
		planned[rp.DefaultGroupID] = rp.Rules
	}
	intents := j.FirstIntents()
	var out []verify.Interface
	for _, m := range p.Moves {
		step := apply.MoveStep(m)
		if _, done := j.Done(step); !done {
			continue
		}
		mv, ok := services.Mover(m.Kind)
		if !ok {
			continue
		}
		var before []svc.Target
		if err := json.Unmarshal([]byte(intents[step]["targets"]), &before); err != nil {
			return nil, fmt.Errorf("journal record of %s: %w", step, err)
		}
		cfg, ok := scope.Config(m.Account, m.Region)
		if !ok {
			return nil, fmt.Errorf("account %s of a moved resource is not in this run's accounts: run with the same --org/--profiles as plan", m.Account)
		}
		res := svc.Resource{Kind: m.Kind, ID: m.ResourceID, ARN: m.ARN}
		now := map[string][]string{}
		for _, g := range []string{replacementOf[m.DefaultGroupID], m.DefaultGroupID} {
			if allFound(before, now) {
				break // every target is on the replacement: no second read
			}
			ts, err := mv.Targets(ctx, cfg, res, g)
			if err != nil && !errors.Is(err, svc.ErrNotFound) {
				return nil, awsx.Wrap(m.Account, m.Region, "reading "+m.ResourceType, err)
			}
			for _, t := range ts {
				if _, seen := now[t.ID]; !seen {
					now[t.ID] = t.Groups
				}
			}
		}
		api := ec2.NewFromConfig(cfg)
		for _, t := range before {
			after := now[t.ID]
			rules, err := inventory.Rules(ctx, api, append(append([]string{}, t.Groups...), after...))
			if err != nil {
				return nil, awsx.Wrap(m.Account, m.Region, "ec2:DescribeSecurityGroupRules", err)
			}
			lost, gained := verify.Compare(t.Groups, after, func(g string) []sgrule.Rule { return rules[g] }, planned, replacementOf)
			out = append(out, verify.Interface{Account: m.Account, Region: m.Region, Resource: m.ResourceType + " " + m.ResourceID, Interface: t.ID,
				Lost: lost, Gained: gained, Equivalent: len(lost) == 0 && len(gained) == 0, GroupsNow: strings.Join(after, ",")})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Resource+out[a].Interface < out[b].Resource+out[b].Interface })
	return out, nil
}

func allFound(targets []svc.Target, now map[string][]string) bool {
	for _, t := range targets {
		if _, ok := now[t.ID]; !ok {
			return false
		}
	}
	return len(now) > 0
}

func groupIDs(gs []types.GroupIdentifier) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = aws.ToString(g.GroupId)
	}
	return out
}
