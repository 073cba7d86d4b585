package e2e

import (
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// motoFleetsScenario is, for the simulator, what seedMotoFleets creates in
// moto: a Spot Fleet whose launch specification names the default VPC's
// default group, one naming "web", and an EC2 Fleet on a template naming
// the default group.
const motoFleetsScenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIAMOTOFLEETS0001
    resources:
      us-east-1:
        security_groups: [{name: web}]
        launch_templates: [{name: tpl, versions: [{groups: [default]}]}]
        ec2_fleets: [{launch_templates: [{name: tpl, version: $Default}]}]
        spot_fleets:
          - launch_specifications: [{groups: [default]}]
          - launch_specifications: [{groups: [web]}]
regions: [us-east-1]
`

func TestUsageFleetsAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	seedMotoFleets(t, moto)
	views := map[string]string{}
	for name, ep := range map[string]endpoint{"simulator": startSim(t, motoFleetsScenario), "moto": moto} {
		rep, r := usageReport(t, ep, "--accept-unknown", motoUnservedFinders)
		if r.Code != 3 {
			t.Fatalf("%s: usage exit %d\n%s", name, r.Code, r.Stderr)
		}
		var got []string
		for _, f := range []string{"ec2-fleets", "ec2-spot-fleets"} {
			if c := rep.coverage(f); c != "checked" {
				t.Errorf("%s: %s coverage %s", name, f, c)
			}
		}
		for _, g := range rep.Groups {
			for _, u := range g.Users {
				if u.Finder == "ec2-fleets" || u.Finder == "ec2-spot-fleets" {
					got = append(got, u.Finder+" "+u.Kind+" "+u.Detail)
				}
			}
		}
		sort.Strings(got)
		views[name] = strings.Join(got, "; ")
	}
	if views["moto"] != views["simulator"] || len(strings.Split(views["moto"], "; ")) != 2 {
		t.Fatalf("fleet users differ\nsimulator: %s\nmoto:      %s", views["simulator"], views["moto"])
	}
}

func seedMotoFleets(t *testing.T, ep endpoint) {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	ec := ec2.NewFromConfig(cfg)
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	check("DescribeVpcs", err)
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	def := defaultGroup(t, ec, vpc)
	web, err := ec.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{GroupName: str("web"), Description: str("web"), VpcId: &vpc})
	check("CreateSecurityGroup", err)
	_, err = ec.CreateLaunchTemplate(cx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: str("tpl"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: str("ami-12c6146b"), SecurityGroupIds: []string{def}}})
	check("CreateLaunchTemplate", err)
	_, err = ec.CreateFleet(cx, &ec2.CreateFleetInput{Type: ec2types.FleetTypeMaintain,
		LaunchTemplateConfigs: []ec2types.FleetLaunchTemplateConfigRequest{{LaunchTemplateSpecification: &ec2types.FleetLaunchTemplateSpecificationRequest{
			LaunchTemplateName: str("tpl"), Version: str("$Default")},
			Overrides: []ec2types.FleetLaunchTemplateOverridesRequest{{InstanceType: ec2types.InstanceTypeT3Micro}}}}, // moto needs an instance type
		TargetCapacitySpecification: &ec2types.TargetCapacitySpecificationRequest{TotalTargetCapacity: aws.Int32(1), SpotTargetCapacity: aws.Int32(1), DefaultTargetCapacityType: ec2types.DefaultTargetCapacityTypeSpot}})
	check("CreateFleet", err)
	for _, g := range []string{def, aws.ToString(web.GroupId)} {
		_, err = ec.RequestSpotFleet(cx, &ec2.RequestSpotFleetInput{SpotFleetRequestConfig: &ec2types.SpotFleetRequestConfigData{
			IamFleetRole: str("arn:aws:iam::123456789012:role/fleet"), TargetCapacity: aws.Int32(0),
			AllocationStrategy: ec2types.AllocationStrategyLowestPrice, // moto needs one
			LaunchSpecifications: []ec2types.SpotFleetLaunchSpecification{{ImageId: str("ami-12c6146b"), InstanceType: ec2types.InstanceTypeT3Micro,
				SecurityGroups: []ec2types.GroupIdentifier{{GroupId: str(g)}}}}}})
		check("RequestSpotFleet", err)
	}
}
