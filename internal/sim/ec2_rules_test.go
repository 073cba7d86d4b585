package sim

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

const rulesScenario = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        vpcs:
          - {name: custom, cidr: 10.0.0.0/16}
        security_groups:
          - {name: peer}
          - {name: inner, vpc: custom, egress: []}
regions: [us-east-1]
`

type fixture struct {
	c                             *ec2.Client
	def, peer, inner, customDefID string
}

func newRulesFixture(t *testing.T) (*Server, fixture) {
	s := startScenario(t, rulesScenario)
	f := fixture{c: ec2For(s, acct, "us-east-1")}
	defVPC := s.defaultVPCID(acct, "us-east-1")
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		switch {
		case g.IsDefault() && g.VpcID == defVPC:
			f.def = g.ID
		case g.IsDefault():
			f.customDefID = g.ID
		case g.Name == "peer":
			f.peer = g.ID
		case g.Name == "inner":
			f.inner = g.ID
		}
	}
	return s, f
}

func tcp(port int32) types.IpPermission {
	return types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port)}
}

func TestAuthorizeExpandsAndRejectsDuplicates(t *testing.T) {
	s, f := newRulesFixture(t)
	perm := tcp(443)
	perm.IpRanges = []types.IpRange{{CidrIp: aws.String("10.0.0.0/8"), Description: aws.String("corp")}, {CidrIp: aws.String("192.0.2.0/24")}}
	perm.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String("2001:db8::/32")}}
	perm.PrefixListIds = []types.PrefixListId{{PrefixListId: aws.String("pl-0123456789abcdef0"), Description: aws.String("s3")}}
	perm.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: aws.String(f.peer), Description: aws.String("peer")}}
	out, err := f.c.AuthorizeSecurityGroupIngress(ctxT(t), &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{perm}})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(out.Return) || len(out.SecurityGroupRules) != 5 {
		t.Fatalf("authorize output: return %v, %d rules", aws.ToBool(out.Return), len(out.SecurityGroupRules))
	}
	ids := map[string]bool{}
	for _, r := range out.SecurityGroupRules {
		if !validID(aws.ToString(r.SecurityGroupRuleId), "sgr") || ids[*r.SecurityGroupRuleId] || aws.ToBool(r.IsEgress) {
			t.Fatalf("rule %+v", r)
		}
		ids[*r.SecurityGroupRuleId] = true
	}
	// Same rule again (different description): duplicate, and nothing added.
	again := tcp(443)
	again.IpRanges = []types.IpRange{{CidrIp: aws.String("172.16.0.0/12")}, {CidrIp: aws.String("10.0.0.0/8"), Description: aws.String("other")}}
	_, err = f.c.AuthorizeSecurityGroupIngress(ctxT(t), &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{again}})
	wantCode(t, err, "InvalidPermission.Duplicate")
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		if g.ID == f.def && len(g.Ingress()) != 6 {
			t.Fatalf("default group has %d ingress rules, want 6 (self + 5)", len(g.Ingress()))
		}
	}
	bad := []struct {
		perm types.IpPermission
		code string
	}{
		{types.IpPermission{IpProtocol: aws.String("tcp"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}, "InvalidParameterValue"},
		{types.IpPermission{IpProtocol: aws.String("bogus"), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}, "InvalidParameterValue"},
		{withCIDR(tcp(1), "10.0.0.0/33"), "InvalidParameterValue"},
		{withGroup(tcp(1), "sg-0123456789abcdef0"), "InvalidGroup.NotFound"},
		{withGroup(tcp(1), f.inner), "InvalidGroup.NotFound"}, // another VPC, no peering
	}
	for i, b := range bad {
		_, err := f.c.AuthorizeSecurityGroupIngress(ctxT(t), &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{b.perm}})
		if err == nil {
			t.Fatalf("case %d: no error", i)
		}
		wantCode(t, err, b.code)
	}
	// Cross-account and peered references are accepted and described.
	cross := withGroup(tcp(5000), "sg-0aaaaaaaaaaaaaaaa")
	cross.UserIdGroupPairs[0].UserId = aws.String("222222222222")
	cross.UserIdGroupPairs[0].VpcPeeringConnectionId = aws.String("pcx-0123")
	eg, err := f.c.AuthorizeSecurityGroupEgress(ctxT(t), &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{cross}})
	if err != nil {
		t.Fatal(err)
	}
	ref := eg.SecurityGroupRules[0].ReferencedGroupInfo
	if ref == nil || aws.ToString(ref.UserId) != "222222222222" || aws.ToString(ref.PeeringStatus) != "active" || !aws.ToBool(eg.SecurityGroupRules[0].IsEgress) {
		t.Fatalf("cross-account rule %+v", eg.SecurityGroupRules[0])
	}
}

func withCIDR(p types.IpPermission, cidr string) types.IpPermission {
	p.IpRanges = []types.IpRange{{CidrIp: aws.String(cidr)}}
	return p
}

func withGroup(p types.IpPermission, id string) types.IpPermission {
	p.UserIdGroupPairs = []types.UserIdGroupPair{{GroupId: aws.String(id)}}
	return p
}

func TestRevokeByRuleIDs(t *testing.T) {
	s, f := newRulesFixture(t)
	rules := must[*ec2.DescribeSecurityGroupRulesOutput](t)(f.c.DescribeSecurityGroupRules(ctxT(t), &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{f.def}}}}))
	var in, out string
	for _, r := range rules.SecurityGroupRules {
		if aws.ToBool(r.IsEgress) {
			out = *r.SecurityGroupRuleId
		} else {
			in = *r.SecurityGroupRuleId
		}
	}
	if in == "" || out == "" || len(rules.SecurityGroupRules) != 2 {
		t.Fatalf("default group rules %+v", rules.SecurityGroupRules)
	}
	_, err := f.c.RevokeSecurityGroupEgress(ctxT(t), &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(f.def), SecurityGroupRuleIds: []string{in}})
	wantCode(t, err, "InvalidSecurityGroupRuleId.NotFound") // an ingress id on the egress side
	_, err = f.c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(f.def), SecurityGroupRuleIds: []string{in, "sgr-00000000000000000"}})
	wantCode(t, err, "InvalidSecurityGroupRuleId.NotFound")
	res, err := f.c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(f.def), SecurityGroupRuleIds: []string{in}})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(res.Return) || len(res.RevokedSecurityGroupRules) != 1 || aws.ToString(res.RevokedSecurityGroupRules[0].ReferencedGroupId) != f.def {
		t.Fatalf("revoke output %+v", res)
	}
	if _, err := f.c.RevokeSecurityGroupEgress(ctxT(t), &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(f.def), SecurityGroupRuleIds: []string{out}}); err != nil {
		t.Fatal(err)
	}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		if g.ID == f.def && len(g.Rules) != 0 {
			t.Fatalf("rules left: %+v", g.Rules)
		}
	}
}

func TestRevokeByPermissions(t *testing.T) {
	_, f := newRulesFixture(t)
	self := types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(f.def)}}}
	missing := withCIDR(tcp(22), "203.0.113.0/24")
	// Default VPC: the unmatched permission is reported, the match revoked.
	res, err := f.c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(f.def), IpPermissions: []types.IpPermission{self, missing}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.RevokedSecurityGroupRules) != 1 || len(res.UnknownIpPermissions) != 1 ||
		aws.ToString(res.UnknownIpPermissions[0].IpRanges[0].CidrIp) != "203.0.113.0/24" {
		t.Fatalf("revoke output %+v", res)
	}
	// Other VPCs: a mismatch is an error and nothing is revoked.
	customSelf := types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(f.customDefID)}}}
	_, err = f.c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(f.customDefID), IpPermissions: []types.IpPermission{customSelf, missing}})
	wantCode(t, err, "InvalidPermission.NotFound")
	// Protocol numbers and names match ("6" is tcp), descriptions do not matter.
	all := types.IpPermission{IpProtocol: aws.String("all"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0"), Description: aws.String("ignored")}}}
	res2, err := f.c.RevokeSecurityGroupEgress(ctxT(t), &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(f.customDefID), IpPermissions: []types.IpPermission{all}})
	if err != nil || len(res2.RevokedSecurityGroupRules) != 1 {
		t.Fatalf("revoke egress: %v %+v", err, res2)
	}
	_, err = f.c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(f.def)})
	wantCode(t, err, "MissingParameter")
}

func TestDescribeSecurityGroupRulesFiltersAndPages(t *testing.T) {
	_, f := newRulesFixture(t)
	var perms []types.IpPermission
	for p := int32(1); p <= 12; p++ {
		perms = append(perms, withCIDR(tcp(p), "10.0.0.0/8"))
	}
	out := must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(f.c.AuthorizeSecurityGroupIngress(ctxT(t), &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(f.peer), IpPermissions: perms,
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroupRule, Tags: []types.Tag{{Key: aws.String("batch"), Value: aws.String("1")}}}}}))
	first := *out.SecurityGroupRules[0].SecurityGroupRuleId
	count := func(in *ec2.DescribeSecurityGroupRulesInput) int {
		t.Helper()
		n := 0
		p := ec2.NewDescribeSecurityGroupRulesPaginator(f.c, in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctxT(t))
			if err != nil {
				t.Fatal(err)
			}
			n += len(page.SecurityGroupRules)
		}
		return n
	}
	if n := count(&ec2.DescribeSecurityGroupRulesInput{MaxResults: aws.Int32(5), Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{f.peer}}}}); n != 13 {
		t.Errorf("group-id filter: %d rules, want 12 + default egress", n)
	}
	if n := count(&ec2.DescribeSecurityGroupRulesInput{Filters: []types.Filter{{Name: aws.String("tag:batch"), Values: []string{"1"}}}}); n != 12 {
		t.Errorf("tag filter: %d rules", n)
	}
	if n := count(&ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{first}}); n != 1 {
		t.Errorf("by id: %d rules", n)
	}
	_, err := f.c.DescribeSecurityGroupRules(ctxT(t), &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{"sgr-00000000000000000"}})
	wantCode(t, err, "InvalidSecurityGroupRuleId.NotFound")
	_, err = f.c.DescribeSecurityGroupRules(ctxT(t), &ec2.DescribeSecurityGroupRulesInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
}

func TestTags(t *testing.T) {
	s, f := newRulesFixture(t)
	_, err := f.c.CreateTags(ctxT(t), &ec2.CreateTagsInput{Resources: []string{f.def, f.peer}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("b"), Value: aws.String("2")}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.c.CreateTags(ctxT(t), &ec2.CreateTagsInput{Resources: []string{f.def, "sg-0123456789abcdef0"}, Tags: []types.Tag{{Key: aws.String("c")}}})
	wantCode(t, err, "InvalidGroup.NotFound")
	if _, err := f.c.DeleteTags(ctxT(t), &ec2.DeleteTagsInput{Resources: []string{f.def}, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("wrong")}, {Key: aws.String("b")}}}); err != nil {
		t.Fatal(err)
	}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		if g.ID == f.def && (len(g.Tags) != 1 || g.Tags[0] != (Tag{"a", "1"})) {
			t.Fatalf("tags after delete: %+v", g.Tags)
		}
		if g.ID == f.peer && len(g.Tags) != 2 {
			t.Fatalf("peer tags: %+v", g.Tags)
		}
	}
}
