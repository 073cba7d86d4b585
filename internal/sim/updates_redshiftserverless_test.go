package sim

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"
)

const rssScenario = `
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
          - {name: far, id: sg-0fa, vpc: other}
        redshift_serverless_workgroups:
          - name: dw
            groups: [default, web]
            endpoints: [{name: reports, groups: [default]}, {name: remote, vpc: other, groups: [far]}]
`

// interfacesIn counts the interfaces that carry group.
func interfacesIn(t *testing.T, c *ec2.Client, group string) int {
	t.Helper()
	out := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(ctxT(t), &ec2.DescribeNetworkInterfacesInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{group}}}}))
	return len(out.NetworkInterfaces)
}

// UpdateWorkgroup and UpdateEndpointAccess replace the group list; the
// resource is MODIFYING in the answer and the next read, refuses another
// change meanwhile, and its interfaces move at once.
func TestUpdateRedshiftServerlessWorkgroupAndEndpoint(t *testing.T) {
	s := startScenario(t, rssScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	c, ec := rss.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")
	if n := interfacesIn(t, ec, "sg-0def"); n != 2 {
		t.Fatalf("%d interfaces in the default group before, want 2", n)
	}

	up := must[*rss.UpdateWorkgroupOutput](t)(c.UpdateWorkgroup(cx, &rss.UpdateWorkgroupInput{WorkgroupName: aws.String("dw"), SecurityGroupIds: []string{"sg-0eb"}}))
	if string(up.Workgroup.Status) != "MODIFYING" {
		t.Errorf("UpdateWorkgroup answered %s", up.Workgroup.Status)
	}
	_, err := c.UpdateWorkgroup(cx, &rss.UpdateWorkgroupInput{WorkgroupName: aws.String("dw"), SecurityGroupIds: []string{"sg-0def"}})
	wantCode(t, err, "ConflictException")
	for i, want := range []string{"MODIFYING", "AVAILABLE"} {
		w := must[*rss.GetWorkgroupOutput](t)(c.GetWorkgroup(cx, &rss.GetWorkgroupInput{WorkgroupName: aws.String("dw")})).Workgroup
		if string(w.Status) != want || len(w.SecurityGroupIds) != 1 || w.SecurityGroupIds[0] != "sg-0eb" {
			t.Errorf("GetWorkgroup %d: %s %v, want %s [sg-0eb]", i+1, w.Status, w.SecurityGroupIds, want)
		}
	}
	_, err = c.UpdateWorkgroup(cx, &rss.UpdateWorkgroupInput{WorkgroupName: aws.String("dw"), SecurityGroupIds: []string{"sg-0eb"}, Port: aws.Int32(5440)})
	wantCode(t, err, "ValidationException")
	_, err = c.UpdateWorkgroup(cx, &rss.UpdateWorkgroupInput{WorkgroupName: aws.String("dw"), SecurityGroupIds: []string{"sg-0fa"}})
	wantCode(t, err, "ValidationException")
	_, err = c.GetWorkgroup(cx, &rss.GetWorkgroupInput{WorkgroupName: aws.String("nope")})
	wantCode(t, err, "ResourceNotFoundException")

	ep := must[*rss.UpdateEndpointAccessOutput](t)(c.UpdateEndpointAccess(cx, &rss.UpdateEndpointAccessInput{EndpointName: aws.String("reports"), VpcSecurityGroupIds: []string{"sg-0eb"}}))
	if aws.ToString(ep.Endpoint.EndpointStatus) != "MODIFYING" {
		t.Errorf("UpdateEndpointAccess answered %s", aws.ToString(ep.Endpoint.EndpointStatus))
	}
	for i, want := range []string{"MODIFYING", "ACTIVE"} {
		e := must[*rss.GetEndpointAccessOutput](t)(c.GetEndpointAccess(cx, &rss.GetEndpointAccessInput{EndpointName: aws.String("reports")})).Endpoint
		if aws.ToString(e.EndpointStatus) != want || len(e.VpcSecurityGroups) != 1 || aws.ToString(e.VpcSecurityGroups[0].VpcSecurityGroupId) != "sg-0eb" {
			t.Errorf("GetEndpointAccess %d: %s, want %s on sg-0eb", i+1, aws.ToString(e.EndpointStatus), want)
		}
	}
	_, err = c.UpdateEndpointAccess(cx, &rss.UpdateEndpointAccessInput{EndpointName: aws.String("remote"), VpcSecurityGroupIds: []string{"sg-0eb"}})
	wantCode(t, err, "ValidationException")
	_, err = c.UpdateEndpointAccess(cx, &rss.UpdateEndpointAccessInput{EndpointName: aws.String("reports"), VpcSecurityGroupIds: []string{}})
	wantCode(t, err, "ValidationException")
	if n := interfacesIn(t, ec, "sg-0def"); n != 0 {
		t.Errorf("%d interfaces still in the default group", n)
	}
	if n := interfacesIn(t, ec, "sg-0fa"); n != 1 {
		t.Errorf("the other VPC's endpoint interface moved: %d in sg-0fa", n)
	}
}
