package ec2

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeFleets serves fleets, Spot Fleet requests and template versions by
// "name@version".
type fakeFleets struct {
	t         *testing.T
	fleets    []types.FleetData
	spot      []types.SpotFleetRequestConfig
	templates map[string]types.ResponseLaunchTemplateData
}

func (f *fakeFleets) DescribeFleets(context.Context, *ec2.DescribeFleetsInput, ...func(*ec2.Options)) (*ec2.DescribeFleetsOutput, error) {
	return &ec2.DescribeFleetsOutput{Fleets: f.fleets}, nil
}

func (f *fakeFleets) DescribeSpotFleetRequests(context.Context, *ec2.DescribeSpotFleetRequestsInput, ...func(*ec2.Options)) (*ec2.DescribeSpotFleetRequestsOutput, error) {
	return &ec2.DescribeSpotFleetRequestsOutput{SpotFleetRequestConfigs: f.spot}, nil
}

func (f *fakeFleets) DescribeLaunchTemplateVersions(_ context.Context, in *ec2.DescribeLaunchTemplateVersionsInput, _ ...func(*ec2.Options)) (*ec2.DescribeLaunchTemplateVersionsOutput, error) {
	key := aws.ToString(in.LaunchTemplateName) + aws.ToString(in.LaunchTemplateId) + "@" + in.Versions[0]
	d, ok := f.templates[key]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "InvalidLaunchTemplateName.NotFoundException", Message: key}
	}
	return &ec2.DescribeLaunchTemplateVersionsOutput{LaunchTemplateVersions: []types.LaunchTemplateVersion{{LaunchTemplateData: &d}}}, nil
}

func ltc(name, version string, subnets ...string) types.FleetLaunchTemplateConfig {
	c := types.FleetLaunchTemplateConfig{LaunchTemplateSpecification: &types.FleetLaunchTemplateSpecification{LaunchTemplateName: aws.String(name), Version: aws.String(version)}}
	for _, s := range subnets {
		c.Overrides = append(c.Overrides, types.FleetLaunchTemplateOverrides{SubnetId: aws.String(s)})
	}
	return c
}

func TestFleetsByTemplateGroupsOrTheirSubnetsVPC(t *testing.T) {
	f := &fakeFleets{t: t, templates: map[string]types.ResponseLaunchTemplateData{
		"bare@$Default": {}, "web@1": {SecurityGroupIds: []string{"sg-def2"}}, "other@1": {SecurityGroupIds: []string{"sg-x"}}},
		fleets: []types.FleetData{
			{FleetId: aws.String("fleet-bare"), FleetState: types.FleetStateCodeActive, LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("bare", "$Default", "subnet-a,subnet-b")}},
			{FleetId: aws.String("fleet-nosubnet"), FleetState: types.FleetStateCodeSubmitted, LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("bare", "$Default")}},
			{FleetId: aws.String("fleet-web"), FleetState: types.FleetStateCodeModifying, LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("web", "1"), ltc("other", "1")}},
			{FleetId: aws.String("fleet-clean"), FleetState: types.FleetStateCodeActive, LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("other", "1", "subnet-a")}},
			{FleetId: aws.String("fleet-deleted"), FleetState: types.FleetStateCodeDeletedRunning, LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("web", "1")}},
			{FleetId: aws.String("fleet-gone"), FleetState: types.FleetStateCodeActive, LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("gone", "1")}},
			{FleetId: aws.String("fleet-instant"), FleetState: types.FleetStateCodeActive, Type: types.FleetTypeInstant,
				LaunchTemplateConfigs: []types.FleetLaunchTemplateConfig{ltc("web", "1")}},
		}}
	us, err := findFleets(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "subnets:subnet-a,subnet-b:fleet-bare:latent sg-def:fleet-nosubnet:latent sg-def2:fleet-web:latent" {
		t.Fatalf("got %s", got)
	}
	if !strings.Contains(us[0].Detail, "launch template bare version $Default (names no group)") || us[0].ResourceKind != Fleet {
		t.Errorf("detail: %+v", us[0])
	}
}

func TestSpotFleetsByLaunchSpecificationsAndTemplates(t *testing.T) {
	cfg := func(id string, state types.BatchState, d types.SpotFleetRequestConfigData) types.SpotFleetRequestConfig {
		return types.SpotFleetRequestConfig{SpotFleetRequestId: aws.String(id), SpotFleetRequestState: state, SpotFleetRequestConfig: &d}
	}
	f := &fakeFleets{t: t, templates: map[string]types.ResponseLaunchTemplateData{"bare@1": {}},
		spot: []types.SpotFleetRequestConfig{
			cfg("sfr-groups", types.BatchStateActive, types.SpotFleetRequestConfigData{LaunchSpecifications: []types.SpotFleetLaunchSpecification{
				{SecurityGroups: []types.GroupIdentifier{{GroupId: aws.String("sg-x")}}},
				{NetworkInterfaces: []types.InstanceNetworkInterfaceSpecification{{Groups: []string{"sg-def2"}}}}}}),
			cfg("sfr-byname", types.BatchStateActive, types.SpotFleetRequestConfigData{LaunchSpecifications: []types.SpotFleetLaunchSpecification{
				{SecurityGroups: []types.GroupIdentifier{{GroupName: aws.String("default")}}}}}),
			cfg("sfr-bare", types.BatchStateSubmitted, types.SpotFleetRequestConfigData{LaunchSpecifications: []types.SpotFleetLaunchSpecification{
				{SubnetId: aws.String("subnet-a, subnet-b")}}}),
			cfg("sfr-lt", types.BatchStateModifying, types.SpotFleetRequestConfigData{LaunchTemplateConfigs: []types.LaunchTemplateConfig{
				{LaunchTemplateSpecification: &types.FleetLaunchTemplateSpecification{LaunchTemplateName: aws.String("bare"), Version: aws.String("1")},
					Overrides: []types.LaunchTemplateOverrides{{SubnetId: aws.String("subnet-c")}}}}}),
			cfg("sfr-cancelled", types.BatchStateCancelledRunning, types.SpotFleetRequestConfigData{LaunchSpecifications: []types.SpotFleetLaunchSpecification{{}}}),
		}}
	us, err := findSpotFleets(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def2:sfr-groups:latent sg-def:sfr-byname:latent subnets:subnet-a,subnet-b:sfr-bare:latent subnets:subnet-c:sfr-lt:latent" {
		t.Fatalf("got %s", got)
	}
	if !strings.Contains(us[0].Detail, "launch specification 2") || us[0].ResourceKind != SpotFleet {
		t.Errorf("detail: %+v", us[0])
	}
}
