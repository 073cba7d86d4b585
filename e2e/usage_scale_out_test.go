package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// scaleOutScenario is an Auto Scaling group in VPC app on a launch template
// that names no security group: its next scale-out lands in app's default
// group, so closing that group breaks it.
const scaleOutScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIASCALEOUT0000001
    resources:
      eu-west-1:
        vpcs:
          - name: app
            cidr: 10.60.0.0/16
            subnets:
              - {name: app-a, cidr: 10.60.1.0/24, az: a}
              - {name: app-b, cidr: 10.60.2.0/24, az: b}
        launch_templates:
          - name: web
            id: lt-0a0b0c0d0e0f00001
            versions:
              - {vpc: app, interfaces: [{subnet: app-a}]}
        autoscaling_groups:
          - {name: web-asg, launch_template: {name: web, version: $Default}, vpc: app, subnets: [app-a, app-b]}
regions: [us-east-1, eu-west-1]
`

type scaleOutUser struct {
	GroupID    string `json:"group_id"`
	ResourceID string `json:"resource_id"`
	Finder     string `json:"finder"`
	Detail     string `json:"detail"`
}

// usageByVPC runs usage -o json and returns each VPC name's users.
func usageByVPC(t *testing.T, ep endpoint, dir string, args ...string) (map[string][]scaleOutUser, result) {
	t.Helper()
	r := run(t, ep, dir, nil, append([]string{"usage", "--regions", "eu-west-1", "-o", "json"}, args...)...)
	var rep struct {
		Groups []struct {
			VpcName string         `json:"vpc_name"`
			GroupID string         `json:"group_id"`
			Users   []scaleOutUser `json:"users"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("usage json: %v\n%s\n%s", err, r.Stdout, r.Stderr)
	}
	out := map[string][]scaleOutUser{}
	for _, g := range rep.Groups {
		out[g.VpcName] = append(out[g.VpcName], g.Users...)
	}
	return out, r
}

func findersOf(us []scaleOutUser) string {
	var s []string
	for _, u := range us {
		s = append(s, u.Finder+" "+u.ResourceID)
	}
	return strings.Join(s, ", ")
}

func TestScaleOutOnANoGroupLaunchTemplateIsAUserMovedByANewVersion(t *testing.T) {
	ep := startSim(t, scaleOutScenario)
	dir := t.TempDir()
	users, r := usageByVPC(t, ep, dir)
	if r.Code != 3 {
		t.Fatalf("usage: exit %d, want 3 (in use)\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	got := findersOf(users["app"])
	if !strings.Contains(got, "autoscaling-groups web-asg") || !strings.Contains(got, "ec2-launch-templates lt-0a0b0c0d0e0f00001") {
		t.Fatalf("app's default group users: %s", got)
	}
	for _, u := range users["app"] {
		if u.ResourceID == "web-asg" && !strings.Contains(u.Detail, "names no security group") {
			t.Errorf("the group's detail does not say it names no group: %s", u.Detail)
		}
	}
	if c := run(t, ep, dir, nil, "close", "--regions", "eu-west-1", "--yes"); c.Code != 5 {
		t.Fatalf("close: exit %d, want 5 (refused)\n%s\n%s", c.Code, c.Stdout, c.Stderr)
	}

	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r = run(t, ep, dir, nil, "plan", "--regions", "eu-west-1")
	mustContain(t, "plan", r.Stdout, "ec2:CreateLaunchTemplateVersion")
	if strings.Contains(r.Stdout, "! manual: Auto Scaling group web-asg") || !strings.Contains(r.Stdout, "? offer: Auto Scaling group web-asg") {
		t.Errorf("the group moves with its template (only an instance refresh is offered), yet the plan lists it as a manual step:\n%s", r.Stdout)
	}
	if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms"); r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	api := ec2Client(ep, "eu-west-1")
	def := func() (int64, []string) {
		out, err := api.DescribeLaunchTemplateVersions(ctx(t), &ec2.DescribeLaunchTemplateVersionsInput{
			LaunchTemplateId: aws.String("lt-0a0b0c0d0e0f00001"), Versions: []string{"$Default"}})
		if err != nil || len(out.LaunchTemplateVersions) != 1 {
			t.Fatalf("DescribeLaunchTemplateVersions: %v", err)
		}
		v := out.LaunchTemplateVersions[0]
		var groups []string
		for _, ni := range v.LaunchTemplateData.NetworkInterfaces {
			if aws.ToInt32(ni.DeviceIndex) == 0 {
				groups = append(groups, ni.Groups...)
				if aws.ToString(ni.SubnetId) == "" {
					t.Errorf("the new version lost the interface's subnet")
				}
			}
		}
		return aws.ToInt64(v.VersionNumber), append(groups, v.LaunchTemplateData.SecurityGroupIds...)
	}
	n, groups := def()
	if n != 2 || len(groups) != 1 || !strings.HasPrefix(groups[0], "sg-") {
		t.Fatalf("after apply the default version is %d naming %v, want 2 naming the replacement", n, groups)
	}
	if c := run(t, ep, dir, nil, "close", "--regions", "eu-west-1", "--yes"); c.Code != 0 {
		t.Fatalf("close after apply: exit %d\n%s\n%s", c.Code, c.Stdout, c.Stderr)
	}
	if r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms"); r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if n, groups := def(); n != 1 || len(groups) != 0 {
		t.Fatalf("after rollback the default version is %d naming %v, want 1 naming none", n, groups)
	}
}

// The usage part against moto: the same template and group, created through
// the SDK, must give the same users of app's default group.
func TestScaleOutOnANoGroupLaunchTemplateAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	seedMotoScaleOut(t, moto)
	views := map[string]string{}
	for name, ep := range map[string]endpoint{"simulator": startSim(t, scaleOutScenario), "moto": moto} {
		// Finders moto 5.2.1 answers with HTTP 500 are accepted as unknown.
		users, r := usageByVPC(t, ep, t.TempDir(), "--accept-unknown", motoUnservedFinders)
		if r.Code != 3 {
			t.Fatalf("%s: usage exit %d\n%s\n%s", name, r.Code, r.Stderr, r.Stdout)
		}
		var got []string
		for _, u := range users["app"] {
			if u.Finder == "autoscaling-groups" || u.Finder == "ec2-launch-templates" {
				got = append(got, u.Finder+" "+ltIDs.ReplaceAllString(u.ResourceID, "lt"))
			}
		}
		sort.Strings(got)
		views[name] = strings.Join(got, ", ")
	}
	if views["moto"] != views["simulator"] || views["moto"] != "autoscaling-groups web-asg, ec2-launch-templates lt" {
		t.Fatalf("users of app's default group differ\nsimulator: %s\nmoto:      %s", views["simulator"], views["moto"])
	}
}

var ltIDs = regexp.MustCompile(`\blt-[0-9a-f]+\b`)

func seedMotoScaleOut(t *testing.T, ep endpoint) {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "eu-west-1", ep.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	ec := ec2.NewFromConfig(cfg)
	vpc, err := ec.CreateVpc(cx, &ec2.CreateVpcInput{CidrBlock: str("10.60.0.0/16"), TagSpecifications: []ec2types.TagSpecification{{
		ResourceType: ec2types.ResourceTypeVpc, Tags: []ec2types.Tag{{Key: str("Name"), Value: str("app")}}}}})
	check("CreateVpc", err)
	var subnets []string
	for _, c := range []struct{ cidr, az string }{{"10.60.1.0/24", "eu-west-1a"}, {"10.60.2.0/24", "eu-west-1b"}} {
		sn, err := ec.CreateSubnet(cx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: str(c.cidr), AvailabilityZone: str(c.az)})
		check("CreateSubnet", err)
		subnets = append(subnets, aws.ToString(sn.Subnet.SubnetId))
	}
	_, err = ec.CreateLaunchTemplate(cx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: str("web"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: str("ami-12c6146b"),
			NetworkInterfaces: []ec2types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest{{DeviceIndex: aws.Int32(0), SubnetId: &subnets[0]}}}})
	check("CreateLaunchTemplate", err)
	_, err = autoscaling.NewFromConfig(cfg).CreateAutoScalingGroup(cx, &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: str("web-asg"), MinSize: aws.Int32(0), MaxSize: aws.Int32(1),
		VPCZoneIdentifier: str(strings.Join(subnets, ",")),
		LaunchTemplate:    &astypes.LaunchTemplateSpecification{LaunchTemplateName: str("web"), Version: str("$Default")}})
	check("CreateAutoScalingGroup", err)
}

// A template naming no group and no subnet launches into its launcher's VPC
// default group: the Auto Scaling group is a user of app's, the template of
// the default VPC's (RunInstances), and apply must not name the default
// VPC's replacement in it (the group in app would then fail to launch):
// both are manual steps.
func TestNoGroupNoSubnetTemplateIsNeverMovedToTheDefaultVPC(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIASCALEOUT0000002
    resources:
      eu-west-1:
        vpcs:
          - name: app
            cidr: 10.60.0.0/16
            subnets: [{name: app-a, cidr: 10.60.1.0/24, az: a}]
        launch_templates:
          - {name: bare, id: lt-0a0b0c0d0e0f00002, versions: [{}]}
        autoscaling_groups:
          - {name: app-asg, launch_template: {name: bare}, vpc: app, subnets: [app-a]}
regions: [us-east-1, eu-west-1]
`)
	dir := t.TempDir()
	users, r := usageByVPC(t, ep, dir)
	if r.Code != 3 {
		t.Fatalf("usage: exit %d\n%s", r.Code, r.Stderr)
	}
	if got := findersOf(users["app"]); got != "autoscaling-groups app-asg" {
		t.Errorf("app's default group: %s", got)
	}
	if got := findersOf(users[""]); got != "ec2-launch-templates lt-0a0b0c0d0e0f00002" {
		t.Errorf("the default VPC's default group: %s", got)
	}
	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s", r.Code, r.Stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Moves []struct {
			ResourceID string `json:"resource_id"`
		} `json:"moves"`
		Manual []struct {
			ResourceID   string `json:"resource_id"`
			Instructions string `json:"instructions"`
		} `json:"manual"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Moves) != 0 {
		t.Errorf("the plan moves %+v; the template's VPC is its launcher's, so nothing may be moved", p.Moves)
	}
	steps := map[string]string{}
	for _, m := range p.Manual {
		steps[m.ResourceID] = m.Instructions
	}
	if !strings.Contains(steps["app-asg"], "names the replacement group") || !strings.Contains(steps["lt-0a0b0c0d0e0f00002"], "Find who launches it") {
		t.Errorf("manual steps: %q", steps)
	}
}

// A kill at every journaled point of the move of a template naming no group,
// then apply again: one new version (never two), and rollback makes the
// first version the default again.
func TestNoGroupTemplateMoveSurvivesACrashAtEveryPoint(t *testing.T) {
	for _, point := range []string{"apply:after-intent", "apply:after-call"} {
		for n := 1; ; n++ {
			ep := startSim(t, scaleOutScenario)
			dir := t.TempDir()
			run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json")
			spec := point + ":" + strconv.Itoa(n)
			r := run(t, ep, dir, []string{"DEFAULTSG_CRASHPOINT=" + spec}, "apply", "plan.json", "--yes", "--poll", "10ms")
			if r.Code != -1 {
				if n == 1 {
					t.Fatalf("%s: never killed (exit %d)", spec, r.Code)
				}
				t.Logf("%s: %d points tried", point, n-1)
				break // every point of this kind was tried
			}
			if r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms"); r.Code != 0 {
				t.Fatalf("%s: resume: exit %d\n%s\n%s", spec, r.Code, r.Stdout, r.Stderr)
			}
			api := ec2Client(ep, "eu-west-1")
			lt, err := api.DescribeLaunchTemplates(ctx(t), &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{"lt-0a0b0c0d0e0f00001"}})
			if err != nil {
				t.Fatal(err)
			}
			if v := lt.LaunchTemplates[0]; aws.ToInt64(v.LatestVersionNumber) != 2 || aws.ToInt64(v.DefaultVersionNumber) != 2 {
				t.Fatalf("%s: after resume latest %d, default %d; want one new version, the default", spec,
					aws.ToInt64(v.LatestVersionNumber), aws.ToInt64(v.DefaultVersionNumber))
			}
			if r := run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms"); r.Code != 0 {
				t.Fatalf("%s: rollback: exit %d\n%s\n%s", spec, r.Code, r.Stdout, r.Stderr)
			}
			lt, err = api.DescribeLaunchTemplates(ctx(t), &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{"lt-0a0b0c0d0e0f00001"}})
			if err != nil || aws.ToInt64(lt.LaunchTemplates[0].DefaultVersionNumber) != 1 {
				t.Fatalf("%s: after rollback: %v %+v", spec, err, lt)
			}
		}
	}
}
