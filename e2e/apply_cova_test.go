package e2e

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// definitionMovesScenario has Step Functions state machines whose ECS
// tasks name the default group (generated, and verbatim with spacing and
// characters a re-encoding would change) or name none, a Redshift
// Serverless workgroup and managed endpoint, and an EC2 Instance Connect
// endpoint in the default group.
const definitionMovesScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIADEFMOVES00000001
    resources:
      eu-west-1:
        default_group: {id: sg-0def}
        security_groups: [{name: web, id: sg-0eb}]
        state_machines:
          - {name: etl, groups: [default, web]}
          - {name: bare}
          - name: verbatim
            definition: |
              {
                "Comment": "keep <me> & my spacing",
                "StartAt": "Run",
                "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true, "TimeoutSeconds": 3600,
                  "Parameters": {"Cluster": "main", "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-0aaa"], "SecurityGroups": ["sg-0def", "sg-0eb"]}}}}}
              }
        redshift_serverless_workgroups:
          - {name: dw, groups: [default, web], endpoints: [{name: reports, groups: [default]}]}
        instance_connect_endpoints: [{id: eice-0abc, groups: [default, web]}]
regions: [us-east-1, eu-west-1]
`

// definitionsAndGroups reads what the movers change, through the services'
// APIs: every definition's exact text and the Redshift Serverless lists.
func definitionsAndGroups(t *testing.T, ep endpoint) map[string]string {
	t.Helper()
	cfg := awsx.StaticConfig(ep.URL, "eu-west-1", ep.AccessKey, "test-secret")
	cx := context.Background()
	out := map[string]string{}
	for _, name := range []string{"etl", "bare", "verbatim"} {
		d, err := sfn.NewFromConfig(cfg).DescribeStateMachine(cx, &sfn.DescribeStateMachineInput{
			StateMachineArn: aws.String("arn:aws:states:eu-west-1:111111111111:stateMachine:" + name)})
		if err != nil {
			t.Fatal(err)
		}
		out[name] = aws.ToString(d.Definition)
	}
	w, err := rss.NewFromConfig(cfg).GetWorkgroup(cx, &rss.GetWorkgroupInput{WorkgroupName: aws.String("dw")})
	if err != nil {
		t.Fatal(err)
	}
	out["dw"] = strings.Join(w.Workgroup.SecurityGroupIds, ",")
	e, err := rss.NewFromConfig(cfg).GetEndpointAccess(cx, &rss.GetEndpointAccessInput{EndpointName: aws.String("reports")})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range e.Endpoint.VpcSecurityGroups {
		out["reports"] += aws.ToString(m.VpcSecurityGroupId) + ","
	}
	ice, err := ec2.NewFromConfig(cfg).DescribeInstanceConnectEndpoints(cx, &ec2.DescribeInstanceConnectEndpointsInput{InstanceConnectEndpointIds: []string{"eice-0abc"}})
	if err != nil {
		t.Fatal(err)
	}
	out["eice"] = strings.Join(ice.InstanceConnectEndpoints[0].SecurityGroupIds, ",")
	return out
}

// Step Functions definitions and Redshift Serverless workgroups and
// endpoints move in place: only the groups change (the definition's other
// content stays), the apply waits for MODIFYING to end, and rollback
// leaves every definition byte for byte as it was read.
func TestApplyMovesDefinitionsServerlessWorkgroupsAndInstanceConnectAndRollsBackExactly(t *testing.T) {
	ep := startSim(t, definitionMovesScenario)
	dir := t.TempDir()
	enisBefore, usersBefore := memberships(t, ep, dir)
	mustContain(t, "usage", strings.Join(usersBefore, "\n"), "Step Functions state machine etl", "Step Functions state machine bare",
		"Step Functions state machine verbatim", "Redshift Serverless workgroup dw", "Redshift Serverless managed VPC endpoint reports",
		"EC2 Instance Connect endpoint eice-0abc")
	before := definitionsAndGroups(t, ep)
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "plan")
	mustContain(t, "plan", r.Stdout+r.Stderr, "states:UpdateStateMachine", "redshift-serverless:UpdateWorkgroup", "redshift-serverless:UpdateEndpointAccess",
		"ec2:ModifyInstanceConnectEndpoint")

	dryRunChangesNothing(t, ep, dir)
	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if _, usersAfter := memberships(t, ep, dir); len(usersAfter) != 0 {
		t.Fatalf("still on a default group after apply: %q\n%s", usersAfter, r.Stdout)
	}
	after := definitionsAndGroups(t, ep)
	repl := strings.TrimSuffix(after["reports"], ",")
	if !strings.HasPrefix(repl, "sg-") || repl == "sg-0def" || after["dw"] != repl+",sg-0eb" || after["eice"] != repl+",sg-0eb" {
		t.Fatalf("after apply: %v", after)
	}
	mustContain(t, "etl after apply", after["etl"], `"SecurityGroups":["`+repl+`","sg-0eb"]`)
	mustContain(t, "bare after apply", after["bare"], `"SecurityGroups":["`+repl+`"]`)
	mustContain(t, "verbatim after apply", after["verbatim"], `"SecurityGroups":["`+repl+`","sg-0eb"]`, `"TimeoutSeconds":3600`,
		`"Comment":"keep <me> & my spacing"`, `"Subnets":["subnet-0aaa"]`)

	// Run again: nothing left to change.
	ep.Sim.ResetCalls()
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms"); r.Code != 0 {
		t.Fatalf("second apply: exit %d\n%s", r.Code, r.Stdout)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Fatalf("second apply changed something: %+v", c)
		}
	}

	rollBack(t, ep, dir)
	if back := definitionsAndGroups(t, ep); !reflect.DeepEqual(back, before) {
		t.Fatalf("rollback did not restore exactly:\nbefore %q\nafter  %q", before, back)
	}
	membershipsRestored(t, ep, dir, enisBefore, usersBefore)
}
