package sim

import (
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	etypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// appUpdatesScenario has resources on web (sg-0eb) in the default VPC to move
// to app (sg-0a99), a group in another VPC (far), and the interfaces the
// services created: api's $LATEST and version 1, api-v2's, and two ECS
// task interfaces.
const appUpdatesScenario = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, id: subnet-0a0a, cidr: 10.2.1.0/24, az: b}]
        security_groups:
          - {name: web, id: sg-0eb}
          - {name: app, id: sg-0a99}
          - {name: far, id: sg-0fa4, vpc: other}
        network_interfaces:
          - {id: eni-0000000000000000a, groups: [web], interface_type: lambda, description: "AWS Lambda VPC ENI-api-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
          - {id: eni-0000000000000000b, groups: [default], interface_type: lambda, description: "AWS Lambda VPC ENI-api-1f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
          - {id: eni-0000000000000000c, groups: [web], interface_type: lambda, description: "AWS Lambda VPC ENI-api-v2-2f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
          - {id: eni-0000000000000000d, groups: [web], description: "arn:aws:ecs:us-east-1:111111111111:attachment/7d3b1a2c-aaaa-bbbb-cccc-0123456789ab"}
          - {id: eni-0000000000000000e, groups: [default], description: "arn:aws:ecs:us-east-1:111111111111:attachment/8d3b1a2c-aaaa-bbbb-cccc-0123456789ab"}
        lambda_functions:
          - {name: api, groups: [web], versions: [{groups: [default]}]}
          - {name: api-v2, groups: [web]}
          - {name: plain}
        ecs_clusters:
          - name: main
            services:
              - {name: svc, groups: [web]}
              - {name: bridge}
        codebuild_projects: [{name: deploy, groups: [web]}]
        codebuild_fleets: [{name: runners, groups: [web]}]
        launch_templates: [{name: lt, versions: [{groups: [web]}, {interfaces: [{groups: [web, default]}]}]}]
regions: [us-east-1]
`

// appENIGroups maps interface ids to their groups, as EC2 describes them.
func appENIGroups(t *testing.T, s *Server) map[string]string {
	t.Helper()
	out := must[*ec2.DescribeNetworkInterfacesOutput](t)(ec2For(s, acct, "us-east-1").DescribeNetworkInterfaces(ctxT(t), &ec2.DescribeNetworkInterfacesInput{}))
	m := map[string]string{}
	for _, n := range out.NetworkInterfaces {
		var ids []string
		for _, g := range n.Groups {
			ids = append(ids, aws.ToString(g.GroupId))
		}
		m[aws.ToString(n.NetworkInterfaceId)] = strings.Join(ids, ",")
	}
	return m
}

func wantAppENIs(t *testing.T, s *Server, want map[string]string) {
	t.Helper()
	got := appENIGroups(t, s)
	for id, groups := range want {
		if got[id] != groups {
			t.Errorf("%s groups %q, want %q", id, got[id], groups)
		}
	}
}

func TestLambdaUpdateFunctionConfiguration(t *testing.T) {
	s := startScenario(t, appUpdatesScenario)
	c, ctx := lambda.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	get := func(name string) *lambda.GetFunctionConfigurationOutput {
		t.Helper()
		return must[*lambda.GetFunctionConfigurationOutput](t)(c.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(name)}))
	}
	cur := get("api")
	if cur.LastUpdateStatus != ltypes.LastUpdateStatusSuccessful || cur.State != ltypes.StateActive ||
		aws.ToString(cur.FunctionArn) != "arn:aws:lambda:us-east-1:111111111111:function:api" || cur.VpcConfig.SecurityGroupIds[0] != "sg-0eb" {
		t.Fatalf("before: %+v %+v", cur, cur.VpcConfig)
	}
	subnets := cur.VpcConfig.SubnetIds

	up := must[*lambda.UpdateFunctionConfigurationOutput](t)(c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
		FunctionName: cur.FunctionArn, VpcConfig: &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0a99"}}}))
	if up.LastUpdateStatus != ltypes.LastUpdateStatusInProgress || strings.Join(up.VpcConfig.SecurityGroupIds, ",") != "sg-0a99" {
		t.Fatalf("update: %+v %+v", up, up.VpcConfig)
	}
	_, err := c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("api"),
		VpcConfig: &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0eb"}}})
	wantCode(t, err, "ResourceConflictException") // Lambda refuses a second update until the first is done
	for i, want := range []ltypes.LastUpdateStatus{ltypes.LastUpdateStatusInProgress, ltypes.LastUpdateStatusSuccessful, ltypes.LastUpdateStatusSuccessful} {
		if got := get("api"); got.LastUpdateStatus != want || got.VpcConfig.SecurityGroupIds[0] != "sg-0a99" {
			t.Fatalf("read %d after the update: %s %v, want %s", i+1, got.LastUpdateStatus, got.VpcConfig.SecurityGroupIds, want)
		}
	}
	// $LATEST's interface moved; version 1's (default) and api-v2's did not.
	wantAppENIs(t, s, map[string]string{"eni-0000000000000000a": "sg-0a99", "eni-0000000000000000b": "sg-0def", "eni-0000000000000000c": "sg-0eb"})
	v1 := must[*lambda.GetFunctionConfigurationOutput](t)(c.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("api"), Qualifier: aws.String("1")}))
	if v1.VpcConfig.SecurityGroupIds[0] != "sg-0def" || aws.ToString(v1.Version) != "1" {
		t.Fatalf("version 1 changed: %+v", v1.VpcConfig)
	}
	list := must[*lambda.ListFunctionsOutput](t)(c.ListFunctions(ctx, &lambda.ListFunctionsInput{}))
	if f := list.Functions[0]; aws.ToString(f.FunctionName) != "api" || f.VpcConfig.SecurityGroupIds[0] != "sg-0a99" {
		t.Fatalf("ListFunctions: %+v", f.VpcConfig)
	}

	// Out of the VPC: api-v2's interface goes; into it: plain gets a config.
	must[*lambda.UpdateFunctionConfigurationOutput](t)(c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
		FunctionName: aws.String("api-v2"), VpcConfig: &ltypes.VpcConfig{SubnetIds: []string{}, SecurityGroupIds: []string{}}}))
	if _, ok := appENIGroups(t, s)["eni-0000000000000000c"]; ok {
		t.Error("api-v2 left its VPC but kept its interface")
	}
	must[*lambda.UpdateFunctionConfigurationOutput](t)(c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
		FunctionName: aws.String("111111111111:function:plain"), VpcConfig: &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0a99"}}}))
	if p := get("plain"); p.VpcConfig == nil || aws.ToString(p.VpcConfig.VpcId) != aws.ToString(cur.VpcConfig.VpcId) {
		t.Fatalf("plain: %+v", p.VpcConfig)
	}

	for _, tc := range []struct {
		name, fn    string
		vpc         *ltypes.VpcConfig
		code, names string
	}{
		{"unknown function", "nope", &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0a99"}}, "ResourceNotFoundException", "nope"},
		{"unknown group", "api", &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0404"}}, "InvalidParameterValueException", "sg-0404"},
		{"group in another VPC", "api", &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0fa4"}}, "InvalidParameterValueException", "sg-0fa4"},
		{"no groups with subnets", "api", &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{}}, "InvalidParameterValueException", "SecurityGroupIds"},
		{"unknown subnet", "api", &ltypes.VpcConfig{SubnetIds: []string{"subnet-0404"}, SecurityGroupIds: []string{"sg-0a99"}}, "InvalidParameterValueException", "subnet-0404"},
		{"published version", "api:1", &ltypes.VpcConfig{SubnetIds: subnets, SecurityGroupIds: []string{"sg-0a99"}}, "InvalidParameterValueException", "api:1"},
	} {
		_, err := c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String(tc.fn), VpcConfig: tc.vpc})
		wantCode(t, err, tc.code)
		if !strings.Contains(err.Error(), tc.names) {
			t.Errorf("%s: the error does not name %s: %v", tc.name, tc.names, err)
		}
	}
	_, err = c.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("api"), Qualifier: aws.String("7")})
	wantCode(t, err, "ResourceNotFoundException")
	if got := get("api"); got.VpcConfig.SecurityGroupIds[0] != "sg-0a99" {
		t.Fatalf("a failed update changed the function: %v", got.VpcConfig.SecurityGroupIds)
	}
	// Into another VPC: the interface follows to the new subnet.
	must[*lambda.UpdateFunctionConfigurationOutput](t)(c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
		FunctionName: aws.String("api"), VpcConfig: &ltypes.VpcConfig{SubnetIds: []string{"subnet-0a0a"}, SecurityGroupIds: []string{"sg-0fa4"}}}))
	eni := must[*ec2.DescribeNetworkInterfacesOutput](t)(ec2For(s, acct, "us-east-1").DescribeNetworkInterfaces(ctx,
		&ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{"eni-0000000000000000a"}})).NetworkInterfaces[0]
	if aws.ToString(eni.SubnetId) != "subnet-0a0a" || aws.ToString(eni.Groups[0].GroupId) != "sg-0fa4" || !strings.HasPrefix(aws.ToString(eni.PrivateIpAddress), "10.2.1.") {
		t.Fatalf("interface after the VPC change: subnet %s groups %v address %s", aws.ToString(eni.SubnetId), eni.Groups, aws.ToString(eni.PrivateIpAddress))
	}
	mutating := 0
	for _, call := range s.Calls() {
		if call.Action == "UpdateFunctionConfiguration" && call.Mutating {
			mutating++
		}
	}
	if mutating != 11 {
		t.Errorf("%d UpdateFunctionConfiguration calls recorded as mutating, want 11", mutating)
	}
}

func TestECSUpdateServiceRollsOut(t *testing.T) {
	s := startScenario(t, appUpdatesScenario)
	c, ctx := ecs.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	describe := func() etypes.Service {
		t.Helper()
		out := must[*ecs.DescribeServicesOutput](t)(c.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("main"), Services: []string{"svc"}}))
		return out.Services[0]
	}
	before := describe()
	if len(before.Deployments) != 1 || before.Deployments[0].RolloutState != etypes.DeploymentRolloutStateCompleted {
		t.Fatalf("before: %+v", before.Deployments)
	}
	subnets := before.NetworkConfiguration.AwsvpcConfiguration.Subnets
	update := func(svc string, groups []string) (*ecs.UpdateServiceOutput, error) {
		return c.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("main"), Service: aws.String(svc),
			NetworkConfiguration: &etypes.NetworkConfiguration{AwsvpcConfiguration: &etypes.AwsVpcConfiguration{
				Subnets: subnets, SecurityGroups: groups, AssignPublicIp: etypes.AssignPublicIpEnabled}}})
	}
	up := must[*ecs.UpdateServiceOutput](t)(update(aws.ToString(before.ServiceArn), []string{"sg-0a99"}))
	rolling := func(svc etypes.Service, when string) {
		t.Helper()
		d := svc.Deployments
		if len(d) != 2 || aws.ToString(d[0].Status) != "PRIMARY" || d[0].RolloutState != etypes.DeploymentRolloutStateInProgress ||
			d[0].NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0] != "sg-0a99" ||
			aws.ToString(d[1].Status) != "ACTIVE" || aws.ToString(d[1].Id) != aws.ToString(before.Deployments[0].Id) ||
			d[1].NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0] != "sg-0eb" {
			t.Fatalf("%s: deployments %+v", when, d)
		}
		if net := svc.NetworkConfiguration.AwsvpcConfiguration; net.SecurityGroups[0] != "sg-0a99" || net.AssignPublicIp != etypes.AssignPublicIpEnabled {
			t.Fatalf("%s: service network %+v", when, net)
		}
	}
	rolling(*up.Service, "UpdateService")
	rolling(describe(), "first DescribeServices")
	done := describe()
	if d := done.Deployments; len(d) != 1 || d[0].RolloutState != etypes.DeploymentRolloutStateCompleted ||
		aws.ToString(d[0].Id) != aws.ToString(up.Service.Deployments[0].Id) {
		t.Fatalf("settled: %+v", d)
	}
	// The service's task interface moved; the other service's did not.
	wantAppENIs(t, s, map[string]string{"eni-0000000000000000d": "sg-0a99", "eni-0000000000000000e": "sg-0def"})

	// No groups: ECS runs the tasks in the VPC's default group.
	must[*ecs.UpdateServiceOutput](t)(update("svc", []string{}))
	wantAppENIs(t, s, map[string]string{"eni-0000000000000000d": "sg-0def"})
	if g := describe().NetworkConfiguration.AwsvpcConfiguration.SecurityGroups; len(g) != 0 {
		t.Fatalf("groups %v, want none", g)
	}

	_, err := update("nope", []string{"sg-0a99"})
	wantCode(t, err, "ServiceNotFoundException")
	_, err = c.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("nope"), Service: aws.String("svc")})
	wantCode(t, err, "ClusterNotFoundException")
	for _, groups := range [][]string{{"sg-0404"}, {"sg-0fa4"}} {
		_, err = update("svc", groups)
		wantCode(t, err, "InvalidParameterException")
		if !strings.Contains(err.Error(), groups[0]) {
			t.Errorf("the error does not name %s: %v", groups[0], err)
		}
	}
	_, err = update("bridge", []string{"sg-0a99"})
	wantCode(t, err, "InvalidParameterException")
	_, err = c.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("main"), Service: aws.String("svc"),
		NetworkConfiguration: &etypes.NetworkConfiguration{AwsvpcConfiguration: &etypes.AwsVpcConfiguration{Subnets: []string{}, SecurityGroups: []string{"sg-0a99"}}}})
	wantCode(t, err, "InvalidParameterException") // subnets can not be empty
}

// TestAppUpdatesRaceReads runs updates beside the reads of the same resources;
// go test -race checks the locking.
func TestAppUpdatesRaceReads(t *testing.T) {
	s := startScenario(t, appUpdatesScenario)
	cfg, ctx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	lc, ec := lambda.NewFromConfig(cfg), ecs.NewFromConfig(cfg)
	cur := must[*lambda.GetFunctionConfigurationOutput](t)(lc.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("api")}))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if i%2 == 0 {
					_, _ = lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("api"),
						VpcConfig: &ltypes.VpcConfig{SubnetIds: cur.VpcConfig.SubnetIds, SecurityGroupIds: []string{"sg-0a99"}}})
					_, _ = ec.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("main"), Service: aws.String("svc"), ForceNewDeployment: true})
				}
				_, _ = lc.ListFunctions(ctx, &lambda.ListFunctionsInput{})
				_, _ = lc.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("api")})
				_, _ = ec.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("main"), Services: []string{"svc"}})
			}
		}()
	}
	wg.Wait()
}
