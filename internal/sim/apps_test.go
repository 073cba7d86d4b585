package sim

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// appsScenario has 30 functions with 2 published versions each (90
// entries: two Lambda pages of 50), 12 ECS services (two default pages)
// and one of everything else.
func appsScenario() string {
	var fns, svcs strings.Builder
	for i := range 30 {
		fmt.Fprintf(&fns, "          - {name: fn%02d, groups: [web], versions: [{groups: [default]}, {}]}\n", i)
	}
	for i := range 12 {
		fmt.Fprintf(&svcs, "              - {name: s%02d, groups: [default]}\n", i)
	}
	return `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        security_groups: [{name: web, id: sg-0eb}]
        lambda_functions:
` + fns.String() + `
        ecs_clusters:
          - name: main
            services:
` + svcs.String() + `
        codebuild_projects: [{name: deploy, groups: [default]}]
        event_rules: [{name: nightly, bus: ops, ecs_targets: [{id: t1}]}]
        glue_connections: [{name: warehouse, groups: [web]}]
        launch_templates: [{name: lt, versions: [{groups: [web]}, {group_names: [default]}, {interfaces: [{groups: [default, web]}]}]}]
regions: [us-east-1]
`
}

func TestAppServicesPageAndAnswerLikeAWS(t *testing.T) {
	s := startScenario(t, appsScenario())
	cfg, ctx := sdkConfig(s, "111111111111", "us-east-1"), ctxT(t)

	var fns []ltypes.FunctionConfiguration
	pages := 0
	p := lambda.NewListFunctionsPaginator(lambda.NewFromConfig(cfg), &lambda.ListFunctionsInput{FunctionVersion: ltypes.FunctionVersionAll})
	for p.HasMorePages() {
		page := must[*lambda.ListFunctionsOutput](t)(p.NextPage(ctx))
		fns, pages = append(fns, page.Functions...), pages+1
	}
	if len(fns) != 90 || pages != 2 {
		t.Fatalf("lambda: %d functions in %d pages, want 90 in 2", len(fns), pages)
	}
	if v := fns[1]; aws.ToString(v.Version) != "1" || v.VpcConfig.SecurityGroupIds[0] != "sg-0def" || fns[2].VpcConfig.SecurityGroupIds[0] != "sg-0eb" {
		t.Fatalf("lambda versions: %+v %+v", v, fns[2].VpcConfig)
	}
	latest := must[*lambda.ListFunctionsOutput](t)(lambda.NewFromConfig(cfg).ListFunctions(ctx, &lambda.ListFunctionsInput{}))
	if len(latest.Functions) != 30 {
		t.Fatalf("without FunctionVersion=ALL: %d, want 30 ($LATEST only)", len(latest.Functions))
	}
	_, err := lambda.NewFromConfig(cfg).ListFunctions(ctx, &lambda.ListFunctionsInput{Marker: aws.String("bogus")})
	wantCode(t, err, "InvalidParameterValueException")

	ec := ecs.NewFromConfig(cfg)
	svcs := must[*ecs.ListServicesOutput](t)(ec.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String("main")}))
	if len(svcs.ServiceArns) != 10 || svcs.NextToken == nil {
		t.Fatalf("ecs: first page %d services, token %v; want 10 and a token", len(svcs.ServiceArns), svcs.NextToken)
	}
	_, err = ec.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("main"), Services: append(svcs.ServiceArns, "a")})
	wantCode(t, err, "InvalidParameterException")
	_, err = ec.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String("nope")})
	wantCode(t, err, "ClusterNotFoundException")
	d := must[*ecs.DescribeServicesOutput](t)(ec.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("main"), Services: []string{"s00", "gone"}}))
	if len(d.Services) != 1 || len(d.Failures) != 1 || d.Services[0].NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0] != "sg-0def" {
		t.Fatalf("ecs describe: %+v", d)
	}

	cb := must[*codebuild.BatchGetProjectsOutput](t)(codebuild.NewFromConfig(cfg).BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: []string{"deploy", "gone"}}))
	if len(cb.Projects) != 1 || cb.Projects[0].VpcConfig.SecurityGroupIds[0] != "sg-0def" || cb.ProjectsNotFound[0] != "gone" {
		t.Fatalf("codebuild: %+v", cb)
	}

	eb := eventbridge.NewFromConfig(cfg)
	_, err = eb.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("nightly")}) // it is on bus ops
	wantCode(t, err, "ResourceNotFoundException")
	tg := must[*eventbridge.ListTargetsByRuleOutput](t)(eb.ListTargetsByRule(ctx, &eventbridge.ListTargetsByRuleInput{Rule: aws.String("nightly"), EventBusName: aws.String("ops")}))
	if net := tg.Targets[0].EcsParameters.NetworkConfiguration.AwsvpcConfiguration; len(net.SecurityGroups) != 0 || len(net.Subnets) != 1 {
		t.Fatalf("events target without groups: %+v", net)
	}

	gc := must[*glue.GetConnectionsOutput](t)(glue.NewFromConfig(cfg).GetConnections(ctx, &glue.GetConnectionsInput{}))
	if len(gc.ConnectionList) != 1 || gc.ConnectionList[0].PhysicalConnectionRequirements.SecurityGroupIdList[0] != "sg-0eb" {
		t.Fatalf("glue: %+v", gc.ConnectionList)
	}
}

func TestLaunchTemplateVersionsPageInVersionOrder(t *testing.T) {
	s := startScenario(t, appsScenario())
	c, ctx := ec2For(s, "111111111111", "us-east-1"), ctxT(t)
	lts := must[*ec2.DescribeLaunchTemplatesOutput](t)(c.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{}))
	if len(lts.LaunchTemplates) != 1 || aws.ToInt64(lts.LaunchTemplates[0].LatestVersionNumber) != 3 {
		t.Fatalf("templates: %+v", lts.LaunchTemplates)
	}
	id := lts.LaunchTemplates[0].LaunchTemplateId
	var got []string
	p := ec2.NewDescribeLaunchTemplateVersionsPaginator(c, &ec2.DescribeLaunchTemplateVersionsInput{LaunchTemplateId: id, MaxResults: aws.Int32(5)})
	for p.HasMorePages() {
		for _, v := range must[*ec2.DescribeLaunchTemplateVersionsOutput](t)(p.NextPage(ctx)).LaunchTemplateVersions {
			d := v.LaunchTemplateData
			got = append(got, fmt.Sprintf("%d:%v:%v:%v", aws.ToInt64(v.VersionNumber), d.SecurityGroupIds, d.SecurityGroups, len(d.NetworkInterfaces)))
		}
	}
	if want := "1:[sg-0eb]:[]:0 2:[]:[default]:0 3:[]:[]:1"; strings.Join(got, " ") != want {
		t.Fatalf("versions %q, want %q", strings.Join(got, " "), want)
	}
	v3 := must[*ec2.DescribeLaunchTemplateVersionsOutput](t)(c.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
		LaunchTemplateName: aws.String("lt"), Versions: []string{"$Latest"}}))
	if g := v3.LaunchTemplateVersions[0].LaunchTemplateData.NetworkInterfaces[0].Groups; strings.Join(g, ",") != "sg-0def,sg-0eb" {
		t.Fatalf("interface groups %v", g)
	}
	_, err := c.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{LaunchTemplateId: aws.String("lt-0123")})
	wantCode(t, err, "InvalidLaunchTemplateId.NotFound")
	_, err = c.DescribeSecurityGroupReferences(ctx, &ec2.DescribeSecurityGroupReferencesInput{GroupId: []string{"sg-0404"}})
	wantCode(t, err, "InvalidGroup.NotFound")
}
