package sim

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestUpdateSecurityGroupRuleDescriptions(t *testing.T) {
	_, f := newRulesFixture(t)
	ctx := ctxT(t)
	ssh := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22),
		IpRanges: []types.IpRange{{CidrIp: aws.String("203.0.113.0/24"), Description: aws.String("office")}}}
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(f.c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{ssh}}))
	desc := func() (string, string) {
		out := must[*ec2.DescribeSecurityGroupRulesOutput](t)(f.c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{
			Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{f.def}}}}))
		for _, r := range out.SecurityGroupRules {
			if aws.ToInt32(r.FromPort) == 22 {
				return aws.ToString(r.SecurityGroupRuleId), aws.ToString(r.Description)
			}
		}
		t.Fatal("rule not found")
		return "", ""
	}

	ssh.IpRanges[0].Description = aws.String("edited by hand")
	must[*ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput](t)(f.c.UpdateSecurityGroupRuleDescriptionsIngress(ctx,
		&ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{ssh}}))
	id, d := desc()
	if d != "edited by hand" {
		t.Fatalf("by permission: description %q", d)
	}
	must[*ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput](t)(f.c.UpdateSecurityGroupRuleDescriptionsIngress(ctx,
		&ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{GroupId: aws.String(f.def), SecurityGroupRuleDescriptions: []types.SecurityGroupRuleDescription{
			{SecurityGroupRuleId: aws.String(id), Description: aws.String("office")}}}))
	if _, d := desc(); d != "office" {
		t.Fatalf("by rule id: description %q", d)
	}

	// The egress side does not hold the ingress rule; an unknown peer is not found.
	_, err := f.c.UpdateSecurityGroupRuleDescriptionsEgress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsEgressInput{
		GroupId: aws.String(f.def), SecurityGroupRuleDescriptions: []types.SecurityGroupRuleDescription{{SecurityGroupRuleId: aws.String(id)}}})
	wantCode(t, err, "InvalidSecurityGroupRuleId.NotFound")
	ssh.IpRanges[0].CidrIp = aws.String("198.51.100.0/24")
	_, err = f.c.UpdateSecurityGroupRuleDescriptionsIngress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{
		GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{ssh}})
	wantCode(t, err, "InvalidPermission.NotFound")
}
