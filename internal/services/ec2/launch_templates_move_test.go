package ec2

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// A new launch template version's interface list replaces the source's, so
// every field of every interface must be copied, with only the group swapped.
func TestSwappedLaunchTemplateDataCopiesInterfacesWhole(t *testing.T) {
	d := &types.ResponseLaunchTemplateData{
		SecurityGroupIds: []string{"sg-def"},
		NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecification{{
			DeviceIndex: aws.Int32(0), SubnetId: aws.String("subnet-1"), AssociatePublicIpAddress: aws.Bool(true),
			Groups: []string{"sg-web", "sg-def"}, Description: aws.String("primary")}},
	}
	got, err := swappedData(d, "sg-def", "sg-new")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.SecurityGroupIds, []string{"sg-new"}) {
		t.Fatalf("ids %v", got.SecurityGroupIds)
	}
	ni := got.NetworkInterfaces[0]
	if aws.ToInt32(ni.DeviceIndex) != 0 || aws.ToString(ni.SubnetId) != "subnet-1" || !aws.ToBool(ni.AssociatePublicIpAddress) ||
		aws.ToString(ni.Description) != "primary" || !reflect.DeepEqual(ni.Groups, []string{"sg-web", "sg-new"}) {
		t.Fatalf("interface not copied whole: %+v", ni)
	}
}

// A version naming no group gets the replacement named: on the primary
// interface (copied whole) when it has interfaces, else in SecurityGroupIds.
func TestNamedDataForVersionNamingNoGroup(t *testing.T) {
	if !namesNoGroup(&types.ResponseLaunchTemplateData{}) || namesNoGroup(&types.ResponseLaunchTemplateData{SecurityGroups: []string{"web"}}) ||
		namesNoGroup(&types.ResponseLaunchTemplateData{NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecification{{Groups: []string{"sg-x"}}}}) {
		t.Fatal("namesNoGroup")
	}
	got, err := namedData(&types.ResponseLaunchTemplateData{}, "sg-new")
	if err != nil || !reflect.DeepEqual(got.SecurityGroupIds, []string{"sg-new"}) || got.NetworkInterfaces != nil {
		t.Fatalf("no interfaces: %+v %v", got, err)
	}
	got, err = namedData(&types.ResponseLaunchTemplateData{NetworkInterfaces: []types.LaunchTemplateInstanceNetworkInterfaceSpecification{
		{DeviceIndex: aws.Int32(1), SubnetId: aws.String("subnet-2")},
		{DeviceIndex: aws.Int32(0), SubnetId: aws.String("subnet-1"), Description: aws.String("primary")}}}, "sg-new")
	if err != nil || got.SecurityGroupIds != nil || len(got.NetworkInterfaces) != 2 {
		t.Fatalf("interfaces: %+v %v", got, err)
	}
	if p := got.NetworkInterfaces[1]; !reflect.DeepEqual(p.Groups, []string{"sg-new"}) || aws.ToString(p.SubnetId) != "subnet-1" || aws.ToString(p.Description) != "primary" {
		t.Fatalf("primary interface: %+v", p)
	}
	if got.NetworkInterfaces[0].Groups != nil || aws.ToString(got.NetworkInterfaces[0].SubnetId) != "subnet-2" {
		t.Fatalf("secondary interface: %+v", got.NetworkInterfaces[0])
	}
}
