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

// motoSpotRequestsScenario is, for the simulator, what seedMotoSpotRequests
// creates in moto, which fulfils every request at once (active): persistent
// requests naming the default group and "web", and a one-time request
// naming the default group, whose instance is launched and which launches
// nothing more.
const motoSpotRequestsScenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIAMOTOSPOTREQ0001
    resources:
      us-east-1:
        security_groups: [{name: web}]
        spot_instance_requests:
          - {type: persistent, state: active, groups: [default]}
          - {type: persistent, state: active, groups: [web]}
          - {type: one-time, state: active, groups: [default]}
regions: [us-east-1]
`

func TestUsageSpotInstanceRequestsAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	seedMotoSpotRequests(t, moto)
	views := map[string]string{}
	for name, ep := range map[string]endpoint{"simulator": startSim(t, motoSpotRequestsScenario), "moto": moto} {
		rep, r := usageReport(t, ep, "--accept-unknown", motoUnservedFinders)
		if r.Code != 3 {
			t.Fatalf("%s: usage exit %d\n%s", name, r.Code, r.Stderr)
		}
		if c := rep.coverage("ec2-spot-instance-requests"); c != "checked" {
			t.Errorf("%s: coverage %s", name, c)
		}
		var got []string
		for _, g := range rep.Groups {
			for _, u := range g.Users {
				if u.Finder == "ec2-spot-instance-requests" {
					got = append(got, u.Kind+" "+u.Detail)
				}
			}
		}
		sort.Strings(got)
		views[name] = strings.Join(got, "; ")
	}
	if views["moto"] != views["simulator"] || views["moto"] != "latent persistent request, active: launches from its launch specification" {
		t.Fatalf("Spot Instance request users differ\nsimulator: %s\nmoto:      %s", views["simulator"], views["moto"])
	}
}

func seedMotoSpotRequests(t *testing.T, ep endpoint) {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	ec := ec2.NewFromConfig(cfg)
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	check("DescribeVpcs", err)
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	_, err = ec.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{GroupName: str("web"), Description: str("web"), VpcId: &vpc})
	check("CreateSecurityGroup", err)
	// By name (allowed in the default VPC): moto 5.2.1 ignores
	// LaunchSpecification.SecurityGroupIds and shows the default group
	// instead (docs/FIDELITY.md).
	for _, r := range []struct {
		typ   ec2types.SpotInstanceType
		group string
	}{{ec2types.SpotInstanceTypePersistent, "default"}, {ec2types.SpotInstanceTypePersistent, "web"}, {ec2types.SpotInstanceTypeOneTime, "default"}} {
		_, err := ec.RequestSpotInstances(cx, &ec2.RequestSpotInstancesInput{Type: r.typ, LaunchSpecification: &ec2types.RequestSpotLaunchSpecification{
			ImageId: str("ami-12c6146b"), InstanceType: ec2types.InstanceTypeT3Micro, SecurityGroups: []string{r.group}}})
		check("RequestSpotInstances", err)
	}
}
