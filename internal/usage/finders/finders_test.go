package finders

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/defaultsg/defaultsg/internal/usage"
)

var target = usage.Target{Account: "1", Region: "r", GroupIDs: []string{"sg-def", "sg-def2"}, DefaultVPCGroup: "sg-def"}

func ids(us []usage.Usage) string {
	var s []string
	for _, u := range us {
		s = append(s, u.GroupID+":"+u.ResourceID+":"+string(u.Kind))
	}
	return strings.Join(s, " ")
}

type fakeLambda struct {
	pages [][]ltypes.FunctionConfiguration
}

func (f *fakeLambda) ListFunctions(_ context.Context, in *lambda.ListFunctionsInput, _ ...func(*lambda.Options)) (*lambda.ListFunctionsOutput, error) {
	if in.FunctionVersion != ltypes.FunctionVersionAll {
		panic("published versions must be listed")
	}
	i := 0
	if in.Marker != nil {
		i = int(aws.ToString(in.Marker)[0] - '0')
	}
	out := &lambda.ListFunctionsOutput{Functions: f.pages[i]}
	if i+1 < len(f.pages) {
		out.NextMarker = aws.String(string(rune('0' + i + 1)))
	}
	return out, nil
}

func TestLambdaFindsPublishedVersionsAcrossPages(t *testing.T) {
	vpc := func(ids ...string) *ltypes.VpcConfigResponse { return &ltypes.VpcConfigResponse{SecurityGroupIds: ids} }
	f := &fakeLambda{pages: [][]ltypes.FunctionConfiguration{
		{{FunctionName: aws.String("api"), Version: aws.String("$LATEST"), VpcConfig: vpc("sg-other")},
			{FunctionName: aws.String("api"), Version: aws.String("3"), VpcConfig: vpc("sg-other", "sg-def")}},
		{{FunctionName: aws.String("no-vpc"), Version: aws.String("$LATEST")},
			{FunctionName: aws.String("etl"), Version: aws.String("$LATEST"), VpcConfig: vpc("sg-def2")}},
	}}
	us, err := findLambda(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def:api:latent sg-def2:etl:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceType != "Lambda function version" || us[0].Change != usage.ChangeDeployment || us[1].Change != usage.ChangeInPlace {
		t.Fatalf("version handling: %+v", us)
	}
}

type fakeCodeBuild struct{ projects []cbtypes.Project }

func (f *fakeCodeBuild) ListProjects(context.Context, *codebuild.ListProjectsInput, ...func(*codebuild.Options)) (*codebuild.ListProjectsOutput, error) {
	out := &codebuild.ListProjectsOutput{}
	for _, p := range f.projects {
		out.Projects = append(out.Projects, aws.ToString(p.Name))
	}
	return out, nil
}

func (f *fakeCodeBuild) BatchGetProjects(_ context.Context, in *codebuild.BatchGetProjectsInput, _ ...func(*codebuild.Options)) (*codebuild.BatchGetProjectsOutput, error) {
	if len(in.Names) > 100 {
		panic("BatchGetProjects takes at most 100 names")
	}
	out := &codebuild.BatchGetProjectsOutput{}
	for _, p := range f.projects {
		for _, n := range in.Names {
			if n == aws.ToString(p.Name) {
				out.Projects = append(out.Projects, p)
			}
		}
	}
	return out, nil
}

func TestCodeBuildProjectWithoutInterfaceIsFound(t *testing.T) {
	var projects []cbtypes.Project
	for i := 0; i < 150; i++ {
		projects = append(projects, cbtypes.Project{Name: aws.String("p" + string(rune('a'+i%26)) + string(rune('a'+i/26)))})
	}
	projects = append(projects, cbtypes.Project{Name: aws.String("deploy"), VpcConfig: &cbtypes.VpcConfig{SecurityGroupIds: []string{"sg-def", "sg-def"}}})
	us, err := findCodeBuildProjects(context.Background(), &fakeCodeBuild{projects: projects}, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def:deploy:latent" {
		t.Fatalf("got %q", got)
	}
}

type fakeTemplates struct {
	versions map[string][]types.LaunchTemplateVersion
}

func (f *fakeTemplates) DescribeLaunchTemplates(context.Context, *ec2.DescribeLaunchTemplatesInput, ...func(*ec2.Options)) (*ec2.DescribeLaunchTemplatesOutput, error) {
	out := &ec2.DescribeLaunchTemplatesOutput{}
	for id := range f.versions {
		out.LaunchTemplates = append(out.LaunchTemplates, types.LaunchTemplate{LaunchTemplateId: aws.String(id), LaunchTemplateName: aws.String("lt-" + id)})
	}
	return out, nil
}

func (f *fakeTemplates) DescribeLaunchTemplateVersions(_ context.Context, in *ec2.DescribeLaunchTemplateVersionsInput, _ ...func(*ec2.Options)) (*ec2.DescribeLaunchTemplateVersionsOutput, error) {
	return &ec2.DescribeLaunchTemplateVersionsOutput{LaunchTemplateVersions: f.versions[aws.ToString(in.LaunchTemplateId)]}, nil
}

func TestLaunchTemplatesEveryVersionNameAndInterfaces(t *testing.T) {
	v := func(n int64, d types.ResponseLaunchTemplateData) types.LaunchTemplateVersion {
		return types.LaunchTemplateVersion{VersionNumber: aws.Int64(n), LaunchTemplateData: &d}
	}
	f := &fakeTemplates{versions: map[string][]types.LaunchTemplateVersion{
		"a": {v(1, types.ResponseLaunchTemplateData{SecurityGroupIds: []string{"sg-def2"}}), v(2, types.ResponseLaunchTemplateData{SecurityGroupIds: []string{"sg-new"}})},
		"b": {v(1, types.ResponseLaunchTemplateData{SecurityGroups: []string{"default"}})},
		"c": {v(7, types.ResponseLaunchTemplateData{NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecification{{Groups: []string{"sg-x", "sg-def"}}}})},
		"d": {v(1, types.ResponseLaunchTemplateData{SecurityGroups: []string{"web"}})},
	}}
	us, err := findLaunchTemplates(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range us {
		got[u.ResourceID] = u.GroupID + " " + u.Detail
	}
	want := map[string]string{"lt-a (a)": "sg-def2 version 1", "lt-b (b)": "sg-def version 1", "lt-c (c)": "sg-def version 7"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %q want %q", k, got[k], w)
		}
	}
}

type fakeGroups struct{ groups []types.SecurityGroup }

func (f *fakeGroups) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	name, vals := aws.ToString(in.Filters[0].Name), in.Filters[0].Values
	out := &ec2.DescribeSecurityGroupsOutput{}
	for _, g := range f.groups {
		perms := g.IpPermissions
		if strings.HasPrefix(name, "egress.") {
			perms = g.IpPermissionsEgress
		}
		if len(matching(usage.Target{GroupIDs: vals}, pairIDs(perms))) > 0 {
			out.SecurityGroups = append(out.SecurityGroups, g)
		}
	}
	return out, nil
}

func pairIDs(perms []types.IpPermission) []string {
	var out []string
	for _, p := range perms {
		for _, u := range p.UserIdGroupPairs {
			out = append(out, aws.ToString(u.GroupId))
		}
	}
	return out
}

func TestGroupReferencesSkipSelfAndFindBothDirections(t *testing.T) {
	ref := func(id string) []types.IpPermission {
		return []types.IpPermission{{UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(id)}}}}
	}
	f := &fakeGroups{groups: []types.SecurityGroup{
		{GroupId: aws.String("sg-def"), IpPermissions: ref("sg-def")}, // the default group's own self rule
		{GroupId: aws.String("sg-db"), GroupName: aws.String("db"), IpPermissions: ref("sg-def")},
		{GroupId: aws.String("sg-out"), GroupName: aws.String("out"), IpPermissionsEgress: ref("sg-def2")},
	}}
	us, err := findGroupReferences(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(us); got != "sg-def:sg-db:reference sg-def2:sg-out:reference" {
		t.Fatalf("got %q", got)
	}
}
