package restore

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// DescriptionsAPI puts a rule's description back; *ec2.Client satisfies it.
type DescriptionsAPI interface {
	UpdateSecurityGroupRuleDescriptionsIngress(ctx context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsIngressInput, opts ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput, error)
	UpdateSecurityGroupRuleDescriptionsEgress(ctx context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsEgressInput, opts ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsEgressOutput, error)
}

// Redescription is a present rule whose description differs from the
// backup's.
type Redescription struct {
	Rule    sgrule.Rule // as backed up: its Description is put back
	Current string      // the description it has now
}

// redescribe sets the backed-up descriptions, one call per direction, by
// IpPermissions (the form every EC2 implementation serves; an empty
// description is sent as none, which removes it). When a call fails each
// rule is retried alone so each error is its own.
func redescribe(ctx context.Context, api DescriptionsAPI, g backup.Group, pending []Redescription, dryRun bool) []RuleResult {
	var out []RuleResult
	for _, egress := range []bool{false, true} {
		var rules []sgrule.Rule
		for _, d := range pending {
			if d.Rule.Egress == egress {
				rules = append(rules, d.Rule)
			}
		}
		if len(rules) == 0 {
			continue
		}
		res := make([]RuleResult, len(rules))
		for i, r := range rules {
			res[i].Rule = r
		}
		err := describeCall(ctx, api, g.GroupID, egress, rules, dryRun)
		switch {
		case ok(err, dryRun):
		case len(rules) == 1:
			res[0].Err = wrapDescribe(g, egress, err)
		default:
			for i, r := range rules {
				if err := describeCall(ctx, api, g.GroupID, egress, []sgrule.Rule{r}, dryRun); !ok(err, dryRun) {
					res[i].Err = wrapDescribe(g, egress, err)
				}
			}
		}
		out = append(out, res...)
	}
	return out
}

func describeCall(ctx context.Context, api DescriptionsAPI, groupID string, egress bool, rules []sgrule.Rule, dryRun bool) error {
	perms := sgrule.IPPermissions(rules)
	if egress {
		_, err := api.UpdateSecurityGroupRuleDescriptionsEgress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsEgressInput{
			GroupId: aws.String(groupID), IpPermissions: perms, DryRun: aws.Bool(dryRun)})
		return err
	}
	_, err := api.UpdateSecurityGroupRuleDescriptionsIngress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{
		GroupId: aws.String(groupID), IpPermissions: perms, DryRun: aws.Bool(dryRun)})
	return err
}

func wrapDescribe(g backup.Group, egress bool, err error) error {
	op := "ec2:UpdateSecurityGroupRuleDescriptionsIngress"
	if egress {
		op = "ec2:UpdateSecurityGroupRuleDescriptionsEgress"
	}
	return awsx.Wrap(g.Account, g.Region, op, err)
}
