package guard

// The handler's EC2 calls: re-reading a group and its rules, and revoking
// rules by id.

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// group re-reads the event's group; nil when it no longer exists.
func group(ctx context.Context, api EC2API, ev Event) (*types.SecurityGroup, error) {
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{ev.GroupID}})
	if awsx.ErrorCode(err) == "InvalidGroup.NotFound" {
		return nil, nil
	}
	if err != nil {
		return nil, awsx.Wrap(ev.Account, ev.Region, "ec2:DescribeSecurityGroups", err)
	}
	if len(out.SecurityGroups) == 0 {
		return nil, nil
	}
	return &out.SecurityGroups[0], nil
}

// defaultGroupOf finds a new VPC's default group.
func defaultGroupOf(ctx context.Context, api EC2API, ev Event) (*types.SecurityGroup, error) {
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{ev.VpcID}},
		{Name: aws.String("group-name"), Values: []string{"default"}}}})
	if err != nil {
		return nil, awsx.Wrap(ev.Account, ev.Region, "ec2:DescribeSecurityGroups", err)
	}
	if len(out.SecurityGroups) == 0 {
		return nil, nil
	}
	return &out.SecurityGroups[0], nil
}

// rules reads the group's rules as they are now.
func rules(ctx context.Context, api EC2API, ev Event, groupID string) ([]sgrule.Rule, error) {
	var out []sgrule.Rule
	p := ec2.NewDescribeSecurityGroupRulesPaginator(api, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{groupID}}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, awsx.Wrap(ev.Account, ev.Region, "ec2:DescribeSecurityGroupRules", err)
		}
		for _, r := range page.SecurityGroupRules {
			out = append(out, sgrule.FromEC2(r))
		}
	}
	return out, nil
}

// revoke revokes the rules by id, ingress and egress. A rule that vanished
// in between (another handler, a person) is not an error: it is returned as
// gone, and the rest are revoked.
func revoke(ctx context.Context, api EC2API, ev Event, groupID string, target []sgrule.Rule) (gone []string, err error) {
	var in, eg []string
	for _, r := range target {
		if r.Egress {
			eg = append(eg, r.RuleID)
		} else {
			in = append(in, r.RuleID)
		}
	}
	for _, side := range []struct {
		egress bool
		ids    []string
	}{{false, in}, {true, eg}} {
		for attempt := 0; len(side.ids) > 0; attempt++ {
			cerr := revokeCall(ctx, api, groupID, side.egress, side.ids)
			if cerr == nil {
				break
			}
			op := "ec2:RevokeSecurityGroupIngress"
			if side.egress {
				op = "ec2:RevokeSecurityGroupEgress"
			}
			if awsx.ErrorCode(cerr) != "InvalidSecurityGroupRuleId.NotFound" || attempt > 0 {
				return gone, awsx.Wrap(ev.Account, ev.Region, op, cerr)
			}
			cur, rerr := rules(ctx, api, ev, groupID)
			if rerr != nil {
				return gone, rerr
			}
			var still []string
			for _, id := range side.ids {
				if slices.ContainsFunc(cur, func(r sgrule.Rule) bool { return r.RuleID == id }) {
					still = append(still, id)
				} else {
					gone = append(gone, id)
				}
			}
			side.ids = still
		}
	}
	return gone, nil
}

func revokeCall(ctx context.Context, api EC2API, groupID string, egress bool, ids []string) error {
	if egress {
		_, err := api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(groupID), SecurityGroupRuleIds: ids})
		return err
	}
	_, err := api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(groupID), SecurityGroupRuleIds: ids})
	return err
}
