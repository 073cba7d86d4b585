package ec2

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

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
	us, err := findLaunchTemplates(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range us {
		got[u.ResourceID] = u.GroupID + " " + u.Detail + " " + string(u.ResourceKind)
	}
	// None is the default version: each is an immutable older version.
	want := map[string]string{"a": "sg-def2 lt-a version 1 ec2.launch-template-version", "b": "sg-def lt-b version 1 ec2.launch-template-version",
		"c": "sg-def lt-c version 7 ec2.launch-template-version"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %q want %q", k, got[k], w)
		}
	}
}

func (f *fakeGroups) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	name, vals := aws.ToString(in.Filters[0].Name), in.Filters[0].Values
	out := &ec2.DescribeSecurityGroupsOutput{}
	for _, g := range f.groups {
		perms := g.IpPermissions
		if strings.HasPrefix(name, "egress.") {
			perms = g.IpPermissionsEgress
		}
		if len(svc.Matching(usage.Target{GroupIDs: vals}, pairIDs(perms))) > 0 {
			out.SecurityGroups = append(out.SecurityGroups, g)
		}
	}
	return out, nil
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
	us, err := findGroupReferences(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:sg-db:reference sg-def2:sg-out:reference" {
		t.Fatalf("got %q", got)
	}
}

type fakeGroups struct{ groups []types.SecurityGroup }

func pairIDs(perms []types.IpPermission) []string {
	var out []string
	for _, p := range perms {
		for _, u := range p.UserIdGroupPairs {
			out = append(out, aws.ToString(u.GroupId))
		}
	}
	return out
}

// A default version naming no group launches into its interface's subnet's
// VPC default group, or without a subnet the default VPC's; an older
// version naming none is left to the consumer pinning it.
func TestLaunchTemplatesDefaultVersionNamingNoGroup(t *testing.T) {
	def := func(n int64, d types.ResponseLaunchTemplateData) types.LaunchTemplateVersion {
		return types.LaunchTemplateVersion{VersionNumber: aws.Int64(n), DefaultVersion: aws.Bool(true), LaunchTemplateData: &d}
	}
	f := &fakeTemplates{versions: map[string][]types.LaunchTemplateVersion{
		"sub":  {def(1, types.ResponseLaunchTemplateData{NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecification{{DeviceIndex: aws.Int32(0), SubnetId: aws.String("subnet-a")}}})},
		"none": {def(2, types.ResponseLaunchTemplateData{})},
		"old":  {{VersionNumber: aws.Int64(1), LaunchTemplateData: &types.ResponseLaunchTemplateData{}}},
		"web":  {def(1, types.ResponseLaunchTemplateData{SecurityGroups: []string{"web"}})},
	}}
	us, err := findLaunchTemplates(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range us {
		got[u.ResourceID] = u.GroupID + " " + string(u.ResourceKind) + " " + string(u.Change)
	}
	// Without a subnet the VPC is the launcher's: apply must not guess it.
	want := map[string]string{"sub": "subnets:subnet-a ec2.launch-template deployment", "none": "sg-def ec2.launch-template unknown"}
	if len(got) != len(want) || got["sub"] != want["sub"] || got["none"] != want["none"] {
		t.Fatalf("got %v, want %v", got, want)
	}
}
