package apply

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// ReplacesTag marks a replacement group with the default group it replaces;
// apply finds an existing replacement by it, so a resumed or repeated run
// never creates a second one.
const ReplacesTag = inventory.ReplacesTag

// create makes the replacement group, or finds the one a crashed run made.
// A replacement the plan adopts (made by an earlier apply) must still be
// there: it is used as it is, its rules untouched, and a rollback of this
// plan never deletes it.
func (r *runner) create(ctx context.Context, api EC2API, rp plan.Replacement) (map[string]string, error) {
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		{Name: aws.String("tag:" + ReplacesTag), Values: []string{rp.DefaultGroupID}},
		{Name: aws.String("vpc-id"), Values: []string{rp.VpcID}},
	}})
	if err != nil {
		return nil, awsx.Wrap(rp.Account, rp.Region, "ec2:DescribeSecurityGroups", err)
	}
	if rp.ExistingID != "" {
		for _, g := range out.SecurityGroups {
			if aws.ToString(g.GroupId) == rp.ExistingID {
				return map[string]string{"group_id": rp.ExistingID, "adopted": "true"}, nil
			}
		}
		return nil, awsx.Wrap(rp.Account, rp.Region, "ec2:DescribeSecurityGroups", fmt.Errorf(
			"replacement %s of %s, which the plan keeps, no longer exists: run plan again", rp.ExistingID, rp.DefaultGroupID))
	}
	if len(out.SecurityGroups) > 0 {
		return map[string]string{"group_id": aws.ToString(out.SecurityGroups[0].GroupId), "reused": "true"}, nil
	}
	var tags []types.Tag
	for k, v := range rp.Tags {
		tags = append(tags, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	created, err := api.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(rp.Name), Description: aws.String(rp.Description), VpcId: aws.String(rp.VpcID),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroup, Tags: tags}},
	})
	if err != nil {
		return nil, awsx.Wrap(rp.Account, rp.Region, "ec2:CreateSecurityGroup", err)
	}
	return map[string]string{"group_id": aws.ToString(created.GroupId)}, nil
}

// syncRules makes the replacement's rules exactly the plan's: it authorizes
// the missing ones (the self rule naming the replacement) and revokes the
// ones AWS added on creation (allow-all egress) that the plan does not have.
func syncRules(ctx context.Context, api EC2API, id string, rp plan.Replacement) error {
	want := map[string]sgrule.Rule{}
	for _, pr := range rp.Rules {
		rule := pr.Rule
		if pr.Self {
			rule.Group = &sgrule.GroupRef{GroupID: id}
		}
		want[rule.Key()] = rule
	}
	cur, err := inventory.Rules(ctx, api, []string{id})
	if err != nil {
		return awsx.Wrap(rp.Account, rp.Region, "ec2:DescribeSecurityGroupRules", err)
	}
	var extraIn, extraEg []string
	have := map[string]bool{}
	for _, c := range cur[id] {
		have[c.Key()] = true
		if _, ok := want[c.Key()]; !ok {
			if c.Egress {
				extraEg = append(extraEg, c.RuleID)
			} else {
				extraIn = append(extraIn, c.RuleID)
			}
		}
	}
	for _, rule := range want {
		if have[rule.Key()] {
			continue
		}
		if err := authorize(ctx, api, id, rule); err != nil {
			return awsx.Wrap(rp.Account, rp.Region, "ec2:AuthorizeSecurityGroup", err)
		}
	}
	if len(extraIn) > 0 {
		if _, err := api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id), SecurityGroupRuleIds: extraIn}); err != nil {
			return awsx.Wrap(rp.Account, rp.Region, "ec2:RevokeSecurityGroupIngress", err)
		}
	}
	if len(extraEg) > 0 {
		if _, err := api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id), SecurityGroupRuleIds: extraEg}); err != nil {
			return awsx.Wrap(rp.Account, rp.Region, "ec2:RevokeSecurityGroupEgress", err)
		}
	}
	return nil
}

// authorize adds one rule; a duplicate (added by an interrupted run) is fine.
func authorize(ctx context.Context, api EC2API, groupID string, rule sgrule.Rule) error {
	perm := []types.IpPermission{rule.IPPermission()}
	var err error
	if rule.Egress {
		_, err = api.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(groupID), IpPermissions: perm})
	} else {
		_, err = api.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(groupID), IpPermissions: perm})
	}
	if awsx.ErrorCode(err) == "InvalidPermission.Duplicate" {
		return nil
	}
	return err
}

func addReference(ctx context.Context, api EC2API, rr plan.RefRule, replacement string) (map[string]string, error) {
	rule := rr.Rule
	rule.Group = &sgrule.GroupRef{GroupID: replacement, UserID: rr.Rule.Group.UserID}
	if err := authorize(ctx, api, rr.GroupID, rule); err != nil {
		return nil, awsx.Wrap(rr.Account, rr.Region, "ec2:AuthorizeSecurityGroup", err)
	}
	return map[string]string{"group_id": rr.GroupID, "peer": replacement}, nil
}
