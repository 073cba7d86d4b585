package sim

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

const groupsScenario = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group:
          tags: {team: core}
          ingress:
            - {group: self}
            - {protocol: tcp, ports: 22, cidr: 192.0.2.0/24}
        vpcs:
          - {name: other, cidr: 10.9.0.0/16}
        security_groups:
          - {name: web, tags: {env: prod}}
          - name: app
            ingress: [{protocol: tcp, ports: 8080, group: web}]
          - {name: lonely, vpc: other}
        network_interfaces:
          - {groups: [web], description: web server}
regions: [us-east-1]
`

func groupIDs(gs []types.SecurityGroup) []string {
	var out []string
	for _, g := range gs {
		out = append(out, aws.ToString(g.GroupName))
	}
	return out
}

func TestDescribeSecurityGroupsFilters(t *testing.T) {
	s := startScenario(t, groupsScenario)
	c := ec2For(s, acct, "us-east-1")
	byName := map[string]string{}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		byName[g.Name+"@"+g.VpcID] = g.ID
		if g.Name != "default" {
			byName[g.Name] = g.ID
		}
	}
	cases := []struct {
		filters []types.Filter
		want    int
	}{
		{[]types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}, 2},
		{[]types.Filter{{Name: aws.String("ip-permission.group-id"), Values: []string{byName["web"]}}}, 1},
		{[]types.Filter{{Name: aws.String("ip-permission.cidr"), Values: []string{"192.0.2.*"}}}, 1},
		{[]types.Filter{{Name: aws.String("egress.ip-permission.cidr"), Values: []string{"0.0.0.0/0"}}}, 5},
		{[]types.Filter{{Name: aws.String("tag:env"), Values: []string{"prod"}}}, 1},
		{[]types.Filter{{Name: aws.String("tag-key"), Values: []string{"team"}}}, 1},
		{[]types.Filter{{Name: aws.String("group-name"), Values: []string{"web", "app"}}, {Name: aws.String("owner-id"), Values: []string{acct}}}, 2},
		{[]types.Filter{{Name: aws.String("ip-permission.user-id"), Values: []string{acct}}}, 3}, // two self references and app
	}
	for i, tc := range cases {
		out, err := c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{Filters: tc.filters})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.SecurityGroups) != tc.want {
			t.Errorf("case %d: got %v, want %d groups", i, groupIDs(out.SecurityGroups), tc.want)
		}
	}
	_, err := c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("colour"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-00000000000000000"}})
	wantCode(t, err, "InvalidGroup.NotFound")
	_, err = c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{GroupNames: []string{"lonely"}})
	wantCode(t, err, "InvalidGroup.NotFound") // names resolve in the default VPC only
	out := must[*ec2.DescribeSecurityGroupsOutput](t)(c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{GroupNames: []string{"web"}}))
	if len(out.SecurityGroups) != 1 || aws.ToString(out.SecurityGroups[0].GroupId) != byName["web"] {
		t.Fatalf("by name: %v", groupIDs(out.SecurityGroups))
	}
	g := out.SecurityGroups[0]
	if aws.ToString(g.SecurityGroupArn) != "arn:aws:ec2:us-east-1:111111111111:security-group/"+byName["web"] ||
		len(g.IpPermissionsEgress) != 1 || g.IpPermissionsEgress[0].FromPort != nil || len(g.Tags) != 1 {
		t.Fatalf("group shape: %+v", g)
	}
}

func TestDescribeSecurityGroupsPaginates(t *testing.T) {
	s := startServer(t, nil)
	c := ec2For(s, acct, "us-east-1")
	for i := range 12 {
		must[*ec2.CreateSecurityGroupOutput](t)(c.CreateSecurityGroup(ctxT(t), &ec2.CreateSecurityGroupInput{
			GroupName: aws.String(fmt.Sprintf("g%02d", i)), Description: aws.String("d")}))
	}
	p := ec2.NewDescribeSecurityGroupsPaginator(c, &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(5)})
	seen, pages := map[string]bool{}, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, g := range out.SecurityGroups {
			if seen[*g.GroupId] {
				t.Fatalf("%s on two pages", *g.GroupId)
			}
			seen[*g.GroupId] = true
		}
	}
	if len(seen) != 13 || pages != 3 {
		t.Fatalf("%d groups on %d pages, want 13 on 3", len(seen), pages)
	}
	for _, n := range []int32{4, 1001} {
		_, err := c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(n)})
		wantCode(t, err, "InvalidParameterValue")
	}
	_, err := c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{NextToken: aws.String("garbage")})
	wantCode(t, err, "InvalidPaginationToken")
}

func TestCreateAndDeleteSecurityGroup(t *testing.T) {
	s := startScenario(t, groupsScenario)
	c := ec2For(s, acct, "us-east-1")
	ids := map[string]string{}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		ids[g.Name] = g.ID
	}
	out, err := c.CreateSecurityGroup(ctxT(t), &ec2.CreateSecurityGroupInput{GroupName: aws.String("new"), Description: aws.String("a new group"),
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroup, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(out.GroupId)
	if !validID(id, "sg") || len(out.Tags) != 1 || aws.ToString(out.SecurityGroupArn) == "" {
		t.Fatalf("create output %+v", out)
	}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		if g.ID == id && (len(g.Rules) != 1 || !g.Rules[0].Egress || g.Rules[0].CidrIPv4 != "0.0.0.0/0") {
			t.Fatalf("new group rules %+v", g.Rules)
		}
	}
	_, err = c.CreateSecurityGroup(ctxT(t), &ec2.CreateSecurityGroupInput{GroupName: aws.String("new"), Description: aws.String("x")})
	wantCode(t, err, "InvalidGroup.Duplicate")
	_, err = c.CreateSecurityGroup(ctxT(t), &ec2.CreateSecurityGroupInput{GroupName: aws.String("x"), Description: aws.String("x"), VpcId: aws.String("vpc-0123456789abcdef0")})
	wantCode(t, err, "InvalidVpcID.NotFound")

	for _, tc := range []struct{ group, code string }{
		{ids["default"], "CannotDelete"},
		{ids["web"], "DependencyViolation"}, // on an interface and referenced by app
		{"sg-0123456789abcdef0", "InvalidGroup.NotFound"},
		{"bogus", "InvalidGroupId.Malformed"},
	} {
		_, err := c.DeleteSecurityGroup(ctxT(t), &ec2.DeleteSecurityGroupInput{GroupId: aws.String(tc.group)})
		wantCode(t, err, tc.code)
	}
	if _, err := c.DeleteSecurityGroup(ctxT(t), &ec2.DeleteSecurityGroupInput{GroupId: aws.String(ids["app"])}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteSecurityGroup(ctxT(t), &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		if g.ID == id || g.ID == ids["app"] {
			t.Fatalf("%s still exists", g.ID)
		}
	}
}
