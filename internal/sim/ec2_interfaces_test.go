package sim

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

const eniScenario = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, cidr: 10.2.1.0/24, az: b}]
        security_groups:
          - {name: g1}
          - {name: g2}
          - {name: g3}
          - {name: g4}
          - {name: g5}
          - {name: g6}
          - {name: far, vpc: other}
        network_interfaces:
          - {id: eni-00000000000000001, groups: [g1, default], description: app server, attachment: {instance_id: i-0123456789abcdef0}}
          - {id: eni-00000000000000002, description: ELB app/lb/1, interface_type: interface, requester_id: amazon-elb, requester_managed: true, attachment: {instance_owner_id: amazon-elb}}
          - {id: eni-00000000000000003, vpc: other, subnet: other-a, groups: [far], interface_type: lambda, requester_id: "AROAEXAMPLE:lambda"}
regions: [us-east-1]
`

func TestDescribeNetworkInterfaces(t *testing.T) {
	s := startScenario(t, eniScenario)
	c := ec2For(s, acct, "us-east-1")
	groups := map[string]string{}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		groups[g.Name+g.VpcID] = g.ID
		groups[g.Name] = g.ID
	}
	cases := []struct {
		name, value string
		want        []string
	}{
		{"group-id", groups["g1"], []string{"eni-00000000000000001"}},
		{"requester-managed", "true", []string{"eni-00000000000000002"}},
		{"interface-type", "lambda", []string{"eni-00000000000000003"}},
		{"attachment.instance-id", "i-0123456789abcdef0", []string{"eni-00000000000000001"}},
		{"description", "ELB *", []string{"eni-00000000000000002"}},
		{"status", "in-use", []string{"eni-00000000000000001", "eni-00000000000000002"}},
		{"requester-id", "AROA*", []string{"eni-00000000000000003"}},
	}
	for _, tc := range cases {
		out, err := c.DescribeNetworkInterfaces(ctxT(t), &ec2.DescribeNetworkInterfacesInput{Filters: []types.Filter{{Name: aws.String(tc.name), Values: []string{tc.value}}}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range out.NetworkInterfaces {
			got = append(got, aws.ToString(n.NetworkInterfaceId))
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("%s=%s: %v, want %v", tc.name, tc.value, got, tc.want)
		}
	}
	out := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(ctxT(t), &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{"eni-00000000000000001"}}))
	n := out.NetworkInterfaces[0]
	if len(n.Groups) != 2 || aws.ToString(n.Groups[1].GroupName) != "default" || n.Attachment == nil ||
		aws.ToString(n.Attachment.InstanceOwnerId) != acct || n.Status != types.NetworkInterfaceStatusInUse {
		t.Fatalf("interface shape %+v", n)
	}
	_, err := c.DescribeNetworkInterfaces(ctxT(t), &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{"eni-0123456789abcdef0"}})
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound")
}

func TestInterfaceLifecycle(t *testing.T) {
	s := startScenario(t, eniScenario)
	c := ec2For(s, acct, "us-east-1")
	groups := map[string]string{}
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		groups[g.Name] = g.ID
	}
	var defaultSubnet string
	for _, n := range s.NetworkInterfaces(acct, "us-east-1") {
		if n.ID == "eni-00000000000000001" {
			defaultSubnet = n.SubnetID
		}
	}
	created, err := c.CreateNetworkInterface(ctxT(t), &ec2.CreateNetworkInterfaceInput{SubnetId: aws.String(defaultSubnet), Description: aws.String("mine")})
	if err != nil {
		t.Fatal(err)
	}
	eni := created.NetworkInterface
	if len(eni.Groups) != 1 || aws.ToString(eni.Groups[0].GroupName) != "default" || aws.ToString(eni.PrivateIpAddress) == "" {
		t.Fatalf("created %+v", eni)
	}
	id := eni.NetworkInterfaceId
	set := func(ids ...string) error {
		_, err := c.ModifyNetworkInterfaceAttribute(ctxT(t), &ec2.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceId: id, Groups: ids})
		return err
	}
	if err := set(groups["g1"], groups["g2"]); err != nil {
		t.Fatal(err)
	}
	wantCode(t, set(groups["g1"], groups["g2"], groups["g3"], groups["g4"], groups["g5"], groups["g6"]), "SecurityGroupsPerInterfaceLimitExceeded")
	wantCode(t, set(groups["far"]), "InvalidParameter")
	wantCode(t, set("sg-0123456789abcdef0"), "InvalidGroup.NotFound")
	_, err = c.ModifyNetworkInterfaceAttribute(ctxT(t), &ec2.ModifyNetworkInterfaceAttributeInput{NetworkInterfaceId: aws.String("eni-00000000000000002"), Groups: []string{groups["g1"]}})
	wantCode(t, err, "OperationNotPermitted")
	for _, n := range s.NetworkInterfaces(acct, "us-east-1") {
		if n.ID == *id && (len(n.Groups) != 2 || n.Groups[0] != groups["g1"]) {
			t.Fatalf("groups after modify %v", n.Groups)
		}
	}
	_, err = c.DeleteNetworkInterface(ctxT(t), &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String("eni-00000000000000001")})
	wantCode(t, err, "InvalidNetworkInterface.InUse")
	if _, err := c.DeleteNetworkInterface(ctxT(t), &ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: id}); err != nil {
		t.Fatal(err)
	}
	if len(s.NetworkInterfaces(acct, "us-east-1")) != 3 {
		t.Fatal("interface not deleted")
	}
	_, err = c.CreateNetworkInterface(ctxT(t), &ec2.CreateNetworkInterfaceInput{SubnetId: aws.String("subnet-0123456789abcdef0")})
	wantCode(t, err, "InvalidSubnetID.NotFound")
}

func TestDescribeVpcsAndSubnets(t *testing.T) {
	s := startScenario(t, `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        vpcs:
          - {name: v6, cidr: 10.0.0.0/16, ipv6: "2600:1f18:abcd:ef00::/56", tags: {env: test}}
regions: [us-east-1]
`)
	c := ec2For(s, acct, "us-east-1")
	def := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(ctxT(t), &ec2.DescribeVpcsInput{Filters: []types.Filter{{Name: aws.String("is-default"), Values: []string{"true"}}}}))
	if len(def.Vpcs) != 1 || aws.ToString(def.Vpcs[0].CidrBlock) != "172.31.0.0/16" || !aws.ToBool(def.Vpcs[0].IsDefault) {
		t.Fatalf("default VPC %+v", def.Vpcs)
	}
	v6 := must[*ec2.DescribeVpcsOutput](t)(c.DescribeVpcs(ctxT(t), &ec2.DescribeVpcsInput{Filters: []types.Filter{{Name: aws.String("tag:Name"), Values: []string{"v6"}}}}))
	if len(v6.Vpcs) != 1 || len(v6.Vpcs[0].Ipv6CidrBlockAssociationSet) != 1 ||
		aws.ToString(v6.Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock) != "2600:1f18:abcd:ef00::/56" {
		t.Fatalf("IPv6 VPC %+v", v6.Vpcs)
	}
	subnets := must[*ec2.DescribeSubnetsOutput](t)(c.DescribeSubnets(ctxT(t), &ec2.DescribeSubnetsInput{Filters: []types.Filter{{Name: aws.String("vpc-id"), Values: []string{*def.Vpcs[0].VpcId}}}}))
	if len(subnets.Subnets) != 3 || !aws.ToBool(subnets.Subnets[0].DefaultForAz) {
		t.Fatalf("default subnets %+v", subnets.Subnets)
	}
	_, err := c.DescribeVpcs(ctxT(t), &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-0123456789abcdef0"}})
	wantCode(t, err, "InvalidVpcID.NotFound")
	_, err = c.DescribeSubnets(ctxT(t), &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(2)})
	wantCode(t, err, "InvalidParameterValue")
}

func TestCreateVpcSubnetAndDelete(t *testing.T) {
	s := startServer(t, nil)
	c := ec2For(s, acct, "us-east-1")
	vpc := must[*ec2.CreateVpcOutput](t)(c.CreateVpc(ctxT(t), &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16"), AmazonProvidedIpv6CidrBlock: aws.Bool(true)})).Vpc
	if len(vpc.Ipv6CidrBlockAssociationSet) != 1 || aws.ToBool(vpc.IsDefault) {
		t.Fatalf("vpc %+v", vpc)
	}
	var def SecurityGroup
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		if g.VpcID == *vpc.VpcId {
			def = g
		}
	}
	if !def.IsDefault() || len(def.Ingress()) != 1 || len(def.Egress()) != 2 {
		t.Fatalf("new VPC's default group %+v", def)
	}
	sn := must[*ec2.CreateSubnetOutput](t)(c.CreateSubnet(ctxT(t), &ec2.CreateSubnetInput{VpcId: vpc.VpcId, CidrBlock: aws.String("10.20.1.0/24")})).Subnet
	_, err := c.CreateSubnet(ctxT(t), &ec2.CreateSubnetInput{VpcId: vpc.VpcId, CidrBlock: aws.String("10.20.1.128/25")})
	wantCode(t, err, "InvalidSubnet.Conflict")
	_, err = c.DeleteVpc(ctxT(t), &ec2.DeleteVpcInput{VpcId: vpc.VpcId})
	wantCode(t, err, "DependencyViolation")
	must[*ec2.DeleteSubnetOutput](t)(c.DeleteSubnet(ctxT(t), &ec2.DeleteSubnetInput{SubnetId: sn.SubnetId}))
	must[*ec2.DeleteVpcOutput](t)(c.DeleteVpc(ctxT(t), &ec2.DeleteVpcInput{VpcId: vpc.VpcId}))
	if n := len(s.SecurityGroups(acct, "us-east-1")); n != 1 {
		t.Fatalf("%d groups left, want the default VPC's only", n)
	}
}
