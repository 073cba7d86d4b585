package e2e

import (
	"encoding/json"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// servicesScenario has, in two regions and three VPCs, a user of the default
// group of every kind apply moves in place — most keeping another group —
// plus a reference from another group, a stack-managed user and a user that
// can only be recreated (manual steps).
const servicesScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAMOVES000000001
    resources:
      eu-west-1:
        vpcs: [{name: prod, cidr: 10.10.0.0/16}]
        security_groups:
          - {name: web, vpc: prod}
          - name: db
            vpc: prod
            ingress: [{protocol: tcp, ports: "5432", group: default, description: app to db}]
        network_interfaces:
          - {vpc: prod, groups: [default, web], description: Primary network interface, attachment: {instance_id: i-0aaaaaaaaaaaaaaa1, instance_owner_id: "111111111111"}}
          - {vpc: prod, description: Primary network interface, attachment: {instance_id: i-0bbbbbbbbbbbbbbb2, instance_owner_id: "111111111111"}, tags: {"aws:cloudformation:stack-name": web-stack}}
          - {vpc: prod, groups: [default, web], interface_type: lambda, requester_managed: true, description: "AWS Lambda VPC ENI-api-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
          - {vpc: prod, description: RDSNetworkInterface, requester_id: amazon-rds, requester_managed: true}
        lambda_functions: [{name: api, vpc: prod, groups: [default, web]}]
        codebuild_projects: [{name: deploy, vpc: prod, groups: [default]}]
        ecs_clusters: [{name: main, services: [{name: worker, vpc: prod, groups: [default, web]}]}]
        launch_templates: [{name: app-lt, id: lt-0abc, versions: [{vpc: prod, groups: [default, web]}]}]
        load_balancers:
          - {name: alb, vpc: prod, groups: [default, web]}
          - {name: clb, type: classic, vpc: prod, groups: [default]}
        db_instances: [{name: pg, vpc: prod}]
        sagemaker_notebook_instances: [{name: lab, vpc: prod, groups: [default]}]
      us-east-1:
        vpcs: [{name: data, cidr: 10.20.0.0/16}]
        security_groups: [{name: app, vpc: data}]
        db_clusters: [{name: aurora, vpc: data, groups: [default, app]}]
        cache_clusters: [{name: redis, vpc: data}]
        redshift_clusters: [{name: wh, vpc: data}]
        redshift_endpoints: [{name: reports, cluster: wh, vpc: data, groups: [default, app]}]
        efs_file_systems: [{name: shared, mount_targets: [{vpc: data}]}]
        vpc_endpoints: [{id: vpce-0abc, vpc: data, service: com.amazonaws.us-east-1.ssm}]
        dms_replication_configs: [{name: migrate, vpc: data, groups: [default, app]}, {name: idle, vpc: data}]
regions: [us-east-1, eu-west-1]
`

// memberships is every interface's groups and every default-group user, by
// name: what a rollback must give back exactly.
func memberships(t *testing.T, ep endpoint, dir string) (map[string][]string, []string) {
	t.Helper()
	enis := map[string][]string{}
	for _, region := range []string{"eu-west-1", "us-east-1"} {
		for _, n := range ep.Sim.NetworkInterfaces("111111111111", region) {
			enis[n.ID] = n.Groups
		}
	}
	r := run(t, ep, dir, nil, "usage", "-o", "json")
	var rep struct {
		Groups []struct {
			Users []struct {
				GroupID      string `json:"group_id"`
				ResourceType string `json:"resource_type"`
				ResourceID   string `json:"resource_id"`
				Detail       string `json:"detail"`
			} `json:"users"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("usage json: %v\n%s", err, r.Stdout)
	}
	var users []string
	for _, g := range rep.Groups {
		for _, u := range g.Users {
			// A rollback of an ECS service is a new deployment, with a new id.
			detail := ecsDeployment.ReplaceAllString(u.Detail, "ecs-svc/…")
			users = append(users, u.GroupID+" "+u.ResourceType+" "+u.ResourceID+" "+detail)
		}
	}
	sort.Strings(users)
	return enis, users
}

func TestApplyMovesEveryInPlaceKindThroughItsServiceAndRollsBack(t *testing.T) {
	ep := startSim(t, servicesScenario)
	dir := t.TempDir()
	enisBefore, usersBefore := memberships(t, ep, dir)
	if !strings.Contains(strings.Join(usersBefore, "\n"), "Redshift-managed VPC endpoint reports endpoint of cluster wh, active") {
		t.Fatalf("the Redshift-managed endpoint is not a user before apply: %q", usersBefore)
	}
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "plan")
	for _, want := range []string{"lambda:UpdateFunctionConfiguration", "codebuild:UpdateProject", "ecs:UpdateService",
		"ec2:CreateLaunchTemplateVersion", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
		"rds:ModifyDBInstance", "rds:ModifyDBCluster", "elasticache:ModifyCacheCluster", "redshift:ModifyCluster", "redshift:ModifyEndpointAccess",
		"elasticfilesystem:ModifyMountTargetSecurityGroups", "ec2:ModifyVpcEndpoint", "ec2:ModifyNetworkInterfaceAttribute", "dms:ModifyReplicationConfig",
		`stack "web-stack"`, "cannot change its security groups in place"} {
		if !strings.Contains(r.Stdout+r.Stderr, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("plan:\n%s\n%s", r.Stdout, r.Stderr)
	}

	// A dry run changes nothing: every mutating call it makes is a DryRun.
	dryRunChangesNothing(t, ep, dir)

	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	_, usersAfter := memberships(t, ep, dir)
	// Only the manual steps are left on a default group (and the launch
	// template's immutable first version).
	for _, u := range usersAfter {
		if !strings.Contains(u, "i-0bbbbbbbbbbbbbbb2") && !strings.Contains(u, "lab") && !strings.Contains(u, "Launch template") &&
			!strings.Contains(u, "Security group rule") {
			t.Errorf("still on a default group after apply: %s", u)
		}
	}
	if t.Failed() {
		t.Fatalf("apply output:\n%s", r.Stdout)
	}
	v := run(t, ep, dir, nil, "verify", "plan.json")
	if v.Code != 3 || strings.Contains(v.Stdout, "DIFFERENT") {
		t.Fatalf("verify: exit %d (want 3: manual users remain, no flow lost)\n%s\n%s", v.Code, v.Stdout, v.Stderr)
	}
	mustContain(t, "verify", v.Stdout, "Lambda function api", "RDS DB cluster aurora", "equivalent")

	// Step 6: close revokes every default group nothing uses any more — all of
	// us-east-1 — and refuses eu-west-1's prod group, whose manual users remain.
	if c := run(t, ep, dir, nil, "close", "--yes"); c.Code != 5 {
		t.Fatalf("close: exit %d, want 5 (prod's manual users)\n%s\n%s", c.Code, c.Stdout, c.Stderr)
	}
	if a := run(t, ep, dir, nil, "audit", "--regions", "us-east-1"); a.Code != 0 {
		t.Fatalf("audit us-east-1 after close: exit %d\n%s", a.Code, a.Stdout)
	}

	rollBack(t, ep, dir)
	membershipsRestored(t, ep, dir, enisBefore, usersBefore)
}

// dryRunChangesNothing applies plan.json with --dry-run: every mutating
// call it makes must be a DryRun.
func dryRunChangesNothing(t *testing.T, ep endpoint, dir string) {
	t.Helper()
	ep.Sim.ResetCalls()
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--dry-run"); r.Code != 0 {
		t.Fatalf("dry run: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating && !c.DryRun {
			t.Fatalf("dry run changed something: %+v", c)
		}
	}
}

// rollBack rolls back plan.json.journal.
func rollBack(t *testing.T, ep endpoint, dir string) {
	t.Helper()
	if r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms"); r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
}

// membershipsRestored checks, after a rollback, that the default groups'
// users and every interface's groups are as memberships read them before.
func membershipsRestored(t *testing.T, ep endpoint, dir string, enisBefore map[string][]string, usersBefore []string) {
	t.Helper()
	enisBack, usersBack := memberships(t, ep, dir)
	if !reflect.DeepEqual(usersBack, usersBefore) {
		t.Fatalf("rollback did not restore the users:\nbefore %q\nafter  %q", usersBefore, usersBack)
	}
	for id, groups := range enisBefore {
		if !reflect.DeepEqual(sortedCopy(enisBack[id]), sortedCopy(groups)) {
			t.Errorf("interface %s: groups %v after rollback, want %v", id, enisBack[id], groups)
		}
	}
}

var ecsDeployment = regexp.MustCompile(`ecs-svc/[\w-]+`)

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// Asynchronous changes are reported pending, not waited on forever: with no
// time to wait, apply exits 4 naming them; run again, it changes nothing
// more and finds them in effect.
func TestApplyReportsChangesStillTakingEffect(t *testing.T) {
	ep := startSim(t, servicesScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--out", "plan.json")
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--wait", "0")
	if r.Code != 4 {
		t.Fatalf("apply --wait 0: exit %d, want 4\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "apply", r.Stdout, "pending", "RDS DB instance pg: status modifying", "ECS service main/worker: deployment")
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

// A kill between a move's journaled intent and its call, or between the
// call and its done record, then apply again: the run converges, and the
// rollback still restores every membership exactly (from the first intent,
// the state before any change).
func TestApplyServicesCrashThenResumeThenRollback(t *testing.T) {
	for _, spec := range []string{"apply:after-intent:1", "apply:after-intent:6", "apply:after-intent:11",
		"apply:after-call:6", "apply:after-call:10", "apply:after-call:15"} {
		t.Run(strings.ReplaceAll(spec, ":", "_"), func(t *testing.T) {
			ep := startSim(t, servicesScenario)
			dir := t.TempDir()
			enisBefore, usersBefore := memberships(t, ep, dir)
			run(t, ep, dir, nil, "plan", "--out", "plan.json")
			if r := run(t, ep, dir, []string{"DEFAULTSG_CRASHPOINT=" + spec}, "apply", "plan.json", "--yes", "--poll", "10ms"); r.Code != -1 {
				t.Fatalf("not killed at %s: exit %d\n%s", spec, r.Code, r.Stderr)
			}
			if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms"); r.Code != 0 {
				t.Fatalf("resume: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
			}
			if n := len(replacements(t, ep, "eu-west-1")) + len(replacements(t, ep, "us-east-1")); n != 2 {
				t.Fatalf("%d replacement groups, want 2", n)
			}
			_, usersAfter := memberships(t, ep, dir)
			for _, u := range usersAfter {
				if !strings.Contains(u, "i-0bbbbbbbbbbbbbbb2") && !strings.Contains(u, "lab") && !strings.Contains(u, "Launch template") &&
					!strings.Contains(u, "Security group rule") {
					t.Errorf("still on a default group after resume: %s", u)
				}
			}
			rollBack(t, ep, dir)
			membershipsRestored(t, ep, dir, enisBefore, usersBefore)
		})
	}
}
