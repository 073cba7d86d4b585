package sim

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// Group changes that AWS applies at once: load balancers, EFS mount
// targets and VPC endpoints. Each test reads the change back through the
// service's own Describe and the interfaces through DescribeNetworkInterfaces.

const updatesScenario = `
regions: [us-east-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, cidr: 10.2.1.0/24, az: b}]
        security_groups:
          - {name: web, id: sg-0eb}
          - {name: app, id: sg-0a1}
          - {name: far, id: sg-0fa, vpc: other}
        load_balancers:
          - {name: alb}
          - {name: nlb, type: network}
          - {name: nlb-sg, type: network, groups: [web]}
          - {name: gwlb, type: gateway}
          - {name: clb, type: classic}
        efs_file_systems:
          - {id: fs-0a, mount_targets: [{id: fsmt-0a}, {id: fsmt-0b}]}
        vpc_endpoints:
          - {id: vpce-0e1, service: com.amazonaws.us-east-1.sqs}
          - {id: vpce-0e2, type: Gateway}
        network_interfaces:
          - {id: eni-00000000000000001, description: ELB clb, requester_id: amazon-elb, requester_managed: true}
          - {id: eni-00000000000000002, description: ELB clb-2, requester_id: amazon-elb, requester_managed: true}
          - {id: eni-00000000000000003, description: EFS mount target for fs-0a (fsmt-0a), interface_type: efs, requester_managed: true}
          - {id: eni-00000000000000004, description: EFS mount target for fs-0a (fsmt-0b), interface_type: efs, requester_managed: true}
          - {id: eni-00000000000000005, description: VPC Endpoint Interface vpce-0e1, interface_type: vpc_endpoint, requester_managed: true}
`

// eniGroups returns each interface's groups, sorted and comma-joined, as
// DescribeNetworkInterfaces shows them.
func eniGroups(t *testing.T, c *ec2.Client, ids ...string) map[string]string {
	t.Helper()
	out := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(ctxT(t),
		&ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: ids}))
	m := map[string]string{}
	for _, n := range out.NetworkInterfaces {
		var g []string
		for _, gi := range n.Groups {
			g = append(g, aws.ToString(gi.GroupId))
		}
		slices.Sort(g)
		m[aws.ToString(n.NetworkInterfaceId)] = strings.Join(g, ",")
	}
	return m
}

func wantENIGroups(t *testing.T, c *ec2.Client, want map[string]string) {
	t.Helper()
	var ids []string
	for id := range want {
		ids = append(ids, id)
	}
	got := eniGroups(t, c, ids...)
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s groups = %q, want %q", id, got[id], w)
		}
	}
}

func TestSetSecurityGroupsELBv2(t *testing.T) {
	s := startScenario(t, updatesScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	lc, ec := elbv2.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")
	arns := map[string]string{}
	for _, lb := range must[*elbv2.DescribeLoadBalancersOutput](t)(lc.DescribeLoadBalancers(cx, &elbv2.DescribeLoadBalancersInput{})).LoadBalancers {
		arns[aws.ToString(lb.LoadBalancerName)] = aws.ToString(lb.LoadBalancerArn)
	}
	// The ALB's interface is named by its ARN suffix, which the simulator
	// generates: create it the way the test needs it.
	sub := must[*ec2.DescribeSubnetsOutput](t)(ec.DescribeSubnets(cx, &ec2.DescribeSubnetsInput{})).Subnets[0].SubnetId
	var albENIs []string
	for _, desc := range []string{"ELB " + strings.SplitN(arns["alb"], "loadbalancer/", 2)[1], "ELB app/alb-2/0123456789abcdef"} {
		n := must[*ec2.CreateNetworkInterfaceOutput](t)(ec.CreateNetworkInterface(cx, &ec2.CreateNetworkInterfaceInput{SubnetId: sub, Description: aws.String(desc)}))
		albENIs = append(albENIs, aws.ToString(n.NetworkInterface.NetworkInterfaceId))
	}

	out := must[*elbv2.SetSecurityGroupsOutput](t)(lc.SetSecurityGroups(cx, &elbv2.SetSecurityGroupsInput{
		LoadBalancerArn: aws.String(arns["alb"]), SecurityGroups: []string{"sg-0eb", "sg-0a1", "sg-0eb"}}))
	if strings.Join(out.SecurityGroupIds, ",") != "sg-0eb,sg-0a1" || out.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic != "" {
		t.Errorf("SetSecurityGroups answered %v %q", out.SecurityGroupIds, out.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic)
	}
	desc := must[*elbv2.DescribeLoadBalancersOutput](t)(lc.DescribeLoadBalancers(cx, &elbv2.DescribeLoadBalancersInput{Names: []string{"alb"}}))
	if got := desc.LoadBalancers[0].SecurityGroups; strings.Join(got, ",") != "sg-0eb,sg-0a1" {
		t.Errorf("DescribeLoadBalancers after the change: %v", got)
	}
	wantENIGroups(t, ec, map[string]string{albENIs[0]: "sg-0a1,sg-0eb", albENIs[1]: "sg-0def"})

	nlb := must[*elbv2.SetSecurityGroupsOutput](t)(lc.SetSecurityGroups(cx, &elbv2.SetSecurityGroupsInput{
		LoadBalancerArn: aws.String(arns["nlb-sg"]), SecurityGroups: []string{"sg-0a1"},
		EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off"}))
	if nlb.SecurityGroupIds[0] != "sg-0a1" || nlb.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic != "off" {
		t.Errorf("NLB: %+v", nlb)
	}

	for name, c := range map[string]struct {
		lb, code string
		groups   []string
	}{
		"unknown load balancer":    {arns["alb"] + "0", "LoadBalancerNotFound", []string{"sg-0eb"}},
		"unknown group":            {arns["alb"], "InvalidSecurityGroup", []string{"sg-0eb", "sg-0ff"}},
		"group of another VPC":     {arns["alb"], "InvalidSecurityGroup", []string{"sg-0fa"}},
		"NLB created without":      {arns["nlb"], "InvalidConfigurationRequest", []string{"sg-0eb"}},
		"gateway load balancer":    {arns["gwlb"], "InvalidConfigurationRequest", []string{"sg-0eb"}},
		"ALB without any group":    {arns["alb"], "ValidationError", []string{}},
		"classic ARN on ELBv2 API": {"clb", "LoadBalancerNotFound", []string{"sg-0eb"}},
	} {
		_, err := lc.SetSecurityGroups(cx, &elbv2.SetSecurityGroupsInput{LoadBalancerArn: aws.String(c.lb), SecurityGroups: c.groups})
		t.Run(name, func(t *testing.T) { wantCode(t, err, c.code) })
	}
	if got := eniGroups(t, ec, albENIs[0])[albENIs[0]]; got != "sg-0a1,sg-0eb" {
		t.Errorf("a refused change moved the interface: %s", got)
	}
}

func TestApplySecurityGroupsToClassicLoadBalancer(t *testing.T) {
	s := startScenario(t, updatesScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	lc, ec := elb.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")

	out := must[*elb.ApplySecurityGroupsToLoadBalancerOutput](t)(lc.ApplySecurityGroupsToLoadBalancer(cx,
		&elb.ApplySecurityGroupsToLoadBalancerInput{LoadBalancerName: aws.String("clb"), SecurityGroups: []string{"sg-0a1"}}))
	if strings.Join(out.SecurityGroups, ",") != "sg-0a1" {
		t.Errorf("ApplySecurityGroupsToLoadBalancer answered %v", out.SecurityGroups)
	}
	desc := must[*elb.DescribeLoadBalancersOutput](t)(lc.DescribeLoadBalancers(cx, &elb.DescribeLoadBalancersInput{LoadBalancerNames: []string{"clb"}}))
	if got := desc.LoadBalancerDescriptions[0].SecurityGroups; strings.Join(got, ",") != "sg-0a1" {
		t.Errorf("DescribeLoadBalancers after the change: %v", got)
	}
	wantENIGroups(t, ec, map[string]string{"eni-00000000000000001": "sg-0a1", "eni-00000000000000002": "sg-0def"})

	_, err := lc.ApplySecurityGroupsToLoadBalancer(cx, &elb.ApplySecurityGroupsToLoadBalancerInput{LoadBalancerName: aws.String("nope"), SecurityGroups: []string{"sg-0a1"}})
	wantCode(t, err, "LoadBalancerNotFound")
	_, err = lc.ApplySecurityGroupsToLoadBalancer(cx, &elb.ApplySecurityGroupsToLoadBalancerInput{LoadBalancerName: aws.String("clb"), SecurityGroups: []string{"sg-0fa"}})
	wantCode(t, err, "InvalidSecurityGroup")

	var mutating []string
	for _, call := range s.Calls() {
		if call.Mutating {
			mutating = append(mutating, call.Action)
		}
	}
	if strings.Join(mutating, " ") != "ApplySecurityGroupsToLoadBalancer ApplySecurityGroupsToLoadBalancer ApplySecurityGroupsToLoadBalancer" {
		t.Errorf("mutating calls recorded: %v", mutating)
	}
}

func TestModifyMountTargetSecurityGroups(t *testing.T) {
	s := startScenario(t, updatesScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	fc, ec := efs.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")

	must[*efs.ModifyMountTargetSecurityGroupsOutput](t)(fc.ModifyMountTargetSecurityGroups(cx,
		&efs.ModifyMountTargetSecurityGroupsInput{MountTargetId: aws.String("fsmt-0a"), SecurityGroups: []string{"sg-0eb", "sg-0a1"}}))
	got := must[*efs.DescribeMountTargetSecurityGroupsOutput](t)(fc.DescribeMountTargetSecurityGroups(cx,
		&efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: aws.String("fsmt-0a")}))
	if strings.Join(got.SecurityGroups, ",") != "sg-0eb,sg-0a1" {
		t.Errorf("DescribeMountTargetSecurityGroups after the change: %v", got.SecurityGroups)
	}
	wantENIGroups(t, ec, map[string]string{"eni-00000000000000003": "sg-0a1,sg-0eb", "eni-00000000000000004": "sg-0def"})

	for name, c := range map[string]struct {
		mt, code string
		groups   []string
	}{
		"unknown mount target": {"fsmt-0ff", "MountTargetNotFound", []string{"sg-0eb"}},
		"unknown group":        {"fsmt-0b", "SecurityGroupNotFound", []string{"sg-0ff"}},
		"group of another VPC": {"fsmt-0b", "SecurityGroupNotFound", []string{"sg-0fa"}},
		"no group":             {"fsmt-0b", "BadRequest", []string{}},
		"six groups":           {"fsmt-0b", "SecurityGroupLimitExceeded", []string{"sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06"}},
	} {
		_, err := fc.ModifyMountTargetSecurityGroups(cx, &efs.ModifyMountTargetSecurityGroupsInput{MountTargetId: aws.String(c.mt), SecurityGroups: c.groups})
		t.Run(name, func(t *testing.T) { wantCode(t, err, c.code) })
	}
}

func TestModifyVpcEndpointGroups(t *testing.T) {
	s := startScenario(t, updatesScenario)
	ec, cx := ec2For(s, acct, "us-east-1"), ctxT(t)

	out := must[*ec2.ModifyVpcEndpointOutput](t)(ec.ModifyVpcEndpoint(cx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0e1"),
		AddSecurityGroupIds: []string{"sg-0eb", "sg-0a1"}, RemoveSecurityGroupIds: []string{"sg-0def"}}))
	if !aws.ToBool(out.Return) {
		t.Error("ModifyVpcEndpoint returned false")
	}
	eps := must[*ec2.DescribeVpcEndpointsOutput](t)(ec.DescribeVpcEndpoints(cx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{"vpce-0e1"}}))
	var got []string
	for _, g := range eps.VpcEndpoints[0].Groups {
		got = append(got, aws.ToString(g.GroupId)+"/"+aws.ToString(g.GroupName))
	}
	if strings.Join(got, ",") != "sg-0eb/web,sg-0a1/app" {
		t.Errorf("DescribeVpcEndpoints after the change: %v", got)
	}
	wantENIGroups(t, ec, map[string]string{"eni-00000000000000005": "sg-0a1,sg-0eb"})

	for name, c := range map[string]struct {
		in   ec2.ModifyVpcEndpointInput
		code string
	}{
		"unknown endpoint":     {ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0ff"), AddSecurityGroupIds: []string{"sg-0eb"}}, "InvalidVpcEndpointId.NotFound"},
		"unknown group":        {ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0e1"), AddSecurityGroupIds: []string{"sg-0ff"}}, "InvalidGroup.NotFound"},
		"group of another VPC": {ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0e1"), AddSecurityGroupIds: []string{"sg-0fa"}}, "InvalidGroup.NotFound"},
		"malformed group":      {ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0e1"), RemoveSecurityGroupIds: []string{"web"}}, "InvalidGroupId.Malformed"},
		"gateway endpoint":     {ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0e2"), AddSecurityGroupIds: []string{"sg-0eb"}}, "InvalidParameter"},
		"dry run":              {ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0e1"), AddSecurityGroupIds: []string{"sg-0def"}, DryRun: aws.Bool(true)}, "DryRunOperation"},
	} {
		_, err := ec.ModifyVpcEndpoint(cx, &c.in)
		t.Run(name, func(t *testing.T) { wantCode(t, err, c.code) })
	}
	after := must[*ec2.DescribeVpcEndpointsOutput](t)(ec.DescribeVpcEndpoints(cx, &ec2.DescribeVpcEndpointsInput{
		Filters: []ec2types.Filter{{Name: aws.String("vpc-endpoint-id"), Values: []string{"vpce-0e1"}}}}))
	if n := len(after.VpcEndpoints[0].Groups); n != 2 {
		t.Errorf("a refused change altered the endpoint: %d groups", n)
	}
}

// TestGroupChangesRaceWithReads runs changes and reads of the same
// resources at once; with -race it checks that the service ops hold the
// region lock and that a result being encoded never sees a later change.
func TestGroupChangesRaceWithReads(t *testing.T) {
	s := startScenario(t, updatesScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	lc, fc, ec := elb.NewFromConfig(cfg), efs.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")
	done := make(chan error)
	for i := range 8 {
		go func() {
			var err error
			for j := 0; j < 50 && err == nil; j++ {
				groups := []string{[]string{"sg-0eb", "sg-0a1"}[j%2]}
				switch (i + j) % 4 {
				case 0:
					_, err = lc.ApplySecurityGroupsToLoadBalancer(cx, &elb.ApplySecurityGroupsToLoadBalancerInput{LoadBalancerName: aws.String("clb"), SecurityGroups: groups})
				case 1:
					_, err = lc.DescribeLoadBalancers(cx, &elb.DescribeLoadBalancersInput{})
				case 2:
					_, err = fc.ModifyMountTargetSecurityGroups(cx, &efs.ModifyMountTargetSecurityGroupsInput{MountTargetId: aws.String("fsmt-0b"), SecurityGroups: groups})
				default:
					_, err = ec.DescribeNetworkInterfaces(cx, &ec2.DescribeNetworkInterfacesInput{})
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
