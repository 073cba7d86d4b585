package sgrule

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestSummary(t *testing.T) {
	cases := []struct {
		r    Rule
		want string
	}{
		{Rule{Protocol: "-1", FromPort: -1, ToPort: -1, Group: &GroupRef{GroupID: "sg-self"}}, "inbound all traffic from self"},
		{Rule{Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv4: "0.0.0.0/0"}, "outbound all traffic to 0.0.0.0/0"},
		{Rule{Protocol: "tcp", FromPort: 443, ToPort: 443, CidrIPv6: "::/0", Description: "web"}, `inbound tcp/443 from ::/0 ("web")`},
		{Rule{Protocol: "udp", FromPort: 1000, ToPort: 2000, PrefixList: "pl-1"}, "inbound udp/1000-2000 from pl-1"},
		{Rule{Protocol: "6", FromPort: 0, ToPort: 65535, Group: &GroupRef{GroupID: "sg-2", UserID: "222222222222", VpcPeeringConnectionID: "pcx-1"}},
			"inbound tcp all ports from 222222222222/sg-2 via pcx-1"},
		{Rule{Protocol: "icmp", FromPort: 8, ToPort: -1, CidrIPv4: "10.0.0.0/8"}, "inbound icmp type 8 code -1 from 10.0.0.0/8"},
	}
	for _, c := range cases {
		if got := c.r.Summary("sg-self"); got != c.want {
			t.Errorf("Summary = %q, want %q", got, c.want)
		}
	}
}

func TestKeyIgnoresIDAndDescriptionAndProtocolSpelling(t *testing.T) {
	a := Rule{RuleID: "sgr-1", Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "10.0.0.0/8", Description: "a"}
	b := Rule{RuleID: "sgr-2", Protocol: "6", FromPort: 22, ToPort: 22, CidrIPv4: "10.0.0.0/8", Description: "b"}
	if a.Key() != b.Key() {
		t.Fatalf("keys differ: %s vs %s", a.Key(), b.Key())
	}
	if a.Equal(b) {
		t.Fatal("Equal must compare descriptions")
	}
	c := b
	c.Egress = true
	if c.Key() == b.Key() {
		t.Fatal("direction must be part of the key")
	}
}

func TestFromEC2AndIPPermissionRoundTrip(t *testing.T) {
	in := types.SecurityGroupRule{
		SecurityGroupRuleId: aws.String("sgr-9"), IsEgress: aws.Bool(false), IpProtocol: aws.String("tcp"),
		FromPort: aws.Int32(5432), ToPort: aws.Int32(5432), Description: aws.String("db"),
		ReferencedGroupInfo: &types.ReferencedSecurityGroup{GroupId: aws.String("sg-2"), UserId: aws.String("111"), VpcId: aws.String("vpc-2"), VpcPeeringConnectionId: aws.String("pcx-9")},
	}
	r := FromEC2(in)
	p := r.IPPermission()
	if aws.ToString(p.IpProtocol) != "tcp" || aws.ToInt32(p.FromPort) != 5432 || len(p.UserIdGroupPairs) != 1 {
		t.Fatalf("permission %+v", p)
	}
	pair := p.UserIdGroupPairs[0]
	if aws.ToString(pair.GroupId) != "sg-2" || aws.ToString(pair.UserId) != "111" || aws.ToString(pair.VpcPeeringConnectionId) != "pcx-9" || aws.ToString(pair.Description) != "db" {
		t.Fatalf("pair %+v", pair)
	}
	for _, r := range []Rule{
		{Protocol: "-1", CidrIPv4: "0.0.0.0/0", Description: "x"},
		{Protocol: "-1", CidrIPv6: "::/0"},
		{Protocol: "-1", PrefixList: "pl-1", Description: "y"},
	} {
		p := r.IPPermission()
		if n := len(p.IpRanges) + len(p.Ipv6Ranges) + len(p.PrefixListIds) + len(p.UserIdGroupPairs); n != 1 {
			t.Fatalf("%+v: %d peers", r, n)
		}
	}
}

func TestSortInboundFirst(t *testing.T) {
	rs := []Rule{{Egress: true, Protocol: "-1", CidrIPv4: "0.0.0.0/0"}, {Protocol: "tcp", FromPort: 1, ToPort: 1, CidrIPv4: "1.1.1.1/32"}}
	Sort(rs)
	if rs[0].Egress {
		t.Fatal("inbound must sort first")
	}
}

func TestKeyOfGroupPeerIgnoresOwner(t *testing.T) {
	a := Rule{Protocol: "-1", Group: &GroupRef{GroupID: "sg-1", UserID: "111111111111"}}
	b := Rule{Protocol: "-1", Group: &GroupRef{GroupID: "sg-1"}}
	if a.Key() != b.Key() {
		t.Fatalf("%s vs %s", a.Key(), b.Key())
	}
}
