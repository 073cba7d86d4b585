package movers

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestSwapKeepsOtherGroupsAndOrder(t *testing.T) {
	for _, c := range []struct {
		in, want []string
		ok       bool
	}{
		{[]string{"sg-a", "sg-def", "sg-b"}, []string{"sg-a", "sg-new", "sg-b"}, true},
		{[]string{"sg-def", "sg-new"}, []string{"sg-new"}, true}, // never twice
		{[]string{"sg-a"}, []string{"sg-a"}, false},
		{nil, nil, false},
	} {
		got, ok := Swap(c.in, "sg-def", "sg-new")
		if ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Swap(%v) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestEveryResourceTypeHasOneMover(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range All {
		if m.Targets == nil || m.Move == nil || m.Restore == nil || m.API == "" || len(m.IAM) == 0 {
			t.Errorf("mover %v is incomplete", m.Types)
		}
		for _, typ := range m.Types {
			if seen[typ] {
				t.Errorf("two movers for %q", typ)
			}
			seen[typ] = true
		}
	}
}

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

func TestIDInParens(t *testing.T) {
	if idInParens("fs-1 (fsmt-2)") != "fsmt-2" || idInParens("app-lt (lt-0abc)") != "lt-0abc" || idInParens("pg") != "pg" {
		t.Fatal("idInParens")
	}
}
