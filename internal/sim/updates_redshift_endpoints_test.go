package sim

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	redshifttypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"
)

const redshiftEndpointsScenario = `
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
        network_interfaces:
          - {description: RedshiftNetworkInterface, groups: [default], requester_id: amazon-redshift, requester_managed: true}
        redshift_clusters: [{name: wh}]
        redshift_endpoints:
          - {name: reports, cluster: wh, groups: [default, web]}
          - {name: remote, cluster: wh, vpc: other, groups: [far]}
`

// ModifyEndpointAccess replaces the endpoint's groups; its interface moves
// at once (the cluster's stay), the endpoint is modifying in the answer and
// the next Describe, then active, and refuses another change meanwhile.
func TestModifyRedshiftEndpointAccess(t *testing.T) {
	s := startScenario(t, redshiftEndpointsScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	rc, ec := redshift.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")
	state := func(e redshifttypes.EndpointAccess) string {
		var groups []string
		for _, g := range e.VpcSecurityGroups {
			groups = append(groups, aws.ToString(g.VpcSecurityGroupId))
		}
		return aws.ToString(e.EndpointStatus) + " " + strings.Join(groups, ",")
	}
	if n := interfacesIn(t, ec, "sg-0def"); n != 2 {
		t.Fatalf("%d interfaces in the default group before, want 2 (the cluster's and the endpoint's)", n)
	}

	out := must[*redshift.ModifyEndpointAccessOutput](t)(rc.ModifyEndpointAccess(cx, &redshift.ModifyEndpointAccessInput{
		EndpointName: aws.String("reports"), VpcSecurityGroupIds: []string{"sg-0eb"}}))
	if got := aws.ToString(out.EndpointStatus) + " " + aws.ToString(out.VpcSecurityGroups[0].VpcSecurityGroupId); got != "modifying sg-0eb" || len(out.VpcSecurityGroups) != 1 {
		t.Errorf("ModifyEndpointAccess answered %s (%d groups)", got, len(out.VpcSecurityGroups))
	}
	if n := interfacesIn(t, ec, "sg-0def"); n != 1 {
		t.Errorf("%d interfaces in the default group after, want 1 (the cluster's)", n)
	}
	_, err := rc.ModifyEndpointAccess(cx, &redshift.ModifyEndpointAccessInput{EndpointName: aws.String("reports"), VpcSecurityGroupIds: []string{"sg-0def"}})
	wantCode(t, err, "InvalidEndpointState")
	for i, want := range []string{"modifying sg-0eb", "active sg-0eb"} {
		e := must[*redshift.DescribeEndpointAccessOutput](t)(rc.DescribeEndpointAccess(cx, &redshift.DescribeEndpointAccessInput{EndpointName: aws.String("reports")})).EndpointAccessList[0]
		if got := state(e); got != want {
			t.Errorf("Describe %d: %s, want %s", i+1, got, want)
		}
	}
	// Without the list nothing changes; the same set changes nothing either.
	if out := must[*redshift.ModifyEndpointAccessOutput](t)(rc.ModifyEndpointAccess(cx, &redshift.ModifyEndpointAccessInput{EndpointName: aws.String("reports")})); aws.ToString(out.EndpointStatus) != "active" {
		t.Errorf("a modify without groups answered %s", aws.ToString(out.EndpointStatus))
	}

	for name, c := range map[string]struct {
		endpoint, code string
		groups         []string
	}{
		"unknown endpoint":     {"nope", "EndpointNotFound", []string{"sg-0eb"}},
		"unknown group":        {"reports", "InvalidParameterValue", []string{"sg-0ff"}},
		"group of another VPC": {"remote", "InvalidParameterValue", []string{"sg-0eb"}},
	} {
		_, err := rc.ModifyEndpointAccess(cx, &redshift.ModifyEndpointAccessInput{EndpointName: aws.String(c.endpoint), VpcSecurityGroupIds: c.groups})
		t.Run(name, func(t *testing.T) { wantCode(t, err, c.code) })
	}
	var nf *redshifttypes.EndpointNotFoundFault
	_, err = rc.DescribeEndpointAccess(cx, &redshift.DescribeEndpointAccessInput{EndpointName: aws.String("nope")})
	if !errors.As(err, &nf) {
		t.Errorf("an unknown endpoint: %v, want the SDK's EndpointNotFoundFault", err)
	}
}
