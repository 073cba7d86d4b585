package sim

import (
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"
	"github.com/aws/aws-sdk-go-v2/service/mwaa"
	mwaatypes "github.com/aws/aws-sdk-go-v2/service/mwaa/types"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	ostypes "github.com/aws/aws-sdk-go-v2/service/opensearch/types"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	pipestypes "github.com/aws/aws-sdk-go-v2/service/pipes/types"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/smithy-go/middleware"
)

// The update calls of issue 15's in-place movers: each changes the
// resource (and its interfaces, where it has some) or answers AWS's
// validation error.

const inPlaceScenario = `
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
          - {name: far2, id: sg-0f2}
        glue_connections: [{name: jdbc, groups: [default, web]}]
        dms_replication_instances: [{name: dms, groups: [default, web]}]
        opensearch_domains: [{name: search, groups: [default, web]}]
        mwaa_environments: [{name: flow, groups: [default, web]}]
        batch_compute_environments: [{name: fg, groups: [default, web]}, {name: ec2, launch_template: lt, groups: [default]}]
        client_vpn_endpoints: [{id: cvpn-endpoint-0123456789abcdef0, groups: [default, web]}]
        eks_clusters: [{name: kube, groups: [default, web], cluster_group: far2}]
        network_interfaces:
          - {id: eni-00000000000000001, description: Amazon EKS kube, groups: [far2, default, web], requester_managed: true}
          - {id: eni-00000000000000002, description: DMSNetworkInterface, groups: [default, web], requester_managed: true}
          - {id: eni-00000000000000003, description: ES search, groups: [default, web], requester_managed: true}
          - {id: eni-00000000000000004, description: ClientVPN Endpoint Interface for cvpn-endpoint-0123456789abcdef0, groups: [default, web], requester_managed: true}
        schedules: [{name: sched, group: jobs, groups: [default, web]}]
        pipes: [{name: orders, groups: [default, web]}]
        event_rules: [{name: nightly, schedule: rate(1 day), ecs_targets: [{id: t1, groups: [default, web]}, {id: t2}]}]
`

// UpdateConnection replaces the whole definition: what the request leaves
// out (here the password) is gone.
func TestUpdateGlueConnection(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := glue.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	c := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})).Connection
	if c.ConnectionProperties["PASSWORD"] == "" {
		t.Fatalf("GetConnection without HidePassword has no password: %v", c.ConnectionProperties)
	}
	if h := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc"), HidePassword: true})); h.Connection.ConnectionProperties["PASSWORD"] != "" {
		t.Fatal("HidePassword returned the password")
	}
	req := *c.PhysicalConnectionRequirements
	update := func(groups []string, props map[string]string) error {
		req.SecurityGroupIdList = groups
		_, err := api.UpdateConnection(cx, &glue.UpdateConnectionInput{Name: aws.String("jdbc"), ConnectionInput: &gluetypes.ConnectionInput{
			Name: c.Name, ConnectionType: c.ConnectionType, Description: c.Description, ConnectionProperties: props, PhysicalConnectionRequirements: &req}})
		return err
	}
	must[any](t)(nil, update([]string{"sg-0eb"}, c.ConnectionProperties))
	got := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})).Connection
	if !reflect.DeepEqual(got.PhysicalConnectionRequirements.SecurityGroupIdList, []string{"sg-0eb"}) ||
		!reflect.DeepEqual(got.ConnectionProperties, c.ConnectionProperties) || aws.ToString(got.Description) != aws.ToString(c.Description) {
		t.Fatalf("after UpdateConnection: %+v %v", got.PhysicalConnectionRequirements, got.ConnectionProperties)
	}
	wantCode(t, update([]string{"sg-0fa"}, c.ConnectionProperties), "InvalidInputException")
	wantCode(t, update([]string{"sg-0nope"}, c.ConnectionProperties), "InvalidInputException")
	must[any](t)(nil, update([]string{"sg-0eb"}, map[string]string{"JDBC_CONNECTION_URL": c.ConnectionProperties["JDBC_CONNECTION_URL"]}))
	if got := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})).Connection; got.ConnectionProperties["PASSWORD"] != "" {
		t.Fatal("a property left out of UpdateConnection was kept")
	}
	_, err := api.UpdateConnection(cx, &glue.UpdateConnectionInput{Name: aws.String("nope"), ConnectionInput: &gluetypes.ConnectionInput{
		Name: aws.String("nope"), ConnectionType: c.ConnectionType, ConnectionProperties: c.ConnectionProperties}})
	wantCode(t, err, "EntityNotFoundException")
}

// PutTargets replaces the target with the same Id whole and keeps the
// others; a rule holds at most 5 targets.
func TestPutTargets(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := eventbridge.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	list := func() []ebtypes.Target {
		return must[*eventbridge.ListTargetsByRuleOutput](t)(api.ListTargetsByRule(cx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("nightly")})).Targets
	}
	before := list()
	tg := before[0]
	tg.EcsParameters.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups = []string{"sg-0eb"}
	out := must[*eventbridge.PutTargetsOutput](t)(api.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: aws.String("nightly"), Targets: []ebtypes.Target{tg}}))
	if out.FailedEntryCount != 0 {
		t.Fatalf("failed entries %+v", out.FailedEntries)
	}
	after := list()
	if len(after) != 2 || !reflect.DeepEqual(after[0], tg) || !reflect.DeepEqual(after[1], before[1]) {
		t.Fatalf("after PutTargets: %+v", after)
	}
	_, err := api.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: aws.String("nope"), Targets: []ebtypes.Target{tg}})
	wantCode(t, err, "ResourceNotFoundException")
	var many []ebtypes.Target
	for _, id := range []string{"a", "b", "c", "d"} {
		many = append(many, ebtypes.Target{Id: aws.String(id), Arn: aws.String("arn:aws:sqs:us-east-1:111111111111:q")})
	}
	_, err = api.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: aws.String("nightly"), Targets: many})
	wantCode(t, err, "LimitExceededException")
}

// UpdateSchedule overrides the whole schedule: a member left out (here the
// description) is gone; a StartDate in the past is refused.
func TestUpdateSchedule(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := scheduler.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	get := func() *scheduler.GetScheduleOutput {
		return must[*scheduler.GetScheduleOutput](t)(api.GetSchedule(cx, &scheduler.GetScheduleInput{Name: aws.String("sched"), GroupName: aws.String("jobs")}))
	}
	cur := get()
	tg := *cur.Target
	tg.EcsParameters.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups = []string{"sg-0eb"}
	in := &scheduler.UpdateScheduleInput{Name: cur.Name, GroupName: cur.GroupName, Target: &tg, Description: aws.String("moved"),
		FlexibleTimeWindow: cur.FlexibleTimeWindow, ScheduleExpression: cur.ScheduleExpression, State: cur.State}
	must[*scheduler.UpdateScheduleOutput](t)(api.UpdateSchedule(cx, in))
	got := get()
	if !reflect.DeepEqual(got.Target, &tg) || aws.ToString(got.Description) != "moved" || aws.ToString(got.ScheduleExpression) != aws.ToString(cur.ScheduleExpression) {
		t.Fatalf("after UpdateSchedule: %+v %+v", got, got.Target)
	}
	in.Description = nil
	must[*scheduler.UpdateScheduleOutput](t)(api.UpdateSchedule(cx, in))
	if got := get(); got.Description != nil {
		t.Fatal("a member left out of UpdateSchedule was kept")
	}
	past := time.Now().Add(-time.Hour)
	in.StartDate = &past
	_, err := api.UpdateSchedule(cx, in)
	wantCode(t, err, "ValidationException")
	in.StartDate, in.GroupName = nil, aws.String("nope")
	_, err = api.UpdateSchedule(cx, in)
	wantCode(t, err, "ResourceNotFoundException")
}

// UpdatePipe keeps the members it is not given, replaces EcsTaskParameters
// whole, and leaves the pipe UPDATING for one read; another update
// meanwhile is a conflict.
func TestUpdatePipe(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := pipes.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	get := func() *pipes.DescribePipeOutput {
		return must[*pipes.DescribePipeOutput](t)(api.DescribePipe(cx, &pipes.DescribePipeInput{Name: aws.String("orders")}))
	}
	cur := get()
	tp := *cur.TargetParameters
	ecs := *tp.EcsTaskParameters
	ecs.NetworkConfiguration = &pipestypes.NetworkConfiguration{AwsvpcConfiguration: &pipestypes.AwsVpcConfiguration{
		Subnets: cur.TargetParameters.EcsTaskParameters.NetworkConfiguration.AwsvpcConfiguration.Subnets, SecurityGroups: []string{"sg-0eb"}}}
	tp.EcsTaskParameters = &ecs
	in := &pipes.UpdatePipeInput{Name: aws.String("orders"), RoleArn: cur.RoleArn, TargetParameters: &tp}
	must[*pipes.UpdatePipeOutput](t)(api.UpdatePipe(cx, in))
	_, err := api.UpdatePipe(cx, in)
	wantCode(t, err, "ConflictException")
	if got := get(); got.CurrentState != pipestypes.PipeStateUpdating || !reflect.DeepEqual(got.TargetParameters, &tp) ||
		aws.ToString(got.Target) != aws.ToString(cur.Target) || aws.ToString(got.Source) != aws.ToString(cur.Source) {
		t.Fatalf("after UpdatePipe: %s %+v", got.CurrentState, got)
	}
	if got := get(); got.CurrentState != pipestypes.PipeStateRunning {
		t.Fatalf("still %s", got.CurrentState)
	}
	_, err = api.UpdatePipe(cx, &pipes.UpdatePipeInput{Name: aws.String("nope"), RoleArn: cur.RoleArn})
	wantCode(t, err, "NotFoundException")
}

// UpdateClusterConfig changes the additional groups asynchronously: the
// cluster is UPDATING for one read, another update meanwhile is in use;
// the control plane's interfaces keep the cluster group and take the new
// additional groups.
func TestUpdateClusterConfig(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := eks.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	update := func(name string, groups ...string) error {
		_, err := api.UpdateClusterConfig(cx, &eks.UpdateClusterConfigInput{Name: aws.String(name),
			ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SecurityGroupIds: groups}})
		return err
	}
	wantCode(t, update("kube", "sg-0fa"), "InvalidParameterException")
	must[any](t)(nil, update("kube", "sg-0eb"))
	wantCode(t, update("kube", "sg-0def"), "ResourceInUseException")
	for _, want := range []ekstypes.ClusterStatus{ekstypes.ClusterStatusUpdating, ekstypes.ClusterStatusActive} {
		c := must[*eks.DescribeClusterOutput](t)(api.DescribeCluster(cx, &eks.DescribeClusterInput{Name: aws.String("kube")})).Cluster
		if c.Status != want || !reflect.DeepEqual(c.ResourcesVpcConfig.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("cluster %s %v, want %s [sg-0eb]", c.Status, c.ResourcesVpcConfig.SecurityGroupIds, want)
		}
	}
	if got := s.NetworkInterfaces(acct, "us-east-1")[0].Groups; !reflect.DeepEqual(got, []string{"sg-0f2", "sg-0eb"}) {
		t.Fatalf("control plane interface groups %v", got)
	}
	wantCode(t, update("nope", "sg-0eb"), "ResourceNotFoundException")
}

// ModifyReplicationInstance leaves the instance "modifying" for one read,
// refuses another change meanwhile, and moves DMS's interface.
func TestModifyReplicationInstance(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := dms.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	ri := must[*dms.DescribeReplicationInstancesOutput](t)(api.DescribeReplicationInstances(cx, &dms.DescribeReplicationInstancesInput{})).ReplicationInstances[0]
	modify := func(arn string, groups ...string) error {
		_, err := api.ModifyReplicationInstance(cx, &dms.ModifyReplicationInstanceInput{ReplicationInstanceArn: aws.String(arn), VpcSecurityGroupIds: groups, ApplyImmediately: true})
		return err
	}
	wantCode(t, modify(*ri.ReplicationInstanceArn, "sg-0fa"), "ValidationException")
	must[any](t)(nil, modify(*ri.ReplicationInstanceArn, "sg-0eb"))
	wantCode(t, modify(*ri.ReplicationInstanceArn, "sg-0def"), "InvalidResourceStateFault")
	for _, want := range []string{"modifying", "available"} {
		ri := must[*dms.DescribeReplicationInstancesOutput](t)(api.DescribeReplicationInstances(cx, &dms.DescribeReplicationInstancesInput{})).ReplicationInstances[0]
		if aws.ToString(ri.ReplicationInstanceStatus) != want || len(ri.VpcSecurityGroups) != 1 || aws.ToString(ri.VpcSecurityGroups[0].VpcSecurityGroupId) != "sg-0eb" {
			t.Fatalf("instance %s %+v, want %s", aws.ToString(ri.ReplicationInstanceStatus), ri.VpcSecurityGroups, want)
		}
	}
	if got := s.NetworkInterfaces(acct, "us-east-1")[1].Groups; !reflect.DeepEqual(got, []string{"sg-0eb"}) {
		t.Fatalf("DMS interface groups %v", got)
	}
	wantCode(t, modify("arn:aws:dms:us-east-1:111111111111:rep:NOPE", "sg-0eb"), "ResourceNotFoundFault")
}

// UpdateDomainConfig VPCOptions: Processing for one read (a blue/green
// deployment in AWS), another change meanwhile refused, the domain's
// interfaces moved.
func TestUpdateDomainConfig(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := opensearch.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	describe := func() ostypes.DomainStatus {
		return must[*opensearch.DescribeDomainsOutput](t)(api.DescribeDomains(cx, &opensearch.DescribeDomainsInput{DomainNames: []string{"search"}})).DomainStatusList[0]
	}
	subnets := describe().VPCOptions.SubnetIds
	update := func(name string, groups ...string) error {
		_, err := api.UpdateDomainConfig(cx, &opensearch.UpdateDomainConfigInput{DomainName: aws.String(name),
			VPCOptions: &ostypes.VPCOptions{SubnetIds: subnets, SecurityGroupIds: groups}})
		return err
	}
	wantCode(t, update("search", "sg-0fa"), "ValidationException")
	must[any](t)(nil, update("search", "sg-0eb"))
	wantCode(t, update("search", "sg-0def"), "ValidationException")
	for _, want := range []bool{true, false} {
		if d := describe(); aws.ToBool(d.Processing) != want || !reflect.DeepEqual(d.VPCOptions.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("domain processing %v %v, want %v", aws.ToBool(d.Processing), d.VPCOptions.SecurityGroupIds, want)
		}
	}
	if got := s.NetworkInterfaces(acct, "us-east-1")[2].Groups; !reflect.DeepEqual(got, []string{"sg-0eb"}) {
		t.Fatalf("domain interface groups %v", got)
	}
	wantCode(t, update("nope", "sg-0eb"), "ResourceNotFoundException")
}

// UpdateEnvironment: UPDATING for one read, an update meanwhile refused,
// 1 to 5 groups of the environment's VPC.
func TestUpdateMWAAEnvironment(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api := mwaa.NewFromConfig(sdkConfig(s, acct, "us-east-1"), func(o *mwaa.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			_, err := st.Finalize.Remove("EndpointHostPrefix")
			return err
		})
	})
	cx := ctxT(t)
	update := func(name string, groups ...string) error {
		_, err := api.UpdateEnvironment(cx, &mwaa.UpdateEnvironmentInput{Name: aws.String(name),
			NetworkConfiguration: &mwaatypes.UpdateNetworkConfigurationInput{SecurityGroupIds: groups}})
		return err
	}
	wantCode(t, update("flow", "sg-0fa"), "ValidationException")
	must[any](t)(nil, update("flow", "sg-0eb"))
	wantCode(t, update("flow", "sg-0def"), "ValidationException")
	for _, want := range []mwaatypes.EnvironmentStatus{mwaatypes.EnvironmentStatusUpdating, mwaatypes.EnvironmentStatusAvailable} {
		env := must[*mwaa.GetEnvironmentOutput](t)(api.GetEnvironment(cx, &mwaa.GetEnvironmentInput{Name: aws.String("flow")})).Environment
		if env.Status != want || !reflect.DeepEqual(env.NetworkConfiguration.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("environment %s %v, want %s", env.Status, env.NetworkConfiguration.SecurityGroupIds, want)
		}
	}
	wantCode(t, update("nope", "sg-0eb"), "ResourceNotFoundException")
}

// UpdateComputeEnvironment changes a Fargate environment's groups
// (UPDATING for one read) and refuses the EC2 one, which stands for an
// environment AWS cannot give an infrastructure update.
func TestUpdateComputeEnvironment(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := batch.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	update := func(name string, groups ...string) error {
		_, err := api.UpdateComputeEnvironment(cx, &batch.UpdateComputeEnvironmentInput{ComputeEnvironment: aws.String(name),
			ComputeResources: &batchtypes.ComputeResourceUpdate{SecurityGroupIds: groups}})
		return err
	}
	wantCode(t, update("fg", "sg-0fa"), "ClientException")
	wantCode(t, update("ec2", "sg-0eb"), "ClientException")
	must[any](t)(nil, update("fg", "sg-0eb"))
	wantCode(t, update("fg", "sg-0def"), "ClientException")
	for _, want := range []batchtypes.CEStatus{batchtypes.CEStatusUpdating, batchtypes.CEStatusValid} {
		ce := must[*batch.DescribeComputeEnvironmentsOutput](t)(api.DescribeComputeEnvironments(cx, &batch.DescribeComputeEnvironmentsInput{ComputeEnvironments: []string{"fg"}})).ComputeEnvironments[0]
		if ce.Status != want || !reflect.DeepEqual(ce.ComputeResources.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("environment %s %v, want %s", ce.Status, ce.ComputeResources.SecurityGroupIds, want)
		}
	}
	wantCode(t, update("nope", "sg-0eb"), "ClientException")
}

// ApplySecurityGroupsToClientVpnTargetNetwork replaces the endpoint's
// groups and its interfaces' and needs the endpoint's VPC.
func TestApplySecurityGroupsToClientVpnTargetNetwork(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := ec2.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	ep := must[*ec2.DescribeClientVpnEndpointsOutput](t)(api.DescribeClientVpnEndpoints(cx, &ec2.DescribeClientVpnEndpointsInput{})).ClientVpnEndpoints[0]
	apply := func(vpc string, groups ...string) error {
		_, err := api.ApplySecurityGroupsToClientVpnTargetNetwork(cx, &ec2.ApplySecurityGroupsToClientVpnTargetNetworkInput{
			ClientVpnEndpointId: ep.ClientVpnEndpointId, VpcId: aws.String(vpc), SecurityGroupIds: groups})
		return err
	}
	wantCode(t, apply(*ep.VpcId, "sg-0fa"), "InvalidGroup.NotFound")
	must[any](t)(nil, apply(*ep.VpcId, "sg-0eb"))
	got := must[*ec2.DescribeClientVpnEndpointsOutput](t)(api.DescribeClientVpnEndpoints(cx, &ec2.DescribeClientVpnEndpointsInput{})).ClientVpnEndpoints[0]
	if !reflect.DeepEqual(got.SecurityGroupIds, []string{"sg-0eb"}) {
		t.Fatalf("endpoint groups %v", got.SecurityGroupIds)
	}
	if g := s.NetworkInterfaces(acct, "us-east-1")[3].Groups; !reflect.DeepEqual(g, []string{"sg-0eb"}) {
		t.Fatalf("endpoint interface groups %v", g)
	}
	_, err := api.ApplySecurityGroupsToClientVpnTargetNetwork(cx, &ec2.ApplySecurityGroupsToClientVpnTargetNetworkInput{
		ClientVpnEndpointId: aws.String("cvpn-endpoint-0000000000000000f"), VpcId: ep.VpcId, SecurityGroupIds: []string{"sg-0eb"}})
	wantCode(t, err, "InvalidClientVpnEndpointId.NotFound")
}
