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
