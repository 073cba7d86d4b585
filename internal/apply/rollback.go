package apply

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// RollbackAPI is what undoing an apply needs.
type RollbackAPI interface {
	EC2API
	DeleteSecurityGroup(ctx context.Context, in *ec2.DeleteSecurityGroupInput, opts ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error)
}

// Rollback undoes what the journal says apply did, newest first: moved
// interfaces get their previous groups back, rules added to referencing
// groups are revoked, then replacement groups are deleted (a group still in
// use is reported and kept). Each undo is journaled like apply's steps, so
// rollback too can be re-run after an interruption.
func Rollback(ctx context.Context, scope awsx.Scope, p *plan.Plan, j *Journal, newEC2 func(aws.Config) RollbackAPI, o Options) []Result {
	var out []Result
	intents := j.FirstIntents()
	r := &runner{scope: scope, j: j, repl: map[string]string{}, o: o}
	adopted := map[string]bool{}
	for _, rp := range p.Replacements {
		if rec, ok := j.Done("create:" + key(rp.Account, rp.Region, rp.DefaultGroupID)); ok {
			r.repl[key(rp.Account, rp.Region, rp.DefaultGroupID)] = rec.Data["group_id"]
			if rec.Data["adopted"] == "true" {
				adopted[key(rp.Account, rp.Region, rp.DefaultGroupID)] = true
			}
		}
	}
	api := func(account, region string) RollbackAPI {
		cfg, _ := scope.Config(account, region)
		return newEC2(cfg)
	}
	r.o.NewEC2 = func(c aws.Config) EC2API { return newEC2(c) }
	var undone []plan.Move
	for _, m := range p.Moves {
		step := MoveStep(m)
		data, ok := intents[step]
		mv, known := services.Mover(m.Kind)
		if !ok || !known {
			continue
		}
		if mv.Settled != nil {
			// A service refuses a change while the last one is in progress.
			if res := r.wait(ctx, []plan.Move{m}); len(res) > 0 {
				out = append(out, res...)
				continue
			}
		}
		out = append(out, r.step(ctx, "rollback:"+step, m.Account, m.Region, nil, func(ctx context.Context, _ EC2API) (map[string]string, error) {
			return nil, r.restore(ctx, mv, m, data)
		}))
		if mv.Settled != nil {
			undone = append(undone, m)
		}
	}
	out = append(out, r.wait(ctx, undone)...)
	out = append(out, unrefreshable(p, j)...)
	for i, rr := range p.ReferenceRules {
		id := r.repl[key(rr.Account, rr.Region, rr.DefaultGroupID)]
		step := fmt.Sprintf("reference:%s/%d", key(rr.Account, rr.Region, rr.GroupID), i)
		if _, ok := j.Done(step); !ok || id == "" {
			continue
		}
		out = append(out, r.step(ctx, "rollback:"+step, rr.Account, rr.Region, nil, func(ctx context.Context, _ EC2API) (map[string]string, error) {
			return nil, revokeReference(ctx, api(rr.Account, rr.Region), rr, id)
		}))
	}
	for _, rp := range p.Replacements {
		id := r.repl[key(rp.Account, rp.Region, rp.DefaultGroupID)]
		if id == "" || adopted[key(rp.Account, rp.Region, rp.DefaultGroupID)] {
			continue // an adopted replacement belongs to the earlier apply that made it
		}
		out = append(out, r.step(ctx, "rollback:create:"+key(rp.Account, rp.Region, rp.DefaultGroupID), rp.Account, rp.Region, nil,
			func(ctx context.Context, _ EC2API) (map[string]string, error) {
				_, err := api(rp.Account, rp.Region).DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)})
				if awsx.ErrorCode(err) == "InvalidGroup.NotFound" {
					err = nil // deleted by an earlier, interrupted rollback
				}
				return map[string]string{"group_id": id}, awsx.Wrap(rp.Account, rp.Region, "ec2:DeleteSecurityGroup", err)
			}))
	}
	return out
}

// restore puts every target of a move back as its first intent recorded.
func (r *runner) restore(ctx context.Context, mv svc.Mover, m plan.Move, data map[string]string) error {
	var targets []svc.Target
	if err := json.Unmarshal([]byte(data["targets"]), &targets); err != nil {
		return fmt.Errorf("journal record of %s: %w", m.ResourceID, err)
	}
	for _, t := range targets {
		if err := mv.Restore(ctx, r.cfg, resource(m), t); err != nil {
			return locate(m.Account, m.Region, err)
		}
	}
	return nil
}

// revokeReference removes the rules apply added to a referencing group: the
// copies that name the replacement.
func revokeReference(ctx context.Context, api RollbackAPI, rr plan.RefRule, replacement string) error {
	rules, err := inventory.Rules(ctx, api, []string{rr.GroupID})
	if err != nil {
		return awsx.Wrap(rr.Account, rr.Region, "ec2:DescribeSecurityGroupRules", err)
	}
	for _, cur := range rules[rr.GroupID] {
		if cur.Group == nil || cur.Group.GroupID != replacement || cur.Egress != rr.Rule.Egress ||
			cur.Protocol != rr.Rule.Protocol || cur.FromPort != rr.Rule.FromPort || cur.ToPort != rr.Rule.ToPort {
			continue
		}
		ids := []string{cur.RuleID}
		if cur.Egress {
			_, err = api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(rr.GroupID), SecurityGroupRuleIds: ids})
		} else {
			_, err = api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(rr.GroupID), SecurityGroupRuleIds: ids})
		}
		if err != nil && awsx.ErrorCode(err) != "InvalidSecurityGroupRuleId.NotFound" {
			return awsx.Wrap(rr.Account, rr.Region, "ec2:RevokeSecurityGroup", err)
		}
	}
	return nil
}
