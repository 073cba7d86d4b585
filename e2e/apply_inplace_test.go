package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/smithy-go/middleware"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/services"
)

// inPlaceScenario has a default-group user of every kind that issue 15 moved
// from a manual step to a mover, most keeping another group; an EventBridge
// target, a schedule and a pipe name no group (they run in the VPC's
// default group).
const inPlaceScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAINPLACE00000001
    resources:
      eu-west-1:
        vpcs: [{name: prod, cidr: 10.10.0.0/16}]
        security_groups: [{name: web, vpc: prod}, {name: eks-cluster, vpc: prod}]
        network_interfaces:
          - {vpc: prod, groups: [default, web], description: Network interface for DBProxy px, requester_managed: true}
          - {vpc: prod, groups: [eks-cluster, default, web], description: Amazon EKS kube, requester_managed: true}
          - {vpc: prod, groups: [default, web], description: DMSNetworkInterface, requester_managed: true}
          - {vpc: prod, groups: [default, web], description: ES search, requester_managed: true}
          - {vpc: prod, groups: [default, web], description: ClientVPN Endpoint Interface for cvpn-endpoint-0123456789abcdef0, requester_managed: true}
        client_vpn_endpoints: [{id: cvpn-endpoint-0123456789abcdef0, vpc: prod, groups: [default, web]}]
        opensearch_domains: [{name: search, vpc: prod, groups: [default, web]}]
        mwaa_environments: [{name: flow, vpc: prod, groups: [default, web]}]
        batch_compute_environments: [{name: fg, vpc: prod, groups: [default, web]}]
        dms_replication_instances: [{name: repl, vpc: prod, groups: [default, web]}]
        eks_clusters: [{name: kube, vpc: prod, groups: [default, web], cluster_group: eks-cluster}]
        db_proxies: [{name: px, vpc: prod, groups: [default, web]}]
        glue_connections: [{name: jdbc, vpc: prod, groups: [default, web]}]
        pipes: [{name: orders, vpc: prod, groups: [default, web]}, {name: bare, vpc: prod}]
        schedules: [{name: sched, group: jobs, vpc: prod, groups: [default, web]}, {name: bare, vpc: prod}]
        event_rules:
          - {name: nightly, bus: orders, schedule: rate(1 day), ecs_targets: [{id: t1, vpc: prod, groups: [default, web]}, {id: t2, vpc: prod, groups: [web]}, {id: t3, vpc: prod, groups: [default]}, {id: t4, vpc: prod}]}
      us-east-1:
        vpcs: [{name: data, cidr: 10.20.0.0/16}]
regions: [us-east-1, eu-west-1]
`

// inPlaceUsers names every user the scenario has, as memberships prints it.
var inPlaceUsers = []string{"RDS Proxy px", "Glue connection jdbc", "EventBridge rule orders/nightly", "EventBridge schedule jobs/sched", "EventBridge pipe orders",
	"EventBridge schedule bare", "EventBridge pipe bare", "EKS cluster kube", "DMS replication instance repl", "OpenSearch domain search", "MWAA environment flow", "Batch Fargate compute environment fg", "Client VPN endpoint cvpn-endpoint-0123456789abcdef0"}

func TestApplyMovesIssue15KindsAndRollsBack(t *testing.T) {
	ep := startSim(t, inPlaceScenario)
	dir := t.TempDir()
	enisBefore, usersBefore := memberships(t, ep, dir)
	for _, u := range inPlaceUsers {
		if !strings.Contains(strings.Join(usersBefore, "\n"), u) {
			t.Errorf("usage does not find %q:\n%s", u, strings.Join(usersBefore, "\n"))
		}
	}
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "plan")
	mustContain(t, "plan", r.Stdout+r.Stderr, "rds:ModifyDBProxy", "glue:UpdateConnection", "events:PutTargets", "scheduler:UpdateSchedule", "pipes:UpdatePipe", "eks:UpdateClusterConfig", "dms:ModifyReplicationInstance", "es:UpdateDomainConfig (blue/green deployment)", "airflow:UpdateEnvironment", "batch:UpdateComputeEnvironment", "ec2:ApplySecurityGroupsToClientVpnTargetNetwork")
	resourcesBefore := inPlaceResources(t, ep)

	// A dry run changes nothing: every mutating call it makes is a DryRun.
	dryRunChangesNothing(t, ep, dir)

	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	enisAfter, usersAfter := memberships(t, ep, dir)
	for _, u := range usersAfter {
		if !strings.Contains(u, "Security group rule") {
			t.Errorf("still on a default group after apply: %s", u)
		}
	}
	for id, groups := range enisAfter {
		for _, g := range groups {
			if g == defaultGroupOf(t, usersBefore) {
				t.Errorf("interface %s still in the default group after apply: %v", id, groups)
			}
		}
	}
	if t.Failed() {
		t.Fatalf("apply output:\n%s", r.Stdout)
	}

	rollBack(t, ep, dir)
	membershipsRestored(t, ep, dir, enisBefore, usersBefore)
	if back := inPlaceResources(t, ep); !reflect.DeepEqual(back, resourcesBefore) {
		t.Errorf("rollback did not restore the resources whole:\nbefore %v\nafter  %v", resourcesBefore, back)
	}
}

// defaultGroupOf is the default group the users share (the scenario puts
// every user in eu-west-1's).
func defaultGroupOf(t *testing.T, users []string) string {
	t.Helper()
	for _, u := range users {
		if id, _, ok := strings.Cut(u, " "); ok {
			return id
		}
	}
	t.Fatal("no users")
	return ""
}

// inPlaceResources is what the movers send back whole besides the groups
// (a Glue connection's password, description and subnet…), read through
// the services' APIs: a rollback must leave them as they were.
func inPlaceResources(t *testing.T, ep endpoint) map[string]string {
	t.Helper()
	cfg := awsx.StaticConfig(ep.URL, "eu-west-1", ep.AccessKey, "test-secret")
	cx := context.Background()
	out := map[string]string{}
	c, err := glue.NewFromConfig(cfg).GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})
	if err != nil {
		t.Fatal(err)
	}
	out["glue"] = fmt.Sprintf("%v %s %s %v", c.Connection.ConnectionProperties, aws.ToString(c.Connection.Description),
		aws.ToString(c.Connection.PhysicalConnectionRequirements.SubnetId), c.Connection.PhysicalConnectionRequirements.SecurityGroupIdList)
	tg, err := eventbridge.NewFromConfig(cfg).ListTargetsByRule(cx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("nightly"), EventBusName: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	out["events"] = jsonOf(t, tg.Targets)
	sc, err := scheduler.NewFromConfig(cfg).GetSchedule(cx, &scheduler.GetScheduleInput{Name: aws.String("sched"), GroupName: aws.String("jobs")})
	if err != nil {
		t.Fatal(err)
	}
	sc.ResultMetadata = middleware.Metadata{}
	out["scheduler"] = jsonOf(t, sc)
	p, err := pipes.NewFromConfig(cfg).DescribePipe(cx, &pipes.DescribePipeInput{Name: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	p.ResultMetadata = middleware.Metadata{}
	out["pipes"] = jsonOf(t, p)
	return out
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The apply and rollback policies cover every call the issue 15 movers
// make (their reads, changes and Settled polls). verify is left out: it
// runs every finder, which its policy does not grant (a gap of verify's
// policy, not of these movers).
func TestIAMPolicyCoversIssue15Movers(t *testing.T) {
	ep := startSim(t, inPlaceScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--out", "plan.json")
	for _, c := range []struct {
		policy string
		args   []string
	}{
		{"apply", []string{"apply", "--yes", "--poll", "10ms", "plan.json"}},
		{"rollback", []string{"rollback", "--yes", "--poll", "10ms", "plan.json.journal"}},
	} {
		ep.Sim.ResetCalls()
		if r := run(t, ep, dir, nil, c.args...); r.Code != 0 {
			t.Fatalf("%s: exit %d\n%s", c.args[0], r.Code, r.Stderr)
		}
		allowed, err := iampolicy.Actions(c.policy, services.Finders(), iampolicy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		changed := map[string]bool{}
		for _, call := range ep.Sim.Calls() {
			if call.Mutating {
				changed[call.Service] = true
			}
			if action := call.Service + ":" + call.Action; !slices.Contains(allowed, action) {
				t.Errorf("%s called %s, which the %q policy does not grant", c.args[0], action, c.policy)
			}
		}
		if len(changed) < 11 {
			t.Fatalf("%s changed only %v: the check would prove little", c.args[0], changed)
		}
	}
}

// The asynchronous changes (RDS Proxy, pipe, EKS, DMS, OpenSearch, MWAA,
// Batch) are reported pending with no time to wait; applied again, nothing
// more is changed and every one is in effect.
func TestApplyReportsIssue15ChangesStillTakingEffect(t *testing.T) {
	ep := startSim(t, inPlaceScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--out", "plan.json")
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--wait", "0")
	if r.Code != 4 {
		t.Fatalf("apply --wait 0: exit %d, want 4\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "apply", r.Stdout, "pending", "RDS Proxy px: status modifying", "EventBridge pipe orders: pipe UPDATING",
		"EKS cluster kube: status UPDATING", "DMS replication instance repl: status modifying",
		"OpenSearch domain search: processing (blue/green deployment)", "MWAA environment flow: status UPDATING",
		"Batch Fargate compute environment fg: status UPDATING")
	ep.Sim.ResetCalls()
	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 || strings.Contains(r.Stdout, "pending") {
		t.Fatalf("second apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Fatalf("second apply changed something: %+v", c)
		}
	}
}
