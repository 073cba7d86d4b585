package e2e

import (
	"reflect"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	mqtypes "github.com/aws/aws-sdk-go-v2/service/mq/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// motoMoversScenario is, for the simulator, what seedMotoMovers creates in
// moto: one user per mover moto implements, each on the default group and
// web.
const motoMoversScenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIAMOTOMOVERS0001
    resources:
      us-east-1:
        security_groups: [{name: web}]
        network_interfaces: [{description: mine, groups: [default, web], requester_id: AIDAIT2UOQQY3AUEMOTO}]
        lambda_functions: [{name: fn, groups: [default, web]}]
        ecs_clusters: [{name: jobs, services: [{name: api, groups: [default, web]}]}]
        load_balancers: [{name: clb, type: classic, groups: [default, web]}]
        db_clusters: [{name: aurora, groups: [default, web]}]
        redshift_clusters: [{name: wh, groups: [default, web]}]
        efs_file_systems: [{name: shared, mount_targets: [{groups: [default, web]}]}]
        vpc_endpoints: [{service: com.amazonaws.us-east-1.ssm, groups: [default, web]}]
        mq_brokers: [{name: orders, groups: [default, web]}]
regions: [us-east-1]
`

// TestApplyMoversAgainstMoto runs plan → apply → rollback in moto and in
// the simulator for every mover moto implements that TestApplyAgainstMoto
// does not cover: ec2:ModifyNetworkInterfaceAttribute on an unattached
// interface a user created, lambda:UpdateFunctionConfiguration, ecs:UpdateService,
// elasticloadbalancing:ApplySecurityGroupsToLoadBalancer,
// rds:ModifyDBCluster, redshift:ModifyCluster,
// elasticfilesystem:ModifyMountTargetSecurityGroups, ec2:ModifyVpcEndpoint
// and mq:UpdateBroker. Each user's groups, read back through the service's
// own API and named (default, web, replacement), must be the same in both
// systems: the replacement in place of the default group after apply, the
// original groups after rollback. moto 5.2.1 does not implement
// elasticache:ModifyCacheCluster or codebuild:UpdateProject.
func TestApplyMoversAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	seedMotoMovers(t, moto)
	views := map[string][]map[string][]string{}
	for name, ep := range map[string]endpoint{"simulator": startSim(t, motoMoversScenario), "moto": moto} {
		dir := t.TempDir()
		if r := run(t, ep, dir, nil, "plan", "--out", "plan.json", "--regions", "us-east-1"); r.Code != 0 {
			t.Fatalf("%s: plan: exit %d\n%s\n%s", name, r.Code, r.Stdout, r.Stderr)
		}
		r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
		if r.Code != 0 {
			t.Fatalf("%s: apply: exit %d\n%s\n%s", name, r.Code, r.Stdout, r.Stderr)
		}
		applied := moverGroups(t, ep)
		r = run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms")
		if r.Code != 0 {
			t.Fatalf("%s: rollback: exit %d\n%s\n%s", name, r.Code, r.Stdout, r.Stderr)
		}
		views[name] = []map[string][]string{applied, moverGroups(t, ep)}
	}
	want := []map[string][]string{{}, {}}
	for _, k := range []string{"interface mine", "lambda fn", "ecs jobs/api", "clb clb", "rds-cluster aurora", "redshift wh", "efs-mount-target shared", "vpc-endpoint ssm", "mq orders"} {
		want[0][k] = []string{"replacement", "web"}
		want[1][k] = []string{"default", "web"}
	}
	for name, v := range views {
		for i, when := range []string{"after apply", "after rollback"} {
			if !reflect.DeepEqual(v[i], want[i]) {
				t.Errorf("%s %s:\n got %v\nwant %v", name, when, v[i], want[i])
			}
		}
	}
	if !reflect.DeepEqual(views["simulator"], views["moto"]) {
		t.Errorf("simulator and moto disagree:\nsimulator: %v\nmoto:      %v", views["simulator"], views["moto"])
	}
}

// moverGroups reads each seeded user's groups back through its service,
// named: default, web, or replacement (the group tagged defaultsg:replaces).
func moverGroups(t *testing.T, ep endpoint) map[string][]string {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	fail := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	sgs, err := ec2.NewFromConfig(cfg).DescribeSecurityGroups(cx, &ec2.DescribeSecurityGroupsInput{})
	fail("DescribeSecurityGroups", err)
	names := map[string]string{}
	for _, g := range sgs.SecurityGroups {
		names[aws.ToString(g.GroupId)] = aws.ToString(g.GroupName)
		for _, tg := range g.Tags {
			if aws.ToString(tg.Key) == "defaultsg:replaces" {
				names[aws.ToString(g.GroupId)] = "replacement"
			}
		}
	}
	got := map[string][]string{}
	put := func(k string, ids []string) {
		var ns []string
		for _, id := range ids {
			n := names[id]
			if n == "" {
				n = id
			}
			ns = append(ns, n)
		}
		sort.Strings(ns)
		got[k] = ns
	}

	enis, err := ec2.NewFromConfig(cfg).DescribeNetworkInterfaces(cx, &ec2.DescribeNetworkInterfacesInput{
		Filters: []ec2types.Filter{{Name: str("description"), Values: []string{"mine"}}}})
	fail("DescribeNetworkInterfaces", err)
	ids := []string{}
	for _, g := range enis.NetworkInterfaces[0].Groups {
		ids = append(ids, aws.ToString(g.GroupId))
	}
	put("interface mine", ids)

	fn, err := lambda.NewFromConfig(cfg).GetFunctionConfiguration(cx, &lambda.GetFunctionConfigurationInput{FunctionName: str("fn")})
	fail("GetFunctionConfiguration", err)
	put("lambda fn", fn.VpcConfig.SecurityGroupIds)

	svcs, err := ecs.NewFromConfig(cfg).DescribeServices(cx, &ecs.DescribeServicesInput{Cluster: str("jobs"), Services: []string{"api"}})
	fail("DescribeServices", err)
	put("ecs jobs/api", svcs.Services[0].NetworkConfiguration.AwsvpcConfiguration.SecurityGroups)

	clb, err := elb.NewFromConfig(cfg).DescribeLoadBalancers(cx, &elb.DescribeLoadBalancersInput{LoadBalancerNames: []string{"clb"}})
	fail("DescribeLoadBalancers", err)
	put("clb clb", clb.LoadBalancerDescriptions[0].SecurityGroups)

	cl, err := rds.NewFromConfig(cfg).DescribeDBClusters(cx, &rds.DescribeDBClustersInput{DBClusterIdentifier: str("aurora")})
	fail("DescribeDBClusters", err)
	ids = nil
	for _, m := range cl.DBClusters[0].VpcSecurityGroups {
		ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
	}
	put("rds-cluster aurora", ids)

	wh, err := redshift.NewFromConfig(cfg).DescribeClusters(cx, &redshift.DescribeClustersInput{ClusterIdentifier: str("wh")})
	fail("DescribeClusters", err)
	ids = nil
	for _, m := range wh.Clusters[0].VpcSecurityGroups {
		ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
	}
	put("redshift wh", ids)

	fc := efs.NewFromConfig(cfg)
	fss, err := fc.DescribeFileSystems(cx, &efs.DescribeFileSystemsInput{})
	fail("DescribeFileSystems", err)
	for _, fs := range fss.FileSystems {
		mts, err := fc.DescribeMountTargets(cx, &efs.DescribeMountTargetsInput{FileSystemId: fs.FileSystemId})
		fail("DescribeMountTargets", err)
		mg, err := fc.DescribeMountTargetSecurityGroups(cx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: mts.MountTargets[0].MountTargetId})
		fail("DescribeMountTargetSecurityGroups", err)
		put("efs-mount-target "+aws.ToString(fs.Name), mg.SecurityGroups)
	}

	eps, err := ec2.NewFromConfig(cfg).DescribeVpcEndpoints(cx, &ec2.DescribeVpcEndpointsInput{})
	fail("DescribeVpcEndpoints", err)
	ids = nil
	for _, g := range eps.VpcEndpoints[0].Groups {
		ids = append(ids, aws.ToString(g.GroupId))
	}
	put("vpc-endpoint ssm", ids)

	mc := mq.NewFromConfig(cfg)
	brokers, err := mc.ListBrokers(cx, &mq.ListBrokersInput{})
	fail("ListBrokers", err)
	b, err := mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: brokers.BrokerSummaries[0].BrokerId})
	fail("DescribeBroker", err)
	put("mq "+aws.ToString(b.BrokerName), b.SecurityGroups)
	return got
}

// seedMotoMovers creates motoMoversScenario in moto through the SDK.
func seedMotoMovers(t *testing.T, ep endpoint) {
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
	groups := []string{def, aws.ToString(webOut.GroupId)}
	subnets, err := ec.DescribeSubnets(cx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: str("vpc-id"), Values: []string{vpc}}}})
	check("DescribeSubnets", err)
	sn := []string{aws.ToString(subnets.Subnets[0].SubnetId), aws.ToString(subnets.Subnets[1].SubnetId)}
	_, err = ec.CreateNetworkInterface(cx, &ec2.CreateNetworkInterfaceInput{SubnetId: &sn[0], Groups: groups, Description: str("mine")})
	check("CreateNetworkInterface", err)

	roleARN := lambdaRole(t, cfg, "fn")
	_, err = lambda.NewFromConfig(cfg).CreateFunction(cx, &lambda.CreateFunctionInput{FunctionName: str("fn"), Role: roleARN,
		Runtime: lambdatypes.RuntimePython312, Handler: str("index.handler"), Code: &lambdatypes.FunctionCode{ZipFile: handlerZip()},
		VpcConfig: &lambdatypes.VpcConfig{SubnetIds: sn[:1], SecurityGroupIds: groups}})
	check("CreateFunction", err)

	ecsc := ecs.NewFromConfig(cfg)
	_, err = ecsc.CreateCluster(cx, &ecs.CreateClusterInput{ClusterName: str("jobs")})
	check("CreateCluster", err)
	_, err = ecsc.RegisterTaskDefinition(cx, &ecs.RegisterTaskDefinitionInput{Family: str("api"), NetworkMode: ecstypes.NetworkModeAwsvpc,
		ContainerDefinitions: []ecstypes.ContainerDefinition{{Name: str("app"), Image: str("nginx"), Memory: aws.Int32(128)}}})
	check("RegisterTaskDefinition", err)
	_, err = ecsc.CreateService(cx, &ecs.CreateServiceInput{Cluster: str("jobs"), ServiceName: str("api"), TaskDefinition: str("api"),
		DesiredCount: aws.Int32(0), NetworkConfiguration: &ecstypes.NetworkConfiguration{AwsvpcConfiguration: &ecstypes.AwsVpcConfiguration{
			Subnets: sn[:1], SecurityGroups: groups}}})
	check("CreateService", err)

	_, err = elb.NewFromConfig(cfg).CreateLoadBalancer(cx, &elb.CreateLoadBalancerInput{LoadBalancerName: str("clb"), Subnets: sn[:1],
		SecurityGroups: groups, Listeners: []elbtypes.Listener{{Protocol: str("HTTP"), LoadBalancerPort: 80, InstancePort: aws.Int32(80)}}})
	check("CreateLoadBalancer", err)
	_, err = rds.NewFromConfig(cfg).CreateDBCluster(cx, &rds.CreateDBClusterInput{DBClusterIdentifier: str("aurora"), Engine: str("aurora-postgresql"),
		MasterUsername: str("u"), MasterUserPassword: str("password1"), VpcSecurityGroupIds: groups})
	check("CreateDBCluster", err)
	_, err = redshift.NewFromConfig(cfg).CreateCluster(cx, &redshift.CreateClusterInput{ClusterIdentifier: str("wh"),
		NodeType: str("ra3.xlplus"), MasterUsername: str("u"), MasterUserPassword: str("Password1"), VpcSecurityGroupIds: groups})
	check("CreateCluster wh", err)

	fc := efs.NewFromConfig(cfg)
	fs, err := fc.CreateFileSystem(cx, &efs.CreateFileSystemInput{CreationToken: str("shared"),
		Tags: []efstypes.Tag{{Key: str("Name"), Value: str("shared")}}})
	check("CreateFileSystem", err)
	_, err = fc.CreateMountTarget(cx, &efs.CreateMountTargetInput{FileSystemId: fs.FileSystemId, SubnetId: &sn[0], SecurityGroups: groups})
	check("CreateMountTarget", err)

	_, err = ec.CreateVpcEndpoint(cx, &ec2.CreateVpcEndpointInput{VpcId: &vpc, ServiceName: str("com.amazonaws.us-east-1.ssm"),
		VpcEndpointType: ec2types.VpcEndpointTypeInterface, SubnetIds: sn[:1], SecurityGroupIds: groups})
	check("CreateVpcEndpoint", err)
	_, err = mq.NewFromConfig(cfg).CreateBroker(cx, &mq.CreateBrokerInput{BrokerName: str("orders"), EngineType: mqtypes.EngineTypeActivemq,
		EngineVersion: str("5.17.6"), HostInstanceType: str("mq.t3.micro"), DeploymentMode: mqtypes.DeploymentModeSingleInstance,
		PubliclyAccessible: aws.Bool(false), AutoMinorVersionUpgrade: aws.Bool(true), SubnetIds: sn[:1], SecurityGroups: groups,
		Users: []mqtypes.User{{Username: str("u"), Password: str("passwordpassword")}}})
	check("CreateBroker", err)
}
