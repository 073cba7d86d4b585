package e2e

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/smithy-go/middleware"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/services"
)

// inPlaceBScenario has a default-group user of every kind that the second
// part of issue 15 moved from a manual step to a mover, each keeping
// another group.
const inPlaceBScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIAINPLACEB0000001
    resources:
      eu-west-1:
        vpcs: [{name: prod, cidr: 10.10.0.0/16}]
        security_groups: [{name: web, vpc: prod}]
        serverless_caches: [{name: sessions, vpc: prod, groups: [default, web]}]
        memorydb_clusters: [{name: mem, vpc: prod, groups: [default, web]}]
        lattice_vpc_associations: [{network: mesh, vpc: prod, groups: [default, web]}]
        lattice_resource_gateways: [{name: gw, vpc: prod, groups: [default, web]}]
        imagebuilder_infrastructure_configurations: [{name: builds, vpc: prod, groups: [default, web]}, {name: subnet-only, vpc: prod}]
        sagemaker_domains: [{name: studio, vpc: prod, groups: [default, web], space_groups: [default], domain_groups: [web]}]
        sagemaker_user_profiles: [{name: ana, domain: studio, groups: [default, web]}]
        flink_applications: [{name: stream, vpc: prod, status: running, groups: [default, web]}]
        emrserverless_applications: [{name: etl, vpc: prod, groups: [default, web]}, {name: bare, vpc: prod, groups: []}]
        lambda_event_source_mappings:
          - {function: consumer, vpc: prod, groups: [default, web], auth: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:kafka"}
          - {function: bare, vpc: prod}
      us-east-1:
        vpcs: [{name: data, cidr: 10.20.0.0/16}]
regions: [us-east-1, eu-west-1]
`

// inPlaceBMovers are, for each user of the scenario as memberships prints
// it, the call the plan names for it and what apply --wait 0 reports still
// taking effect ("" for a change in effect at once).
var inPlaceBMovers = []struct{ user, api, pending string }{
	{"ElastiCache serverless cache sessions", "elasticache:ModifyServerlessCache", "ElastiCache serverless cache sessions: status modifying"},
	{"MemoryDB cluster mem", "memorydb:UpdateCluster", "MemoryDB cluster mem: status updating"},
	{"Lambda event source mapping ", "lambda:UpdateEventSourceMapping", ": state Updating"},
	{"EMR Serverless application ", "emr-serverless:UpdateApplication", ""},
	{"Managed Service for Apache Flink application stream", "kinesisanalytics:UpdateApplication (a running application restarts)", "Managed Service for Apache Flink application stream: status UPDATING"},
	{"SageMaker user profile ", "sagemaker:UpdateUserProfile", "/ana: status Updating"},
	{"SageMaker domain studio", "sagemaker:UpdateDomain", "SageMaker domain studio: status Updating"},
	{"Image Builder infrastructure configuration builds", "imagebuilder:UpdateInfrastructureConfiguration", ""},
	{"VPC Lattice service network VPC association ", "vpc-lattice:UpdateServiceNetworkVpcAssociation", ": status UPDATE_IN_PROGRESS"},
	{"VPC Lattice resource gateway ", "vpc-lattice:UpdateResourceGateway", ": status UPDATE_IN_PROGRESS"},
}

func TestApplyMovesIssue15PartBKindsAndRollsBack(t *testing.T) {
	ep := startSim(t, inPlaceBScenario)
	dir := t.TempDir()
	enisBefore, usersBefore := memberships(t, ep, dir)
	for _, m := range inPlaceBMovers {
		if !strings.Contains(strings.Join(usersBefore, "\n"), m.user) {
			t.Errorf("usage does not find %q:\n%s", m.user, strings.Join(usersBefore, "\n"))
		}
	}
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "plan")
	// Interfaces that name no owner (a serverless cache's endpoint) stay
	// manual steps in the plan; the move takes them along.
	for _, m := range inPlaceBMovers {
		mustContain(t, "plan", r.Stdout+r.Stderr, "move "+m.user)
		mustContain(t, "plan", r.Stdout+r.Stderr, "via "+m.api)
	}

	resourcesBefore := inPlaceBResources(t, ep)

	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	def := defaultGroupOf(t, usersBefore)
	enisAfter, usersAfter := memberships(t, ep, dir)
	for _, u := range usersAfter {
		if !strings.Contains(u, "Security group rule") {
			t.Errorf("still on a default group after apply: %s", u)
		}
	}
	for id, groups := range enisAfter {
		if slices.Contains(groups, def) {
			t.Errorf("interface %s still in the default group after apply: %v", id, groups)
		}
	}
	if t.Failed() {
		t.Fatalf("apply output:\n%s", r.Stdout)
	}

	rollBack(t, ep, dir)
	membershipsRestored(t, ep, dir, enisBefore, usersBefore)
	if back := inPlaceBResources(t, ep); !reflect.DeepEqual(back, resourcesBefore) {
		t.Errorf("rollback did not restore the resources whole:\nbefore %v\nafter  %v", resourcesBefore, back)
	}
}

// inPlaceBResources is what the movers send back whole besides the groups
// (an event source mapping's secret and subnets), read through the
// services' APIs: a rollback must leave them as they were.
func inPlaceBResources(t *testing.T, ep endpoint) map[string]string {
	t.Helper()
	cfg := awsx.StaticConfig(ep.URL, "eu-west-1", ep.AccessKey, "test-secret")
	cx := context.Background()
	out := map[string]string{}
	esm, err := lambda.NewFromConfig(cfg).ListEventSourceMappings(cx, &lambda.ListEventSourceMappingsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range esm.EventSourceMappings {
		out["lambda "+aws.ToString(m.UUID)] = jsonOf(t, m.SourceAccessConfigurations)
	}
	ib := imagebuilder.NewFromConfig(cfg)
	confs, err := ib.ListInfrastructureConfigurations(cx, &imagebuilder.ListInfrastructureConfigurationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range confs.InfrastructureConfigurationSummaryList {
		got, err := ib.GetInfrastructureConfiguration(cx, &imagebuilder.GetInfrastructureConfigurationInput{InfrastructureConfigurationArn: c.Arn})
		if err != nil {
			t.Fatal(err)
		}
		got.ResultMetadata, got.RequestId = middleware.Metadata{}, nil
		out["imagebuilder "+aws.ToString(c.Name)] = jsonOf(t, got)
	}
	emr := emrserverless.NewFromConfig(cfg)
	apps, err := emr.ListApplications(cx, &emrserverless.ListApplicationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range apps.Applications {
		got, err := emr.GetApplication(cx, &emrserverless.GetApplicationInput{ApplicationId: a.Id})
		if err != nil {
			t.Fatal(err)
		}
		out["emr-serverless "+aws.ToString(a.Name)] = jsonOf(t, got.Application.NetworkConfiguration)
	}
	return out
}

// The asynchronous changes are reported pending with no time to wait;
// applied again, nothing more is changed and every one is in effect. The
// apply and rollback policies cover every call made.
func TestApplyIssue15PartBPendingIdempotentAndCoveredByPolicy(t *testing.T) {
	ep := startSim(t, inPlaceBScenario)
	dir := t.TempDir()
	run(t, ep, dir, nil, "plan", "--out", "plan.json")
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--wait", "0")
	if r.Code != 4 {
		t.Fatalf("apply --wait 0: exit %d, want 4\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	for _, m := range inPlaceBMovers {
		if m.pending != "" {
			mustContain(t, "apply", r.Stdout, m.pending)
		}
	}
	checkPolicy := func(policy string) {
		t.Helper()
		allowed, err := iampolicy.Actions(policy, services.Finders(), iampolicy.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, call := range ep.Sim.Calls() {
			if action := call.Service + ":" + call.Action; !slices.Contains(allowed, action) {
				t.Errorf("%s called %s, which its policy does not grant", policy, action)
			}
		}
	}
	checkPolicy("apply")

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
	checkPolicy("apply")

	ep.Sim.ResetCalls()
	rollBack(t, ep, dir)
	changed := map[string]bool{}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			changed[c.Service+":"+c.Action] = true
		}
	}
	for _, m := range inPlaceBMovers {
		if action, _, _ := strings.Cut(m.api, " "); !changed[action] {
			t.Errorf("rollback did not call %s (called %v)", action, changed)
		}
	}
	checkPolicy("rollback")
}

// An EMR Serverless application can be updated only when CREATED or
// STOPPED: apply refuses a STARTED one before any change, saying what to
// do, and changes nothing else about it.
func TestApplyRefusesAStartedEMRServerlessApplication(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIAINPLACEB0000002
    resources:
      us-east-1:
        security_groups: [{name: web}]
        emrserverless_applications: [{name: live, state: started, groups: [default, web]}]
regions: [us-east-1]
`)
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 6 {
		t.Fatalf("apply: exit %d, want 6\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "apply", r.Stdout, "emr-serverless:UpdateApplication: application", "is STARTED", "emr-serverless:StopApplication")
	for _, c := range ep.Sim.Calls() {
		if c.Service == "emr-serverless" && c.Mutating {
			t.Fatalf("apply changed a STARTED application: %+v", c)
		}
	}
}

// A DMS Serverless replication config can be modified only while its
// replication has not started (or is created or failed): apply refuses the
// config whose replication runs, before any change, saying what to do, and
// never stops it; the others in the same group move. Rollback changes
// nothing of the refused one (it is as recorded) and restores the others.
func TestApplyRefusesADMSConfigWhoseReplicationRuns(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIAINPLACEB0000003
    resources:
      us-east-1:
        security_groups: [{name: web}]
        dms_replication_configs:
          - {name: live, groups: [default, web], replication: running}
          - {name: ready, groups: [default, web], replication: created}
          - {name: fresh}
regions: [us-east-1]
`)
	dir := t.TempDir()
	_, usersBefore := memberships(t, ep, dir)
	for _, want := range []string{"live", "ready", "fresh"} {
		if !strings.Contains(strings.Join(usersBefore, "\n"), "DMS Serverless replication config "+want) {
			t.Fatalf("usage does not find config %s:\n%s", want, strings.Join(usersBefore, "\n"))
		}
	}
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 6 {
		t.Fatalf("apply: exit %d, want 6\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "apply", r.Stdout, "dms:ModifyReplicationConfig: replication config live: its replication is running",
		"neither changes it nor stops it", "dms:StopReplication")
	modified := 0
	for _, c := range ep.Sim.Calls() {
		if c.Service == "dms" && c.Mutating {
			if c.Action != "ModifyReplicationConfig" {
				t.Fatalf("apply called dms:%s", c.Action)
			}
			modified++
		}
	}
	if modified != 2 {
		t.Fatalf("%d ModifyReplicationConfig calls, want 2 (ready and fresh; never live)", modified)
	}
	_, usersAfter := memberships(t, ep, dir)
	if left := strings.Join(usersAfter, "\n"); !strings.Contains(left, "DMS Serverless replication config live") ||
		strings.Contains(left, "config ready") || strings.Contains(left, "config fresh") {
		t.Fatalf("after apply, default-group users:\n%s", left)
	}

	ep.Sim.ResetCalls()
	rollBack(t, ep, dir)
	modified = 0
	for _, c := range ep.Sim.Calls() {
		if c.Service == "dms" && c.Mutating {
			modified++
		}
	}
	if modified != 2 {
		t.Fatalf("rollback made %d dms changes, want 2 (ready and fresh; live is as recorded)", modified)
	}
	if _, usersBack := memberships(t, ep, dir); !slices.Equal(usersBack, usersBefore) {
		t.Fatalf("rollback did not restore the users:\nbefore %q\nafter  %q", usersBefore, usersBack)
	}
}
