package sim

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestCodeBuildUpdateProjectAndFleet(t *testing.T) {
	s := startScenario(t, appUpdatesScenario)
	c, ctx := codebuild.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	before := must[*codebuild.BatchGetProjectsOutput](t)(c.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: []string{"deploy"}}))
	vc := before.Projects[0].VpcConfig
	next := &cbtypes.VpcConfig{VpcId: vc.VpcId, Subnets: vc.Subnets, SecurityGroupIds: []string{"sg-0a99", "sg-0def"}}

	up := must[*codebuild.UpdateProjectOutput](t)(c.UpdateProject(ctx, &codebuild.UpdateProjectInput{Name: aws.String("deploy"), VpcConfig: next}))
	if g := up.Project.VpcConfig.SecurityGroupIds; strings.Join(g, ",") != "sg-0a99,sg-0def" {
		t.Fatalf("UpdateProject: %v", g)
	}
	got := must[*codebuild.BatchGetProjectsOutput](t)(c.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: []string{"deploy"}}))
	if p := got.Projects[0]; strings.Join(p.VpcConfig.SecurityGroupIds, ",") != "sg-0a99,sg-0def" || aws.ToString(p.VpcConfig.VpcId) != aws.ToString(vc.VpcId) {
		t.Fatalf("BatchGetProjects after the update: %+v", p.VpcConfig)
	}

	fleets := must[*codebuild.BatchGetFleetsOutput](t)(c.BatchGetFleets(ctx, &codebuild.BatchGetFleetsInput{Names: []string{"runners"}}))
	arn := fleets.Fleets[0].Arn
	uf := must[*codebuild.UpdateFleetOutput](t)(c.UpdateFleet(ctx, &codebuild.UpdateFleetInput{Arn: arn,
		VpcConfig: &cbtypes.VpcConfig{VpcId: vc.VpcId, Subnets: vc.Subnets, SecurityGroupIds: []string{"sg-0a99"}}}))
	if aws.ToString(uf.Fleet.Arn) != aws.ToString(arn) || uf.Fleet.VpcConfig.SecurityGroupIds[0] != "sg-0a99" {
		t.Fatalf("UpdateFleet: %+v", uf.Fleet)
	}
	fleets = must[*codebuild.BatchGetFleetsOutput](t)(c.BatchGetFleets(ctx, &codebuild.BatchGetFleetsInput{Names: []string{aws.ToString(arn)}}))
	if g := fleets.Fleets[0].VpcConfig.SecurityGroupIds; len(g) != 1 || g[0] != "sg-0a99" {
		t.Fatalf("BatchGetFleets after the update: %v", g)
	}

	_, err := c.UpdateProject(ctx, &codebuild.UpdateProjectInput{Name: aws.String("nope"), VpcConfig: next})
	wantCode(t, err, "ResourceNotFoundException")
	_, err = c.UpdateFleet(ctx, &codebuild.UpdateFleetInput{Arn: aws.String("arn:aws:codebuild:us-east-1:111111111111:fleet/nope"), VpcConfig: next})
	wantCode(t, err, "ResourceNotFoundException")
	for _, tc := range []struct {
		groups []string
		names  string
	}{{[]string{}, "securityGroupIds"}, {[]string{"sg-0404"}, "sg-0404"}, {[]string{"sg-0a99", "sg-0fa4"}, "sg-0fa4"}} {
		_, err = c.UpdateProject(ctx, &codebuild.UpdateProjectInput{Name: aws.String("deploy"),
			VpcConfig: &cbtypes.VpcConfig{VpcId: vc.VpcId, Subnets: vc.Subnets, SecurityGroupIds: tc.groups}})
		wantCode(t, err, "InvalidInputException")
		if !strings.Contains(err.Error(), tc.names) {
			t.Errorf("groups %v: the error does not name %s: %v", tc.groups, tc.names, err)
		}
	}
	if p := must[*codebuild.BatchGetProjectsOutput](t)(c.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: []string{"deploy"}})).Projects[0]; len(p.VpcConfig.SecurityGroupIds) != 2 {
		t.Fatalf("a failed update changed the project: %v", p.VpcConfig.SecurityGroupIds)
	}
}

func TestLaunchTemplateNewDefaultVersion(t *testing.T) {
	s := startScenario(t, appUpdatesScenario)
	c, ctx := ec2For(s, acct, "us-east-1"), ctxT(t)
	version := func(v string) types.LaunchTemplateVersion {
		t.Helper()
		out := must[*ec2.DescribeLaunchTemplateVersionsOutput](t)(c.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
			LaunchTemplateName: aws.String("lt"), Versions: []string{v}}))
		return out.LaunchTemplateVersions[0]
	}
	groupsOf := func(v types.LaunchTemplateVersion) string {
		d := v.LaunchTemplateData
		out := fmt.Sprintf("ids=%v names=%v", d.SecurityGroupIds, d.SecurityGroups)
		for _, ni := range d.NetworkInterfaces {
			out += fmt.Sprintf(" if%d=%v", aws.ToInt32(ni.DeviceIndex), ni.Groups)
		}
		return out
	}

	// From version 2, only the interfaces replaced: version 3.
	v3 := must[*ec2.CreateLaunchTemplateVersionOutput](t)(c.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{
		LaunchTemplateName: aws.String("lt"), SourceVersion: aws.String("2"), VersionDescription: aws.String("web replaced by app"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{
			{DeviceIndex: aws.Int32(0), Groups: []string{"sg-0a99", "sg-0def"}}}}}))
	if n := aws.ToInt64(v3.LaunchTemplateVersion.VersionNumber); n != 3 || aws.ToBool(v3.LaunchTemplateVersion.DefaultVersion) {
		t.Fatalf("created version %d (default %v), want 3, not default", n, aws.ToBool(v3.LaunchTemplateVersion.DefaultVersion))
	}
	if g := groupsOf(version("3")); g != "ids=[] names=[] if0=[sg-0a99 sg-0def]" || aws.ToString(version("3").VersionDescription) != "web replaced by app" {
		t.Fatalf("version 3: %s", g)
	}
	// From version 1, the ids replaced: version 4. Without a source, only
	// what is given: version 5.
	must[*ec2.CreateLaunchTemplateVersionOutput](t)(c.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{
		LaunchTemplateName: aws.String("lt"), SourceVersion: aws.String("1"),
		LaunchTemplateData: &types.RequestLaunchTemplateData{SecurityGroupIds: []string{"sg-0a99"}}}))
	lt := must[*ec2.DescribeLaunchTemplatesOutput](t)(c.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{})).LaunchTemplates[0]
	must[*ec2.CreateLaunchTemplateVersionOutput](t)(c.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{
		LaunchTemplateId: lt.LaunchTemplateId, LaunchTemplateData: &types.RequestLaunchTemplateData{SecurityGroups: []string{"default"}}}))
	if g := groupsOf(version("4")); g != "ids=[sg-0a99] names=[]" {
		t.Fatalf("version 4: %s", g)
	}
	if g := groupsOf(version("5")); g != "ids=[] names=[default]" {
		t.Fatalf("version 5: %s", g)
	}

	mod := must[*ec2.ModifyLaunchTemplateOutput](t)(c.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{
		LaunchTemplateId: lt.LaunchTemplateId, DefaultVersion: aws.String("4")}))
	if aws.ToInt64(mod.LaunchTemplate.DefaultVersionNumber) != 4 || aws.ToInt64(mod.LaunchTemplate.LatestVersionNumber) != 5 {
		t.Fatalf("ModifyLaunchTemplate: %+v", mod.LaunchTemplate)
	}
	lt = must[*ec2.DescribeLaunchTemplatesOutput](t)(c.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{})).LaunchTemplates[0]
	if aws.ToInt64(lt.DefaultVersionNumber) != 4 || aws.ToInt64(lt.LatestVersionNumber) != 5 {
		t.Fatalf("DescribeLaunchTemplates: default %d latest %d", aws.ToInt64(lt.DefaultVersionNumber), aws.ToInt64(lt.LatestVersionNumber))
	}
	if d := version("$Default"); aws.ToInt64(d.VersionNumber) != 4 || !aws.ToBool(d.DefaultVersion) || aws.ToBool(version("1").DefaultVersion) {
		t.Fatalf("$Default is version %d", aws.ToInt64(d.VersionNumber))
	}

	_, err := c.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateName: aws.String("lt"), DryRun: aws.Bool(true),
		LaunchTemplateData: &types.RequestLaunchTemplateData{SecurityGroupIds: []string{"sg-0a99"}}})
	wantCode(t, err, "DryRunOperation")
	for _, tc := range []struct {
		name  string
		in    *ec2.CreateLaunchTemplateVersionInput
		code  string
		names string
	}{
		{"unknown source version", &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateName: aws.String("lt"), SourceVersion: aws.String("9"),
			LaunchTemplateData: &types.RequestLaunchTemplateData{}}, "InvalidLaunchTemplateId.VersionNotFound", "9"},
		{"unknown group", &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateName: aws.String("lt"),
			LaunchTemplateData: &types.RequestLaunchTemplateData{SecurityGroupIds: []string{"sg-0404"}}}, "InvalidGroup.NotFound", "sg-0404"},
		{"groups in two VPCs", &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateName: aws.String("lt"), SourceVersion: aws.String("1"),
			LaunchTemplateData: &types.RequestLaunchTemplateData{NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{
				{DeviceIndex: aws.Int32(0), Groups: []string{"sg-0fa4"}}}}}, "InvalidParameterValue", "sg-0fa4"},
		{"unknown template", &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateId: aws.String("lt-0123"),
			LaunchTemplateData: &types.RequestLaunchTemplateData{}}, "InvalidLaunchTemplateId.NotFound", "lt-0123"},
	} {
		_, err := c.CreateLaunchTemplateVersion(ctx, tc.in)
		wantCode(t, err, tc.code)
		if !strings.Contains(err.Error(), tc.names) {
			t.Errorf("%s: the error does not name %s: %v", tc.name, tc.names, err)
		}
	}
	_, err = c.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{LaunchTemplateName: aws.String("lt"), DefaultVersion: aws.String("9")})
	wantCode(t, err, "InvalidLaunchTemplateId.VersionNotFound")
	if lt := must[*ec2.DescribeLaunchTemplatesOutput](t)(c.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{})).LaunchTemplates[0]; aws.ToInt64(lt.LatestVersionNumber) != 5 || aws.ToInt64(lt.DefaultVersionNumber) != 4 {
		t.Fatalf("failed or dry-run calls changed the template: default %d latest %d", aws.ToInt64(lt.DefaultVersionNumber), aws.ToInt64(lt.LatestVersionNumber))
	}
}
