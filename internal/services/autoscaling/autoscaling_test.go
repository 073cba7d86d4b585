package autoscaling

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeASG serves groups one per page, and launch configurations by name.
type fakeASG struct {
	t      *testing.T
	groups []astypes.AutoScalingGroup
	lcs    []astypes.LaunchConfiguration
}

func (f *fakeASG) DescribeAutoScalingGroups(_ context.Context, in *autoscaling.DescribeAutoScalingGroupsInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
	i := 0
	if in.NextToken != nil {
		i = len(aws.ToString(in.NextToken))
	}
	out := &autoscaling.DescribeAutoScalingGroupsOutput{AutoScalingGroups: f.groups[i : i+1]}
	if i+1 < len(f.groups) {
		out.NextToken = aws.String(strings.Repeat("x", i+1))
	}
	return out, nil
}

func (f *fakeASG) DescribeLaunchConfigurations(_ context.Context, in *autoscaling.DescribeLaunchConfigurationsInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeLaunchConfigurationsOutput, error) {
	if len(in.LaunchConfigurationNames) > 50 {
		f.t.Errorf("%d names in one DescribeLaunchConfigurations", len(in.LaunchConfigurationNames))
	}
	out := &autoscaling.DescribeLaunchConfigurationsOutput{}
	for _, lc := range f.lcs {
		if len(in.LaunchConfigurationNames) == 0 || strings.Contains(strings.Join(in.LaunchConfigurationNames, ","), aws.ToString(lc.LaunchConfigurationName)) {
			out.LaunchConfigurations = append(out.LaunchConfigurations, lc)
		}
	}
	return out, nil
}

// fakeLTVersions answers DescribeLaunchTemplateVersions for "id-or-name@version".
type fakeLTVersions struct {
	t     *testing.T
	data  map[string]types.ResponseLaunchTemplateData
	calls []string
}

func (f *fakeLTVersions) DescribeLaunchTemplateVersions(_ context.Context, in *ec2.DescribeLaunchTemplateVersionsInput, _ ...func(*ec2.Options)) (*ec2.DescribeLaunchTemplateVersionsOutput, error) {
	if len(in.Versions) != 1 || (in.LaunchTemplateId == nil) == (in.LaunchTemplateName == nil) {
		f.t.Errorf("want one version of one template, got %+v", in)
	}
	key := aws.ToString(in.LaunchTemplateId) + aws.ToString(in.LaunchTemplateName) + "@" + in.Versions[0]
	f.calls = append(f.calls, key)
	d, ok := f.data[key]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "InvalidLaunchTemplateId.NotFound", Message: key}
	}
	return &ec2.DescribeLaunchTemplateVersionsOutput{LaunchTemplateVersions: []types.LaunchTemplateVersion{{LaunchTemplateData: &d,
		LaunchTemplateId: aws.String(aws.ToString(in.LaunchTemplateId) + aws.ToString(in.LaunchTemplateName))}}}, nil
}

func TestAutoScalingGroupsResolveConfigurationsAndTemplateVersions(t *testing.T) {
	spec := func(name, version string) *astypes.LaunchTemplateSpecification {
		s := &astypes.LaunchTemplateSpecification{Version: aws.String(version)}
		if strings.HasPrefix(name, "lt-") {
			s.LaunchTemplateId = aws.String(name)
		} else {
			s.LaunchTemplateName = aws.String(name)
		}
		return s
	}
	api := &fakeASG{t: t, lcs: []astypes.LaunchConfiguration{
		{LaunchConfigurationName: aws.String("lc-default"), SecurityGroups: []string{"default"}},
		{LaunchConfigurationName: aws.String("lc-other"), SecurityGroups: []string{"sg-other"}},
	}, groups: []astypes.AutoScalingGroup{
		{AutoScalingGroupName: aws.String("by-lc"), LaunchConfigurationName: aws.String("lc-default"),
			Tags: []astypes.TagDescription{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("app")}}},
		{AutoScalingGroupName: aws.String("clean-lc"), LaunchConfigurationName: aws.String("lc-other")},
		{AutoScalingGroupName: aws.String("pinned"), LaunchTemplate: spec("lt-1", "2")},
		{AutoScalingGroupName: aws.String("latest-clean"), LaunchTemplate: spec("lt-1", "$Latest")},
		{AutoScalingGroupName: aws.String("no-version"), LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateName: aws.String("web")}},
		{AutoScalingGroupName: aws.String("mixed"), MixedInstancesPolicy: &astypes.MixedInstancesPolicy{LaunchTemplate: &astypes.LaunchTemplate{
			LaunchTemplateSpecification: spec("lt-1", "$Latest"),
			Overrides: []astypes.LaunchTemplateOverrides{{InstanceType: aws.String("m5.large")},
				{LaunchTemplateSpecification: spec("arm", "$Default")}}}}},
		{AutoScalingGroupName: aws.String("dangling"), LaunchTemplate: spec("lt-gone", "1")},
	}}
	lt := &fakeLTVersions{t: t, data: map[string]types.ResponseLaunchTemplateData{
		"lt-1@2":       {SecurityGroupIds: []string{"sg-def2"}},
		"lt-1@$Latest": {SecurityGroupIds: []string{"sg-new"}},
		"web@$Default": {SecurityGroups: []string{"default"}},
		"arm@$Default": {NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecification{{Groups: []string{"sg-x", "sg-def"}}}},
	}}
	us, err := findAutoScalingGroups(context.Background(), api, lt, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:by-lc:latent sg-def2:pinned:latent sg-def:no-version:latent sg-def:mixed:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:app" || us[0].Change != "deployment" || !strings.Contains(us[0].Detail, "launch configuration lc-default") {
		t.Errorf("by-lc: %+v", us[0])
	}
	if !strings.Contains(us[3].Detail, "launch template arm version $Default") {
		t.Errorf("mixed detail: %s", us[3].Detail)
	}
	// $Latest of lt-1 is read once for two groups.
	if got := strings.Join(lt.calls, " "); got != "lt-1@2 lt-1@$Latest web@$Default arm@$Default lt-gone@1" {
		t.Errorf("template reads: %s", got)
	}
}

func TestLaunchConfigurationsByIDNameAndClassicLink(t *testing.T) {
	api := &fakeASG{t: t, lcs: []astypes.LaunchConfiguration{
		{LaunchConfigurationName: aws.String("a"), SecurityGroups: []string{"default"}},
		{LaunchConfigurationName: aws.String("b"), SecurityGroups: []string{"web"}, ClassicLinkVPCSecurityGroups: []string{"sg-def2"}},
		{LaunchConfigurationName: aws.String("c"), SecurityGroups: []string{"sg-other"}},
	}}
	us, err := findLaunchConfigurations(context.Background(), api, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:a:latent sg-def2:b:latent" || us[0].Change != "replacement" {
		t.Fatalf("got %s (%+v)", got, us)
	}
}

// fakeSubnets answers DescribeSubnets for known subnets and fails for others,
// as EC2 does (InvalidSubnetID.NotFound).
type fakeSubnets map[string]string // subnet -> VPC

func (f fakeSubnets) DescribeSubnets(_ context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	out := &ec2.DescribeSubnetsOutput{}
	for _, id := range in.SubnetIds {
		vpc, ok := f[id]
		if !ok {
			return nil, &smithy.GenericAPIError{Code: "InvalidSubnetID.NotFound", Message: id}
		}
		out.Subnets = append(out.Subnets, types.Subnet{SubnetId: aws.String(id), VpcId: aws.String(vpc)})
	}
	return out, nil
}

// A launch template version or launch configuration that names no group
// launches into the default group of the Auto Scaling group's subnets' VPC
// (or, without subnets, the default VPC's): the group is a user of it.
func TestAutoScalingGroupsNamingNoGroupUseTheirVPCsDefaultGroup(t *testing.T) {
	api := &fakeASG{t: t, lcs: []astypes.LaunchConfiguration{{LaunchConfigurationName: aws.String("lc-bare")}},
		groups: []astypes.AutoScalingGroup{
			{AutoScalingGroupName: aws.String("bare-lt"), VPCZoneIdentifier: aws.String("subnet-a, subnet-b"),
				LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateName: aws.String("bare"), Version: aws.String("$Latest")}},
			{AutoScalingGroupName: aws.String("bare-lc"), LaunchConfigurationName: aws.String("lc-bare")},
			{AutoScalingGroupName: aws.String("pinned-bare"), VPCZoneIdentifier: aws.String("subnet-a"),
				LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateId: aws.String("lt-bare"), Version: aws.String("1")}},
			{AutoScalingGroupName: aws.String("named"), VPCZoneIdentifier: aws.String("subnet-a"),
				LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateName: aws.String("named"), Version: aws.String("$Default")}},
			{AutoScalingGroupName: aws.String("gone"), VPCZoneIdentifier: aws.String("subnet-a"),
				LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateName: aws.String("gone")}},
		}}
	lt := &fakeLTVersions{t: t, data: map[string]types.ResponseLaunchTemplateData{
		"bare@$Latest": {}, "lt-bare@1": {}, "named@$Default": {SecurityGroupIds: []string{"sg-web"}}}}
	target := usage.Target{GroupIDs: []string{"sg-def", "sg-def2"}, DefaultVPCGroup: "sg-def",
		VpcOf: map[string]string{"sg-def": "vpc-default", "sg-def2": "vpc-app"}}
	us, err := findAutoScalingGroups(context.Background(), api, lt, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "subnets:subnet-a,subnet-b:bare-lt:latent sg-def:bare-lc:latent subnets:subnet-a:pinned-bare:latent" {
		t.Fatalf("before resolving: %s", got)
	}
	resolved, err := svc.ResolveNoGroup(context.Background(), fakeSubnets{"subnet-a": "vpc-app", "subnet-b": "vpc-app"}, target, slices.Clone(us))
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(resolved); got != "sg-def2:bare-lt:latent sg-def:bare-lc:latent sg-def2:pinned-bare:latent" {
		t.Fatalf("resolved: %s", got)
	}
	if d := resolved[0].Detail; !strings.Contains(d, "names no security group") || !strings.Contains(d, "launch template bare version $Latest (names no group)") {
		t.Errorf("detail: %s", d)
	}
	if !strings.Contains(resolved[1].Detail, "launch configuration lc-bare (names no group)") {
		t.Errorf("detail: %s", resolved[1].Detail)
	}
	// Only a group following its template's default or latest version moves
	// with the template.
	if resolved[0].Parent != "bare" || resolved[2].Parent != "" || resolved[1].Parent != "" {
		t.Errorf("parents: %q %q %q", resolved[0].Parent, resolved[1].Parent, resolved[2].Parent)
	}
	// A subnet EC2 does not know is an error (usage unknown), never "unused".
	if _, err := svc.ResolveNoGroup(context.Background(), fakeSubnets{}, target, slices.Clone(us)); err == nil {
		t.Fatal("an unresolvable subnet must fail the finder")
	}
}
