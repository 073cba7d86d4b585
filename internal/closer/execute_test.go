package closer

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// fakeEC2 holds one group's rules and fails on anything unexpected.
type fakeEC2 struct {
	mu         sync.Mutex // inbound and outbound are revoked concurrently
	t          *testing.T
	rules      map[string]bool // rule id → egress
	calls      []string
	denyDry    bool
	denyEgress bool
}

func (f *fakeEC2) revoke(ids []string, egress, dry bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if dry {
		f.calls = append(f.calls, "dry")
		if f.denyDry {
			return &smithy.GenericAPIError{Code: "UnauthorizedOperation", Message: "denied"}
		}
		return &smithy.GenericAPIError{Code: "DryRunOperation", Message: "would succeed"}
	}
	f.calls = append(f.calls, strings.Join(ids, ","))
	if egress && f.denyEgress {
		return &smithy.GenericAPIError{Code: "UnauthorizedOperation", Message: "denied"}
	}
	for _, id := range ids {
		if e, ok := f.rules[id]; !ok || e != egress {
			return &smithy.GenericAPIError{Code: "InvalidSecurityGroupRuleId.NotFound", Message: id}
		}
	}
	for _, id := range ids {
		delete(f.rules, id)
	}
	return nil
}

func (f *fakeEC2) RevokeSecurityGroupIngress(_ context.Context, in *ec2.RevokeSecurityGroupIngressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error) {
	return &ec2.RevokeSecurityGroupIngressOutput{}, f.revoke(in.SecurityGroupRuleIds, false, aws.ToBool(in.DryRun))
}

func (f *fakeEC2) RevokeSecurityGroupEgress(_ context.Context, in *ec2.RevokeSecurityGroupEgressInput, _ ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupEgressOutput, error) {
	return &ec2.RevokeSecurityGroupEgressOutput{}, f.revoke(in.SecurityGroupRuleIds, true, aws.ToBool(in.DryRun))
}

func (f *fakeEC2) DescribeSecurityGroupRules(_ context.Context, in *ec2.DescribeSecurityGroupRulesInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupRulesOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &ec2.DescribeSecurityGroupRulesOutput{}
	for id, eg := range f.rules {
		out.SecurityGroupRules = append(out.SecurityGroupRules, types.SecurityGroupRule{
			SecurityGroupRuleId: aws.String(id), GroupId: aws.String("sg-1"), IsEgress: aws.Bool(eg), IpProtocol: aws.String("-1"), CidrIpv4: aws.String("0.0.0.0/0")})
	}
	return out, nil
}

func group() inventory.Group {
	return inventory.Group{Account: "1", Region: "r", VpcID: "vpc-1", GroupID: "sg-1", Rules: []sgrule.Rule{
		{RuleID: "in-1"}, {RuleID: "in-2"}, {RuleID: "eg-1", Egress: true},
	}}
}

func TestRevokeGroupByRuleIDs(t *testing.T) {
	f := &fakeEC2{t: t, rules: map[string]bool{"in-1": false, "in-2": false, "eg-1": true}}
	n, err := revokeGroup(context.Background(), f, group(), false)
	if err != nil || n != (revoked{in: 2, eg: 1}) || len(f.rules) != 0 {
		t.Fatalf("n=%+v err=%v left=%v", n, err, f.rules)
	}
	if got := sortedCalls(f); got != "eg-1 | in-1,in-2" {
		t.Fatalf("calls %q", got)
	}
}

func sortedCalls(f *fakeEC2) string {
	c := append([]string(nil), f.calls...)
	sort.Strings(c)
	return strings.Join(c, " | ")
}

func TestRevokeGroupAfterPartialRunRevokesOnlyWhatIsLeft(t *testing.T) {
	// An earlier, interrupted run already revoked in-1.
	f := &fakeEC2{t: t, rules: map[string]bool{"in-2": false, "eg-1": true}}
	_, err := revokeGroup(context.Background(), f, group(), false)
	if err != nil || len(f.rules) != 0 {
		t.Fatalf("err=%v left=%v", err, f.rules)
	}
	if got := sortedCalls(f); got != "eg-1 | in-1,in-2 | in-2" {
		t.Fatalf("calls %q", got)
	}
}

func TestRevokeGroupLeavesRulesAddedAfterBackupAndFails(t *testing.T) {
	f := &fakeEC2{t: t, rules: map[string]bool{"in-1": false, "in-2": false, "eg-1": true, "new": false}}
	_, err := revokeGroup(context.Background(), f, group(), false)
	if err == nil || !strings.Contains(err.Error(), "1 rules remain") {
		t.Fatalf("err = %v", err)
	}
	if _, ok := f.rules["new"]; !ok || len(f.rules) != 1 {
		t.Fatalf("the unbacked-up rule was touched: %v", f.rules)
	}
}

func TestRevokeGroupDryRun(t *testing.T) {
	f := &fakeEC2{t: t, rules: map[string]bool{"in-1": false, "in-2": false, "eg-1": true}}
	if _, err := revokeGroup(context.Background(), f, group(), true); err != nil {
		t.Fatal(err)
	}
	if len(f.rules) != 3 {
		t.Fatal("dry run changed rules")
	}
	f.denyDry = true
	_, err := revokeGroup(context.Background(), f, group(), true)
	if err == nil || !strings.Contains(err.Error(), "UnauthorizedOperation") || !strings.Contains(err.Error(), "ec2:RevokeSecurityGroup") {
		t.Fatalf("err = %v", err)
	}
}

func TestRevokeGroupCountsEachDirectionFromTheGroup(t *testing.T) {
	f := &fakeEC2{t: t, rules: map[string]bool{"in-1": false, "in-2": false, "eg-1": true}, denyEgress: true}
	n, err := revokeGroup(context.Background(), f, group(), false)
	if err == nil || !strings.Contains(err.Error(), "RevokeSecurityGroupEgress") {
		t.Fatalf("err = %v", err)
	}
	if n != (revoked{in: 2, eg: 0}) || len(f.rules) != 1 {
		t.Fatalf("counted %+v with %v left; want 2 inbound, 0 outbound", n, f.rules)
	}
}
