package e2e

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/emr"
	emrtypes "github.com/aws/aws-sdk-go-v2/service/emr/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kafka"
	kafkatypes "github.com/aws/aws-sdk-go-v2/service/kafka/types"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	mqtypes "github.com/aws/aws-sdk-go-v2/service/mq/types"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	ostypes "github.com/aws/aws-sdk-go-v2/service/opensearch/types"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	pipestypes "github.com/aws/aws-sdk-go-v2/service/pipes/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	schedtypes "github.com/aws/aws-sdk-go-v2/service/scheduler/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// motoServicesScenario is, for the simulator, what seedMotoServices
// creates in moto: a user of the default group for every finder moto
// serves that the other differential tests do not cover, and a schedule
// whose task names no group (so runs in the default one). The interface's
// RequesterId is the one moto gives every interface a caller creates (an
// IAM user's id, as AWS does).
const motoServicesScenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIAMOTOSERVICES01
    resources:
      us-east-1:
        security_groups:
          - {name: web, ingress: [{protocol: tcp, ports: 443, group: default}]}
        network_interfaces:
          - {description: mine, requester_id: AIDAIT2UOQQY3AUEMOTO, tags: {ManagedBy: Terraform}}
        vpc_endpoints:
          - {service: com.amazonaws.us-east-1.ssm, tags: {ManagedBy: Terraform}}
        event_rules:
          - {name: nightly, schedule: rate(1 day), ecs_targets: [{id: t1, cluster: jobs, groups: [default]}]}
        schedules:
          - {name: sched, cluster: jobs, groups: [default]}
          - {name: sched-nogroup, cluster: jobs}
        pipes: [{name: pipe, cluster: jobs, groups: [default]}]
        batch_compute_environments: [{name: compute, groups: [default]}]
        sagemaker_notebook_instances: [{name: nb, groups: [default]}]
        sagemaker_models: [{name: mdl, groups: [default]}]
        sagemaker_domains: [{name: dom, groups: [default]}]
        emr_clusters: [{name: emr, groups: [web], service_access: web, additional_master: [default]}]
        opensearch_domains: [{name: search}]
        msk_clusters:
          - {name: kafka, tags: {ManagedBy: Terraform}}
          - {name: kafka-sl, type: serverless}
        mq_brokers: [{name: orders, tags: {ManagedBy: Terraform}}]
regions: [us-east-1]
`

// generatedInDetail are the ids each system generates, as details show them.
var generatedInDetail = regexp.MustCompile(`\b(vpc|subnet|eni|sg|j|d)-[0-9A-Za-z]+\b`)

// servicesFinders are the finders compared here.
var servicesFinders = []string{"ec2-network-interfaces", "ec2-security-group-references", "ec2-vpc-endpoints",
	"eventbridge-ecs-targets", "scheduler-schedules", "eventbridge-pipes", "batch-compute-environments",
	"sagemaker-notebook-instances", "sagemaker-models", "sagemaker-domains", "emr-clusters", "opensearch-domains",
	"msk-clusters", "mq-brokers"}

func TestUsageMoreServicesAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	seedMotoServices(t, moto)
	views := map[string][]string{}
	for name, ep := range map[string]endpoint{"simulator": startSim(t, motoServicesScenario), "moto": moto} {
		rep, r := usageReport(t, ep)
		if r.Code != 3 && r.Code != 4 {
			t.Fatalf("%s: exit %d\n%s", name, r.Code, r.Stderr)
		}
		names, endpointENIs := stableNames(t, ep)
		for _, f := range servicesFinders {
			if c := rep.coverage(f); c != "checked" {
				t.Errorf("%s: %s coverage %s", name, f, c)
			}
			for _, g := range rep.Groups {
				for _, u := range g.Users {
					if u.Finder != f {
						continue
					}
					// moto gives an interface endpoint's interface no
					// description and RequesterManaged=false; on AWS it is
					// requester-managed, "VPC Endpoint Interface vpce-…"
					// (docs/FIDELITY.md), and belongs to the endpoint,
					// which ec2-vpc-endpoints reports. The simulator
					// creates no interface for a scenario endpoint.
					if f == "ec2-network-interfaces" && endpointENIs[u.ResourceID] {
						continue
					}
					// moto creates no interface for an Amazon MQ broker; AWS
					// does, in the broker's subnets (docs/FIDELITY.md), and
					// the simulator does too.
					if f == "ec2-network-interfaces" && u.ResourceKind == "mq.broker" {
						continue
					}
					id := u.ResourceID
					if n, ok := names[id]; ok {
						id = n
					}
					detail := generatedInDetail.ReplaceAllString(u.Detail, "$1-*")
					// moto echoes a domain's VPCOptions as given, without
					// the VPCId AWS derives (VPCDerivedInfo.VPCId in the
					// OpenSearch API reference); the simulator sends it.
					if name == "moto" && f == "opensearch-domains" && strings.HasSuffix(detail, "VPC endpoint in ") {
						detail += "vpc-*"
					}
					views[name] = append(views[name], f+" "+u.Kind+" "+u.ResourceKind+" "+id+" managed_by="+u.ManagedBy+" | "+detail)
				}
			}
		}
		sort.Strings(views[name])
	}
	t.Logf("users: %q", views["moto"])
	if !slices.Equal(views["simulator"], views["moto"]) {
		t.Fatalf("users differ\nsimulator: %q\nmoto:      %q", views["simulator"], views["moto"])
	}
	if len(views["moto"]) != 16 {
		t.Fatalf("want the 16 seeded users, got %d: %q", len(views["moto"]), views["moto"])
	}
}

// stableNames maps the ids each system generates (groups, interfaces,
// endpoints, brokers) to the names both were seeded with, and says which
// interfaces belong to an interface endpoint.
func stableNames(t *testing.T, ep endpoint) (map[string]string, map[string]bool) {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	names, endpointENIs := map[string]string{}, map[string]bool{}
	ec := ec2.NewFromConfig(cfg)
	sgs, err := ec.DescribeSecurityGroups(cx, &ec2.DescribeSecurityGroupsInput{})
	if err != nil {
		t.Fatalf("DescribeSecurityGroups: %v", err)
	}
	for _, g := range sgs.SecurityGroups {
		names[aws.ToString(g.GroupId)] = "group:" + aws.ToString(g.GroupName)
	}
	enis, err := ec.DescribeNetworkInterfaces(cx, &ec2.DescribeNetworkInterfacesInput{})
	if err != nil {
		t.Fatalf("DescribeNetworkInterfaces: %v", err)
	}
	for _, n := range enis.NetworkInterfaces {
		names[aws.ToString(n.NetworkInterfaceId)] = "interface:" + aws.ToString(n.Description)
	}
	eps, err := ec.DescribeVpcEndpoints(cx, &ec2.DescribeVpcEndpointsInput{})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	for _, e := range eps.VpcEndpoints {
		names[aws.ToString(e.VpcEndpointId)] = "endpoint:" + aws.ToString(e.ServiceName)
		for _, id := range e.NetworkInterfaceIds {
			endpointENIs[id] = true
		}
	}
	brokers, err := mq.NewFromConfig(cfg).ListBrokers(cx, &mq.ListBrokersInput{})
	if err != nil {
		t.Fatalf("ListBrokers: %v", err)
	}
	for _, b := range brokers.BrokerSummaries {
		names[aws.ToString(b.BrokerId)] = "broker:" + aws.ToString(b.BrokerName)
	}
	return names, endpointENIs
}

// seedMotoServices creates motoServicesScenario in moto through the SDK.
func seedMotoServices(t *testing.T, ep endpoint) {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	ec := ec2.NewFromConfig(cfg)
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	check("DescribeVpcs", err)
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	def := defaultGroup(t, ec, vpc)
	webOut, err := ec.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{GroupName: str("web"), Description: str("web"), VpcId: &vpc})
	check("CreateSecurityGroup", err)
	web := aws.ToString(webOut.GroupId)
	_, err = ec.AuthorizeSecurityGroupIngress(cx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &web, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: str("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: &def}}}}})
	check("AuthorizeSecurityGroupIngress", err)
	subnets, err := ec.DescribeSubnets(cx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: str("vpc-id"), Values: []string{vpc}}}})
	check("DescribeSubnets", err)
	sn := []string{aws.ToString(subnets.Subnets[0].SubnetId), aws.ToString(subnets.Subnets[1].SubnetId)}
	terraform := []ec2types.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}

	_, err = ec.CreateNetworkInterface(cx, &ec2.CreateNetworkInterfaceInput{SubnetId: &sn[0], Groups: []string{def}, Description: str("mine"),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeNetworkInterface, Tags: terraform}}})
	check("CreateNetworkInterface", err)
	_, err = ec.CreateVpcEndpoint(cx, &ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: str("com.amazonaws.us-east-1.ssm"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: sn[:1], SecurityGroupIds: []string{def},
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeVpcEndpoint, Tags: terraform}}})
	check("CreateVpcEndpoint", err)

	role, err := iam.NewFromConfig(cfg).CreateRole(cx, &iam.CreateRoleInput{RoleName: str("svc"), AssumeRolePolicyDocument: str("{}")})
	check("CreateRole", err)
	roleARN := role.Role.Arn
	cluster := str("arn:aws:ecs:us-east-1:123456789012:cluster/jobs")
	task := str("arn:aws:ecs:us-east-1:123456789012:task-definition/api:1")

	eb := eventbridge.NewFromConfig(cfg)
	_, err = eb.PutRule(cx, &eventbridge.PutRuleInput{Name: str("nightly"), ScheduleExpression: str("rate(1 day)")})
	check("PutRule", err)
	_, err = eb.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: str("nightly"), Targets: []ebtypes.Target{{Id: str("t1"), Arn: cluster, RoleArn: roleARN,
		EcsParameters: &ebtypes.EcsParameters{TaskDefinitionArn: task, LaunchType: ebtypes.LaunchTypeFargate,
			NetworkConfiguration: &ebtypes.NetworkConfiguration{AwsvpcConfiguration: &ebtypes.AwsVpcConfiguration{Subnets: sn[:1], SecurityGroups: []string{def}}}}}}})
	check("PutTargets", err)
	_, err = scheduler.NewFromConfig(cfg).CreateSchedule(cx, &scheduler.CreateScheduleInput{Name: str("sched"), ScheduleExpression: str("rate(1 day)"),
		FlexibleTimeWindow: &schedtypes.FlexibleTimeWindow{Mode: schedtypes.FlexibleTimeWindowModeOff},
		Target: &schedtypes.Target{Arn: cluster, RoleArn: roleARN, EcsParameters: &schedtypes.EcsParameters{TaskDefinitionArn: task,
			NetworkConfiguration: &schedtypes.NetworkConfiguration{AwsvpcConfiguration: &schedtypes.AwsVpcConfiguration{Subnets: sn[:1], SecurityGroups: []string{def}}}}}})
	check("CreateSchedule", err)
	_, err = scheduler.NewFromConfig(cfg).CreateSchedule(cx, &scheduler.CreateScheduleInput{Name: str("sched-nogroup"), ScheduleExpression: str("rate(1 day)"),
		FlexibleTimeWindow: &schedtypes.FlexibleTimeWindow{Mode: schedtypes.FlexibleTimeWindowModeOff},
		Target: &schedtypes.Target{Arn: cluster, RoleArn: roleARN, EcsParameters: &schedtypes.EcsParameters{TaskDefinitionArn: task,
			NetworkConfiguration: &schedtypes.NetworkConfiguration{AwsvpcConfiguration: &schedtypes.AwsVpcConfiguration{Subnets: sn[:1]}}}}})
	check("CreateSchedule sched-nogroup", err)
	_, err = pipes.NewFromConfig(cfg).CreatePipe(cx, &pipes.CreatePipeInput{Name: str("pipe"), RoleArn: roleARN,
		Source: str("arn:aws:sqs:us-east-1:123456789012:queue"), Target: cluster,
		TargetParameters: &pipestypes.PipeTargetParameters{EcsTaskParameters: &pipestypes.PipeTargetEcsTaskParameters{TaskDefinitionArn: task,
			NetworkConfiguration: &pipestypes.NetworkConfiguration{AwsvpcConfiguration: &pipestypes.AwsVpcConfiguration{Subnets: sn[:1], SecurityGroups: []string{def}}}}}})
	check("CreatePipe", err)

	_, err = batch.NewFromConfig(cfg).CreateComputeEnvironment(cx, &batch.CreateComputeEnvironmentInput{ComputeEnvironmentName: str("compute"),
		Type: batchtypes.CETypeManaged, State: batchtypes.CEStateEnabled, ServiceRole: roleARN,
		ComputeResources: &batchtypes.ComputeResource{Type: batchtypes.CRTypeFargate, MaxvCpus: aws.Int32(2),
			Subnets: sn[:1], SecurityGroupIds: []string{def}}})
	check("CreateComputeEnvironment", err)

	sm := sagemaker.NewFromConfig(cfg)
	_, err = sm.CreateNotebookInstance(cx, &sagemaker.CreateNotebookInstanceInput{NotebookInstanceName: str("nb"),
		InstanceType: smtypes.InstanceTypeMlT3Medium, RoleArn: roleARN, SubnetId: &sn[0], SecurityGroupIds: []string{def}})
	check("CreateNotebookInstance", err)
	_, err = sm.CreateModel(cx, &sagemaker.CreateModelInput{ModelName: str("mdl"), ExecutionRoleArn: roleARN,
		PrimaryContainer: &smtypes.ContainerDefinition{Image: str("123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1")},
		VpcConfig:        &smtypes.VpcConfig{Subnets: sn[:1], SecurityGroupIds: []string{def}}})
	check("CreateModel", err)
	_, err = sm.CreateDomain(cx, &sagemaker.CreateDomainInput{DomainName: str("dom"), AuthMode: smtypes.AuthModeIam, VpcId: &vpc, SubnetIds: sn[:1],
		DefaultUserSettings: &smtypes.UserSettings{ExecutionRole: roleARN, SecurityGroups: []string{def}}})
	check("CreateDomain", err)

	_, err = emr.NewFromConfig(cfg).RunJobFlow(cx, &emr.RunJobFlowInput{Name: str("emr"), ReleaseLabel: str("emr-6.10.0"),
		JobFlowRole: str("EMR_EC2_DefaultRole"), ServiceRole: str("EMR_DefaultRole"),
		Instances: &emrtypes.JobFlowInstancesConfig{MasterInstanceType: str("m5.xlarge"), InstanceCount: aws.Int32(1),
			KeepJobFlowAliveWhenNoSteps: aws.Bool(true), Ec2SubnetId: &sn[0],
			EmrManagedMasterSecurityGroup: &web, EmrManagedSlaveSecurityGroup: &web, ServiceAccessSecurityGroup: &web,
			AdditionalMasterSecurityGroups: []string{def}}})
	check("RunJobFlow", err)
	_, err = opensearch.NewFromConfig(cfg).CreateDomain(cx, &opensearch.CreateDomainInput{DomainName: str("search"),
		VPCOptions: &ostypes.VPCOptions{SubnetIds: sn[:1], SecurityGroupIds: []string{def}}})
	check("CreateDomain search", err)

	kc := kafka.NewFromConfig(cfg)
	_, err = kc.CreateClusterV2(cx, &kafka.CreateClusterV2Input{ClusterName: str("kafka"), Tags: map[string]string{"ManagedBy": "Terraform"},
		Provisioned: &kafkatypes.ProvisionedRequest{KafkaVersion: str("3.5.1"), NumberOfBrokerNodes: aws.Int32(2),
			BrokerNodeGroupInfo: &kafkatypes.BrokerNodeGroupInfo{InstanceType: str("kafka.m5.large"), ClientSubnets: sn, SecurityGroups: []string{def}}}})
	check("CreateClusterV2 kafka", err)
	_, err = kc.CreateClusterV2(cx, &kafka.CreateClusterV2Input{ClusterName: str("kafka-sl"),
		Serverless: &kafkatypes.ServerlessRequest{VpcConfigs: []kafkatypes.VpcConfig{{SubnetIds: sn, SecurityGroupIds: []string{def}}}}})
	check("CreateClusterV2 kafka-sl", err)
	_, err = mq.NewFromConfig(cfg).CreateBroker(cx, &mq.CreateBrokerInput{BrokerName: str("orders"), EngineType: mqtypes.EngineTypeActivemq,
		EngineVersion: str("5.17.6"), HostInstanceType: str("mq.t3.micro"), DeploymentMode: mqtypes.DeploymentModeSingleInstance,
		PubliclyAccessible: aws.Bool(false), AutoMinorVersionUpgrade: aws.Bool(true), SubnetIds: sn[:1], SecurityGroups: []string{def},
		Users: []mqtypes.User{{Username: str("u"), Password: str("passwordpassword")}}, Tags: map[string]string{"ManagedBy": "Terraform"}})
	check("CreateBroker", err)
}
