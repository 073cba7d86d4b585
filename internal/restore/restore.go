// Package restore re-authorizes exactly the rules a backup holds, skipping
// those already present, so restoring twice (or after a partial restore) is
// safe. A present rule whose description was edited since the backup gets
// the backed-up description back, so the group ends exactly as backed up. A rule that cannot be restored (its referenced group is gone) is
// reported on its own; the other rules are still restored.
package restore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// API is what restoring needs; *ec2.Client satisfies it.
type API interface {
	AuthorizeSecurityGroupIngress(ctx context.Context, in *ec2.AuthorizeSecurityGroupIngressInput, opts ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error)
	AuthorizeSecurityGroupEgress(ctx context.Context, in *ec2.AuthorizeSecurityGroupEgressInput, opts ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupEgressOutput, error)
	DescriptionsAPI
	ec2.DescribeSecurityGroupRulesAPIClient
}

// GroupPlan is what restore will do for one backed-up group.
type GroupPlan struct {
	Group   backup.Group
	Missing []sgrule.Rule // to re-authorize
	Present int           // already there, description included: skipped
	// Redescribe are rules already there whose description differs from
	// the backup's (edited by hand after close): the backup's is put back.
	Redescribe []Redescription
	Err        error // the group could not be read (e.g. deleted)
}

// Prepare compares each backed-up group with its current rules.
func Prepare(ctx context.Context, scope awsx.Scope, doc *backup.Document, concurrency int, newEC2 func(aws.Config) API) ([]GroupPlan, error) {
	units := make([]awsx.Unit, len(doc.Groups))
	for i, g := range doc.Groups {
		units[i] = awsx.Unit{Account: g.Account, Region: g.Region, Task: g.GroupID}
	}
	return awsx.Run(ctx, concurrency, units, func(ctx context.Context, i int, u awsx.Unit) (GroupPlan, error) {
		g := doc.Groups[i]
		gp := GroupPlan{Group: g}
		cfg, ok := scope.Config(g.Account, g.Region)
		if !ok {
			gp.Err = fmt.Errorf("account %s is not in scope (the caller's account, or the --org/--profiles selection): refusing to apply it elsewhere", g.Account)
			return gp, nil
		}
		cur, err := current(ctx, newEC2(cfg), g.GroupID)
		if err != nil {
			if ctx.Err() != nil {
				return gp, ctx.Err()
			}
			gp.Err = awsx.Wrap(g.Account, g.Region, "ec2:DescribeSecurityGroupRules", err)
			return gp, nil
		}
		have := map[string]sgrule.Rule{}
		for _, r := range cur {
			have[r.Key()] = r
		}
		for _, r := range g.Rules {
			now, ok := have[r.Key()]
			switch {
			case !ok:
				gp.Missing = append(gp.Missing, r)
			case now.Description != r.Description:
				gp.Redescribe = append(gp.Redescribe, Redescription{Rule: r, Current: now.Description})
			default:
				gp.Present++
			}
		}
		return gp, nil
	})
}

// RuleResult is the outcome for one missing rule.
type RuleResult struct {
	Rule sgrule.Rule
	Err  error // nil: restored (or, in a dry run, would be)
}

// GroupResult is the outcome for one group.
type GroupResult struct {
	Plan         GroupPlan
	Rules        []RuleResult
	Descriptions []RuleResult // one per Plan.Redescribe
}

// Failed counts rules that were not restored.
func (g GroupResult) Failed() int {
	n := 0
	for _, r := range append(append([]RuleResult(nil), g.Rules...), g.Descriptions...) {
		if r.Err != nil {
			n++
		}
	}
	if g.Plan.Err != nil {
		n += len(g.Plan.Group.Rules)
	}
	return n
}

// Execute re-authorizes the missing rules of every plan.
func Execute(ctx context.Context, scope awsx.Scope, plans []GroupPlan, dryRun bool, concurrency int, newEC2 func(aws.Config) API) ([]GroupResult, error) {
	units := make([]awsx.Unit, len(plans))
	for i, p := range plans {
		units[i] = awsx.Unit{Account: p.Group.Account, Region: p.Group.Region, Task: p.Group.GroupID}
	}
	return awsx.Run(ctx, concurrency, units, func(ctx context.Context, i int, u awsx.Unit) (GroupResult, error) {
		p := plans[i]
		gr := GroupResult{Plan: p}
		if p.Err != nil || len(p.Missing)+len(p.Redescribe) == 0 {
			return gr, nil
		}
		cfg, _ := scope.Config(u.Account, u.Region)
		api := newEC2(cfg)
		for _, egress := range []bool{false, true} {
			var rules []sgrule.Rule
			for _, r := range p.Missing {
				if r.Egress == egress {
					rules = append(rules, r)
				}
			}
			if len(rules) == 0 {
				continue
			}
			res := authorize(ctx, api, p.Group, egress, rules, dryRun)
			if ctx.Err() != nil {
				return gr, ctx.Err()
			}
			gr.Rules = append(gr.Rules, res...)
		}
		gr.Descriptions = redescribe(ctx, api, p.Group, p.Redescribe, dryRun)
		if ctx.Err() != nil {
			return gr, ctx.Err()
		}
		return gr, nil
	})
}

// authorize tries all rules of one side in one call; if that fails it falls
// back to one call per rule, so one bad rule (a referenced group that no
// longer exists) does not stop the others and its error is its own.
func authorize(ctx context.Context, api API, g backup.Group, egress bool, rules []sgrule.Rule, dryRun bool) []RuleResult {
	out := make([]RuleResult, len(rules))
	for i, r := range rules {
		out[i].Rule = r
	}
	err := authorizeCall(ctx, api, g.GroupID, egress, rules, dryRun)
	if ok(err, dryRun) {
		return out
	}
	if len(rules) == 1 {
		out[0].Err = wrap(g, egress, err)
		return out
	}
	for i, r := range rules {
		if err := authorizeCall(ctx, api, g.GroupID, egress, []sgrule.Rule{r}, dryRun); !ok(err, dryRun) {
			out[i].Err = wrap(g, egress, err)
		}
	}
	return out
}

func ok(err error, dryRun bool) bool {
	switch awsx.ErrorCode(err) {
	case "DryRunOperation":
		return dryRun
	case "InvalidPermission.Duplicate":
		return true // present already: a concurrent restore or a re-run
	}
	return err == nil
}

func wrap(g backup.Group, egress bool, err error) error {
	op := "ec2:AuthorizeSecurityGroupIngress"
	if egress {
		op = "ec2:AuthorizeSecurityGroupEgress"
	}
	return awsx.Wrap(g.Account, g.Region, op, err)
}

func authorizeCall(ctx context.Context, api API, groupID string, egress bool, rules []sgrule.Rule, dryRun bool) error {
	perms := sgrule.IPPermissions(rules)
	if egress {
		_, err := api.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
			GroupId: aws.String(groupID), IpPermissions: perms, DryRun: aws.Bool(dryRun)})
		return err
	}
	_, err := api.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(groupID), IpPermissions: perms, DryRun: aws.Bool(dryRun)})
	return err
}

func current(ctx context.Context, api ec2.DescribeSecurityGroupRulesAPIClient, groupID string) ([]sgrule.Rule, error) {
	m, err := inventory.Rules(ctx, api, []string{groupID})
	return m[groupID], err
}
