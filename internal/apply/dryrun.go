package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// StatusWould is a dry-run step that would run.
const StatusWould Status = "would run"

// DryRun runs every step of p without changing anything and without a
// journal: EC2 calls are made with DryRun (AWS checks the permission and
// answers DryRunOperation); moves read their resources and, where the
// service offers one (EC2), dry-run the change; other services' changes are
// described with the groups they would set. Replacement groups do not exist
// yet, so rule additions are checked against the default group in their
// place — the same permission.
func DryRun(ctx context.Context, scope awsx.Scope, p *plan.Plan, o Options) []Result {
	var out []Result
	cfgFor := func(account, region string) (aws.Config, EC2API, error) {
		cfg, ok := scope.Config(account, region)
		if !ok {
			return cfg, nil, fmt.Errorf("account %s is not in this run's accounts", account)
		}
		return cfg, o.NewEC2(cfg), nil
	}
	result := func(step string, err error, detail string) Result {
		if err != nil {
			return Result{Step: step, Status: StatusFailed, Detail: err.Error()}
		}
		return Result{Step: step, Status: StatusWould, Detail: detail}
	}
	for _, rp := range p.Replacements {
		step := "create:" + key(rp.Account, rp.Region, rp.DefaultGroupID)
		_, api, err := cfgFor(rp.Account, rp.Region)
		if err == nil {
			_, err = api.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(rp.Name),
				Description: aws.String(rp.Description), VpcId: aws.String(rp.VpcID), DryRun: aws.Bool(true)})
			err = dryRunOK(rp.Account, rp.Region, "ec2:CreateSecurityGroup", err)
		}
		out = append(out, result(step, err, fmt.Sprintf("create %q in %s", rp.Name, rp.VpcID)))
		var rules []sgrule.Rule
		for _, r := range rp.Rules {
			rule := r.Rule
			if r.Self {
				rule.Group = &sgrule.GroupRef{GroupID: rp.DefaultGroupID}
			}
			rules = append(rules, rule)
		}
		if err == nil {
			err = authorizeDry(ctx, api, rp.Account, rp.Region, rp.DefaultGroupID, rules)
		}
		out = append(out, result("rules:"+key(rp.Account, rp.Region, rp.DefaultGroupID), err, fmt.Sprintf("give it %d rules", len(rp.Rules))))
	}
	for i, rr := range p.ReferenceRules {
		step := fmt.Sprintf("reference:%s/%d", key(rr.Account, rr.Region, rr.GroupID), i)
		_, api, err := cfgFor(rr.Account, rr.Region)
		if err == nil {
			rule := rr.Rule
			rule.Group = &sgrule.GroupRef{GroupID: rr.DefaultGroupID, UserID: rr.Rule.Group.UserID}
			err = authorizeDry(ctx, api, rr.Account, rr.Region, rr.GroupID, []sgrule.Rule{rule})
		}
		out = append(out, result(step, err, "add to "+rr.GroupID+" the rule naming the replacement"))
	}
	for _, m := range p.Moves {
		step := MoveStep(m)
		mv, ok := services.Mover(m.Kind)
		if !ok {
			out = append(out, Result{Step: step, Status: StatusManual, Detail: "no mover for " + m.ResourceType})
			continue
		}
		cfg, _, err := cfgFor(m.Account, m.Region)
		var detail []string
		if err == nil {
			var targets []svc.Target
			targets, err = mv.Targets(ctx, cfg, resource(m), m.DefaultGroupID)
			for _, t := range targets {
				if err != nil {
					break
				}
				next, _ := svc.Swap(t.Groups, m.DefaultGroupID, "(replacement)")
				detail = append(detail, fmt.Sprintf("%s: %s → %s", t.ID, strings.Join(t.Groups, ","), strings.Join(next, ",")))
				if mv.DryRun != nil {
					err = mv.DryRun(ctx, cfg, resource(m), t, m.DefaultGroupID, m.DefaultGroupID)
				}
			}
			if len(targets) == 0 && err == nil {
				detail = append(detail, "no longer on "+m.DefaultGroupID+": nothing to change")
			}
			err = locate(m.Account, m.Region, err)
		}
		how := "via " + mv.API
		if mv.DryRun == nil {
			how += " (no dry run in this service: resource read, permission not checked)"
		}
		out = append(out, result(step, err, strings.Join(append(detail, how), "; ")))
	}
	for _, m := range p.Manual {
		out = append(out, Result{Step: "manual:" + key(m.Account, m.Region, m.ResourceID), Status: StatusManual, Detail: m.Instructions})
	}
	return out
}

// dryRunOK turns EC2's "would have succeeded" answer into success.
func dryRunOK(account, region, op string, err error) error {
	if err == nil || awsx.ErrorCode(err) == "DryRunOperation" {
		return nil
	}
	return awsx.Wrap(account, region, op, err)
}

func authorizeDry(ctx context.Context, api EC2API, account, region, groupID string, rules []sgrule.Rule) error {
	var in, eg []types.IpPermission
	for _, r := range rules {
		if r.Egress {
			eg = append(eg, r.IPPermission())
		} else {
			in = append(in, r.IPPermission())
		}
	}
	if len(in) > 0 {
		_, err := api.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(groupID), IpPermissions: in, DryRun: aws.Bool(true)})
		if err := dryRunOK(account, region, "ec2:AuthorizeSecurityGroupIngress", err); err != nil {
			return err
		}
	}
	if len(eg) > 0 {
		_, err := api.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(groupID), IpPermissions: eg, DryRun: aws.Bool(true)})
		return dryRunOK(account, region, "ec2:AuthorizeSecurityGroupEgress", err)
	}
	return nil
}
