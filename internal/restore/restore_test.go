package restore

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// fakeEC2 serves the group's current rules and records description
// updates; any authorize call fails the test (nothing is missing here).
type fakeEC2 struct {
	t       *testing.T
	current []types.SecurityGroupRule
	ingress []types.IpPermission
	egress  []types.IpPermission
}

func (f *fakeEC2) DescribeSecurityGroupRules(context.Context, *ec2.DescribeSecurityGroupRulesInput, ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupRulesOutput, error) {
	return &ec2.DescribeSecurityGroupRulesOutput{SecurityGroupRules: f.current}, nil
}

func (f *fakeEC2) AuthorizeSecurityGroupIngress(context.Context, *ec2.AuthorizeSecurityGroupIngressInput, ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error) {
	f.t.Error("unexpected AuthorizeSecurityGroupIngress")
	return nil, errors.New("unexpected")
}

func (f *fakeEC2) AuthorizeSecurityGroupEgress(context.Context, *ec2.AuthorizeSecurityGroupEgressInput, ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupEgressOutput, error) {
	f.t.Error("unexpected AuthorizeSecurityGroupEgress")
	return nil, errors.New("unexpected")
}

func (f *fakeEC2) UpdateSecurityGroupRuleDescriptionsIngress(_ context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsIngressInput, _ ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput, error) {
	f.ingress = append(f.ingress, in.IpPermissions...)
	return &ec2.UpdateSecurityGroupRuleDescriptionsIngressOutput{}, nil
}

func (f *fakeEC2) UpdateSecurityGroupRuleDescriptionsEgress(_ context.Context, in *ec2.UpdateSecurityGroupRuleDescriptionsEgressInput, _ ...func(*ec2.Options)) (*ec2.UpdateSecurityGroupRuleDescriptionsEgressOutput, error) {
	f.egress = append(f.egress, in.IpPermissions...)
	return &ec2.UpdateSecurityGroupRuleDescriptionsEgressOutput{}, nil
}

func TestRestorePutsBackEditedDescriptionsOnly(t *testing.T) {
	ssh := sgrule.Rule{Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "10.0.0.0/8", Description: "office"}
	web := sgrule.Rule{Protocol: "tcp", FromPort: 443, ToPort: 443, CidrIPv4: "0.0.0.0/0", Description: "web"}
	out := sgrule.Rule{Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv4: "0.0.0.0/0"}
	now := func(r sgrule.Rule, desc string) types.SecurityGroupRule {
		return types.SecurityGroupRule{GroupId: aws.String("sg-1"), IsEgress: aws.Bool(r.Egress), IpProtocol: aws.String(r.Protocol),
			FromPort: aws.Int32(r.FromPort), ToPort: aws.Int32(r.ToPort), CidrIpv4: aws.String(r.CidrIPv4), Description: aws.String(desc)}
	}
	fake := &fakeEC2{t: t, current: []types.SecurityGroupRule{now(ssh, "edited"), now(web, "web"), now(out, "temporary")}}
	doc := &backup.Document{Groups: []backup.Group{{Account: "111111111111", Region: "eu-west-1", VpcID: "vpc-1", GroupID: "sg-1",
		Rules: []sgrule.Rule{ssh, web, out}}}}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: "111111111111", Regions: []string{"eu-west-1"}}}}
	newAPI := func(aws.Config) API { return fake }

	plans, err := Prepare(context.Background(), scope, doc, 1, newAPI)
	if err != nil {
		t.Fatal(err)
	}
	p := plans[0]
	if len(p.Missing) != 0 || p.Present != 1 || len(p.Redescribe) != 2 || p.Redescribe[0].Current != "edited" || p.Redescribe[1].Current != "temporary" {
		t.Fatalf("plan: missing %d, present %d, redescribe %+v", len(p.Missing), p.Present, p.Redescribe)
	}
	res, err := Execute(context.Background(), scope, plans, false, 1, newAPI)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Failed() != 0 || len(res[0].Descriptions) != 2 {
		t.Fatalf("result %+v", res[0])
	}
	if len(fake.ingress) != 1 || aws.ToString(fake.ingress[0].IpRanges[0].Description) != "office" {
		t.Fatalf("ingress update %+v", fake.ingress)
	}
	// The backup had no description: the update omits it, which removes it.
	if len(fake.egress) != 1 || fake.egress[0].IpRanges[0].Description != nil {
		t.Fatalf("egress update %+v", fake.egress)
	}
}
